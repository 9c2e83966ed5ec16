//! Typst diagnostics rendered as text, and the warnings this tool treats as errors.

use typst::diag::{Severity, SourceDiagnostic};
use typst_kit::diagnostics::termcolor::NoColor;
use typst_kit::diagnostics::{DiagnosticFormat, DiagnosticWorld, emit};

const UNKNOWN_FONT_FAMILY: &str = "unknown font family: ";

/// Renders diagnostics as typst-cli prints them (file:line:col, the source line), without colour.
pub(super) fn render(world: &dyn DiagnosticWorld, diagnostics: &[SourceDiagnostic]) -> String {
    let mut out = NoColor::new(Vec::new());
    if emit(&mut out, world, diagnostics, DiagnosticFormat::Human).is_err() {
        return plain(diagnostics);
    }
    String::from_utf8_lossy(&out.into_inner())
        .trim_end()
        .to_string()
}

// Used when a span cannot be resolved to a source line.
fn plain(diagnostics: &[SourceDiagnostic]) -> String {
    let lines: Vec<String> = diagnostics
        .iter()
        .map(|diag| {
            let level = match diag.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            format!("{level}: {}", diag.message)
        })
        .collect();
    lines.join("\n")
}

/// The family named by an "unknown font family" warning, if it is one.
pub(super) fn unknown_font_family(diagnostic: &SourceDiagnostic) -> Option<&str> {
    diagnostic.message.strip_prefix(UNKNOWN_FONT_FAMILY)
}
