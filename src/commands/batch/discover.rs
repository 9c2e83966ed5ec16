//! Which reports a folder holds: one report (today's `jixiao build 文件夹`), or a folder of
//! reports, found recursively.
//!
//! The rule, on the YAML files of each folder (hidden and editor files left out) and the files
//! that carry the top-level key `单位名称` (every report has it, a part of one usually not):
//!
//! 1. Exactly one file carries 单位名称 and others do not: the folder is **one report** whose
//!    files are merged; its sub-folders are not searched (the loader names them in a warning).
//! 2. Otherwise each file that carries 单位名称 is **a report by itself**, and every sub-folder
//!    is searched by the same rule.
//! 3. Files without 单位名称 beside two or more that have it, or beside sub-folders holding
//!    reports: it cannot be told which report they belong to; the run is refused, naming them.
//! 4. A sub-folder whose YAML files none carry 单位名称 and that holds no reports below is one
//!    report (a broken one: the loader reports the missing 单位名称).
//!
//! The folder given on the command line is a single report (exactly as before) when rule 1
//! applies to it, when its only YAML file carries 单位名称 and no sub-folder holds a report,
//! and when no report is found in it at all (the loader then says what is missing).

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::files::{self, Kind, MAX_SOURCE_BYTES, is_source_name, is_yaml_name};
use crate::source::load::is_hidden_or_editor_file;

/// Folders nested deeper than this are not searched (a link loop, or the wrong folder).
const MAX_DEPTH: usize = 16;
/// Entries looked at in the whole tree: a folder of millions of files is not searched to its end.
const MAX_ENTRIES: usize = 100_000;

/// One report of a folder of reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportSource {
    /// The report's folder or file, as `ROOT/…`.
    pub path: PathBuf,
    /// Its path relative to ROOT, `/` between the parts, a file's extension dropped:
    /// `2022-baoxie`, `单位A/养老项目`. Its PDF is `OUTDIR/{name}.pdf`.
    pub name: String,
}

/// What `ROOT` holds.
#[derive(Debug, PartialEq, Eq)]
pub enum Layout {
    /// ROOT is one report (a file, or a folder of its parts).
    Single,
    /// Several reports, sorted by name.
    Many(Vec<ReportSource>),
}

/// What the search found, and what it left out on purpose (links out of ROOT, FIFOs, folders
/// too deep), each a note for the user.
#[derive(Debug, PartialEq, Eq)]
pub struct Discovery {
    pub layout: Layout,
    pub notes: Vec<String>,
}

/// Why a folder of reports cannot be read as one: each problem names its paths.
#[derive(Debug)]
pub struct LayoutError(pub Vec<String>);

impl fmt::Display for LayoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "无法判断文件夹里有哪些报告，未处理任何报告：")?;
        for problem in &self.0 {
            writeln!(f, "  - {problem}")?;
        }
        write!(
            f,
            "规则：一份由多个文件组成的报告单独放一个文件夹，其中恰好一个文件写「单位名称」；\
             写有「单位名称」的 YAML 文件各是一份单独的报告（见 README「一次处理多份报告」）"
        )
    }
}

impl std::error::Error for LayoutError {}

/// What `root` holds: see the module's rule.
pub fn discover(root: &Path) -> Result<Discovery, LayoutError> {
    let single = || {
        Ok(Discovery {
            layout: Layout::Single,
            notes: Vec::new(),
        })
    };
    let Ok(real_root) = root.canonicalize() else {
        return single();
    };
    if !real_root.is_dir() {
        return single();
    }
    let mut search = Search::new(real_root.clone());
    let Ok(listing) = search.list(root) else {
        // The loader says why it cannot be read.
        return single();
    };
    if listing.is_one_report() {
        return single();
    }
    search.visited.insert(real_root);
    let mut found = Found::default();
    search.listing(root, "", listing.clone(), 0, &mut found);
    if !found.problems.is_empty() {
        return Err(LayoutError(found.problems));
    }
    let only_file_here = listing.keyed.len() == 1
        && found.reports.len() == 1
        && found.reports[0].path == listing.keyed[0];
    if found.reports.is_empty() || only_file_here {
        return single();
    }
    found
        .reports
        .sort_by(|a, b| (&a.name, &a.path).cmp(&(&b.name, &b.path)));
    Ok(Discovery {
        layout: Layout::Many(found.reports),
        notes: search.notes,
    })
}

