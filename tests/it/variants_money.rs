//! Issue 23, classes 1 and 3: tables in 元 instead of 万元 (`设置: 金额单位: 元`) and tables that
//! round scores to one decimal or whole points (`设置: 得分小数位数: 1` / `0`). Each fixture under
//! tests/fixtures/variants/ is written as such a table prints; the binary checks, scores, builds,
//! exports and imports it as a user would.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;

use crate::cli_support::{indicator, ok, score_json};
use crate::pdf_support::*;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/variants")
        .join(path)
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// `export` then `import` into `dir/imported`: the imported folder and all its sources' text.
fn round_trip(src: &Path, dir: &Path) -> (PathBuf, String) {
    let workbook = dir.join("round.xlsx");
    ok(&["export", arg(src), "-o", arg(&workbook)]);
    let out = dir.join("imported");
    ok(&["import", arg(&workbook), "-o", arg(&out)]);
    let mut sources = String::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    names.sort();
    for name in names {
        sources.push_str(&std::fs::read_to_string(name).unwrap());
    }
    (out, sources)
}

/// The cells of the workbook's first sheet as text, row by row.
fn first_sheet(path: &Path) -> Vec<String> {
    let mut workbook: Xlsx<_> = open_workbook(path).expect("workbook opens");
    let range = workbook.worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect()
}

#[test]
fn a_project_table_in_yuan_prints_yuan_everywhere_and_scores_as_in_wanyuan() {
    let src = fixture("money/xiangmu-yuan.yaml");
    let output = ok(&["check", arg(&src)]);
    assert!(!stderr(&output).contains("警告"), "{}", stderr(&output));

    let json = score_json(&src);
    assert_eq!(json["total"], "98.90");
    assert_eq!(json["funds"]["rate"], "98.00");
    assert_eq!(json["funds"]["rows"][0]["budget"], "1724035.50");
    let text = stdout(&ok(&["score", arg(&src)]));
    assert!(text.contains("项目资金（元）"), "{text}");

    let dir = tempfile::tempdir().unwrap();
    let pdf = build_ok(arg(&src), dir.path(), "yuan.pdf", &[]);
    let printed = squeezed(&pdf_text(&pdf));
    assert!(printed.contains("项目资金（元）"), "{printed}");
    assert!(printed.contains("1,724,035.50"), "{printed}");
    assert!(!printed.contains("万元"), "{printed}");

    let workbook = dir.path().join("yuan.xlsx");
    ok(&["export", arg(&src), "-o", arg(&workbook)]);
    let cells = first_sheet(&workbook).join("\n");
    assert!(cells.contains("项目资金（元）"), "{cells}");

    let (imported, sources) = round_trip(&src, dir.path());
    assert!(sources.contains("金额单位: 元"), "{sources}");
    assert_eq!(score_json(&imported), json);
}

#[test]
fn a_department_table_in_yuan_prints_yuan_in_the_annex_and_the_abridged_report() {
    let src = fixture("money/bumen-yuan.yaml");
    let output = ok(&["check", arg(&src)]);
    assert!(!stderr(&output).contains("警告"), "{}", stderr(&output));
    let json = score_json(&src);
    assert_eq!(json["total"], "98.14");
    assert_eq!(json["budget"]["rate"], "99.05");

    let dir = tempfile::tempdir().unwrap();
    let pdf = build_ok(arg(&src), dir.path(), "yuan.pdf", &[]);
    let printed = squeezed(&without_page_numbers(&pdf_text(&pdf)));
    for expected in [
        "调整后的部门预算支出36,215,480.26元",
        "部门整体决算支出35,873,210.55元",
        "基本支出总额（元）",
        "项目支出总额（元）",
        "预算执行情况（元）",
    ] {
        assert!(printed.contains(expected), "{expected} in {printed}");
    }
    assert!(!printed.contains("万元"), "{printed}");

    let (imported, sources) = round_trip(&src, dir.path());
    assert!(sources.contains("金额单位: 元"), "{sources}");
    assert_eq!(score_json(&imported), json);
}

#[test]
fn an_amount_in_yuan_with_three_decimals_is_located_and_named_in_yuan() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("report.yaml");
    let text = std::fs::read_to_string(fixture("money/bumen-yuan.yaml")).unwrap();
    std::fs::write(&src, text.replace("35873210.55", "35873210.555")).unwrap();
    let output = jixiao(&["check", arg(&src)]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("执行数 35873210.555 元超过两位小数"),
        "{message}"
    );
    assert!(message.contains("金额以元为单位"), "{message}");
    assert!(message.contains("report.yaml:13:"), "{message}");
    assert!(!message.contains("万元"), "{message}");
}

