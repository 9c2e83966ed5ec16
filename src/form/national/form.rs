//! The national tables as the pipeline and the commands ask for them.

use super::{National, check, document, excel};
use crate::check::glyphs::Written;
use crate::diagnostic::{Diagnostics, Span};
use crate::document::Document;
use crate::excel::write::{self, Table};
use crate::form::boundary::Form;
use crate::form::next_year::NextYear;
use crate::model::Report;
use crate::scoring::Outcome;
use crate::typeset::FontRole;

impl Form for National {
    fn check(&self, report: &Report, diagnostics: &mut Diagnostics) {
        check::check(report, self, diagnostics);
    }

    /// None yet: the glyph check reads the unit, the indicators and 自评表 of these forms.
    fn printed_texts(&self) -> Vec<(FontRole, Written<'_>)> {
        Vec::new()
    }

    /// The 资金 cells: 年度资金总额 and each 其中 row given.
    fn placeholder_slots(&self, _report: &Report) -> Vec<(&'static str, Span)> {
        let funds = &self.funds;
        let total = &funds.total;
        let cells = total.initial.iter().chain([&total.budget, &total.spent]);
        let mut slots: Vec<(&'static str, Span)> =
            cells.map(|cell| ("年度资金总额", cell.span)).collect();
        for (name, row) in funds.parts() {
            let Some(row) = row else { continue };
            let cells = [&row.initial, &row.budget, &row.spent];
            slots.extend(cells.into_iter().flatten().map(|cell| (name, cell.span)));
        }
        slots
    }

    fn document(&self, outcome: &Outcome) -> Document {
        document::document(outcome, self)
    }

    fn write_table(&self, outcome: &Outcome, table: &mut Table) -> write::Written {
        excel::export::write_table(table, outcome, self)
    }

    fn next_year(&self) -> &dyn NextYear {
        self
    }

    /// 项目名称 (项目支出绩效自评表 only).
    fn project_name(&self) -> Option<&str> {
        self.project_name.as_ref().map(|name| name.value.as_str())
    }
}
