//! `jixiao new`: a new report folder, either next year's sources from this year's (`--from`)
//! or a small commented example.

mod example;
mod next_year;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::files::{self, Access, SCHEMA_NAME};
use crate::form::FormKind;
use crate::output::write_atomically;

/// One file of the new report: its name inside the folder and its YAML text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewFile {
    pub name: String,
    pub text: String,
}

/// The files of a new report and what they hold.
#[derive(Clone, Debug)]
pub struct Plan {
    pub files: Vec<NewFile>,
    pub year: u16,
    pub form: FormKind,
    /// The 年度目标, when the form counts them (None: its indicators are one table).
    pub goals: Option<usize>,
    pub indicators: usize,
}

/// Why no report was written.
#[derive(Debug)]
pub enum NewError {
    /// The folder cannot be used, the source cannot be read, a file cannot be written.
    Usage(String),
    /// The source report has errors; the text holds its rendered messages.
    SourceErrors(String),
}

impl NewError {
    /// The exit code of `jixiao new`: 1 for errors in the source report, 2 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            NewError::Usage(_) => 2,
            NewError::SourceErrors(_) => 1,
        }
    }
}

impl fmt::Display for NewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NewError::Usage(message) => write!(f, "错误: {message}"),
            NewError::SourceErrors(rendered) => write!(
                f,
                "{rendered}上年度的报告有错误，未生成新报告：请先改正上面的错误（jixiao check 可以再查一遍）。"
            ),
        }
    }
}

impl std::error::Error for NewError {}

/// What `jixiao new` wrote.
#[derive(Clone, Debug)]
pub struct Created {
    pub dir: PathBuf,
    pub from: Option<PathBuf>,
    pub year: u16,
    pub form: FormKind,
    pub files: usize,
    /// The 年度目标, when the form counts them.
    pub goals: Option<usize>,
    pub indicators: usize,
}

impl fmt::Display for Created {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let dir = self.dir.display();
        let goals = self
            .goals
            .map_or_else(String::new, |goals| format!("{goals} 个年度目标，"));
        let counts = format!(
            "{}，{} 个 YAML 文件（另附编辑器用的 {SCHEMA_NAME}），{goals}{} 项指标",
            self.form.name(),
            self.files,
            self.indicators
        );
        match &self.from {
            Some(from) => write!(
                f,
                "已生成 {} 年度的报告「{dir}」：{counts}，目标和指标沿用「{}」。\n\
                 请填写实际完成值、预算金额和各段文字；jixiao check {dir} 会列出还没填写的地方。",
                self.year,
                from.display()
            ),
            None => write!(
                f,
                "已生成 {} 年度的示例报告「{dir}」：{counts}。\n\
                 可以先试试 jixiao check {dir} 和 jixiao build {dir}，再改成本单位的内容。",
                self.year
            ),
        }
    }
}

/// Writes a new report into `dir`, which must not exist or be empty: next year's sources from
/// the report at `from` (in its form), or the example of `form`. `year` overrides the year of
/// the new report.
pub fn new_report(
    dir: &Path,
    from: Option<&Path>,
    year: Option<u16>,
    form: FormKind,
) -> Result<Created, NewError> {
    let existed = ensure_usable(dir)?;
    let plan = match from {
        Some(src) => next_year::plan(src, year)?,
        None => example::plan(year.unwrap_or_else(last_year), form),
    };
    let files = with_schema(&plan.files)?;
    write_folder(dir, existed, &files)?;
    Ok(Created {
        dir: dir.to_path_buf(),
        from: from.map(Path::to_path_buf),
        year: plan.year,
        form: plan.form,
        files: plan.files.len(),
        goals: plan.goals,
        indicators: plan.indicators,
    })
}

