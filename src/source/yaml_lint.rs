//! Mistakes a YAML parser reports badly, found by looking at the lines themselves: a full-width
//! space or a tab as indentation, a list marker without its space or written as a dash of
//! another kind, an invisible control character, a value starting with `>` or `|` that is not
//! a block of text. Consulted when a file fails to parse, so that the message names the cause
//! at its place instead of what the parser stumbled on later.

use crate::diagnostic::{Diagnostic, FileId, Span};

/// Every such mistake in `text`, in order.
pub fn line_problems(file: FileId, text: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for_each_line(file, text, |at, content| {
        problems.extend(control_character(at));
        let Some(content) = content.filter(|c| !c.is_empty() && !c.starts_with('#')) else {
            return;
        };
        problems.extend(bad_indentation(at));
        problems.extend(bad_list_marker(at, content));
        problems.extend(bad_block_indicator(at, content));
    });
    problems
}

/// Every line whose plain value is cut short by a ` #` that YAML takes for the start of a
/// comment although it reads as part of the value: `目标值: 30 #个` is the value `30`. A comment
/// written as one (`30  # 个`, with a space after `#`) is left alone, as are quoted values and
/// the lines of a block of text, where `#` is text.
pub fn comment_problems(file: FileId, text: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for_each_line(file, text, |at, content| {
        let Some(content) = content.filter(|c| !c.starts_with('#') && !opens_block(c)) else {
            return;
        };
        problems.extend(glued_comment(at, content));
    });
    problems
}

/// Calls `each` with every line of `text` and the line without its indentation, or None for
/// the lines of a block of text (`|`, `>`), which are text, not YAML.
fn for_each_line(file: FileId, text: &str, mut each: impl FnMut(&Place, Option<&str>)) {
    let mut block: Option<usize> = None;
    let mut offset = 0;
    for (index, raw) in text.split_inclusive('\n').enumerate() {
        let line = raw.trim_end_matches(['\n', '\r']);
        let at = Place {
            file,
            line: index + 1,
            start: offset,
            text: line,
        };
        offset += raw.len();
        let depth = indent_width(line);
        let content = &line[indent_bytes(line)..];
        if let Some(key_depth) = block {
            if content.is_empty() || depth > key_depth {
                each(&at, None);
                continue;
            }
            block = None;
        }
        each(&at, Some(content));
        if !content.starts_with('#') && opens_block(content) {
            block = Some(depth);
        }
    }
}

/// The plain value of `key: value` or `- value`, and its byte offset in `content`.
fn plain_value(content: &str) -> Option<(usize, &str)> {
    let (offset, value) = match value_of(content) {
        Some(found) => found,
        None => (2, content.strip_prefix("- ")?.trim_start()),
    };
    let quoted_or_special = value.starts_with(['\'', '"', '{', '[', '#', '&', '*', '!', '|', '>']);
    (!value.is_empty() && !quoted_or_special).then_some((offset, value))
}

fn glued_comment(at: &Place, content: &str) -> Option<Diagnostic> {
    let (value_offset, value) = plain_value(content)?;
    let hash = value.find(" #").or_else(|| value.find("\t#"))? + 1;
    let comment = &value[hash + 1..];
    if !comment.starts_with(|c: char| !c.is_whitespace() && c != '#') {
        return None;
    }
    let kept = value[..hash].trim_end();
    let whole = value.trim_end();
    let quoted = format!("'{}'", whole.replace('\'', "''"));
    let offset = indent_bytes(at.text) + value_offset + hash;
    Some(
        Diagnostic::warning(format!(
            "「#{}」被当作注释，没有读入：这一行的值只是「{kept}」",
            comment.trim_end()
        ))
        .at(at.span_at(offset))
        .help(format!(
            "YAML 里空格后面的「#」开始一条注释。「#」及其后的文字是值的一部分时，给整个值加上引号：{quoted}，或去掉「#」前面的空格；确是注释时，在「#」后面加一个空格"
        )),
    )
}

struct Place<'a> {
    file: FileId,
    line: usize,
    /// Byte offset of the line in the file.
    start: usize,
    text: &'a str,
}

impl Place<'_> {
    /// The span of the character at byte `offset` of the line.
    fn span_at(&self, offset: usize) -> Span {
        let len = self.text[offset..].chars().next().map_or(0, char::len_utf8);
        Span {
            file: self.file,
            line: self.line,
            column: self.text[..offset].chars().count() + 1,
            start: self.start + offset,
            len,
        }
    }
}

