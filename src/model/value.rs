//! Targets and actual values as real tables write them: `≥80%`, `不少于30个`, `10人次以下`,
//! `9月底前`, `3天内`, `0起`, `达成年度指标`, `不断提升`, `无法取得` (domain.md section 4).
//!
//! Parsing reads a normalised copy (full-width digits, `％`, `．` as ASCII; the variant
//! comparator glyphs `＞ ＜ ＝ ≧ ≦ ⩾ ⩽ ═ ﹦ ﹥ ﹤ ≮ ≯` as `> < = ≥ ≤`; spaces dropped);
//! the text as written is what gets printed.

use rust_decimal::Decimal;

use crate::model::numerals::{half_width_char, is_thousands_grouped};
use crate::model::{Band, parse_amount};

/// What a 年初目标值 or 实际完成值 says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A number with an optional comparator and unit.
    Quantity(Quantity),
    /// A deadline: `9月前`, `12月31日前`, `2023年10月底前` (met by that moment or earlier).
    Deadline(Moment),
    /// A month or a date: `7月`, `10月底`, `2023年9月20日`.
    Moment(Moment),
    /// A band label written as the value: `达成年度指标`, `部分达成`, `未达成`.
    Band(Band),
    /// `无法取得`: no data could be had.
    NoData,
    /// Anything else, kept exactly as written (不断提升, 通过考核, 前三 …).
    Qualitative(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quantity {
    pub comparator: Option<Comparator>,
    pub number: Decimal,
    /// Without spaces and without a comparator word; empty when there is none.
    pub unit: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparator {
    AtLeast,
    AtMost,
    MoreThan,
    LessThan,
    Equal,
}

impl Comparator {
    /// Lower-is-better targets are written with ≤ or <.
    pub fn is_upper_bound(self) -> bool {
        matches!(self, Comparator::AtMost | Comparator::LessThan)
    }

    pub fn is_strict(self) -> bool {
        matches!(self, Comparator::MoreThan | Comparator::LessThan)
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::AtLeast => "≥",
            Comparator::AtMost => "≤",
            Comparator::MoreThan => ">",
            Comparator::LessThan => "<",
            Comparator::Equal => "=",
        }
    }

    /// Whether `actual` satisfies `actual <comparator> target` (`=` as reaching it: ≥).
    pub fn holds(self, actual: Decimal, target: Decimal) -> bool {
        match self {
            Comparator::AtLeast | Comparator::Equal => actual >= target,
            Comparator::MoreThan => actual > target,
            Comparator::AtMost => actual <= target,
            Comparator::LessThan => actual < target,
        }
    }
}

/// Comparators written before the number, longest first so that `>=` is not read as `>` nor
/// `大于等于` as `大于`.
pub const PREFIX_COMPARATORS: &[(&str, Comparator)] = &[
    ("大于或等于", Comparator::AtLeast),
    ("大于等于", Comparator::AtLeast),
    ("高于或等于", Comparator::AtLeast),
    ("高于等于", Comparator::AtLeast),
    ("小于或等于", Comparator::AtMost),
    ("小于等于", Comparator::AtMost),
    ("低于或等于", Comparator::AtMost),
    ("低于等于", Comparator::AtMost),
    ("不少于", Comparator::AtLeast),
    ("不低于", Comparator::AtLeast),
    ("不小于", Comparator::AtLeast),
    ("至少", Comparator::AtLeast),
    ("达到", Comparator::AtLeast),
    ("超过", Comparator::MoreThan),
    ("大于", Comparator::MoreThan),
    ("高于", Comparator::MoreThan),
    ("不超过", Comparator::AtMost),
    ("不高于", Comparator::AtMost),
    ("不大于", Comparator::AtMost),
    ("不多于", Comparator::AtMost),
    ("最多", Comparator::AtMost),
    ("控制在", Comparator::AtMost),
    ("低于", Comparator::LessThan),
    ("小于", Comparator::LessThan),
    ("少于", Comparator::LessThan),
    (">=", Comparator::AtLeast),
    ("=>", Comparator::AtLeast),
    ("≥=", Comparator::AtLeast),
    ("<=", Comparator::AtMost),
    ("=<", Comparator::AtMost),
    ("≤=", Comparator::AtMost),
    ("≥", Comparator::AtLeast),
    ("≤", Comparator::AtMost),
    (">", Comparator::MoreThan),
    ("<", Comparator::LessThan),
    ("=", Comparator::Equal),
];

/// Comparators written after the number and its unit, longest first (`及以上` before `以上`).
pub const SUFFIX_COMPARATORS: &[(&str, Comparator)] = &[
    ("及以上", Comparator::AtLeast),
    ("或以上", Comparator::AtLeast),
    ("以上", Comparator::AtLeast),
    ("及以下", Comparator::AtMost),
    ("或以下", Comparator::AtMost),
    ("以下", Comparator::AtMost),
    ("及以内", Comparator::AtMost),
    ("以内", Comparator::AtMost),
    ("之内", Comparator::AtMost),
    ("内", Comparator::AtMost),
];

/// Band labels as actual values: the short names and the long ones of 财预〔2020〕10号.
pub const BAND_LABELS: &[(&str, Band)] = &[
    ("达成", Band::Reached),
    ("已达成", Band::Reached),
    ("达成预期指标", Band::Reached),
    ("达成年度指标", Band::Reached),
    ("部分达成", Band::Partly),
    ("部分达成预期指标", Band::Partly),
    ("部分达成年度指标", Band::Partly),
    ("部分达成年度指标并具有一定效果", Band::Partly),
    ("未达成", Band::Missed),
    ("未达成预期指标", Band::Missed),
    ("未达成年度指标", Band::Missed),
    ("未达成年度指标且效果较差", Band::Missed),
];

/// Actual values that say a deadline was kept without saying when.
pub const DONE_IN_TIME: &[&str] = &["按时完成", "按期完成", "如期完成", "提前完成", "已完成"];

pub const NO_DATA: &str = "无法取得";

/// Longest unit we accept without it being in a list: 平方公里, 个工作日 are still units, a
/// sentence like `9条湖溪，水域总面积…` is not.
const MAX_UNIT_CHARS: usize = 4;

pub fn parse_value(text: &str) -> Value {
    let text = text.trim();
    if text == NO_DATA {
        return Value::NoData;
    }
    let normal = normalize(text);
    if let Some((_, band)) = BAND_LABELS.iter().find(|(label, _)| *label == normal) {
        return Value::Band(*band);
    }
    if let Some(moment) = normal
        .strip_suffix("之前")
        .or_else(|| normal.strip_suffix("以前"))
        .or_else(|| normal.strip_suffix('前'))
        .and_then(parse_moment)
    {
        return Value::Deadline(moment);
    }
    if let Some(moment) = parse_moment(&normal) {
        return Value::Moment(moment);
    }
    parse_quantity(&normal).map_or_else(|| Value::Qualitative(text.to_string()), Value::Quantity)
}

/// Full-width digits and signs as ASCII, every comparator glyph a table uses as one of
/// `≥ ≤ > < =`, `／` as `/`, no spaces at all.
pub fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' | '．' | '％' => half_width_char(c),
            '﹪' => '%',
            '／' => '/',
            '＞' | '﹥' => '>',
            '＜' | '﹤' => '<',
            '＝' | '﹦' | '═' => '=',
            // `≮` (not less than) and `≯` (not greater than) are how technical tables write them.
            '≧' | '⩾' | '≮' => '≥',
            '≦' | '⩽' | '≯' => '≤',
            other => other,
        })
        .collect()
}

