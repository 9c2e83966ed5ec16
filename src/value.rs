//! Targets and actual values as written: `≥80%`, `30 个`, `≤10 人次`, `0起`, `不断提升`, `无法取得`.

use rust_decimal::Decimal;

use crate::model::parse_amount;

/// What a 年初目标值 or 实际完成值 says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A number with an optional comparator and unit.
    Quantity(Quantity),
    /// `无法取得`: no data could be had.
    NoData,
    /// Anything else, kept exactly as written (不断提升, 通过考核, 前三 …).
    Qualitative(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quantity {
    pub comparator: Option<Comparator>,
    pub number: Decimal,
    /// As written, without surrounding spaces; empty when there is none.
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
}

/// Spellings of the comparators, longest first so that `>=` is not read as `>`.
const COMPARATORS: &[(&str, Comparator)] = &[
    (">=", Comparator::AtLeast),
    ("<=", Comparator::AtMost),
    ("≥", Comparator::AtLeast),
    ("≧", Comparator::AtLeast),
    ("≤", Comparator::AtMost),
    ("≦", Comparator::AtMost),
    (">", Comparator::MoreThan),
    ("＞", Comparator::MoreThan),
    ("<", Comparator::LessThan),
    ("＜", Comparator::LessThan),
    ("=", Comparator::Equal),
    ("＝", Comparator::Equal),
];

pub const NO_DATA: &str = "无法取得";

/// Longest unit we accept without it being in a list: 平方公里, 人次/年 are still units, a
/// sentence like `9条湖溪，水域总面积…` is not.
const MAX_UNIT_CHARS: usize = 4;

pub fn parse_value(text: &str) -> Value {
    let text = text.trim();
    if text == NO_DATA {
        return Value::NoData;
    }
    parse_quantity(text).map_or_else(|| Value::Qualitative(text.to_string()), Value::Quantity)
}

fn parse_quantity(text: &str) -> Option<Quantity> {
    let (comparator, rest) = split_comparator(text);
    let rest = rest.trim_start();
    let number_len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    let (number_text, unit) = rest.split_at(number_len);
    let number = parse_amount(&number_text.replace(',', ""))?;
    let unit = unit.trim();
    is_unit(unit).then(|| Quantity {
        comparator,
        number,
        unit: unit.to_string(),
    })
}

fn split_comparator(text: &str) -> (Option<Comparator>, &str) {
    COMPARATORS
        .iter()
        .find_map(|(spelling, comparator)| {
            text.strip_prefix(spelling)
                .map(|rest| (Some(*comparator), rest))
        })
        .unwrap_or((None, text))
}

fn is_unit(unit: &str) -> bool {
    unit.is_empty()
        || matches!(unit, "%" | "％" | "‰")
        || (unit.chars().count() <= MAX_UNIT_CHARS
            && unit.chars().all(|c| c.is_alphabetic() || c == '/'))
}

impl Quantity {
    /// The unit for comparing two values: `％` and `%` are the same.
    pub fn normalized_unit(&self) -> &str {
        match self.unit.as_str() {
            "％" => "%",
            other => other,
        }
    }
}
