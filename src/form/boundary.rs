//! The boundary between the shared stages and a form: what the pipeline asks of every form,
//! and the one place that finds the form of a report.

use super::example::Example;
use super::next_year::{Next, Place, Section};
use super::{FormKind, Own, department, national};
use crate::check::glyphs::Written;
use crate::diagnostic::{Diagnostics, Span};
use crate::document::Document;
use crate::model::Report;
use crate::scoring::Outcome;
use crate::typeset::FontRole;
use crate::yaml_text::YamlText;

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

    /// The sections of next year's report (`new --from`), each with where this year's source
    /// wrote it.
    fn next_year_sections(&self, report: &Report) -> Vec<(Place, Section)>;

    /// The files next year's report of a single-file source is split into, with their sections.
    fn next_year_files(&self, report: &Report) -> Vec<(String, Vec<Section>)>;

    /// Writes a section of next year's report that is not a key of every form, or 自评表.
    fn write_next_year(&self, next: &Next<'_>, yaml: &mut YamlText, section: Section);

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
