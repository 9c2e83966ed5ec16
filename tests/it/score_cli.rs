//! `jixiao score` and `jixiao check` on the sample report, through the binary.

use crate::cli_support;
use cli_support::*;

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

fn sample_json() -> Value {
    let output = jixiao(&["score", "data/2022-baoxie", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    match serde_json::from_slice(&output.stdout) {
        Ok(json) => json,
        Err(error) => panic!("not JSON: {error}\n{}", stdout(&output)),
    }
}

fn strings(values: &Value, key: &str) -> Vec<String> {
    values
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|item| item[key].as_str().unwrap_or("?").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn score_json_of_the_sample() {
    let json = sample_json();
    assert_eq!(json["total"], "90.66");
    assert_eq!(json["total_weight"], "100.00");
    assert_eq!(json["grade"], "优");
    assert_eq!(json["budget"]["score"], "20.00");
    assert_eq!(json["budget"]["weight"], "20.00");
    assert_eq!(json["budget"]["rate"], "100.00");
    assert_eq!(
        strings(&json["goals"], "score"),
        ["9.00", "20.00", "18.50", "23.16"]
    );
    assert_eq!(
        strings(&json["goals"], "weight"),
        ["11.00", "20.00", "23.00", "26.00"]
    );
    assert_eq!(json["counts"]["goals"], 4);
    assert_eq!(json["counts"]["indicators"], 54);
    assert_eq!(json["counts"]["met"], 47);
}

#[test]
fn score_json_lists_the_unmet_indicators_in_the_seed_order() {
    let json = sample_json();
    assert_eq!(
        strings(&json["unmet"], "name"),
        [
            "拆迁工作整体完成情况全区排名",
            "违法建设案件",
            "大城管考核排名",
            "违法乱建案件",
            "辖区水体质量",
            "新增就业岗位",
            "新增养老床位",
        ]
    );
    let goals: Vec<u64> = json["unmet"]
        .as_array()
        .map(|u| u.iter().filter_map(|i| i["goal"].as_u64()).collect())
        .unwrap_or_default();
    assert_eq!(goals, [1, 1, 3, 3, 3, 4, 4]);
    assert_eq!(
        strings(&json["unmet"], "score"),
        ["0.00", "0.00", "0.00", "0.00", "0.00", "0.66", "1.00"]
    );
}

#[test]
fn score_json_scores_new_jobs_by_the_rule() {
    let json = sample_json();
    let jobs = json["goals"][3]["indicators"]
        .as_array()
        .and_then(|all| all.iter().find(|i| i["name"] == "新增就业岗位"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(jobs["score"], "0.66");
    assert_eq!(jobs["rule_score"], "0.66");
    assert_eq!(jobs["rule_kind"], "higher");
    assert!(
        jobs["rule"]
            .as_str()
            .is_some_and(|r| r.contains("正向") && r.contains("≥ 800")),
        "{}",
        jobs["rule"]
    );
    assert_eq!(jobs["hand_scored"], false);
    assert_eq!(jobs["met"], false);
    // 新增养老床位 keeps its published 1.00 by hand; the rule gives 0.40.
    let beds = json["goals"][3]["indicators"]
        .as_array()
        .and_then(|all| all.iter().find(|i| i["name"] == "新增养老床位"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (&beds["score"], &beds["rule_score"], &beds["hand_scored"]),
        (
            &Value::from("1.00"),
            &Value::from("0.40"),
            &Value::from(true)
        )
    );
}

#[test]
fn check_passes_the_sample_with_warnings() {
    let output = jixiao(&["check", "data/2022-baoxie"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(err.contains("共 0 个错误"), "{err}");
    for (message, place) in [
        (
            "警告: 指标「推进重点项目拆迁点位」偏差大：实际完成值「56 个」超出目标值「30 个」86.67%",
            "目标1-拆迁.yaml:15:18",
        ),
        (
            "警告: 指标「协调保障新开工项目个数」偏差大：实际完成值「56 个」超出目标值「30 个」86.67%",
            "目标1-拆迁.yaml:19:18",
        ),
        (
            "警告: 指标「普法宣传培训」偏差大：实际完成值「7 次」超出目标值「4 次」75.00%",
            "目标2-社会治理.yaml:15:18",
        ),
        (
            "警告: 指标「八叠山公墓维护」偏差大：实际完成值「10 次」超出目标值「2 次」400.00%",
            "目标4-民生.yaml:24:18",
        ),
        (
            "警告: 实际完成值「≥90%」写成了范围",
            "目标2-社会治理.yaml:75:18",
        ),
        (
            "警告: 实际完成值「≥90%」写成了范围",
            "目标3-市容市貌.yaml:84:18",
        ),
        (
            "警告: 实际完成值「≥85分」写成了范围",
            "目标4-民生.yaml:55:18",
        ),
        (
            "警告: 目标值的单位「人次」与实际完成值的单位「次」不一致",
            "目标1-拆迁.yaml:44:18",
        ),
        (
            "警告: 指标「新增养老床位」采用手工得分：按规则（正向指标：达到目标得满分，否则按 实际/目标 比例得分）应得 0.40 分，手工得分为 1.00 分",
            "目标4-民生.yaml:34:15",
        ),
    ] {
        let found = err.split("\n\n").any(|block| {
            block.contains(message) && block.contains(&format!("data/2022-baoxie/{place}"))
        });
        assert!(found, "missing: {message} at {place}\n{err}");
    }
    assert!(err.contains("检查通过：data/2022-baoxie"), "{err}");
}

#[test]
fn score_refuses_a_report_with_errors() {
    let output = jixiao(&["score", "tests/fixtures/score/checks/total_weight.yaml"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).is_empty(), "{}", stdout(&output));
    assert!(stderr(&output).contains("应为 100"));
}

/// Cells of an aligned line: separated by two spaces or more (a cell such as "800 个" holds one),
/// each with its first and last display column (0-based, end exclusive).
fn cells(line: &str) -> Vec<(usize, usize, String)> {
    let mut cells = Vec::new();
    let mut column = 0;
    for (index, part) in line.split("  ").enumerate() {
        if index > 0 {
            column += 2;
        }
        let trimmed = part.trim_start();
        let start = column + (part.width() - trimmed.width());
        if !trimmed.is_empty() {
            cells.push((start, column + part.width(), trimmed.to_string()));
        }
        column += part.width();
    }
    cells
}

fn score_text() -> String {
    let output = jixiao(&["score", "data/2022-baoxie"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    stdout(&output)
}

#[test]
fn score_text_summary_of_the_sample() {
    let text = score_text();
    let summary: Vec<&str> = text.lines().take(7).collect();
    assert_eq!(
        summary,
        [
            "序号  类别         分值   得分",
            "1     预算执行    20.00  20.00",
            "2     年度目标1   11.00   9.00",
            "3     年度目标2   20.00  20.00",
            "4     年度目标3   23.00  18.50",
            "5     年度目标4   26.00  23.16",
            "      合计       100.00  90.66",
        ]
    );
    assert!(
        text.contains(
            "等级：优　执行率：100.00%　4 个年度目标共 54 项绩效指标，完成 47 项，未完成 7 项。"
        ),
        "{text}"
    );
}

#[test]
fn score_text_columns_line_up_by_display_width() {
    let text = score_text();
    let tables: Vec<Vec<&str>> = text
        .split("\n\n")
        .map(|block| {
            block
                .lines()
                .filter(|l| !l.starts_with("等级") && !l.ends_with('：'))
                .collect::<Vec<_>>()
        })
        .filter(|lines| lines.len() > 1)
        .collect();
    assert_eq!(tables.len(), 2, "{text}");
    // Summary: 序号 and 类别 left-aligned, 分值 and 得分 right-aligned. The 合计 row has no 序号.
    let summary = &tables[0];
    let rows: Vec<Vec<(usize, usize, String)>> = summary.iter().map(|l| cells(l)).collect();
    for row in &rows {
        let category = &row[row.len() - 3];
        assert_eq!(category.0, rows[0][1].0, "类别 starts: {summary:?}");
        assert_eq!(row[row.len() - 2].1, rows[0][2].1, "分值 ends: {summary:?}");
        assert_eq!(row[row.len() - 1].1, rows[0][3].1, "得分 ends: {summary:?}");
    }
    // Unmet: 目标, 分值, 得分 right-aligned; the four text columns left-aligned.
    let unmet = &tables[1];
    assert_eq!(unmet.len(), 8, "{unmet:?}");
    let rows: Vec<Vec<(usize, usize, String)>> = unmet.iter().map(|l| cells(l)).collect();
    for row in &rows {
        assert_eq!(row.len(), 7, "{row:?}");
        assert_eq!(row[0].1, rows[0][0].1, "目标 ends: {unmet:?}");
        for column in 1..=4 {
            assert_eq!(
                row[column].0, rows[0][column].0,
                "column {column}: {unmet:?}"
            );
        }
        assert_eq!(row[5].1, rows[0][5].1, "分值 ends: {unmet:?}");
        assert_eq!(row[6].1, rows[0][6].1, "得分 ends: {unmet:?}");
    }
    // Every line of a table is as wide as its header: the last column is right-aligned.
    for table in &tables {
        let widths: Vec<usize> = table.iter().map(|l| l.width()).collect();
        assert!(widths.iter().all(|w| *w == widths[0]), "{table:?}");
    }
}
