//! Targets and actual values that look like numbers but are not read as numbers: `1,5 个`
//! (1.5 or 15?), `.5%`, `-5%`, `三十个`, `56 个（含续建）`, `30个社区居委会`. Each is said with
//! why it is not a number and how to write it, instead of being scored as words under a
//! message about 定性指标 that does not fit.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::located::At;
use crate::model::numerals::{
    CHINESE_NUMERALS, chinese_number, comma_readings, half_width_char, is_thousands_grouped,
};
use crate::model::value::{PREFIX_COMPARATORS, SUFFIX_COMPARATORS, Value, parse_value};
use crate::model::{Indicator, Text};

/// Why a value is not read as a number, and how to write it so that it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unread {
    pub why: String,
    pub fix: String,
    /// The value is surely meant as a number (a comparator no table spells that way): the
    /// way out of a 定性指标 with a 完成档次 is then not offered.
    pub surely_number: bool,
}

impl Unread {
    fn maybe_words(why: String, fix: String) -> Unread {
        Unread {
            why,
            fix,
            surely_number: false,
        }
    }
}

/// The value as its parts: a comparator written before, the rest, a comparator written after.
struct Parts<'a> {
    before: &'a str,
    core: &'a str,
    after: &'a str,
}

impl Parts<'_> {
    /// The value written again with `core` in place of its core.
    fn with(&self, core: &str) -> String {
        format!("{}{core}{}", self.before, self.after)
    }
}

fn parts(normal: &str) -> Parts<'_> {
    let before = PREFIX_COMPARATORS
        .iter()
        .find(|(spelling, _)| normal.starts_with(spelling))
        .map_or("", |(spelling, _)| *spelling);
    let rest = &normal[before.len()..];
    let after = SUFFIX_COMPARATORS
        .iter()
        .find(|(spelling, _)| rest.ends_with(spelling) && rest.len() > spelling.len())
        .map_or("", |(spelling, _)| *spelling);
    Parts {
        before,
        core: &rest[..rest.len() - after.len()],
        after,
    }
}

/// The value without spaces, full-width digits and signs as ASCII.
fn normalized(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(half_width_char)
        .collect()
}

/// Why `text`, read as words, was probably meant as a number; None when nothing says so.
pub fn unread_number(text: &str) -> Option<Unread> {
    let normal = normalized(text);
    if let Some(unread) = unknown_comparator(&normal) {
        return Some(unread);
    }
    let parts = parts(&normal);
    comma(&parts)
        .or_else(|| leading_point(&parts))
        .or_else(|| negative(&parts))
        .or_else(|| chinese(&parts))
        .or_else(|| remark(&parts))
}

/// Signs that start a value without being a comparator: the sign and the point of a number
/// (said by [`negative`] and [`leading_point`]) and brackets and quotes.
const NOT_COMPARATORS: &str = "-+.,(（[【「『\"“‘'《";

/// `≒95%`, `≈95%`, `⪖95%`: a number after signs that no table uses as a comparator. Said with
/// the signs and the comparators to write instead, never as words that need a 完成档次.
fn unknown_comparator(normal: &str) -> Option<Unread> {
    let number_at = normal.find(|c: char| c.is_alphanumeric())?;
    let (signs, rest) = normal.split_at(number_at);
    let written = crate::model::value::normalize(normal);
    if signs.is_empty()
        || signs.chars().any(|c| NOT_COMPARATORS.contains(c))
        || !rest.starts_with(|c: char| c.is_ascii_digit())
        || matches!(parse_value(&written), Value::Quantity(_))
        || !matches!(parse_value(rest), Value::Quantity(_))
    {
        return None;
    }
    let codes: Vec<String> = signs
        .chars()
        .map(|c| format!("U+{:04X}", u32::from(c)))
        .collect();
    Some(Unread {
        why: format!("开头的「{signs}」（{}）不是认得的比较符", codes.join(" ")),
        fix: format!(
            "把「{signs}」换成 ≥（不低于）、≤（不高于）、>、<、= 中的一个，如「≥{rest}」或「≤{rest}」；也可以写成「{rest}以上」「{rest}以下」"
        ),
        surely_number: true,
    })
}

/// The number at the start of `text` (digits, commas, points) and what follows it.
fn leading_number(text: &str) -> (&str, &str) {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(text.len());
    text.split_at(end)
}

