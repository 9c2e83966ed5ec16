//! The scalars of the sources, read exactly as written: amounts, percentages, texts, years, dates.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer};

use crate::diagnostic::with_help;

/// An exact decimal read from the written text (`13581.20` keeps its scale), never via a float.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(pub Decimal);

impl std::ops::Deref for Amount {
    type Target = Decimal;
    fn deref(&self) -> &Decimal {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = deserializer.deserialize_str(ScalarText("数字（如 13581.29）"))?;
        parse_amount(&text)
            .map(Amount)
            .ok_or_else(|| de::Error::custom(not_a_number(&text)))
    }
}

fn not_a_number(text: &str) -> String {
    let trimmed = text.trim();
    if is_plain_number(trimmed) {
        return with_help(
            &format!("「{text}」位数太多，超出了可以计算的范围"),
            &bounds_help(),
        );
    }
    if let Some(ascii) = super::numerals::half_width(trimmed) {
        return full_width(text, &ascii);
    }
    let help = match comma_help(trimmed) {
        Some(help) => help,
        None => "只写阿拉伯数字和小数点，如 13581.29（不要写单位、千分位逗号或汉字）".to_string(),
    };
    with_help(&format!("「{text}」不是有效的数字"), &help)
}

/// A number typed with the input method in full-width mode: its half-width form.
fn full_width(text: &str, ascii: &str) -> String {
    let number = ascii.strip_suffix('%').unwrap_or(ascii);
    let help = match (parse_amount(number), comma_help(number)) {
        (Some(_), _) => format!("改成半角：{ascii}（可关掉输入法的全角模式再输入）"),
        (None, Some(commas)) => format!("改成半角，并且{commas}"),
        (None, None) => format!(
            "改成半角（{ascii}），并只写阿拉伯数字和小数点，如 13581.29（可关掉输入法的全角模式再输入）"
        ),
    };
    with_help(&format!("「{text}」用了全角的数字或符号"), &help)
}

/// What to do about a number with commas: drop thousands separators; a comma that may be a
/// decimal comma (`1,5`) is asked about, never read as one reading or the other.
fn comma_help(text: &str) -> Option<String> {
    if !text.contains(',') || !is_plain_number(&text.replace(',', "")) {
        return None;
    }
    let without = text.replace(',', "");
    if super::numerals::is_thousands_grouped(text.trim_start_matches('-')) {
        return Some(format!("去掉千分位逗号，写成 {without}"));
    }
    Some(comma_question(text))
}

/// `1,5`: is it 1.5 or 15? Both readings, for the user to choose.
fn comma_question(number: &str) -> String {
    match super::numerals::comma_readings(number) {
        (Some(decimal), whole) => format!(
            "「{number}」中的逗号是小数点还是千分位？是 {decimal} 就写成 {decimal}（小数点用半角句点），是 {whole} 就写成 {whole}（不写千分位逗号）"
        ),
        (None, whole) => format!(
            "「{number}」中的逗号不是按千分位写的：是 {whole} 就写成 {whole}（不写逗号），有小数时用半角句点「.」"
        ),
    }
}

/// Whether `text` is written as a plain decimal: digits with at most one inner point, maybe `-`.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty()
        && !digits.starts_with('.')
        && !digits.ends_with('.')
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.matches('.').count() <= 1
}

/// The most integer digits a number may have: 10¹⁷ 元 (let alone 万元) is far beyond any budget, and
/// 17 digits are what a float would already have lost.
pub const MAX_INTEGER_DIGITS: usize = 17;
/// The most decimals a number may have (money and weights are further limited to two).
pub const MAX_DECIMALS: usize = 6;

/// With these bounds no ratio, difference or product the scoring computes can overflow:
/// 10¹⁷ ÷ 10⁻⁶ × 100 = 10²⁵ is well inside a decimal's 7.9 × 10²⁸.
pub fn bounds_help() -> String {
    format!(
        "数字的整数部分最多 {MAX_INTEGER_DIGITS} 位、小数最多 {MAX_DECIMALS} 位（金额按万元或元填写）：检查是否多写了数字"
    )
}

/// Whether a plain decimal as written lies inside [`MAX_INTEGER_DIGITS`] and [`MAX_DECIMALS`].
pub fn within_bounds(text: &str) -> bool {
    let digits = text.trim().trim_start_matches('-');
    let (integer, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let integer = integer.trim_start_matches('0');
    integer.len() <= MAX_INTEGER_DIGITS && fraction.len() <= MAX_DECIMALS
}

/// Reads a plain decimal number exactly; `+`, `,` and exponents are not accepted, nor numbers
/// beyond [`within_bounds`].
pub fn parse_amount(text: &str) -> Option<Decimal> {
    let text = text.trim();
    if !is_plain_number(text) || !within_bounds(text) {
        return None;
    }
    Decimal::from_str(text).ok()
}

/// A percentage written with its sign: `30%` (`％` too). `0.3` or `30` is an error: it is not
/// clear whether 30 % or 0.3 % is meant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Percent(pub Decimal);

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = deserializer.deserialize_str(ScalarText("百分数（如 30%）"))?;
        parse_percent(&text).map(Percent).map_err(de::Error::custom)
    }
}

/// `30%` → 30; the message says what is wrong otherwise.
fn parse_percent(text: &str) -> Result<Decimal, String> {
    let trimmed = text.trim();
    let Some(number) = trimmed.strip_suffix(['%', '％']).map(str::trim) else {
        let help = match parse_amount(trimmed) {
            Some(number) => format!(
                "要写百分号：{}% 还是 {}%？如 30% 写成「30%」",
                number.normalize(),
                super::exact::percent(number).normalize()
            ),
            None => "写成 30% 这样的形式".to_string(),
        };
        return Err(with_help(
            &format!("「{text}」没有写 %，这里要的是百分数"),
            &help,
        ));
    };
    parse_amount(number).ok_or_else(|| match super::numerals::half_width(trimmed) {
        Some(ascii) => full_width(text, &ascii),
        None => with_help(
            &format!("「{text}」不是有效的百分数"),
            "写成 30% 这样的形式",
        ),
    })
}

