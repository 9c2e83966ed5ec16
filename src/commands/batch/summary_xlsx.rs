//! The 汇总表 as an Excel workbook: the same rows, totals and grade count as the PDF, counts and
//! scores as numbers a spreadsheet can sum. Same input, same bytes: the document's creation
//! date is the table's date (the latest 提交时间), never the clock.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::summary::Summary;
use super::summary_pdf::TITLE;
use crate::excel::cells::{MAX_CELL_CHARS, excel_length, xlsx_reason};

/// The sheet's name.
pub const SHEET: &str = "汇总表";

/// Why the workbook could not be made, in Chinese.
#[derive(Debug)]
pub struct XlsxFailure(pub String);

impl std::fmt::Display for XlsxFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "无法生成汇总表.xlsx：{}", self.0)
    }
}

impl std::error::Error for XlsxFailure {}

impl From<XlsxError> for XlsxFailure {
    fn from(error: XlsxError) -> Self {
        XlsxFailure(xlsx_reason(&error))
    }
}

/// The columns that hold numbers (counts, year, rate, total); the others are text.
const NUMBER_COLUMNS: [usize; 9] = [0, 4, 5, 6, 8, 9, 10, 11, 12];
/// The rate (two decimals) and the total (as many as the report's 得分小数位数).
const TWO_DECIMALS: [usize; 2] = [5, 6];

/// The workbook's bytes.
pub fn summary_xlsx(summary: &Summary) -> Result<Vec<u8>, XlsxFailure> {
    let mut workbook = Workbook::new();
    let (year, month, day) = summary.date;
    let created = ExcelDateTime::from_ymd(u16::try_from(year).unwrap_or(2000), month, day)?;
    let properties = DocProperties::new()
        .set_title(TITLE)
        .set_creation_datetime(&created);
    workbook.set_properties(&properties);
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET)?;
    write_sheet(sheet, summary)?;
    Ok(workbook.save_to_buffer()?)
}

fn write_sheet(sheet: &mut Worksheet, summary: &Summary) -> Result<(), XlsxFailure> {
    let border = Format::new().set_border(FormatBorder::Thin);
    let heading = border
        .clone()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_background_color(0xE1E1E1);
    let text = border.clone();
    let number = border.clone().set_align(FormatAlign::Right);
    let decimal = number.clone().set_num_format("0.00");
    let bold_text = text.clone().set_bold();
    let bold_number = number.clone().set_bold();
    let bold_decimal = decimal.clone().set_bold();

    let mut headings = Summary::HEADINGS.map(str::to_string);
    headings[5] = "预算执行率（%）".to_string();
    for (col, title) in headings.iter().enumerate() {
        sheet.write_string_with_format(0, col16(col), title, &heading)?;
    }
    let mut row = 1u32;
    for cells in summary.cells() {
        write_cells(sheet, row, &cells, [&text, &number, &decimal])?;
        row += 1;
    }
    let mut totals = summary.total_cells();
    let t = &summary.totals;
    totals[1] = format!("合计（{} 份报告；总分为平均）", t.reports);
    totals[6] = t.average_total.clone().unwrap_or_else(|| "—".to_string());
    write_cells(
        sheet,
        row,
        &totals,
        [&bold_text, &bold_number, &bold_decimal],
    )?;

    row += 2;
    sheet.write_string_with_format(row, 0, "等级", &heading)?;
    sheet.write_string_with_format(row, 1, "份数", &heading)?;
    let g = &summary.grades;
    for (label, count) in [
        ("优", g.excellent),
        ("良", g.good),
        ("中", g.fair),
        ("差", g.poor),
        ("有错误", g.failed),
    ] {
        row += 1;
        sheet.write_string_with_format(row, 0, label, &text)?;
        sheet.write_number_with_format(row, 1, count_value(count), &number)?;
    }

    for (col, width) in [6, 36, 24, 30, 7, 14, 9, 7, 8, 7, 8, 7, 7, 24]
        .into_iter()
        .enumerate()
    {
        sheet.set_column_width(col16(col), width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A row: numbers where the column holds numbers and the cell is one ("—" stays text).
fn write_cells(
    sheet: &mut Worksheet,
    row: u32,
    cells: &[String; 14],
    [text, number, decimal]: [&Format; 3],
) -> Result<(), XlsxFailure> {
    for (col, cell) in cells.iter().enumerate() {
        let value = NUMBER_COLUMNS
            .contains(&col)
            .then(|| spreadsheet_number(cell))
            .flatten();
        match value {
            Some(value) => {
                let places_format;
                let format = if TWO_DECIMALS.contains(&col) {
                    // A total of a report scored to one decimal or whole points keeps them.
                    let places = cell.split_once('.').map_or(0, |(_, fraction)| {
                        fraction.chars().take_while(char::is_ascii_digit).count()
                    });
                    match places {
                        2 => decimal,
                        0 => number,
                        places => {
                            places_format = number
                                .clone()
                                .set_num_format(format!("0.{}", "0".repeat(places)));
                            &places_format
                        }
                    }
                } else {
                    number
                };
                sheet.write_number_with_format(row, col16(col), value, format)?;
            }
            None if cell.is_empty() => {
                sheet.write_blank(row, col16(col), text)?;
            }
            None => {
                sheet.write_string_with_format(row, col16(col), fitted(cell).as_ref(), text)?;
            }
        }
    }
    Ok(())
}

/// What is said in place of the rest of a text too long for a cell.
const CUT: &str = "……（超过 Excel 一个单元格 32,767 个字符的上限，以下从略；全文见汇总表.pdf）";

/// A text within a cell of Excel: one longer is cut, and says so in the cell (the PDF has it
/// whole). An overview is more use with one cell cut than not written at all.
fn fitted(cell: &str) -> std::borrow::Cow<'_, str> {
    if excel_length(cell) <= MAX_CELL_CHARS {
        return std::borrow::Cow::Borrowed(cell);
    }
    let room = MAX_CELL_CHARS - excel_length(CUT);
    let mut kept = String::new();
    let mut length = 0;
    for c in cell.chars() {
        length += c.len_utf16();
        if length > room {
            break;
        }
        kept.push(c);
    }
    kept.push_str(CUT);
    std::borrow::Cow::Owned(kept)
}

/// A printed count or two-decimal score as the number a spreadsheet stores. Excel keeps every
/// number as a binary double, so this is where the exact decimals (already rounded to 0.01 and
/// printed) become one; the string is parsed, not computed with.
fn spreadsheet_number(cell: &str) -> Option<f64> {
    let digits = cell.strip_suffix('%').unwrap_or(cell);
    let valid = !digits.is_empty()
        && digits.len() <= 20
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-');
    valid.then(|| digits.parse().ok()).flatten()
}

fn count_value(count: usize) -> f64 {
    // Counts of reports: far below 2^53.
    u32::try_from(count).map_or(f64::from(u32::MAX), f64::from)
}

fn col16(col: usize) -> u16 {
    u16::try_from(col).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_too_long_for_a_cell_is_cut_and_says_so() {
        assert_eq!(fitted("甲"), "甲");
        let long = "字".repeat(40_000);
        let cut = fitted(&long);
        assert_eq!(excel_length(&cut), MAX_CELL_CHARS);
        assert!(cut.ends_with(CUT));
        let astral = "𠀀".repeat(20_000);
        assert!(excel_length(&fitted(&astral)) <= MAX_CELL_CHARS);
    }
}
