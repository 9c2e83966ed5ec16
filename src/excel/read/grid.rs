//! A worksheet as import reads it: every non-empty cell as the text Excel shows (a number with
//! a % format as `82%`, a number as its decimal), merged regions resolved to their top-left
//! cell through an index (one lookup, however many regions), and a record of which cells were
//! used. A cell Excel could not compute (`#DIV/0!`, a formula without a saved value) or whose
//! number cannot be taken exactly (NaN, 1e308) is left blank with a note, never read as 0.

use std::cell::{Cell as Flag, RefCell};
use std::collections::BTreeMap;

use calamine::{Dimensions, Reader, Sheets};
use rust_decimal::Decimal;

use super::Unreadable;
use super::limits::MAX_LISTED;
use super::open::Book;
use super::value::{Value, value_of};
use crate::excel::cells::address;

/// One cell with a value.
#[derive(Debug)]
pub struct Cell {
    /// As shown: `82%`, `13581.29`, `按计划完成`.
    pub text: String,
    /// The number, when the cell holds one (as a number, or as text that is one).
    pub number: Option<Decimal>,
    /// A date cell (its text is the date): said so when a number is wanted of it.
    date: bool,
    used: Flag<bool>,
    /// Whether a note already said this cell is no number.
    noted: Flag<bool>,
}

#[derive(Debug)]
pub struct Grid {
    pub sheet: String,
    cells: BTreeMap<(u32, u32), Cell>,
    /// The merged regions, clipped to `size`.
    merged: Vec<Dimensions>,
    /// Per cell of `size`, row by row: 1 + the index in `merged` of its region, or 0.
    index: Vec<u32>,
    /// (rows, columns) up to the last cell with a value.
    size: (u32, u32),
    /// What reading found (cells Excel could not compute, numbers not taken), each with its
    /// cell, and the numbers asked of cells that hold none.
    notes: RefCell<Vec<String>>,
}

impl Grid {
    /// The sheet `name` of the workbook.
    pub fn read(book: &mut Book, name: &str) -> Result<Grid, Unreadable> {
        read_sheet(book, name)
    }

    /// What reading found and what numbers were asked of cells holding none, each with its
    /// cell.
    pub fn notes(&self) -> Vec<String> {
        self.notes.borrow().clone()
    }

    /// The cell at (row, column), or the top-left cell of the merged region holding it.
    pub fn at(&self, row: u32, column: u32) -> Option<&Cell> {
        let (row, column) = self.origin(row, column);
        self.cells.get(&(row, column))
    }

    /// The text at (row, column) (see [`Grid::at`]), "" when empty.
    pub fn text(&self, row: u32, column: u32) -> &str {
        self.at(row, column).map_or("", |cell| cell.text.as_str())
    }

    /// Takes the cell at (row, column) as imported.
    pub fn use_cell(&self, row: u32, column: u32) {
        if let Some(cell) = self.at(row, column) {
            cell.used.set(true);
        }
    }

    /// The top-left cell of the merged region holding (row, column), or itself.
    pub fn origin(&self, row: u32, column: u32) -> (u32, u32) {
        self.region(row, column).map_or((row, column), |d| d.start)
    }

    /// The last (row, column) of the merged region holding (row, column), or itself.
    pub fn region_end(&self, row: u32, column: u32) -> (u32, u32) {
        self.region(row, column).map_or((row, column), |d| d.end)
    }

    /// The merged region holding (row, column), if it is in one: one look in the index.
    fn region(&self, row: u32, column: u32) -> Option<&Dimensions> {
        let (rows, columns) = self.size;
        if row >= rows || column >= columns {
            return None;
        }
        let at = row as usize * columns as usize + column as usize;
        let slot = *self.index.get(at)?;
        slot.checked_sub(1)
            .and_then(|i| self.merged.get(i as usize))
    }

    /// The number at (row, column) (see [`Grid::at`]); a cell with text that is no number is
    /// noted once, with its cell, and gives None.
    pub fn number(&self, row: u32, column: u32) -> Option<Decimal> {
        let (row, column) = self.origin(row, column);
        let cell = self.cells.get(&(row, column))?;
        if cell.number.is_none() && !cell.noted.get() && !is_blank_mark(&cell.text) {
            cell.noted.set(true);
            let found = if cell.date {
                format!("是日期 {}", cell.text)
            } else {
                format!("是「{}」", super::short(&cell.text))
            };
            self.note(
                row,
                column,
                &format!("这里应是数字，{found}，没有作为数字导入（按空白处理）"),
            );
        }
        cell.number
    }

    fn note(&self, row: u32, column: u32, text: &str) {
        let place = self.name(row, column);
        self.notes.borrow_mut().push(format!("{place}：{text}"));
    }

    /// Rows and columns up to the last cell with a value.
    pub fn rows(&self) -> u32 {
        self.size.0
    }

    pub fn columns(&self) -> u32 {
        self.size.1
    }

    /// The first cell, in reading order, whose text satisfies `test`.
    pub fn find(&self, test: impl Fn(&str) -> bool) -> Option<(u32, u32)> {
        self.cells
            .iter()
            .find(|(_, cell)| test(&squeeze(&cell.text)))
            .map(|(place, _)| *place)
    }

