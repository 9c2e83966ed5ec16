//! `jixiao export`: the scored 自评表 as a workbook that looks like the official one (sheet
//! 自评表: the same rows, merged cells and borders), with every indicator and field on a sheet
//! of its own (指标明细) and every message of the checks (检查结果). Numbers are numbers
//! (weights, scores and money with two decimals, the execution rate a percentage), text is
//! text; the same report gives the same bytes (the workbook's date is its 提交时间).

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::cells::{MAX_CELL_CHARS, address, double_of, excel_length, xlsx_reason};
use crate::diagnostic::Severity;
use crate::form::Own;
use crate::form::department::document::{self as department_document, DepartmentDocument};
use crate::form::national::National;
use crate::form::national::document::{self as national_document, NationalTableDocument};
use crate::located::At;
use crate::model::{Amount, Report};
use crate::scoring::scorecard::Scorecard;
use crate::{Evaluated, Outcome};

/// The sheets' names, as import finds them again.
pub const TABLE_SHEET: &str = "自评表";
pub const DETAIL_SHEET: &str = "指标明细";
pub const CHECKS_SHEET: &str = "检查结果";

/// Why no workbook was made.
#[derive(Debug)]
pub enum ExportError {
    /// The report has errors: nothing to score.
    Report,
    /// The workbook could not be assembled (a limit of the format).
    Xlsx(String),
    /// A text longer than a cell of Excel holds: `Sheet!Cell`, its length, its start.
    TooLong {
        place: String,
        length: usize,
        start: String,
    },
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Report => write!(f, "报告有错误，未生成工作簿：请先改正上面的错误"),
            ExportError::Xlsx(reason) => write!(f, "无法生成工作簿：{reason}，未写入任何文件"),
            ExportError::TooLong {
                place,
                length,
                start,
            } => write!(
                f,
                "无法生成工作簿：{place} 要写入的文字（开头是「{start}…」）有 {length} 个字符，超过了 Excel 一个单元格最多 {MAX_CELL_CHARS} 个字符的限制：请把这段文字缩短到 {MAX_CELL_CHARS} 字以内再导出（PDF 不受此限制），未写入任何文件"
            ),
        }
    }
}

impl std::error::Error for ExportError {}

impl From<XlsxError> for ExportError {
    fn from(error: XlsxError) -> Self {
        ExportError::Xlsx(xlsx_reason(&error))
    }
}

/// Refuses a text longer than a cell holds, naming the cell it was for.
fn fit(sheet: &Worksheet, row: u32, column: u16, text: &str) -> Result<(), ExportError> {
    let length = excel_length(text);
    if length <= MAX_CELL_CHARS {
        return Ok(());
    }
    Err(ExportError::TooLong {
        place: format!("{}!{}", sheet.name(), address(row, u32::from(column))),
        length,
        start: text.chars().take(20).collect(),
    })
}

/// `text` at (row, column), within a cell's limit.
fn write_text(sheet: &mut Worksheet, row: u32, column: u16, text: &str, style: &Format) -> Written {
    fit(sheet, row, column, text)?;
    sheet.write_string_with_format(row, column, text, style)?;
    Ok(())
}

/// The workbook of an evaluated report without errors, as the bytes of an .xlsx file.
pub fn workbook(evaluated: &Evaluated) -> Result<Vec<u8>, ExportError> {
    let outcome = evaluated.clean_outcome().ok_or(ExportError::Report)?;
    let report = &outcome.report;
    let doc = crate::pipeline::document(outcome);
    let mut workbook = Workbook::new();
    let date = &report.submitted.value;
    let created = ExcelDateTime::from_ymd(
        u16::try_from(date.year).unwrap_or(2000),
        date.month,
        date.day,
    )?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&doc.unit.full_title)
            .set_author(&report.unit_name.value)
            .set_creation_datetime(&created),
    );
    let styles = Styles::new();
    {
        let sheet = workbook.add_worksheet();
        sheet.set_name(TABLE_SHEET)?;
        let mut table = Table {
            sheet,
            styles: &styles,
            row: 0,
        };
        match &report.own {
            Own::National(national) => {
                let doc = national_document::table_document(outcome, national);
                table.national(report, national, &doc)?;
            }
            Own::Department(own) => {
                let doc = department_document::department_document(outcome, own);
                table.department(outcome, &doc)?;
            }
        }
        table.sign_off(&crate::document::sign_off(report))?;
    }
    detail_sheet(workbook.add_worksheet(), &styles, outcome, &doc.card)?;
    checks_sheet(workbook.add_worksheet(), &styles, evaluated)?;
    Ok(workbook.save_to_buffer()?)
}

