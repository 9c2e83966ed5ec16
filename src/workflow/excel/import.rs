//! `jixiao import`: a 自评表 workbook as units keep it (the Hubei 部门整体绩效自评表, or the national
//! 项目支出 / 部门整体支出绩效自评表) → YAML sources in the project's format, split into files as
//! `jixiao new` splits them. It never guesses silently: every assumption and every cell it
//! could not place is listed with its sheet and address, and it writes only into a new or
//! empty folder.

mod decide;
mod detail;
mod grid;
mod table;
mod yaml;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::form::FormKind;
use crate::workflow::scaffold::{ensure_usable, with_schema, write_folder};

/// Why nothing was imported.
#[derive(Debug)]
pub enum ImportError {
    /// The output folder cannot be used (not empty, not writable).
    Folder(String),
    /// The file is not a workbook calamine can read.
    Unreadable(String),
    /// The workbook holds no 自评表.
    NotATable(String),
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
            | ImportError::NotATable(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for ImportError {}

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

/// Reads the 自评表 of the workbook `file` and writes its YAML sources into `dir`.
pub fn import(file: &Path, dir: &Path) -> Result<Imported, ImportError> {
    let existed = ensure_usable(dir).map_err(|error| ImportError::Folder(strip(&error)))?;
    let grid = read_guarded(file)?;
    let mut table = table::read_table(&grid).ok_or_else(|| {
        ImportError::NotATable(format!(
            "工作表「{}」里找不到同一行的「一级指标」「二级指标」「三级指标」表头：请确认这是绩效自评表",
            grid.sheet
        ))
    })?;
    detail::complete(file, &mut table);
    decide::fill_gaps(&mut table, &grid.sheet);
    let decided = decide::scores(&table);
    let files = yaml::files(&table, &decided);
    for (address, text) in grid.unused() {
        table.notes.push(format!(
            "{address}：「{}」没有导入（不知道它属于哪一项）",
            short(&text)
        ));
    }
    let written = with_schema(&files).map_err(|error| ImportError::Folder(strip(&error)))?;
    write_folder(dir, existed, &written).map_err(|error| ImportError::Folder(strip(&error)))?;
    let mut notes = table.notes;
    notes.extend(decided.notes);
    Ok(Imported {
        file: file.to_path_buf(),
        dir: dir.to_path_buf(),
        form: table.form,
        files: files.len(),
        indicators: table.goals.iter().map(|g| g.indicators.len()).sum(),
        notes,
    })
}

/// Reads the workbook; a workbook so damaged that the reader gives up mid-way (calamine can
/// panic on some malformed files) is an error like any unreadable file, not a crash.
fn read_guarded(file: &Path) -> Result<grid::Grid, ImportError> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(|| grid::Grid::read(file));
    std::panic::set_hook(previous);
    result.unwrap_or_else(|_| {
        Err(ImportError::Unreadable(format!(
            "无法读取工作簿「{}」：文件已损坏或不是 Excel 工作簿（只能读取 .xlsx、.xlsm、.xls 文件）",
            file.display()
        )))
    })
}

/// A `jixiao new` error as import says it (without its own "错误: ").
fn strip(error: &impl fmt::Display) -> String {
    let text = error.to_string();
    text.strip_prefix("错误: ").unwrap_or(&text).to_string()
}

/// A cell's text cut to what a note can show.
fn short(text: &str) -> String {
    let first: String = text.chars().take(30).collect();
    if text.chars().count() > 30 {
        format!("{first}…")
    } else {
        first
    }
}