#[test]
fn a_table_in_whole_points_rounds_each_row_and_adds_the_rounded_rows() {
    let src = fixture("rounding/xiangmu-whole.yaml");
    ok(&["check", arg(&src)]);
    let json = score_json(&src);
    // 9.4 + 26.205 + 18.52 + 30 + 10 rounded row by row: 9 + 26 + 19 + 30 + 10.
    assert_eq!(json["total"], "94");
    assert_eq!(json["budget"]["score"], "9");
    assert_eq!(json["budget"]["rate"], "94.00");
    assert_eq!(indicator(&json, "新建高标准农田面积")["score"], "26");
    assert_eq!(indicator(&json, "新建灌排渠道长度")["score"], "19");
    assert_eq!(indicator(&json, "新建灌排渠道长度")["weight"], "20");

    let dir = tempfile::tempdir().unwrap();
    let pdf = build_ok(arg(&src), dir.path(), "whole.pdf", &[]);
    let printed = pdf_text(&pdf);
    assert!(squeezed(&printed).contains("总分10094"), "{printed}");
    assert!(!printed.contains("26.21"), "{printed}");

    let (imported, sources) = round_trip(&src, dir.path());
    assert!(sources.contains("得分小数位数: 0"), "{sources}");
    assert!(!sources.contains("得分:"), "no hand scores: {sources}");
    assert_eq!(score_json(&imported), json);
}

#[test]
fn a_table_with_one_decimal_prints_one_decimal() {
    let src = fixture("rounding/xiangmu-one.yaml");
    ok(&["check", arg(&src)]);
    let json = score_json(&src);
    assert_eq!(json["total"], "94.1");
    assert_eq!(indicator(&json, "新建高标准农田面积")["score"], "26.2");
    assert_eq!(indicator(&json, "新建灌排渠道长度")["score"], "18.5");

    let dir = tempfile::tempdir().unwrap();
    let pdf = build_ok(arg(&src), dir.path(), "one.pdf", &[]);
    assert!(squeezed(&pdf_text(&pdf)).contains("总分100.094.1"));

    let (imported, sources) = round_trip(&src, dir.path());
    assert!(sources.contains("得分小数位数: 1"), "{sources}");
    assert_eq!(score_json(&imported), json);
}

#[test]
fn a_hand_score_with_more_decimals_than_the_table_keeps_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("report.yaml");
    let text = std::fs::read_to_string(fixture("rounding/xiangmu-one.yaml")).unwrap();
    let text = text.replace(
        "        说明: 随农田面积调减。",
        "        得分: 18.55\n        得分说明: 按渠道实际长度折算\n        说明: 随农田面积调减。",
    );
    std::fs::write(&src, text).unwrap();
    let output = jixiao(&["check", arg(&src)]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("指标「新建灌排渠道长度」的得分 18.55 超过一位小数"),
        "{message}"
    );
    assert!(message.contains("report.yaml:34:"), "{message}");
    assert!(message.contains("写成 18.6"), "{message}");

    let text = std::fs::read_to_string(fixture("rounding/xiangmu-whole.yaml")).unwrap();
    std::fs::write(&src, text.replace("分值: 20", "分值: 19.5")).unwrap();
    let output = jixiao(&["check", arg(&src)]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("指标「新建灌排渠道长度」的分值 19.5 不是整数"),
        "{message}"
    );
    assert!(message.contains("得分小数位数: 0"), "{message}");
}

#[test]
fn the_summary_of_a_folder_prints_each_total_as_its_table_rounds() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("各单位");
    std::fs::create_dir(&root).unwrap();
    for name in ["xiangmu-whole.yaml", "xiangmu-one.yaml"] {
        std::fs::copy(fixture(&format!("rounding/{name}")), root.join(name)).unwrap();
    }
    let output = jixiao_in(dir.path(), &["score", "各单位", "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let rows: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let totals: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["total"].as_str().unwrap())
        .collect();
    assert_eq!(totals.len(), 2);
    assert!(
        totals.contains(&"94") && totals.contains(&"94.1"),
        "{totals:?}"
    );

    let output = jixiao_in(dir.path(), &["build", "各单位", "-o", "输出"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let summary = pdf_text(&dir.path().join("输出/汇总表.pdf"));
    assert!(
        summary.contains(" 94 ") || summary.contains("94\n"),
        "{summary}"
    );
    assert!(summary.contains("94.1"), "{summary}");
}
