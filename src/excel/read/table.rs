//! Finding the parts of a 自评表 in a worksheet that every form has: the header cells above the
//! indicator table, the indicator rows (一级 and 二级 merged down, a goal label merged over its
//! block), 总分, the texts and the sign-off below; and the labels' weights (`（11分）`) and the
//! value right of a label, for what a form reads of its own.

use rust_decimal::Decimal;

use super::grid::{Grid, squeeze};
use super::limits::HEADER_ROWS;
use super::value::half_width;
use crate::model::split_target::{joined_target, with_unit};
use crate::model::{MoneyUnit, Nature};

/// What the worksheet says that every form has, before it is written as YAML.
#[derive(Debug, Default)]
pub struct Table {
    /// The cells named above the table: 单位名称 (else 实施单位), 项目名称, 主管部门, 实施单位.
    pub unit_name: Option<String>,
    pub project_name: Option<String>,
    pub department: Option<String>,
    pub implementer: Option<String>,
    /// The 年度 of the title.
    pub year: Option<u16>,
    pub goals: Vec<Goal>,
    /// The texts named below the table: 偏差大或目标未完成原因分析, 改进措施及结果应用方案, 备注.
    pub deviation: Option<String>,
    pub improvement: Option<String>,
    pub remarks: Option<String>,
    /// 其他需要说明事项 (under 总分) and 项目负责人及电话 (a header cell), when the table has them.
    pub other_matters: Option<String>,
    pub project_lead: Option<String>,
    /// The sign-off under the table.
    pub filled_by: Option<String>,
    pub phone: Option<String>,
    pub head: Option<String>,
    pub filled_on: Option<String>,
    /// Whether the workbook has a 分值 column.
    pub has_weights: bool,
    /// The unit the headers above the table name (项目资金（元）), if any.
    pub money_unit: Option<MoneyUnit>,
    /// How many decimals the scores keep (得分小数位数), when the sheet shows fewer than two.
    pub score_places: Option<u32>,
    /// What import assumed or left out, each with its cell.
    pub notes: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Goal {
    pub number: usize,
    pub name: String,
    pub weight: Option<Decimal>,
    pub indicators: Vec<Row>,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub level1: String,
    /// The weight printed in the 一级 cell ("产出指标（50分）"), if any.
    pub level1_weight: Option<Decimal>,
    pub level2: String,
    pub name: String,
    pub target: String,
    pub actual: Option<String>,
    pub weight: Option<Decimal>,
    pub score: Option<Decimal>,
    pub explanation: Option<String>,
    /// The reason for a hand score, when the workbook's 指标明细 sheet gives it.
    pub score_reason: Option<String>,
    /// Where the row's 得分 is (`Sheet1!H17`).
    pub score_at: String,
    /// Where the row's 分值 is, when the table has the column.
    pub weight_at: Option<String>,
}

/// The money unit the header cells above row `header` name (全年预算数（元）), if any: the first
/// cell that names one.
pub fn money_unit_above(grid: &Grid, header: u32) -> Option<MoneyUnit> {
    (0..header)
        .flat_map(|row| (0..grid.columns()).map(move |column| (row, column)))
        .find_map(|(row, column)| MoneyUnit::in_header(&squeeze(grid.text(row, column))))
}

/// The indicator table's columns.
#[derive(Debug, Default)]
pub struct Columns {
    goal: Option<u32>,
    level1: u32,
    level2: u32,
    level3: u32,
    target: Option<u32>,
    actual: Option<u32>,
    weight: Option<u32>,
    score: Option<u32>,
    explanation: Option<u32>,
    /// 指标性质 (正向指标, 反向指标, 定性指标…) and 度量单位, as the 预算管理一体化 system
    /// splits a target: with 指标值 (the target column) they make the 年初目标值.
    nature: Option<u32>,
    unit: Option<u32>,
}

/// The table under the indicator header found by [`indicator_header`]: its header cells, then
/// `own` (what the form reads of its own above the indicator table), the indicator rows (in
/// goals started by the goal column's labels when `labelled_goals`, else all in one goal) and
/// the texts below.
pub fn read_table<T>(
    grid: &Grid,
    (header, columns): (u32, Columns),
    labelled_goals: bool,
    own: impl FnOnce() -> T,
) -> (Table, T) {
    if let Some((row, column)) = grid.find(|text| text.ends_with("绩效自评表"))
        && row < header
    {
        grid.use_cell(row, column);
    }
    let mut table = Table {
        has_weights: columns.weight.is_some(),
        ..Table::default()
    };
    header_cells(grid, header, &mut table);
    let own = own();
    let end = indicator_rows(grid, header, &columns, labelled_goals, &mut table);
    texts_below(grid, end, &mut table);
    (table, own)
}

/// Whether a text containing `needle` stands above the indicator header (row `header`).
pub fn above(grid: &Grid, header: u32, needle: &str) -> bool {
    grid.find(|text| text.contains(needle))
        .is_some_and(|(row, _)| row < header)
}

/// The row holding 一级指标, 二级指标 and 三级指标, and its columns (in the first
/// [`HEADER_ROWS`] rows).
pub fn indicator_header(grid: &Grid) -> Option<(u32, Columns)> {
    for row in 0..grid.rows().min(HEADER_ROWS) {
        let labels: Vec<(u32, String)> = (0..grid.columns())
            .filter(|column| grid.origin(row, *column) == (row, *column))
            .map(|column| (column, squeeze(grid.text(row, column))))
            .filter(|(_, text)| !text.is_empty())
            .collect();
        let find =
            |test: &dyn Fn(&str) -> bool| labels.iter().find(|(_, t)| test(t)).map(|(c, _)| *c);
        let (Some(level1), Some(level2), Some(level3)) = (
            find(&|t| t.starts_with("一级指标")),
            find(&|t| t.starts_with("二级指标")),
            find(&|t| t.starts_with("三级指标")),
        ) else {
            continue;
        };
        for (column, _) in &labels {
            grid.use_cell(row, *column);
        }
        let columns = Columns {
            goal: find(&|t| t.starts_with("年度目标") || t == "目标"),
            level1,
            level2,
            level3,
            target: find(&|t| t.contains("目标值") || t.contains("指标值")),
            actual: find(&|t| t.contains("实际完成") || t.starts_with("实际值")),
            weight: find(&|t| t.starts_with("分值") || t.starts_with("权重") || t == "指标分值"),
            score: find(&|t| t.starts_with("得分") || t == "自评得分"),
            nature: find(&|t| t.starts_with("指标性质")),
            unit: find(&|t| t.starts_with("度量单位") || t.starts_with("计量单位")),
            explanation: find(&|t| {
                t.contains("偏差原因") || t.contains("未完成原因") || t == "说明"
            }),
        };
        return Some((row, columns));
    }
    None
}

/// The value right of the label at (row, column): the next non-empty cell after its region.
pub fn value_right(grid: &Grid, row: u32, column: u32) -> Option<(u32, u32, String)> {
    let mut next = grid.region_end(row, column).1 + 1;
    while next < grid.columns() {
        let (top, left) = grid.origin(row, next);
        let text = grid.text(top, left);
        if !text.trim().is_empty() {
            return Some((top, left, text.trim().to_string()));
        }
        next = grid.region_end(row, next).1 + 1;
    }
    None
}

/// 单位名称, 项目名称, 主管部门, 实施单位 and the 年度 of the title, above the indicator table.
fn header_cells(grid: &Grid, header: u32, table: &mut Table) {
    for row in 0..header {
        for column in 0..grid.columns() {
            if grid.origin(row, column) != (row, column) {
                continue;
            }
            let label = squeeze(grid.text(row, column));
            if table.year.is_none()
                && let Some(year) = year_in(&label)
            {
                table.year = Some(year);
                grid.use_cell(row, column);
            }
            if is_annex_label(&label) {
                grid.use_cell(row, column);
                continue;
            }
            let slot = match label.trim_end_matches(['：', ':']) {
                "单位名称" | "部门（单位）名称" | "部门(单位)名称" | "部门名称" | "单位" => {
                    &mut table.unit_name
                }
                "项目名称" => &mut table.project_name,
                "主管部门" | "主管部门及代码" => &mut table.department,
                "实施单位" => &mut table.implementer,
                "项目负责人及电话" | "项目负责人" => &mut table.project_lead,
                _ => continue,
            };
            grid.use_cell(row, column);
            if let Some((r, c, value)) = value_right(grid, row, column) {
                grid.use_cell(r, c);
                *slot = Some(value);
            }
        }
    }
    if table.unit_name.is_none() {
        table.unit_name = table.implementer.clone();
    }
}

/// `附件1:`, `附件 1：`: the annex's label printed above its title.
fn is_annex_label(label: &str) -> bool {
    half_width(label)
        .trim_end_matches(['：', ':'])
        .strip_prefix("附件")
        .is_some_and(|number| number.chars().all(|c| c.is_ascii_digit()))
}

/// "2022年度" (or "２０２２年度") anywhere in a title: the year evaluated, 1000 to 9998 as
/// a report's year may be.
fn year_in(text: &str) -> Option<u16> {
    let text = half_width(text);
    let at = text.find("年度")?;
    let digits: String = text[..at]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    let year: String = digits.chars().rev().collect();
    let year: u16 = (year.len() == 4).then(|| year.parse().ok()).flatten()?;
    (1000..=9998).contains(&year).then_some(year)
}

/// "（11分）", "(11分)", "：（11.5分）" at the end of a label: the weight.
pub fn weight_in(label: &str) -> Option<Decimal> {
    let text = squeeze(label);
    let end = text.rfind('分')?;
    let before = &text[..end];
    let start = before.rfind(['（', '('])?;
    let open = before[start..].chars().next()?.len_utf8();
    before[start + open..].parse().ok()
}

/// The label without its weight: "产出指标（50分）" → 产出指标.
fn without_weight(label: &str) -> String {
    let text = label.trim();
    match (text.rfind(['（', '(']), weight_in(text)) {
        (Some(start), Some(_)) => text[..start]
            .trim_end_matches([':', '：'])
            .trim()
            .to_string(),
        _ => text.to_string(),
    }
}

/// The rows of the indicator table, until 总分 (or 合计); the row after the table.
fn indicator_rows(
    grid: &Grid,
    header: u32,
    columns: &Columns,
    labelled_goals: bool,
    table: &mut Table,
) -> u32 {
    let mut row = grid.region_end(header, columns.level3).0 + 1;
    let mut goal_origin = None;
    if labelled_goals && let Some(label) = label_above(grid, header, columns) {
        start_labelled_goal(grid, label, table);
    }
    while row < grid.rows() {
        let first = (0..grid.columns())
            .map(|c| squeeze(grid.text(row, c)))
            .find(|t| !t.is_empty())
            .unwrap_or_default();
        if first.starts_with("总分") || first.starts_with("合计") {
            for column in 0..grid.columns() {
                grid.use_cell(row, column);
            }
            return row + 1;
        }
        if labelled_goals && let Some(label) = goal_label_row(grid, row, columns) {
            start_labelled_goal(grid, label, table);
            row += 1;
            continue;
        }
        if repeated_header(grid, row, columns) {
            row += 1;
            continue;
        }
        use_row_label(grid, row, columns);
        if labelled_goals && let Some(goal_column) = columns.goal {
            let origin = grid.origin(row, goal_column);
            if Some(origin) != goal_origin && !grid.text(origin.0, origin.1).trim().is_empty() {
                goal_origin = Some(origin);
                start_goal(grid, origin, table);
            }
        } else if table.goals.is_empty() {
            table.goals.push(Goal {
                number: 1,
                ..Goal::default()
            });
        }
        read_row(grid, row, columns, table);
        row += 1;
    }
    row
}

/// The goal label row right above the indicator header (blank rows between), when the sheet
/// prints each goal as its own block: `年度目标1:（11分）` and the goal's text, then the header.
fn label_above(grid: &Grid, header: u32, columns: &Columns) -> Option<(u32, u32)> {
    for row in (0..header).rev() {
        if let Some(label) = goal_label_row(grid, row, columns) {
            return Some(label);
        }
        if (0..grid.columns()).any(|c| !grid.text(row, c).trim().is_empty()) {
            return None;
        }
    }
    None
}

/// The label cell of a row that starts a goal block (`年度目标2:（20分）` left of the goal's
/// text, the row's first cell with a value, not the goal column merged down over the block).
fn goal_label_row(grid: &Grid, row: u32, columns: &Columns) -> Option<(u32, u32)> {
    let (top, left) = (0..grid.columns())
        .map(|c| grid.origin(row, c))
        .find(|&(r, c)| !grid.text(r, c).trim().is_empty())?;
    let label = squeeze(grid.text(top, left));
    let own_row = top == row && Some(left) != columns.goal && left < columns.level2;
    (own_row && label.starts_with("年度目标") && label.chars().count() <= 16).then_some((top, left))
}

/// A header row printed again in a goal's block (一级指标 | 二级指标 | 三级指标 …): taken as
/// read.
fn repeated_header(grid: &Grid, row: u32, columns: &Columns) -> bool {
    let label = |column: u32| squeeze(grid.text(row, column));
    let repeated = label(columns.level1).starts_with("一级指标")
        && label(columns.level2).starts_with("二级指标")
        && label(columns.level3).starts_with("三级指标");
    if repeated {
        for column in 0..grid.columns() {
            grid.use_cell(row, column);
        }
    }
    repeated
}

/// The block's row label left of the 一级 column (`年度绩效指标`, merged down or typed on
/// each row): part of the layout, taken as read.
fn use_row_label(grid: &Grid, row: u32, columns: &Columns) {
    for column in 0..columns.level1 {
        let (top, left) = grid.origin(row, column);
        if squeeze(grid.text(top, left)).starts_with("年度绩效指标") {
            grid.use_cell(top, left);
        }
    }
}

/// A goal label row starts a goal: its weight in the label (`年度目标1:（11分）`) or in the
/// cell right of it (`年度目标3:` | `（23分）`), its name the next cell with a value.
fn start_labelled_goal(grid: &Grid, (row, column): (u32, u32), table: &mut Table) {
    let label = grid.text(row, column).to_string();
    grid.use_cell(row, column);
    let mut weight = weight_in(&label);
    let mut next = value_right(grid, row, column);
    if weight.is_none()
        && let Some((r, c, text)) = &next
        && let Some(alone) = weight_in(text).filter(|_| squeeze(text).ends_with(['）', ')']))
        && squeeze(text).starts_with(['（', '('])
    {
        weight = Some(alone);
        grid.use_cell(*r, *c);
        next = value_right(grid, *r, *c);
    }
    let name = next.map(|(r, c, text)| {
        grid.use_cell(r, c);
        text
    });
    table.goals.push(Goal {
        number: table.goals.len() + 1,
        name: name.unwrap_or_default(),
        weight,
        ..Goal::default()
    });
}

/// A goal label cell ("年度目标1（11分）") starts a goal.
fn start_goal(grid: &Grid, (row, column): (u32, u32), table: &mut Table) {
    let label = grid.text(row, column).to_string();
    grid.use_cell(row, column);
    table.goals.push(Goal {
        number: table.goals.len() + 1,
        weight: weight_in(&label),
        ..Goal::default()
    });
}

/// One row of the table: a goal's name row (one cell over the indicator columns), a "/" row
/// that does not apply, or an indicator.
fn read_row(grid: &Grid, row: u32, columns: &Columns, table: &mut Table) {
    let Some(goal) = table.goals.last_mut() else {
        return;
    };
    let level1_origin = grid.origin(row, columns.level1);
    let spans_row = grid.origin(row, columns.level3) == level1_origin;
    if spans_row {
        let name = grid
            .text(level1_origin.0, level1_origin.1)
            .trim()
            .to_string();
        grid.use_cell(level1_origin.0, level1_origin.1);
        if goal.name.is_empty() {
            goal.name = name;
        }
        return;
    }
    let name = grid.text(row, columns.level3).trim().to_string();
    let text = |column: Option<u32>| {
        column
            .map(|c| grid.text(row, c).trim().to_string())
            .unwrap_or_default()
    };
    let unit = text(columns.unit);
    let nature = Nature::from_label(&text(columns.nature));
    let target = joined_target(nature, &text(columns.target), &unit);
    if name.is_empty() && target.is_empty() {
        return;
    }
    for column in [
        Some(columns.level1),
        Some(columns.level2),
        Some(columns.level3),
        columns.target,
        columns.actual,
        columns.weight,
        columns.score,
        columns.explanation,
        columns.nature,
        columns.unit,
    ]
    .into_iter()
    .flatten()
    {
        grid.use_cell(row, column);
    }
    if name == "/" || name == "／" {
        table.notes.push(format!(
            "{}：这一行的三级指标是「/」（不适用），没有导入",
            grid.name(row, columns.level3)
        ));
        return;
    }
    let number = |column: Option<u32>| column.and_then(|c| grid.number(row, c));
    let level1_label = grid.text(level1_origin.0, level1_origin.1).to_string();
    let actual = with_unit(&text(columns.actual), &unit);
    let explanation = text(columns.explanation);
    goal.indicators.push(Row {
        level1: without_weight(&level1_label),
        level1_weight: weight_in(&level1_label),
        level2: grid.text(row, columns.level2).trim().to_string(),
        name,
        target,
        actual: (!actual.is_empty()).then_some(actual),
        weight: number(columns.weight),
        score: number(columns.score),
        explanation: (!explanation.is_empty() && explanation != "/").then_some(explanation),
        score_reason: None,
        score_at: columns
            .score
            .map_or_else(String::new, |c| grid.name(row, c)),
        weight_at: columns.weight.map(|c| grid.name(row, c)),
    });
}

/// Below the table: the two long texts of Annex 1, 备注, and the sign-off.
fn texts_below(grid: &Grid, from: u32, table: &mut Table) {
    for row in from..grid.rows() {
        for column in 0..grid.columns() {
            if grid.origin(row, column) != (row, column) {
                continue;
            }
            let raw = grid.text(row, column).to_string();
            let label = squeeze(&raw);
            let slot = if label.starts_with("偏差大或目标未完成原因分析") {
                Some(&mut table.deviation)
            } else if label.starts_with("改进措施及结果应用方案") {
                Some(&mut table.improvement)
            } else if label.starts_with("其他需要说明事项") {
                Some(&mut table.other_matters)
            } else if label == "备注" || label == "注" {
                Some(&mut table.remarks)
            } else {
                None
            };
            if let Some(slot) = slot {
                grid.use_cell(row, column);
                if let Some((r, c, value)) = value_right(grid, row, column) {
                    grid.use_cell(r, c);
                    *slot = Some(value);
                }
                continue;
            }
            if let Some(rest) = raw
                .trim()
                .strip_prefix("备注：")
                .or_else(|| raw.trim().strip_prefix("注："))
            {
                grid.use_cell(row, column);
                table.remarks = Some(rest.trim().to_string());
                continue;
            }
            if sign_off(&raw, table) {
                grid.use_cell(row, column);
            }
        }
    }
}

/// `2023年6月10日`, `2023/6/10`, `2023.6.10` → `2023-06-10`.
fn iso_date(text: &str) -> Option<String> {
    let parts: Vec<u32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty())
        .map(|part| part.parse().ok())
        .collect::<Option<_>>()?;
    match parts[..] {
        [year, month, day] if year >= 1000 => Some(format!("{year:04}-{month:02}-{day:02}")),
        _ => None,
    }
}

/// 填报人：…　联系电话：…　填报日期：…　单位负责人（签字）：… in one cell or several.
fn sign_off(text: &str, table: &mut Table) -> bool {
    let mut found = false;
    for (label, slot) in [
        ("填报人", &mut table.filled_by),
        ("联系电话", &mut table.phone),
        ("填报日期", &mut table.filled_on),
        ("单位负责人", &mut table.head),
    ] {
        let Some(at) = text.find(label) else { continue };
        found = true;
        let rest = &text[at + label.len()..];
        let rest = rest
            .trim_start_matches(['（', '签', '字', '）', '(', ')'])
            .trim_start_matches(['：', ':']);
        let value: String = rest
            .chars()
            .take_while(|c| !matches!(c, '　' | '\t' | '\n'))
            .collect::<String>()
            .split("  ")
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        if !value.is_empty() && !value.chars().all(|c| c == '_') {
            *slot = Some(if label == "填报日期" {
                iso_date(&value).unwrap_or(value)
            } else {
                value
            });
        }
    }
    found
}
