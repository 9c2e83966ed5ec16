//! The example report of the national tables (`jixiao new` without `--from`): one table of
//! every block, commented. The 项目支出绩效自评表's is written out; the 部门整体支出 one is made
//! from it ([`for_department`]).

use crate::form::FormKind;
use crate::form::example::Example;

/// The 项目支出绩效自评表 example's files, with `{{年度}}` and `{{次年}}` standing for the years.
const FILES: &[(&str, &str)] = &[
    ("单位.yaml", include_str!("example/单位.yaml")),
    ("总体目标.yaml", include_str!("example/总体目标.yaml")),
    ("指标.yaml", include_str!("example/指标.yaml")),
    ("自评表.yaml", include_str!("example/自评表.yaml")),
];

/// The example of `form`, one of the national tables.
pub fn example(form: FormKind) -> Example {
    let files = FILES
        .iter()
        .map(|(name, text)| {
            let text = if form == FormKind::DepartmentSpending {
                for_department(text)
            } else {
                (*text).to_string()
            };
            (*name, text)
        })
        .collect();
    Example {
        files,
        goals: None,
        indicators: 6,
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
