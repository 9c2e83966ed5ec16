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

/// Names real tables use for a 一级指标: accepted and printed as written, with a warning naming
/// the standard term.
pub const LEVEL1_VARIANTS: &[(&str, &str)] = &[
    ("产出", OUTPUT),
    ("效益", BENEFIT),
    ("满意度", SATISFACTION),
];

/// Names real tables use for a 二级指标, by the standard 二级指标 they stand for. (进度指标 and
/// 环境效益指标 are in the official table itself, beside 时效指标 and 生态效益指标.)
pub const LEVEL2_VARIANTS: &[(&str, &str)] = &[
    ("时效性指标", "时效指标"),
    ("时效", "时效指标"),
    ("进度", "时效指标"),
    ("数量", "数量指标"),
    ("质量", "质量指标"),
    ("成本", "成本指标"),
    ("经济效益", "经济效益指标"),
    ("社会效益", "社会效益指标"),
    ("生态效益", "生态效益指标"),
    ("环境效益", "生态效益指标"),
    ("可持续影响", "可持续影响指标"),
    ("可持续发展指标", "可持续影响指标"),
    ("满意度指标", "服务对象满意度指标"),
    ("群众满意度指标", "服务对象满意度指标"),
    ("群众满意度", "服务对象满意度指标"),
    ("服务对象满意度", "服务对象满意度指标"),
    ("社会公众满意度指标", "服务对象满意度指标"),
    ("社会公众或服务对象满意度指标", "服务对象满意度指标"),
];

/// The standard 一级指标 that `name` is or stands for.
pub fn standard_level1(name: &str) -> Option<&'static str> {
    LEVELS
        .iter()
        .map(|(standard, _)| *standard)
        .find(|standard| *standard == name)
        .or_else(|| variant_of(LEVEL1_VARIANTS, name))
}

/// The 二级指标 allowed under `level1` that `name` is or stands for.
pub fn standard_level2(level1: &str, name: &str) -> Option<&'static str> {
    let allowed = level2_names(standard_level1(level1)?)?;
    allowed
        .iter()
        .copied()
        .find(|standard| *standard == name)
        .or_else(|| variant_of(LEVEL2_VARIANTS, name).filter(|s| allowed.contains(s)))
}

fn variant_of(variants: &[(&str, &'static str)], name: &str) -> Option<&'static str> {
    variants
        .iter()
        .find(|(variant, _)| *variant == name)
        .map(|(_, standard)| *standard)
}

/// Every name accepted for a 二级指标 under the standard `level1`: the standard ones and the
/// variants standing for them.
pub fn accepted_level2(level1: &str) -> Vec<&'static str> {
    let allowed = level2_names(level1).unwrap_or_default();
    let variants = LEVEL2_VARIANTS
        .iter()
        .filter(|(_, standard)| allowed.contains(standard))
        .map(|(variant, _)| *variant);
    allowed.iter().copied().chain(variants).collect()
}

/// A 二级指标 name (standard or variant) that belongs elsewhere: its standard 一级指标.
pub fn home_of_any(level2: &str) -> Option<&'static str> {
    home_of(level2).or_else(|| variant_of(LEVEL2_VARIANTS, level2).and_then(home_of))
}

/// The 一级 and 二级指标 of the framework 决策过程产出效益, as those tables print them (a 一级
/// written with 指标 after it, or 效果 for 效益, is the same).
pub const DECISION_PROCESS_LEVELS: &[(&str, &[&str])] = &[
    ("决策", &["项目立项", "绩效目标", "资金投入"]),
    ("过程", &["资金管理", "组织实施"]),
    (
        "产出",
        &[
            "产出数量",
            "产出质量",
            "产出时效",
            "产出成本",
            "数量指标",
            "质量指标",
            "时效指标",
            "成本指标",
        ],
    ),
    (
        "效益",
        &[
            "项目效益",
            "经济效益",
            "社会效益",
            "生态效益",
            "可持续影响",
            "满意度",
            "经济效益指标",
            "社会效益指标",
            "生态效益指标",
            "可持续影响指标",
            "服务对象满意度指标",
        ],
    ),
];

/// The 一级指标 of 决策过程产出效益 that `name` is: 决策 or 决策指标, …, 效果 for 效益.
pub fn decision_process_level1(name: &str) -> Option<(&'static str, &'static [&'static str])> {
    let name = name.strip_suffix("指标").unwrap_or(name);
    let name = if name == "效果" { "效益" } else { name };
    DECISION_PROCESS_LEVELS
        .iter()
        .find(|(level1, _)| *level1 == name)
        .copied()
}
