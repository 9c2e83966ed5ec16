//! The cells of the tables every form prints: amounts as 13,581.29, the groups of merged 一级
//! and 二级 cells, and long Latin runs given places to break.

use rust_decimal::Decimal;

use super::paragraphs::paragraphs;
use crate::scoring::cells::IndicatorCells;
use crate::scoring::score::two_decimals;

/// 13581.29 → "13,581.29"
pub fn money(amount: Decimal) -> String {
    let fixed = two_decimals(amount);
    let (sign, digits) = fixed
        .strip_prefix('-')
        .map_or(("", fixed.as_str()), |d| ("-", d));
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "00"));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{fraction}")
}

/// An indicator's cells as a table prints them: 三级指标, the target and the actual value
/// given places to break (see [`breakable`]).
pub(crate) fn breakable_cells(cells: &IndicatorCells) -> IndicatorCells {
    IndicatorCells {
        name: breakable(&cells.name),
        target: breakable(&cells.target),
        actual: breakable(&cells.actual),
        ..cells.clone()
    }
}

/// Whether an indicator's row is surely short, a fraction of a page: its texts fill at most
/// ten lines of their cells (the 三级指标 cell holds about twelve characters a line, the
/// narrow target and actual cells about four).
pub(crate) fn fits_a_few_lines(indicator: &IndicatorCells) -> bool {
    let chars = |text: &str| text.chars().count();
    chars(&indicator.name) <= 120
        && chars(&indicator.target) <= 40
        && chars(&indicator.actual) <= 40
}

/// Numbers consecutive runs of the same 一级 (then 二级) name; a new goal starts new runs.
#[derive(Default)]
pub(crate) struct GroupNumbers {
    level1: usize,
    level2: usize,
    last: Option<(String, String)>,
}

impl GroupNumbers {
    pub(crate) fn next(&mut self, indicator: &IndicatorCells) -> (usize, usize) {
        let (same_level1, same_level2) = match &self.last {
            Some((l1, l2)) => (*l1 == indicator.level1, *l2 == indicator.level2),
            None => (false, false),
        };
        if !same_level1 {
            self.level1 += 1;
        }
        if !same_level1 || !same_level2 {
            self.level2 += 1;
        }
        self.last = Some((indicator.level1.clone(), indicator.level2.clone()));
        (self.level1, self.level2)
    }

    pub(crate) fn new_goal(&mut self) {
        self.last = None;
    }
}

/// The spans of merged 一级 and 二级 cells from each row's (一级, 二级) group numbers: on the
/// first row of a group the number of its rows, elsewhere 0.
pub(crate) fn group_spans(groups: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut spans = vec![(0, 0); groups.len()];
    let (mut start1, mut start2) = (0, 0);
    for end in 1..=groups.len() {
        if end == groups.len() || groups[end].0 != groups[start1].0 {
            spans[start1].0 = end - start1;
            start1 = end;
        }
        if end == groups.len() || groups[end].1 != groups[start2].1 {
            spans[start2].1 = end - start2;
            start2 = end;
        }
    }
    spans
}

/// Runs of Latin letters, digits and signs longer than this get a break opportunity between
/// every two characters: no annex cell holds more than about this many on a line, and shorter
/// runs (numbers with their units, `≥95%`) should stay whole.
const LONGEST_UNBROKEN_RUN: usize = 12;

/// `text` with a zero-width space between the characters of every run of non-CJK,
/// non-space characters longer than [`LONGEST_UNBROKEN_RUN`], so that a URL or a long
/// word wraps inside its cell instead of running over the next one.
pub fn breakable(text: &str) -> String {
    let mut result = String::with_capacity(text.len());
    let mut run: Vec<char> = Vec::new();
    for c in text.chars() {
        if c.is_whitespace() || is_cjk(c) {
            push_run(&mut result, &run);
            run.clear();
            result.push(c);
        } else {
            run.push(c);
        }
    }
    push_run(&mut result, &run);
    result
}

fn push_run(result: &mut String, run: &[char]) {
    let long = run.len() > LONGEST_UNBROKEN_RUN;
    for (i, c) in run.iter().enumerate() {
        if long && i > 0 {
            result.push('\u{200B}');
        }
        result.push(*c);
    }
}

/// Characters between which Chinese text breaks anyway (ideographs, kana, full-width forms,
/// CJK punctuation).
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// The paragraphs of a block text, a URL or long word in each given places to break (see
/// [`breakable`]): in a table cell or on the page, it wraps instead of running over the edge.
pub(crate) fn breakable_paragraphs(text: &str) -> Vec<String> {
    paragraphs(text).iter().map(|p| breakable(p)).collect()
}
