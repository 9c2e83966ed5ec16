//! clap speaks English; this puts every heading, the usage line, the help and version flags,
//! the default and allowed values, and the exit codes of each help screen into Chinese.

use clap::builder::PossibleValue;
use clap::{Arg, ArgAction, Command, CommandFactory};

use super::args::Cli;

pub const EXIT_CODES: &str = "退出码：
  0  成功（可以有警告）
  1  报告有错误（已列出，须先改正）
  2  用法、读写文件或 git 的问题";

const TEMPLATE: &str = "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

const VERSION: &str = concat!(
    "版本 ",
    env!("CARGO_PKG_VERSION"),
    "（排版引擎 Typst 0.15，字体和模板已内嵌）"
);

/// The whole command line, localised, with its usage lines ready.
pub fn command() -> Command {
    let mut command = localise(Cli::command().version(VERSION), true);
    command.build();
    localise_usage(command)
}

fn localise(command: Command, root: bool) -> Command {
    let after_help = match command.get_after_help() {
        Some(examples) => format!("{examples}\n\n{EXIT_CODES}"),
        None => EXIT_CODES.to_string(),
    };
    let mut command = command
        .help_template(TEMPLATE)
        .after_help(after_help)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .disable_version_flag(true)
        .mut_args(localise_arg)
        .arg(flag("help", 'h', ArgAction::Help, "打印此说明"));
    if root {
        command = command.arg(flag("version", 'V', ArgAction::Version, "打印版本"));
    }
    command.mut_subcommands(|sub| localise(sub, false))
}

fn flag(id: &'static str, short: char, action: ArgAction, help: &'static str) -> Arg {
    Arg::new(id)
        .short(short)
        .long(id)
        .action(action)
        .help(help)
        .help_heading("选项")
}

/// Headings 参数 / 选项, and clap's `[default: …]` / `[possible values: …]` said in Chinese.
fn localise_arg(arg: Arg) -> Arg {
    let heading = if arg.is_positional() {
        "参数"
    } else {
        "选项"
    };
    let mut help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    let choices = choices_text(&arg.get_possible_values());
    if !choices.is_empty() {
        help.push_str(&format!("。可选：{choices}"));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|value| value.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() {
        help.push_str(&format!("；默认：{}", defaults.join("、")));
    }
    arg.help(help)
        .help_heading(heading)
        .hide_possible_values(true)
        .hide_default_value(true)
}

fn choices_text(values: &[PossibleValue]) -> String {
    let names: Vec<String> = values
        .iter()
        .filter(|value| !value.is_hide_set())
        .map(|value| match value.get_help() {
            Some(help) => format!("{}（{help}）", value.get_name()),
            None => value.get_name().to_string(),
        })
        .collect();
    names.join("、")
}

/// clap writes `[OPTIONS]` into every usage line; here it becomes `[选项]`.
fn localise_usage(mut command: Command) -> Command {
    let usage = command.render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
    let usage = usage
        .replace("[OPTIONS]", "[选项]")
        .replace("<COMMAND>", "<命令>");
    command
        .override_usage(usage)
        .mut_subcommands(localise_usage)
}
