//! The words of the national table's header and label cells, and the column widths they need:
//! a cell breaks only between its words (年度/指标值, 服务对象/满意度/指标), so each column is at
//! least as wide as its longest word. Widths are estimated from the characters at 五号 (10.5pt):
//! a Chinese or full-width character is one em, any other about half of one.

/// Tenths of a point per em of 五号 text.
const EM: u32 = 105;
/// Tenths of a point of a Latin letter, digit or sign (a little over half an em).
const NARROW: u32 = 58;
/// Tenths of a point around a cell's text: the 3pt inset on either side and a margin.
const PADDING: u32 = 75;
/// Tenths of a point in a hundred millimetres.
const PER_100_MM: u32 = 2835;

/// The header words of the indicator table's columns, one list a column (the 三级指标 column is
/// left to its fraction of the width).
pub const INDICATOR_HEADER: [&[&str]; 9] = [
    &["绩效", "指标"],
    &["一级", "指标"],
    &["二级", "指标"],
    &["三级指标"],
    &["年度", "指标值"],
    &["实际", "完成值"],
    &["分值"],
    &["得分"],
    &["偏差原因分析", "及改进措施"],
];

/// The widths the indicator columns have when their words fit: the official proportions.
const DEFAULT_MM: [u32; 9] = [9, 17, 16, 0, 17, 17, 11, 11, 0];

/// The columns of the indicator table as Typst lengths: each fixed column as wide as the official
/// layout gives it or as its longest word needs, whichever is more; 三级指标 and
/// 偏差原因分析及改进措施 share the rest (1.25fr and 1fr).
pub fn indicator_columns(level1: &[Vec<String>], level2: &[Vec<String>]) -> String {
    let mut parts = Vec::new();
    for (index, header) in INDICATOR_HEADER.iter().enumerate() {
        match index {
            3 => parts.push("1.25fr".to_string()),
            8 => parts.push("1fr".to_string()),
            _ => {
                let cells: &[Vec<String>] = match index {
                    1 => level1,
                    2 => level2,
                    _ => &[],
                };
                let words = header
                    .iter()
                    .map(|w| word_width(w))
                    .chain(cells.iter().flatten().map(|w| word_width(w)));
                parts.push(at_least(words.max().unwrap_or(0), DEFAULT_MM[index]));
            }
        }
    }
    parts.join(", ")
}

/// The width a label column needs for `words` at least, and `default_mm` otherwise.
pub fn label_column(words: &[String], default_mm: u32) -> String {
    at_least(
        words.iter().map(|w| word_width(w)).max().unwrap_or(0),
        default_mm,
    )
}

/// `default_mm` when a word of `widest` (tenths of a point) fits in it, else the width it needs.
fn at_least(widest: u32, default_mm: u32) -> String {
    let needed = widest.saturating_add(PADDING);
    if needed <= default_mm * PER_100_MM / 100 {
        format!("{default_mm}mm")
    } else {
        format!("{}.{}pt", needed / 10, needed % 10)
    }
}

/// The words of an 一级 or 二级 name: a name of more than four characters ending in 指标 breaks
/// before it, and a longer stem before 满意度, 影响, 成本 or 效益 (服务对象/满意度/指标,
/// 可持续/影响/指标); shorter names stay whole (数量指标).
pub fn label_words(name: &str) -> Vec<String> {
    let chars = name.chars().count();
    if chars <= 4 {
        return vec![name.to_string()];
    }
    let Some(stem) = name.strip_suffix("指标") else {
        return vec![name.to_string()];
    };
    let mut words = stem_words(stem);
    words.push("指标".to_string());
    words
}

fn stem_words(stem: &str) -> Vec<String> {
    if stem.chars().count() > 4 {
        for suffix in ["满意度", "影响", "成本", "效益"] {
            if let Some(head) = stem.strip_suffix(suffix).filter(|h| !h.is_empty()) {
                let mut words = stem_words(head);
                words.push(suffix.to_string());
                return words;
            }
        }
    }
    vec![stem.to_string()]
}

/// The printed width of one unbreakable word, in tenths of a point.
fn word_width(word: &str) -> u32 {
    word.chars()
        .map(|c| if c.is_ascii() { NARROW } else { EM })
        .fold(0u32, u32::saturating_add)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_break_between_words() {
        assert_eq!(label_words("数量指标"), ["数量指标"]);
        assert_eq!(
            label_words("服务对象满意度指标"),
            ["服务对象", "满意度", "指标"]
        );
        assert_eq!(label_words("可持续影响指标"), ["可持续", "影响", "指标"]);
        assert_eq!(label_words("满意度指标"), ["满意度", "指标"]);
    }

    #[test]
    fn a_column_is_as_wide_as_its_longest_word() {
        let columns = indicator_columns(&[], &[vec!["数量指标".to_string()]]);
        let second: Vec<&str> = columns.split(", ").collect();
        // 4 ems of 10.5pt and the padding: 49.5pt, more than the default 16mm.
        assert_eq!(second[2], "49.5pt");
        assert_eq!(second[0], "28.5pt");
        assert_eq!(second[1], "17mm");
    }
}
