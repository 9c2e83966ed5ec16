//! The 指标明细 sheet that `jixiao export` writes beside the 自评表: every field of every
//! indicator, including the two the official table has no column for (the 说明 of a
//! 部门整体绩效自评表's indicator, the reason for a hand score). When a workbook has it, import
//! takes those fields from it, so that export then import loses nothing.

use calamine::{Data, Reader};

use crate::commands::excel::export::DETAIL_SHEET;
use crate::excel::read::open::Book;
use crate::excel::read::table::Table;

/// Fills the indicators' 说明 and 得分说明 from the 指标明细 sheet, when there is one.
pub fn complete(book: &mut Book, table: &mut Table) {
    let Some(rows) = read(book) else { return };
    for goal in &mut table.goals {
        for row in &mut goal.indicators {
            let found = rows
                .iter()
                .find(|d| d.goal == goal.number && d.name == row.name);
            let Some(detail) = found else { continue };
            if row.explanation.is_none() && !detail.explanation.is_empty() {
                row.explanation = Some(detail.explanation.clone());
            }
            if !detail.score_reason.is_empty() {
                row.score_reason = Some(detail.score_reason.clone());
            }
        }
    }
}

struct Detail {
    goal: usize,
    name: String,
    explanation: String,
    score_reason: String,
}

fn read(book: &mut Book) -> Option<Vec<Detail>> {
    if !book.names().iter().any(|name| name == DETAIL_SHEET) {
        return None;
    }
    let range = book.sheets.worksheet_range(DETAIL_SHEET).ok()?;
    let mut rows = range.rows();
    let header: Vec<String> = rows.next()?.iter().map(text).collect();
    let column = |name: &str| header.iter().position(|h| h == name);
    let (goal, name) = (column("目标序号")?, column("三级指标")?);
    let (explanation, reason) = (column("说明")?, column("得分说明")?);
    Some(
        rows.map(|cells| {
            let at = |column: usize| cells.get(column).map_or_else(String::new, text);
            Detail {
                goal: at(goal).parse().unwrap_or(0),
                name: at(name),
                explanation: at(explanation),
                score_reason: at(reason),
            }
        })
        .collect(),
    )
}

fn text(data: &Data) -> String {
    match data {
        Data::Int(n) => n.to_string(),
        Data::Float(f) => format!("{f}"),
        Data::String(s) => s.trim().to_string(),
        _ => String::new(),
    }
}
