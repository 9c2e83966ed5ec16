//! YAML and type errors from the parser, said in Chinese with what to do about them.
//!
//! The parser's words are about YAML; a finance officer needs to know which line to change and
//! how. Syntax errors are often noticed a line after the mistake (a missing space after a colon
//! shows up on the next line), so some of them are traced back to the line that caused them.

use serde_saphyr::granit_parser::{ErrorKind, ScanError};
use serde_saphyr::{Error, ExternalMessageSource};

use crate::diagnostic::{Diagnostic, FileId, HELP_SEPARATOR, Span, closest};
use crate::located::{byte_offset, parsing_file, span_in};

/// What to do about any YAML syntax error we have no better words for.
const GENERAL_HELP: &str =
    "检查这一行和上一行：缩进只能用空格且同一层要对齐，冒号后要有一个空格，引号和括号要成对";

/// Turns a parse error of `file`, whose source is `text`, into a located message.
pub fn translate(error: &Error, file: FileId, text: &str) -> Diagnostic {
    let error = error.without_snippet();
    let source = Source {
        file,
        text,
        lines: text.lines().collect(),
    };
    let span = error
        .location()
        .map(|location| parsing_file(file, || span_in(&location, text)));
    match error {
        Error::ExternalMessage {
            source: external,
            msg,
            ..
        } => match external.as_ref() {
            ExternalMessageSource::Parser(scan) => syntax(scan, span, &source),
            _ => unexplained(msg).at_opt(span),
        },
        _ => describe(error, span, &source),
    }
}

/// The text of one file, for looking around the place of an error.
struct Source<'a> {
    file: FileId,
    text: &'a str,
    lines: Vec<&'a str>,
}

impl Source<'_> {
    /// Line `number` (1-based), without its line break.
    fn line(&self, number: usize) -> &str {
        number
            .checked_sub(1)
            .and_then(|index| self.lines.get(index))
            .copied()
            .unwrap_or("")
    }

    /// The span of `chars` characters from character `column` of `line`.
    fn span(&self, line: usize, column: usize, chars: usize) -> Span {
        let start = byte_offset(self.text, line, column);
        let len = self
            .text
            .get(start..)
            .unwrap_or("")
            .chars()
            .take_while(|c| *c != '\n' && *c != '\r')
            .take(chars.max(1))
            .map(char::len_utf8)
            .sum();
        Span {
            file: self.file,
            line,
            column,
            start,
            len,
        }
    }

    /// The span of what line `number` says, from its first non-blank character.
    fn content_span(&self, number: usize) -> Span {
        let line = self.line(number);
        let content = line.trim();
        self.span(number, indent(line) + 1, content.chars().count())
    }

    /// The nearest line above `number` with something on it other than a comment.
    fn previous_content_line(&self, number: usize) -> Option<usize> {
        (1..number).rev().find(|n| {
            let content = self.line(*n).trim();
            !content.is_empty() && !content.starts_with('#')
        })
    }

    /// What the line of `span` holds from the span's column on.
    fn rest_of_line(&self, span: Span) -> &str {
        let line = self.line(span.line);
        line.char_indices()
            .nth(span.column.saturating_sub(1))
            .map_or("", |(offset, _)| &line[offset..])
    }
}

/// Leading spaces of a line.
fn indent(line: &str) -> usize {
    line.chars().take_while(|c| *c == ' ').count()
}

/// The column (0-based, in characters) where a line's key starts, after any `- ` markers.
fn key_column(line: &str) -> usize {
    line.chars().count() - after_markers(line).chars().count()
}

/// What a line holds after its indentation and any `- ` list markers.
fn after_markers(line: &str) -> &str {
    let mut rest = line.trim_start();
    while let Some(item) = rest.strip_prefix("- ") {
        rest = item.trim_start();
    }
    rest
}

