//! Which characters a role's fallback chain cannot print.

use std::collections::HashSet;

use typst::text::{FontBook, FontVariant};

use super::role::FontRole;

/// Characters of `text` that no family of `role`'s chain has a glyph for, in
/// order of first appearance, each once. A family counts through the face Typst
/// picks for regular upright text. Whitespace and control characters are skipped.
pub(super) fn missing_glyphs(book: &FontBook, role: FontRole, text: &str) -> Vec<char> {
    let faces: Vec<usize> = role
        .families()
        .iter()
        .filter_map(|family| book.select(&family.to_lowercase(), FontVariant::default()))
        .collect();
    let mut seen = HashSet::new();
    let mut missing = Vec::new();
    for c in text.chars() {
        if is_invisible(c) || !seen.insert(c) {
            continue;
        }
        let covered = faces
            .iter()
            .filter_map(|&index| book.info(index))
            .any(|info| info.coverage.contains(c as u32));
        if !covered {
            missing.push(c);
        }
    }
    missing
}

fn is_invisible(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}
