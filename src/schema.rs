//! The JSON Schema (draft-07) of the YAML sources, generated from the model types so that it
//! cannot drift from them. Editors use it to complete keys and flag mistakes while typing; the
//! loader's own checks stay the authority (they also see across files and do the sums).
//!
//! The derived parts come from `#[derive(JsonSchema)]` on the model with its serde `rename`s
//! and Chinese `#[schemars(description)]`s; here are the hand-written parts: the scalar
//! newtypes, [`At`] and the top level (from [`TopKey`], which the loader reads too), whose keys
//! of every form are here and each form's own keys come from the form
//! ([`crate::form::key_schema`]). The indicator tree is [`crate::model::tree_schema`].

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value};

use crate::form::{self, FormKind, TopKey};
use crate::located::At;
use crate::model::{
    Amount, AnnexTexts, Date, Percent, PercentRange, ScorePlaces, Settings, Text, YEARS, Year,
};

mod editor;

/// What editors call the object definitions of every form (on a skeleton, instead of the Rust
/// type's name); each form names its own ([`form::definition_titles`]).
const DEFINITION_TITLES: [(&str, &str); 5] = [
    ("Goal", "年度目标"),
    ("Indicator", "绩效指标"),
    ("Budget", "预算"),
    ("Settings", "设置"),
    ("AnnexTexts", "自评表"),
];

/// Where the generated schema is kept in the repository, relative to its root.
pub const SCHEMA_FILE: &str = "schema/jixiao.schema.json";

/// A plain decimal as [`crate::model::parse_amount`] reads it, when written as a YAML string.
pub const AMOUNT_PATTERN: &str = r"^\s*-?[0-9]+(\.[0-9]+)?\s*$";

/// A percentage as [`Percent`] reads it: a plain decimal followed by `%` or `％`.
pub const PERCENT_PATTERN: &str = r"^\s*-?[0-9]+(\.[0-9]+)?\s*[%％]\s*$";

/// A range of percentages as [`PercentRange`] reads it: `60%-80%`.
pub const PERCENT_RANGE_PATTERN: &str =
    r"^\s*[0-9]+(\.[0-9]+)?\s*[%％]\s*[-–—~～至到]\s*[0-9]+(\.[0-9]+)?\s*[%％]\s*$";

/// A date `YYYY-MM-DD` from the year 1000 (month and day may have one digit); [`Date`] also
/// checks the calendar.
pub const DATE_PATTERN: &str = r"^\s*[1-9][0-9]{3}-(0?[1-9]|1[0-2])-(0?[1-9]|[12][0-9]|3[01])\s*$";

/// A year of four digits written as a YAML string.
pub const YEAR_PATTERN: &str = r"^\s*[0-9]{4}\s*$";

// What the editor says when a value has the wrong form (the Red Hat YAML language server reads
// `errorMessage` for a wrong type and `patternErrorMessage` for a failed pattern).
const AMOUNT_ERROR: &str = "这里要写数字，如 13581.29：不写单位、千分位逗号或汉字";
const PERCENT_ERROR: &str = "这里要写百分数，带 %，如 30%";
const PERCENT_RANGE_ERROR: &str = "这里要写百分数区间，两端都带 %，如 60%-80%";
const DATE_ERROR: &str = "日期要写成 2023-06-10（年-月-日）";
// The range of `YEARS`, which `jixiao check` and `jixiao new --year` accept.
const YEAR_ERROR: &str = "年度要写 1990 到 2100 之间的四位数字，如 2022";

/// The schema as pretty JSON ending in a newline: what `jixiao schema` prints.
pub fn schema_json() -> Result<String, serde_json::Error> {
    // Sorted here so that the text stays the same should a dependency turn on serde_json's
    // `preserve_order`; schemars still writes its usual keywords (`$schema`, `title`…) first.
    let mut value = report_schema().to_value();
    value.sort_all_objects();
    let mut text = serde_json::to_string_pretty(&Schema::try_from(value)?)?;
    text.push('\n');
    Ok(text)
}

/// The schema of one source file of a report, shaped for editors (see [`editor`]).
pub fn report_schema() -> Schema {
    let mut schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<SourceFile>();
    let titles: Vec<(&str, &str)> = DEFINITION_TITLES
        .iter()
        .chain(form::definition_titles())
        .copied()
        .collect();
    if let Some(root) = schema.as_object_mut() {
        editor::reshape(root, &titles);
    }
    schema
}

/// The top level of one source file. Nothing is required here: a report may be a folder whose
/// files each hold some of the keys (the loader reports what is missing from all of them).
struct SourceFile;

impl JsonSchema for SourceFile {
    fn schema_name() -> Cow<'static, str> {
        "部门整体绩效自评结果".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let mut properties: Map<String, Value> = TopKey::ALL
            .into_iter()
            .map(|top| (top.key().to_string(), top_level_value(top, generator)))
            .collect();
        // Keys of a form that are no `TopKey`, such as `年度目标1`.
        let more = form::more_key_schemas(generator).into_iter();
        properties.extend(more.map(|(key, schema)| (key, schema.to_value())));
        let patterns = form::key_pattern_schemas(generator).into_iter();
        let pattern_properties: Map<String, Value> = patterns
            .map(|(pattern, schema)| (pattern, schema.to_value()))
            .collect();
        json_schema!({
            "description": "jixiao 的 YAML 源文件：部门整体绩效自评结果。报告可以是一个文件，也可以是一个文件夹，各文件的顶层键合并在一起",
            "type": "object",
            "properties": properties,
            "patternProperties": pattern_properties,
            "additionalProperties": false,
        })
    }
}

