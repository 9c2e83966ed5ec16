//! Writing results without ever leaving a half-written file, or touching a source: every output
//! is checked against the sources and templates first, written beside its place, and renamed into
//! place only when all of them were written.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::files::{self, Access, Kind, is_source_name};

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
    /// The output is a symbolic link: jixiao never writes through one.
    Link { output: PathBuf, target: PathBuf },
    /// The output is a FIFO, a device or a socket.
    Special { output: PathBuf, what: &'static str },
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
                "两个输出会写到同一个文件（「{}」与「{}」）：请给其中一个另选路径，未写入任何文件",
                first.display(),
                second.display()
            ),
            OutputError::Folder(path) => write!(
                f,
                "输出路径「{}」是一个文件夹：请写上文件名，如「{}」，未写入任何文件",
                path.display(),
                path.join("报告.pdf").display()
            ),
            OutputError::Link { output, target } => write!(
                f,
                "输出路径「{}」是一个符号链接（指向「{}」）：jixiao 不通过链接写文件，以免改动链接指向的文件；\
                 请删除这个链接，或另选输出路径，未写入任何文件",
                output.display(),
                target.display()
            ),
            OutputError::Special { output, what } => write!(
                f,
                "输出路径「{}」是一个{what}，不是普通文件：请另选输出路径，未写入任何文件",
                output.display()
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

/// Refuses outputs that are sources, templates, each other, links, folders or special files;
/// Ok with the files they write to (made absolute, the links of their folders resolved).
pub fn check_outputs(
    outputs: &[&Path],
    protected: &Protected,
) -> Result<Vec<PathBuf>, OutputError> {
    let mut targets: Vec<PathBuf> = Vec::new();
    for output in outputs {
        refuse_kind(output)?;
        let target = resolve(output);
        refuse_source(output, &target, &protected.src)?;
        if let Some(templates) = &protected.templates {
            let folder = resolve_all(templates);
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

/// The folders between `outdir` and `path` (a report's PDF in a sub-folder of OUTDIR) are
/// folders, or missing: never a link that would carry the write out of OUTDIR, nor a file.
pub fn check_folders_below(outdir: &Path, path: &Path) -> Result<(), OutputError> {
    let Ok(relative) = path.strip_prefix(outdir) else {
        return Ok(());
    };
    let mut folder = outdir.to_path_buf();
    let parts: Vec<_> = relative.components().collect();
    for part in parts.iter().take(parts.len().saturating_sub(1)) {
        folder.push(part);
        match Kind::of(&folder) {
            Ok(Kind::Folder | Kind::Missing) => {}
            Ok(Kind::Link) => return Err(link_error(&folder)),
            Ok(Kind::File | Kind::Special(_)) => {
                let error = std::io::Error::from(std::io::ErrorKind::NotADirectory);
                return Err(write_error(path, &error));
            }
            Err(error) => return Err(write_error(&folder, &error)),
        }
    }
    Ok(())
}

/// An output may be a new name or a regular file: never a link, a folder or a FIFO.
fn refuse_kind(output: &Path) -> Result<(), OutputError> {
    let owned = || output.to_path_buf();
    match Kind::of(output) {
        Ok(Kind::File | Kind::Missing) => Ok(()),
        Ok(Kind::Folder) => Err(OutputError::Folder(owned())),
        Ok(Kind::Link) => Err(link_error(output)),
        Ok(Kind::Special(what)) => Err(OutputError::Special {
            output: owned(),
            what,
        }),
        Err(error) => Err(write_error(output, &error)),
    }
}

fn link_error(link: &Path) -> OutputError {
    OutputError::Link {
        output: link.to_path_buf(),
        target: std::fs::read_link(link).unwrap_or_default(),
    }
}

fn refuse_source(output: &Path, target: &Path, src: &Path) -> Result<(), OutputError> {
    let source = resolve_all(src);
    let hits_source = if source.is_dir() {
        target.starts_with(&source) && is_source_name(target)
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

/// The file a write to `path` creates: made absolute, the links of its folder resolved, its
/// own name kept (a link there is refused, not followed).
fn resolve(path: &Path) -> PathBuf {
    let path = absolute(path);
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => std::fs::canonicalize(parent)
            .map(|real| real.join(name))
            .unwrap_or(path.clone()),
        _ => path,
    }
}

/// A source or template path with every link resolved (a dangling one as written).
fn resolve_all(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| resolve(path))
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

/// Writes `bytes` to `path` atomically: a failed write leaves any existing file untouched; a
/// link, a folder or a FIFO at `path` is refused.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    refuse_kind(path)?;
    let target = resolve(path);
    write_beside(&target, bytes)
        .and_then(|temporary| temporary.persist(&target).map_err(|error| error.error))
        .map_err(|error| write_error(path, &error))?;
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
        reason: files::reason(error, Access::Write),
    }
}
