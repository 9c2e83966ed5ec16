//! Writing a sheet: the cell formats, a text within a cell's limit, and the 自评表 written row
//! by row ([`Table`]) with the parts every form's table has (merged labels, numbers, the
//! indicator rows, the sign-off). Numbers are numbers (weights, scores and money with two
//! decimals, the execution rate a percentage), text is text.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

use super::cells::{MAX_CELL_CHARS, address, double_of, excel_length, xlsx_reason};
use crate::document::SignOff;
use crate::located::At;
use crate::model::Amount;
use crate::scoring::cells::IndicatorCells;

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

pub type Written = Result<(), ExportError>;

/// Refuses a text longer than a cell holds, naming the cell it was for.
fn fit(sheet: &Worksheet, row: u32, column: u16, text: &str) -> Written {
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
pub fn write_text(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    text: &str,
    style: &Format,
) -> Written {
    fit(sheet, row, column, text)?;
    sheet.write_string_with_format(row, column, text, style)?;
    Ok(())
}

/// The cell formats: every cell of the table has borders and wraps.
pub struct Styles {
    pub title: Format,
    pub text: Format,
    pub left: Format,
    pub long_text: Format,
    pub number: Format,
    pub money: Format,
    pub percent: Format,
    pub header: Format,
    pub plain: Format,
}

impl Styles {
    /// The styles of a report whose scores keep two decimals.
    pub fn new() -> Styles {
        Styles::with_score_places(2)
    }

    /// The styles of a report whose weights and scores keep `places` decimals (得分小数位数):
    /// "0.00", "0.0" or "0"; money keeps two.
    pub fn with_score_places(places: u32) -> Styles {
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
            number: centered.clone().set_num_format(match places {
                0 => "0".to_string(),
                places => format!("0.{}", "0".repeat(places as usize)),
            }),
            money: centered.clone().set_num_format("#,##0.00"),
            percent: centered.clone().set_num_format("0.00%"),
            header: centered.set_bold(),
            plain: Format::new().set_font_name("宋体").set_font_size(10.5),
        }
    }
}

impl Default for Styles {
    fn default() -> Self {
        Styles::new()
    }
}

/// The 自评表 sheet, written row by row: `row` is the next row to write.
pub struct Table<'a> {
    pub sheet: &'a mut Worksheet,
    pub styles: &'a Styles,
    pub row: u32,
}

impl<'a> Table<'a> {
    /// The table on `sheet`, from its first row.
    pub fn new(sheet: &'a mut Worksheet, styles: &'a Styles) -> Table<'a> {
        Table {
            sheet,
            styles,
            row: 0,
        }
    }

    /// `text` over columns `first..=last` of rows `self.row..=last_row` (one cell when alone).
    pub fn merged(
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

    pub fn text(&mut self, row: u32, column: u16, text: &str) -> Written {
        write_text(self.sheet, row, column, text, &self.styles.text)
    }

    pub fn left(&mut self, row: u32, column: u16, text: &str) -> Written {
        write_text(self.sheet, row, column, text, &self.styles.left)
    }

    /// A number over `columns` of `row`, two decimals.
    pub fn number(
        &mut self,
        row: u32,
        columns: (u16, u16),
        value: Decimal,
        style: &Format,
    ) -> Written {
        if columns.0 != columns.1 {
            self.sheet
                .merge_range(row, columns.0, row, columns.1, "", style)?;
        }
        self.sheet
            .write_number_with_format(row, columns.0, double_of(value), style)?;
        Ok(())
    }

    /// An amount over `columns` of `row`, or an empty cell when there is none.
    pub fn optional_money(
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

    /// The title over columns `0..=last_column` of the next row.
    pub fn title(&mut self, last_column: u16, text: &str) -> Written {
        let style = self.styles.title.clone();
        fit(self.sheet, self.row, 0, text)?;
        self.sheet
            .merge_range(self.row, 0, self.row, last_column, text, &style)?;
        self.sheet.set_row_height(self.row, 30)?;
        self.row += 1;
        Ok(())
    }

    pub fn widths(&mut self, widths: &[f64]) -> Written {
        for (column, width) in (0u16..).zip(widths) {
            self.sheet.set_column_width(column, *width)?;
        }
        Ok(())
    }

    /// The indicator table's header at `row`, repeated on every printed page.
    pub fn header_row(&mut self, row: u32, headers: &[&str]) -> Written {
        for (column, header) in (0u16..).zip(headers) {
            self.sheet
                .write_string_with_format(row, column, *header, &self.styles.header)?;
        }
        self.sheet.set_repeat_rows(row, row)?;
        Ok(())
    }

    /// The indicator rows from `first_column` on (一级, 二级, 三级, target, actual, weight,
    /// score and, when `explanations` are given, 说明), the 一级 and 二级 cells merged down the
    /// rows the document stage gives them (`spans`: per row, 0 where no cell starts). The 一级
    /// cells print `level1_labels` when given, else each indicator's 一级.
    pub fn indicator_rows(
        &mut self,
        indicators: &[IndicatorCells],
        spans: &[(usize, usize)],
        first_column: u16,
        level1_labels: Option<&[String]>,
        explanations: Option<&[String]>,
    ) -> Written {
        let styles = self.styles;
        let start = self.row;
        for (i, (indicator, &(span1, span2))) in indicators.iter().zip(spans).enumerate() {
            let row = start + i as u32;
            if span1 > 0 {
                let label =
                    level1_labels.map_or(indicator.level1.clone(), |labels| labels[i].clone());
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
                    &indicator.level2,
                    &styles.text,
                )?;
            }
            let c = first_column + 2;
            self.left(row, c, &indicator.name)?;
            self.text(row, c + 1, &indicator.target)?;
            self.text(row, c + 2, &indicator.actual)?;
            self.number(
                row,
                (c + 3, c + 3),
                parse(&indicator.weight),
                &styles.number,
            )?;
            self.number(row, (c + 4, c + 4), parse(&indicator.score), &styles.number)?;
            if let Some(explanations) = explanations {
                self.left(row, c + 5, &explanations[i])?;
            }
        }
        self.row = start + indicators.len() as u32;
        Ok(())
    }

    /// 填报人, 联系电话, 填报日期 and 单位负责人 in one line under the table.
    pub fn sign_off(&mut self, sign: &SignOff) -> Written {
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
pub fn text_height(text: &str, per_line: usize) -> f64 {
    let lines: usize = text
        .lines()
        .map(|line| line.chars().count().div_ceil(per_line.max(1)).max(1))
        .sum();
    (lines.max(1) as f64 * 15.0).min(409.0)
}

/// "90.66" → 90.66 (the scorecard's strings are its exact two-decimal numbers).
pub fn parse(text: &str) -> Decimal {
    text.parse().unwrap_or_default()
}

/// "98.00" (percent) → 0.98, for a cell formatted as a percentage.
pub fn rate(percent: &str) -> Decimal {
    parse(percent) / Decimal::ONE_HUNDRED
}
