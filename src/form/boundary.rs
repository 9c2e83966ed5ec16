//! The boundary between the shared stages and a form: what the pipeline asks of every form,
//! and the one place that finds the form of a report.

use super::{FormKind, Own, department, national};
use crate::check::glyphs::Written;
use crate::diagnostic::{Diagnostics, Span};
use crate::document::Document;
use crate::model::Report;
use crate::scoring::Outcome;
use crate::typeset::FontRole;

/// What differs between forms, as the pipeline asks for it.
pub trait Form {
    /// The checks of what only this form has, in the order they are reported.
    fn check(&self, report: &Report, diagnostics: &mut Diagnostics);

    /// The texts this form adds to the report, with the style each prints in.
    fn printed_texts(&self) -> Vec<(FontRole, Written<'_>)>;

    /// The values of this form that `new --from` may have written as placeholders.
    fn placeholder_slots(&self, report: &Report) -> Vec<(&'static str, Span)>;

    /// The document its templates print.
    fn document(&self, outcome: &Outcome) -> Document;

    // new, schema, summary

    /// The project the report is about, for the 汇总表 (None when the form names none).
    fn project_name(&self) -> Option<&str>;
}

impl Own {
    /// The report's form, to ask what it does differently.
    pub fn form(&self) -> &dyn Form {
        match self {
            Own::Department(own) => own,
            Own::National(own) => own,
        }
    }
}

impl FormKind {
    /// The example report of this form (`jixiao new` without `--from`).
    pub fn example(self) -> Example {
        match self {
            FormKind::Department => department::example::example(),
            FormKind::Project | FormKind::DepartmentSpending => national::example::example(self),
        }
    }
}

/// A form's example report: its files (name and text, with `{{年度}}` and `{{次年}}` standing
/// for the years) and what it holds.
pub struct Example {
    pub files: Vec<(&'static str, String)>,
    /// Its 年度目标, when the form counts them (None: its indicators are one table).
    pub goals: Option<usize>,
    pub indicators: usize,
}
