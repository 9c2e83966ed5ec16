//! The report as typed data: what the YAML sources say, with where they say it. [`Report`]
//! holds what every form has; a form's own part is its own type in its folder under
//! [`crate::form`].

pub mod exact;
pub mod numerals;
pub mod scalars;
pub mod settings;
pub mod split_target;
pub mod taxonomy;
pub mod texts;
pub mod tree;
pub mod tree_schema;
pub mod value;

pub use scalars::*;
pub use settings::*;
pub use texts::*;
pub use tree::*;

use crate::form::{FormKind, Own};
use crate::located::At;

/// A whole report, merged from its source files.
#[derive(Clone, Debug)]
pub struct Report {
    /// 表样: which table the report is.
    pub form: FormKind,
    pub unit_name: At<String>,
    pub year: At<u16>,
    pub submitted: At<Date>,
    pub settings: Settings,
    /// 预算执行 as it is scored: the form says which of its amounts are A and B.
    pub budget: Budget,
    /// The 年度目标 as they are scored (a form with one table has one).
    pub goals: Vec<Goal>,
    /// How the summary of scores breaks the total down.
    pub breakdown: Breakdown,
    /// `自评表:`: the long text cells and the sign-off under the table.
    pub annex: AnnexTexts,
    /// What the report's form adds.
    pub own: Own,
}

impl Report {
    pub fn indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.goals.iter().flat_map(Goal::indicators)
    }
}
