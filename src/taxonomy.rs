//! Which 二级指标 belong to which 一级指标 (domain.md section 3).

pub const OUTPUT: &str = "产出指标";
pub const BENEFIT: &str = "效益指标";
pub const SATISFACTION: &str = "满意度指标";
pub const COST: &str = "成本指标";

/// 一级指标 and their allowed 二级指标; synonyms are accepted and printed as written.
pub const LEVELS: &[(&str, &[&str])] = &[
    (
        OUTPUT,
        &["数量指标", "质量指标", "时效指标", "进度指标", "成本指标"],
    ),
    (
        BENEFIT,
        &[
            "经济效益指标",
            "社会效益指标",
            "生态效益指标",
            "环境效益指标",
            "可持续影响指标",
        ],
    ),
    (SATISFACTION, &["服务对象满意度指标"]),
    (COST, &["经济成本指标", "社会成本指标", "生态环境成本指标"]),
];

pub fn level1_names() -> Vec<&'static str> {
    LEVELS.iter().map(|(name, _)| *name).collect()
}

/// The 二级指标 allowed under `level1`, or None when `level1` is not a 一级指标.
pub fn level2_names(level1: &str) -> Option<&'static [&'static str]> {
    LEVELS
        .iter()
        .find(|(name, _)| *name == level1)
        .map(|(_, level2)| *level2)
}

/// The 一级指标 that a misplaced 二级指标 belongs to.
pub fn home_of(level2: &str) -> Option<&'static str> {
    LEVELS
        .iter()
        .find(|(_, children)| children.contains(&level2))
        .map(|(name, _)| *name)
}
