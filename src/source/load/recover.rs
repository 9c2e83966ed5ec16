//! Reading on after a mistake, as a compiler does: when the typed reading of a file stops at a
//! wrong value or an unknown key, that entry (the `key: value` pair or list item, with what is
//! nested under it) is blanked out and the file read again, until it reads or nothing is left
//! to blank. Blanking keeps every byte offset, so later messages point at the original text.
//!
//! An error inside an entry that was already blanked in part (the 「三级指标」 missing because it
//! was misspelt, a list left empty) is of our making and is not reported.

use std::ops::Range;

use serde_saphyr::Error;

use crate::diagnostic::{Diagnostic, FileId, Span};
use crate::source::yaml_error::translate;

/// At most this many readings of one file: bounds the time a file of many mistakes can take.
const MAX_READINGS: usize = 50;

/// Parses `text` with `parse`, reading on after each mistake. `known` are mistakes already
/// found in the lines themselves: their entries are blanked first, and what follows from them
/// is not reported again. Gives every mistake found, `known` first, and the value read from
/// what is left of the text (none when nothing readable was left).
pub(super) fn parse_reading_on<T>(
    file: FileId,
    text: &str,
    known: Vec<Diagnostic>,
    parse: impl Fn(&str) -> Result<T, Error>,
) -> (Option<T>, Vec<Diagnostic>) {
    let mut masked = text.to_string();
    let mut blanked: Vec<Range<usize>> = Vec::new();
    for span in known.iter().filter_map(|problem| problem.span) {
        if let Some(entry) = entry_at(&masked, span)
            && blank(&mut masked, &entry)
        {
            blanked.push(entry);
        }
    }
    let mut problems = known;
    for _ in 0..MAX_READINGS {
        let error = match parse(&masked) {
            Ok(value) => return (Some(value), problems),
            Err(error) => error,
        };
        if !blanked.is_empty() && ends_reading(&error) {
            break;
        }
        let diagnostic = translate(&error, file, &masked);
        let entry = diagnostic
            .span
            .and_then(|span| entry_of(&error, &masked, span));
        let ours = entry
            .as_ref()
            .is_some_and(|entry| blanked.iter().any(|done| overlaps(done, entry)));
        if !ours {
            problems.push(diagnostic);
        }
        match entry {
            Some(entry) if blank(&mut masked, &entry) => blanked.push(entry),
            _ => break,
        }
    }
    (None, problems)
}

/// Errors after which reading on is no use: the text itself broken (by our blanking, since
/// syntax is checked before), or the parser's budget spent.
fn ends_reading(error: &Error) -> bool {
    matches!(
        error.without_snippet(),
        Error::ExternalMessage { .. } | Error::Budget { .. } | Error::Eof { .. }
    )
}

/// The entry an error is about. A missing key, or a value of the wrong shape reported where a
/// mapping or list starts, is about the entry holding that mapping or list; anything else is
/// about the innermost entry at its place.
fn entry_of(error: &Error, text: &str, span: Span) -> Option<Range<usize>> {
    let about_a_key = matches!(
        error.without_snippet(),
        Error::SerdeUnknownField { .. } | Error::DuplicateMappingKey { .. }
    );
    let missing = matches!(error.without_snippet(), Error::SerdeMissingField { .. });
    if missing || (!about_a_key && starts_an_entry(text, span)) {
        enclosing_entry(text, span)
    } else {
        entry_at(text, span)
    }
}

/// Whether `span` points at a key or a `- ` marker: the start of a mapping or list.
fn starts_an_entry(text: &str, span: Span) -> bool {
    let lines = lines(text);
    span.line
        .checked_sub(1)
        .and_then(|index| lines.get(index))
        .is_some_and(|line| {
            line.entry_starts()
                .iter()
                .any(|(column, _)| column + 1 == span.column)
        })
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Replaces the entry's text by spaces, keeping line breaks; false when it held nothing.
fn blank(text: &mut String, entry: &Range<usize>) -> bool {
    let Some(part) = text.get(entry.clone()) else {
        return false;
    };
    if part.trim().is_empty() {
        return false;
    }
    let spaces: String = part
        .bytes()
        .map(|b| {
            if b == b'\n' || b == b'\r' {
                b as char
            } else {
                ' '
            }
        })
        .collect();
    text.replace_range(entry.clone(), &spaces);
    true
}

/// One line of the text: where it starts and what it holds, without its line break.
struct Line<'a> {
    start: usize,
    text: &'a str,
}

impl Line<'_> {
    fn is_content(&self) -> bool {
        let content = self.text.trim();
        !content.is_empty() && !content.starts_with('#')
    }

    fn indent(&self) -> usize {
        self.text.chars().take_while(|c| *c == ' ').count()
    }

    /// Where entries start on this line, as (character column, byte offset in the line): each
    /// `- ` list marker, then the key of a `key: value` pair.
    fn entry_starts(&self) -> Vec<(usize, usize)> {
        let mut starts = Vec::new();
        let mut column = self.indent();
        let mut rest = &self.text[column..];
        while rest.starts_with("- ") || rest == "-" {
            starts.push((column, self.text.len() - rest.len()));
            let after = rest[1..].trim_start_matches(' ');
            column += rest.len() - after.len();
            rest = after;
        }
        if is_key(rest) {
            starts.push((column, self.text.len() - rest.len()));
        }
        starts
    }
}

