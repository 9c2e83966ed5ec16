//! The example report of `jixiao new` without `--from`: one unit, a budget and two goals with
//! indicators of every kind (正向, 反向 `≤`, target `0起`, qualitative), commented.

use super::{NewFile, Plan};

/// The example's files, with `{{年度}}` and `{{次年}}` standing for the years.
const FILES: &[(&str, &str)] = &[
    ("单位.yaml", include_str!("example/单位.yaml")),
    ("目标1-民生.yaml", include_str!("example/目标1-民生.yaml")),
    ("目标2-安全.yaml", include_str!("example/目标2-安全.yaml")),
    ("摘要.yaml", include_str!("example/摘要.yaml")),
    ("自评表.yaml", include_str!("example/自评表.yaml")),
];

/// The example report for `year`.
pub fn plan(year: u16) -> Plan {
    let files = FILES
        .iter()
        .map(|(name, text)| NewFile {
            name: (*name).to_string(),
            text: text
                .replace("{{年度}}", &year.to_string())
                .replace("{{次年}}", &(u32::from(year) + 1).to_string()),
        })
        .collect();
    Plan {
        files,
        year,
        goals: 2,
        indicators: 11,
    }
}
