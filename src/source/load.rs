//! Reading a report's YAML sources: one file, or a folder whose files' top-level keys are merged.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::diagnostic::{Diagnostic, Diagnostics, FileId, SourceFiles, Span};
use crate::files::{self, Access, Kind, read_source};
use crate::form::keys::{TOP_LEVEL_KEYS, TopKey};
use crate::form::{self, FormKind, OwnEntry};
use crate::located::{At, parsing_file};
use crate::model::{AnnexTexts, Date, Framework, Report, Settings, Year};
use crate::source::yaml_error::translate;

mod draft;
mod recover;
mod split_target;

use draft::Draft;

/// Why a report could not be read at all (as opposed to read and found wrong).
#[derive(Debug)]
pub enum LoadError {
    /// The path does not exist or cannot be read.
    Io { path: PathBuf, reason: String },
    /// A folder without a single YAML file.
    NoYamlFiles(PathBuf),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { path, reason } => {
                write!(f, "无法读取「{}」：{reason}", path.display())
            }
            LoadError::NoYamlFiles(path) => write!(
                f,
                "文件夹「{}」里没有 .yaml 或 .yml 文件：请指定报告的 YAML 文件或其所在的文件夹",
                path.display()
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// What loading gives: the files read, every message, and the report when it could be built.
#[derive(Debug)]
pub struct Loaded {
    pub files: SourceFiles,
    pub report: Option<Report>,
    pub diagnostics: Diagnostics,
}

/// Reads the report at `path`: a YAML file, or a folder of them.
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    let sources = report_files(path)?;
    let mut inputs = Vec::new();
    for file in sources.yaml {
        let text = read_source(&file).map_err(|error| LoadError::Io {
            path: file.clone(),
            reason: error.to_string(),
        })?;
        inputs.push((file, text));
    }
    let mut loaded = load_texts(inputs);
    if !sources.other.is_empty() {
        loaded.diagnostics.push(ignored_files(&sources.other));
        loaded.diagnostics = std::mem::take(&mut loaded.diagnostics).sorted();
    }
    Ok(loaded)
}

/// At most this many names are listed in the warning about files not read.
const NAMES_SHOWN: usize = 20;

fn ignored_files(other: &[String]) -> Diagnostic {
    let mut names = other
        .iter()
        .take(NAMES_SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join("、");
    if other.len() > NAMES_SHOWN {
        names.push_str(&format!(" 等 {} 项", other.len()));
    }
    Diagnostic::warning(format!(
        "报告文件夹里的这些不是报告的一部分，没有读取：{names}"
    ))
    .help("报告只由文件夹里的 .yaml / .yml 文件组成，不读子文件夹：要用到的内容请放进这样的文件，其他的可以移走")
}

/// Parses and merges already-read sources, in the order given.
pub fn load_texts(inputs: Vec<(PathBuf, String)>) -> Loaded {
    let mut files = SourceFiles::default();
    let mut diagnostics = Diagnostics::default();
    let mut entries = Vec::new();
    let ids: Vec<FileId> = inputs
        .into_iter()
        .map(|(path, text)| files.add(path, line_feeds(text)))
        .collect();
    // Each file is read on its own, on all cores; the parts are merged in the order given.
    let parts: Vec<FilePart> = ids
        .par_iter()
        .map(|&id| parse_file(id, files.text(id)))
        .collect();
    for part in parts {
        diagnostics.extend(part.problems);
        entries.extend(part.entries);
    }
    let report = if diagnostics.has_errors() {
        diagnostics.extend(errors_in_goals_read(&entries));
        None
    } else {
        merge(entries, &files, &mut diagnostics)
    };
    Loaded {
        files,
        report,
        diagnostics,
    }
}

/// `text` with each line break that is a lone CR (old Mac files) made a LF, as YAML reads it
/// anyway: lines are then counted and quoted alike everywhere. A byte for a byte, so every
/// offset stays where it was.
fn line_feeds(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    for index in 0..bytes.len() {
        if bytes[index] == b'\r' && bytes.get(index + 1) != Some(&b'\n') {
            bytes[index] = b'\n';
        }
    }
    // Only ASCII bytes changed, for ASCII bytes: still UTF-8.
    String::from_utf8(bytes)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

/// With a file in error the report is not checked as a whole (its sums would be off by what
/// could not be read), but each goal that was read is checked on its own, so that one run
/// shows the mistakes inside goals too (an unknown 一级指标, an empty 年初目标值).
fn errors_in_goals_read(entries: &[(At<String>, Entry)]) -> Vec<Diagnostic> {
    let goals = entries.iter().flat_map(|(_, entry)| match entry {
        Entry::Own(entry) => entry.goals(),
        _ => &[],
    });
    goals
        .flat_map(|goal| crate::check::validate::check_goal_alone(goal, &Framework::default()).0)
        .filter(Diagnostic::is_error)
        .collect()
}

fn io_error(path: &Path, error: &std::io::Error) -> LoadError {
    LoadError::Io {
        path: path.to_path_buf(),
        reason: files::reason(error, Access::Read),
    }
}

/// What a report folder holds: its YAML files, sorted by name so that merging is the same
/// everywhere, and the names of anything else a user may have meant to be part of it.
struct ReportFiles {
    yaml: Vec<PathBuf>,
    other: Vec<String>,
}

/// A report folder with more entries than this is not a report folder: the rest are not read.
const MAX_FOLDER_ENTRIES: usize = 10_000;

fn report_files(path: &Path) -> Result<ReportFiles, LoadError> {
    let metadata = std::fs::metadata(path).map_err(|error| io_error(path, &error))?;
    if !metadata.is_dir() {
        return Ok(ReportFiles {
            yaml: vec![path.to_path_buf()],
            other: Vec::new(),
        });
    }
    let real = path
        .canonicalize()
        .map_err(|error| io_error(path, &error))?;
    let mut files = ReportFiles {
        yaml: Vec::new(),
        other: Vec::new(),
    };
    let entries = std::fs::read_dir(path).map_err(|error| io_error(path, &error))?;
    for (count, entry) in entries.enumerate() {
        if count == MAX_FOLDER_ENTRIES {
            files.other.push(format!(
                "（文件夹里超过 {MAX_FOLDER_ENTRIES} 项，其余的没有看）"
            ));
            break;
        }
        let file = entry.map_err(|error| io_error(path, &error))?.path();
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if is_hidden_or_editor_file(&name) {
            continue;
        }
        match place(&file, &real) {
            Placed::Source => files.yaml.push(file),
            Placed::Other(why) => files.other.push(format!("{name}{why}")),
        }
    }
    files.yaml.sort();
    files.other.sort();
    if files.yaml.is_empty() {
        return Err(LoadError::NoYamlFiles(path.to_path_buf()));
    }
    Ok(files)
}

/// An entry of a report folder: one of its sources, or something else (and why).
enum Placed {
    Source,
    Other(&'static str),
}

/// Only the regular YAML files of the folder are read: a link that leads out of it, a FIFO or
/// a device never is.
fn place(file: &Path, folder: &Path) -> Placed {
    if matches!(Kind::of(file), Ok(Kind::Link)) {
        match file.canonicalize() {
            Ok(target) if target.starts_with(folder) => {}
            Ok(_) => return Placed::Other("（指向文件夹之外的链接，没有跟随）"),
            Err(_) => return Placed::Other("（链接指向的文件不存在）"),
        }
    }
    match Kind::followed(file) {
        Ok(Kind::Folder) => Placed::Other("/"),
        Ok(Kind::Special(_)) => Placed::Other("（不是普通文件，没有打开）"),
        Ok(Kind::File) if files::is_yaml_name(file) => Placed::Source,
        _ => Placed::Other(""),
    }
}

/// Hidden files (`.目标1.yaml.swp`, macOS's `._目标1.yaml`, `.git/`), the backups and locks
/// editors leave beside a file, and the schema `jixiao new` writes for editors: never part of
/// a report, not worth a warning.
pub fn is_hidden_or_editor_file(name: &str) -> bool {
    name == crate::files::SCHEMA_NAME
        || name.starts_with('.')
        || name.starts_with("~$")
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swo", ".swx", ".tmp", ".bak", ".orig"]
            .iter()
            .any(|suffix| name.to_ascii_lowercase().ends_with(suffix))
        || matches!(name, "Thumbs.db" | "desktop.ini")
}

/// One top-level value, typed by its key: a key of every form, or of one form.
enum Entry {
    Form(At<FormKind>),
    UnitName(At<String>),
    Year(At<u16>),
    Submitted(At<Date>),
    Settings(Settings),
    Annex(AnnexTexts),
    Own(OwnEntry),
}

impl Entry {
    /// The top-level key the entry was written under.
    fn key(&self) -> TopKey {
        match self {
            Entry::Form(_) => TopKey::Form,
            Entry::UnitName(_) => TopKey::UnitName,
            Entry::Year(_) => TopKey::Year,
            Entry::Submitted(_) => TopKey::Submitted,
            Entry::Settings(_) => TopKey::Settings,
            Entry::Annex(_) => TopKey::Annex,
            Entry::Own(entry) => entry.key(),
        }
    }
}

/// The top-level entries of one file, each with its key, and unknown keys found on the way.
struct FilePart {
    entries: Vec<(At<String>, Entry)>,
    problems: Vec<Diagnostic>,
}

impl FilePart {
    fn empty() -> FilePart {
        FilePart {
            entries: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// A file that could not be read: its one error and no entries.
    fn failed(problem: Diagnostic) -> FilePart {
        FilePart {
            entries: Vec::new(),
            problems: vec![problem],
        }
    }
}

/// Reads one file, and says where a comment cuts a value short.
fn parse_file(file: FileId, text: &str) -> FilePart {
    let mut part = parse_entries(file, text);
    part.problems
        .extend(crate::source::yaml_lint::comment_problems(file, text));
    part
}

/// Reads one file: first as plain YAML, so that a syntax error is reported where it is rather
/// than as whatever the typed reading stumbled on first; then into the report's types, reading
/// on after each mistake so that one run reports them all.
fn parse_entries(file: FileId, text: &str) -> FilePart {
    let typed = |text: &str| {
        parsing_file(file, || {
            serde_saphyr::from_str_with_options::<Option<FilePart>>(text, yaml_options())
        })
    };
    // The typed reading asks more of the text than the syntax does, so a file it reads is
    // well-formed; only a file it refuses is read again for its syntax alone.
    if let Ok(part) = typed(text) {
        return part.unwrap_or_else(FilePart::empty);
    }
    if let Err(error) = serde_saphyr::from_str_with_options::<IgnoredAny>(text, yaml_options()) {
        return failed(&error, file, text);
    }
    // The mistakes seen in the lines name the cause where the typed reading names a symptom.
    let known = crate::source::yaml_lint::line_problems(file, text);
    let (part, problems) = recover::parse_reading_on(file, text, known, typed);
    let mut part = part.flatten().unwrap_or_else(FilePart::empty);
    part.problems.splice(0..0, problems);
    part
}

/// A file that did not parse: the mistakes seen in its lines when there are any (they name the
/// cause where the parser only names where it stumbled), else the parser's error translated.
fn failed(error: &serde_saphyr::Error, file: FileId, text: &str) -> FilePart {
    let problems = crate::source::yaml_lint::line_problems(file, text);
    if problems.is_empty() {
        return FilePart::failed(translate(error, file, text));
    }
    FilePart {
        entries: Vec::new(),
        problems,
    }
}

fn yaml_options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 64,
            max_nodes: 1_000_000,
        },
    }
}

impl<'de> Deserialize<'de> for FilePart {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(FilePartVisitor)
    }
}

struct FilePartVisitor;

impl<'de> Visitor<'de> for FilePartVisitor {
    type Value = FilePart;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("以「单位名称」「年度目标」等为键的映射")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FilePart, A::Error> {
        let mut part = FilePart::empty();
        while let Some(key) = map.next_key::<At<String>>()? {
            match next_entry(&key, &mut map)? {
                Some(entry) => part.entries.push((key, entry)),
                None => {
                    map.next_value::<IgnoredAny>()?;
                    part.problems.push(unknown_top_level_key(&key));
                }
            }
        }
        Ok(part)
    }
}

fn next_entry<'de, A: MapAccess<'de>>(
    key: &At<String>,
    map: &mut A,
) -> Result<Option<Entry>, A::Error> {
    let entry = match TopKey::from_key(&key.value) {
        Some(TopKey::Form) => Entry::Form(map.next_value()?),
        Some(TopKey::UnitName) => Entry::UnitName(map.next_value()?),
        Some(TopKey::Year) => {
            let year: At<Year> = map.next_value()?;
            Entry::Year(At::new(year.value.0, year.span))
        }
        Some(TopKey::Submitted) => Entry::Submitted(map.next_value()?),
        Some(TopKey::Settings) => Entry::Settings(map.next_value()?),
        Some(TopKey::Annex) => Entry::Annex(map.next_value()?),
        _ => return Ok(OwnEntry::read(&key.value, map)?.map(Entry::Own)),
    };
    Ok(Some(entry))
}

fn unknown_top_level_key(key: &At<String>) -> Diagnostic {
    let mut diagnostic = Diagnostic::error(format!("不认识顶层的键「{}」", key.value)).at(key.span);
    if let Some(help) = form::unknown_key_help(&key.value) {
        return diagnostic.help(help);
    }
    let known: Vec<&str> = TOP_LEVEL_KEYS
        .iter()
        .copied()
        .chain(["年度目标1"])
        .collect();
    diagnostic = match crate::diagnostic::closest(&key.value, &known) {
        Some(close) => diagnostic.help(format!("是不是想写「{close}」？")),
        None => diagnostic.help(format!(
            "顶层可用的键有：{}（每个目标单独成键时写「年度目标1」「年度目标2」……）",
            TOP_LEVEL_KEYS.join("、")
        )),
    };
    diagnostic
}

/// Puts the entries of all files together; the same key twice is an error naming both places.
fn merge(
    entries: Vec<(At<String>, Entry)>,
    files: &SourceFiles,
    diagnostics: &mut Diagnostics,
) -> Option<Report> {
    let mut seen: BTreeMap<String, Span> = BTreeMap::new();
    let mut draft = Draft::default();
    let mut duplicates = false;
    for (key, entry) in entries {
        let name = canonical_key(&key.value, &entry);
        if let Some(first) = seen.get(&name) {
            diagnostics.push(duplicate_key(&key, *first, files));
            duplicates = true;
            continue;
        }
        seen.insert(name, key.span);
        draft.take(key.span, entry);
    }
    let mut report = draft.finish(files, diagnostics);
    if let Some(report) = &mut report {
        split_target::join_split_targets(report, diagnostics);
    }
    // With one of two values dropped, checking the rest would report errors of our making.
    report.filter(|_| !duplicates)
}

/// The key as compared for duplicates: `年度目标1`, `年度目标 1` and `年度目标１` are one goal.
fn canonical_key(key: &str, entry: &Entry) -> String {
    match entry {
        Entry::Own(entry) => entry.canonical_key().unwrap_or_else(|| key.to_string()),
        _ => key.to_string(),
    }
}

fn duplicate_key(key: &At<String>, first: Span, files: &SourceFiles) -> Diagnostic {
    let where_first = if first.file == key.span.file {
        format!("第 {} 行", first.line)
    } else {
        format!(
            "「{}」第 {} 行",
            files.path(first.file).display(),
            first.line
        )
    };
    Diagnostic::error(format!("「{}」重复出现，{where_first}已经写过", key.value))
        .at(key.span)
        .related(first, "第一次出现在这里")
        .help("同一个顶层的键只能出现一次：删除其中一处，或把两处的内容合并")
}
