//! YAML and type errors from the parser, said in Chinese with what to do about them.

use serde_saphyr::Error;

use crate::diagnostic::{Diagnostic, FileId};
use crate::located::{parsing_file, span_of};

/// Turns a parse error of `file` into a located message.
pub fn translate(error: &Error, file: FileId) -> Diagnostic {
    let error = error.without_snippet();
    let span = error
        .location()
        .map(|location| parsing_file(file, || span_of(&location)));
    describe(error).at_opt(span)
}

fn describe(error: &Error) -> Diagnostic {
    match error {
        Error::SerdeUnknownField {
            field, expected, ..
        } => unknown_key(field, expected),
        Error::SerdeMissingField { field, .. } => Diagnostic::error(format!("缺少「{field}」"))
            .help(format!("在这一项里加上「{field}: …」")),
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => Diagnostic::error(format!("「{variant}」不是这里可以填的值"))
            .help(format!("只能填写：{}", expected.join("、"))),
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => Diagnostic::error(format!(
            "这里应为{}，实际写的是{}",
            expected_zh(expected),
            unexpected_zh(unexpected)
        ))
        .help("对照 README 中的格式说明修改这一项"),
        Error::SerdeInvalidValue { expected, .. } => expected_here(expected),
        Error::Unexpected { expected, .. } => expected_here(expected),
        Error::NullIntoString { .. } => {
            Diagnostic::error("这里不能为空").help("填写内容，或删除这一行")
        }
        Error::DuplicateMappingKey { key, .. } => {
            let key = key.as_deref().unwrap_or("");
            Diagnostic::error(format!("键「{key}」在同一处重复出现"))
                .help("同一层里每个键只能写一次：删除或合并重复的那一项")
        }
        Error::Message { msg, .. } => Diagnostic::error(msg.clone()),
        Error::Eof { .. } => Diagnostic::error("YAML 文件意外结束")
            .help("检查文件末尾是否缺少内容、引号或括号没有成对"),
        Error::Budget { .. } => Diagnostic::error("YAML 文件过大或嵌套过深，拒绝读取")
            .help("检查是否误用了大量锚点（&）和别名（*）"),
        other => Diagnostic::error(format!("YAML 格式错误：{}", plain_message(other)))
            .help("检查缩进（只能用空格）、冒号后的空格、引号和括号是否成对"),
    }
}

fn expected_here(expected: &str) -> Diagnostic {
    Diagnostic::error(format!("这里应为{}", expected_zh(expected)))
        .help("对照 README 中的格式说明修改这一项")
}

fn unknown_key(field: &str, expected: &[&str]) -> Diagnostic {
    let diagnostic = Diagnostic::error(format!("不认识的键「{field}」"));
    match closest(field, expected) {
        Some(close) => diagnostic.help(format!("是不是想写「{close}」？")),
        None => diagnostic.help(format!("这里可用的键有：{}", expected.join("、"))),
    }
}

/// The known name nearest to `typed`, if it is near enough to be a typo of it.
pub fn closest<'a>(typed: &str, known: &[&'a str]) -> Option<&'a str> {
    let typed_len = typed.chars().count();
    known
        .iter()
        .map(|name| (strsim::levenshtein(typed, name), *name))
        .filter(|(distance, name)| {
            let longer = typed_len.max(name.chars().count());
            *distance > 0 && *distance * 3 <= longer.max(2)
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name)
}

/// serde's own words for what a visitor expected, in Chinese where we know them.
fn expected_zh(expected: &str) -> String {
    let known = [
        ("a sequence", "列表（每项以「- 」开头）"),
        ("a map", "映射（「键: 值」的若干行）"),
        ("struct ", "映射（「键: 值」的若干行）"),
        ("a string", "文字"),
        ("string", "文字"),
        ("u16", "整数（如 2022）"),
        ("u32", "整数"),
        ("i32", "整数"),
        ("enum ", "规定的几个值之一"),
    ];
    known
        .iter()
        .find(|(english, _)| expected.starts_with(english))
        .map_or_else(|| expected.to_string(), |(_, zh)| (*zh).to_string())
}

fn unexpected_zh(unexpected: &str) -> String {
    let known = [
        ("sequence", "列表"),
        ("map", "映射"),
        ("string", "文字"),
        ("integer", "数字"),
        ("floating point", "数字"),
        ("boolean", "是/否"),
        ("unit", "空值"),
        ("null", "空值"),
    ];
    known
        .iter()
        .find(|(english, _)| unexpected.contains(english))
        .map_or_else(|| unexpected.to_string(), |(_, zh)| (*zh).to_string())
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