    /// `Sheet1!D17`.
    pub fn name(&self, row: u32, column: u32) -> String {
        format!("{}!{}", self.sheet, address(row, column))
    }

    /// The cells with a value that nothing took, as (address, text).
    pub fn unused(&self) -> Vec<(String, String)> {
        self.cells
            .iter()
            .filter(|(_, cell)| !cell.used.get() && !cell.text.trim().is_empty())
            .map(|((row, column), cell)| (self.name(*row, *column), cell.text.clone()))
            .collect()
    }
}

/// Text without whitespace, for comparing labels (`年初目标值\n（A）`).
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// "/", "—": a cell left blank on purpose.
fn is_blank_mark(text: &str) -> bool {
    matches!(text.trim(), "/" | "／" | "-" | "—" | "－" | "" | "无")
}

fn read_sheet(book: &mut Book, name: &str) -> Result<Grid, Unreadable> {
    let damaged = || Unreadable(format!("无法读取工作表「{name}」：工作表已损坏"));
    let workbook = &mut book.sheets;
    let range = workbook.worksheet_range(name).map_err(|_| damaged())?;
    let styles = workbook.worksheet_style(name).ok();
    let merged = match workbook {
        Sheets::Xlsx(xlsx) => xlsx.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(xls) => xls.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    };
    let mut notes = Vec::new();
    let mut cells = BTreeMap::new();
    let (top, left) = range.start().unwrap_or((0, 0));
    for (row, column, data) in range.used_cells() {
        let (row, column) = (top + row as u32, left + column as u32);
        let percent = styles
            .as_ref()
            .and_then(|styles| styles.get((row, column)))
            .and_then(|style| style.number_format.as_ref())
            .is_some_and(|format| format.format_code.contains('%'));
        let (value, flaw) = value_of(data, percent);
        if let Some(flaw) = flaw {
            notes.push(format!("{name}!{}：{flaw}", address(row, column)));
        }
        if let Some(Value { text, number, date }) = value {
            cells.insert(
                (row, column),
                Cell {
                    text,
                    number,
                    date,
                    used: Flag::new(false),
                    noted: Flag::new(false),
                },
            );
        }
    }
    if let Some(scan) = book.scans.get(name) {
        for &(row, column) in &scan.formulas_without_value {
            notes.push(format!(
                "{name}!{}：有公式，但文件里没有保存公式的计算结果（文件不是由 Excel 保存的？），按空白读入，没有计为 0：请在 Excel 或 WPS 中打开、保存后重新导入",
                address(row, column)
            ));
        }
        let more = scan.formulas_without_value_count.saturating_sub(MAX_LISTED);
        if more > 0 {
            notes.push(format!(
                "工作表「{name}」还有 {more} 个单元格有公式而没有保存计算结果，同样按空白读入"
            ));
        }
    }
    let size = (
        cells.keys().map(|(row, _)| row + 1).max().unwrap_or(0),
        cells
            .keys()
            .map(|(_, column)| column + 1)
            .max()
            .unwrap_or(0),
    );
    let (merged, index) = index_regions(name, merged, size)?;
    Ok(Grid {
        sheet: name.to_string(),
        cells,
        merged,
        index,
        size,
        notes: RefCell::new(notes),
    })
}

/// The merged regions clipped to `size`, and the index from each cell to its region. Each
/// cell is written once: a cell in two regions (which Excel never saves) is a damaged file.
fn index_regions(
    sheet: &str,
    regions: Vec<Dimensions>,
    (rows, columns): (u32, u32),
) -> Result<(Vec<Dimensions>, Vec<u32>), Unreadable> {
    let width = columns as usize;
    let mut index = vec![0u32; rows as usize * width];
    let mut kept: Vec<Dimensions> = Vec::new();
    for region in regions {
        let top = region.start.0.min(region.end.0);
        let left = region.start.1.min(region.end.1);
        if top >= rows || left >= columns {
            continue;
        }
        let bottom = region.start.0.max(region.end.0).min(rows - 1);
        let right = region.start.1.max(region.end.1).min(columns - 1);
        let clipped = Dimensions {
            start: (top, left),
            end: (bottom, right),
        };
        let number = u32::try_from(kept.len() + 1).unwrap_or(u32::MAX);
        for row in top..=bottom {
            for column in left..=right {
                let slot = &mut index[row as usize * width + column as usize];
                if *slot != 0 {
                    let other = kept[*slot as usize - 1];
                    return Err(Unreadable(format!(
                        "工作表「{sheet}」的合并单元格 {} 与 {} 重叠（Excel 不会这样保存），文件已损坏：请在 Excel 或 WPS 中打开它，另存为 .xlsx 后再导入",
                        span(&other),
                        span(&clipped)
                    )));
                }
                *slot = number;
            }
        }
        kept.push(clipped);
    }
    Ok((kept, index))
}

/// `A1:B2`.
fn span(region: &Dimensions) -> String {
    format!(
        "{}:{}",
        address(region.start.0, region.start.1),
        address(region.end.0, region.end.1)
    )
}