/// The PDF of each report, `OUTDIR/{name}.pdf`; refuses two reports writing the same file or a
/// report writing over the 汇总表 (`reserved`, names relative to OUTDIR without `.pdf`).
pub fn output_paths(
    reports: &[ReportSource],
    outdir: &Path,
    reserved: &[&str],
) -> Result<Vec<PathBuf>, LayoutError> {
    let mut problems = Vec::new();
    let mut seen: Vec<(String, &ReportSource)> = Vec::new();
    for report in reports {
        let key = report.name.to_lowercase();
        if reserved.iter().any(|r| r.to_lowercase() == key) {
            problems.push(format!(
                "报告「{}」的 PDF 会与汇总表同名（{}.pdf）：请给这份报告的文件或文件夹改个名字",
                report.path.display(),
                report.name
            ));
        } else if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
            problems.push(format!(
                "「{}」和「{}」都会写成 {}.pdf：请给其中一个改个名字",
                first.path.display(),
                report.path.display(),
                report.name
            ));
        } else {
            seen.push((key, report));
        }
    }
    if !problems.is_empty() {
        return Err(LayoutError(problems));
    }
    Ok(reports
        .iter()
        .map(|report| outdir.join(format!("{}.pdf", report.name)))
        .collect())
}

#[derive(Default)]
struct Found {
    reports: Vec<ReportSource>,
    problems: Vec<String>,
}

/// A folder's report files, split by whether they carry 单位名称 (or could not be read), and
/// its sub-folders; sorted.
#[derive(Clone, Default)]
struct Listing {
    keyed: Vec<PathBuf>,
    others: Vec<PathBuf>,
    unreadable: Vec<PathBuf>,
    folders: Vec<PathBuf>,
}

impl Listing {
    fn is_one_report(&self) -> bool {
        self.keyed.len() == 1 && !self.others.is_empty()
    }

    fn sort(&mut self) {
        self.keyed.sort();
        self.others.sort();
        self.unreadable.sort();
        self.folders.sort();
    }
}

/// A report file as the search sees it.
enum Content {
    Keyed,
    Other,
    /// A JSON file without 单位名称: some other tool's file, not a part of a report.
    Foreign,
    Unreadable,
}

/// The state of one search: what it may look at, what it has seen, what it tells the user.
struct Search {
    /// ROOT with its links resolved: nothing outside it is read.
    root: PathBuf,
    visited: BTreeSet<PathBuf>,
    entries: usize,
    notes: Vec<String>,
}

impl Search {
    fn new(root: PathBuf) -> Search {
        Search {
            root,
            visited: BTreeSet::new(),
            entries: 0,
            notes: Vec::new(),
        }
    }

    fn list(&mut self, dir: &Path) -> std::io::Result<Listing> {
        let mut listing = Listing::default();
        for entry in std::fs::read_dir(dir)? {
            if self.entries == MAX_ENTRIES {
                self.notes.push(format!(
                    "文件夹里的文件和子文件夹超过 {MAX_ENTRIES} 项，「{}」及之后的没有再找：是否指定错了文件夹？",
                    dir.display()
                ));
                self.entries += 1;
            }
            if self.entries > MAX_ENTRIES {
                break;
            }
            self.entries += 1;
            let path = entry?.path();
            if !is_hidden_or_editor_file(&file_name(&path)) {
                self.place(path, &mut listing);
            }
        }
        listing.sort();
        Ok(listing)
    }