/// Whether a line's content is a `key: value` or `key:` pair.
fn has_key(content: &str) -> bool {
    let content = after_markers(content);
    !content.starts_with(['"', '\'', '#'])
        && (content.contains(": ") || content.trim_end().ends_with(':'))
}

fn syntax(scan: &ScanError, span: Option<Span>, source: &Source) -> Diagnostic {
    let at_error = |diagnostic: Diagnostic| diagnostic.at_opt(span);
    match scan.kind() {
        ErrorKind::TabInBlockIndentation
        | ErrorKind::TabInIndentation
        | ErrorKind::TabNotAllowed
        | ErrorKind::TabAtBlockScalarStart => Diagnostic::error("这一行用了制表符（Tab）缩进")
            .at_opt(span.map(|span| first_tab(span, source)))
            .help("YAML 只能用空格缩进：把行首的 Tab 换成空格（每深一层多两个空格）"),
        ErrorKind::TabInPlainScalar => at_error(
            Diagnostic::error("文字中间有制表符（Tab）").help("把 Tab 换成空格"),
        ),
        ErrorKind::UnclosedQuotedScalar | ErrorKind::DocumentIndicatorInQuotedScalar => at_error(
            Diagnostic::error("引号没有配对：从这里开始的引号一直没有结束").help(
                "在文字末尾补上同样的引号，或去掉开头的引号；文字里需要引号时请用中文引号“”",
            ),
        ),
        ErrorKind::InvalidTrailingSingleQuotedScalar
        | ErrorKind::InvalidTrailingDoubleQuotedScalar => at_error(
            Diagnostic::error("引号结束后还有别的文字").help(
                "整段文字都放进引号里，或者去掉引号；文字里需要引号时请用中文引号“”",
            ),
        ),
        ErrorKind::UnknownQuotedScalarEscape
        | ErrorKind::InvalidQuotedScalarHexEscape
        | ErrorKind::InvalidUnicodeEscape => at_error(
            Diagnostic::error("双引号里的反斜杠「\\」用法不对")
                .help("文字里需要反斜杠时，去掉两边的双引号或改用单引号"),
        ),
        ErrorKind::UnclosedFlowCollection { open } => unclosed_bracket_here(*open, span),
        ErrorKind::MismatchedFlowCollectionEnd { open, close } => at_error(
            Diagnostic::error(format!("「{open}」却用「{close}」结束了"))
                .help(format!("把「{close}」改成「{}」", closing(*open))),
        ),
        ErrorKind::MisplacedFlowCollectionEnd => at_error(
            Diagnostic::error("多了一个右括号").help(
                "删除多余的「]」或「}」；括号是文字的一部分时，把整段文字用引号括起来",
            ),
        ),
        ErrorKind::UnexpectedEofFlowSequence
        | ErrorKind::UnexpectedEofFlowMapping
        | ErrorKind::UnexpectedEofImplicitFlowMapping
        | ErrorKind::ExpectedFlowSequenceSeparator
        | ErrorKind::ExpectedFlowMappingSeparator
        | ErrorKind::InvalidColonPlacement
        | ErrorKind::FlowMappingValueAdjacentCollection => {
            unclosed_bracket_before(span, source).unwrap_or_else(|| {
                at_error(
                    Diagnostic::error("方括号或花括号里的写法不对").help(
                        "括号里的各项之间用英文逗号「,」分隔，并以对应的「]」或「}」结束；不需要括号时直接写文字",
                    ),
                )
            })
        }
        ErrorKind::MappingValueNotAllowed => misplaced_pair(span, source),
        ErrorKind::InvalidMappingValueWhitespace => at_error(
            Diagnostic::error("冒号后面缺少空格")
                .help("键和值之间写英文冒号「:」再空一格，如「年度: 2022」"),
        ),
        ErrorKind::ExpectedBlockMappingKey
        | ErrorKind::InvalidIndentation
        | ErrorKind::ExpectedBlockSequenceEntry
        | ErrorKind::BlockSequenceEntryNotAllowed
        | ErrorKind::SimpleKeyExpected
        | ErrorKind::InvalidSimpleKey
        | ErrorKind::InvalidFlowScalarIndent
        | ErrorKind::InvalidQuotedScalarIndent => misaligned(span, source),
        ErrorKind::InvalidBlockScalarIndent => at_error(
            Diagnostic::error("多行文字（「|」之后）中这一行的缩进比第一行少").help(
                "多行文字的每一行都至少要和第一行缩进一样多；下一个键则要与「|」所在的键对齐",
            ),
        ),
        ErrorKind::CommentInterceptedScalar => at_error(
            Diagnostic::error("多行文字中间插入了注释（#）")
                .help("把注释移到别处，或把这段文字写成「|」开头的多行文字"),
        ),
        ErrorKind::MissingAnchorOrAliasName | ErrorKind::UnknownAnchor => at_error(
            Diagnostic::error("「&」或「*」在 YAML 里有特殊含义，不能这样开头")
                .help("以 & 或 * 开头的文字请用引号括起来"),
        ),
        ErrorKind::UnexpectedCharacter { character } => at_error(
            Diagnostic::error(format!("这里不能以「{character}」开头"))
                .help("以 @ ` % ! 等符号开头的文字请用引号括起来"),
        ),
        ErrorKind::UnexpectedEof
        | ErrorKind::UnexpectedEofBlockSequence
        | ErrorKind::UnexpectedEofBlockMapping => at_error(
            Diagnostic::error("文件意外结束").help("检查文件末尾：引号、括号是否成对"),
        ),
        _ => at_error(
            Diagnostic::error(format!("YAML 格式错误（{}）", scan.info())).help(GENERAL_HELP),
        ),
    }
}