fn parse_quantity(text: &str) -> Option<Quantity> {
    let (prefix, rest) = split_prefix(text);
    let number_len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    let (number_text, after) = rest.split_at(number_len);
    // `1,5 个` may mean 1.5 or 15: only commas that group thousands are read.
    if number_text.contains(',') && !is_thousands_grouped(number_text) {
        return None;
    }
    let number = parse_amount(&number_text.replace(',', ""))?;
    let (unit, suffix) = split_suffix(after);
    let comparator = match (prefix, suffix) {
        (Some(before), Some(after)) if before != after => return None,
        (before, after) => before.or(after),
    };
    is_unit(unit).then(|| Quantity {
        comparator,
        number,
        unit: unit.to_string(),
    })
}

fn split_prefix(text: &str) -> (Option<Comparator>, &str) {
    PREFIX_COMPARATORS
        .iter()
        .find_map(|(spelling, comparator)| {
            text.strip_prefix(spelling)
                .map(|rest| (Some(*comparator), rest))
        })
        .unwrap_or((None, text))
}

fn split_suffix(text: &str) -> (&str, Option<Comparator>) {
    SUFFIX_COMPARATORS
        .iter()
        .find_map(|(spelling, comparator)| {
            text.strip_suffix(spelling)
                .map(|unit| (unit, Some(*comparator)))
        })
        .unwrap_or((text, None))
}