    /// Puts one entry of a folder in its place: links out of ROOT, FIFOs and devices are left
    /// out with a note, never opened.
    fn place(&mut self, path: PathBuf, listing: &mut Listing) {
        let mut kind = Kind::of(&path).unwrap_or(Kind::Missing);
        if kind == Kind::Link {
            match path.canonicalize() {
                Ok(target) if target.starts_with(&self.root) => {
                    kind = Kind::followed(&path).unwrap_or(Kind::Missing);
                }
                Ok(target) => {
                    self.notes.push(format!(
                        "「{}」是指向文件夹之外（「{}」）的符号链接，没有跟随：要处理的报告请放进文件夹里",
                        path.display(),
                        target.display()
                    ));
                    return;
                }
                Err(_) => {
                    self.notes.push(format!(
                        "「{}」是一个符号链接，指向的文件或文件夹不存在，已跳过",
                        path.display()
                    ));
                    return;
                }
            }
        }
        match kind {
            Kind::Folder => listing.folders.push(path),
            Kind::Special(what) => self.notes.push(format!(
                "「{}」是一个{what}，不是普通文件，没有打开",
                path.display()
            )),
            Kind::File if is_source_name(&path) => match content(&path) {
                Content::Keyed => listing.keyed.push(path),
                Content::Other => listing.others.push(path),
                Content::Unreadable => listing.unreadable.push(path),
                Content::Foreign => {}
            },
            _ => {}
        }
    }

    fn folder(&mut self, dir: &Path, name: &str, depth: usize, found: &mut Found) {
        if depth > MAX_DEPTH {
            self.notes.push(format!(
                "「{}」嵌套超过 {MAX_DEPTH} 层文件夹，没有再往下找：是否指定错了文件夹，或有循环的符号链接？",
                dir.display()
            ));
            return;
        }
        if let Ok(real) = dir.canonicalize()
            && !self.visited.insert(real)
        {
            return;
        }
        match self.list(dir) {
            Ok(listing) => self.listing(dir, name, listing, depth, found),
            // A folder it cannot read is a report that fails: the loader says why, and the
            // other reports still build.
            Err(_) => found.reports.push(ReportSource {
                path: dir.to_path_buf(),
                name: name.to_string(),
            }),
        }
    }

    fn listing(
        &mut self,
        dir: &Path,
        name: &str,
        listing: Listing,
        depth: usize,
        found: &mut Found,
    ) {
        if listing.is_one_report() {
            found.reports.push(ReportSource {
                path: dir.to_path_buf(),
                name: name.to_string(),
            });
            return;
        }
        let mut below = Found::default();
        for folder in &listing.folders {
            let child = join_name(name, &file_name(folder));
            self.folder(folder, &child, depth + 1, &mut below);
        }
        let reports_below = !below.reports.is_empty() || !below.problems.is_empty();
        // A file it cannot read is a report of its own that fails (never merged with others).
        for file in &listing.unreadable {
            found.reports.push(ReportSource {
                path: file.clone(),
                name: join_name(name, &stem(file)),
            });
        }
        if !listing.others.is_empty() {
            if listing.keyed.is_empty() && !reports_below && !name.is_empty() {
                // A report without 单位名称: the loader says so.
                found.reports.push(ReportSource {
                    path: dir.to_path_buf(),
                    name: name.to_string(),
                });
                return;
            }
            if listing.keyed.is_empty() && !reports_below {
                // ROOT itself: [`discover`] reads it as one report.
                return;
            }
            found.problems.push(orphans(dir, &listing, reports_below));
        }
        for file in &listing.keyed {
            found.reports.push(ReportSource {
                path: file.clone(),
                name: join_name(name, &stem(file)),
            });
        }
        found.reports.extend(below.reports);
        found.problems.extend(below.problems);
    }
}

/// Whether a report file carries 单位名称, read within the loader's bound.
fn content(path: &Path) -> Content {
    let Ok(bytes) = files::read_bounded(path, MAX_SOURCE_BYTES) else {
        return Content::Unreadable;
    };
    let text = String::from_utf8_lossy(&bytes);
    if is_yaml_name(path) {
        if carries_unit_name(&text) {
            Content::Keyed
        } else {
            Content::Other
        }
    } else if json_carries_unit_name(&text) {
        Content::Keyed
    } else {
        Content::Foreign
    }
}

