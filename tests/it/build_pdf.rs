//! `jixiao build` on the sample report: the PDF itself says what the sources say.

use crate::pdf_support;

use pdf_support::*;
use serde_json::Value;

fn sample_card() -> Value {
    let output = jixiao(&["score", SAMPLE, "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_slice(&output.stdout).expect("score prints JSON")
}

#[test]
fn every_indicator_row_is_printed_in_the_annex() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_ok(SAMPLE, dir.path(), "r.pdf", &[]);
    let text = squeezed(&pdf_text(&pdf));
    let card = sample_card();
    let mut rows = 0;
    for goal in card["goals"].as_array().unwrap() {
        for i in goal["indicators"].as_array().unwrap() {
            let row: String = ["name", "target", "actual", "weight", "score"]
                .iter()
                .map(|key| i[key].as_str().unwrap())
                .collect();
            assert!(
                text.contains(&squeezed(&row)),
                "row missing from the PDF: {row}"
            );
            rows += 1;
        }
    }
    assert_eq!(rows, 54);
}

#[test]
fn summary_table_lists_budget_every_goal_and_the_total() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_ok(SAMPLE, dir.path(), "r.pdf", &[]);
    let text = squeezed(&pdf_text(&pdf));
    for row in [
        "1预算执行20.0020.00",
        "2年度目标111.009.00",
        "3年度目标220.0020.00",
        "4年度目标323.0018.50",
        "5年度目标426.0023.16",
        "合计100.0090.66",
    ] {
        assert!(text.contains(row), "summary row missing: {row}");
    }
    assert!(text.contains("得分为90.66分"));
    assert!(text.contains("4个年度目标共54项绩效目标，经过自评完成了其中的47项绩效目标"));
    assert!(text.contains("预算执行率为100.00%"));
    assert!(text.contains("总分90.66"), "the annex total");
    assert!(
        !text.contains("各项绩效目标均已完成"),
        "7 indicators are unmet"
    );
}

#[test]
fn unmet_indicators_are_listed_in_order_with_their_explanations() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_ok(SAMPLE, dir.path(), "r.pdf", &[]);
    let text = squeezed(&pdf_text(&pdf));
    let card = sample_card();
    let mut from = 0;
    for (n, u) in card["unmet"].as_array().unwrap().iter().enumerate() {
        let item = format!(
            "（{}）年度目标{}中{}“{}”",
            n + 1,
            u["goal"],
            u["level2"].as_str().unwrap(),
            u["name"].as_str().unwrap()
        );
        let at = text[from..]
            .find(&item)
            .unwrap_or_else(|| panic!("unmet item missing or out of order: {item}"));
        from += at;
        let explanation = squeezed(u["explanation"].as_str().unwrap());
        assert!(
            text[from..].contains(&explanation),
            "explanation missing: {explanation}"
        );
    }
}

#[test]
fn narrative_paragraphs_appear_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_ok(SAMPLE, dir.path(), "r.pdf", &[]);
    let text = squeezed(&without_page_numbers(&pdf_text(&pdf)));
    let loaded = jixiao::load_path(std::path::Path::new(SAMPLE)).unwrap();
    let report = loaded.report.unwrap();
    let jixiao::form::Own::Department(own) = &report.own else {
        panic!("a 部门整体绩效自评表")
    };
    let slots = [
        &own.abridged.overview,
        &own.abridged.last_year_results,
        &own.abridged.problems,
        &own.abridged.next_steps,
        &own.abridged.budget_link,
        &report.annex.deviation_analysis,
        &report.annex.improvement_plan,
    ];
    let mut from = 0;
    let mut count = 0;
    for slot in slots {
        for paragraph in jixiao::document::paragraphs::paragraphs(&slot.as_ref().unwrap().value) {
            let wanted = squeezed(&paragraph);
            let at = text[from..]
                .find(&wanted)
                .unwrap_or_else(|| panic!("paragraph missing or out of order: {paragraph}"));
            from += at + wanted.len();
            count += 1;
        }
    }
    assert!(count > 20, "the sample has all its paragraphs ({count})");
}

#[test]
fn fonts_are_embedded_and_the_pdf_is_well_formed() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_ok(SAMPLE, dir.path(), "r.pdf", &[]);
    let fonts = font_rows(&pdf);
    assert!(fonts.len() >= 4, "宋 黑 仿 楷 at least: {fonts:?}");
    for row in &fonts {
        let columns: Vec<&str> = row.split_whitespace().collect();
        let embedded = columns[columns.len() - 5];
        assert_eq!(embedded, "yes", "font not embedded: {row}");
    }
    for family in [
        "NotoSerifCJK",
        "NotoSansCJK",
        "FandolFang",
        "FandolKai",
        "cwTeXFangSong",
    ] {
        assert!(
            fonts.iter().any(|row| row.contains(family)),
            "{family} is used"
        );
    }
    let check = qpdf_check(&pdf);
    assert!(check.status.success(), "qpdf --check: {}", stdout(&check));
    let pages = page_count(&pdf);
    assert!((10..=20).contains(&pages), "{pages} pages");
}

