//! Careless typing as it shows in the PDF, read back with poppler: lines starting `1.` `2.` in
//! a block text stay lines of their own, and a URL with no place to break wraps inside its
//! table cell instead of running over the cell's border or the page's edge.

use std::path::{Path, PathBuf};

use crate::pdf_support::*;

/// A copy of `sample` in `dir` with `edits` (file, from, to) applied.
fn edited(dir: &Path, sample: &str, edits: &[(&str, &str, &str)]) -> PathBuf {
    let copy = dir.join("report");
    std::fs::create_dir_all(&copy).unwrap();
    for entry in std::fs::read_dir(sample).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, copy.join(path.file_name().unwrap())).unwrap();
    }
    for (file, from, to) in edits {
        edit(&copy.join(file), from, to);
    }
    copy
}

/// Builds `report` into `dir/r.pdf` (exit 0), its sources left as they were.
fn build(report: &Path, dir: &Path) -> PathBuf {
    let files = |dir: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
            .collect();
        files.sort();
        files
    };
    let before = files(report);
    let pdf = build_ok(report.to_str().unwrap(), dir, "r.pdf", &[]);
    assert_eq!(files(report), before, "the sources are left alone");
    pdf
}

const NATIONAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/2022-xiangmu");

/// The lines of the PDF's text that hold `needle`, trimmed.
fn lines_with<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
    text.lines()
        .map(str::trim)
        .filter(|line| line.contains(needle))
        .collect()
}

/// The one word of the PDF that is `needle`, or else holds it.
fn word<'a>(words: &'a [Word], needle: &str) -> &'a Word {
    let exact: Vec<&Word> = words.iter().filter(|w| w.text == needle).collect();
    if let [only] = exact[..] {
        return only;
    }
    let found: Vec<&Word> = words.iter().filter(|w| w.text.contains(needle)).collect();
    assert_eq!(found.len(), 1, "{needle}: {found:?}");
    found[0]
}

#[test]
fn numbered_lines_in_a_block_text_stay_lines_of_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let report = edited(
        dir.path(),
        SAMPLE,
        &[
            (
                "摘要.yaml",
                "    ①绩效目标编制",
                "    存在以下问题：\n    1. 第一条问题甲。\n    2. 第二条问题乙。\n    3、第三条问题丙。\n    （4）第四条问题丁。\n\n    ①绩效目标编制",
            ),
            (
                "目标4-民生.yaml",
                "          说明: 实际为210个，未完成相应指标。",
                "          说明: |\n            原因有二：\n            1. 甲原因在此。\n            2. 乙原因在此。",
            ),
        ],
    );
    let pdf = build(&report, dir.path());
    let text = pdf_text(&pdf);
    for (line, starts) in [
        ("第一条问题甲。", "1. "),
        ("第二条问题乙。", "2. "),
        ("第三条问题丙。", "3、"),
        ("第四条问题丁。", "（4）"),
        ("甲原因在此。", "1. "),
        ("乙原因在此。", "2. "),
    ] {
        let found = lines_with(&text, line);
        assert_eq!(found.len(), 1, "{line}: {found:?}");
        assert!(
            found[0].starts_with(starts),
            "{line} on a line of its own: {found:?}"
        );
    }
    assert_eq!(lines_with(&text, "存在以下问题："), ["存在以下问题："]);
    assert!(lines_with(&text, "原因有二：")[0].ends_with("原因有二："));
}

#[test]
fn numbered_lines_in_a_table_cell_stay_lines_of_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let report = edited(
        dir.path(),
        NATIONAL,
        &[(
            "指标.yaml",
            "        说明: 部分老人入住养老机构",
            "        说明: |\n          原因有二：\n          1. 甲原因。\n          2. 乙原因。\n          部分老人入住养老机构",
        )],
    );
    let pdf = build(&report, dir.path());
    let (_, words) = words_of(&pdf);
    let (reason, first, second) = (
        word(&words, "原因有二："),
        word(&words, "甲原因。"),
        word(&words, "乙原因。"),
    );
    assert!(
        reason.y1 <= first.y0 && first.y1 <= second.y0,
        "three lines: {reason:?} {first:?} {second:?}"
    );
    // Each item starts at the cell's left edge, as the first line does.
    let one = words
        .iter()
        .find(|w| w.text.starts_with("1.") && (w.y0 - first.y0).abs() < 1.0)
        .expect("1. before 甲原因");
    assert!((one.x0 - reason.x0).abs() < 1.0, "{one:?} {reason:?}");
}