/// The YAML files, each starting with the line that points editors to the schema, and the
/// schema itself: a copy in the folder, so that it works wherever the folder is moved.
pub(crate) fn with_schema(files: &[NewFile]) -> Result<Vec<NewFile>, NewError> {
    let schema = crate::schema::schema_json()
        .map_err(|error| NewError::Usage(format!("无法生成 JSON Schema：{error}")))?;
    let mut with = Vec::with_capacity(files.len() + 1);
    with.extend(files.iter().map(|file| NewFile {
        name: file.name.clone(),
        text: format!(
            "# yaml-language-server: $schema={SCHEMA_NAME}\n{}",
            file.text
        ),
    }));
    with.push(NewFile {
        name: SCHEMA_NAME.to_string(),
        text: schema,
    });
    Ok(with)
}

/// Whether `dir` already exists (as an empty folder); an error when it cannot be written into.
pub(crate) fn ensure_usable(dir: &Path) -> Result<bool, NewError> {
    let shown = dir.display();
    let metadata = match std::fs::metadata(dir) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(error) => {
            return Err(NewError::Usage(format!(
                "无法读取「{shown}」：{}",
                files::reason(&error, Access::Read)
            )));
        }
    };
    if !metadata.is_dir() {
        return Err(NewError::Usage(format!(
            "「{shown}」已经存在，而且不是文件夹：请指定一个新的文件夹"
        )));
    }
    let mut entries = std::fs::read_dir(dir).map_err(|error| {
        NewError::Usage(format!(
            "无法读取文件夹「{shown}」：{}",
            files::reason(&error, Access::Read)
        ))
    })?;
    if entries.next().is_some() {
        return Err(NewError::Usage(format!(
            "文件夹「{shown}」不是空的：为了不覆盖已有的文件，jixiao new 只写入新的或空的文件夹"
        )));
    }
    Ok(true)
}

/// Creates `dir` unless it `existed` and writes every file atomically; on failure removes what
/// it wrote (and the folder it created).
pub(crate) fn write_folder(dir: &Path, existed: bool, files: &[NewFile]) -> Result<(), NewError> {
    if !existed {
        std::fs::create_dir_all(dir).map_err(|error| {
            NewError::Usage(format!(
                "无法创建文件夹「{}」：{}",
                dir.display(),
                files::reason(&error, Access::Write)
            ))
        })?;
    }
    let mut written = Vec::new();
    for file in files {
        let path = dir.join(&file.name);
        if let Err(error) = write_atomically(&path, file.text.as_bytes()) {
            undo(dir, existed, &written);
            return Err(NewError::Usage(error.to_string()));
        }
        written.push(path);
    }
    Ok(())
}

/// Best effort: a failed `new` should leave nothing behind.
fn undo(dir: &Path, existed: bool, written: &[PathBuf]) {
    for path in written {
        let _ = std::fs::remove_file(path);
    }
    if !existed {
        let _ = std::fs::remove_dir(dir);
    }
}

/// The year before the current one: the year a report written now is usually about (inside
/// the years `check` accepts, should the clock be far off).
fn last_year() -> u16 {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs() / 86_400);
    let years = crate::model::YEARS;
    civil_year(days)
        .saturating_sub(1)
        .clamp(*years.start(), *years.end())
}

/// The Gregorian year of a day counted from 1970-01-01 (H. Hinnant's `civil_from_days`).
fn civil_year(days: u64) -> u16 {
    let shifted = days + 719_468;
    let era = shifted / 146_097;
    let day_of_era = shifted % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let year = year_of_era + era * 400 + u64::from(month_index >= 10);
    u16::try_from(year).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::civil_year;

    #[test]
    fn civil_years() {
        assert_eq!(civil_year(0), 1970);
        assert_eq!(civil_year(364), 1970);
        assert_eq!(civil_year(365), 1971);
        // 2024-12-31 and 2025-01-01
        assert_eq!(civil_year(20_088), 2024);
        assert_eq!(civil_year(20_089), 2025);
        // 2000-02-29
        assert_eq!(civil_year(11_016), 2000);
    }
}
