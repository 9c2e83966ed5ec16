//! The example report of `jixiao new` without `--from`, in the form asked for: for the
//! 部门整体绩效自评表 one unit, a budget and two goals with indicators of every kind (正向, 反向
//! `≤`, target `0起`, qualitative); for the national tables one table of every block. Commented.

use super::{NewFile, Plan};
use crate::form::FormKind;

/// The example's files, with `{{年度}}` and `{{次年}}` standing for the years.
const DEPARTMENT: &[(&str, &str)] = &[
    ("单位.yaml", include_str!("example/单位.yaml")),
    ("目标1-民生.yaml", include_str!("example/目标1-民生.yaml")),
    ("目标2-安全.yaml", include_str!("example/目标2-安全.yaml")),
    ("摘要.yaml", include_str!("example/摘要.yaml")),
    ("自评表.yaml", include_str!("example/自评表.yaml")),
];

/// The 项目支出绩效自评表 example; the 部门整体支出 one is made from it ([`for_department`]).
const NATIONAL: &[(&str, &str)] = &[
    ("单位.yaml", include_str!("example_national/单位.yaml")),
    (
        "总体目标.yaml",
        include_str!("example_national/总体目标.yaml"),
    ),
    ("指标.yaml", include_str!("example_national/指标.yaml")),
    ("自评表.yaml", include_str!("example_national/自评表.yaml")),
];

/// The example report of `form` for `year`.
pub fn plan(year: u16, form: FormKind) -> Plan {
    let (files, goals, indicators) = match form {
        FormKind::Department => (DEPARTMENT, 2, 11),
        FormKind::Project | FormKind::DepartmentSpending => (NATIONAL, 1, 6),
    };
    let files = files
        .iter()
        .map(|(name, text)| {
            let text = if form == FormKind::DepartmentSpending {
                for_department(text)
            } else {
                (*text).to_string()
            };
            NewFile {
                name: (*name).to_string(),
                text: text
                    .replace("{{年度}}", &year.to_string())
                    .replace("{{次年}}", &(u32::from(year) + 1).to_string()),
            }
        })
        .collect();
    Plan {
        files,
        year,
        form,
        goals,
        indicators,
    }
}

/// The project example as a 部门整体支出绩效自评表: the other form's name, no 项目名称.
fn for_department(text: &str) -> String {
    text.lines()
        .filter(|line| !line.starts_with("项目名称:"))
        .map(|line| {
            line.replace(
                "项目支出绩效自评表须写项目名称",
                "部门整体支出绩效自评表不写项目名称",
            )
            .replace("一张项目支出绩效自评表", "一张部门整体支出绩效自评表")
            .replace("表样: 项目支出绩效自评表", "表样: 部门整体支出绩效自评表")
            .replace("项目资金（万元）", "资金（万元）")
        })
        .map(|line| line + "\n")
        .collect()
}
