//! How tall an annex row must be for the labels that start on it: the goal, 一级 and 二级
//! labels are printed over their rows, not in them (see `goal-labels` in style.typ.j2), so the
//! first row of a group is made as tall as its label needs. Computed here from the texts, as
//! Typst breaks them in the table's 五号 type, so that the template measures nothing.
//!
//! The model: FandolFang's advances (Chinese characters and full-width signs 1 em, digits
//! 0.5 em), a quarter em between Chinese and Latin letters or digits (Typst's
//! `cjk-latin-spacing`), half the width of an opening sign at a line's start or a closing
//! one at its end trimmed (Typst's punctuation adjustment for Chinese), breaks between any two
//! Chinese characters but never after an opening sign, before a closing one or inside a Latin
//! word, and each line filled as far as it goes (cells are not justified).

/// 五号.
const FONT_SIZE: f64 = 10.5;
/// Line box (FandolFang's ascender to descender, 1 em) and leading (0.4 em) of table text.
const LINE: f64 = FONT_SIZE;
const LEADING: f64 = 0.4 * FONT_SIZE;
/// The cells' padding: 3 pt left and right, 5 pt above and below.
const INSET_X: f64 = 3.0;
const INSET_Y: f64 = 5.0;
const MM: f64 = 72.0 / 25.4;

/// Widths of the goal, 一级 and 二级 columns, and of the goal's name row (the page's text
/// width, 156 mm, less the goal column), as annex.typ.j2 sets them.
pub const GOAL_COLUMN: f64 = 13.0 * MM;
pub const LEVEL1_COLUMN: f64 = 14.0 * MM;
pub const LEVEL2_COLUMN: f64 = 17.0 * MM;
pub const NAME_ROW: f64 = (156.0 - 13.0) * MM;

/// Latin runs longer than this break anywhere (see `document::cells::breakable`).
const LONGEST_UNBROKEN_RUN: usize = 12;

/// The height, in points, of a cell of `width` points holding `text`.
pub fn cell_height(text: &str, width: f64) -> f64 {
    let lines = line_count(text, (width - 2.0 * INSET_X) / FONT_SIZE) as f64;
    lines * LINE + (lines - 1.0).max(0.0) * LEADING + 2.0 * INSET_Y
}

/// A length for Typst, rounded up to a hundredth of a point.
pub fn points(length: f64) -> String {
    format!("{:.2}pt", (length * 100.0 - 1e-6).ceil().max(0.0) / 100.0)
}

fn is_opening(c: char) -> bool {
    "（《「『【〔“‘".contains(c)
}

fn is_closing(c: char) -> bool {
    "）》」』】〕”’，。、：；！？".contains(c)
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
        || "“”‘’".contains(c)
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// Advance in em.
fn advance(c: char) -> f64 {
    match c {
        c if is_wide(c) => 1.0,
        '0'..='9' => 0.5,
        '.' | ',' | ':' | ';' | '!' | '|' | 'i' | 'j' | 'l' | 'I' => 0.28,
        ' ' => 0.25,
        '%' => 0.84,
        'm' | 'w' | 'M' | 'W' => 0.85,
        c if c.is_ascii_uppercase() => 0.72,
        _ => 0.55,
    }
}

/// The unbreakable pieces of `text`, each with its width in em (spacing included).
fn pieces(text: &str) -> Vec<(f64, char, char)> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_control()).collect();
    let mut run_lengths = vec![0; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii() && !chars[i].is_whitespace() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii() && !chars[i].is_whitespace() {
                i += 1;
            }
            for length in &mut run_lengths[start..i] {
                *length = i - start;
            }
        } else {
            i += 1;
        }
    }
    let mut result: Vec<(f64, char, char)> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let mut width = advance(c);
        let breaks_before = match i.checked_sub(1).map(|j| chars[j]) {
            None => true,
            Some(prev) => {
                let spacing = (is_han(prev) && is_latin(c)) || (is_latin(prev) && is_han(c));
                if spacing {
                    width += 0.25;
                }
                let in_word = prev.is_ascii()
                    && c.is_ascii()
                    && !prev.is_whitespace()
                    && !c.is_whitespace()
                    && run_lengths[i] <= LONGEST_UNBROKEN_RUN;
                !(is_opening(prev) || is_closing(c) || in_word || c.is_whitespace())
            }
        };
        match result.last_mut() {
            Some(last) if !breaks_before => {
                last.0 += width;
                last.2 = c;
            }
            _ => result.push((width, c, c)),
        }
    }
    result
}

/// How many lines `text` takes in a line of `width` em.
pub fn line_count(text: &str, width: f64) -> usize {
    let mut lines = 0;
    let mut used = 0.0;
    let trim_start = |first: char| if is_opening(first) { 0.5 } else { 0.0 };
    let trim_end = |last: char| if is_closing(last) { 0.5 } else { 0.0 };
    for (piece, first, last) in pieces(text) {
        if lines > 0 && used + piece - trim_end(last) <= width + 1e-6 {
            used += piece;
        } else {
            lines += 1;
            used = piece - trim_start(first);
        }
    }
    lines.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_wrap_as_in_their_columns() {
        let goal = (GOAL_COLUMN - 2.0 * INSET_X) / FONT_SIZE;
        let level1 = (LEVEL1_COLUMN - 2.0 * INSET_X) / FONT_SIZE;
        let level2 = (LEVEL2_COLUMN - 2.0 * INSET_X) / FONT_SIZE;
        assert_eq!(line_count("产出指标", level1), 2);
        assert_eq!(line_count("数量指标", level2), 1);
        assert_eq!(line_count("服务对象满意度指标", level2), 3);
        assert_eq!(line_count("年度目标1（11.00分）", goal), 4);
        assert_eq!(line_count("", goal), 1);
    }

    #[test]
    fn heights_count_lines_leading_and_padding() {
        assert!((cell_height("数量指标", LEVEL2_COLUMN) - 20.5).abs() < 1e-9);
        assert_eq!(points(20.5), "20.50pt");
        assert_eq!(points(-3.0), "0.00pt");
    }
}
