//! Everything the templates print, prepared: numbers formatted, texts split into paragraphs,
//! indicators grouped for the annex table. Templates only arrange it.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::Outcome;
use crate::form::FormKind;
use crate::form::national::document::{NationalDocument, national_document};
use crate::model::{Amount, Report};
use crate::render::typst_escape::paragraphs;
use crate::scoring::score::two_decimals;
use crate::scoring::scorecard::{IndicatorCard, Scorecard, scorecard};
use crate::source::located::At;

mod struts;
mod titles;

#[derive(Clone, Debug, Serialize)]
pub struct Document {
    /// 表样: which template starts the document.
    pub form: FormKind,
    pub unit: Unit,
    pub budget: BudgetFigures,
    pub card: Scorecard,
    pub goals: Vec<GoalBlock>,
    pub texts: Texts,
    pub sign_off: SignOff,
    /// The national table (项目支出 and 部门整体支出 only).
    pub national: Option<NationalDocument>,
}

/// The sign-off block under the annex table; a missing name or number prints a blank line.
#[derive(Clone, Debug, Serialize)]
pub struct SignOff {
    pub filled_by: String,
    pub phone: String,
    pub head: String,
    /// 填报日期, by default 提交时间: "2023年6月10日".
    pub date: String,
    pub seal: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Unit {
    pub name: String,
    /// 简称, or the full name.
    pub short: String,
    pub region: String,
    pub year: u16,
    /// 2023 年 6 月 10 日
    pub submitted: String,
    /// 报告名称
    pub report_title: String,
    /// 报告名称 as written, line by line.
    pub report_title_lines: Vec<String>,
    /// "{年度}年度{单位名称}部门整体绩效自评结果": the PDF's title.
    pub full_title: String,
    /// 提交时间, also the PDF's creation date.
    pub date: DateParts,
    /// The titles of the cover, the abridged report and the annex, as forced lines (a line
    /// break in 报告名称) of parts between which a title line may break.
    pub cover_title: Vec<Vec<String>>,
    pub abridged_title: Vec<Vec<String>>,
    pub annex_title: Vec<Vec<String>>,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct DateParts {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// Money in 万元 with thousands separators ("13,581.29"); "" when not given.
#[derive(Clone, Debug, Serialize)]
pub struct BudgetFigures {
    pub approved: String,
    pub adjusted: String,
    pub spent: String,
    pub basic: String,
    pub project: String,
}

/// One 年度目标 as the annex prints it: its name row, then one row per indicator. The table
/// merges the goal, 一级 and 二级 cells itself, page by page (see annex.typ.j2), from the group
/// numbers of each row.
#[derive(Clone, Debug, Serialize)]
pub struct GoalBlock {
    pub number: usize,
    pub name: String,
    pub weight: String,
    pub score: String,
    pub rows: Vec<AnnexRow>,
    /// Whether the name row may be held to the first indicator row: not when that row alone
    /// might fill a page (an unbreakable pair taller than a page would be cut off).
    pub keep_name_with_first_row: bool,
    /// How tall the name row and the first indicator row, when held together, must be for
    /// the goal label and the first row's 一级 and 二级 labels: a Typst length.
    pub kept_strut: String,
    /// Rows of the merged goal cell: the name row and the indicator rows.
    pub span: usize,
}

/// One indicator row of the annex. Rows with the same `level1_group` (`level2_group`) share a
/// merged 一级 (二级) cell; the numbers run through the whole document.
#[derive(Clone, Debug, Serialize)]
pub struct AnnexRow {
    pub level1_group: usize,
    pub level2_group: usize,
    pub level1: String,
    pub level2: String,
    pub name: String,
    pub target: String,
    pub actual: String,
    pub weight: String,
    pub score: String,
    /// Whether the row may break across pages: only a row that might not fit on a page does,
    /// so that short rows move whole (no one-line widows) and the page of each row is stable.
    pub breakable: bool,
    /// How many rows the merged 一级 (二级) cell starting on this row spans; 0 when the row
    /// continues the cell of the row above.
    pub level1_span: usize,
    pub level2_span: usize,
    /// How tall the row must be for the labels that start on it (its 一级 and 二级 labels,
    /// and the goal label on a goal's first row, less the name row above it): a Typst
    /// length, or "" when the row's own text is enough.
    pub strut: String,
}

/// The narrative slots, each a list of paragraphs (empty when not written).
#[derive(Clone, Debug, Serialize)]
pub struct Texts {
    pub overview: Vec<String>,
    pub last_year_results: Vec<String>,
    pub problems: Vec<String>,
    pub next_steps: Vec<String>,
    pub budget_link: Vec<String>,
    pub deviation_analysis: Vec<String>,
    pub improvement_plan: Vec<String>,
}

pub fn document(outcome: &Outcome) -> Document {
    let report = &outcome.report;
    let mut card = scorecard(report, &outcome.scores, &outcome.facts);
    for unmet in &mut card.unmet {
        let texts = [
            &mut unmet.name,
            &mut unmet.target,
            &mut unmet.actual,
            &mut unmet.explanation,
        ];
        for text in texts {
            *text = breakable(text);
        }
    }
    Document {
        form: report.form,
        national: report
            .national
            .as_ref()
            .map(|national| national_document(report, national, &card)),
        unit: unit(report),
        budget: budget_figures(report),
        goals: goal_blocks(&card),
        texts: texts(report),
        sign_off: sign_off(report),
        card,
    }
}

fn unit(report: &Report) -> Unit {
    Unit {
        name: report.unit_name.value.clone(),
        short: report.short_or_full_name().to_string(),
        region: report
            .region
            .as_ref()
            .map(|r| r.value.clone())
            .unwrap_or_default(),
        year: report.year.value,
        submitted: report.submitted.value.to_zh(),
        report_title: report.report_title(),
        report_title_lines: titles::report_title_lines(&report.report_title()),
        full_title: match &report.national {
            Some(national) => crate::form::national::document::full_title(report, national),
            None => format!(
                "{}年度{}部门整体绩效自评结果",
                report.year.value, report.unit_name.value
            ),
        },
        date: DateParts {
            year: report.submitted.value.year,
            month: report.submitted.value.month,
            day: report.submitted.value.day,
        },
        cover_title: titles::cover(report),
        abridged_title: titles::abridged(report),
        annex_title: titles::annex(report),
    }
}

fn sign_off(report: &Report) -> SignOff {
    let annex = &report.annex;
    let text =
        |value: &Option<At<String>>| value.as_ref().map(|v| v.value.clone()).unwrap_or_default();
    let date = annex
        .filled_on
        .as_ref()
        .map_or(report.submitted.value, |d| d.value);
    SignOff {
        filled_by: text(&annex.filled_by),
        phone: annex
            .phone
            .as_ref()
            .map(|p| p.value.0.clone())
            .unwrap_or_default(),
        head: text(&annex.head),
        date: format!("{}年{}月{}日", date.year, date.month, date.day),
        seal: annex.seal.as_ref().is_some_and(|s| s.value),
    }
}

fn budget_figures(report: &Report) -> BudgetFigures {
    let budget = &report.budget;
    let optional = |amount: &Option<At<Amount>>| {
        amount
            .as_ref()
            .map(|a| money(a.value.0))
            .unwrap_or_default()
    };
    BudgetFigures {
        approved: optional(&budget.approved),
        adjusted: money(budget.adjusted.value.0),
        spent: money(budget.spent.value.0),
        basic: optional(&budget.basic),
        project: optional(&budget.project),
    }
}

/// 13581.29 → "13,581.29"
pub fn money(amount: Decimal) -> String {
    let fixed = two_decimals(amount);
    let (sign, digits) = fixed
        .strip_prefix('-')
        .map_or(("", fixed.as_str()), |d| ("-", d));
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "00"));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{fraction}")
}

fn goal_blocks(card: &Scorecard) -> Vec<GoalBlock> {
    let mut groups = GroupNumbers::default();
    let mut blocks = Vec::with_capacity(card.goals.len());
    for goal in &card.goals {
        groups.new_goal();
        let keep = goal.indicators.first().is_some_and(fits_a_few_lines);
        let label = struts::cell_height(
            &format!("年度目标{}（{}分）", goal.number, goal.weight),
            struts::GOAL_COLUMN,
        );
        let name = struts::cell_height(&goal.name, struts::NAME_ROW);
        let mut first_labels = 0.0;
        let mut previous: Option<(usize, usize)> = None;
        let mut rows = Vec::with_capacity(goal.indicators.len());
        for (j, indicator) in goal.indicators.iter().enumerate() {
            let (level1, level2) = groups.next(indicator);
            let mut strut: f64 = 0.0;
            if previous.is_none_or(|(l1, _)| l1 != level1) {
                strut = strut.max(struts::cell_height(
                    &indicator.level1,
                    struts::LEVEL1_COLUMN,
                ));
            }
            if previous.is_none_or(|(_, l2)| l2 != level2) {
                strut = strut.max(struts::cell_height(
                    &indicator.level2,
                    struts::LEVEL2_COLUMN,
                ));
            }
            previous = Some((level1, level2));
            if j == 0 {
                first_labels = strut;
                if !keep {
                    strut = strut.max(label - name);
                }
            }
            let mut row = annex_row(indicator, (level1, level2));
            if strut > 0.0 {
                row.strut = struts::points(strut);
            }
            rows.push(row);
        }
        spans(&mut rows);
        blocks.push(GoalBlock {
            number: goal.number,
            name: breakable(&goal.name),
            weight: goal.weight.clone(),
            score: goal.score.clone(),
            keep_name_with_first_row: keep,
            kept_strut: struts::points(label.max(name + first_labels)),
            span: rows.len() + 1,
            rows,
        });
    }
    blocks
}

/// Whether an indicator's row is surely short, a fraction of a page: its texts fill at most
/// ten lines of their cells (the 三级指标 cell holds about twelve characters a line, the
/// narrow target and actual cells about four).
pub(crate) fn fits_a_few_lines(indicator: &IndicatorCard) -> bool {
    let chars = |text: &str| text.chars().count();
    chars(&indicator.name) <= 120
        && chars(&indicator.target) <= 40
        && chars(&indicator.actual) <= 40
}

/// Numbers consecutive runs of the same 一级 (then 二级) name; a new goal starts new runs.
#[derive(Default)]
pub(crate) struct GroupNumbers {
    level1: usize,
    level2: usize,
    last: Option<(String, String)>,
}

impl GroupNumbers {
    pub(crate) fn next(&mut self, indicator: &IndicatorCard) -> (usize, usize) {
        let (same_level1, same_level2) = match &self.last {
            Some((l1, l2)) => (*l1 == indicator.level1, *l2 == indicator.level2),
            None => (false, false),
        };
        if !same_level1 {
            self.level1 += 1;
        }
        if !same_level1 || !same_level2 {
            self.level2 += 1;
        }
        self.last = Some((indicator.level1.clone(), indicator.level2.clone()));
        (self.level1, self.level2)
    }