/// `1,5 个`: a comma that is not a thousands separator; 1.5 or 15 is asked, never guessed.
fn comma(parts: &Parts) -> Option<Unread> {
    let (number, _) = leading_number(parts.core);
    let number = number.trim_end_matches('.');
    if !number.contains(',') || !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if is_thousands_grouped(number) {
        return None;
    }
    let (decimal, whole) = comma_readings(number);
    let fix = match decimal {
        Some(decimal) => format!(
            "是 {decimal} 就写成「{}」（小数点用半角句点），是 {whole} 就写成「{}」（不写逗号）",
            parts.with(&parts.core.replacen(number, &decimal, 1)),
            parts.with(&parts.core.replacen(number, &whole, 1)),
        ),
        None => format!(
            "逗号不是按千分位写的：写成「{}」（不写逗号；小数用半角句点）",
            parts.with(&parts.core.replacen(number, &whole, 1))
        ),
    };
    Some(Unread::maybe_words(
        format!("中的逗号不知是小数点还是千分位（{number}）"),
        fix,
    ))
}

/// `.5%`: a decimal without the 0 before its point.
fn leading_point(parts: &Parts) -> Option<Unread> {
    let rest = parts.core.strip_prefix('.')?;
    rest.starts_with(|c: char| c.is_ascii_digit()).then(|| {
        Unread::maybe_words(
            "的小数点前少了 0".to_string(),
            format!("写成「{}」", parts.with(&format!("0{}", parts.core))),
        )
    })
}

/// `-5%`: scores are ratios of actual to target, which a negative number turns around.
fn negative(parts: &Parts) -> Option<Unread> {
    let rest = parts.core.strip_prefix('-')?;
    rest.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        .then(|| Unread::maybe_words(
            "是负数，不能按 实际/目标 的比例计分".to_string(),
            format!(
                "要表示下降或减少，把三级指标写成降低的幅度（如「成本降低率」），值写成正数「{}」",
                parts.with(rest)
            ),
        ))
}

/// Measure words a count in Chinese numerals is written with (`三十个`, `两场次`).
const MEASURE_WORDS: &[&str] = &[
    "",
    "%",
    "个",
    "次",
    "人",
    "人次",
    "户",
    "家",
    "项",
    "件",
    "场",
    "场次",
    "所",
    "座",
    "条",
    "名",
    "处",
    "起",
    "台",
    "辆",
    "套",
    "批",
    "期",
    "篇",
    "份",
    "本",
    "张",
    "株",
    "棵",
    "亩",
    "吨",
    "元",
    "万元",
    "天",
    "日",
    "周",
    "个月",
    "年",
    "小时",
    "公里",
    "米",
    "平方米",
    "栋",
    "间",
    "类",
    "支",
    "组",
    "门",
    "节",
    "部",
    "种",
    "块",
    "轮",
    "届",
    "例",
    "床",
    "个工作日",
    "工作日",
    "万人",
    "万人次",
    "万户",
    "期次",
    "班",
    "课时",
    "学时",
    "所次",
    "回",
    "遍",
    "趟",
];

/// `三十个`: a count in Chinese numerals, which the rules cannot compare.
fn chinese(parts: &Parts) -> Option<Unread> {
    let numeral_end = parts
        .core
        .char_indices()
        .find(|(_, c)| !CHINESE_NUMERALS.contains(*c))
        .map_or(parts.core.len(), |(at, _)| at);
    let (numeral, unit) = parts.core.split_at(numeral_end);
    let number = chinese_number(numeral)?;
    MEASURE_WORDS.contains(&unit).then(|| {
        Unread::maybe_words(
            "用汉字写了数字".to_string(),
            format!(
                "用阿拉伯数字写成「{}」，才能按数字计分",
                parts.with(&format!("{number}{unit}"))
            ),
        )
    })
}

/// `56 个（含续建）`: a number with a remark in brackets.
fn remark(parts: &Parts) -> Option<Unread> {
    let open = parts.core.find(['（', '('])?;
    let head = &parts.core[..open];
    let remark = &parts.core[open..];
    let written = parts.with(head);
    matches!(parse_value(&written), Value::Quantity(_)).then(|| {
        Unread::maybe_words(
            format!("带有括号里的说明「{remark}」"),
            format!("只写「{written}」，把括号里的说明写进「说明」或三级指标的名称"),
        )
    })
}

/// A number followed by words that are not a unit (`30个社区居委会`, `95%左右`): said only
/// where it matters, when the other value is a number and the two cannot be compared.
pub fn trailing_words(text: &str) -> Option<Unread> {
    let normal = normalized(text);
    let parts = parts(&normal);
    let (number, rest) = leading_number(parts.core);
    if number.is_empty() || rest.is_empty() {
        return None;
    }
    let unit_end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_alphabetic() || *c == '%'))
        .map_or(rest.len(), |(at, _)| at);
    let example = parts.with(&format!("{number}{}", first_chars(&rest[..unit_end], 2)));
    Some(Unread::maybe_words(
        format!("中数字后面的「{rest}」不是单位（单位最多四个字）"),
        format!("只写数字和单位（如「{example}」），其余的说明写进三级指标的名称或「说明」"),
    ))
}

