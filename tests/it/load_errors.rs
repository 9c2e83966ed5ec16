//! Each kind of bad input gives one message that says where, what and how to fix it.
//!
//! Every test reads one fixture of `tests/fixtures/load/` (its first line says what is wrong with
//! it) and checks what a finance officer would read: the place `file:line:column`, the text under
//! the carets, the message and the suggestion.

use crate::load_support;

use load_support::{assert_contains, the_error};

// ----- YAML syntax ----------------------------------------------------------------------------

#[test]
fn a_line_indented_more_than_its_sibling_is_pointed_at() {
    let error = the_error("syntax_indent_extra.yaml");
    assert_eq!(error.at, "syntax_indent_extra.yaml:5:4");
    assert_eq!(error.underlined, "执行数: 13581.20");
    assert_eq!(error.message, "这一行比上一行多缩进了 1 个空格");
    assert_contains(&error.help, &["左对齐", "删去这一行开头多余的空格"]);
}

#[test]
fn a_line_indented_less_than_its_sibling_is_pointed_at() {
    let error = the_error("syntax_indent_less.yaml");
    assert_eq!(error.at, "syntax_indent_less.yaml:5:2");
    assert_eq!(error.underlined, "执行数: 13581.20");
    assert_eq!(error.message, "这一行的缩进不对");
    assert_contains(&error.help, &["左对齐", "两个空格"]);
}

#[test]
fn an_unclosed_bracket_is_shown_where_it_opens() {
    // The parser only notices it on the next line; the message points at the bracket.
    let error = the_error("syntax_unclosed_bracket.yaml");
    assert_eq!(error.at, "syntax_unclosed_bracket.yaml:2:7");
    assert_eq!(error.underlined, "[");
    assert_eq!(error.message, "「[」没有配对的「]」");
    assert_contains(&error.help, &["补上「]」", "引号"]);
}

#[test]
fn an_unclosed_quote_is_shown_where_it_opens() {
    let error = the_error("syntax_unclosed_quote.yaml");
    assert_eq!(error.at, "syntax_unclosed_quote.yaml:2:7");
    assert_eq!(error.underlined, "\"");
    assert_contains(&error.message, &["引号没有配对"]);
    assert_contains(&error.help, &["补上同样的引号", "中文引号"]);
}

#[test]
fn a_tab_in_the_indentation_is_shown_and_named() {
    let error = the_error("syntax_tab.yaml");
    assert_eq!(error.at, "syntax_tab.yaml:3:1");
    assert_eq!(error.underlined, "\t");
    assert_contains(&error.message, &["制表符（Tab）"]);
    assert_contains(&error.help, &["只能用空格", "把行首的 Tab 换成空格"]);
}

#[test]
fn a_colon_without_a_space_is_traced_back_to_its_line() {
    // YAML reads `单位名称:测试…` as text and fails on the next line; the message names the cause.
    let error = the_error("syntax_colon_without_space.yaml");
    assert_eq!(error.at, "syntax_colon_without_space.yaml:2:1");
    assert_eq!(error.underlined, "单位名称:测试街道办事处");
    assert_contains(&error.message, &["冒号后缺少空格"]);
    assert_contains(&error.help, &["英文冒号「:」再空一格"]);
}

#[test]
fn a_full_width_colon_is_named() {
    let error = the_error("syntax_fullwidth_colon.yaml");
    assert_eq!(error.at, "syntax_fullwidth_colon.yaml:3:1");
    assert_eq!(error.underlined, "单位名称：测试街道办事处");
    assert_contains(&error.message, &["中文冒号「：」"]);
    assert_contains(&error.help, &["英文冒号「:」再空一格"]);
}

#[test]
fn a_second_colon_in_a_value_asks_for_quotes() {
    let error = the_error("syntax_colon_in_value.yaml");
    assert_eq!(error.at, "syntax_colon_in_value.yaml:4:13");
    assert_eq!(error.underlined, ":");
    assert_eq!(error.message, "一行里出现了两个「: 」");
    assert_contains(&error.help, &["用引号括起来", "中文冒号"]);
}

// ----- wrong types ----------------------------------------------------------------------------

#[test]
fn a_list_where_a_mapping_belongs() {
    let error = the_error("type_list_for_mapping.yaml");
    assert_eq!(error.at, "type_list_for_mapping.yaml:4:3");
    assert_eq!(error.underlined, "-");
    assert_eq!(
        error.message,
        "这里应为映射（「键: 值」的若干行），实际写的是列表"
    );
    assert_contains(&error.help, &["不要以「- 」开头"]);
}

#[test]
fn a_mapping_where_a_list_belongs() {
    let error = the_error("type_mapping_for_list.yaml");
    assert_eq!(error.at, "type_mapping_for_list.yaml:8:11");
    assert_contains(&error.message, &["这里应为列表", "实际写的是映射"]);
    assert_contains(&error.help, &["以「- 」开头", "- 三级指标"]);
}

