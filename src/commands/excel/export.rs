//! `jixiao export`: the scored 自评表 as a workbook that looks like the official one (sheet
//! 自评表: the same rows, merged cells and borders, as the report's form lays it out), with
//! every indicator and field on a sheet of its own (指标明细) and every message of the checks
//! (检查结果). Numbers are numbers (weights, scores and money with two decimals, the execution
//! rate a percentage), text is text; the same report gives the same bytes (the workbook's date
//! is its 提交时间).

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, Worksheet};

use crate::diagnostic::Severity;
use crate::excel::cells::double_of;
pub use crate::excel::write::ExportError;
use crate::excel::write::{Styles, Table, Written, parse, write_text};
use crate::scoring::scorecard::Scorecard;
use crate::{Evaluated, Outcome};

/// The sheets' names, as import finds them again.
pub const TABLE_SHEET: &str = "自评表";
pub const DETAIL_SHEET: &str = "指标明细";
pub const CHECKS_SHEET: &str = "检查结果";

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
    let styles = Styles::with_score_places(report.settings.score_places());
    {
        let sheet = workbook.add_worksheet();
        sheet.set_name(TABLE_SHEET)?;
        let mut table = Table::new(sheet, &styles);
        report.own.form().write_table(outcome, &mut table)?;
        table.sign_off(&crate::document::sign_off(report))?;
    }
    detail_sheet(workbook.add_worksheet(), &styles, outcome, &doc.card)?;
    checks_sheet(workbook.add_worksheet(), &styles, evaluated)?;
    Ok(workbook.save_to_buffer()?)
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
