//! `jixiao import`: a 自评表 workbook as units keep it (the Hubei 部门整体绩效自评表, or the national
//! 项目支出 / 部门整体支出绩效自评表) → YAML sources in the project's format, split into files as
//! `jixiao new` splits them. It never guesses silently: every assumption and every cell it
//! could not place is listed with its sheet and address, and it writes only into a new or
//! empty folder. It reads within [`limits`]: a workbook past them, damaged, encrypted or not a
//! workbook at all is refused with a message that says which, before anything is written.
//!
//! The sheet's form is the first that recognises it; the form reads its own cells and writes
//! the sources (`form/<form>/excel`), the rest is read here and in [`crate::excel`].

mod decide;
mod detail;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::commands::new::{NewFile, ensure_usable, with_schema, write_folder};
use crate::excel::read::grid::Grid;
use crate::excel::read::table::{Table, above, indicator_header, money_unit_above, read_table};
use crate::excel::read::{Unreadable, limits, open, short};
use crate::form::FormKind;
use crate::form::boundary::OwnCells;

/// Why nothing was imported.
#[derive(Debug)]
pub enum ImportError {
    /// The output folder cannot be used (not empty, not writable).
    Folder(String),
    /// The file is not a workbook calamine can read.
    Unreadable(String),
    /// The workbook holds no 自评表.
    NotATable(String),
    /// The 年度 is nowhere in the workbook, and `--year` was not given.
    NoYear(String),
}

impl ImportError {
    pub fn exit_code(&self) -> u8 {
        2
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Folder(message)
            | ImportError::Unreadable(message)
            | ImportError::NotATable(message)
            | ImportError::NoYear(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for ImportError {}

impl From<Unreadable> for ImportError {
    fn from(Unreadable(message): Unreadable) -> Self {
        ImportError::Unreadable(message)
    }
}

/// What was imported, and what the user should look at.
#[derive(Debug)]
pub struct Imported {
    pub file: PathBuf,
    pub dir: PathBuf,
    pub form: FormKind,
    pub files: usize,
    pub indicators: usize,
    /// Assumptions made and cells left out, each naming its cell (`Sheet1!D17`).
    pub notes: Vec<String>,
}

impl Imported {
    /// The notes, one a line, for the terminal.
    pub fn notes(&self) -> String {
        self.notes
            .iter()
            .map(|note| format!("注意：{note}\n"))
            .collect()
    }
}

impl fmt::Display for Imported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "已由「{}」导入{}到「{}」：{} 个 YAML 文件，{} 项指标，{} 条注意事项。\n请运行 jixiao check {} 核对导入的结果。",
            self.file.display(),
            self.form.name(),
            self.dir.display(),
            self.files,
            self.indicators,
            self.notes.len(),
            self.dir.display()
        )
    }
}

/// Reads the 自评表 of the workbook `file` and writes its YAML sources into `dir`; `year`
/// (`--year`) is the 年度 when the workbook's title has none, or overrides it.
pub fn import(file: &Path, dir: &Path, year: Option<u16>) -> Result<Imported, ImportError> {
    let existed = ensure_usable(dir).map_err(|error| ImportError::Folder(strip(&error)))?;
    let (mut read, grid, mut notes) = read_guarded(file)?;
    let (table, own) = (&mut read.table, read.own.as_mut());
    settle_year(table, &grid, year)?;
    decide::fill_gaps(table, own, &grid.sheet);
    table.score_places = decide::score_places(table, own.rule_set());
    let decided = decide::scores(table, own.rule_set());
    let files: Vec<NewFile> = own
        .files(table, &decided)
        .into_iter()
        .map(|file| NewFile {
            name: file.name,
            text: file.text,
        })
        .collect();
    for (address, text) in grid.unused() {
        table.notes.push(format!(
            "{address}：「{}」没有导入（不知道它属于哪一项）",
            short(&text)
        ));
    }
    let written = with_schema(&files).map_err(|error| ImportError::Folder(strip(&error)))?;
    write_folder(dir, existed, &written).map_err(|error| ImportError::Folder(strip(&error)))?;
    notes.extend(grid.notes());
    notes.extend(read.table.notes);
    notes.extend(decided.notes);
    Ok(Imported {
        file: file.to_path_buf(),
        dir: dir.to_path_buf(),
        form: read.form,
        files: files.len(),
        indicators: read.table.goals.iter().map(|g| g.indicators.len()).sum(),
        notes,
    })
}

/// The 自评表 as read: its form, what every form has, and the form's own cells.
struct Read {
    form: FormKind,
    table: Table,
    own: Box<dyn OwnCells>,
}

/// Reads the workbook; a workbook so damaged that the reader gives up mid-way (calamine can
/// panic on some malformed files) is an error like any unreadable file, not a crash.
fn read_guarded(file: &Path) -> Result<(Read, Grid, Vec<String>), ImportError> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(|| read(file));
    std::panic::set_hook(previous);
    result.unwrap_or_else(|_| {
        Err(ImportError::Unreadable(format!(
            "无法读取工作簿「{}」：文件已损坏：请在 Excel 或 WPS 中打开它，另存为 .xlsx 后再导入",
            file.display()
        )))
    })
}