/// The first tab of the line of `span`, where a tab problem is best shown.
fn first_tab(span: Span, source: &Source) -> Span {
    source
        .line(span.line)
        .chars()
        .position(|c| c == '\t')
        .map_or(span, |index| source.span(span.line, index + 1, 1))
}

fn closing(open: char) -> char {
    if open == '{' { '}' } else { ']' }
}

fn unclosed_bracket_here(open: char, span: Option<Span>) -> Diagnostic {
    Diagnostic::error(format!("「{open}」没有配对的「{}」", closing(open)))
        .at_opt(span)
        .help(format!(
            "补上「{}」；这里只是文字时，去掉「{open}」或把整段文字用引号括起来",
            closing(open)
        ))
}

/// An opening bracket left open somewhere before the error, which the parser only noticed later.
fn unclosed_bracket_before(span: Option<Span>, source: &Source) -> Option<Diagnostic> {
    let end = span?.start.min(source.text.len());
    let (line, column, open) = last_unclosed_bracket(source.text.get(..end)?)?;
    Some(unclosed_bracket_here(
        open,
        Some(source.span(line, column, 1)),
    ))
}

/// Line, column and character of the last `[` or `{` that opens a YAML flow collection and is
/// not closed before the end of `text`. Brackets inside plain text and quotes are ignored.
fn last_unclosed_bracket(text: &str) -> Option<(usize, usize, char)> {
    let mut open: Vec<(usize, usize, char)> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let mut value_start = true;
        let mut previous = ' ';
        let mut quote: Option<char> = None;
        for (column, c) in (1..).zip(line.chars()) {
            if let Some(q) = quote {
                quote = (c != q).then_some(q);
                previous = c;
                continue;
            }
            let may_open = value_start || !open.is_empty();
            match c {
                '#' if previous == ' ' => break,
                '"' | '\'' if may_open => quote = Some(c),
                '[' | '{' if may_open => open.push((index + 1, column, c)),
                ']' | '}' if !open.is_empty() => {
                    open.pop();
                }
                _ => {}
            }
            value_start = match c {
                ' ' => value_start || matches!(previous, ':' | '-'),
                ',' | '[' | '{' => !open.is_empty(),
                _ => false,
            };
            previous = c;
        }
    }
    open.pop()
}

