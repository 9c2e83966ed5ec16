//! `jixiao build` on the sample report: the PDF itself says what the sources say.

mod pdf_support;

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
    let slots = [
        &report.abridged.overview,
        &report.abridged.last_year_results,
        &report.abridged.problems,
        &report.abridged.next_steps,
        &report.abridged.budget_link,
        &report.annex.deviation_analysis,
        &report.annex.improvement_plan,
    ];
    let mut from = 0;
    let mut count = 0;
    for slot in slots {
        for paragraph in jixiao::typst_escape::paragraphs(&slot.as_ref().unwrap().value) {
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
    for family in ["NotoSerifCJK", "NotoSansCJK", "FandolFang", "FandolKai"] {
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
