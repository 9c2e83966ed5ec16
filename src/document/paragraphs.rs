//! A block text of the sources as the paragraphs and list items it was typed as.

use crate::model::numerals::{CHINESE_NUMERALS, chinese_number};

/// Splits a YAML block text into paragraphs at blank lines and before each line that starts a
/// numbered item (`1.`, `2、`, `（3）`, `四、`, `①`: see [`starts_item`]). Inside a paragraph a
/// line break between two CJK characters disappears (Typst would print it as a space);
/// elsewhere it is a space.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut result = Vec::new();
    let mut current = String::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || starts_item(line) {
            if !current.is_empty() {
                result.push(std::mem::take(&mut current));
            }
            if line.is_empty() {
                continue;
            }
        }
        if needs_space(&current, line) {
            current.push(' ');
        }
        current.push_str(line);
    }
    if !current.is_empty() {
        result.push(current);
    }
    result
}

fn needs_space(before: &str, after: &str) -> bool {
    match (before.chars().last(), after.chars().next()) {
        (Some(a), Some(b)) => a.is_ascii() || b.is_ascii(),
        _ => false,
    }
}

/// Whether `line` starts a numbered or bulleted item, as lists are typed line by line: `1.`
/// `2．` `3、` `4)` `5）` (not `1.5万元`), `（1）` `(2)` `（一）`, `一、`, `第一，`, `①` `⑴` `⒈`,
/// and the bullets `- ` `• ` `● `.
pub fn starts_item(line: &str) -> bool {
    let line = line.trim_start();
    let Some(first) = line.chars().next() else {
        return false;
    };
    arabic_item(line)
        || bracketed_item(line)
        || chinese_item(line)
        || matches!(first as u32, 0x2460..=0x249B)
        || line.starts_with("- ")
        || line.starts_with(['•', '●', '■', '◆', '▪', '·'])
}

/// `1.` `2．` `3、` `4)` `5）`, the point not followed by a digit.
fn arabic_item(line: &str) -> bool {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return false;
    }
    let mut rest = line[digits..].chars();
    match rest.next() {
        Some('.' | '．') => !rest.next().is_some_and(|c| c.is_ascii_digit()),
        Some('、' | ')' | '）') => true,
        _ => false,
    }
}

/// `（1）` `(2)` `（一）` `(二)`.
fn bracketed_item(line: &str) -> bool {
    let Some(rest) = line.strip_prefix(['（', '(']) else {
        return false;
    };
    let Some(close) = rest.find(['）', ')']) else {
        return false;
    };
    let inner = &rest[..close];
    (1..=3).contains(&inner.chars().count())
        && (inner.chars().all(|c| c.is_ascii_digit()) || is_chinese_numeral(inner))
}

/// `一、` `十二、` `第一，` `第二、`.
fn chinese_item(line: &str) -> bool {
    let (ordinal, line) = match line.strip_prefix('第') {
        Some(rest) => (true, rest),
        None => (false, line),
    };
    let end = line
        .char_indices()
        .find(|(_, c)| !CHINESE_NUMERALS.contains(*c))
        .map_or(line.len(), |(at, _)| at);
    let (numeral, rest) = line.split_at(end);
    let marks: &[char] = if ordinal {
        &['、', '，', ',', '：', ':']
    } else {
        &['、']
    };
    is_chinese_numeral(numeral) && rest.starts_with(marks)
}

fn is_chinese_numeral(text: &str) -> bool {
    chinese_number(text).is_some() && text.chars().count() <= 3
}
