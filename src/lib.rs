//! jixiao: the YAML sources of a 部门整体绩效自评结果 (or a national 项目支出 / 部门整体支出
//! 绩效自评表) → validated, scored, typeset PDF.
//!
//! The data flows one way, a folder per stage: [`source`] reads the sources into the typed
//! [`model`], [`check`] checks what is written, [`scoring`] applies the official rules and
//! derives what the report states about its numbers, [`document`] prepares it for the
//! templates, [`render`] writes Typst source through them and [`typeset`] compiles the PDF.
//! [`pipeline`] runs them in order; [`form`] holds what differs between the forms (`表样`);
//! [`excel`] what a workbook is, whatever the form; [`commands`] the commands around the
//! pipeline.

pub mod check;
pub mod commands;
pub mod diagnostic;
pub mod document;
pub mod excel;
pub mod files;
pub mod form;
pub mod limits;
pub mod located;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod schema;
pub mod scoring;
pub mod source;
pub mod typeset;
pub mod yaml_text;

pub use diagnostic::{Diagnostic, Diagnostics, Severity, SourceFiles, Span};
pub use model::Report;
pub use pipeline::{Evaluated, evaluate, evaluate_path};
pub use scoring::Outcome;
pub use scoring::facts::Facts;
pub use scoring::score::Scores;
pub use source::load::{LoadError, Loaded, load_path};