#[test]
fn a_mapping_left_empty() {
    let error = the_error("type_empty_mapping.yaml");
    assert_eq!(error.at, "type_empty_mapping.yaml:3:3");
    assert_eq!(
        error.message,
        "这里应为映射（「键: 值」的若干行），但什么也没写"
    );
    assert_contains(&error.help, &["另起一行", "多缩进两个空格"]);
}

#[test]
fn a_year_in_chinese_numerals() {
    let error = the_error("type_year_in_chinese.yaml");
    assert_eq!(error.at, "type_year_in_chinese.yaml:3:5");
    assert_eq!(error.underlined, "二〇二二");
    assert_eq!(error.message, "「二〇二二」不是有效的年度");
    assert_contains(&error.help, &["四位阿拉伯数字", "2022"]);
}

// ----- unknown keys ---------------------------------------------------------------------------

#[test]
fn a_misspelt_top_level_key_gets_a_suggestion() {
    let error = the_error("unknown_top_level_key.yaml");
    assert_eq!(error.at, "unknown_top_level_key.yaml:2:1");
    assert_eq!(error.underlined, "单位名陈");
    assert_eq!(error.message, "不认识顶层的键「单位名陈」");
    assert_eq!(error.help, "是不是想写「单位名称」？");
}

#[test]
fn a_misspelt_indicator_key_gets_a_suggestion() {
    let error = the_error("unknown_nested_key.yaml");
    assert_eq!(error.at, "unknown_nested_key.yaml:25:13");
    assert_eq!(error.underlined, "三级指表");
    assert_eq!(error.message, "不认识的键「三级指表」");
    assert_eq!(error.help, "是不是想写「三级指标」？");
}

#[test]
fn an_unrelated_top_level_key_lists_the_allowed_keys() {
    let error = the_error("unknown_top_level_key_far.yaml");
    assert_eq!(error.at, "unknown_top_level_key_far.yaml:5:1");
    assert_eq!(error.message, "不认识顶层的键「天气」");
    assert!(!error.help.contains("是不是"), "{}", error.help);
    assert_contains(
        &error.help,
        &[
            "单位名称",
            "年度",
            "提交时间",
            "预算",
            "年度目标",
            "年度目标1",
        ],
    );
}

#[test]
fn an_unrelated_nested_key_lists_the_allowed_keys() {
    let error = the_error("unknown_nested_key_far.yaml");
    assert_eq!(error.at, "unknown_nested_key_far.yaml:11:3");
    assert_eq!(error.message, "不认识的键「天气」");
    assert_eq!(
        error.help,
        "这里可用的键有：分值、批复数、调整后预算数、执行数、基本支出、项目支出"
    );
}

// ----- missing keys ---------------------------------------------------------------------------

#[test]
fn a_missing_indicator_weight_names_the_indicator() {
    let error = the_error("missing_indicator_weight.yaml");
    assert_eq!(error.at, "missing_indicator_weight.yaml:25:13");
    assert_eq!(error.underlined, "三级指标: 群众获得感");
    assert_eq!(error.message, "这一项缺少「分值」");
    assert_contains(&error.help, &["加上一行「分值: …」"]);
}

#[test]
fn a_missing_unit_name() {
    let error = the_error("missing_unit_name.yaml");
    // Reported at the first line with content, under the comment.
    assert_eq!(error.at, "missing_unit_name.yaml:2:1");
    assert_eq!(error.message, "缺少「单位名称」");
    assert_contains(&error.help, &["顶层", "单位名称: "]);
}

// ----- duplicate keys -------------------------------------------------------------------------

#[test]
fn a_duplicate_key_in_one_file_names_both_lines() {
    let error = the_error("duplicate_key.yaml");
    assert_eq!(error.at, "duplicate_key.yaml:6:1");
    assert_eq!(error.underlined, "年度");
    assert_eq!(error.message, "键「年度」重复出现，第 4 行已经写过");
    assert_eq!(
        error.related,
        [(
            "duplicate_key.yaml:4:1".to_string(),
            "第一次出现在这里".to_string()
        )]
    );
    assert_contains(&error.help, &["只能写一次"]);
}

#[test]
fn a_duplicate_nested_key_names_both_lines() {
    let error = the_error("duplicate_nested_key.yaml");
    assert_eq!(error.at, "duplicate_nested_key.yaml:11:3");
    assert_eq!(error.message, "键「执行数」重复出现，第 10 行已经写过");
    assert_eq!(error.related[0].0, "duplicate_nested_key.yaml:10:3");
}

#[test]
fn the_same_top_level_key_in_two_files_names_both_files() {
    let error = the_error("duplicate_across_files");
    assert_eq!(error.at, "duplicate_across_files/b.yaml:2:1");
    assert_contains(
        &error.message,
        &[
            "「年度」重复出现",
            "duplicate_across_files/a.yaml",
            "第 4 行",
        ],
    );
    assert_eq!(
        error.related,
        [(
            "duplicate_across_files/a.yaml:4:1".to_string(),
            "第一次出现在这里".to_string()
        )]
    );
    assert_contains(&error.help, &["只能出现一次"]);
    // Both places are quoted in what the user reads.
    assert_contains(
        &error.rendered,
        &["b.yaml:2:1", "a.yaml:4:1", "年度: 2023", "年度: 2022"],
    );
}