/// Whether the YAML has the top-level key `单位名称`: a line that starts with it (plain or
/// quoted) followed by `:`. Read as text, so that a file with a YAML error is still placed.
fn carries_unit_name(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.strip_prefix('\u{feff}').unwrap_or(line);
        ["单位名称", "\"单位名称\"", "'单位名称'"]
            .iter()
            .filter_map(|key| line.strip_prefix(key))
            .any(|rest| rest.trim_start().starts_with(':'))
    })
}

/// Whether the JSON has a key `"单位名称"` (a report's is at the top; reports nest no other).
fn json_carries_unit_name(text: &str) -> bool {
    text.match_indices("\"单位名称\"")
        .any(|(at, key)| text[at + key.len()..].trim_start().starts_with(':'))
}

/// Files without 单位名称 that belong to no report it can tell.
fn orphans(dir: &Path, listing: &Listing, reports_below: bool) -> String {
    let names = |files: &[PathBuf]| {
        files
            .iter()
            .map(|f| file_name(f))
            .collect::<Vec<_>>()
            .join("、")
    };
    let why = if listing.keyed.len() >= 2 {
        format!(
            "旁边有 {} 个各自写了「单位名称」的文件（{}），不知道它们属于哪一份",
            listing.keyed.len(),
            names(&listing.keyed)
        )
    } else if reports_below {
        "而这个文件夹的子文件夹里又有报告，不知道它们是一份报告还是放错了地方".to_string()
    } else {
        "不知道它们属于哪一份报告".to_string()
    };
    format!(
        "文件夹「{}」里的 {} 没有写「单位名称」，{why}：把一份报告的全部文件单独放进一个文件夹，\
         或给单独成报告的文件写上「单位名称」",
        dir.display(),
        names(&listing.others)
    )
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn join_name(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_string()
    } else {
        format!("{parent}/{child}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn names(layout: Layout) -> Vec<String> {
        match layout {
            Layout::Many(reports) => reports.into_iter().map(|r| r.name).collect(),
            Layout::Single => vec!["<single>".into()],
        }
    }

    #[test]
    fn a_report_folder_and_a_report_file_are_single() {
        let dir = tempfile::tempdir().unwrap();
        write(&dir.path().join("a/单位.yaml"), "单位名称: 甲\n");
        write(&dir.path().join("a/目标.yaml"), "年度目标1: {}\n");
        write(&dir.path().join("b/只有一个.yaml"), "\"单位名称\" : 乙\n");
        assert_eq!(
            discover(&dir.path().join("a")).unwrap().layout,
            Layout::Single
        );
        assert_eq!(
            discover(&dir.path().join("b")).unwrap().layout,
            Layout::Single
        );
        assert_eq!(
            discover(&dir.path().join("a/单位.yaml")).unwrap().layout,
            Layout::Single
        );
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        assert_eq!(discover(&empty).unwrap().layout, Layout::Single);
    }

    #[test]
    fn folders_files_and_broken_reports_are_found_recursively() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(&root.join("甲/单位.yaml"), "单位名称: 甲\n");
        write(&root.join("甲/目标.yaml"), "年度目标1: {}\n");
        write(&root.join("甲/旧版/x.yaml"), "单位名称: 旧\n");
        write(&root.join("乙/项目1.yaml"), "单位名称: 乙\n");
        write(&root.join("乙/项目2.yml"), "# c\n单位名称: 乙\n");
        write(&root.join("坏/a.yaml"), "年度: 2022\n");
        write(&root.join("单独.yaml"), "单位名称: 丙\n");
        write(&root.join("说明.txt"), "不是 YAML\n");
        assert_eq!(
            names(discover(root).unwrap().layout),
            ["乙/项目1", "乙/项目2", "单独", "坏", "甲"]
        );
    }

    #[test]
    fn files_it_cannot_place_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(&root.join("乙/项目1.yaml"), "单位名称: 乙\n");
        write(&root.join("乙/项目2.yaml"), "单位名称: 乙\n");
        write(&root.join("乙/目标.yaml"), "年度目标1: {}\n");
        write(&root.join("零散.yaml"), "年度: 2022\n");
        write(&root.join("丙/x.yaml"), "单位名称: 丙\n");
        let error = discover(root).unwrap_err();
        assert_eq!(error.0.len(), 2, "{error}");
        let text = error.to_string();
        assert!(
            text.contains("目标.yaml 没有写「单位名称」，旁边有 2 个"),
            "{text}"
        );
        assert!(
            text.contains("零散.yaml 没有写「单位名称」，而这个文件夹的子文件夹里又有报告"),
            "{text}"
        );
    }

    #[test]
    fn two_reports_for_one_pdf_are_refused() {
        let reports = [
            ReportSource {
                path: "r/x.yaml".into(),
                name: "x".into(),
            },
            ReportSource {
                path: "r/X".into(),
                name: "X".into(),
            },
            ReportSource {
                path: "r/汇总表.yaml".into(),
                name: "汇总表".into(),
            },
        ];
        let error = output_paths(&reports, Path::new("out"), &["汇总表"]).unwrap_err();
        assert_eq!(error.0.len(), 2, "{error}");
        let ok = output_paths(&reports[..1], Path::new("out"), &["汇总表"]).unwrap();
        assert_eq!(ok, [PathBuf::from("out/x.pdf")]);
    }

    #[test]
    fn links_out_of_root_special_files_and_deep_chains_are_notes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        write(&root.join("甲.yaml"), "单位名称: 甲\n");
        write(&root.join("乙.json"), "{\n  \"单位名称\" : \"乙\"\n}\n");
        write(&root.join("package.json"), "{\"name\": \"x\"}\n");
        write(&dir.path().join("outside/丙.yaml"), "单位名称: 丙\n");
        std::os::unix::fs::symlink(dir.path().join("outside"), root.join("外")).unwrap();
        std::os::unix::fs::symlink("/etc", root.join("etc")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("outside/丙.yaml"), root.join("丙.yaml"))
            .unwrap();
        std::os::unix::fs::symlink("甲.yaml", root.join("内.yaml")).unwrap();
        let fifo = root.join("管道.yaml");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let mut deep = root.join("深");
        for level in 0..20 {
            deep = deep.join(format!("{level}"));
        }
        std::fs::create_dir_all(&deep).unwrap();
        let found = discover(&root).unwrap();
        assert_eq!(names(found.layout), ["乙", "内", "甲"]);
        let notes = found.notes.join("\n");
        for needle in [
            "外」是指向文件夹之外",
            "etc」是指向文件夹之外",
            "丙.yaml」是指向文件夹之外",
            "管道.yaml」是一个命名管道",
            "嵌套超过 16 层",
        ] {
            assert!(notes.contains(needle), "{needle}: {notes}");
        }
    }

    #[test]
    fn an_unreadable_file_is_a_report_of_its_own_never_merged() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(&root.join("甲.yaml"), "单位名称: 甲\n");
        // Over the size a source may have: it cannot be read, even by root.
        let huge = std::fs::File::create(root.join("乙.yaml")).unwrap();
        huge.set_len(MAX_SOURCE_BYTES + 1).unwrap();
        write(&root.join("丙/单位.yaml"), "单位名称: 丙\n");
        // 乙 is not taken for a part of 甲 (one file with 单位名称 and one without).
        assert_eq!(
            names(discover(root).unwrap().layout),
            ["丙/单位", "乙", "甲"]
        );
    }

    #[test]
    fn an_unreadable_folder_is_a_report_that_fails_and_the_others_stay() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(&root.join("甲.yaml"), "单位名称: 甲\n");
        write(&root.join("丙/单位.yaml"), "单位名称: 丙\n");
        std::fs::set_permissions(root.join("丙"), std::fs::Permissions::from_mode(0o000)).unwrap();
        let readable_anyway = std::fs::read_dir(root.join("丙")).is_ok();
        let found = discover(root);
        std::fs::set_permissions(root.join("丙"), std::fs::Permissions::from_mode(0o755)).unwrap();
        if readable_anyway {
            // Straight to stderr, past the harness's capture: a skip must show.
            let _ = std::io::Write::write_all(
                &mut std::io::stderr(),
                "SKIPPED (discover): running as root, a folder's permissions do not stop reading it\n"
                    .as_bytes(),
            );
            return;
        }
        assert_eq!(names(found.unwrap().layout), ["丙", "甲"]);
    }
}