/// `mapping values are not allowed here`: a `key: value` where only text may go.
fn misplaced_pair(span: Option<Span>, source: &Source) -> Diagnostic {
    let Some(span) = span else {
        return Diagnostic::error("这里不能写「键: 值」").help(GENERAL_HELP);
    };
    let line = source.line(span.line);
    let before_error: String = line.chars().take(span.column.saturating_sub(1)).collect();
    if has_key(&before_error) {
        return Diagnostic::error("一行里出现了两个「: 」")
            .at(span)
            .help("值里含有「: 」时，把整个值用引号括起来，或改用中文冒号「：」");
    }
    let Some(previous) = source.previous_content_line(span.line) else {
        return Diagnostic::error("这里不能写「键: 值」")
            .at(span)
            .help(GENERAL_HELP);
    };
    let previous_text = source.line(previous);
    if !has_key(previous_text) && previous_text.contains([':', '：']) {
        return missing_colon_space(source.content_span(previous));
    }
    // Counted from the previous line's key, after any `- `: that is where a sibling key starts.
    let (here, sibling) = (key_column(line), key_column(previous_text));
    if here > sibling && !previous_text.trim_end().ends_with(':') {
        let extra = here - sibling;
        return Diagnostic::error(format!("这一行比上一行多缩进了 {extra} 个空格"))
            .at(source.content_span(span.line))
            .help("同一层的键要左对齐：删去这一行开头多余的空格；如果它属于上一行的键，上一行的冒号后就不能再写值");
    }
    Diagnostic::error("这里不能写「键: 值」")
        .at(span)
        .help(GENERAL_HELP)
}

fn missing_colon_space(span: Span) -> Diagnostic {
    Diagnostic::error("这一行不是「键: 值」的写法：冒号后缺少空格，或用了中文冒号「：」")
        .at(span)
        .help(
            "键和值之间写英文冒号「:」再空一格，如「单位名称: 武汉东湖新技术开发区豹澥街道办事处」",
        )
}

/// A line whose indentation fits none of the levels above it, or a line of bare text where a
/// `key: value` belongs.
fn misaligned(span: Option<Span>, source: &Source) -> Diagnostic {
    if let Some(span) = span {
        let line = source.line(span.line);
        let bare_text = !has_key(line) && !line.trim_start().starts_with(['-', '#']);
        if bare_text && line.contains([':', '：']) {
            return missing_colon_space(source.content_span(span.line));
        }
    }
    let diagnostic = Diagnostic::error("这一行的缩进不对").help(
        "同一层的键要左对齐（行首空格数相同），下一层比上一层多缩进两个空格：对照上下几行调整这一行开头的空格",
    );
    match span {
        Some(span) if !source.line(span.line).trim().is_empty() => {
            diagnostic.at(source.content_span(span.line))
        }
        _ => diagnostic.at_opt(span),
    }
}

fn describe(error: &Error, span: Option<Span>, source: &Source) -> Diagnostic {
    match error {
        Error::SerdeUnknownField {
            field, expected, ..
        } => unknown_key(field, expected).at_opt(span),
        Error::SerdeMissingField { field, .. } => {
            Diagnostic::error(format!("这一项缺少「{field}」"))
                .at_opt(span.map(|span| mapping_start(span, source)))
                .help(format!(
                    "在这一项里加上一行「{field}: …」，与这一项的其他键对齐"
                ))
        }
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => Diagnostic::error(format!("「{variant}」不是这里可以填的值"))
            .at_opt(span)
            .help(format!("只能填写：{}", expected.join("、"))),
        Error::SerdeInvalidType { expected, .. } | Error::SerdeInvalidValue { expected, .. } => {
            wrong_shape(expected, span, source)
        }
        Error::Unexpected { expected, .. } => wrong_shape(expected, span, source),
        Error::InvalidScalar { ty, .. } => wrong_shape(ty, span, source),
        Error::NullIntoString { .. } => Diagnostic::error("这里不能为空")
            .at_opt(span)
            .help("在冒号后填写内容，或删除这一行"),
        Error::DuplicateMappingKey { key, .. } => duplicate_key(key.as_deref(), span, source),
        Error::Message { msg, .. } => custom(msg).at_opt(span),
        Error::MultipleDocuments { .. } => Diagnostic::error("一个文件里只能有一份报告内容")
            .at_opt(span)
            .help("删除文件中间单独一行的「---」，或把两部分分成两个文件"),
        Error::Eof { .. } => Diagnostic::error("文件意外结束")
            .at_opt(span)
            .help("检查文件末尾是否缺少内容、引号或括号没有成对"),
        Error::Budget { .. } => too_big().at_opt(span),
        other => unexplained(&plain_message(other)).at_opt(span),
    }
}