/// The cell formats: every cell of the table has borders and wraps.
struct Styles {
    title: Format,
    text: Format,
    left: Format,
    long_text: Format,
    number: Format,
    money: Format,
    percent: Format,
    header: Format,
    plain: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter)
            .set_font_name("宋体")
            .set_font_size(10.5);
        let centered = cell.clone().set_align(FormatAlign::Center);
        Styles {
            title: Format::new()
                .set_bold()
                .set_font_name("宋体")
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            text: centered.clone(),
            left: cell.clone().set_align(FormatAlign::Left),
            long_text: cell
                .clone()
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::Top),
            number: centered.clone().set_num_format("0.00"),
            money: centered.clone().set_num_format("#,##0.00"),
            percent: centered.clone().set_num_format("0.00%"),
            header: centered.set_bold(),
            plain: Format::new().set_font_name("宋体").set_font_size(10.5),
        }
    }
}

/// The 自评表 sheet, written row by row.
struct Table<'a> {
    sheet: &'a mut Worksheet,
    styles: &'a Styles,
    row: u32,
}

type Written = Result<(), ExportError>;

impl Table<'_> {
    /// `text` over columns `first..=last` of rows `self.row..=last_row` (one cell when alone).
    fn merged(
        &mut self,
        rows: (u32, u32),
        columns: (u16, u16),
        text: &str,
        style: &Format,
    ) -> Written {
        fit(self.sheet, rows.0, columns.0, text)?;
        if rows.0 == rows.1 && columns.0 == columns.1 {
            self.sheet
                .write_string_with_format(rows.0, columns.0, text, style)?;
        } else {
            self.sheet
                .merge_range(rows.0, columns.0, rows.1, columns.1, text, style)?;
        }
        Ok(())
    }

    fn text(&mut self, row: u32, column: u16, text: &str) -> Written {
        write_text(self.sheet, row, column, text, &self.styles.text)
    }

    fn left(&mut self, row: u32, column: u16, text: &str) -> Written {
        write_text(self.sheet, row, column, text, &self.styles.left)
    }

    /// A number over `columns` of `row`, two decimals.
    fn number(&mut self, row: u32, columns: (u16, u16), value: Decimal, style: &Format) -> Written {
        if columns.0 != columns.1 {
            self.sheet
                .merge_range(row, columns.0, row, columns.1, "", style)?;
        }
        self.sheet
            .write_number_with_format(row, columns.0, double_of(value), style)?;
        Ok(())
    }

    fn title(&mut self, last_column: u16, text: &str) -> Written {
        let style = self.styles.title.clone();
        fit(self.sheet, self.row, 0, text)?;
        self.sheet
            .merge_range(self.row, 0, self.row, last_column, text, &style)?;
        self.sheet.set_row_height(self.row, 30)?;
        self.row += 1;
        Ok(())
    }

    fn widths(&mut self, widths: &[f64]) -> Written {
        for (column, width) in (0u16..).zip(widths) {
            self.sheet.set_column_width(column, *width)?;
        }
        Ok(())
    }

    /// 部门整体绩效自评表: unit, budget, the goals with their indicators, 总分, the two texts.
    fn department(&mut self, outcome: &Outcome, doc: &DepartmentDocument) -> Written {
        let report = &outcome.report;
        let card = &doc.card;
        let styles = self.styles;
        self.widths(&[14.0, 12.0, 14.0, 28.0, 16.0, 16.0, 9.0, 9.0])?;
        let title: String = doc
            .unit
            .annex_title
            .iter()
            .flatten()
            .map(String::as_str)
            .collect();
        self.title(7, &title)?;
        let r = self.row;
        self.text(r, 0, "单位名称")?;
        self.merged((r, r), (1, 7), &report.unit_name.value, &styles.left)?;
        let r = r + 1;
        let budget = &report.budget;
        self.text(r, 0, "基本支出总额（万元）")?;
        self.optional_money(r, (1, 3), budget.basic.as_ref())?;
        self.merged((r, r), (4, 5), "项目支出总额（万元）", &styles.text)?;
        self.optional_money(r, (6, 7), budget.project.as_ref())?;
        let r = r + 1;
        let label = format!("预算执行情况（万元）（{}分）", card.budget.weight);
        self.merged((r, r + 1), (0, 0), &label, &styles.text)?;
        self.text(r, 1, "")?;
        self.text(r, 2, "预算数（A）")?;
        self.text(r, 3, "执行数（B）")?;
        self.text(r, 4, "执行率（B/A）")?;
        let score_label = format!("得分（{}×执行率）", card.budget.weight);
        self.merged((r, r), (5, 7), &score_label, &styles.text)?;
        let r = r + 1;
        self.text(r, 1, "部门整体支出总额")?;
        self.number(r, (2, 2), budget.adjusted.value.0, &styles.money)?;
        self.number(r, (3, 3), budget.spent.value.0, &styles.money)?;
        self.number(r, (4, 4), rate(&card.budget.rate), &styles.percent)?;
        self.number(r, (5, 7), parse(&card.budget.score), &styles.number)?;
        let r = r + 1;
        let headers = [
            "年度目标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年初目标值（A）",
            "实际完成值（B）",
            "分值",
            "得分",
        ];
        for (column, header) in (0u16..).zip(headers) {
            self.sheet
                .write_string_with_format(r, column, header, &styles.header)?;
        }
        self.sheet.set_repeat_rows(r, r)?;
        self.row = r + 1;
        for (goal, block) in card.goals.iter().zip(&doc.goals) {
            let first = self.row;
            let last = first + goal.indicators.len() as u32;
            let label = format!("年度目标{}（{}分）", goal.number, goal.weight);
            self.merged((first, last), (0, 0), &label, &styles.text)?;
            self.merged((first, first), (1, 7), &goal.name, &styles.left)?;
            self.row = first + 1;
            let spans: Vec<(usize, usize)> = block
                .rows
                .iter()
                .map(|r| (r.level1_span, r.level2_span))
                .collect();
            self.indicator_rows(&goal.indicators, &spans, 1, None)?;
        }
        let r = self.row;
        self.merged((r, r), (0, 1), "总分", &styles.text)?;
        self.number(r, (2, 7), parse(&card.total), &styles.number)?;
        let texts = [
            (
                "偏差大或目标未完成原因分析",
                &report.annex.deviation_analysis,
            ),
            ("改进措施及结果应用方案", &report.annex.improvement_plan),
        ];
        for (offset, (label, text)) in (1..).zip(texts) {
            let row = r + offset;
            self.merged((row, row), (0, 1), label, &styles.text)?;
            let body = text.as_ref().map_or("", |t| t.value.trim_end());
            self.merged((row, row), (2, 7), body, &styles.long_text)?;
            self.sheet.set_row_height(row, text_height(body, 60))?;
        }
        self.row = r + 3;
        Ok(())
    }

    /// The indicator rows from `first_column` on (一级, 二级, 三级, target, actual, weight,
    /// score and, for the national tables, 说明), the 一级 and 二级 cells merged down the rows
    /// the document stage gives them (`spans`: per row, 0 where no cell starts).
    fn indicator_rows(
        &mut self,
        indicators: &[crate::scoring::scorecard::IndicatorCard],
        spans: &[(usize, usize)],
        first_column: u16,
        national: Option<(&[String], &[String])>,
    ) -> Written {
        let styles = self.styles;
        let start = self.row;
        for (i, (indicator, &(span1, span2))) in indicators.iter().zip(spans).enumerate() {
            let row = start + i as u32;
            if span1 > 0 {
                let label = national.map_or(indicator.cells.level1.clone(), |(labels, _)| {
                    labels[i].clone()
                });
                self.merged(
                    (row, row + span1 as u32 - 1),
                    (first_column, first_column),
                    &label,
                    &styles.text,
                )?;
            }
            if span2 > 0 {
                let span = span2 as u32;
                self.merged(
                    (row, row + span - 1),
                    (first_column + 1, first_column + 1),
                    &indicator.cells.level2,
                    &styles.text,
                )?;
            }
            let c = first_column + 2;
            self.left(row, c, &indicator.cells.name)?;
            self.text(row, c + 1, &indicator.cells.target)?;
            self.text(row, c + 2, &indicator.cells.actual)?;
            self.number(
                row,
                (c + 3, c + 3),
                parse(&indicator.cells.weight),
                &styles.number,
            )?;
            self.number(
                row,
                (c + 4, c + 4),
                parse(&indicator.cells.score),
                &styles.number,
            )?;
            if let Some((_, explanations)) = national {
                self.left(row, c + 5, &explanations[i])?;
            }
        }
        self.row = start + indicators.len() as u32;
        Ok(())
    }

    fn optional_money(
        &mut self,
        row: u32,
        columns: (u16, u16),
        amount: Option<&At<Amount>>,
    ) -> Written {
        let styles = self.styles;
        match amount {
            Some(amount) => self.number(row, columns, amount.value.0, &styles.money),
            None => self.merged((row, row), columns, "", &styles.text),
        }
    }

    /// 项目支出 / 部门整体支出绩效自评表: header cells, funds, goal texts, indicators, 总分, 备注.
    fn national(
        &mut self,
        report: &Report,
        national: &National,
        doc: &NationalTableDocument,
    ) -> Written {
        let card = &doc.card;
        let styles = self.styles;
        self.widths(&[8.0, 12.0, 12.0, 26.0, 14.0, 14.0, 9.0, 9.0, 24.0])?;
        self.title(8, report.form.name())?;
        let year = format!("（{}年度）", report.year.value);
        let r = self.row;
        self.merged(
            (r, r),
            (0, 8),
            &year,
            &styles.plain.clone().set_align(FormatAlign::Center),
        )?;
        let mut r = r + 1;
        match &national.project_name {
            Some(project) if report.form == crate::form::FormKind::Project => {
                self.merged((r, r), (0, 1), "项目名称", &styles.text)?;
                self.merged((r, r), (2, 8), &project.value, &styles.left)?;
            }
            _ => {
                self.merged((r, r), (0, 1), "部门（单位）名称", &styles.text)?;
                self.merged((r, r), (2, 8), &report.unit_name.value, &styles.left)?;
            }
        }
        r += 1;
        let text = |v: &Option<At<String>>| v.as_ref().map_or(String::new(), |v| v.value.clone());
        let implementer = national
            .implementer
            .as_ref()
            .map_or(report.unit_name.value.clone(), |v| v.value.clone());
        self.merged((r, r), (0, 1), "主管部门", &styles.text)?;
        self.merged((r, r), (2, 4), &text(&national.department), &styles.left)?;
        self.text(r, 5, "实施单位")?;
        self.merged((r, r), (6, 8), &implementer, &styles.left)?;
        r += 1;
        self.merged((r, r + 4), (0, 0), "项目资金（万元）", &styles.text)?;
        self.merged((r, r), (1, 2), "", &styles.text)?;
        for (column, header) in (3u16..).zip([
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分",
        ]) {
            self.text(r, column, header)?;
        }
        let funds = &national.funds;
        let total = &funds.total;
        let rows = std::iter::once((
            "年度资金总额".to_string(),
            [
                total.initial.as_ref(),
                Some(&total.budget),
                Some(&total.spent),
            ],
        ))
        .chain(
            funds
                .parts()
                .into_iter()
                .enumerate()
                .map(|(i, (name, row))| {
                    let name = if i == 0 {
                        format!("其中：{name}")
                    } else {
                        name.to_string()
                    };
                    (
                        name,
                        [
                            row.and_then(|r| r.initial.as_ref()),
                            row.and_then(|r| r.budget.as_ref()),
                            row.and_then(|r| r.spent.as_ref()),
                        ],
                    )
                }),
        );
        for (offset, (name, cells)) in (1..).zip(rows) {
            let row = r + offset;
            self.merged((row, row), (1, 2), &name, &styles.left)?;
            for (column, cell) in (3u16..).zip(cells) {
                self.optional_money(row, (column, column), cell)?;
            }
            if offset == 1 {
                self.number(row, (6, 6), parse(&card.budget.weight), &styles.number)?;
                self.number(row, (7, 7), rate(&card.budget.rate), &styles.percent)?;
                self.number(row, (8, 8), parse(&card.budget.score), &styles.number)?;
            } else {
                for column in 6..=8 {
                    self.text(row, column, "—")?;
                }
            }
        }
        r += 5;
        self.merged((r, r + 1), (0, 0), "年度总体目标", &styles.text)?;
        self.merged((r, r), (1, 4), "预期目标", &styles.text)?;
        self.merged((r, r), (5, 8), "实际完成情况", &styles.text)?;
        let goal = &national.overall_goal;
        let expected = goal.expected.as_ref().map_or("", |t| t.value.trim_end());
        let achieved = goal.achieved.as_ref().map_or("", |t| t.value.trim_end());
        self.merged((r + 1, r + 1), (1, 4), expected, &styles.long_text)?;
        self.merged((r + 1, r + 1), (5, 8), achieved, &styles.long_text)?;
        let height = text_height(expected, 30).max(text_height(achieved, 30));
        self.sheet.set_row_height(r + 1, height)?;
        r += 2;
        let headers = [
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ];
        for (column, header) in (0u16..).zip(headers) {
            self.sheet
                .write_string_with_format(r, column, header, &styles.header)?;
        }
        self.sheet.set_repeat_rows(r, r)?;
        let indicators: Vec<_> = card
            .goals
            .iter()
            .flat_map(|g| g.indicators.iter().cloned())
            .collect();
        let lines = doc.national.rows.as_slice();
        let spans: Vec<(usize, usize)> = lines
            .iter()
            .map(|l| (l.level1_span, l.level2_span))
            .collect();
        let labels: Vec<String> = lines.iter().map(|l| l.cells.level1.clone()).collect();
        let explanations: Vec<String> = report
            .goals
            .iter()
            .flat_map(|goal| goal.indicators())
            .map(|i| {
                i.explanation
                    .as_ref()
                    .map_or(String::new(), |e| e.value.trim().to_string())
            })
            .collect();
        self.row = r + 1;
        if !indicators.is_empty() {
            let last = self.row + indicators.len() as u32 - 1;
            self.merged((self.row, last), (0, 0), "", &styles.text)?;
        }
        self.indicator_rows(&indicators, &spans, 1, Some((&labels, &explanations)))?;
        let r = self.row;
        self.merged((r, r), (0, 5), "总分", &styles.text)?;
        self.number(r, (6, 6), parse(&card.total_weight), &styles.number)?;
        self.number(r, (7, 7), parse(&card.total), &styles.number)?;
        self.text(r, 8, "")?;
        self.row = r + 1;
        if let Some(remarks) = &national.remarks {
            let r = self.row;
            self.text(r, 0, "备注")?;
            let body = remarks.value.trim_end();
            self.merged((r, r), (1, 8), body, &styles.long_text)?;
            self.sheet.set_row_height(r, text_height(body, 80))?;
            self.row = r + 1;
        }
        Ok(())
    }

    /// 填报人, 联系电话, 填报日期 and 单位负责人 in one line under the table.
    fn sign_off(&mut self, sign: &crate::document::SignOff) -> Written {
        let blank = |value: &str| {
            if value.is_empty() {
                "________".to_string()
            } else {
                value.to_string()
            }
        };
        let line = format!(
            "填报人：{}　　联系电话：{}　　填报日期：{}　　单位负责人（签字）：{}",
            blank(&sign.filled_by),
            blank(&sign.phone),
            sign.date,
            blank(&sign.head)
        );
        let row = self.row + 1;
        write_text(self.sheet, row, 0, &line, &self.styles.plain)
    }
}

