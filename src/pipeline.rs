//! The pipeline, in one place: load → check → score ([`evaluate`]), then the fonts' check of
//! every character ([`evaluate_printable`]), the document, the templates and the typesetting
//! ([`build`]). Each stage lives in its own folder; this file only runs them in order.

use std::path::{Path, PathBuf};

use crate::check::glyphs::check_glyphs;
use crate::diagnostic::{Diagnostics, SourceFiles};
use crate::document::Document;
use crate::limits::Limits;
use crate::render::templates::{TemplateDirError, TemplateSet};
use crate::render::{RenderError, render_within};
use crate::scoring::Outcome;
use crate::source::load::{LoadError, Loaded, load_path};
use crate::typeset::{Compiled, PdfMeta, TypesetError, Typesetter};
use crate::{check, form, scoring};

/// A report read, checked and scored.
#[derive(Debug)]
pub struct Evaluated {
    pub files: SourceFiles,
    pub diagnostics: Diagnostics,
    /// Present when the sources could be read into a report (even with errors in it).
    pub outcome: Option<Outcome>,
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
        let form = report.own.form();
        let form_checks = |diagnostics: &mut Diagnostics| form.check(&report, diagnostics);
        diagnostics.extend(check::validate::validate(&report, form_checks).0);
        let form_texts = form.printed_texts();
        diagnostics.extend(check::glyphs::check_characters(&report, form_texts, &files));
        let slots = form.placeholder_slots(&report);
        diagnostics.extend(check::placeholders::check_placeholders(
            &report, slots, &files,
        ));
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

#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// A folder of templates that replace or add to the built-in ones.
    pub templates: Option<PathBuf>,
    pub pdf_a: bool,
    pub limits: Limits,
}

/// A built document.
#[derive(Debug)]
pub struct Built {
    pub evaluated: Evaluated,
    pub typst_source: String,
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// 总分, as printed.
    pub total: String,
    /// Typst's warnings about the layout, if any.
    pub typst_warnings: Vec<String>,
}

#[derive(Debug)]
pub enum BuildError {
    Load(LoadError),
    /// The report has errors (or unprintable characters): see its diagnostics.
    Report(Box<Evaluated>),
    Templates(TemplateDirError),
    Render(RenderError),
    Typeset(TypesetError),
    /// Typst failed on the source the templates wrote: its report, and which template wrote
    /// each line it names.
    TemplateTypst {
        report: String,
        places: Vec<String>,
    },
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Load(error) => error.fmt(f),
            BuildError::Report(evaluated) => {
                let errors = evaluated.diagnostics.errors().count();
                write!(f, "报告有 {errors} 个错误，未生成 PDF")
            }
            BuildError::Templates(error) => error.fmt(f),
            BuildError::Render(error) => error.fmt(f),
            BuildError::Typeset(error) => write!(f, "排版失败：{error}"),
            BuildError::TemplateTypst { report, places } => {
                writeln!(f, "排版失败：模板写出的 Typst 代码有错误")?;
                for place in places {
                    writeln!(f, "  {place}")?;
                }
                writeln!(
                    f,
                    "  改正模板后重新生成；用 --typst-out 文件.typ 可写出生成的源文件查看上下文"
                )?;
                write!(f, "Typst 的报告：\n{report}")
            }
        }
    }
}

impl std::error::Error for BuildError {}

/// A Typst error that names lines of the generated source says which templates wrote them.
fn typeset_error(error: TypesetError, source: &str, templates: &TemplateSet) -> BuildError {
    let TypesetError::Typst { report } = error else {
        return BuildError::Typeset(error);
    };
    let places = crate::render::template_places(&report, source, templates);
    if places.is_empty() {
        BuildError::Typeset(TypesetError::Typst { report })
    } else {
        BuildError::TemplateTypst { report, places }
    }
}

/// Evaluates the report at `src` and checks that the fonts can print every character: all
/// that `build` refuses, so that `check` finds it too.
pub fn evaluate_printable(src: &Path, typesetter: &Typesetter) -> Result<Evaluated, LoadError> {
    let mut evaluated = evaluate_path(src)?;
    if let Some(outcome) = &evaluated.outcome {
        let report = &outcome.report;
        let form_texts = report.own.form().printed_texts();
        let missing = check_glyphs(report, form_texts, &evaluated.files, typesetter);
        evaluated.diagnostics.extend(missing);
        evaluated.diagnostics = std::mem::take(&mut evaluated.diagnostics).sorted();
    }
    Ok(evaluated)
}

/// The PDF's title, author and date, from the document: the same on every build of the same
/// sources (never today's date).
pub fn pdf_meta(document: &Document, pdf_a: bool) -> PdfMeta {
    PdfMeta {
        title: document.unit.full_title.clone(),
        author: document.unit.name.clone(),
        date: (
            document.unit.date.year,
            document.unit.date.month,
            document.unit.date.day,
        ),
        pdf_a,
    }
}

/// The built-in templates of every form, with those of `--templates` on top.
pub fn templates(options: &BuildOptions) -> Result<TemplateSet, BuildError> {
    let forms = form::templates();
    match &options.templates {
        Some(dir) => {
            TemplateSet::with_overrides(&forms, dir, &options.limits).map_err(BuildError::Templates)
        }
        None => Ok(TemplateSet::built_in(&forms)),
    }
}

/// The document the report's form prints of it.
pub fn document(outcome: &Outcome) -> Document {
    outcome.report.own.form().document(outcome)
}

/// Builds the report at `src` with an existing typesetter (fonts stay loaded between builds).
pub fn build(
    src: &Path,
    options: &BuildOptions,
    typesetter: &Typesetter,
) -> Result<Built, BuildError> {
    let templates = templates(options)?;
    let evaluated = evaluate_printable(src, typesetter).map_err(BuildError::Load)?;
    let Some(outcome) = evaluated.clean_outcome() else {
        return Err(BuildError::Report(Box::new(evaluated)));
    };
    let document = document(outcome);
    let typst_source =
        render_within(&document, &templates, &options.limits).map_err(BuildError::Render)?;
    let meta = pdf_meta(&document, options.pdf_a);
    let Compiled {
        pdf,
        pages,
        warnings,
    } = typesetter
        .compile_pdf_within(&typst_source, &templates.files, &meta, &options.limits)
        .map_err(|error| typeset_error(error, &typst_source, &templates))?;
    Ok(Built {
        total: document.card.total.clone(),
        evaluated,
        typst_source,
        pdf,
        pages,
        typst_warnings: warnings,
    })
}
