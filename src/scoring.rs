//! Stage 3, scoring: the official rules ([`score`]) of a rule set ([`rule_set`]), what the
//! report states about its numbers ([`facts`]), the scores as a user reads them
//! ([`scorecard`]) and the cells every row of an indicator shows ([`cells`]).

pub mod cells;
pub mod facts;
pub mod rule_set;
pub mod score;
pub mod scorecard;

use crate::model::Report;
use facts::Facts;
use score::Scores;

/// A report scored: the report, its scores and what it states about its numbers.
#[derive(Debug)]
pub struct Outcome {
    pub report: Report,
    pub scores: Scores,
    pub facts: Facts,
}