fn is_key(content: &str) -> bool {
    !content.starts_with(['"', '\'', '#', '{', '[', '|', '>'])
        && (content.contains(": ") || content.trim_end().ends_with(':'))
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut start = 0;
    text.split_inclusive('\n')
        .map(|raw| {
            let line = Line {
                start,
                text: raw.trim_end_matches(['\n', '\r']),
            };
            start += raw.len();
            line
        })
        .collect()
}

/// The innermost entry holding the place of `span`.
fn entry_at(text: &str, span: Span) -> Option<Range<usize>> {
    let lines = lines(text);
    let index = span.line.checked_sub(1)?;
    let line = lines.get(index)?;
    let column = span.column.saturating_sub(1);
    if let Some(start) = line.entry_starts().into_iter().rfind(|(c, _)| *c <= column) {
        return Some(extent(&lines, index, start));
    }
    parent_entry(&lines, index, line.indent())
}

/// The entry whose value is the mapping that starts at `span`: the list item it is, or the key
/// it is written under.
fn enclosing_entry(text: &str, span: Span) -> Option<Range<usize>> {
    let lines = lines(text);
    let index = span.line.checked_sub(1)?;
    let line = lines.get(index)?;
    let column = span.column.saturating_sub(1);
    let item = line.entry_starts().into_iter().rfind(|(c, _)| *c < column);
    match item {
        Some(start) => Some(extent(&lines, index, start)),
        None => parent_entry(&lines, index, column),
    }
}

/// The innermost entry of the lines above `index` that starts left of `column`.
fn parent_entry(lines: &[Line], index: usize, column: usize) -> Option<Range<usize>> {
    (0..index).rev().find_map(|above| {
        let line = &lines[above];
        if !line.is_content() || line.indent() >= column {
            return None;
        }
        let start = line
            .entry_starts()
            .into_iter()
            .rfind(|(c, _)| *c < column)?;
        Some(extent(lines, above, start))
    })
}

/// The bytes of the entry starting at `start` of line `index`: the rest of that line and every
/// following line nested under it (further right, or a `- ` list at the same column under a
/// key).
fn extent(lines: &[Line], index: usize, (column, offset): (usize, usize)) -> Range<usize> {
    let line = &lines[index];
    let is_item = line.text[offset..].starts_with('-');
    let begin = line.start + offset;
    let end = lines[index + 1..]
        .iter()
        .find(|next| {
            next.is_content()
                && (next.indent() < column
                    || (next.indent() == column
                        && (is_item || !next.text.trim_start().starts_with('-'))))
        })
        .map_or_else(
            || {
                lines
                    .last()
                    .map_or(begin, |last| last.start + last.text.len())
            },
            |next| next.start,
        );
    begin..end.max(begin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(line: usize, column: usize) -> Span {
        Span {
            file: 0,
            line,
            column,
            start: 0,
            len: 0,
        }
    }

    const ITEMS: &str =
        "指标:\n  - 三级指标: a\n    分值: 1\n    说明: |\n      长\n  - 三级指标: b\n";

    #[test]
    fn a_key_entry_takes_what_is_nested_under_it() {
        let entry = entry_at(ITEMS, span(4, 5)).unwrap();
        assert_eq!(&ITEMS[entry], "说明: |\n      长\n");
    }

    #[test]
    fn a_value_on_a_continuation_line_belongs_to_its_key() {
        let entry = entry_at(ITEMS, span(5, 7)).unwrap();
        assert_eq!(&ITEMS[entry], "说明: |\n      长\n");
    }

    #[test]
    fn a_mapping_that_lacks_a_key_is_its_whole_list_item() {
        let entry = enclosing_entry(ITEMS, span(2, 5)).unwrap();
        assert!(ITEMS[entry].starts_with("- 三级指标: a\n"));
    }

    #[test]
    fn a_mapping_under_a_key_is_that_key_with_its_value() {
        let text = "预算:\n  分值: 1\n年度: 2022\n";
        let entry = enclosing_entry(text, span(2, 3)).unwrap();
        assert_eq!(&text[entry], "预算:\n  分值: 1\n");
    }

    #[test]
    fn blanking_keeps_every_byte_offset_and_line() {
        let mut text = ITEMS.to_string();
        let entry = entry_at(ITEMS, span(3, 5)).unwrap();
        assert!(blank(&mut text, &entry));
        assert_eq!(text.len(), ITEMS.len());
        assert_eq!(text.lines().count(), ITEMS.lines().count());
        assert!(!text.contains("分值"));
    }
}