/// A row tall enough for `text` at about `per_line` characters a line (points).
fn text_height(text: &str, per_line: usize) -> f64 {
    let lines: usize = text
        .lines()
        .map(|line| line.chars().count().div_ceil(per_line.max(1)).max(1))
        .sum();
    (lines.max(1) as f64 * 15.0).min(409.0)
}

/// "90.66" → 90.66 (the scorecard's strings are its exact two-decimal numbers).
fn parse(text: &str) -> Decimal {
    text.parse().unwrap_or_default()
}

/// "98.00" (percent) → 0.98, for a cell formatted as a percentage.
fn rate(percent: &str) -> Decimal {
    parse(percent) / Decimal::ONE_HUNDRED
}

/// 指标明细: one row per indicator with every field, for sorting and pivoting.
fn detail_sheet(
    sheet: &mut Worksheet,
    styles: &Styles,
    outcome: &Outcome,
    card: &Scorecard,
) -> Written {
    sheet.set_name(DETAIL_SHEET)?;
    let headers = [
        "目标序号",
        "年度目标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年初目标值",
        "实际完成值",
        "分值",
        "按规则得分",
        "得分",
        "是否完成",
        "计分规则",
        "说明",
        "得分说明",
    ];
    for (column, header) in (0u16..).zip(headers) {
        sheet.write_string_with_format(0, column, header, &styles.header)?;
    }
    let widths = [
        8.0, 24.0, 12.0, 14.0, 28.0, 14.0, 14.0, 8.0, 10.0, 8.0, 8.0, 40.0, 40.0, 30.0,
    ];
    for (column, width) in (0u16..).zip(widths) {
        sheet.set_column_width(column, width)?;
    }
    let mut row = 1;
    for (goal, model) in card.goals.iter().zip(&outcome.report.goals) {
        for (indicator, source) in goal.indicators.iter().zip(model.indicators()) {
            let texts = [
                (1, goal.name.as_str()),
                (2, indicator.cells.level1.as_str()),
                (3, indicator.cells.level2.as_str()),
                (4, indicator.cells.name.as_str()),
                (5, indicator.cells.target.as_str()),
                (6, indicator.cells.actual.as_str()),
                (10, if indicator.met { "是" } else { "否" }),
                (11, indicator.rule.as_str()),
            ];
            sheet.write_number_with_format(row, 0, goal.number as f64, &styles.text)?;
            for (column, text) in texts {
                write_text(sheet, row, column, text, &styles.left)?;
            }
            for (column, value) in [
                (7, &indicator.cells.weight),
                (8, &indicator.rule_score),
                (9, &indicator.cells.score),
            ] {
                sheet.write_number_with_format(
                    row,
                    column,
                    double_of(parse(value)),
                    &styles.number,
                )?;
            }
            let explanation = source.explanation.as_ref().map_or("", |e| e.value.trim());
            let reason = source.score_reason.as_ref().map_or("", |e| e.value.trim());
            write_text(sheet, row, 12, explanation, &styles.left)?;
            write_text(sheet, row, 13, reason, &styles.left)?;
            row += 1;
        }
    }
    sheet.autofilter(0, 0, row.saturating_sub(1).max(1), 13)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// 检查结果: every warning (a report with errors is not exported) with its place.
fn checks_sheet(sheet: &mut Worksheet, styles: &Styles, evaluated: &Evaluated) -> Written {
    sheet.set_name(CHECKS_SHEET)?;
    for (column, header) in (0u16..).zip(["级别", "文件", "行", "列", "内容", "修改建议"])
    {
        sheet.write_string_with_format(0, column, header, &styles.header)?;
    }
    for (column, width) in (0u16..).zip([8.0, 24.0, 6.0, 6.0, 60.0, 60.0]) {
        sheet.set_column_width(column, width)?;
    }
    for (row, diagnostic) in (1u32..).zip(&evaluated.diagnostics.0) {
        let level = match diagnostic.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        };
        sheet.write_string_with_format(row, 0, level, &styles.left)?;
        if let Some(span) = diagnostic.span {
            let file = evaluated.files.path(span.file).display().to_string();
            write_text(sheet, row, 1, &file, &styles.left)?;
            sheet.write_number_with_format(row, 2, span.line as f64, &styles.text)?;
            sheet.write_number_with_format(row, 3, span.column as f64, &styles.text)?;
        }
        write_text(sheet, row, 4, &diagnostic.message, &styles.left)?;
        let help = diagnostic.help.as_deref().unwrap_or("");
        write_text(sheet, row, 5, help, &styles.left)?;
    }
    Ok(())
}
