//! jixiao: the YAML sources of a 部门整体绩效自评结果 (or a national 项目支出 / 部门整体支出
//! 绩效自评表) → validated, scored, typeset PDF.
//!
//! The data flows one way, a folder per stage: [`source`] reads the sources into the typed
//! [`model`], [`check`] checks what is written, [`scoring`] applies the official rules and
//! derives what the report states about its numbers, [`document`] prepares it for the
//! templates, [`render`] writes Typst source through them and [`typeset`] compiles the PDF.
//! [`form`] holds what differs between the forms (`表样`); [`workflow`] the commands around the
//! pipeline ([`workflow::build`] runs the whole way).

pub mod check;
pub mod diagnostic;
pub mod document;
pub mod files;
pub mod form;
pub mod limits;
pub mod model;
pub mod output;
pub mod render;
pub mod schema;
pub mod scoring;
pub mod source;
pub mod typeset;
pub mod workflow;

use std::path::Path;

pub use diagnostic::{Diagnostic, Diagnostics, Severity, SourceFiles, Span};
pub use model::Report;
pub use scoring::facts::Facts;
pub use scoring::score::Scores;
pub use source::load::{LoadError, Loaded, load_path};

/// A report read, checked and scored.
#[derive(Debug)]
pub struct Evaluated {
    pub files: SourceFiles,
    pub diagnostics: Diagnostics,
    /// Present when the sources could be read into a report (even with errors in it).
    pub outcome: Option<Outcome>,
}

#[derive(Debug)]
pub struct Outcome {
    pub report: Report,
    pub scores: Scores,
    pub facts: Facts,
}

impl Evaluated {
    /// The outcome, only when nothing is in error.
    pub fn clean_outcome(&self) -> Option<&Outcome> {
        self.outcome
            .as_ref()
            .filter(|_| !self.diagnostics.has_errors())
    }
}

/// Loads the report at `src`, runs every check and scores it.
pub fn evaluate_path(src: &Path) -> Result<Evaluated, LoadError> {
    Ok(evaluate(load_path(src)?))
}

pub fn evaluate(loaded: Loaded) -> Evaluated {
    let Loaded {
        files,
        report,
        mut diagnostics,
    } = loaded;
    let outcome = report.map(|report| {
        diagnostics.extend(check::validate::validate(&report).0);
        diagnostics.extend(check::glyphs::check_characters(&report, &files));
        diagnostics.extend(check::placeholders::check_placeholders(&report, &files));
        let scores = scoring::score::score_report(&report);
        diagnostics.extend(check::review::review(&report, &scores).0);
        let facts = scoring::facts::derive_facts(&report, &scores);
        Outcome {
            report,
            scores,
            facts,
        }
    });
    Evaluated {
        files,
        diagnostics: diagnostics.sorted(),
        outcome,
    }
}
