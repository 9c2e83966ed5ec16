//! The top-level keys of every form, in one list: the loader, the schema and `new` name them
//! from here; which form owns a key is said in [`super::key_forms`].

/// A top-level key of a report. The loader and the JSON Schema read the keys of every form
/// themselves and a form's own keys through the form, so a key added here must be handled by
/// both (a test of the schema checks that every key has one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TopKey {
    Form,
    UnitName,
    ShortName,
    Region,
    Year,
    Submitted,
    Title,
    Settings,
    Budget,
    Goals,
    Abridged,
    Annex,
    ProjectName,
    Department,
    Implementer,
    Funds,
    OverallGoal,
    Indicators,
    Remarks,
}

impl TopKey {
    /// Every top-level key, in the order the README lists them.
    pub const ALL: [TopKey; 19] = [
        TopKey::Form,
        TopKey::UnitName,
        TopKey::ShortName,
        TopKey::Region,
        TopKey::Year,
        TopKey::Submitted,
        TopKey::Title,
        TopKey::Settings,
        TopKey::Budget,
        TopKey::Goals,
        TopKey::Abridged,
        TopKey::Annex,
        TopKey::ProjectName,
        TopKey::Department,
        TopKey::Implementer,
        TopKey::Funds,
        TopKey::OverallGoal,
        TopKey::Indicators,
        TopKey::Remarks,
    ];

    /// The key as written in the YAML.
    pub const fn key(self) -> &'static str {
        match self {
            TopKey::Form => "表样",
            TopKey::UnitName => "单位名称",
            TopKey::ShortName => "简称",
            TopKey::Region => "地区",
            TopKey::Year => "年度",
            TopKey::Submitted => "提交时间",
            TopKey::Title => "报告名称",
            TopKey::Settings => "设置",
            TopKey::Budget => "预算",
            TopKey::Goals => "年度目标",
            TopKey::Abridged => "摘要",
            TopKey::Annex => "自评表",
            TopKey::ProjectName => "项目名称",
            TopKey::Department => "主管部门",
            TopKey::Implementer => "实施单位",
            TopKey::Funds => "资金",
            TopKey::OverallGoal => "年度总体目标",
            TopKey::Indicators => "指标",
            TopKey::Remarks => "备注",
        }
    }

    pub fn from_key(key: &str) -> Option<TopKey> {
        TopKey::ALL.into_iter().find(|top| top.key() == key)
    }
}

/// The top-level keys a report may have, in the order the README lists them.
pub const TOP_LEVEL_KEYS: &[&str] = &top_level_keys();

const fn top_level_keys() -> [&'static str; TopKey::ALL.len()] {
    let mut keys = [""; TopKey::ALL.len()];
    let mut index = 0;
    while index < keys.len() {
        keys[index] = TopKey::ALL[index].key();
        index += 1;
    }
    keys
}
