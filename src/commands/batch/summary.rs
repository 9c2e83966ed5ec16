//! The 汇总表 of a folder of reports: a row per report (those with errors too), sorted by
//! unit then form, the totals and the count of each grade. The PDF, the workbook, the JSON of
//! `score ROOT --format json` and the terminal table all print this one value.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::Evaluated;
use crate::form;
use crate::scoring::score::{Grade, fixed, round_score, two_decimals};
use crate::scoring::scorecard::aligned;

/// One report's row. Decimals are strings with two decimals, as everywhere in jixiao's JSON;
/// a report with errors has no rate, total, grade, met or unmet (its numbers cannot be
/// trusted), but its unit, form, project and year when they could be read.
#[derive(Clone, Debug, Serialize)]
pub struct SummaryRow {
    /// The report's name: its path below ROOT (`2022-baoxie`, `单位A/养老项目`).
    pub report: String,
    /// Its folder or file, as given.
    pub path: String,
    /// 单位名称
    pub unit: Option<String>,
    /// 表样
    pub form: Option<&'static str>,
    /// 项目名称 (项目支出绩效自评表 only)
    pub project: Option<String>,
    /// 年度
    pub year: Option<u16>,
    /// 预算执行率, a percentage: "100.00"
    pub rate: Option<String>,
    /// 总分 with the report's 得分小数位数: "90.66" (or "90.7", "91")
    pub total: Option<String>,
    /// 等级: 优, 良, 中 or 差
    pub grade: Option<&'static str>,
    /// 绩效指标 in all
    pub indicators: Option<usize>,
    pub met: Option<usize>,
    pub unmet: Option<usize>,
    pub warnings: usize,
    pub errors: usize,
    /// 提交时间, as (year, month, day): the 汇总表's own date is the latest one.
    #[serde(skip)]
    pub submitted: Option<(i32, u8, u8)>,
    #[serde(skip)]
    pub total_value: Option<Decimal>,
    #[serde(skip)]
    pub grade_value: Option<Grade>,
}

impl SummaryRow {
    /// The row of a report that was read (with or without errors). `extra_errors` counts
    /// failures after the checks (typesetting, writing the PDF).
    pub fn of(report: &str, path: &str, evaluated: &Evaluated, extra_errors: usize) -> SummaryRow {
        let errors = evaluated.diagnostics.errors().count() + extra_errors;
        let mut row = SummaryRow::failed(report, path, errors);
        row.warnings = evaluated.diagnostics.warnings().count();
        let Some(outcome) = &evaluated.outcome else {
            return row;
        };
        let r = &outcome.report;
        row.unit = Some(r.unit_name.value.clone());
        row.form = Some(r.form.name());
        row.project = r.own.form().project_name().map(str::to_string);
        row.year = Some(r.year.value);
        let date = r.submitted.value;
        row.submitted = Some((date.year, date.month, date.day));
        row.indicators = Some(outcome.facts.indicator_count);
        if errors == 0 {
            let facts = &outcome.facts;
            row.rate = Some(two_decimals(facts.budget_rate_percent));
            row.total = Some(fixed(facts.total, outcome.scores.rules.places));
            row.total_value = Some(facts.total);
            row.grade = Some(facts.grade.name_zh());
            row.grade_value = Some(facts.grade);
            row.met = Some(facts.met_count);
            row.unmet = Some(facts.indicator_count - facts.met_count);
        }
        row
    }

    /// The row of a report that could not be read at all.
    pub fn failed(report: &str, path: &str, errors: usize) -> SummaryRow {
        SummaryRow {
            report: report.to_string(),
            path: path.to_string(),
            unit: None,
            form: None,
            project: None,
            year: None,
            rate: None,
            total: None,
            grade: None,
            indicators: None,
            met: None,
            unmet: None,
            warnings: 0,
            errors,
            submitted: None,
            total_value: None,
            grade_value: None,
        }
    }

    fn sort_key(&self) -> impl Ord + '_ {
        let form = self.form.and_then(form::position);
        (
            self.unit.is_none(),
            self.unit.as_deref(),
            form.is_none(),
            form,
            self.project.as_deref(),
            self.year,
            self.report.as_str(),
        )
    }
}

/// The 汇总表: rows sorted by unit, form (in the order of the list of forms), project, year.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    pub rows: Vec<SummaryRow>,
    pub totals: Totals,
    pub grades: GradeCount,
    /// The table's date: the latest 提交时间 of its reports (2000-01-01 when none was read).
    #[serde(skip)]
    pub date: (i32, u8, u8),
}

