//! The weights import assumes when a workbook has no 分值 column: a weight shared equally by
//! the indicators it covers, as each form says which.

use rust_decimal::Decimal;

use crate::excel::read::table::{Goal, Row, Table};

/// No 分值 column: every goal's indicators get their weights from `shares` (which divides the
/// weight `by` names among them), and a note says so.
pub fn assume_weights(table: &mut Table, sheet: &str, by: &str, mut shares: impl FnMut(&mut Goal)) {
    for goal in &mut table.goals {
        if goal.indicators.is_empty() {
            continue;
        }
        shares(goal);
    }
    table.notes.push(format!(
        "{sheet}：表中没有「分值」一列，每项指标的分值按{by}平均分配（最后一项补足尾差），请按实际核对"
    ));
}

/// The names in the order each first appears.
pub fn unique(names: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for name in names {
        if !seen.contains(&name) {
            seen.push(name);
        }
    }
    seen
}

/// `total` in equal two-decimal shares; the last takes what rounding leaves.
pub fn share(mut rows: Vec<&mut Row>, total: Decimal) {
    let count = Decimal::from(rows.len());
    if rows.is_empty() {
        return;
    }
    // each ≤ total / count, so each × last < total: neither overflows.
    let each = total
        .checked_div(count)
        .unwrap_or_default()
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::ToZero);
    let last = rows.len() - 1;
    let rest = each
        .checked_mul(Decimal::from(last))
        .and_then(|shared| total.checked_sub(shared))
        .unwrap_or(each);
    for (i, row) in rows.iter_mut().enumerate() {
        row.weight = Some(if i == last { rest } else { each });
    }
}
