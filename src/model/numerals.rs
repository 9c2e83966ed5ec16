//! How people type numbers, and the readings we refuse to guess: full-width digits, a comma
//! that may be a thousands separator or a decimal comma, Chinese numerals.

/// A full-width digit or sign as its ASCII form (`８` → `8`, `．` → `.`, `％` → `%`).
pub fn half_width_char(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '％' => '%',
        '－' => '-',
        '＋' => '+',
        '，' => ',',
        other => other,
    }
}

/// `text` with its full-width digits and signs as ASCII; None when it has none.
pub fn half_width(text: &str) -> Option<String> {
    let converted: String = text.chars().map(half_width_char).collect();
    (converted != text).then_some(converted)
}

/// Whether `number` (digits, commas, at most one point) uses its commas as thousands
/// separators: one to three digits, then groups of exactly three, all before the point
/// (`1,000`, `13,581.29`). `1,5`, `12,34` and `1,5000` do not: there a comma may as well be a
/// decimal comma, and the reader is asked rather than guessed for.
pub fn is_thousands_grouped(number: &str) -> bool {
    let integer = number.split('.').next().unwrap_or("");
    let mut groups = integer.split(',');
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len())
        && groups.all(|group| group.len() == 3)
        && !number
            .split('.')
            .skip(1)
            .any(|fraction| fraction.contains(','))
}

/// The two readings of a number written with a comma that is not a thousands separator:
/// the comma as a decimal point (when there is one comma and no point), and the commas dropped.
pub fn comma_readings(number: &str) -> (Option<String>, String) {
    let single = number.matches(',').count() == 1 && !number.contains('.');
    let decimal = single.then(|| number.replace(',', "."));
    (decimal, number.replace(',', ""))
}

/// The characters of a number written in Chinese (`三十`, `一百二十`, `两千五百`).
pub const CHINESE_NUMERALS: &str = "零〇一二两三四五六七八九十百千万";

/// A number written in Chinese numerals below 一亿: `三十` → 30, `十二` → 12, `一百零五` → 105,
/// `两千五百` → 2500, `三万` → 30000. None for anything else (`前三` is no number).
pub fn chinese_number(text: &str) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    let (high, low) = match text.split_once('万') {
        Some((high, low)) => (Some(below_10000(high)?), low),
        None => (None, text),
    };
    let low = if low.is_empty() && high.is_some() {
        0
    } else {
        below_10000(low)?
    };
    Some(high.unwrap_or(0) * 10_000 + low)
}

/// `三千零五` → 3005; digits alone (`二三`) are no number, nor units without a digit
/// (`百十`) except a leading 十 (`十二` is 12).
fn below_10000(text: &str) -> Option<u64> {
    let mut total = 0;
    let mut digit: Option<u64> = None;
    let mut last_unit = u64::MAX;
    for (index, c) in text.chars().enumerate() {
        // The 零 of `一百零五` only holds a place.
        if matches!(c, '零' | '〇') && total > 0 && digit.is_none() {
            continue;
        }
        if let Some(value) = digit_value(c) {
            if digit.replace(value).is_some() {
                return None;
            }
            continue;
        }
        let unit = unit_value(c)?;
        if unit >= last_unit {
            return None;
        }
        let times = match digit.take() {
            Some(times) => times,
            None if index == 0 && unit == 10 => 1,
            None => return None,
        };
        total += times * unit;
        last_unit = unit;
    }
    (!text.is_empty()).then(|| total + digit.unwrap_or(0))
}

fn digit_value(c: char) -> Option<u64> {
    let value = match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    };
    Some(value)
}

fn unit_value(c: char) -> Option<u64> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers() {
        let cases = [
            ("三十", 30),
            ("十", 10),
            ("十二", 12),
            ("二十五", 25),
            ("一百零五", 105),
            ("一百二十", 120),
            ("两千五百", 2500),
            ("三万", 30_000),
            ("一万二千", 12_000),
            ("一千零五十", 1050),
            ("零", 0),
        ];
        for (text, value) in cases {
            assert_eq!(chinese_number(text), Some(value), "{text}");
        }
        for text in ["", "前三", "二三", "十十", "百十", "万", "三十个"] {
            assert_eq!(chinese_number(text), None, "{text}");
        }
    }

    #[test]
    fn thousands_and_decimal_commas() {
        for grouped in ["1,000", "13,581.29", "1,234,567", "100"] {
            assert!(is_thousands_grouped(grouped), "{grouped}");
        }
        for ambiguous in ["1,5", "12,34", "1,5000", "1234,567", ",5", "1,"] {
            assert!(!is_thousands_grouped(ambiguous), "{ambiguous}");
        }
        assert_eq!(
            comma_readings("1,5"),
            (Some("1.5".to_string()), "15".to_string())
        );
        assert_eq!(comma_readings("1,2,3"), (None, "123".to_string()));
    }

    #[test]
    fn full_width_forms() {
        assert_eq!(half_width("１２３．５").as_deref(), Some("123.5"));
        assert_eq!(half_width("８０％").as_deref(), Some("80%"));
        assert_eq!(half_width("80%"), None);
    }
}