#[test]
fn two_builds_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let first = build_ok(SAMPLE, dir.path(), "a.pdf", &[]);
    let second = build_ok(SAMPLE, dir.path(), "b.pdf", &[]);
    assert!(std::fs::read(first).unwrap() == std::fs::read(second).unwrap());
}

#[test]
fn metadata_names_the_report_the_unit_and_the_date() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_ok(SAMPLE, dir.path(), "r.pdf", &[]);
    let output = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&output.stdout);
    assert!(
        info.contains("2022年度武汉东湖新技术开发区豹澥街道办事处部门整体绩效自评结果"),
        "{info}"
    );
    assert!(
        info.contains("Author:          武汉东湖新技术开发区豹澥街道办事处"),
        "{info}"
    );
    assert!(info.contains("2023"), "creation date from 提交时间: {info}");
    let meta = pdf_metadata(&pdf);
    assert!(meta.contains("zh"), "language: {meta}");
}

#[test]
fn pdf_a_2b_declares_conformance_and_keeps_its_content() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_ok(SAMPLE, dir.path(), "r.pdf", &["--pdf-standard", "a-2b"]);
    let meta = pdf_metadata(&pdf);
    assert!(meta.contains("<pdfaid:part>2</pdfaid:part>"), "{meta}");
    assert!(
        meta.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{meta}"
    );
    assert!(qpdf_check(&pdf).status.success());
    assert!(squeezed(&pdf_text(&pdf)).contains("合计100.0090.66"));
}

#[test]
fn typst_out_is_written_with_the_styles_inlined() {
    let dir = tempfile::tempdir().unwrap();
    let typ = dir.path().join("r.typ");
    build_ok(
        SAMPLE,
        dir.path(),
        "r.pdf",
        &["--typst-out", typ.to_str().unwrap()],
    );
    let source = std::fs::read_to_string(typ).unwrap();
    assert!(source.contains("#set page("), "page setup inlined");
    assert!(!source.contains("#import"), "nothing to import");
    assert!(!source.contains("{{"), "no template syntax left");
}

/// A report with one goal of 40 indicators, too long for one page.
fn long_goal_report(dir: &std::path::Path) -> std::path::PathBuf {
    let mut yaml = String::from(
        "单位名称: 测试单位\n年度: 2023\n提交时间: 2024-05-01\n预算:\n  分值: 20\n  调整后预算数: 100.00\n  执行数: 100.00\n年度目标:\n  - 名称: 长目标\n    分值: 80\n    指标:\n",
    );
    let groups = [
        ("产出指标", "数量指标", 24),
        ("效益指标", "社会效益指标", 12),
        ("满意度指标", "服务对象满意度指标", 4),
    ];
    let mut number = 0;
    for (level1, level2, count) in groups {
        yaml.push_str(&format!("      {level1}:\n        {level2}:\n"));
        for _ in 0..count {
            number += 1;
            yaml.push_str(&format!(
                "          - 三级指标: 第{number}项指标的名称较长需要换行显示\n            年初目标值: {number} 个\n            实际完成值: {number} 个\n            分值: 2\n"
            ));
        }
    }
    let path = dir.join("long.yaml");
    std::fs::write(&path, yaml).unwrap();
    path
}

#[test]
fn every_annex_page_shows_the_goal_and_level_labels_of_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let src = long_goal_report(dir.path());
    let pdf = build_ok(src.to_str().unwrap(), dir.path(), "long.pdf", &[]);
    let pages = page_count(&pdf);
    let mut pages_with_rows = 0;
    for page in 1..=pages {
        let output = std::process::Command::new("pdftotext")
            .args([
                "-raw",
                "-f",
                &page.to_string(),
                "-l",
                &page.to_string(),
                pdf.to_str().unwrap(),
                "-",
            ])
            .output()
            .unwrap();
        let text = squeezed(&String::from_utf8_lossy(&output.stdout));
        if !text.contains("需要换行显示") {
            continue;
        }
        pages_with_rows += 1;
        assert!(
            text.contains("年度目标1"),
            "page {page} lacks the goal label"
        );
        assert!(
            text.contains("一级指标") && text.contains("三级指标"),
            "page {page} lacks the header row"
        );
        let level1_here = ["产出指标", "效益指标", "满意度指标"]
            .iter()
            .any(|l| text.contains(*l));
        assert!(level1_here, "page {page} lacks its 一级 label");
    }
    assert!(
        pages_with_rows >= 2,
        "the goal runs over several pages ({pages_with_rows})"
    );
}
