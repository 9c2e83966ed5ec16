//! jixiao: the YAML sources of a 部门整体绩效自评结果 → validated, scored, typeset PDF.
//!
//! The data flows one way: [`load`] reads the sources into the typed [`model`], [`validate`]
//! checks what is written, [`score`] applies the official rules, [`review`] checks the scores,
//! [`facts`] derives what the report states about its numbers, [`document`] prepares it for the
//! templates, [`render`] writes Typst source through them and [`typeset`] compiles the PDF.
//! [`build`] runs the whole way.

pub mod build;
pub mod compare;
pub mod diagnostic;
pub mod document;
pub mod facts;
pub mod form;
pub mod glyphs;
pub mod limits;
pub mod load;
pub mod located;
pub mod model;
pub mod output;
pub mod render;
pub mod review;
pub mod revision;
pub mod rule_set;
pub mod scaffold;
pub mod schema;
pub mod score;
pub mod scorecard;
pub mod taxonomy;
pub mod templates;
pub mod typeset;
pub mod typst_escape;
pub mod validate;
pub mod value;
pub mod watch;
pub(crate) mod yaml_error;
pub(crate) mod yaml_lint;
pub mod yaml_text;

use std::path::Path;

pub use diagnostic::{Diagnostic, Diagnostics, Severity, SourceFiles, Span};
pub use facts::Facts;
pub use load::{LoadError, Loaded, load_path};
pub use model::Report;
pub use score::Scores;

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
        diagnostics.extend(validate::validate(&report).0);
        diagnostics.extend(glyphs::check_characters(&report, &files));
        let scores = score::score_report(&report);
        diagnostics.extend(review::review(&report, &scores).0);
        let facts = facts::derive_facts(&report, &scores);
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