#[test]
fn one_goal_number_written_twice_is_a_duplicate() {
    // `年度目标1` and `年度目标１` are the same goal; the second must not silently replace the first.
    let error = the_error("goals_same_number.yaml");
    assert_eq!(error.at, "goals_same_number.yaml:35:1");
    assert_contains(&error.message, &["「年度目标１」重复出现", "第 13 行"]);
    assert_eq!(error.related[0].0, "goals_same_number.yaml:13:1");
}

// ----- indicator levels -----------------------------------------------------------------------

#[test]
fn a_level2_under_the_wrong_level1_says_where_it_belongs() {
    let error = the_error("level2_under_wrong_level1.yaml");
    assert_eq!(error.at, "level2_under_wrong_level1.yaml:18:9");
    assert_eq!(error.underlined, "社会效益指标");
    assert_eq!(
        error.message,
        "二级指标「社会效益指标」不属于一级指标「产出指标」"
    );
    assert_contains(&error.help, &["应放在「效益指标」下", "数量指标"]);
}

#[test]
fn a_misspelt_level1_gets_a_suggestion() {
    let error = the_error("level1_unknown.yaml");
    assert_eq!(error.at, "level1_unknown.yaml:23:7");
    assert_eq!(error.message, "「效果指标」不是一级指标");
    assert_eq!(error.help, "是不是想写「效益指标」？");
}

#[test]
fn an_unknown_level1_lists_the_allowed_ones() {
    let error = the_error("level1_unknown_far.yaml");
    assert_eq!(error.message, "「工作指标」不是一级指标");
    assert_eq!(
        error.help,
        "一级指标只能是：产出指标、效益指标、满意度指标、成本指标"
    );
}

// ----- numbers and dates ----------------------------------------------------------------------

#[test]
fn a_weight_with_a_unit_is_not_a_number() {
    let error = the_error("number_with_unit.yaml");
    assert_eq!(error.at, "number_with_unit.yaml:22:17");
    assert_eq!(error.underlined, "1.5分");
    assert_eq!(error.message, "「1.5分」不是有效的数字");
    assert_contains(&error.help, &["只写阿拉伯数字和小数点", "不要写单位"]);
}

#[test]
fn an_amount_with_thousands_separators_shows_it_without() {
    let error = the_error("number_with_commas.yaml");
    assert_eq!(error.at, "number_with_commas.yaml:10:8");
    assert_eq!(error.underlined, "13,581.29");
    assert_eq!(error.message, "「13,581.29」不是有效的数字");
    assert_eq!(error.help, "去掉千分位逗号，写成 13581.29");
}

#[test]
fn an_amount_too_long_to_keep_exactly_is_refused_not_rounded() {
    let error = the_error("number_too_many_digits.yaml");
    assert_eq!(error.at, "number_too_many_digits.yaml:8:8");
    assert_contains(&error.message, &["位数太多"]);
}

#[test]
fn a_date_that_does_not_exist() {
    let error = the_error("date_invalid.yaml");
    assert_eq!(error.at, "date_invalid.yaml:5:7");
    assert_eq!(error.underlined, "2023-02-30");
    assert_eq!(error.message, "「2023-02-30」不是有效的日期");
    assert_contains(&error.help, &["2023-06-10", "这一天是否存在"]);
}

#[test]
fn a_date_written_in_chinese() {
    let error = the_error("date_in_chinese.yaml");
    assert_eq!(error.at, "date_in_chinese.yaml:5:7");
    assert_eq!(error.message, "「2023年6月10日」不是有效的日期");
    assert_contains(&error.help, &["年-月-日"]);
}

// ----- annual goals ---------------------------------------------------------------------------

#[test]
fn numbered_goals_with_a_gap() {
    let error = the_error("numbered_goals_gap");
    assert_eq!(error.at, "numbered_goals_gap/目标3.yaml:1:1");
    assert_eq!(error.underlined, "年度目标3");
    assert_eq!(error.message, "年度目标的编号不连续：缺少「年度目标2」");
    assert_contains(&error.help, &["从 1 开始连续编号"]);
}

#[test]
fn goal_list_and_numbered_goals_together() {
    let error = the_error("goals_list_and_numbered.yaml");
    assert_eq!(error.at, "goals_list_and_numbered.yaml:13:1");
    assert_eq!(error.underlined, "年度目标");
    assert_contains(&error.message, &["不能同时使用"]);
    assert_eq!(
        error.related,
        [(
            "goals_list_and_numbered.yaml:44:1".to_string(),
            "这里用了分开的写法".to_string()
        )]
    );
    assert_contains(&error.help, &["「年度目标:」列表", "「年度目标1:」"]);
}
