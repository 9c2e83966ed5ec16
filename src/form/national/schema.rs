//! The JSON Schema of the keys only the national tables have, as editors offer them.

use schemars::{Schema, SchemaGenerator};

use super::{Funds, OverallGoal};
use crate::form::keys::TopKey;
use crate::model::tree_schema::indicator_groups;

/// What editors call these forms' object definitions (instead of the Rust type's name).
pub const DEFINITION_TITLES: &[(&str, &str)] = &[
    ("Funds", "资金"),
    ("FundTotal", "年度资金总额"),
    ("FundRow", "其中的一行"),
    ("OverallGoal", "年度总体目标"),
];

/// The schema of the value under `key` and what it is, when `key` is one of these forms'.
pub fn key_schema(key: TopKey, generator: &mut SchemaGenerator) -> Option<(Schema, &'static str)> {
    let schema = match key {
        TopKey::ProjectName => (
            generator.subschema_for::<String>(),
            "项目名称（项目支出绩效自评表必填）",
        ),
        TopKey::Department => (
            generator.subschema_for::<String>(),
            "主管部门（全国表样，可选）",
        ),
        TopKey::Implementer => (
            generator.subschema_for::<String>(),
            "实施单位（全国表样，可选；不写时为单位名称）",
        ),
        TopKey::Funds => (
            generator.subschema_for::<Funds>(),
            "项目资金（全国表样必填，万元）：分值、年度资金总额和其中各行",
        ),
        TopKey::OverallGoal => (
            generator.subschema_for::<OverallGoal>(),
            "年度总体目标（全国表样必填）：预期目标和实际完成情况",
        ),
        TopKey::Indicators => (
            indicator_groups(generator),
            "绩效指标（全国表样必填）：一级指标 → 二级指标 → 三级指标的列表",
        ),
        TopKey::Remarks => (
            generator.subschema_for::<String>(),
            "备注（全国表样，可选）：印在表下的注，如本单位采用的计分规则",
        ),
        _ => return None,
    };
    Some(schema)
}
