//! Class 7 of issue 23: a report that declares its own 一级 and 二级指标 under
//! `设置: 指标体系:` (the preset names keep working).

use std::path::{Path, PathBuf};

use crate::cli_support::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/variants/framework")
        .join(name)
}

/// `own-list.yaml` with `from` replaced by `to`, written into `dir`.
fn edited(dir: &Path, from: &str, to: &str) -> PathBuf {
    let text = std::fs::read_to_string(fixture("own-list.yaml")).unwrap();
    assert!(text.contains(from), "{from}");
    let path = dir.join("own-list.yaml");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    path
}

#[test]
fn an_own_list_checks_scores_and_prints_its_levels_as_written() {
    let src = fixture("own-list.yaml");
    let check = jixiao(&["check", src.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let text = stderr(&check);
    for skipped in ["没有产出指标", "没有效益指标", "满意度指标"] {
        assert!(!text.contains(skipped), "{skipped}: {text}");
    }
    let json = score_json(&src);
    // 20 (budget) + 20 + 20 + 30 × 90/95 = 28.42 + 10.
    assert_eq!(json["total"], "98.42", "{json}");
    let levels: Vec<(&str, &str)> = json["goals"][0]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["level1"].as_str().unwrap(), i["level2"].as_str().unwrap()))
        .collect();
    assert_eq!(
        levels,
        [
            ("管理", "制度建设"),
            ("管理", "资金管理"),
            ("效果", "社会效益"),
            ("效果", "满意度")
        ]
    );

    let dir = tempfile::tempdir().unwrap();
    let pdf = crate::pdf_support::build_ok(src.to_str().unwrap(), dir.path(), "own.pdf", &[]);
    let text = crate::pdf_support::squeezed(&crate::pdf_support::pdf_text(&pdf));
    for printed in [
        "管理",
        "制度建设",
        "资金管理",
        "效果",
        "社会效益",
        "内控制度健全性",
    ] {
        assert!(text.contains(printed), "{printed} in the PDF: {text}");
    }
}

#[test]
fn an_own_list_exports_and_imports_again_as_the_same_list() {
    let src = fixture("own-list.yaml");
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("own.xlsx");
    ok(&[
        "export",
        src.to_str().unwrap(),
        "-o",
        workbook.to_str().unwrap(),
    ]);
    let out = dir.path().join("imported");
    ok(&[
        "import",
        workbook.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let unit = std::fs::read_to_string(out.join("单位.yaml")).unwrap();
    assert!(
        unit.contains(
            "  指标体系:\n    管理: [制度建设, 资金管理]\n    效果: [社会效益, 满意度]\n"
        ),
        "{unit}"
    );
    assert!(unit.contains("本报告自己的指标体系"), "{unit}");
    let check = jixiao(&["check", out.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert_eq!(score_json(&out), score_json(&src));
}

#[test]
fn a_level_not_in_the_own_list_is_a_located_error_naming_the_declared_ones() {
    let check = jixiao(&[
        "check",
        fixture("own-list-wrong-level2.yaml").to_str().unwrap(),
    ]);
    assert_eq!(check.status.code(), Some(1));
    let text = stderr(&check);
    for part in [
        "own-list-wrong-level2.yaml:23:9",
        "「资金管里」不是一级指标「管理」下的二级指标",
        "是不是想写「资金管理」？",
        "「管理」下的二级指标有：制度建设、资金管理",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }

    let dir = tempfile::tempdir().unwrap();
    let src = edited(dir.path(), "      效果:\n", "      效益:\n");
    let check = jixiao(&["check", src.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(1));
    let text = stderr(&check);
    for part in [
        "own-list.yaml:28:7",
        "「效益」不是本报告指标体系中的一级指标",
        "一级指标有：管理、效果",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
}

#[test]
fn the_preset_names_still_work_and_a_wrong_one_is_located() {
    let preset = jixiao(&["check", fixture("decision-process.yaml").to_str().unwrap()]);
    assert_eq!(preset.status.code(), Some(0), "{}", stderr(&preset));

    let dir = tempfile::tempdir().unwrap();
    let own = "  指标体系:\n    管理: [制度建设, 资金管理]\n    效果: [社会效益, 满意度]\n";
    let src = edited(dir.path(), own, "  指标体系: 产出效益满意度\n");
    let standard = jixiao(&["check", src.to_str().unwrap()]);
    assert_eq!(standard.status.code(), Some(1));
    assert!(
        stderr(&standard).contains("「管理」不是一级指标"),
        "{}",
        stderr(&standard)
    );

    let src = edited(dir.path(), own, "  指标体系: 决策过程产出效溢\n");
    let wrong = jixiao(&["check", src.to_str().unwrap()]);
    assert_eq!(wrong.status.code(), Some(1));
    let text = stderr(&wrong);
    for part in [
        "own-list.yaml:6:9",
        "「决策过程产出效溢」不是可用的指标体系",
        "是不是想写「决策过程产出效益」？",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
}
