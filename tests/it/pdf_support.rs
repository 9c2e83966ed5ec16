//! Building reports through the `jixiao` binary and reading the PDF back with poppler and qpdf,
//! as a user checking the output would.

use crate::cli_support;
pub use cli_support::*;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/2022-baoxie");

/// Builds `src` into `dir/name.pdf`, asserting success.
pub fn build_ok(src: &str, dir: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let pdf = dir.join(name);
    let mut args = vec!["build", src, "-o", pdf.to_str().expect("utf-8 path")];
    args.extend_from_slice(extra);
    let output = jixiao(&args);
    assert!(
        output.status.success(),
        "build failed:\n{}",
        stderr(&output)
    );
    pdf
}

fn tool(program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} is needed for this test (apt-get install poppler-utils qpdf): {e}")
        })
}

/// The PDF's text in content order (`pdftotext -raw`).
pub fn pdf_text(pdf: &Path) -> String {
    let output = tool(
        "pdftotext",
        &["-raw", pdf.to_str().expect("utf-8 path"), "-"],
    );
    assert!(output.status.success(), "pdftotext failed");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The text without the page numbers ("— 3 —") that interrupt a paragraph running across pages.
pub fn without_page_numbers(text: &str) -> String {
    text.lines()
        .filter(|line| !(line.starts_with("— ") && line.ends_with(" —")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text without any whitespace: table cells wrap and justification adds spaces.
pub fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

pub fn page_count(pdf: &Path) -> usize {
    let output = tool("pdfinfo", &[pdf.to_str().expect("utf-8 path")]);
    let info = String::from_utf8_lossy(&output.stdout).into_owned();
    info.lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo prints the page count")
}

/// Rows of `pdffonts` after its two header lines.
pub fn font_rows(pdf: &Path) -> Vec<String> {
    let output = tool("pdffonts", &[pdf.to_str().expect("utf-8 path")]);
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .skip(2)
        .map(str::to_string)
        .collect()
}

pub fn qpdf_check(pdf: &Path) -> Output {
    tool("qpdf", &["--check", pdf.to_str().expect("utf-8 path")])
}

pub fn pdf_metadata(pdf: &Path) -> String {
    let output = tool("pdfinfo", &["-meta", pdf.to_str().expect("utf-8 path")]);
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A copy of the sample report in a temporary folder, to change before building.
pub fn sample_copy(dir: &Path) -> PathBuf {
    let copy = dir.join("report");
    std::fs::create_dir_all(&copy).expect("create folder");
    for entry in std::fs::read_dir(SAMPLE).expect("sample exists") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, copy.join(path.file_name().expect("name"))).expect("copy");
    }
    copy
}

/// Replaces `from` by `to` in `file` (once, and it must be there).
pub fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).expect("read");
    assert!(
        text.contains(from),
        "{} does not contain {from:?}",
        file.display()
    );
    std::fs::write(file, text.replacen(from, to, 1)).expect("write");
}

/// One word of `pdftotext -bbox`: its page (1-based) and box in points, y downwards.
#[derive(Debug, Clone)]
pub struct Word {
    pub page: usize,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub text: String,
}

/// A page's size in points.
pub struct Page {
    pub width: f64,
    pub height: f64,
}

fn attribute(tag: &str, name: &str) -> f64 {
    let start = tag
        .find(&format!("{name}=\""))
        .unwrap_or_else(|| panic!("{name} in {tag}"))
        + name.len()
        + 2;
    let end = start + tag[start..].find('"').expect("closing quote");
    tag[start..end].parse().expect("a number")
}

/// Pages and words of `pdftotext -bbox`.
pub fn words_of(pdf: &Path) -> (Vec<Page>, Vec<Word>) {
    let output = tool(
        "pdftotext",
        &["-bbox", pdf.to_str().expect("utf-8 path"), "-"],
    );
    let html = String::from_utf8_lossy(&output.stdout).into_owned();
    let mut pages = Vec::new();
    let mut words = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            pages.push(Page {
                width: attribute(line, "width"),
                height: attribute(line, "height"),
            });
        } else if line.starts_with("<word ") {
            let text_start = line.find('>').expect("tag end") + 1;
            let text_end = line.rfind("</word>").expect("word end");
            words.push(Word {
                page: pages.len(),
                x0: attribute(line, "xMin"),
                y0: attribute(line, "yMin"),
                x1: attribute(line, "xMax"),
                y1: attribute(line, "yMax"),
                text: line[text_start..text_end].to_string(),
            });
        }
    }
    (pages, words)
}
