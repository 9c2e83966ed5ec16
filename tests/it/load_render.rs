//! How a message is printed: `--> path:line:col`, the source line, carets under the value.

use crate::load_support;

use std::path::PathBuf;

use jixiao::{Diagnostic, Diagnostics, SourceFiles, Span};
use load_support::the_error;

fn files(text: &str) -> SourceFiles {
    let mut files = SourceFiles::default();
    files.add(PathBuf::from("报告/单位.yaml"), text.to_string());
    files
}

/// The span of `needle` (its first occurrence) in line `line` of `text`.
fn span_of(text: &str, line: usize, needle: &str) -> Span {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let line_text = text[line_start..].lines().next().expect("line");
    let offset = line_text.find(needle).expect("needle in line");
    Span {
        file: 0,
        line,
        column: line_text[..offset].chars().count() + 1,
        start: line_start + offset,
        len: needle.len(),
    }
}

#[test]
fn a_message_quotes_its_line_with_carets_under_the_value() {
    let text = "单位名称: 测试\n预算:\n  执行数: 13,581.29\n";
    let files = files(text);
    let rendered = Diagnostic::error("「13,581.29」不是有效的数字")
        .at(span_of(text, 3, "13,581.29"))
        .help("去掉千分位逗号")
        .render(&files);
    let expected = "\
错误: 「13,581.29」不是有效的数字
  --> 报告/单位.yaml:3:8
  |
3 |   执行数: 13,581.29
  |           ^^^^^^^^^
  = 修改建议: 去掉千分位逗号
";
    assert_eq!(rendered, expected);
}

#[test]
fn carets_line_up_under_wide_characters() {
    // Chinese characters take two columns: the carets start under 测 and cover it twice.
    let text = "单位名称: 测试\n";
    let files = files(text);
    let rendered = Diagnostic::warning("示例")
        .at(span_of(text, 1, "测试"))
        .render(&files);
    assert!(
        rendered.contains("1 | 单位名称: 测试\n  |           ^^^^\n"),
        "{rendered}"
    );
    assert!(rendered.starts_with("警告: 示例\n"), "{rendered}");
}

#[test]
fn related_places_are_quoted_with_their_note() {
    let text = "年度: 2022\n年度: 2023\n";
    let files = files(text);
    let rendered = Diagnostic::error("重复")
        .at(span_of(text, 2, "年度"))
        .related(span_of(text, 1, "年度"), "第一次出现在这里")
        .render(&files);
    let expected = "\
错误: 重复
  --> 报告/单位.yaml:2:1
  |
2 | 年度: 2023
  | ^^^^
  --> 报告/单位.yaml:1:1
  |
1 | 年度: 2022
  | ^^^^ 第一次出现在这里
";
    assert_eq!(rendered, expected);
}

#[test]
fn the_gutter_widens_with_the_line_number() {
    let text = format!("{}单位名称: 测试\n", "# 注释\n".repeat(11));
    let files = files(&text);
    let rendered = Diagnostic::error("示例")
        .at(span_of(&text, 12, "单位名称"))
        .render(&files);
    assert!(
        rendered.contains("   |\n12 | 单位名称: 测试\n   | ^^^^^^^^\n"),
        "{rendered}"
    );
}

#[test]
fn a_summary_line_counts_errors_and_warnings() {
    let files = files("年度: 2022\n");
    let diagnostics = Diagnostics(vec![
        Diagnostic::error("甲"),
        Diagnostic::warning("乙"),
        Diagnostic::warning("丙"),
    ]);
    assert!(
        diagnostics
            .render(&files)
            .ends_with("共 1 个错误，2 个警告。\n")
    );
}

#[test]
fn errors_come_before_warnings_then_in_source_order() {
    let text = "a: 1\nb: 2\nc: 3\n";
    let diagnostics = Diagnostics(vec![
        Diagnostic::warning("w").at(span_of(text, 1, "a")),
        Diagnostic::error("e3").at(span_of(text, 3, "c")),
        Diagnostic::error("e2").at(span_of(text, 2, "b")),
    ])
    .sorted();
    let order: Vec<&str> = diagnostics.0.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(order, ["e2", "e3", "w"]);
}

#[test]
fn a_loaded_error_renders_the_same_way() {
    let error = the_error("number_with_unit.yaml");
    assert!(
        error
            .rendered
            .starts_with("错误: 「1.5分」不是有效的数字\n")
    );
    assert!(error.rendered.contains("  --> "));
    assert!(
        error.rendered.contains(
            "number_with_unit.yaml:22:17\n   |\n22 |             分值: 1.5分\n   |                   ^^^^^\n"
        ),
        "{}",
        error.rendered
    );
    assert!(error.rendered.ends_with(
        "  = 修改建议: 只写阿拉伯数字和小数点，如 13581.29（不要写单位、千分位逗号或汉字）\n"
    ));
}

#[test]
fn a_tab_is_shown_as_a_space_so_the_caret_lines_up() {
    let error = the_error("syntax_tab.yaml");
    assert!(
        error.rendered.contains("3 |  分值: 20\n  | ^\n"),
        "{}",
        error.rendered
    );
}