const MM: f64 = 72.0 / 25.4;

fn url() -> String {
    format!("https://example.org/{}", "abcdefghij".repeat(28))
}

#[test]
fn a_long_url_in_an_annex_text_cell_wraps_inside_the_cell() {
    let dir = tempfile::tempdir().unwrap();
    let url = url();
    let report = edited(
        dir.path(),
        SAMPLE,
        &[(
            "自评表.yaml",
            "  偏差大或目标未完成原因分析: |\n",
            &format!("  偏差大或目标未完成原因分析: |\n    参见 {url} 的说明。\n\n"),
        )],
    );
    let pdf = build(&report, dir.path());
    let (pages, words) = words_of(&pdf);
    let pieces: Vec<&Word> = words
        .iter()
        .filter(|w| w.text.len() >= 10 && url.contains(w.text.as_str()))
        .collect();
    assert!(
        pieces.len() >= 4,
        "the URL wraps over several lines: {pieces:?}"
    );
    for piece in &pieces {
        let right = pages[piece.page - 1].width - 26.0 * MM;
        assert!(piece.x1 <= right, "inside the text area: {piece:?}");
    }
    let printed = squeezed(&pdf_text(&pdf));
    assert!(
        printed.contains(&format!("参见{url}的说明。")),
        "printed whole"
    );
}

#[test]
fn a_long_url_or_word_in_a_national_cell_stays_in_its_column() {
    let dir = tempfile::tempdir().unwrap();
    let url = url();
    let long_word = "ABCDEFGHIJ".repeat(8);
    let report = edited(
        dir.path(),
        NATIONAL,
        &[
            (
                "总体目标.yaml",
                "  预期目标: |\n",
                &format!("  预期目标: |\n    参见 {url} 。\n"),
            ),
            (
                "单位.yaml",
                "主管部门: 武汉东湖新技术开发区社会发展局",
                &format!("主管部门: 武汉东湖新技术开发区社会发展局{long_word}"),
            ),
        ],
    );
    let pdf = build(&report, dir.path());
    let (_, words) = words_of(&pdf);
    // The cells to the right: 实际完成情况 and 实施单位.
    let achieved = word(&words, "全年上门服务");
    let implementer = word(&words, "实施单位");
    let url_pieces = words
        .iter()
        .filter(|w| w.text.len() >= 10 && url.contains(w.text.as_str()));
    for piece in url_pieces {
        assert!(
            piece.x1 < achieved.x0,
            "{piece:?} runs into 实际完成情况 at {:.1}",
            achieved.x0
        );
    }
    let word_pieces: Vec<&Word> = words.iter().filter(|w| w.text.contains("ABCDE")).collect();
    assert!(word_pieces.len() >= 2, "{word_pieces:?}");
    for piece in word_pieces {
        assert!(piece.x1 < implementer.x0, "{piece:?} runs into 实施单位");
    }
}

#[test]
fn escaped_item_lines_are_text_and_line_breaks_never_a_typst_list() {
    use typst::syntax::{SyntaxKind, parse};
    let text = "原因：\n1. 甲\n2) 乙\n- 丙\n+ 丁\n= 戊\n/ 己: 庚";
    let markup = jixiao::render::typst_escape::escape_markup(text);
    let root = parse(&markup);
    assert!(root.errors_and_warnings().0.is_empty(), "{markup}");
    for node in root.children() {
        assert!(
            matches!(
                node.kind(),
                SyntaxKind::Text | SyntaxKind::Space | SyntaxKind::Escape | SyntaxKind::Linebreak
            ),
            "{:?} in {markup}",
            node.kind()
        );
    }
    assert_eq!(markup.matches("\\ ").count(), 3, "{markup}");
}