/// A range of percentages `50%-80%` (also `50%~80%`, `50%至80%`), both ends with `%`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PercentRange {
    pub low: Decimal,
    pub high: Decimal,
}

const RANGE_SEPARATORS: &[char] = &['-', '–', '—', '~', '～', '至', '到'];

impl<'de> Deserialize<'de> for PercentRange {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = deserializer.deserialize_str(ScalarText("百分数区间（如 60%-80%）"))?;
        parse_percent_range(&text).map_err(de::Error::custom)
    }
}

fn parse_percent_range(text: &str) -> Result<PercentRange, String> {
    let Some((low, high)) = text.split_once(RANGE_SEPARATORS) else {
        return Err(with_help(
            &format!("「{text}」不是百分数区间"),
            "写成「60%-80%」这样的「下限%-上限%」",
        ));
    };
    let (low, high) = (parse_percent(low)?, parse_percent(high)?);
    let hundred = Decimal::ONE_HUNDRED;
    if low < Decimal::ZERO || high > hundred || low >= high {
        return Err(with_help(
            &format!("「{text}」不是有效的区间"),
            "下限要小于上限，且都在 0% 到 100% 之间，如「60%-80%」",
        ));
    }
    Ok(PercentRange { low, high })
}

/// Any scalar kept as written: `800`, `≥80%`, `不断提升`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text(pub String);

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = deserializer.deserialize_str(ScalarText("文字或数字"))?;
        Ok(Text(text.trim().to_string()))
    }
}

/// The years a report can be about, for `check` (年度) and `new --year` alike: performance
/// budgeting began in the 2000s; a year outside is a typing mistake (`0000`, `2202`).
pub const YEARS: std::ops::RangeInclusive<u16> = 1990..=2100;

/// A budget year written as four digits: `2022`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Year(pub u16);

impl<'de> Deserialize<'de> for Year {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = deserializer.deserialize_str(ScalarText("年份（如 2022）"))?;
        let trimmed = text.trim();
        let four_digits = trimmed.len() == 4 && trimmed.chars().all(|c| c.is_ascii_digit());
        trimmed
            .parse()
            .ok()
            .filter(|_| four_digits)
            .map(Year)
            .ok_or_else(|| {
                let help = match super::numerals::half_width(trimmed) {
                    Some(ascii) if digits(&ascii, 4..=4).is_some() => {
                        format!("年份用了全角数字：改成半角的 {ascii}")
                    }
                    _ => "用四位阿拉伯数字写年份，如 2022（半角数字，不要写「年」字或汉字数字）"
                        .into(),
                };
                de::Error::custom(with_help(&format!("「{text}」不是有效的年度"), &help))
            })
    }
}

/// 得分小数位数: how many decimals a score keeps, 0, 1 or 2 (the default).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScorePlaces(pub u32);

impl Default for ScorePlaces {
    fn default() -> Self {
        ScorePlaces(2)
    }
}

impl<'de> Deserialize<'de> for ScorePlaces {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = deserializer.deserialize_str(ScalarText("小数位数（2、1 或 0）"))?;
        match text.trim() {
            "2" => Ok(ScorePlaces(2)),
            "1" => Ok(ScorePlaces(1)),
            "0" => Ok(ScorePlaces(0)),
            _ => Err(de::Error::custom(with_help(
                &format!("「{text}」不是可用的得分小数位数"),
                "写 2（保留两位小数，默认）、1（一位小数）或 0（得分取整数），按表格打印得分的方式选",
            ))),
        }
    }
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// `2023-06-10` (month and day may have one digit). Only digits: Rust's number parsing
    /// would also take `+1`, so `2023-06-+1` would be the first of June.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year: i32 = digits(parts.next()?, 4..=4)?.parse().ok()?;
        let month: u8 = digits(parts.next()?, 1..=2)?.parse().ok()?;
        let day: u8 = digits(parts.next()?, 1..=2)?.parse().ok()?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1000..=9999).contains(&year) && (1..=days).contains(&day)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// 2023 年 6 月 10 日
    pub fn to_zh(self) -> String {
        format!("{} 年 {} 月 {} 日", self.year, self.month, self.day)
    }
}

/// `text` when it is `count` ASCII digits and nothing else.
fn digits(text: &str, count: std::ops::RangeInclusive<usize>) -> Option<&str> {
    (count.contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())).then_some(text)
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = deserializer.deserialize_str(ScalarText("日期（如 2023-06-10）"))?;
        Date::parse(&text).ok_or_else(|| {
            let help = match super::numerals::half_width(text.trim()) {
                Some(ascii) if Date::parse(&ascii).is_some() => {
                    format!("日期用了全角的数字或符号：改成半角的 {ascii}")
                }
                _ => {
                    "写成 2023-06-10 这样的「年-月-日」（只写数字和半角减号），并检查这一天是否存在"
                        .into()
                }
            };
            de::Error::custom(with_help(&format!("「{text}」不是有效的日期"), &help))
        })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Takes any scalar as its source text; `expecting` says in Chinese what was wanted.
struct ScalarText(&'static str);

impl<'de> Visitor<'de> for ScalarText {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.0)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<String, E> {
        Ok(text.to_string())
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<String, E> {
        Ok(text)
    }
}
