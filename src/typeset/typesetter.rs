//! The long-lived typesetter: fonts and standard library, built once.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use typst::diag::{Severity, SourceDiagnostic, Warned};
use typst::syntax::Source;
use typst::utils::LazyHash;
use typst::{Library, LibraryExt};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use super::coverage;
use super::diagnostics::{render, unknown_font_family};
use super::error::TypesetError;
use super::files::{MAIN_PATH, VirtualFiles, project_file_id};
use super::fonts::load_fonts;
use super::pdf::{Compiled, PdfMeta};
use super::role::FontRole;
use super::world::DocumentWorld;
use crate::limits::{Limits, Stage};

/// Memoised results not used in this many compilations are dropped (as `typst watch` does), so
/// that a long-running `watch` or a folder of reports does not grow without bound.
const CACHE_MAX_AGE: usize = 10;

/// Holds the font book and lazily loaded faces; build once, reuse for many compilations.
pub struct Typesetter {
    fonts: FontStore,
    library: LazyHash<Library>,
    /// Compilations started: each one after the first evicts Typst's old memoised results
    /// first. A single build has none to evict and skips that walk over the cache.
    compilations: AtomicUsize,
}

impl Typesetter {
    /// Fonts embedded in the binary, then the fonts found below `extra_font_dirs`
    /// (read into memory now; the file system is not touched afterwards). No system fonts.
    pub fn new(extra_font_dirs: &[PathBuf]) -> Result<Typesetter, TypesetError> {
        Ok(Typesetter {
            fonts: load_fonts(extra_font_dirs)?,
            library: LazyHash::new(Library::default()),
            compilations: AtomicUsize::new(0),
        })
    }

    /// Characters of `text` that no font of `role`'s chain has a glyph for
    /// (whitespace and control characters ignored), in order of first appearance, once each.
    pub fn missing_glyphs(&self, role: FontRole, text: &str) -> Vec<char> {
        coverage::missing_glyphs(self.fonts.book(), role, text)
    }

    /// Family names of every loaded face, sorted and deduplicated (for `--list-fonts`-like output).
    pub fn font_families(&self) -> Vec<String> {
        self.fonts
            .book()
            .families()
            .map(|(family, _)| family.to_string())
            .collect()
    }

    /// Compiles `main` (the markup of /main.typ) to a PDF. `files` maps virtual paths such
    /// as "/style.typ" (or "style.typ") to their bytes and is all the document can read
    /// besides /main.typ; an entry for "/main.typ" itself is shadowed by `main`.
    pub fn compile_pdf(
        &self,
        main: &str,
        files: &BTreeMap<String, Vec<u8>>,
        meta: &PdfMeta,
    ) -> Result<Compiled, TypesetError> {
        self.compile_document(main, files, meta)?.export_pdf()
    }

    /// [`Typesetter::compile_pdf`] with the layout and the export each watched by `limits`.
    pub fn compile_pdf_within(
        &self,
        main: &str,
        files: &BTreeMap<String, Vec<u8>>,
        meta: &PdfMeta,
        limits: &Limits,
    ) -> Result<Compiled, TypesetError> {
        let laid_out = {
            let _watch = limits.watch(Stage::Layout);
            self.compile_document(main, files, meta)?
        };
        let _watch = limits.watch(Stage::Pdf);
        laid_out.export_pdf()
    }

    /// The first half of [`Typesetter::compile_pdf`]: lays the document out (with the same
    /// inputs and checks) but does not export it; [`LaidOut::export_pdf`] is the second half.
    pub fn compile_document(
        &self,
        main: &str,
        files: &BTreeMap<String, Vec<u8>>,
        meta: &PdfMeta,
    ) -> Result<LaidOut<'_>, TypesetError> {
        let today = meta.day()?;
        let options = meta.pdf_options()?;
        let main = Source::new(project_file_id(MAIN_PATH)?, main.to_string());
        let files = VirtualFiles::new(files)?;
        let world = DocumentWorld::new(&self.library, &self.fonts, main, files, today);

        if self.compilations.fetch_add(1, Ordering::Relaxed) > 0 {
            typst::comemo::evict(CACHE_MAX_AGE);
        }
        let (mut document, warnings) = layout(&world)?;
        meta.fill_document_info(document.info_mut());
        Ok(LaidOut {
            world,
            options,
            document,
            warnings,
        })
    }
}

/// A document laid out by [`Typesetter::compile_document`], not yet exported.
pub struct LaidOut<'a> {
    // Kept to place the export's errors in the sources.
    world: DocumentWorld<'a>,
    options: PdfOptions,
    document: PagedDocument,
    warnings: Vec<String>,
}

impl LaidOut<'_> {
    /// The laid-out pages, with the document information filled in from [`PdfMeta`].
    pub fn document(&self) -> &PagedDocument {
        &self.document
    }

    /// Typst warnings, rendered as typst-cli prints them.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Exports the PDF (reproducible bytes, as [`Typesetter::compile_pdf`] writes them).
    pub fn export_pdf(self) -> Result<Compiled, TypesetError> {
        let pdf = typst_pdf::pdf(&self.document, &self.options).map_err(|errors| {
            TypesetError::Typst {
                report: render(&self.world, &errors),
            }
        })?;
        Ok(Compiled {
            pdf,
            pages: self.document.pages().len(),
            warnings: self.warnings,
        })
    }
}

/// Lays the document out; an unknown font family counts as an error.
fn layout(world: &DocumentWorld) -> Result<(PagedDocument, Vec<String>), TypesetError> {
    let Warned { output, warnings } = typst::compile::<PagedDocument>(world);
    let document = match output {
        Ok(document) => document,
        Err(errors) => {
            let all: Vec<SourceDiagnostic> = errors.iter().chain(&warnings).cloned().collect();
            return Err(TypesetError::Typst {
                report: render(world, &all),
            });
        }
    };
    let families = unknown_families(&warnings);
    if !families.is_empty() {
        return Err(TypesetError::UnknownFontFamily {
            families,
            report: render(world, &font_warnings_as_errors(&warnings)),
        });
    }
    let rendered = warnings
        .iter()
        .map(|warning| render(world, std::slice::from_ref(warning)))
        .collect();
    Ok((document, rendered))
}

fn unknown_families(warnings: &[SourceDiagnostic]) -> Vec<String> {
    let mut families: Vec<String> = Vec::new();
    for family in warnings.iter().filter_map(unknown_font_family) {
        if !families.iter().any(|known| known == family) {
            families.push(family.to_string());
        }
    }
    families
}

// They stop the compilation here, so they are shown as errors; other warnings stay warnings.
fn font_warnings_as_errors(warnings: &[SourceDiagnostic]) -> Vec<SourceDiagnostic> {
    let (fonts, others): (Vec<_>, Vec<_>) = warnings
        .iter()
        .cloned()
        .partition(|warning| unknown_font_family(warning).is_some());
    let as_errors = fonts.into_iter().map(|warning| SourceDiagnostic {
        severity: Severity::Error,
        ..warning
    });
    as_errors.chain(others).collect()
}
