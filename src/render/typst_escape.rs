//! Text from the YAML sources made safe for Typst: it prints verbatim and never runs as code.

#[cfg(test)]
use crate::document::paragraphs::paragraphs;
use crate::document::paragraphs::starts_item;

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
