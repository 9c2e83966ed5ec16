//! A worksheet as import reads it: every non-empty cell as the text Excel shows (a number with
//! a % format as `82%`, a number as its decimal), merged regions resolved to their top-left
//! cell, and a record of which cells were used.

use std::cell::Cell as Flag;
use std::collections::BTreeMap;
use std::io::{Read, Seek};
use std::path::Path;

use calamine::{Data, Dimensions, Reader, Sheets, open_workbook_auto};
use rust_decimal::Decimal;

use super::ImportError;
use crate::workflow::excel::cells::{address, decimal_of};

/// One cell with a value.
#[derive(Debug)]
pub struct Cell {
    /// As shown: `82%`, `13581.29`, `按计划完成`.
    pub text: String,
    /// The number, when the cell holds one (as a number, or as text that is one).
    pub number: Option<Decimal>,
    used: Flag<bool>,
}

#[derive(Debug)]
pub struct Grid {
    pub sheet: String,
    cells: BTreeMap<(u32, u32), Cell>,
    merged: Vec<Dimensions>,
    /// (rows, columns) up to the last cell with a value.
    size: (u32, u32),
}

impl Grid {
    /// The first sheet that holds a 三级指标 header (the 自评表), of the workbook at `path`.
    pub fn read(path: &Path) -> Result<Grid, ImportError> {
        if !path.is_file() {
            return Err(ImportError::Unreadable(format!(
                "无法读取工作簿「{}」：文件不存在（或是一个文件夹）",
                path.display()
            )));
        }
        let mut workbook = open_workbook_auto(path).map_err(|error| {
            let why = match error {
                calamine::Error::Io(_) => "文件不存在或没有读取权限",
                _ => "文件已损坏，或不是 Excel 工作簿",
            };
            ImportError::Unreadable(format!(
                "无法读取工作簿「{}」：{why}（只能读取 .xlsx、.xlsm、.xls 文件；.et、.csv 等请先在 Excel 或 WPS 中另存为 .xlsx）",
                path.display()
            ))
        })?;
        let names = workbook.sheet_names();
        for name in &names {
            let grid = read_sheet(&mut workbook, name)?;
            if grid.find(|text| text.contains("三级指标")).is_some() {
                return Ok(grid);
            }
        }
        Err(ImportError::NotATable(format!(
            "工作簿「{}」的工作表（{}）里没有「三级指标」表头，不像绩效自评表：请确认选的是自评表的工作簿",
            path.display(),
            names.join("、")
        )))
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

    /// The merged region holding (row, column), if it is in one.
    fn region(&self, row: u32, column: u32) -> Option<&Dimensions> {
        self.merged.iter().find(|d| {
            d.start.0 <= row && row <= d.end.0 && d.start.1 <= column && column <= d.end.1
        })
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

fn read_sheet<R: Read + Seek>(workbook: &mut Sheets<R>, name: &str) -> Result<Grid, ImportError> {
    let range = workbook
        .worksheet_range(name)
        .map_err(|_| ImportError::Unreadable(format!("无法读取工作表「{name}」：工作表已损坏")))?;
    let styles = workbook.worksheet_style(name).ok();
    let merged = match workbook {
        Sheets::Xlsx(xlsx) => xlsx.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(xls) => xls.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    };
    let mut cells = BTreeMap::new();
    let (top, left) = range.start().unwrap_or((0, 0));
    for (row, column, data) in range.used_cells() {
        let (row, column) = (top + row as u32, left + column as u32);
        let percent = styles
            .as_ref()
            .and_then(|styles| styles.get((row, column)))
            .and_then(|style| style.number_format.as_ref())
            .is_some_and(|format| format.format_code.contains('%'));
        if let Some(cell) = cell_of(data, percent) {
            cells.insert((row, column), cell);
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
    Ok(Grid {
        sheet: name.to_string(),
        cells,
        merged,
        size,
    })
}

fn cell_of(data: &Data, percent: bool) -> Option<Cell> {
    let (text, number) = match data {
        Data::Int(n) => (n.to_string(), Some(Decimal::from(*n))),
        Data::Float(f) => {
            let number = decimal_of(*f)?;
            (number.to_string(), Some(number))
        }
        Data::String(s) => {
            let text = s.trim().to_string();
            let number = text.replace([',', '，'], "").parse::<Decimal>().ok();
            (text, number)
        }
        Data::Bool(b) => (b.to_string(), None),
        Data::DateTime(date) => (date_text(date)?, None),
        Data::DateTimeIso(text) => (text.chars().take(10).collect(), None),
        Data::DurationIso(text) => (text.clone(), None),
        Data::Error(_) | Data::Empty => return None,
    };
    if text.is_empty() {
        return None;
    }
    let text = match (percent, number, data) {
        // A number shown with a % format: 0.82 is written 82%.
        (true, Some(number), Data::Int(_) | Data::Float(_)) => {
            format!("{}%", (number * Decimal::ONE_HUNDRED).normalize())
        }
        _ => text,
    };
    Some(Cell {
        text,
        number,
        used: Flag::new(false),
    })
}

/// A date cell as `2023-06-10` (Excel counts days from 1899-12-30).
fn date_text(date: &calamine::ExcelDateTime) -> Option<String> {
    let serial = date.as_f64();
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64 - 25_569; // days from 1970-01-01
    let (year, month, day) = civil(days);
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// The Gregorian date of a day counted from 1970-01-01 (H. Hinnant's `civil_from_days`).
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}