/// What joins the parts of a compound unit: `元/人·月`, `元/人*月`, `万元/公里`, `人次/年`.
const UNIT_SEPARATORS: &[char] = &['/', '·', '*', '＊', '・', '•', '∙', '⋅'];

/// Most parts a compound unit has (`元/人·月` has three).
const MAX_UNIT_PARTS: usize = 4;

fn is_unit(unit: &str) -> bool {
    let plain = |part: &str| {
        !part.is_empty()
            && part.chars().count() <= MAX_UNIT_CHARS
            && part.chars().all(char::is_alphabetic)
    };
    unit.is_empty()
        || matches!(unit, "%" | "‰")
        || (unit.chars().count() <= MAX_UNIT_CHARS
            && unit.chars().all(|c| c.is_alphabetic() || c == '/'))
        || (unit.contains(UNIT_SEPARATORS)
            && unit.split(UNIT_SEPARATORS).count() <= MAX_UNIT_PARTS
            && unit.split(UNIT_SEPARATORS).all(plain))
}

impl Quantity {
    /// The unit for comparing two values: the middle dots and stars that join a compound unit
    /// as one (`元/人*月` is `元/人·月`).
    pub fn normalized_unit(&self) -> String {
        self.unit
            .chars()
            .map(|c| match c {
                '/' => '/',
                c if UNIT_SEPARATORS.contains(&c) => '·',
                c => c,
            })
            .collect()
    }

    /// A duration: the unit of a time limit (`3天内`, `2小时内`, `30个工作日内`).
    pub fn is_duration(&self) -> bool {
        matches!(
            self.unit.as_str(),
            "天" | "日" | "个工作日" | "工作日" | "小时" | "分钟" | "周" | "个月" | "年"
        )
    }
}

/// A month or a day of a month, maybe with its year: `9月`, `10月底`, `2023年9月20日`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Moment {
    pub year: Option<i32>,
    pub month: u32,
    /// None for a whole month (`9月`, `9月底`): the moment is then the month's last day.
    pub day: Option<u32>,
}

/// Year used when neither side names one: a leap year, so that `2月29日` is a date.
const ANY_YEAR: i32 = 2000;

impl Moment {
    /// The day number of the moment's last day, counted from 1 January of `base_year` (1).
    pub fn day_number(self, base_year: i32) -> i64 {
        let year = self.year.unwrap_or(base_year);
        let day = self.day.unwrap_or_else(|| days_in_month(year, self.month));
        days_from_civil(year, self.month, day) - days_from_civil(base_year, 1, 1) + 1
    }

    /// Both moments as day numbers from the same first day of a year (the deadline's year,
    /// else the other's); a side without a year is taken in that year.
    pub fn day_numbers(deadline: Moment, actual: Moment) -> (i64, i64) {
        let base = deadline.year.or(actual.year).unwrap_or(ANY_YEAR);
        (deadline.day_number(base), actual.day_number(base))
    }
}

fn parse_moment(text: &str) -> Option<Moment> {
    if let Some(moment) = parse_iso_date(text) {
        return Some(moment);
    }
    let (year, rest) = match text.split_once('年') {
        Some((year, rest)) => (Some(four_digit_year(year)?), rest),
        None => (None, text),
    };
    let (month, rest) = rest.split_once('月')?;
    let month = small_number(month).filter(|m| (1..=12).contains(m))?;
    let day = match rest {
        "" | "底" | "末" | "份" | "末前" => None,
        day_text => Some(small_number(day_text.strip_suffix(['日', '号'])?)?),
    };
    let check_year = year.unwrap_or(ANY_YEAR);
    if day.is_some_and(|d| d < 1 || d > days_in_month(check_year, month)) {
        return None;
    }
    Some(Moment { year, month, day })
}

fn parse_iso_date(text: &str) -> Option<Moment> {
    let date = crate::model::Date::parse(text)?;
    Some(Moment {
        year: Some(date.year),
        month: u32::from(date.month),
        day: Some(u32::from(date.day)),
    })
}

fn four_digit_year(text: &str) -> Option<i32> {
    (text.len() == 4 && text.chars().all(|c| c.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn small_number(text: &str) -> Option<u32> {
    (!text.is_empty() && text.len() <= 2 && text.chars().all(|c| c.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm); years here have four digits.
fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let (year, month, day) = (i64::from(year), i64::from(month), i64::from(day));
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests;
