//! A target split as the 预算管理一体化 system and several provincial tables print it: 指标性质
//! (正向指标, 反向指标, 定性指标, 等于), 指标值 and 度量单位, made the one 年初目标值 the
//! rest of jixiao reads (`正向指标` `95` `%` → `≥95%`).

use super::tree::{Direction, Nature};

/// The 年初目标值 the three parts mean: a number with its unit after it, the comparator of
/// its 指标性质 before it (正向 `≥`, 反向 `≤`; 定性 and 等于 none); a value that already
/// starts with a comparator, or is text, as written.
pub fn joined_target(nature: Option<Nature>, value: &str, unit: &str) -> String {
    let value = with_unit(value.trim(), unit.trim());
    if value.is_empty() || value.starts_with(['≥', '≤', '>', '<', '＞', '＜', '=', '＝']) {
        return value;
    }
    match nature {
        Some(Nature::Higher) => format!("≥{value}"),
        Some(Nature::Lower) => format!("≤{value}"),
        Some(Nature::Qualitative | Nature::Equal) | None => value,
    }
}

/// A number with its 度量单位 after it (`95` `%` → `95%`); text, or a value already ending in
/// its unit, as written.
pub fn with_unit(value: &str, unit: &str) -> String {
    let number = value
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+'))
        && value.chars().any(|c| c.is_ascii_digit());
    if number && !unit.is_empty() && unit != "/" && !value.ends_with(unit) {
        format!("{value}{unit}")
    } else {
        value.to_string()
    }
}

impl Nature {
    /// The 指标性质 as a table's cell writes it: 正向指标 or 正向, 反向指标 or 反向, 定性指标 or
    /// 定性, 等于 or 等于指标.
    pub fn from_label(label: &str) -> Option<Nature> {
        let label: String = label.chars().filter(|c| !c.is_whitespace()).collect();
        match label.trim_end_matches("指标") {
            "正向" => Some(Nature::Higher),
            "反向" => Some(Nature::Lower),
            "定性" => Some(Nature::Qualitative),
            "等于" => Some(Nature::Equal),
            _ => None,
        }
    }

    /// The direction scoring takes: 正向 and 反向 (等于 and 定性 leave it to the target).
    pub fn direction(self) -> Option<Direction> {
        match self {
            Nature::Higher => Some(Direction::Higher),
            Nature::Lower => Some(Direction::Lower),
            Nature::Qualitative | Nature::Equal => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_parts_make_the_target_a_table_prints() {
        assert_eq!(joined_target(Some(Nature::Higher), "95", "%"), "≥95%");
        assert_eq!(joined_target(Some(Nature::Lower), "10", "人次"), "≤10人次");
        assert_eq!(joined_target(Some(Nature::Equal), "30", "个"), "30个");
        assert_eq!(
            joined_target(Some(Nature::Qualitative), "不断提升", "/"),
            "不断提升"
        );
        assert_eq!(joined_target(Some(Nature::Higher), "≥80%", "%"), "≥80%");
        assert_eq!(joined_target(None, "5", ""), "5");
        assert_eq!(Nature::from_label(" 反向指标"), Some(Nature::Lower));
        assert_eq!(Nature::from_label("区间"), None);
    }
}