/// The workbook's 自评表 sheet read into a table; the notes on the file and the sheets skipped.
fn read(file: &Path) -> Result<(Read, Grid, Vec<String>), ImportError> {
    let mut book = open::open(file)?;
    let (grid, skipped) = table_sheet(&mut book, file)?;
    let mut notes = std::mem::take(&mut book.notes);
    if !skipped.is_empty() {
        notes.push(format!(
            "工作表「{}」里没有自评表的表头，已跳过（看作填表说明等）；自评表取自工作表「{}」",
            skipped.join("」「"),
            grid.sheet
        ));
    }
    let mut read = read_table_of(&grid).ok_or_else(|| no_header(&grid.sheet))?;
    detail::complete(&mut book, &mut read.table);
    Ok((read, grid, notes))
}

/// The sheet's table, read as its form lays it out.
fn read_table_of(grid: &Grid) -> Option<Read> {
    let (header, columns) = indicator_header(grid)?;
    let form = form_of(grid, header);
    let workbook = form.workbook();
    let (mut table, own) = read_table(grid, (header, columns), workbook.labelled_goals(), || {
        workbook.read_own(grid, header)
    });
    table.money_unit = money_unit_above(grid, header);
    Some(Read { form, table, own })
}

/// The first form that the texts above the indicator table (at row `header`) mark, else the
/// default.
fn form_of(grid: &Grid, header: u32) -> FormKind {
    let above = |needle: &str| above(grid, header, needle);
    FormKind::ALL
        .into_iter()
        .find(|form| form.workbook().recognises(&above))
        .unwrap_or_default()
}

/// The first sheet whose first [`limits::HEADER_ROWS`] rows hold the indicator table's header,
/// and the names of the sheets before it.
fn table_sheet(book: &mut open::Book, file: &Path) -> Result<(Grid, Vec<String>), ImportError> {
    let names = book.names();
    let mut skipped = Vec::new();
    let mut label: Option<(String, u32)> = None;
    for name in &names {
        let grid = Grid::read(book, name)?;
        if indicator_header(&grid).is_some() {
            return Ok((grid, skipped));
        }
        if label.is_none()
            && let Some((row, _)) = grid.find(|text| text.contains("三级指标"))
        {
            label = Some((name.clone(), row));
        }
        skipped.push(name.clone());
    }
    Err(match label {
        Some((sheet, row)) if row >= limits::HEADER_ROWS => ImportError::NotATable(format!(
            "工作表「{sheet}」的「三级指标」在第 {} 行，而导入只在前 {} 行中找表头（「一级指标」「二级指标」「三级指标」在同一行）：请删去表头上方多余的行，使表头在前 {} 行之内，再导入",
            row + 1,
            limits::HEADER_ROWS,
            limits::HEADER_ROWS
        )),
        Some((sheet, _)) => no_header(&sheet),
        None => ImportError::NotATable(format!(
            "工作簿「{}」的工作表（{}）里没有「三级指标」表头，不像绩效自评表：请确认选的是自评表的工作簿",
            file.display(),
            names.join("、")
        )),
    })
}

fn no_header(sheet: &str) -> ImportError {
    ImportError::NotATable(format!(
        "工作表「{sheet}」里找不到同一行的「一级指标」「二级指标」「三级指标」表头：请确认这是绩效自评表"
    ))
}

/// The 年度: `--year` when given (said when the title has another), else the title's; asked
/// for when neither has one.
fn settle_year(table: &mut Table, grid: &Grid, year: Option<u16>) -> Result<(), ImportError> {
    match (year, table.year) {
        (Some(given), Some(found)) if given != found => {
            table.notes.push(format!(
                "{}：标题中的年度是 {found}，按 --year 写入 {given}",
                grid.sheet
            ));
            table.year = Some(given);
        }
        (Some(given), _) => table.year = Some(given),
        (None, Some(_)) => {}
        (None, None) => {
            let hint = table
                .filled_on
                .as_deref()
                .and_then(|date| date.get(..4)?.parse::<u16>().ok())
                .and_then(|filled| filled.checked_sub(1))
                .filter(|year| (1000..=9998).contains(year))
                .map_or_else(String::new, |year| {
                    format!(
                        "（填报日期是 {}，评价的多半是 {year} 年度）",
                        table.filled_on.as_deref().unwrap_or("")
                    )
                });
            return Err(ImportError::NoYear(format!(
                "工作表「{}」的标题中没有「某某年度」（如「2022年度」），无法确定评价的年度{hint}：请用 --year 指定，如 jixiao import 自评表.xlsx -o 输出文件夹 --year 2022；未写入任何文件",
                grid.sheet
            )));
        }
    }
    Ok(())
}

/// A `jixiao new` error as import says it (without its own "错误: ").
fn strip(error: &impl fmt::Display) -> String {
    let text = error.to_string();
    text.strip_prefix("错误: ").unwrap_or(&text).to_string()
}