/// An error we have no variant for, in Chinese by what its English says; the English itself is
/// never shown (it names the parser's internals, not what to change).
fn unexplained(english: &str) -> Diagnostic {
    if english.contains("budget") {
        return too_big();
    }
    if english.contains("non-finite") {
        return Diagnostic::error("「.nan」「.inf」这样的写法不是有效的数字")
            .help("填写阿拉伯数字，如 20 或 13581.29；没有数据时删去这一行或写 0");
    }
    Diagnostic::error("YAML 格式错误").help(GENERAL_HELP)
}

fn too_big() -> Diagnostic {
    Diagnostic::error("YAML 文件过大、嵌套过深或别名展开过多，拒绝读取").help(
        "报告不需要锚点（&）和别名（*）：删去它们，把内容直接写出；也检查文件是否误粘贴了大量内容",
    )
}

/// A message made with [`with_help`], split back into message and help.
fn custom(message: &str) -> Diagnostic {
    match message.split_once(HELP_SEPARATOR) {
        Some((message, help)) => Diagnostic::error(message).help(help),
        None => Diagnostic::error(message),
    }
}

/// What is written at `span`, in the words of [`expected_zh`]; None when nothing is.
fn found_at(span: Span, source: &Source) -> Option<String> {
    let rest = source.rest_of_line(span);
    // An empty value is reported at the colon before it.
    let here = rest.strip_prefix(':').map_or(rest, str::trim_start);
    if matches!(here.trim(), "" | "~" | "null") {
        return None;
    }
    let found = if here.starts_with("- ") || here == "-" || here.starts_with('[') {
        "列表".to_string()
    } else if here.starts_with('{') || has_key(here) {
        "映射（「键: 值」）".to_string()
    } else {
        format!("文字「{}」", here.trim())
    };
    Some(found)
}

/// A value of the wrong kind: a list where a mapping belongs, a word where a number belongs.
fn wrong_shape(expected: &str, span: Option<Span>, source: &Source) -> Diagnostic {
    let expected = expected_zh(expected);
    let Some(span) = span else {
        return Diagnostic::error(format!("这里应为{expected}")).help(shape_help(&expected));
    };
    let scalar = source.rest_of_line(span);
    if expected.starts_with("映射") && !has_key(scalar) && scalar.contains([':', '：']) {
        return missing_colon_space(span);
    }
    let message = match found_at(span, source) {
        Some(found) => format!("这里应为{expected}，实际写的是{found}"),
        None => format!("这里应为{expected}，但什么也没写"),
    };
    Diagnostic::error(message)
        .at(span)
        .help(shape_help(&expected))
}

fn shape_help(expected: &str) -> String {
    if expected.starts_with("映射") {
        "在这个键下面另起一行，多缩进两个空格，逐行写「键: 值」（不要以「- 」开头）".to_string()
    } else if expected.starts_with("列表") {
        "每一项另起一行，以「- 」开头，如「- 三级指标: …」".to_string()
    } else {
        format!("冒号后直接写{expected}，不要另起一层或以「- 」开头")
    }
}

