//! Helpers for the loading tests: fixtures under `tests/fixtures/load/`, and a message as a
//! user reads it (where it points, what it underlines, what it says, what it suggests).

use std::path::{Path, PathBuf};

use jixiao::{Diagnostic, Evaluated, SourceFiles, Span};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/load")
        .join(name)
}

/// Loads, checks and scores a fixture (a file or a folder).
pub fn evaluate(name: &str) -> Evaluated {
    match jixiao::evaluate_path(&fixture(name)) {
        Ok(evaluated) => evaluated,
        Err(error) => panic!("{name} could not be read: {error}"),
    }
}

/// `file:line:column` of a span, the file relative to the fixtures folder.
pub fn place(files: &SourceFiles, span: Span) -> String {
    let path = files.path(span.file);
    let root = fixture("");
    let relative = path.strip_prefix(&root).unwrap_or(path);
    format!("{}:{}:{}", relative.display(), span.line, span.column)
}

/// The source text a span underlines.
pub fn underlined(files: &SourceFiles, span: Span) -> &str {
    files
        .text(span.file)
        .get(span.start..span.start + span.len)
        .unwrap_or_else(|| panic!("span {span:?} is not inside its file"))
}

/// One message as the user sees it.
#[derive(Debug)]
pub struct Seen {
    /// `file:line:column`
    pub at: String,
    /// The text under the carets.
    pub underlined: String,
    pub message: String,
    pub help: String,
    /// `file:line:column` and note of each other place the message points to.
    pub related: Vec<(String, String)>,
    /// The whole message as `jixiao check` prints it.
    pub rendered: String,
}

pub fn seen(files: &SourceFiles, diagnostic: &Diagnostic) -> Seen {
    let span = diagnostic
        .span
        .unwrap_or_else(|| panic!("message without a place: {diagnostic:?}"));
    Seen {
        at: place(files, span),
        underlined: underlined(files, span).to_string(),
        message: diagnostic.message.clone(),
        help: diagnostic.help.clone().unwrap_or_default(),
        related: diagnostic
            .related
            .iter()
            .map(|(span, note)| (place(files, *span), note.clone()))
            .collect(),
        rendered: diagnostic.render(files),
    }
}

/// The one error of a fixture; fails, showing all messages, when there is not exactly one.
pub fn the_error(name: &str) -> Seen {
    let evaluated = evaluate(name);
    let errors: Vec<&Diagnostic> = evaluated.diagnostics.errors().collect();
    assert_eq!(
        errors.len(),
        1,
        "{name}: expected exactly one error, got:\n{}",
        evaluated.diagnostics.render(&evaluated.files)
    );
    seen(&evaluated.files, errors[0])
}

/// Asserts that `text` contains each of `parts`, showing the text when it does not.
#[track_caller]
pub fn assert_contains(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "「{part}」 not found in:\n{text}");
    }
}
