//! Optional parts of the national tables (issue 23, class 8): 其他需要说明事项 under 总分 and
//! 项目负责人及电话 among the header cells; the 部门整体支出 funds rows by the nature of their
//! income (财政拨款, 其他资金) and of their spending (基本支出, 项目支出).

use std::path::Path;

use crate::cli_support::*;
use crate::pdf_support::*;

const PARTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/variants/parts");

fn variant(name: &str) -> String {
    format!("{PARTS}/{name}")
}

#[test]
fn other_matters_and_the_project_lead_print_when_written_and_survive_the_workbook() {
    let src = variant("project-lead");
    check_ok(&src);
    let json = score_json(Path::new(&src));
    assert_eq!(
        json["total"], "96.65",
        "the sample's total: the new cells score nothing"
    );
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_ok(&src, dir.path(), "lead.pdf", &[]);
    let text = squeezed(&pdf_text(&pdf));
    assert!(text.contains("项目负责人及电话王明027-87530001"), "{text}");
    assert!(text.contains("其他需要说明事项"), "{text}");
    assert!(text.contains("用于新增的3个社区服务站"), "{text}");
    // The row comes after 总分 and before 备注.
    let total = text.find("总分").unwrap();
    let other = text.find("其他需要说明事项").unwrap();
    let remarks = text.find("备注：").unwrap();
    assert!(total < other && other < remarks, "{text}");
    let out = round_trip(&src, dir.path());
    let annex = std::fs::read_to_string(out.join("自评表.yaml")).unwrap();
    assert!(
        annex.contains("项目负责人及电话: 王明 027-87530001"),
        "{annex}"
    );
    assert!(annex.contains("其他需要说明事项: |"), "{annex}");
    assert!(annex.contains("3 个社区服务站"), "{annex}");
}

#[test]
fn next_year_carries_the_project_lead_and_not_this_years_other_matters() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("next");
    let output = jixiao(&[
        "new",
        out.to_str().unwrap(),
        "--from",
        &variant("project-lead"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let annex = std::fs::read_to_string(out.join("自评表.yaml")).unwrap();
    assert!(
        annex.contains("项目负责人及电话: 王明 027-87530001"),
        "{annex}"
    );
    assert!(!annex.contains("社区服务站"), "{annex}");
}

#[test]
fn the_department_funds_print_their_rows_by_nature_and_survive_the_workbook() {
    let src = variant("by-nature");
    check_ok(&src);
    let json = score_json(Path::new(&src));
    // 1170 of 1300: 90%, 9 of 10; every indicator met.
    assert_eq!(json["total"], "99.00");
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_ok(&src, dir.path(), "nature.pdf", &[]);
    let text = squeezed(&pdf_text(&pdf));
    for row in [
        "年度资金总额1,200.001,300.001,170.0010.0090.00%9.00",
        "按收入性质分：财政拨款1,100.001,180.001,060.00———",
        "其他资金100.00120.00110.00———",
        "按支出性质分：基本支出700.00720.00715.00———",
        "项目支出500.00580.00455.00———",
    ] {
        assert!(text.contains(row), "{row} in {text}");
    }
    // Only rows by nature are written: the three 其中 rows are not printed.
    assert!(!text.contains("上年结转资金"), "{text}");
    let out = round_trip(&src, dir.path());
    let unit = std::fs::read_to_string(out.join("单位.yaml")).unwrap();
    assert!(unit.contains("  按收入性质分:\n    财政拨款:"), "{unit}");
    assert!(unit.contains("  按支出性质分:\n    基本支出:"), "{unit}");
}

#[test]
fn a_group_by_nature_that_misses_the_total_is_a_located_fault() {
    let output = jixiao(&["check", &variant("by-nature-wrong")]);
    assert_ne!(output.status.code(), Some(0));
    let err = stderr(&output);
    assert!(
        err.contains("年度资金总额的全年执行数 1170.00 与按支出性质分各行之和 1160.00 不符（基本支出 705.00 + 项目支出 455.00）"),
        "{err}"
    );
    assert!(err.contains("单位.yaml:9:"), "located at the total: {err}");
    assert!(err.contains("单位.yaml:14:"), "and at 基本支出: {err}");
}

#[test]
fn rows_by_nature_in_a_project_table_are_a_located_fault() {
    let output = jixiao(&["check", &variant("by-nature-project")]);
    assert_ne!(output.status.code(), Some(0));
    let err = stderr(&output);
    assert!(
        err.contains(
            "资金的「按收入性质分」是部门整体支出绩效自评表的行，本报告的表样是项目支出绩效自评表"
        ),
        "{err}"
    );
    assert!(
        err.contains("单位.yaml:12:"),
        "located at the group's rows: {err}"
    );
}

#[test]
fn the_hubei_table_refuses_the_national_only_cells_where_they_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/data/2022-baoxie");
    for entry in std::fs::read_dir(sample).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let annex = dir.path().join("自评表.yaml");
    let text = std::fs::read_to_string(&annex).unwrap();
    let text = text.replacen("自评表:\n", "自评表:\n  其他需要说明事项: 无\n", 1);
    std::fs::write(&annex, text).unwrap();
    let output = jixiao(&["check", dir.path().to_str().unwrap()]);
    assert_ne!(output.status.code(), Some(0));
    let err = stderr(&output);
    assert!(
        err.contains("「自评表」的「其他需要说明事项」是全国表样"),
        "{err}"
    );
    assert!(err.contains("自评表.yaml:4:"), "{err}");
}
