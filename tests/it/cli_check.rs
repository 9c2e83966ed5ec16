//! The contract of `jixiao check <SRC>`: exit 0 without errors (warnings allowed), 1 with errors,
//! 2 when the sources cannot be read; messages on stderr with `file:line:col`; never a panic.

use crate::cli_support;
use cli_support::*;

use crate::load_support;

use std::path::Path;
use std::process::{Command, Output};

use load_support::{assert_contains, fixture};

fn check(src: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("check")
        .arg(src)
        .output()
        .expect("run jixiao")
}

/// Neither stream shows a Rust panic, whatever the input.
fn assert_no_panic(output: &Output) {
    for text in [stdout(output), stderr(output)] {
        for sign in ["panicked", "RUST_BACKTRACE"] {
            assert!(!text.contains(sign), "「{sign}」 in output:\n{text}");
        }
    }
}

#[test]
fn the_sample_report_passes_with_warnings() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/2022-baoxie");
    let output = check(&sample);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_contains(&stderr(&output), &["警告", "共 0 个错误"]);
}

#[test]
fn a_clean_report_passes_silently_but_for_the_verdict() {
    let output = check(&fixture("valid.yaml"));
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_contains(&stderr(&output), &["检查通过"]);
    assert!(!stderr(&output).contains("错误"), "{}", stderr(&output));
}

#[test]
fn a_report_with_an_error_exits_1_with_the_place() {
    let output = check(&fixture("unknown_top_level_key.yaml"));
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert_contains(
        &err,
        &[
            "错误: 不认识顶层的键「单位名陈」",
            "unknown_top_level_key.yaml:2:1",
            "单位名陈: 测试街道办事处",
            "是不是想写「单位名称」？",
            "共 1 个错误",
        ],
    );
    assert!(!err.contains("检查通过"), "{err}");
}

#[test]
fn a_syntax_error_exits_1_with_the_place() {
    let output = check(&fixture("syntax_unclosed_quote.yaml"));
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(1));
    assert_contains(
        &stderr(&output),
        &["syntax_unclosed_quote.yaml:2:7", "引号没有配对"],
    );
}

#[test]
fn an_error_in_a_folder_names_the_file() {
    let output = check(&fixture("duplicate_across_files"));
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(1));
    assert_contains(
        &stderr(&output),
        &["b.yaml:2:1", "a.yaml:4:1", "第一次出现在这里"],
    );
}

#[test]
fn a_missing_path_exits_2() {
    let output = check(&fixture("no-such-report"));
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(2));
    assert_contains(&stderr(&output), &["无法读取", "no-such-report", "不存在"]);
}

#[test]
fn a_folder_without_yaml_exits_2() {
    let empty = tempfile::tempdir().expect("temporary folder");
    let output = check(empty.path());
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(2));
    assert_contains(&stderr(&output), &["没有 .yaml"]);
}

#[test]
fn a_file_that_is_not_utf8_exits_2_and_says_how_to_save_it() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let path = folder.path().join("gbk.yaml");
    // 「单位」 in GBK
    std::fs::write(&path, [0xb5, 0xa5, 0xce, 0xbb, b':', b' ', b'1', b'\n']).expect("write");
    let output = check(&path);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(2));
    assert_contains(&stderr(&output), &["UTF-8"]);
}

#[test]
fn no_fixture_makes_the_program_panic() {
    let root = fixture("");
    let entries = std::fs::read_dir(&root).expect("fixtures folder");
    let mut count = 0;
    for entry in entries {
        let path = entry.expect("fixture").path();
        let output = check(&path);
        assert_no_panic(&output);
        let code = output.status.code();
        assert!(
            matches!(code, Some(0 | 1)),
            "{}: exit {code:?}\n{}",
            path.display(),
            stderr(&output)
        );
        count += 1;
    }
    assert!(count > 20, "only {count} fixtures found");
}

#[test]
fn odd_inputs_give_messages_not_panics() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let inputs = [
        "",
        "---\n---\n",
        "- 1\n- 2\n",
        "单位名称: &a [*a]\n",
        "年度目标: {名称: 1}\n",
        "预算:\n  分值: ~\n",
        "年度目标0:\n  名称: 甲\n",
        "年度: 65536\n",
        "年度目标:\n  - 名称: 甲\n    分值: 1\n    指标: [1, 2]\n",
        "\u{feff}",
        "单位名称: \"\\q\"\n",
        "提交时间: 2023-13-01\n",
        "预算: |\n  分值\n",
    ];
    for (number, input) in inputs.iter().enumerate() {
        let path = folder.path().join(format!("odd{number}.yaml"));
        std::fs::write(&path, input).expect("write");
        let output = check(&path);
        assert_no_panic(&output);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{input:?}\n{}",
            stderr(&output)
        );
        assert!(stderr(&output).contains("错误"), "{input:?}");
    }
}
