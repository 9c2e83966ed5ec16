//! Typesetting back end: Typst markup and the embedded fonts in, PDF out.
//!
//! Hermetic by construction: a document reads only the files handed to
//! [`Typesetter::compile_pdf`], fonts come from the binary and `--font-path`,
//! packages are refused, and the date comes from [`PdfMeta`].

mod coverage;
mod diagnostics;
mod error;
mod files;
mod fonts;
mod pdf;
mod role;
mod typesetter;
mod world;

pub use error::TypesetError;
pub use pdf::{Compiled, PdfMeta};
pub use role::FontRole;
pub use typesetter::{LaidOut, Typesetter};

/// File names (in `fonts/`) of the fonts compiled into the binary.
pub fn embedded_font_files() -> impl Iterator<Item = &'static str> {
    fonts::EMBEDDED.iter().map(|font| font.file)
}

/// The fonts compiled into the binary, by file name and contents: what `jixiao fonts` writes.
pub fn embedded_fonts() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    fonts::EMBEDDED.iter().map(|font| (font.file, font.data))
}
