//! Tables as other units publish them (issue 23, classes 2, 8 and 11): a funds block that is
//! not scored (indicators weigh 100) and a table whose weights add to more than its 总分; the
//! funds block under its own name and no sign-off block; header and label cells that break only
//! between words.

use std::path::Path;

use crate::cli_support::*;
use crate::pdf_support::*;

const VARIANTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/variants");
const PROJECT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/2022-xiangmu");

fn variant(name: &str) -> String {
    format!("{VARIANTS}/{name}")
}

#[test]
fn unscored_funds_leave_the_indicators_one_hundred_points() {
    let src = variant("unscored-funds");
    check_ok(&src);
    let json = score_json(Path::new(&src));
    // 数量指标 90 of 100 户: 18 of 20; every other indicator met.
    assert_eq!(json["total"], "98.00");
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_ok(&src, dir.path(), "unscored.pdf", &[]);
    let text = squeezed(&pdf_text(&pdf));
    // The funds header has no 分值 and 得分 cells: 执行率 alone after 全年执行数.
    assert!(text.contains("全年执行数执行率"), "{text}");
    assert!(
        text.contains("年度资金总额120.00120.00108.0090.00%"),
        "{text}"
    );
    assert!(text.contains("总分100.0098.00"), "{text}");
    // Each 一级 keeps its weight though the summary has no 预算执行 row before them.
    assert!(text.contains("产出指标（60.00分）"), "{text}");
    round_trip(&src, dir.path());
}

#[test]
fn weights_above_the_total_are_a_located_fault_naming_both_numbers() {
    let output = jixiao(&["check", &variant("over-total")]);
    assert_ne!(output.status.code(), Some(0));
    let err = stderr(&output);
    assert!(
        err.contains("资金的分值 10.00 与各指标的分值 100.00 合计为 110.00，应为 100"),
        "{err}"
    );
    assert!(err.contains("单位.yaml:10:"), "located at 分值: {err}");
}

#[test]
fn the_funds_block_prints_its_own_name_and_no_sign_off_block_when_none_is_written() {
    let src = variant("tables-labels");
    check_ok(&src);
    let json = score_json(Path::new(&src));
    // 满意度 80 of ≥85: 20 × 80/85 = 18.82; the rest met.
    assert_eq!(json["total"], "98.82");
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_ok(&src, dir.path(), "labels.pdf", &[]);
    let text = squeezed(&pdf_text(&pdf));
    assert!(text.contains("预算资金（万元）"), "{text}");
    assert!(text.contains("总分100.0098.82自评等级优"), "{text}");
    assert!(!text.contains("项目资金"), "{text}");
    assert!(!text.contains("填报人"), "no sign-off block: {text}");
    assert!(!text.contains("单位负责人"), "{text}");
    let out = round_trip(&src, dir.path());
    let sources = std::fs::read_to_string(out.join("单位.yaml")).unwrap();
    assert!(sources.contains("名称: 预算资金"), "{sources}");
}

#[test]
fn header_and_label_cells_break_only_between_words() {
    let dir = tempfile::tempdir().unwrap();
    for src in [PROJECT.to_string(), variant("tables-labels")] {
        let pdf = build_ok(&src, dir.path(), "words.pdf", &[]);
        let (_, words) = words_of(&pdf);
        let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        for broken in [
            "二级指",
            "数量指",
            "年度指标",
            "年度总体目",
            "年初预算",
            "全年执行",
        ] {
            assert!(
                !texts.contains(&broken),
                "{src}: a cell broke inside a word: {broken} in {texts:?}"
            );
        }
        for whole in ["指标值", "完成值", "预算数", "执行数", "总体目标"] {
            assert!(texts.contains(&whole), "{src}: {whole} in {texts:?}");
        }
    }
    let pdf = build_ok(&variant("tables-labels"), dir.path(), "labels.pdf", &[]);
    let (_, words) = words_of(&pdf);
    let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    for word in ["服务对象", "满意度", "可持续"] {
        assert!(texts.contains(&word), "{word} whole in {texts:?}");
    }
}

