//! The boundary between the shared stages and a form: what the pipeline and the commands ask
//! of every form, and the one place that finds the form of a report (and, for `new` without a
//! report, the example of a form).

use super::example::Example;
use super::next_year::NextYear;
use super::{FormKind, Own, department, national};
use crate::check::glyphs::Written;
use crate::diagnostic::{Diagnostics, Span};
use crate::document::Document;
use crate::excel::read::grid::Grid;
use crate::excel::read::table::Table;
use crate::excel::sources::{Decided, YamlFile};
use crate::excel::write;
use crate::model::Report;
use crate::model::RuleSetName;
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

    /// Its rules for next year's report (`new --from`).
    fn next_year(&self) -> &dyn NextYear;

    /// The project the report is about, for the 汇总表 (None when the form names none).
    fn project_name(&self) -> Option<&str>;

    /// The 自评表 sheet of the workbook `jixiao export` writes: this form's table, from the
    /// writer's row on.
    fn write_table(&self, outcome: &Outcome, table: &mut write::Table) -> write::Written;
}

impl Own {
    /// The report's form, to ask what it does differently.
    pub fn form(&self) -> &dyn Form {
        match self {
            Own::Department(own) => own.as_ref(),
            Own::National(own) => own.as_ref(),
        }
    }
}

/// A form's 自评表 sheet as import reads it.
pub trait FormWorkbook {
    /// Whether the texts above the indicator table (`above`: whether a cell containing the
    /// text stands there) mark a sheet as this form's.
    fn recognises(&self, above: &dyn Fn(&str) -> bool) -> bool;

    /// Whether the labels of the goal column (年度目标1（11分）) start the goals; otherwise
    /// every indicator row is of one goal.
    fn labelled_goals(&self) -> bool;

    /// What the form has of its own above the indicator table (whose header is row `header`).
    fn read_own(&self, grid: &Grid, header: u32) -> Box<dyn OwnCells>;
}

/// What import read of a form's own parts, and the YAML sources it writes of the sheet.
pub trait OwnCells {
    /// Each indicator's weight, when the sheet has no 分值 column, and a note that says how.
    fn assume_weights(&self, table: &mut Table, sheet: &str);

    /// Fills the form's own values the sheet does not say, with a note for each.
    fn fill_gaps(&mut self, sheet: &str, notes: &mut Vec<String>);

    /// The rule set the imported report will be scored by, when not the default.
    fn rule_set(&self) -> Option<RuleSetName>;

    /// The YAML sources, split as `jixiao new` splits a report of the form.
    fn files(&self, table: &Table, decided: &Decided) -> Vec<YamlFile>;
}

// What `jixiao import` asks of a form before any report exists: a sheet is of the first form
// that recognises it, and `FormKind::workbook` is the one match that finds a form's importer.

impl FormKind {
    /// The form's 自评表 sheet, as import reads it.
    pub fn workbook(self) -> &'static dyn FormWorkbook {
        match self {
            FormKind::Department => &department::excel::Workbook,
            FormKind::Project => &national::excel::Workbook(FormKind::Project),
            FormKind::DepartmentSpending => {
                &national::excel::Workbook(FormKind::DepartmentSpending)
            }
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
