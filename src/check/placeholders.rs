//! Values `jixiao new --from` carries over from last year only as placeholders (the budget's
//! amounts, the 资金 cells, 提交时间): it marks each such line with a comment saying so, and as
//! long as that comment is there, `check` says the value still has to be replaced.

use std::collections::BTreeSet;

use crate::diagnostic::{Diagnostic, SourceFiles, Span};
use crate::model::Report;

/// The word in the trailing comment of a line whose value is a placeholder.
pub const MARK: &str = "占位";

/// One warning per line whose value is still marked as a placeholder.
pub fn check_placeholders(report: &Report, files: &SourceFiles) -> Vec<Diagnostic> {
    let mut lines = BTreeSet::new();
    let mut diagnostics = Vec::new();
    for (what, span) in placeholder_slots(report) {
        if !lines.insert((span.file, span.line)) {
            continue;
        }
        if let Some(comment) = marked_comment(files.text(span.file), span) {
            diagnostics.push(placeholder(what, span, comment));
        }
    }
    diagnostics
}

/// The values `new --from` may have written as placeholders, with their names.
fn placeholder_slots(report: &Report) -> Vec<(&'static str, Span)> {
    let mut slots = vec![("提交时间", report.submitted.span)];
    match &report.national {
        None => {
            let budget = &report.budget;
            slots.push(("调整后预算数", budget.adjusted.span));
            slots.push(("执行数", budget.spent.span));
        }
        Some(national) => {
            let funds = &national.funds;
            let total = &funds.total;
            let cells = total.initial.iter().chain([&total.budget, &total.spent]);
            slots.extend(cells.map(|cell| ("年度资金总额", cell.span)));
            for (name, row) in funds.parts() {
                let Some(row) = row else { continue };
                let cells = [&row.initial, &row.budget, &row.spent];
                slots.extend(cells.into_iter().flatten().map(|cell| (name, cell.span)));
            }
        }
    }
    slots
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
