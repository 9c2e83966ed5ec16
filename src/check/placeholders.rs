//! Values `jixiao new --from` carries over from last year only as placeholders (the budget's
//! amounts, the 资金 cells, 提交时间): it marks each such line with a comment saying so, and as
//! long as that comment is there, `check` says the value still has to be replaced.

use std::collections::BTreeSet;

use crate::diagnostic::{Diagnostic, SourceFiles, Span};
use crate::model::Report;

/// The word in the trailing comment of a line whose value is a placeholder.
pub const MARK: &str = "占位";

/// One warning per line whose value is still marked as a placeholder: 提交时间 and the
/// form's `slots` (its amounts, with their names).
pub fn check_placeholders(
    report: &Report,
    slots: Vec<(&'static str, Span)>,
    files: &SourceFiles,
) -> Vec<Diagnostic> {
    let mut lines = BTreeSet::new();
    let mut diagnostics = Vec::new();
    let submitted = ("提交时间", report.submitted.span);
    for (what, span) in std::iter::once(submitted).chain(slots) {
        if !lines.insert((span.file, span.line)) {
            continue;
        }
        if let Some(comment) = marked_comment(files.text(span.file), span) {
            diagnostics.push(placeholder(what, span, comment));
        }
    }
    diagnostics
}

/// The comment after the value at `span` on its line, when it carries [`MARK`].
fn marked_comment(text: &str, span: Span) -> Option<&str> {
    let end = span.start.saturating_add(span.len).min(text.len());
    let rest = text.get(end..)?;
    let line = rest.split(['\n', '\r']).next().unwrap_or("");
    let comment = &line[line.find('#')?..];
    comment.contains(MARK).then_some(comment.trim_end())
}

fn placeholder(what: &str, span: Span, comment: &str) -> Diagnostic {
    let (kind, replace) = if what == "提交时间" {
        ("日期", "实际提交的日期")
    } else {
        ("数字", "本年度的数字（万元）")
    };
    Diagnostic::warning(format!(
        "{what}还是占位的{kind}：这一行的注释「{comment}」说明它是由上年度的报告生成时留下的"
    ))
    .at(span)
    .help(format!(
        "改为{replace}，然后删去行尾的注释；注释删去之前，每次检查都会这样提示"
    ))
}
