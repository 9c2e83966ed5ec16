//! Every command on a 项目支出绩效自评表 (the sample data/2022-xiangmu): check, score, build and
//! new --from here; diff and watch beside their other tests.

use std::path::Path;

use serde_json::Value;

use crate::cli_support::*;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/2022-xiangmu");

fn ok(args: &[&str]) -> String {
    let output = jixiao(args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    stdout(&output)
}

#[test]
fn check_passes_the_project_sample() {
    let output = jixiao(&["check", SAMPLE]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("检查通过"), "{}", stderr(&output));
}

#[test]
fn score_prints_the_funds_and_a_row_per_level1() {
    let text = ok(&["score", SAMPLE]);
    // Each line with its cells one space apart (the columns are padded to align).
    let lines: Vec<String> = text
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    for line in [
        "项目支出绩效自评表",
        "年度资金总额 186.00 172.40 168.95",
        "其中：本年财政拨款 160.00 146.40 142.95",
        "上年结转资金 26.00 26.00 26.00",
        "其他资金 0.00 0.00 0.00",
        "执行率 98.00%，分值 10.00，得分 9.80",
        "1 预算执行 10.00 9.80",
        "2 产出指标 50.00 49.85",
        "3 效益指标 30.00 27.00",
        "4 满意度指标 10.00 10.00",
        "合计 100.00 96.65",
        "产出指标 助餐服务覆盖老人 ≥600人 587人 7.00 6.85",
        "效益指标 养老服务站点长效运营机制 建立并运行 社会化运营机制在试点中 10.00 7.00",
    ] {
        assert!(lines.iter().any(|l| l == line), "{line:?} in:\n{text}");
    }
    assert!(
        text.contains("共 11 项绩效指标，完成 9 项，未完成 2 项。"),
        "{text}"
    );
    assert!(!text.contains("年度目标1"), "{text}");
}

#[test]
fn score_json_has_the_form_and_every_funds_cell() {
    let json: Value = serde_json::from_str(&ok(&["score", SAMPLE, "--format", "json"])).unwrap();
    assert_eq!(json["form"], "项目支出绩效自评表");
    assert_eq!(json["total"], "96.65");
    let funds = &json["funds"];
    assert_eq!(funds["rate"], "98.00");
    assert_eq!(funds["score"], "9.80");
    assert_eq!(funds["weight"], "10.00");
    let rows: Vec<[String; 4]> = funds["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            ["name", "initial", "budget", "spent"]
                .map(|key| row[key].as_str().unwrap_or("").to_string())
        })
        .collect();
    let expected = [
        ["年度资金总额", "186.00", "172.40", "168.95"],
        ["本年财政拨款", "160.00", "146.40", "142.95"],
        ["上年结转资金", "26.00", "26.00", "26.00"],
        ["其他资金", "0.00", "0.00", "0.00"],
    ];
    assert_eq!(rows, expected.map(|row| row.map(String::from)));
    let indicators = json["goals"][0]["indicators"].as_array().unwrap();
    assert_eq!(indicators.len(), 11);
    assert_eq!(json["unmet"].as_array().unwrap().len(), 2);

    let department: Value = serde_json::from_str(&ok(&[
        "score",
        concat!(env!("CARGO_MANIFEST_DIR"), "/data/2022-baoxie"),
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(department["form"], "部门整体绩效自评表");
    assert!(department.get("funds").is_none());
}

#[test]
fn build_writes_the_project_table() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("xiangmu.pdf");
    let text = ok(&["build", SAMPLE, "-o", pdf.to_str().unwrap()]);
    assert!(text.contains("共 2 页，总分 96.65 分"), "{text}");
    let metadata = crate::pdf_support::pdf_metadata(&pdf);
    assert!(
        metadata.contains("2022年度社区居家养老服务项目项目支出绩效自评表"),
        "{metadata}"
    );
}

#[test]
fn new_from_a_project_table_makes_next_years_table_of_the_same_form() {
    let dir = tempfile::tempdir().unwrap();
    let next = dir.path().join("2023-xiangmu");
    ok(&["new", next.to_str().unwrap(), "--from", SAMPLE]);
    let names: Vec<String> = std::fs::read_dir(&next)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for name in ["单位.yaml", "总体目标.yaml", "指标.yaml", "自评表.yaml"] {
        assert!(names.contains(&name.to_string()), "{name} in {names:?}");
    }
    let unit = std::fs::read_to_string(next.join("单位.yaml")).unwrap();
    assert!(unit.contains("表样: 项目支出绩效自评表"), "{unit}");
    assert!(unit.contains("项目名称: 社区居家养老服务项目"), "{unit}");
    assert!(unit.contains("年度: 2023"), "{unit}");
    let indicators = std::fs::read_to_string(next.join("指标.yaml")).unwrap();
    assert!(indicators.contains("年初目标值: ≥600人"), "{indicators}");
    assert!(!indicators.contains("实际完成值: 587人"), "{indicators}");
    let remarks = std::fs::read_to_string(next.join("自评表.yaml")).unwrap();
    assert!(remarks.contains("备注: |\n  1. 预算执行率"), "{remarks}");

    let output = jixiao(&["check", next.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: Value =
        serde_json::from_str(&ok(&["score", next.to_str().unwrap(), "--format", "json"])).unwrap();
    assert_eq!(json["form"], "项目支出绩效自评表");
    assert_eq!(json["goals"][0]["indicators"].as_array().unwrap().len(), 11);
    assert!(Path::new(&next.join("jixiao.schema.json")).exists());
}

#[test]
fn new_writes_an_example_of_each_form_that_builds() {
    for form in [
        "项目支出绩效自评表",
        "部门整体支出绩效自评表",
        "部门整体绩效自评表",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("example");
        let said = ok(&[
            "new",
            report.to_str().unwrap(),
            "--form",
            form,
            "--year",
            "2024",
        ]);
        assert!(said.contains(form), "{said}");
        let output = jixiao(&["check", report.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(0), "{form}: {}", stderr(&output));
        assert!(
            !stderr(&output).contains("警告"),
            "{form}: {}",
            stderr(&output)
        );
        let pdf = dir.path().join("example.pdf");
        ok(&[
            "build",
            report.to_str().unwrap(),
            "-o",
            pdf.to_str().unwrap(),
        ]);
    }
    let output = jixiao(&["new", "/tmp/x", "--form", "项目表"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output)
            .contains("表样只能是部门整体绩效自评表、项目支出绩效自评表、部门整体支出绩效自评表"),
        "{}",
        stderr(&output)
    );
}
