//! The template folder: minijinja templates (`*.j2`) that write Typst, and any other files
//! (Typst styles, images) the document may read.

use crate::limits::{Limits, MIB};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The templates every form's templates include, shipped in the binary so that an installed
/// `jixiao` works on its own; each form ships its own besides (see [`TemplateSet::built_in`]).
const SHARED: &[(&str, &str)] = &[("style.typ.j2", include_str!("../../templates/style.typ.j2"))];

/// Templates by name, and the plain files a document may read, by virtual path ("/logo.png").
#[derive(Clone, Debug, Default)]
pub struct TemplateSet {
    pub templates: BTreeMap<String, String>,
    pub files: BTreeMap<String, Vec<u8>>,
    /// Where each template or file of the `--templates` folder was read from, by its template
    /// name or virtual path: messages point the user at their own file.
    pub origins: BTreeMap<String, PathBuf>,
}

#[derive(Debug)]
pub struct TemplateDirError {
    pub path: PathBuf,
    pub reason: String,
}

impl std::fmt::Display for TemplateDirError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "无法读取模板「{}」：{}",
            self.path.display(),
            self.reason
        )
    }
}

impl std::error::Error for TemplateDirError {}

impl TemplateSet {
    /// The shared templates and the forms' `form_templates`, by name.
    pub fn built_in(form_templates: &[(&str, &str)]) -> TemplateSet {
        TemplateSet {
            templates: SHARED
                .iter()
                .chain(form_templates)
                .map(|(name, source)| (name.to_string(), source.to_string()))
                .collect(),
            files: BTreeMap::new(),
            origins: BTreeMap::new(),
        }
    }

    /// The built-in templates with the files of `dir` on top: a template of the same name
    /// replaces the built-in one; other files become readable by the document.
    /// The folder may hold at most `limits.template_files` files of `limits.template_bytes`.
    pub fn with_overrides(
        form_templates: &[(&str, &str)],
        dir: &Path,
        limits: &Limits,
    ) -> Result<TemplateSet, TemplateDirError> {
        let mut set = TemplateSet::built_in(form_templates);
        for path in files_under(dir, limits)? {
            let relative = path.strip_prefix(dir).unwrap_or(&path);
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let bytes = std::fs::read(&path).map_err(|e| dir_error(&path, &e))?;
            if name.ends_with(".j2") {
                let source = String::from_utf8(bytes).map_err(|_| TemplateDirError {
                    path: path.clone(),
                    reason: "不是 UTF-8 编码的文本".to_string(),
                })?;
                set.origins.insert(name.clone(), path.clone());
                set.templates.insert(name, source);
            } else {
                set.origins.insert(format!("/{name}"), path.clone());
                set.files.insert(format!("/{name}"), bytes);
            }
        }
        Ok(set)
    }
}

fn dir_error(path: &Path, error: &std::io::Error) -> TemplateDirError {
    TemplateDirError {
        path: path.to_path_buf(),
        reason: crate::files::reason(error, crate::files::Access::Read),
    }
}

fn refused(path: &Path, reason: impl Into<String>) -> TemplateDirError {
    TemplateDirError {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

/// The regular files of `dir` and its sub-folders, hidden ones left out. A symlink is followed
/// only when it leads to a file inside the folder: the folder is all a template may read. At
/// most so many files and bytes: a wrong `--templates` (the home folder, `/`) fails at once
/// instead of reading the disk.
fn files_under(dir: &Path, limits: &Limits) -> Result<Vec<PathBuf>, TemplateDirError> {
    let root = dir.canonicalize().map_err(|e| dir_error(dir, &e))?;
    let mut files = Vec::new();
    let mut total = 0u64;
    let mut pending = vec![dir.to_path_buf()];
    let mut visited = std::collections::BTreeSet::from([root.clone()]);
    while let Some(current) = pending.pop() {
        let entries = std::fs::read_dir(&current).map_err(|e| dir_error(&current, &e))?;
        for entry in entries {
            let path = entry.map_err(|e| dir_error(&current, &e))?.path();
            let hidden = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if hidden {
                continue;
            }
            let real = path.canonicalize().map_err(|e| dir_error(&path, &e))?;
            if !real.starts_with(&root) {
                return Err(refused(
                    &path,
                    "这是指向模板文件夹之外的链接，模板只能读取文件夹里的文件：请把要用的文件复制进来",
                ));
            }
            let metadata = std::fs::metadata(&real).map_err(|e| dir_error(&path, &e))?;
            if metadata.is_dir() {
                // A link back to a folder already read would loop forever.
                if visited.insert(real) {
                    pending.push(path);
                }
                continue;
            }
            if !metadata.is_file() {
                return Err(refused(&path, "不是普通文件"));
            }
            total += metadata.len();
            files.push(path);
            if files.len() > limits.template_files || total > limits.template_bytes {
                return Err(refused(
                    dir,
                    format!(
                        "模板文件夹超过了 {} 个文件或 {} MB 的上限：--templates 应指向只放模板的文件夹\
                         （确需更多时用 --max-template-files、--max-template-mb 放宽上限）",
                        limits.template_files,
                        limits.template_bytes / MIB
                    ),
                ));
            }
        }
    }
    files.sort();
    Ok(files)
}
