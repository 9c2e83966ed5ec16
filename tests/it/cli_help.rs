//! The command line speaks Chinese: every help screen, the version, every argument error;
//! and it writes completion scripts for four shells.

use std::process::Output;

use crate::cli_support::{jixiao, stderr, stdout};

/// Words clap prints in English when a screen or message is not localised.
const CLAP_ENGLISH: [&str; 14] = [
    "Usage",
    "Options",
    "Arguments",
    "Commands",
    "Print help",
    "Print version",
    "[default",
    "possible values",
    "Possible values",
    "[OPTIONS]",
    "<COMMAND>",
    "error:",
    "For more information",
    "tip:",
];

fn assert_no_english(text: &str) {
    for word in CLAP_ENGLISH {
        assert!(!text.contains(word), "「{word}」 in:\n{text}");
    }
}

/// The subcommands, as the root help lists them under 命令.
fn subcommands() -> Vec<String> {
    let help = stdout(&jixiao(&["--help"]));
    let section = help.split("命令:").nth(1).expect("a 命令 section");
    let section = section.split("\n\n").next().unwrap_or_default();
    section
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

fn help_screen(args: &[&str]) -> String {
    let output = jixiao(args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}: {}",
        stderr(&output)
    );
    let screen = stdout(&output);
    assert_no_english(&screen);
    assert!(screen.contains("用法：jixiao"), "{args:?}:\n{screen}");
    assert!(screen.contains("-h, --help"), "{args:?}:\n{screen}");
    assert!(screen.contains("打印此说明"), "{args:?}:\n{screen}");
    assert!(screen.contains("退出码："), "{args:?}:\n{screen}");
    assert!(screen.contains("示例："), "{args:?}:\n{screen}");
    screen
}

#[test]
fn the_root_help_lists_every_command_and_the_exit_codes() {
    let screen = help_screen(&["--help"]);
    let names = subcommands();
    for name in ["check", "score", "build", "watch", "new", "diff", "schema"] {
        assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
    }
    for name in ["fonts", "completions", "help"] {
        assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
    }
    assert!(screen.contains("用法：jixiao <命令>"), "{screen}");
    assert!(screen.contains("1  报告有错误"), "{screen}");
    assert!(screen.contains("-V, --version"), "{screen}");
}

#[test]
fn every_command_has_a_chinese_help_screen_with_examples() {
    for name in subcommands() {
        let screen = help_screen(&[&name, "--help"]);
        assert!(
            screen.contains(&format!("jixiao {name}")),
            "{name}: the example or usage names the command:\n{screen}"
        );
        let same = help_screen(&["help", &name]);
        assert_eq!(screen, same, "jixiao help {name} = jixiao {name} --help");
    }
}

#[test]
fn defaults_and_choices_are_said_in_chinese() {
    let screen = help_screen(&["score", "--help"]);
    assert!(
        screen.contains("可选：text（文字表格）、json（JSON）；默认：text"),
        "{screen}"
    );
    let screen = help_screen(&["completions", "--help"]);
    assert!(
        screen.contains("bash、elvish、fish、powershell、zsh"),
        "{screen}"
    );
}

#[test]
fn the_version_is_in_chinese() {
    let output = jixiao(&["--version"]);
    assert_eq!(output.status.code(), Some(0));
    let version = stdout(&output);
    assert!(
        version.starts_with(&format!("jixiao 版本 {}（", env!("CARGO_PKG_VERSION"))),
        "{version}"
    );
}

fn argument_error(args: &[&str]) -> String {
    let output: Output = jixiao(args);
    assert_eq!(output.status.code(), Some(2), "{args:?}");
    assert!(stdout(&output).is_empty(), "{args:?}");
    let message = stderr(&output);
    assert_no_english(&message);
    message
}

#[test]
fn argument_errors_are_in_chinese_and_say_what_to_do() {
    let cases: [(&[&str], &[&str]); 9] = [
        (
            &["chekc", "x"],
            &[
                "没有「chekc」这个命令",
                "是不是想用命令",
                "check",
                "jixiao --help",
            ],
        ),
        (
            &["check"],
            &[
                "缺少必需的参数：<SRC>",
                "用法：jixiao check <SRC>",
                "查看说明：jixiao check --help",
            ],
        ),
        (&["check", "a", "b"], &["多了一个参数「b」"]),
        (
            &["score", "x", "--format", "xml"],
            &[
                "「xml」不是 --format",
                "text、json",
                "查看说明：jixiao score --help",
            ],
        ),
        (
            &["score", "x", "--formt", "json"],
            &["不认识的选项「--formt」", "--format"],
        ),
        (&["build", "x", "-o"], &["-o", "缺少取值"]),
        (
            &["new", "d", "--year", "99"],
            &["年度须是 1990 到 2100", "「99」"],
        ),
        (&["completions", "tcsh"], &["「tcsh」不是", "bash"]),
        (&["help", "buidl"], &["「buidl」不是", "build"]),
    ];
    for (args, expected) in cases {
        let message = argument_error(args);
        assert!(message.starts_with("错误："), "{args:?}:\n{message}");
        for part in expected {
            assert!(
                message.contains(part),
                "{args:?}: 「{part}」 in:\n{message}"
            );
        }
    }
}

#[test]
fn no_command_shows_the_help_and_fails() {
    let output = jixiao(&[]);
    assert_eq!(output.status.code(), Some(2));
    let screen = stderr(&output);
    assert_no_english(&screen);
    assert!(screen.contains("用法：jixiao <命令>"), "{screen}");
}

#[test]
fn help_has_help_of_its_own() {
    let screen = help_screen(&["help", "--help"]);
    assert!(screen.contains("打印某个命令的说明"), "{screen}");
}

#[test]
fn completions_are_written_for_four_shells() {
    for (shell, marker) in [
        ("bash", "complete -F _jixiao"),
        ("zsh", "#compdef jixiao"),
        ("fish", "complete -c jixiao"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let output = jixiao(&["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = stdout(&output);
        assert!(script.contains(marker), "{shell}:\n{script}");
        for name in ["check", "build", "completions", "typst-out", "format"] {
            assert!(script.contains(name), "{shell}: {name}");
        }
        if shell != "bash" {
            assert!(
                script.contains("读取并校验报告"),
                "{shell}: descriptions in Chinese"
            );
        }
    }
}

#[test]
fn the_bash_completion_script_is_valid_bash() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("jixiao.bash");
    std::fs::write(&script, jixiao(&["completions", "bash"]).stdout).unwrap();
    let checked = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .expect("bash runs");
    assert!(checked.status.success(), "{}", stderr(&checked));
}