#[derive(Clone, Debug, Serialize)]
pub struct Totals {
    pub reports: usize,
    /// Reports without errors (scored and, by `build`, built).
    pub passed: usize,
    pub failed: usize,
    /// The mean 总分 of the reports without errors, rounded half up to 0.01.
    pub average_total: Option<String>,
    pub indicators: usize,
    pub met: usize,
    pub unmet: usize,
    pub warnings: usize,
    pub errors: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct GradeCount {
    #[serde(rename = "优")]
    pub excellent: usize,
    #[serde(rename = "良")]
    pub good: usize,
    #[serde(rename = "中")]
    pub fair: usize,
    #[serde(rename = "差")]
    pub poor: usize,
    /// Reports with errors: not graded.
    #[serde(rename = "有错误")]
    pub failed: usize,
}

impl Summary {
    pub fn new(mut rows: Vec<SummaryRow>) -> Summary {
        rows.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let passed: Vec<&SummaryRow> = rows.iter().filter(|r| r.errors == 0).collect();
        let scored: Vec<Decimal> = passed.iter().filter_map(|r| r.total_value).collect();
        let average_total = (!scored.is_empty()).then(|| {
            let sum: Decimal = scored.iter().sum();
            two_decimals(round_score(sum / Decimal::from(scored.len())))
        });
        let sum = |f: fn(&SummaryRow) -> Option<usize>| rows.iter().filter_map(f).sum();
        let totals = Totals {
            reports: rows.len(),
            passed: passed.len(),
            failed: rows.len() - passed.len(),
            average_total,
            indicators: sum(|r| r.indicators),
            met: sum(|r| r.met),
            unmet: sum(|r| r.unmet),
            warnings: rows.iter().map(|r| r.warnings).sum(),
            errors: rows.iter().map(|r| r.errors).sum(),
        };
        let grade = |g: Grade| rows.iter().filter(|r| r.grade_value == Some(g)).count();
        let grades = GradeCount {
            excellent: grade(Grade::Excellent),
            good: grade(Grade::Good),
            fair: grade(Grade::Fair),
            poor: grade(Grade::Poor),
            failed: totals.failed,
        };
        let date = rows
            .iter()
            .filter_map(|r| r.submitted)
            .max()
            .unwrap_or((2000, 1, 1));
        Summary {
            rows,
            totals,
            grades,
            date,
        }
    }

    /// The column headings, as the PDF, the workbook and the terminal print them.
    pub const HEADINGS: [&'static str; 14] = [
        "序号",
        "单位",
        "表样",
        "项目名称",
        "年度",
        "预算执行率",
        "总分",
        "等级",
        "指标数",
        "完成",
        "未完成",
        "警告",
        "错误",
        "报告",
    ];

    /// Every row's cells as printed: blanks as "—", 等级 of a report with errors "有错误".
    pub fn cells(&self) -> Vec<[String; 14]> {
        let dash = || "—".to_string();
        let count = |n: Option<usize>| n.map_or_else(dash, |n| n.to_string());
        self.rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                [
                    (i + 1).to_string(),
                    r.unit.clone().unwrap_or_else(dash),
                    r.form.map_or_else(dash, str::to_string),
                    r.project.clone().unwrap_or_else(dash),
                    r.year.map_or_else(dash, |y| y.to_string()),
                    r.rate.as_ref().map_or_else(dash, |rate| format!("{rate}%")),
                    r.total.clone().unwrap_or_else(dash),
                    if r.errors > 0 {
                        "有错误".to_string()
                    } else {
                        r.grade.map_or_else(dash, str::to_string)
                    },
                    count(r.indicators),
                    count(r.met),
                    count(r.unmet),
                    r.warnings.to_string(),
                    r.errors.to_string(),
                    r.report.clone(),
                ]
            })
            .collect()
    }

    /// The totals row: 合计 under 单位, the mean 总分 under 总分, sums under the counts.
    pub fn total_cells(&self) -> [String; 14] {
        let t = &self.totals;
        [
            String::new(),
            format!("合计（{} 份报告）", t.reports),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            t.average_total
                .as_ref()
                .map_or_else(|| "—".to_string(), |a| format!("平均 {a}")),
            String::new(),
            t.indicators.to_string(),
            t.met.to_string(),
            t.unmet.to_string(),
            t.warnings.to_string(),
            t.errors.to_string(),
            String::new(),
        ]
    }

    /// 等级：优 2 份，良 0 份，中 0 份，差 0 份；有错误 1 份
    pub fn grade_line(&self) -> String {
        let g = &self.grades;
        format!(
            "等级：优 {} 份，良 {} 份，中 {} 份，差 {} 份；有错误未评等级 {} 份",
            g.excellent, g.good, g.fair, g.poor, g.failed
        )
    }

    /// The table for the terminal (`jixiao score ROOT`).
    pub fn to_text(&self) -> String {
        let mut rows = vec![Self::HEADINGS.map(str::to_string).to_vec()];
        rows.extend(self.cells().into_iter().map(|cells| cells.to_vec()));
        rows.push(self.total_cells().to_vec());
        let right = [
            true, false, false, false, false, true, true, false, true, true, true, true, true,
            false,
        ];
        let mut out = aligned(&rows, &right);
        out.push_str(&self.grade_line());
        out.push('\n');
        out
    }

    /// `YYYY年M月D日`, the table's date.
    pub fn date_zh(&self) -> String {
        let (year, month, day) = self.date;
        format!("{year}年{month}月{day}日")
    }
}