/// The same key twice in one mapping: both places, the first found by reading the text.
fn duplicate_key(key: Option<&str>, span: Option<Span>, source: &Source) -> Diagnostic {
    let key = key.unwrap_or("");
    let mut diagnostic = Diagnostic::error(format!("键「{key}」重复出现"))
        .at_opt(span)
        .help("同一层里每个键只能写一次：删除其中一处，或把两处的内容合并");
    if let Some(first) = span.and_then(|span| first_occurrence(key, span, source)) {
        let note = format!("第 {} 行已经写过", first.line);
        diagnostic = diagnostic.related(first, "第一次出现在这里");
        diagnostic.message = format!("键「{key}」重复出现，{note}");
    }
    diagnostic
}

/// The first `key: value` of the mapping that has a key at `inner` (the parser reports a
/// missing key at the end of the mapping; its first line names the item better).
fn mapping_start(inner: Span, source: &Source) -> Span {
    let mut first = None;
    for number in (1..=inner.line).rev() {
        let line = source.line(number);
        let content = line.trim();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let rest = after_markers(line);
        if matches!(rest.trim(), "" | "-") {
            // A bare `-`: the item's mapping starts on the line below.
            break;
        }
        let column = line.chars().count() - rest.chars().count() + 1;
        if column == inner.column {
            first = Some(source.span(number, column, rest.trim_end().chars().count()));
            if content.starts_with('-') {
                break;
            }
        } else if column < inner.column {
            break;
        }
    }
    first.unwrap_or(inner)
}

/// The earlier `key:` of the same mapping as the one at `second`.
fn first_occurrence(key: &str, second: Span, source: &Source) -> Option<Span> {
    for number in (1..second.line).rev() {
        let line = source.line(number);
        let content = line.trim();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let rest = after_markers(line);
        let column = line.chars().count() - rest.chars().count() + 1;
        if column == second.column && is_key(rest, key) {
            return Some(source.span(number, column, key.chars().count()));
        }
        let starts_this_mapping = column == second.column && content.starts_with('-');
        if indent(line) + 1 < second.column || starts_this_mapping {
            return None;
        }
    }
    None
}

fn is_key(content: &str, key: &str) -> bool {
    content
        .strip_prefix(key)
        .is_some_and(|rest| rest.trim_start().starts_with(':'))
}

fn unknown_key(field: &str, expected: &[&str]) -> Diagnostic {
    let diagnostic = Diagnostic::error(format!("不认识的键「{field}」"));
    match closest(field, expected) {
        Some(close) => diagnostic.help(format!("是不是想写「{close}」？")),
        None => diagnostic.help(format!("这里可用的键有：{}", expected.join("、"))),
    }
}

/// serde's and the parser's words for what was expected, in Chinese where we know them.
fn expected_zh(expected: &str) -> String {
    let known = [
        ("a sequence", "列表"),
        ("sequence", "列表"),
        ("a map", "映射（「键: 值」的若干行）"),
        ("mapping", "映射（「键: 值」的若干行）"),
        ("struct ", "映射（「键: 值」的若干行）"),
        ("a string", "文字"),
        ("string", "文字"),
        ("scalar", "文字"),
        ("u16", "整数"),
        ("u32", "整数"),
        ("i32", "整数"),
        ("enum ", "规定的几个值之一"),
    ];
    known
        .iter()
        .find(|(english, _)| expected.starts_with(english))
        .map_or_else(|| expected.to_string(), |(_, zh)| (*zh).to_string())
}

/// The parser's message without its "error: line N column M:" prefix.
fn plain_message(error: &Error) -> String {
    let text = error.to_string();
    let first = text
        .lines()
        .next()
        .unwrap_or("")
        .trim_start_matches("error: ");
    match first.split_once(": ") {
        Some((place, message)) if place.starts_with("line ") => message.to_string(),
        _ => first.to_string(),
    }
}
