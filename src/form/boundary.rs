//! The boundary between the shared stages and a form: what the pipeline asks of every form,
//! and the one place that finds the form of a report.

use super::Own;
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

    // Excel

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

// Excel: the writer `Form::write_table` is given, and what `jixiao import` asks of a form
// before any report exists: a sheet is of the first form that recognises it
// ([`FormWorkbook::recognises`]), and [`FormKind::workbook`] is the one match that finds a
// form's importer.

use super::{FormKind, department, national};
use crate::excel::read::grid::Grid;
use crate::excel::read::table::Table;
use crate::excel::sources::{Decided, YamlFile};
use crate::excel::write;
use crate::model::RuleSetName;

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