/// Most characters of a word before a number that is said as a comparator word.
const MAX_COMPARATOR_WORD_CHARS: usize = 4;

/// `不下于95%`, `力争95%`: a number after a short word that is not one of the comparator words:
/// said only where the other value is a number and the two cannot be compared.
pub fn leading_words(text: &str) -> Option<Unread> {
    let normal = crate::model::value::normalize(text);
    let number_at = normal.find(|c: char| c.is_ascii_digit())?;
    let (word, rest) = normal.split_at(number_at);
    let chars = word.chars().count();
    if !(1..=MAX_COMPARATOR_WORD_CHARS).contains(&chars)
        || !word.chars().all(|c| c.is_alphabetic() && !c.is_ascii())
        || !matches!(parse_value(rest), Value::Quantity(_))
    {
        return None;
    }
    Some(Unread::maybe_words(
        format!("开头的「{word}」不是认得的比较词"),
        format!(
            "比较词写成「不低于」「不少于」「大于等于」「达到」（越高越好）或「不高于」「不超过」「小于等于」（越低越好），如「不低于{rest}」；也可以写成「≥{rest}」「{rest}以上」「{rest}以下」"
        ),
    ))
}

fn first_chars(text: &str, count: usize) -> &str {
    text.char_indices()
        .nth(count)
        .map_or(text, |(at, _)| &text[..at])
}

/// The values of an indicator where one is in words (or the actual one is not filled in): a
/// value that looks like a number is said (see [`check_unread`]); else, where the two differ
/// in words, the 完成档次 that decides.
pub fn check_words(
    indicator: &Indicator,
    target: &Value,
    actual: Option<(&At<Text>, &Value)>,
    diagnostics: &mut Diagnostics,
) {
    let target_side = Side {
        role: "年初目标值",
        written: &indicator.target,
        value: target,
        other: actual.map(|(_, value)| value),
    };
    let Some((actual_text, actual)) = actual else {
        check_unread(indicator, &[target_side], false, diagnostics);
        return;
    };
    let must_band = super::needs_band(indicator, target, actual);
    let actual_side = Side {
        role: "实际完成值",
        written: actual_text,
        value: actual,
        other: Some(target),
    };
    let said = check_unread(
        indicator,
        &[target_side, actual_side],
        must_band,
        diagnostics,
    );
    if must_band && !said {
        diagnostics.push(
            Diagnostic::error(format!(
                "定性指标「{}」的实际完成值与目标值不同，需要写明完成档次",
                indicator.name.value
            ))
            .at(actual_text.span)
            .help("加上「完成档次: 达成」「完成档次: 部分达成」或「完成档次: 未达成」；后两者还需填写「得分」"),
        );
    }
}

/// A 年初目标值 or 实际完成值 as written and as read, with the value it is compared with.
struct Side<'a> {
    role: &'static str,
    written: &'a At<Text>,
    value: &'a Value,
    other: Option<&'a Value>,
}

/// Says each value of `sides` that is read as words but looks like a number. Where the
/// indicator needs a 完成档次 (`must_band`) because of it, that is an error, else a warning.
/// Whether anything was said.
fn check_unread(
    indicator: &Indicator,
    sides: &[Side],
    must_band: bool,
    diagnostics: &mut Diagnostics,
) -> bool {
    let mut said = false;
    for side in sides {
        if !matches!(side.value, Value::Qualitative(_)) {
            continue;
        }
        let compared_with_number = must_band && matches!(side.other, Some(Value::Quantity(_)));
        let text = &side.written.value.0;
        let found = unread_number(text).or_else(|| {
            compared_with_number
                .then(|| leading_words(text).or_else(|| trailing_words(text)))
                .flatten()
        });
        if let Some(unread) = found {
            said = true;
            diagnostics.push(unread_diagnostic(indicator, side, &unread, must_band));
        }
    }
    said
}

fn unread_diagnostic(
    indicator: &Indicator,
    side: &Side,
    unread: &Unread,
    must_band: bool,
) -> Diagnostic {
    let message = format!(
        "指标「{}」的{}「{}」{}，没有当作数字读取",
        indicator.name.value, side.role, side.written.value.0, unread.why
    );
    let (diagnostic, help) = if must_band && unread.surely_number {
        (
            Diagnostic::error(format!("{message}，无法计分")),
            unread.fix.clone(),
        )
    } else if must_band {
        (
            Diagnostic::error(format!("{message}，无法计分")),
            format!(
                "{}；确是定性的文字时，加上「完成档次: 达成」「部分达成」或「未达成」",
                unread.fix
            ),
        )
    } else {
        (
            Diagnostic::warning(format!("{message}，按文字比较")),
            unread.fix.clone(),
        )
    };
    diagnostic.at(side.written.span).help(help)
}
