//! The structure ARCHITECTURE.md describes, held against the code: the stages only look down,
//! and only the form folders and the one list name a form.

use std::path::{Path, PathBuf};

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");

/// The top-level modules of `src/`, bottom first: a module may use those on its own floor or
/// below, never one above.
const FLOORS: &[&[&str]] = &[
    &["diagnostic", "files", "limits", "yaml_text"],
    &["located", "output"],
    &["model"],
    &["typeset"],
    &["scoring"],
    &["check", "document"],
    &["render", "excel"],
    &["form"],
    &["source", "schema"],
    &["pipeline"],
    &["commands"],
    &["cli"],
    &["lib", "main"],
];

/// The one import that runs up, on purpose: the form-neutral `Report` holds the form's own part,
/// whose type the list of forms names.
const UPWARD_ON_PURPOSE: &[(&str, &str)] = &[("model.rs", "form")];

/// What names a particular form in code.
const FORM_NAMES: &[&str] = &[
    "form::department",
    "form::national",
    "FormKind::Department",
    "FormKind::Project",
    "FormKind::DepartmentSpending",
    "Own::Department",
    "Own::National",
    "is_national",
    ".national()",
    ".department()",
    "部门整体绩效自评表",
    "项目支出绩效自评表",
    "部门整体支出绩效自评表",
];

/// Where a form may be named: its folder, and the list of forms with its boundary.
fn may_name_forms(relative: &str) -> bool {
    relative.starts_with("form/")
}

#[test]
fn every_stage_only_uses_the_stages_below_it() {
    let mut upward = Vec::new();
    for (relative, code) in sources() {
        let from = top_module(&relative);
        let from_floor = floor(&from);
        for used in used_modules(&code) {
            let Some(to_floor) = floor_of_module(&used) else {
                continue;
            };
            let on_purpose = UPWARD_ON_PURPOSE.contains(&(relative.as_str(), used.as_str()));
            if to_floor > from_floor && !on_purpose {
                upward.push(format!("{relative} → crate::{used}"));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports that run up a floor:\n{}",
        upward.join("\n")
    );
}

#[test]
fn only_the_form_folders_name_a_form() {
    let mut found = Vec::new();
    for (relative, code) in sources() {
        if may_name_forms(&relative) {
            continue;
        }
        for (number, line) in (1..).zip(code.lines()) {
            for name in FORM_NAMES.iter().filter(|name| line.contains(*name)) {
                found.push(format!("{relative}:{number}: {name}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "forms named outside src/form/:\n{}",
        found.join("\n")
    );
}

#[test]
fn every_top_level_module_has_a_floor() {
    let unplaced: Vec<String> = sources()
        .into_iter()
        .map(|(relative, _)| top_module(&relative))
        .filter(|module| floor_of_module(module).is_none())
        .collect();
    assert!(unplaced.is_empty(), "modules on no floor: {unplaced:?}");
}

fn floor_of_module(module: &str) -> Option<usize> {
    FLOORS.iter().position(|floor| floor.contains(&module))
}

fn floor(module: &str) -> usize {
    floor_of_module(module).unwrap_or(usize::MAX)
}

/// `check/validate.rs` → `check`; `model.rs` → `model`.
fn top_module(relative: &str) -> String {
    let first = relative.split('/').next().unwrap_or(relative);
    first.trim_end_matches(".rs").to_string()
}

/// The top-level modules a file names as `crate::…`.
fn used_modules(code: &str) -> Vec<String> {
    let mut used: Vec<String> = code
        .match_indices("crate::")
        .filter(|(at, _)| !code[..*at].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
        .map(|(at, _)| {
            code[at + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect()
        })
        .collect();
    used.sort();
    used.dedup();
    used
}

/// Every Rust file of `src/`, by its path under `src/`, with its comments taken out (a doc link
/// to another stage is no import).
fn sources() -> Vec<(String, String)> {
    let mut files = Vec::new();
    collect(Path::new(SRC), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let relative = path
                .strip_prefix(SRC)
                .unwrap()
                .to_string_lossy()
                .trim_start_matches('/')
                .to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            (relative, without_comments(&text))
        })
        .collect()
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The code of each line without its `//` comment (a `//` inside a string is kept: the rest
/// of such a line is code, and counting it can only find more).
fn without_comments(text: &str) -> String {
    text.lines()
        .map(|line| match comment_start(line) {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn comment_start(line: &str) -> Option<usize> {
    let mut in_string = false;
    let mut previous = ' ';
    for (at, c) in line.char_indices() {
        match c {
            '"' if previous != '\\' => in_string = !in_string,
            '/' if !in_string && line[at..].starts_with("//") => return Some(at),
            _ => {}
        }
        previous = c;
    }
    None
}