#[test]
fn a_department_report_without_sign_off_keys_prints_no_sign_off_block() {
    let dir = tempfile::tempdir().unwrap();
    let copy = sample_copy(dir.path());
    let sheet = copy.join("自评表.yaml");
    let sample_pdf = build_ok(copy.to_str().unwrap(), dir.path(), "with.pdf", &[]);
    assert!(squeezed(&pdf_text(&sample_pdf)).contains("填报人"));
    edit(&sheet, "  盖章: true", "");
    let pdf = build_ok(copy.to_str().unwrap(), dir.path(), "without.pdf", &[]);
    let text = squeezed(&pdf_text(&pdf));
    assert!(!text.contains("填报人"), "no sign-off block");
    assert!(!text.contains("单位负责人"), "no sign-off block");
    assert!(text.contains("附件1"), "the annex is printed");
}

#[test]
fn an_unscored_budget_leaves_the_goals_one_hundred_points() {
    let src = variant("unscored-budget/自评表.yaml");
    let output = jixiao(&["check", &src]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // No warning that the rule set expects 预算执行 to weigh 20: the table scores none.
    assert!(
        !stderr(&output).contains("预算执行的分值"),
        "{}",
        stderr(&output)
    );
    let json = score_json(Path::new(&src));
    assert_eq!(json["total"], "100.00");
    let labels: Vec<&str> = json["summary"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        ["年度目标1"],
        "no 预算执行 row when it weighs nothing"
    );
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_ok(&src, dir.path(), "unscored.pdf", &[]);
    let text = squeezed(&pdf_text(&pdf));
    // The budget block has no weight and no 得分 column: 执行率 spans its two cells.
    assert!(
        text.contains("预算数（A）执行数（B）执行率（B/A）预算执行情况（万元）部门整体支出总额"),
        "{text}"
    );
    assert!(!text.contains("分）部门整体支出总额"), "{text}");
    assert!(
        text.contains("部门整体支出总额13,581.2013,581.20100.00%年度目标"),
        "{text}"
    );
    round_trip(&src, dir.path());
}

#[test]
fn an_empty_level2_prints_the_empty_row_of_the_template() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("report");
    std::fs::create_dir(&src).unwrap();
    for entry in std::fs::read_dir(PROJECT).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, src.join(path.file_name().unwrap())).unwrap();
    }
    let indicators = src.join("指标.yaml");
    let text = std::fs::read_to_string(&indicators).unwrap();
    let text = text.replacen("  效益指标:\n", "  效益指标:\n    经济效益指标: []\n", 1);
    std::fs::write(&indicators, text).unwrap();
    let src = src.to_str().unwrap();
    check_ok(src);
    assert_eq!(score_json(Path::new(src))["total"], "96.65");
    let pdf = build_ok(src, dir.path(), "empty.pdf", &[]);
    let text = squeezed(&pdf_text(&pdf));
    // The empty 经济效益 row stands before the 社会效益 rows, under 效益指标.
    let economic = text.find("经济效益").expect("the empty row");
    let social = text.find("社会效益").expect("the indicator rows");
    assert!(economic < social, "{text}");
    round_trip(src, dir.path());
}

#[test]
fn an_empty_level2_of_annex_1_is_said_not_dropped_unseen() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("empty.yaml");
    let text = std::fs::read_to_string(variant("unscored-budget/自评表.yaml")).unwrap();
    let text = text.replacen(
        "      效益指标:\n",
        "      效益指标:\n        经济效益指标: []\n",
        1,
    );
    std::fs::write(&src, text).unwrap();
    let output = jixiao(&["check", src.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("二级指标「经济效益指标」下没有指标，表中不会印出这一行"),
        "{message}"
    );
    assert!(message.contains("empty.yaml:"), "{message}");
}
