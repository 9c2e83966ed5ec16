//! Writing results without ever leaving a half-written file, or touching a source: every output
//! is checked against the sources and templates first, written beside its place, and renamed into
//! place only when all of them were written.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// Why the outputs were not written; nothing was written in any case.
#[derive(Debug)]
pub enum OutputError {
    /// The output is one of the report's sources, or a YAML file beside them.
    Source { output: PathBuf, source: PathBuf },
    /// The output lies inside the `--templates` folder.
    Template { output: PathBuf, templates: PathBuf },
    /// Two outputs are the same file.
    Same { first: PathBuf, second: PathBuf },
    /// The output names a folder.
    Folder(PathBuf),
    /// Writing failed (a missing folder, no permission, a full disk).
    Write { path: PathBuf, reason: String },
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutputError::Source { output, source } => write!(
                f,
                "输出文件「{}」会覆盖报告的源文件「{}」：请另选输出路径（如 报告.pdf），未写入任何文件",
                output.display(),
                source.display()
            ),
            OutputError::Template { output, templates } => write!(
                f,
                "输出文件「{}」在模板文件夹「{}」里：请写到模板文件夹之外，未写入任何文件",
                output.display(),
                templates.display()
            ),
            OutputError::Same { first, second } => write!(
                f,
                "PDF 和 Typst 源文件不能写到同一个文件（「{}」与「{}」）：请给 --typst-out 另选路径，未写入任何文件",
                first.display(),
                second.display()
            ),
            OutputError::Folder(path) => write!(
                f,
                "输出路径「{}」是一个文件夹：请写上文件名，如「{}」",
                path.display(),
                path.join("报告.pdf").display()
            ),
            OutputError::Write { path, reason } => {
                write!(
                    f,
                    "无法写入「{}」：{reason}，未写入任何文件",
                    path.display()
                )
            }
        }
    }
}

impl std::error::Error for OutputError {}

/// What the outputs must not touch.
#[derive(Clone, Debug)]
pub struct Protected {
    /// The report: a YAML file or the folder of its sources.
    pub src: PathBuf,
    pub templates: Option<PathBuf>,
}

/// Refuses outputs that are sources, templates or each other; Ok with the files they write to
/// (a symlink's target, not the link).
pub fn check_outputs(
    outputs: &[&Path],
    protected: &Protected,
) -> Result<Vec<PathBuf>, OutputError> {
    let mut targets: Vec<PathBuf> = Vec::new();
    for output in outputs {
        let target = resolve(output);
        if target.is_dir() {
            return Err(OutputError::Folder(output.to_path_buf()));
        }
        refuse_source(output, &target, &protected.src)?;
        if let Some(templates) = &protected.templates {
            let folder = resolve(templates);
            if target.starts_with(&folder) {
                return Err(OutputError::Template {
                    output: output.to_path_buf(),
                    templates: templates.clone(),
                });
            }
        }
        if let Some(index) = targets.iter().position(|t| *t == target) {
            return Err(OutputError::Same {
                first: outputs[index].to_path_buf(),
                second: output.to_path_buf(),
            });
        }
        targets.push(target);
    }
    Ok(targets)
}

fn refuse_source(output: &Path, target: &Path, src: &Path) -> Result<(), OutputError> {
    let source = resolve(src);
    let hits_source = if source.is_dir() {
        target.starts_with(&source) && is_yaml_name(target)
    } else {
        *target == source
    };
    if hits_source {
        return Err(OutputError::Source {
            output: output.to_path_buf(),
            source: if source.is_dir() {
                target.to_path_buf()
            } else {
                src.to_path_buf()
            },
        });
    }
    Ok(())
}

/// `.yaml` / `.yml` in any case: the names the loader reads as sources.
pub fn is_yaml_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// The file a write to `path` changes: symlinks followed (also a dangling one), made absolute.
fn resolve(path: &Path) -> PathBuf {
    let mut path = absolute(path);
    for _ in 0..40 {
        if let Ok(real) = std::fs::canonicalize(&path) {
            return real;
        }
        match std::fs::read_link(&path) {
            Ok(link) => {
                let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
                path = base.join(link);
            }
            Err(_) => break,
        }
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => std::fs::canonicalize(parent)
            .map(|real| real.join(name))
            .unwrap_or(path.clone()),
        _ => path,
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Checks the outputs, writes each beside its place and renames them all into place only when
/// every one was written: on any failure no file is changed.
pub fn write_outputs(files: &[(&Path, &[u8])], protected: &Protected) -> Result<(), OutputError> {
    let paths: Vec<&Path> = files.iter().map(|(path, _)| *path).collect();
    let targets = check_outputs(&paths, protected)?;
    let mut written = Vec::new();
    for ((path, bytes), target) in files.iter().zip(&targets) {
        let temporary = write_beside(target, bytes).map_err(|error| write_error(path, &error))?;
        written.push((*path, target, temporary));
    }
    for (path, target, temporary) in written {
        temporary
            .persist(target)
            .map_err(|error| write_error(path, &error.error))?;
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically: a failed write leaves any existing file untouched.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = resolve(path);
    write_beside(&target, bytes)?
        .persist(&target)
        .map_err(|error| error.error)?;
    Ok(())
}

/// A temporary file in `target`'s folder holding `bytes`, with the mode `target` will have.
fn write_beside(target: &Path, bytes: &[u8]) -> std::io::Result<NamedTempFile> {
    let dir = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".jixiao-").suffix(".tmp");
    // rw for everyone less the umask (the system applies it on creation), as any program that
    // creates a document does; tempfile's own default is 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temporary = builder.tempfile_in(dir)?;
    temporary.write_all(bytes)?;
    if let Ok(existing) = std::fs::metadata(target) {
        temporary
            .as_file()
            .set_permissions(existing.permissions())?;
    }
    temporary.as_file().sync_all()?;
    Ok(temporary)
}

fn write_error(path: &Path, error: &std::io::Error) -> OutputError {
    OutputError::Write {
        path: path.to_path_buf(),
        reason: io_reason(error),
    }
}

/// An I/O failure in Chinese (never the OS's English text or a temporary file's name).
pub fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "所在的文件夹不存在".to_string(),
        ErrorKind::PermissionDenied => "没有写入权限".to_string(),
        ErrorKind::StorageFull => "磁盘已满".to_string(),
        ErrorKind::ReadOnlyFilesystem => "文件系统是只读的".to_string(),
        ErrorKind::IsADirectory => "这是一个文件夹".to_string(),
        ErrorKind::NotADirectory => "路径中有一段不是文件夹".to_string(),
        ErrorKind::AlreadyExists => "已有同名的文件或文件夹".to_string(),
        ErrorKind::OutOfMemory => "内存不足".to_string(),
        ErrorKind::DirectoryNotEmpty => "文件夹不是空的".to_string(),
        ErrorKind::TooManyLinks => "路径中的符号链接太多".to_string(),
        ErrorKind::InvalidFilename => "文件名太长或含有不允许的字符".to_string(),
        _ => match error.raw_os_error() {
            Some(code) => format!("系统错误（代码 {code}）"),
            None => "系统错误".to_string(),
        },
    }
}