/// The schema of the value under a top-level key; the types are those the loader reads.
fn top_level_value(top: TopKey, generator: &mut SchemaGenerator) -> Value {
    let (schema, description) = common_key(top, generator)
        .or_else(|| form::key_schema(top, generator))
        .unwrap_or_else(|| (Schema::default(), ""));
    described(schema, description).to_value()
}

/// The schema of the value under a key of every form, and what it is.
fn common_key(top: TopKey, generator: &mut SchemaGenerator) -> Option<(Schema, &'static str)> {
    let schema = match top {
        TopKey::Form => (
            generator.subschema_for::<FormKind>(),
            FormKind::KEY_DESCRIPTION,
        ),
        TopKey::UnitName => (generator.subschema_for::<String>(), "单位名称（必填）"),
        TopKey::Year => (
            generator.subschema_for::<Year>(),
            "评价的预算年度（必填），如 2022",
        ),
        TopKey::Submitted => (
            generator.subschema_for::<Date>(),
            "提交时间（必填），写成 2023-06-10",
        ),
        TopKey::Settings => (generator.subschema_for::<Settings>(), "设置（可选）"),
        TopKey::Annex => (
            generator.subschema_for::<AnnexTexts>(),
            "附件1 自评表的长文字和表下的填报人、联系电话、单位负责人、填报日期、盖章（可选；全国表样只用后几项）",
        ),
        _ => return None,
    };
    Some(schema)
}

/// `schema` with a description (beside a `$ref`, draft-07 output moves it into an `allOf`).
fn described(mut schema: Schema, description: &str) -> Schema {
    schema.insert("description".into(), description.into());
    schema
}

impl<T: JsonSchema> JsonSchema for At<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        format!("At<{}>", T::schema_id()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        generator.subschema_for::<T>()
    }
}

impl JsonSchema for Amount {
    fn schema_name() -> Cow<'static, str> {
        "Amount".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "数字，如 13581.29：只写阿拉伯数字和小数点，不写单位、千分位逗号或汉字",
            "errorMessage": AMOUNT_ERROR,
            "anyOf": [
                { "type": "number", "errorMessage": AMOUNT_ERROR },
                { "type": "string", "pattern": AMOUNT_PATTERN, "patternErrorMessage": AMOUNT_ERROR },
            ],
        })
    }
}

impl JsonSchema for Percent {
    fn schema_name() -> Cow<'static, str> {
        "Percent".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "百分数，如 30%（要写 %）",
            "type": "string",
            "pattern": PERCENT_PATTERN,
            "errorMessage": PERCENT_ERROR,
            "patternErrorMessage": PERCENT_ERROR,
        })
    }
}

impl JsonSchema for PercentRange {
    fn schema_name() -> Cow<'static, str> {
        "PercentRange".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "百分数区间，如 60%-80%（两端都写 %）",
            "type": "string",
            "pattern": PERCENT_RANGE_PATTERN,
            "patternErrorMessage": PERCENT_RANGE_ERROR,
        })
    }
}

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "文字或数字，按所写的原样保留：如 ≥80%、30 个、不断提升",
            "type": ["string", "number"],
        })
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "日期，写成 2023-06-10（年-月-日）",
            "type": "string",
            "pattern": DATE_PATTERN,
            "errorMessage": DATE_ERROR,
            "patternErrorMessage": DATE_ERROR,
        })
    }
}

impl JsonSchema for ScorePlaces {
    fn schema_name() -> Cow<'static, str> {
        "ScorePlaces".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "得分小数位数：2（默认）、1 或 0",
            "errorMessage": SCORE_PLACES_ERROR,
            "anyOf": [
                { "type": "integer", "enum": [0, 1, 2], "errorMessage": SCORE_PLACES_ERROR },
                { "type": "string", "enum": ["0", "1", "2"], "errorMessage": SCORE_PLACES_ERROR },
            ],
        })
    }
}

/// What an editor says about a 得分小数位数 other than 0, 1 or 2.
const SCORE_PLACES_ERROR: &str = "得分小数位数写 2（默认）、1 或 0";

impl JsonSchema for Year {
    fn schema_name() -> Cow<'static, str> {
        "Year".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "年份，四位阿拉伯数字，如 2022",
            "errorMessage": YEAR_ERROR,
            "anyOf": [
                { "type": "integer", "minimum": YEARS.start(), "maximum": YEARS.end(), "errorMessage": YEAR_ERROR },
                { "type": "string", "pattern": YEAR_PATTERN, "patternErrorMessage": YEAR_ERROR },
            ],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_top_level_key_has_a_schema() {
        let mut generator = SchemaSettings::draft07().into_generator();
        for top in TopKey::ALL {
            let schema =
                common_key(top, &mut generator).or_else(|| form::key_schema(top, &mut generator));
            assert!(schema.is_some(), "{top:?}");
        }
    }
}
