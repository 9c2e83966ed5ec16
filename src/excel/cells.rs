//! Cell values between exact decimals and Excel's doubles, and cell addresses as Excel names
//! them (`Sheet1!D17`).

use std::str::FromStr;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::XlsxError;

/// The most a cell of Excel holds: 32,767 characters (UTF-16 code units, as Excel counts).
pub const MAX_CELL_CHARS: usize = 32_767;

/// How long `text` is as Excel counts it.
pub fn excel_length(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Why rust_xlsxwriter could not make a workbook, in Chinese (never its English text).
pub fn xlsx_reason(error: &XlsxError) -> String {
    match error {
        XlsxError::MaxStringLengthExceeded => format!(
            "有一段文字超过了 Excel 一个单元格最多 {} 个字符的限制",
            "32,767"
        ),
        XlsxError::RowColumnLimitError => {
            "行数或列数超出了 Excel 的上限（1,048,576 行、16,384 列）".to_string()
        }
        XlsxError::DateTimeRangeError(_) | XlsxError::DateTimeParseError(_) => {
            "日期超出了 Excel 能表示的范围（1900 年到 9999 年）".to_string()
        }
        XlsxError::IoError(error) | XlsxError::TempFileError(_, error) => {
            crate::files::reason(error, crate::files::Access::Write)
        }
        _ => "工作簿无法按 Excel 的格式写出（这是程序的错误，请报告）".to_string(),
    }
}

/// A decimal as the double Excel stores; 0 for one no double holds (never: amounts are bounded).
pub fn double_of(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

/// A double read from a workbook as the decimal Excel shows: rounded to 15 significant digits,
/// trailing zeros dropped. None for NaN and infinities.
pub fn decimal_of(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    let shown = format!("{value:.14e}");
    Decimal::from_scientific(&shown)
        .or_else(|_| Decimal::from_str(&shown))
        .ok()
        .map(|d| d.normalize())
}

/// `D17`: a zero-based (row, column) as Excel writes it.
pub fn address(row: u32, column: u32) -> String {
    let mut letters = String::new();
    let mut n = column + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_read_as_excel_shows_them() {
        assert_eq!(decimal_of(13581.29).unwrap().to_string(), "13581.29");
        assert_eq!(decimal_of(0.1 + 0.2).unwrap().to_string(), "0.3");
        assert_eq!(decimal_of(0.82).unwrap().to_string(), "0.82");
        assert_eq!(decimal_of(20.0).unwrap().to_string(), "20");
        assert!(decimal_of(f64::NAN).is_none());
        assert_eq!(double_of(Decimal::from_str("13581.29").unwrap()), 13581.29);
    }

    #[test]
    fn addresses() {
        assert_eq!(address(16, 3), "D17");
        assert_eq!(address(0, 0), "A1");
        assert_eq!(address(0, 25), "Z1");
        assert_eq!(address(0, 26), "AA1");
    }
}
