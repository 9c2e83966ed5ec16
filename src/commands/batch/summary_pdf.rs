//! The 汇总表 as a PDF: `templates/summary.typ.j2` through the report templates' environment
//! (every string escaped for Typst) and the shared typesetter.

use serde::Serialize;

use super::summary::Summary;
use crate::pipeline::BuildOptions;
use crate::render::render_template;
use crate::typeset::{Compiled, PdfMeta, Typesetter};

/// The template's name; a `--templates` folder may hold its own.
pub const TEMPLATE: &str = "summary.typ.j2";
const BUILT_IN: &str = include_str!("../../../templates/summary.typ.j2");

pub const TITLE: &str = "绩效自评结果汇总表";

/// What the template prints, every cell a string.
#[derive(Serialize)]
struct SummaryDocument {
    title: &'static str,
    subtitle: String,
    date: Day,
    headings: [&'static str; 14],
    rows: Vec<[String; 14]>,
    /// Indexes (0-based) of the rows of reports with errors.
    failed: Vec<usize>,
    totals: [String; 14],
    grade_line: String,
    note: String,
}

#[derive(Serialize)]
struct Day {
    year: i32,
    month: u8,
    day: u8,
}

fn summary_document(summary: &Summary) -> SummaryDocument {
    let (year, month, day) = summary.date;
    let mut years: Vec<u16> = summary.rows.iter().filter_map(|r| r.year).collect();
    years.sort_unstable();
    years.dedup();
    let years = match (years.first(), years.last()) {
        (Some(first), Some(last)) if first == last => format!("{first} 年度，"),
        (Some(first), Some(last)) => format!("{first}—{last} 年度，"),
        _ => String::new(),
    };
    let t = &summary.totals;
    let note = if t.failed > 0 {
        format!(
            "有错误的 {} 份报告未计分，未生成 PDF，不计入平均总分、完成和未完成的合计；其错误见运行 jixiao 时列出的提示。",
            t.failed
        )
    } else {
        String::new()
    };
    SummaryDocument {
        title: TITLE,
        subtitle: format!(
            "{years}共 {} 份报告，{} 份无错误，{} 份有错误（截至 {}）",
            t.reports,
            t.passed,
            t.failed,
            summary.date_zh()
        ),
        date: Day { year, month, day },
        headings: Summary::HEADINGS,
        rows: summary.cells(),
        failed: summary
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.errors > 0)
            .map(|(i, _)| i)
            .collect(),
        totals: summary.total_cells(),
        grade_line: summary.grade_line(),
        note,
    }
}

/// The Typst source of the 汇总表 and its PDF.
pub fn summary_pdf(
    summary: &Summary,
    options: &BuildOptions,
    typesetter: &Typesetter,
) -> Result<(String, Compiled), crate::pipeline::BuildError> {
    use crate::pipeline::BuildError;
    let mut templates = crate::pipeline::templates(options)?;
    templates
        .templates
        .entry(TEMPLATE.to_string())
        .or_insert_with(|| BUILT_IN.to_string());
    let document = summary_document(summary);
    let source = render_template(TEMPLATE, &document, &templates, &options.limits)
        .map_err(BuildError::Render)?;
    let meta = PdfMeta {
        title: TITLE.to_string(),
        author: String::new(),
        date: summary.date,
        pdf_a: options.pdf_a,
    };
    let compiled = typesetter
        .compile_pdf_within(&source, &templates.files, &meta, &options.limits)
        .map_err(BuildError::Typeset)?;
    Ok((source, compiled))
}
