//! The boundary between the shared stages and a form: what the pipeline and the commands ask
//! of every form, and the one place that finds the form of a report (and, for `new` without a
//! report, the example of a form).

use super::example::Example;
use super::next_year::NextYear;
use super::{FormKind, Own, department, national};
use crate::check::glyphs::Written;
use crate::diagnostic::{Diagnostics, Span};
use crate::document::Document;
use crate::model::Report;
use crate::scoring::Outcome;
use crate::typeset::FontRole;

/// What differs between forms, as the pipeline and the commands ask for it.
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

    /// Its rules for next year's report (`new --from`).
    fn next_year(&self) -> &dyn NextYear;

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
