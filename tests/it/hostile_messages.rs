//! Messages name the cause at its place, in Chinese, never in the parser's words.

use std::path::PathBuf;

/// Every message for `text` read as `f.yaml`, as the terminal shows them.
fn messages(text: &str) -> String {
    let loaded =
        jixiao::source::load::load_texts(vec![(PathBuf::from("f.yaml"), text.to_string())]);
    let evaluated = jixiao::evaluate(loaded);
    evaluated.diagnostics.render(&evaluated.files)
}

fn assert_says(text: &str, needles: &[&str], never: &[&str]) {
    let shown = messages(text);
    for needle in needles {
        assert!(shown.contains(needle), "missing {needle:?} in:\n{shown}");
    }
    for word in never {
        assert!(!shown.contains(word), "{word:?} should not be in:\n{shown}");
    }
}

const INDICATOR: &str =
    "年度目标:\n  - 名称: 甲\n    分值: 1\n    指标:\n      产出指标:\n        数量指标:\n";

#[test]
fn a_full_width_space_or_a_tab_as_indentation_is_named_where_it_is() {
    assert_says(
        "单位名称: 甲\n预算:\n  分值: 20\n\u{3000}批复数: 1\n",
        &["全角空格（U+3000）缩进", "--> f.yaml:4:1"],
        &["f.yaml:3:", "f.yaml:5:"],
    );
    assert_says(
        "单位名称: 甲\n预算:\n  分值: 20\n \t批复数: 1\n",
        &["制表符（Tab）缩进", "--> f.yaml:4:2"],
        &["f.yaml:3:", "f.yaml:5:"],
    );
}

#[test]
fn a_list_marker_without_its_space_or_of_another_dash_is_named() {
    assert_says(
        &format!("{INDICATOR}          -三级指标: 乙\n"),
        &["「-」后面少了一个空格", "--> f.yaml:7:11"],
        &["缩进不对"],
    );
    assert_says(
        &format!("{INDICATOR}          — 三级指标: 乙\n"),
        &["「—」不是列表符号", "--> f.yaml:7:11"],
        &["缩进不对"],
    );
}

#[test]
fn a_nul_byte_is_a_control_character_not_a_quoting_problem() {
    assert_says(
        "单位名称: 甲\u{0}乙\n",
        &["控制字符（U+0000）", "--> f.yaml:1:8"],
        &["@", "引号"],
    );
}

#[test]
fn an_unquoted_comparison_gets_quoting_advice_in_chinese() {
    assert_says(
        &format!("{INDICATOR}          - 三级指标: 乙\n            年初目标值: >=80%\n"),
        &[
            "以「>」开头的值要用引号括起来",
            "--> f.yaml:8:20",
            "'>=80%'",
            "≥80%",
        ],
        &["while scanning", "block scalar"],
    );
}

#[test]
fn nan_and_alias_bombs_are_said_in_chinese() {
    assert_says(
        "预算:\n  分值: .nan\n",
        &["「.nan」「.inf」这样的写法不是有效的数字"],
        &["policy", "non-finite"],
    );
    let mut bomb = String::from("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
    for (previous, name) in "abcdefgh".chars().zip("bcdefghi".chars()) {
        let items = vec![format!("*{previous}"); 10].join(",");
        bomb.push_str(&format!("{name}: &{name} [{items}]\n"));
    }
    bomb.push_str("单位名称: *i\n");
    assert_says(&bomb, &["别名展开过多"], &["Events", "budget"]);
}

#[test]
fn a_total_off_by_less_than_a_cent_shows_the_exact_total() {
    let text = format!(
        "单位名称: 甲\n年度: 2022\n提交时间: 2023-06-10\n预算:\n  分值: 20.001\n  调整后预算数: 1\n  执行数: 1\n{INDICATOR}          - 三级指标: 乙\n            年初目标值: 1\n            实际完成值: 1\n            分值: 80\n"
    )
    .replace("    分值: 1\n    指标", "    分值: 80\n    指标");
    assert_says(&text, &["合计为 100.001，应为 100"], &["合计为 100.00，"]);
}

#[test]
fn a_two_megabyte_line_gives_a_short_message() {
    // The value is quoted in the message and underlined on its line: both are cut short.
    let text = format!("单位名称: 甲\n年度: {}\n", "长".repeat(700_000));
    let shown = messages(&text);
    assert!(shown.contains("不是有效的年度"), "{shown}");
    assert!(shown.contains("--> f.yaml:2:5"), "{shown}");
    assert!(shown.len() < 8000, "{} bytes", shown.len());
}

#[test]
fn a_key_indented_too_far_under_a_list_item_counts_from_the_items_key() {
    assert_says(
        &format!("{INDICATOR}          - 三级指标: 乙\n              年初目标值: 1\n"),
        &["多缩进了 2 个空格", "--> f.yaml:8:15"],
        &["多缩进了 4 个空格"],
    );
}
