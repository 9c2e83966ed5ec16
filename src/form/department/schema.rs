//! The JSON Schema of the keys only the 部门整体绩效自评表 has, as editors offer them.

use schemars::{Schema, SchemaGenerator};

use super::AbridgedTexts;
use super::keys::NUMBERED_GOAL_PREFIX;
use crate::form::keys::TopKey;
use crate::model::tree::{Budget, Goal};

/// What editors call this form's object definitions (instead of the Rust type's name).
pub const DEFINITION_TITLES: &[(&str, &str)] = &[("AbridgedTexts", "摘要")];

/// How many `年度目标N` keys editors offer by name (the loader accepts any number).
const NUMBERED_GOALS_OFFERED: usize = 9;

/// The schema of the value under `key` and what it is, when `key` is one of this form's.
pub fn key_schema(key: TopKey, generator: &mut SchemaGenerator) -> Option<(Schema, &'static str)> {
    let schema = match key {
        TopKey::ShortName => (
            generator.subschema_for::<String>(),
            "单位简称（部门整体绩效自评表，可选），用于生成的句子",
        ),
        TopKey::Region => (
            generator.subschema_for::<String>(),
            "地区（部门整体绩效自评表，可选），印在封面的第一行",
        ),
        TopKey::Title => (
            generator.subschema_for::<String>(),
            "报告名称（部门整体绩效自评表，可选），默认为「年度 + 年度部门整体绩效自评结果」",
        ),
        TopKey::Budget => (
            generator.subschema_for::<Budget>(),
            "预算执行情况（部门整体绩效自评表必填，金额单位：万元）",
        ),
        TopKey::Goals => (
            generator.subschema_for::<Vec<Goal>>(),
            "年度目标的列表（部门整体绩效自评表必填）；也可以每个目标单独成键，写成「年度目标1」「年度目标2」……，两种写法不能同时使用",
        ),
        TopKey::Abridged => (
            generator.subschema_for::<AbridgedTexts>(),
            "摘要版的文字（部门整体绩效自评表，可选）",
        ),
        _ => return None,
    };
    Some(schema)
}

/// `年度目标1` … `年度目标9` with the schema of a goal: editors offer only named keys, never
/// a pattern's.
pub fn numbered_goal_keys(generator: &mut SchemaGenerator) -> Vec<(String, Schema)> {
    let goal = numbered_goal(generator);
    (1..=NUMBERED_GOALS_OFFERED)
        .map(|number| (format!("{NUMBERED_GOAL_PREFIX}{number}"), goal.clone()))
        .collect()
}

/// `年度目标1`, `年度目标 2`, `年度目标３`: the numbered keys the loader accepts, as a pattern.
pub fn numbered_goal_pattern(generator: &mut SchemaGenerator) -> (String, Schema) {
    let pattern = format!(r"^{NUMBERED_GOAL_PREFIX}\s*[0-9０-９]+\s*$");
    (pattern, numbered_goal(generator))
}

fn numbered_goal(generator: &mut SchemaGenerator) -> Schema {
    let mut goal = generator.subschema_for::<Goal>();
    goal.insert(
        "description".into(),
        "一个年度目标：每个目标单独成键时写「年度目标1」「年度目标2」……，从 1 开始连续编号".into(),
    );
    goal
}