fn is_indent_char(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}')
}

fn indent_bytes(line: &str) -> usize {
    line.len() - line.trim_start_matches(is_indent_char).len()
}

/// Indentation in columns, a full-width space or tab counting as one.
fn indent_width(line: &str) -> usize {
    line.chars().take_while(|c| is_indent_char(*c)).count()
}

fn bad_indentation(at: &Place) -> Option<Diagnostic> {
    let (offset, c) = at.text[..indent_bytes(at.text)]
        .char_indices()
        .find(|(_, c)| *c != ' ')?;
    let diagnostic = match c {
        '\t' => Diagnostic::error("这一行用了制表符（Tab）缩进")
            .help("YAML 只能用空格缩进：把行首的 Tab 换成空格（每深一层多两个空格）"),
        _ => Diagnostic::error("这一行用了全角空格（U+3000）缩进").help(
            "YAML 只能用半角空格缩进：把行首的全角空格换成半角空格（每深一层多两个），可关掉输入法的全角模式再输入",
        ),
    };
    Some(diagnostic.at(at.span_at(offset)))
}

/// Dashes that look like YAML's `-` but are not.
const LOOKALIKE_DASHES: &[char] = &['—', '–', '―', '－', '‐', '•', '·'];

fn bad_list_marker(at: &Place, content: &str) -> Option<Diagnostic> {
    let offset = indent_bytes(at.text);
    let mut chars = content.chars();
    let first = chars.next()?;
    let second = chars.next();
    if first == '-' {
        let glued = second.is_some_and(|c| !(c.is_ascii_digit() || matches!(c, ' ' | '-' | '.')));
        return glued.then(|| {
            Diagnostic::error("列表项的「-」后面少了一个空格")
                .at(at.span_at(offset))
                .help("在「-」和后面的文字之间加一个半角空格，如「- 三级指标: …」")
        });
    }
    LOOKALIKE_DASHES.contains(&first).then(|| {
        Diagnostic::error(format!("「{first}」不是列表符号"))
            .at(at.span_at(offset))
            .help(format!(
                "列表的每一项以半角减号加空格「- 」开头：把「{first}」改成「-」"
            ))
    })
}

/// The value after `key: ` (or `- `) on a line.
fn value_of(content: &str) -> Option<(usize, &str)> {
    let content_start = content.strip_prefix("- ").map_or(0, |_| 2);
    let rest = &content[content_start..];
    let colon = rest.find(": ")?;
    let value = &rest[colon + 2..];
    let trimmed = value.trim_start();
    Some((
        content_start + colon + 2 + value.len() - trimmed.len(),
        trimmed,
    ))
}

/// `|`, `>-`, `|2+` …: the header of a block of text.
fn is_block_header(value: &str) -> bool {
    let header = value.split(" #").next().unwrap_or("").trim_end();
    let mut chars = header.chars();
    matches!(chars.next(), Some('|' | '>'))
        && chars.all(|c| matches!(c, '-' | '+' | '1'..='9'))
        && header.chars().count() <= 3
}

fn opens_block(content: &str) -> bool {
    let value = match value_of(content) {
        Some((_, value)) => value,
        None => content.strip_prefix("- ").unwrap_or(""),
    };
    is_block_header(value)
}

fn bad_block_indicator(at: &Place, content: &str) -> Option<Diagnostic> {
    let (value_offset, value) = value_of(content)?;
    let first = value.chars().next()?;
    if !matches!(first, '>' | '|') || is_block_header(value) {
        return None;
    }
    let offset = indent_bytes(at.text) + value_offset;
    let suggestion = value.replacen(">=", "≥", 1).replacen("<=", "≤", 1);
    Some(
        Diagnostic::error(format!("以「{first}」开头的值要用引号括起来"))
            .at(at.span_at(offset))
            .help(format!(
                "YAML 里以「{first}」开头的值表示下面另起几行是一段文字：写成 '{value}'（加半角单引号），或写成 {suggestion}"
            )),
    )
}

fn control_character(at: &Place) -> Option<Diagnostic> {
    let (offset, c) = at
        .text
        .char_indices()
        .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\r' | '\n'))?;
    Some(
        Diagnostic::error(format!("这一行有不可见的控制字符（U+{:04X}）", c as u32))
            .at(at.span_at(offset))
            .help("删去这个字符：它通常是复制粘贴或从别的程序导出时带进来的；请把文件另存为 UTF-8 纯文本"),
    )
}
