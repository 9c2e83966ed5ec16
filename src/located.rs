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
