//! The example report of the 部门整体绩效自评表 (`jixiao new` without `--from`): one unit, a
//! budget and two goals with indicators of every kind (正向, 反向 `≤`, target `0起`,
//! qualitative). Commented.

use crate::form::example::Example;

/// The example's files, with `{{年度}}` and `{{次年}}` standing for the years.
const FILES: &[(&str, &str)] = &[
    ("单位.yaml", include_str!("example/单位.yaml")),
    ("目标1-民生.yaml", include_str!("example/目标1-民生.yaml")),
    ("目标2-安全.yaml", include_str!("example/目标2-安全.yaml")),
    ("摘要.yaml", include_str!("example/摘要.yaml")),
    ("自评表.yaml", include_str!("example/自评表.yaml")),
];

pub fn example() -> Example {
    Example {
        files: FILES
            .iter()
            .map(|(name, text)| (*name, (*text).to_string()))
            .collect(),
        goals: Some(2),
        indicators: 11,
    }
}