    fn new_goal(&mut self) {
        self.last = None;
    }
}

fn annex_row(indicator: &IndicatorCard, (level1_group, level2_group): (usize, usize)) -> AnnexRow {
    AnnexRow {
        level1_group,
        level2_group,
        level1: indicator.level1.clone(),
        level2: indicator.level2.clone(),
        name: breakable(&indicator.name),
        target: breakable(&indicator.target),
        actual: breakable(&indicator.actual),
        weight: indicator.weight.clone(),
        score: indicator.score.clone(),
        breakable: !fits_a_few_lines(indicator),
        level1_span: 0,
        level2_span: 0,
        strut: String::new(),
    }
}

/// Sets the spans of the merged 一级 and 二级 cells on the first row of each group.
fn spans(rows: &mut [AnnexRow]) {
    let groups: Vec<(usize, usize)> = rows
        .iter()
        .map(|row| (row.level1_group, row.level2_group))
        .collect();
    for (row, (level1, level2)) in rows.iter_mut().zip(group_spans(&groups)) {
        row.level1_span = level1;
        row.level2_span = level2;
    }
}

/// The spans of merged 一级 and 二级 cells from each row's (一级, 二级) group numbers: on the
/// first row of a group the number of its rows, elsewhere 0.
pub(crate) fn group_spans(groups: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut spans = vec![(0, 0); groups.len()];
    let (mut start1, mut start2) = (0, 0);
    for end in 1..=groups.len() {
        if end == groups.len() || groups[end].0 != groups[start1].0 {
            spans[start1].0 = end - start1;
            start1 = end;
        }
        if end == groups.len() || groups[end].1 != groups[start2].1 {
            spans[start2].1 = end - start2;
            start2 = end;
        }
    }
    spans
}

/// Runs of Latin letters, digits and signs longer than this get a break opportunity between
/// every two characters: no annex cell holds more than about this many on a line, and shorter
/// runs (numbers with their units, `≥95%`) should stay whole.
const LONGEST_UNBROKEN_RUN: usize = 12;

/// `text` with a zero-width space between the characters of every run of non-CJK,
/// non-space characters longer than [`LONGEST_UNBROKEN_RUN`], so that a URL or a long
/// word wraps inside its cell instead of running over the next one.
pub fn breakable(text: &str) -> String {
    let mut result = String::with_capacity(text.len());
    let mut run: Vec<char> = Vec::new();
    for c in text.chars() {
        if c.is_whitespace() || is_cjk(c) {
            push_run(&mut result, &run);
            run.clear();
            result.push(c);
        } else {
            run.push(c);
        }
    }
    push_run(&mut result, &run);
    result
}

fn push_run(result: &mut String, run: &[char]) {
    let long = run.len() > LONGEST_UNBROKEN_RUN;
    for (i, c) in run.iter().enumerate() {
        if long && i > 0 {
            result.push('\u{200B}');
        }
        result.push(*c);
    }
}

/// Characters between which Chinese text breaks anyway (ideographs, kana, full-width forms,
/// CJK punctuation).
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// The paragraphs of a block text, a URL or long word in each given places to break (see
/// [`breakable`]): in a table cell or on the page, it wraps instead of running over the edge.
pub(crate) fn breakable_paragraphs(text: &str) -> Vec<String> {
    paragraphs(text).iter().map(|p| breakable(p)).collect()
}

fn texts(report: &Report) -> Texts {
    let split = |text: &Option<At<String>>| {
        text.as_ref()
            .map(|t| breakable_paragraphs(&t.value))
            .unwrap_or_default()
    };
    Texts {
        overview: split(&report.abridged.overview),
        last_year_results: split(&report.abridged.last_year_results),
        problems: split(&report.abridged.problems),
        next_steps: split(&report.abridged.next_steps),
        budget_link: split(&report.abridged.budget_link),
        deviation_analysis: split(&report.annex.deviation_analysis),
        improvement_plan: split(&report.annex.improvement_plan),
    }
}
