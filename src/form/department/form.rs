//! The 部门整体绩效自评表 as the pipeline and the commands ask for it.

use super::{Department, check, document, excel};
use crate::check::glyphs::{Written, in_fang};
use crate::diagnostic::{Diagnostics, Span};
use crate::document::Document;
use crate::excel::write::{self, Table};
use crate::form::boundary::Form;
use crate::form::next_year::NextYear;
use crate::model::Report;
use crate::scoring::Outcome;
use crate::typeset::FontRole;

impl Form for Department {
    fn check(&self, report: &Report, diagnostics: &mut Diagnostics) {
        check::check(report, self, diagnostics);
    }

    /// 简称, 地区 and 报告名称 in the body's 仿宋; 地区 in the titles' 宋体 too; the abridged
    /// report's texts.
    fn printed_texts(&self) -> Vec<(FontRole, Written<'_>)> {
        let mut texts: Vec<_> = in_fang([&self.short_name, &self.region, &self.title]).collect();
        texts.extend(self.region.iter().map(|t| (FontRole::Song, t.into())));
        let abridged = &self.abridged;
        texts.extend(in_fang([
            &abridged.overview,
            &abridged.last_year_results,
            &abridged.problems,
            &abridged.next_steps,
            &abridged.budget_link,
        ]));
        texts
    }

    /// 调整后预算数 and 执行数.
    fn placeholder_slots(&self, report: &Report) -> Vec<(&'static str, Span)> {
        let budget = &report.budget;
        vec![
            ("调整后预算数", budget.adjusted.span),
            ("执行数", budget.spent.span),
        ]
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

    fn project_name(&self) -> Option<&str> {
        None
    }
}
