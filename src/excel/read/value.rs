//! A cell's value as import takes it: the text Excel shows, the exact decimal of a number, and
//! what to say of a value that is no number import can take (an Excel error, NaN, 1e308, a
//! number with full-width digits).

use calamine::Data;
use rust_decimal::Decimal;

use super::limits::MAX_NUMBER;
use crate::excel::cells::decimal_of;

/// A cell's value: as shown, its number, whether it is a date.
#[derive(Debug, PartialEq)]
pub struct Value {
    pub text: String,
    pub number: Option<Decimal>,
    pub date: bool,
}

/// A cell's value as import reads it, and what to say about it: a value Excel could not
/// compute, or a number that cannot be taken exactly, is no value and a note.
pub fn value_of(data: &Data, percent: bool) -> (Option<Value>, Option<String>) {
    let blank = "按空白读入，没有计为 0";
    let (text, number, date) = match data {
        Data::Int(n) => match exact(*n as f64) {
            Ok(_) => (n.to_string(), Some(Decimal::from(*n)), false),
            Err(why) => return (None, Some(format!("{why}，{blank}"))),
        },
        Data::Float(f) => match exact(*f) {
            Ok(number) => (number.to_string(), Some(number), false),
            Err(why) => return (None, Some(format!("{why}，{blank}"))),
        },
        Data::String(s) => {
            let text = s.trim().to_string();
            let (number, note) = number_in_text(&text);
            if text.is_empty() {
                return (None, None);
            }
            return (
                Some(Value {
                    text,
                    number,
                    date: false,
                }),
                note,
            );
        }
        Data::Bool(b) => (b.to_string(), None, false),
        Data::DateTime(date) => match date_text(date) {
            Some(text) => (text, None, true),
            None => {
                return (
                    None,
                    Some(format!(
                        "日期的数值 {} 超出了 Excel 的日期范围，{blank}",
                        date.as_f64()
                    )),
                );
            }
        },
        Data::DateTimeIso(text) => (text.chars().take(10).collect(), None, true),
        Data::DurationIso(text) => (text.clone(), None, false),
        Data::Error(error) => {
            return (
                None,
                Some(format!(
                    "是 Excel 的错误值 {error}（公式算不出结果），{blank}：请在 Excel 中改正公式后重新导入"
                )),
            );
        }
        Data::Empty => return (None, None),
    };
    if text.is_empty() {
        return (None, None);
    }
    let text = match (percent, number, data) {
        // A number shown with a % format: 0.82 is written 82%.
        (true, Some(number), Data::Int(_) | Data::Float(_)) => number
            .checked_mul(Decimal::ONE_HUNDRED)
            .map_or(text, |hundred| format!("{}%", hundred.normalize())),
        _ => text,
    };
    (Some(Value { text, number, date }), None)
}

/// A double as the exact decimal Excel shows, or why it cannot be one.
fn exact(value: f64) -> Result<Decimal, String> {
    if value.is_nan() {
        return Err("数值是 NaN（不是一个数）".to_string());
    }
    if value.is_infinite() {
        return Err("数值是无穷大".to_string());
    }
    if value.abs() >= MAX_NUMBER {
        return Err(format!(
            "数值 {value:e} 太大（导入只接受绝对值小于 10 的 15 次方的数）"
        ));
    }
    decimal_of(value).ok_or_else(|| format!("数值 {value:e} 无法精确表示为小数"))
}

/// The number a text cell holds (`40.00`, `13,581.29`, full-width `１２３．５`), and a note
/// when its digits were full-width.
fn number_in_text(text: &str) -> (Option<Decimal>, Option<String>) {
    let half = half_width(text);
    let plain = half.replace([',', '，'], "");
    let Ok(number) = plain.parse::<Decimal>() else {
        return (None, None);
    };
    if number.abs() >= Decimal::from(1_000_000_000_000_000i64) {
        return (
            None,
            Some(format!(
                "「{}」太大（导入只接受绝对值小于 10 的 15 次方的数），按空白读入，没有计为 0",
                super::short(text)
            )),
        );
    }
    let note = (half != text).then(|| {
        format!(
            "「{}」是全角数字，按 {} 读入",
            super::short(text),
            number.normalize()
        )
    });
    (Some(number), note)
}

/// Full-width digits and signs (`１２３．５`) as ASCII; other characters as they are.
pub fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' | '．' | '－' | '＋' | '，' => {
                char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}

/// A date cell as `2023-06-10` (Excel counts days from 1899-12-30).
fn date_text(date: &calamine::ExcelDateTime) -> Option<String> {
    let serial = date.as_f64();
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64 - 25_569; // days from 1970-01-01
    let (year, month, day) = civil(days);
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// The Gregorian date of a day counted from 1970-01-01 (H. Hinnant's `civil_from_days`).
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_and_signs_become_ascii_and_nothing_else_changes() {
        assert_eq!(half_width("１２３．５"), "123.5");
        assert_eq!(half_width("－１，０００"), "-1,000");
        assert_eq!(half_width("完成率９０％，较好。"), "完成率90％,较好。");
    }

    #[test]
    fn numbers_in_text_say_when_they_were_full_width() {
        let (number, note) = number_in_text("１２３．５");
        assert_eq!(number, Some(Decimal::new(1235, 1)));
        assert!(note.unwrap().contains("按 123.5 读入"));
        assert_eq!(
            number_in_text("13,581.29"),
            (Some(Decimal::new(1358129, 2)), None)
        );
        assert_eq!(number_in_text("按计划完成"), (None, None));
    }

    #[test]
    fn doubles_no_decimal_can_take_are_notes_never_zero() {
        for (value, said) in [
            (f64::NAN, "NaN"),
            (f64::INFINITY, "无穷大"),
            (1e308, "太大"),
            (-1e15, "太大"),
        ] {
            let (cell, note) = value_of(&Data::Float(value), false);
            assert_eq!(cell, None);
            assert!(note.unwrap().contains(said), "{value}");
        }
        let (cell, note) = value_of(&Data::Float(0.82), true);
        assert_eq!(cell.unwrap().text, "82%");
        assert_eq!(note, None);
    }
}
