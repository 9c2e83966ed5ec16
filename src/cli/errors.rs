//! Argument errors in Chinese: clap's own text is English, so each kind is said here from the
//! error's context (the argument, the value, what was expected, clap's suggestion).

use std::error::Error as _;

use clap::error::{ContextKind, ContextValue, Error, ErrorKind};

/// The message for an argument error, ending in the usage line and where to read more
/// (`help_for`: the subcommand the user was writing, if any).
pub fn message(error: &Error, help_for: Option<&str>) -> String {
    let mut text = format!("错误：{}\n", what_went_wrong(error));
    if let Some(suggestion) = suggestion(error) {
        text.push_str(&format!("  提示：{suggestion}\n"));
    }
    if let Some(usage) = context(error, ContextKind::Usage) {
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage).to_string();
        text.push_str(&format!("\n用法：{usage}\n"));
    }
    let command = match help_for {
        Some(name) => format!("jixiao {name}"),
        None => "jixiao".to_string(),
    };
    text.push_str(&format!("\n查看说明：{command} --help\n"));
    text
}

fn what_went_wrong(error: &Error) -> String {
    let arg = context(error, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(error, ContextKind::InvalidValue).unwrap_or_default();
    match error.kind() {
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} 后面缺少取值"),
        ErrorKind::InvalidValue => {
            let valid = context(error, ContextKind::ValidValue).unwrap_or_default();
            format!("「{value}」不是 {arg} 可用的取值；可用的取值：{valid}")
        }
        ErrorKind::UnknownArgument if !arg.starts_with('-') => format!("多了一个参数「{arg}」"),
        ErrorKind::UnknownArgument => format!("不认识的选项「{arg}」"),
        ErrorKind::InvalidSubcommand => {
            let name = context(error, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("没有「{name}」这个命令（jixiao --help 列出全部命令）")
        }
        ErrorKind::NoEquals => format!("{arg} 的取值须用等号连接，如 {arg}=取值"),
        ErrorKind::ValueValidation => match error.source() {
            Some(reason) => format!("{arg} 的取值「{value}」不对：{reason}"),
            None => format!("{arg} 的取值「{value}」不对"),
        },
        ErrorKind::TooManyValues => format!("多了一个参数「{value}」"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} 的取值个数不对")
        }
        ErrorKind::ArgumentConflict => {
            let prior = context(error, ContextKind::PriorArg).unwrap_or_default();
            format!("{arg} 不能与 {prior} 同时使用")
        }
        ErrorKind::MissingRequiredArgument => {
            format!("缺少必需的参数：{arg}")
        }
        ErrorKind::MissingSubcommand => "缺少命令（jixiao --help 列出全部命令）".to_string(),
        ErrorKind::InvalidUtf8 => format!("{arg} 的取值不是有效的 UTF-8 文字"),
        _ => format!("参数有误（{}）", error.kind()),
    }
}

fn suggestion(error: &Error) -> Option<String> {
    if let Some(names) = context(error, ContextKind::SuggestedSubcommand) {
        return Some(format!("是不是想用命令 {}？", names.replace('、', " 或 ")));
    }
    if let Some(arg) = context(error, ContextKind::SuggestedArg) {
        return Some(format!("是不是想写「{arg}」？"));
    }
    if let Some(value) = context(error, ContextKind::SuggestedValue) {
        return Some(format!("是不是想写「{value}」？"));
    }
    if let Some(arg) = context(error, ContextKind::TrailingArg) {
        return Some(format!("要把「{arg}」当作参数而不是选项，请在它前面写 --"));
    }
    None
}

/// One item of the error's context as text; lists joined with 、.
fn context(error: &Error, kind: ContextKind) -> Option<String> {
    let text = match error.get(kind)? {
        ContextValue::String(text) => text.clone(),
        ContextValue::Strings(items) => items.join("、"),
        ContextValue::StyledStr(text) => text.to_string(),
        ContextValue::StyledStrs(items) => items
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("、"),
        ContextValue::Number(number) => number.to_string(),
        ContextValue::Bool(_) | ContextValue::None => return None,
        _ => return None,
    };
    Some(text)
}
