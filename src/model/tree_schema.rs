//! The JSON Schema of an indicator tree, 一级指标 → 二级指标 → the list of indicators, with only
//! the names [`super::taxonomy`] allows at each level: under a goal's `指标` and under a form's
//! own `指标` alike.

use schemars::{Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value};

use super::taxonomy::{self, LEVEL1_VARIANTS, LEVELS};
use super::tree::Indicator;

/// The schema of a `指标` mapping: 一级指标 → 二级指标 → the list of indicators.
pub fn indicator_groups(generator: &mut SchemaGenerator) -> Schema {
    let indicators = generator.subschema_for::<Vec<Indicator>>();
    let standard = LEVELS.iter().map(|(name, _)| (*name, *name));
    let variants = LEVEL1_VARIANTS.iter().copied();
    let level1: Map<String, Value> = standard
        .chain(variants)
        .map(|(name, standard)| (name.to_string(), level1_group(name, standard, &indicators)))
        .collect();
    json_schema!({
        "description": "绩效指标，按一级指标、二级指标分组：一级指标下写二级指标，二级指标下写三级指标的列表",
        "type": "object",
        "properties": level1,
        "additionalProperties": false,
    })
}

/// A 一级指标 `name` (standing for `standard`) with every 二级指标 name accepted under it.
fn level1_group(name: &str, standard: &str, indicators: &Schema) -> Value {
    let level2 = taxonomy::level2_names(standard).unwrap_or_default();
    let properties: Map<String, Value> = taxonomy::accepted_level2(standard)
        .iter()
        .map(|group| {
            let description = match taxonomy::standard_level2(standard, group) {
                Some(standard2) if standard2 != *group => {
                    format!("二级指标「{group}」（「{standard2}」的常见写法）下的三级指标")
                }
                _ => format!("二级指标「{group}」下的三级指标"),
            };
            let mut schema = indicators.clone();
            schema.insert("description".into(), description.into());
            (group.to_string(), schema.to_value())
        })
        .collect();
    let variant = if name == standard {
        String::new()
    } else {
        format!("（「{standard}」的常见写法）")
    };
    json_schema!({
        "description": format!("一级指标「{name}」{variant}，其下的二级指标可以是：{}", level2.join("、")),
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    })
    .to_value()
}
