//! Checks on what a careless or hostile input can get wrong in the plain values: texts left
//! empty, a year out of range, a 提交时间 or 填报日期 before the year ended, money with more than two
//! decimals, numbers in targets beyond what can be computed, goals without indicators.

use crate::check::texts::empty_text;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::located::At;
use crate::model::{Date, Report, Text, bounds_help, within_bounds};

use crate::model::YEARS;

pub fn check_input(report: &Report, diagnostics: &mut Diagnostics) {
    check_required_texts(report, diagnostics);
    check_year(report, diagnostics);
    check_goals_have_indicators(report, diagnostics);
    check_value_numbers(report, diagnostics);
}

fn check_required_texts(report: &Report, diagnostics: &mut Diagnostics) {
    let mut require = |what: String, text: &At<String>, example: &str| {
        diagnostics.extend(empty_text(&what, text, example));
    };
    require(
        "单位名称".into(),
        &report.unit_name,
        "武汉东湖新技术开发区豹澥街道办事处",
    );
    for (number, goal) in (1..).zip(&report.goals) {
        require(
            format!("年度目标{number}的名称"),
            &goal.name,
            "加大拆迁工作力度，协调保障各项目建设",
        );
        for level1 in &goal.groups {
            require(
                format!("年度目标{number}的一级指标名称"),
                &level1.name,
                "产出指标",
            );
            for level2 in &level1.groups {
                require(
                    format!("年度目标{number}的二级指标名称"),
                    &level2.name,
                    "数量指标",
                );
                for indicator in &level2.indicators {
                    require(
                        format!("年度目标{number}的三级指标"),
                        &indicator.name,
                        "拆迁房屋目标完成率",
                    );
                }
            }
        }
    }
}

fn check_year(report: &Report, diagnostics: &mut Diagnostics) {
    let year = &report.year;
    if !YEARS.contains(&year.value) {
        diagnostics.push(
            Diagnostic::error(format!("年度 {:04} 不在合理的范围内", year.value))
                .at(year.span)
                .help(format!(
                    "年度是被评价的预算年度，应在 {} 到 {} 之间，如「年度: 2022」",
                    YEARS.start(),
                    YEARS.end()
                )),
        );
        return;
    }
    check_signed_date("提交时间", &report.submitted, year, diagnostics);
    if let Some(filled_on) = &report.annex.filled_on {
        check_signed_date("填报日期", filled_on, year, diagnostics);
    }
}

/// 提交时间 and 填报日期: a self-evaluation looks back on a year that has ended, so a date
/// before the evaluated year is an error. A date inside it is unusual but allowed, with a
/// warning: published tables dated at the year's end (12-30) exist.
fn check_signed_date(what: &str, date: &At<Date>, year: &At<u16>, diagnostics: &mut Diagnostics) {
    let evaluated = i32::from(year.value);
    let next = evaluated + 1;
    if date.value.year < evaluated {
        diagnostics.push(
            Diagnostic::error(format!(
                "{what} {} 在被评价的 {} 年度开始之前",
                date.value, year.value
            ))
            .at(date.span)
            .related(year.span, "年度")
            .help(format!(
                "自评在被评价的年度结束时或之后进行：{what}应在 {evaluated} 年末或以后（如 {next}-06-10）；也请核对「年度」是否写对"
            )),
        );
    } else if date.value.year == evaluated {
        diagnostics.push(
            Diagnostic::warning(format!(
                "{what} {} 在被评价的 {} 年度之内，早于年度结束",
                date.value, year.value
            ))
            .at(date.span)
            .related(year.span, "年度")
            .help(format!(
                "这不常见但允许（有单位在年末如 {evaluated}-12-30 填报）；自评通常在年度结束后进行，如 {next}-06-10；也请核对「年度」是否写对"
            )),
        );
    }
}

/// A goal without indicators has nothing to score and prints an empty table.
fn check_goals_have_indicators(report: &Report, diagnostics: &mut Diagnostics) {
    for (number, goal) in (1..).zip(&report.goals) {
        if goal.indicators().next().is_none() {
            diagnostics.push(
                Diagnostic::error(format!("年度目标{number}「{}」没有指标", goal.name.value))
                    .at(goal.name.span)
                    .help("在「指标:」下按 一级指标 → 二级指标 → 三级指标 写出至少一项绩效指标；不需要的目标请删去"),
            );
        }
    }
}

/// A target or actual value that starts like a number but is too long to compute with.
fn check_value_numbers(report: &Report, diagnostics: &mut Diagnostics) {
    for indicator in report.indicators() {
        let values = std::iter::once(&indicator.target).chain(indicator.actual.as_ref());
        for value in values {
            if let Some(number) = oversized_number(value) {
                diagnostics.push(
                    Diagnostic::error(format!(
                        "指标「{}」的「{}」中的数字 {number} 超出了可以计算的范围",
                        indicator.name.value, value.value.0
                    ))
                    .at(value.span)
                    .help(bounds_help()),
                );
            }
        }
    }
}

/// The leading number of `≥0.0000000000001%`-like text, when it is beyond the bounds.
fn oversized_number(value: &At<Text>) -> Option<String> {
    let text = value.value.0.trim();
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let prefix = &text[..start];
    let is_comparator = prefix.trim().chars().all(|c| "≥≤≧≦<>＜＞=＝-".contains(c));
    if !is_comparator {
        return None;
    }
    let rest = &text[start..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    let number = rest[..end].replace(',', "");
    let number = number.trim_end_matches('.');
    (!within_bounds(number)).then(|| number.to_string())
}
