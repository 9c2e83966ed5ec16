//! The check every form makes of a text that must not be left empty.

use crate::diagnostic::Diagnostic;
use crate::located::At;

/// An error when `text` is blank: `what` names it, `example` shows how it is filled in.
pub fn empty_text(what: &str, text: &At<String>, example: &str) -> Option<Diagnostic> {
    text.value.trim().is_empty().then(|| {
        Diagnostic::error(format!("{what}是空的"))
            .at(text.span)
            .help(format!("填写{what}，如「{example}」"))
    })
}
