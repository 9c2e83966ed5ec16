//! Values that remember where they were written.

use std::cell::Cell;
use std::fmt;

use serde::{Deserialize, Deserializer};

use crate::diagnostic::{FileId, Span};

thread_local! {
    // serde's derive cannot pass context down to nested values, and the YAML parser does not
    // know which of the report's files it is reading: the loader says so here, around each parse.
    static CURRENT_FILE: Cell<FileId> = const { Cell::new(0) };
}

/// Runs `parse` with every [`At`] it creates pointing into `file`.
pub fn parsing_file<R>(file: FileId, parse: impl FnOnce() -> R) -> R {
    let previous = CURRENT_FILE.with(|current| current.replace(file));
    let result = parse();
    CURRENT_FILE.with(|current| current.set(previous));
    result
}

pub(crate) fn current_file() -> FileId {
    CURRENT_FILE.with(Cell::get)
}

pub(crate) fn span_of(location: &serde_saphyr::Location) -> Span {
    let span = location.span();
    Span {
        file: current_file(),
        line: location.line() as usize,
        column: location.column() as usize,
        start: span.byte_offset().unwrap_or(0) as usize,
        len: span.byte_len().unwrap_or(0) as usize,
    }
}

/// Like [`span_of`], for the place of an error in `text`: syntax errors only know their line
/// and column, the start of a list or mapping has no length; such a span covers one character.
pub(crate) fn span_in(location: &serde_saphyr::Location, text: &str) -> Span {
    let span = span_of(location);
    let start = match location.span().byte_offset() {
        Some(_) => span.start,
        None => byte_offset(text, span.line, span.column),
    };
    let len = match location.span().byte_len() {
        Some(len) if len > 0 => span.len,
        _ => text
            .get(start..)
            .and_then(|rest| rest.chars().next())
            .filter(|c| *c != '\n' && *c != '\r')
            .map_or(0, char::len_utf8),
    };
    Span { start, len, ..span }
}

/// The byte offset of 1-based `line` and character `column` in `text` (clamped to the line).
pub(crate) fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = text.get(line_start..).unwrap_or("");
    let line_text = rest.split('\n').next().unwrap_or("");
    let within = line_text
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_text.len(), |(offset, _)| offset);
    line_start + within
}

/// A value with the place in the sources where it was written.
#[derive(Clone, PartialEq, Eq)]
pub struct At<T> {
    pub value: T,
    pub span: Span,
}

impl<T> At<T> {
    pub fn new(value: T, span: Span) -> Self {
        At { value, span }
    }
}

impl<T> std::ops::Deref for At<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: fmt::Debug> fmt::Debug for At<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for At<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        Ok(At {
            span: span_of(&spanned.referenced),
            value: spanned.value,
        })
    }
}
