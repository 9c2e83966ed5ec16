//! Text from the YAML sources made safe for Typst: it prints verbatim and never runs as code.

use crate::model::numerals::{CHINESE_NUMERALS, chinese_number};

const ZERO_WIDTH_SPACE: char = '\u{200B}';

/// Escapes `text` for Typst markup: every ASCII punctuation character gets a backslash (so `#`,
/// `$`, `*`, `_`, `@`, `<`, `[`, `\`, `=`, `-`, `+`, `/`, `.`, `:` … print as themselves, also at
/// a line start), and line breaks become spaces: a paragraph is never split by its content.
///
/// A line that starts a numbered item (`1.`, `（2）`, `三、`, see [`starts_item`]) starts a new
/// line of its own (a Typst line break `\ `), so that a list written line by line in a table
/// cell or after a sentence stays a list.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            let item = starts_item(line) && !out.trim_end().is_empty();
            out.push_str(if item { "\\ " } else { " " });
        }
        escape_line(line, &mut out);
    }
    out
}

fn escape_line(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '\r' | '\t' => out.push(' '),
            // An empty box is a break opportunity that, unlike the character itself, leaves no
            // trace in the PDF's text: a URL copied or searched in the PDF is the source's URL.
            ZERO_WIDTH_SPACE => out.push_str("#box()"),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// `text` as a Typst string literal, quotes included.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_told_from_numbers_that_start_a_line() {
        for item in [
            "1. 甲",
            "2．乙",
            "3、丙",
            "4) 丁",
            "5）戊",
            "（1）甲",
            "(12) 乙",
            "（三）丙",
            "一、甲",
            "十二、乙",
            "第一，甲",
            "第二、乙",
            "① 甲",
            "⑴甲",
            "- 甲",
            "• 甲",
            "●甲",
        ] {
            assert!(starts_item(item), "{item}");
        }
        for prose in [
            "1.5 万元的资金",
            "2023 年完成",
            "10.1 日前",
            "-5%",
            "一流的服务",
            "第一季度完成",
            "前三",
            "（含续建）",
            "（一二三四）",
            "",
            "12345. 甲",
        ] {
            assert!(!starts_item(prose), "{prose}");
        }
    }

    #[test]
    fn item_lines_stay_lines() {
        assert_eq!(
            paragraphs("存在以下问题：\n1. 甲\n2. 乙\n接着写\n\n（3）丙"),
            ["存在以下问题：", "1. 甲", "2. 乙接着写", "（3）丙"]
        );
        assert_eq!(
            escape_markup("原因：\n1. 甲\n2. 乙\n接着"),
            "原因：\\ 1\\. 甲\\ 2\\. 乙 接着"
        );
        // A text that starts with an item has no break before it.
        assert_eq!(escape_markup("1. 甲"), "1\\. 甲");
    }
}
