//! Where a version of a report comes from: a file or folder on disk, or `REV:PATH` read from the
//! git repository of the current folder (`git cat-file`, `git ls-tree`).
//!
//! An argument that exists on disk is always a path, so odd names with a colon still work; a
//! Windows drive (`C:\…`, `C:/…`) is a path too.

use std::ffi::OsStr;
use std::fmt;
use std::path::PathBuf;
use std::process::Command;

use crate::source::load::{LoadError, Loaded, load_path, load_texts};

/// One version of a report, as named on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Disk(PathBuf),
    /// `REV:PATH`: PATH as git reads it, from the top of the repository (or from the current
    /// folder when it starts with `./`).
    Revision {
        rev: String,
        path: String,
    },
}

impl Source {
    pub fn parse(arg: &OsStr) -> Source {
        let disk = || Source::Disk(PathBuf::from(arg));
        if std::path::Path::new(arg).exists() {
            return disk();
        }
        let Some((rev, path)) = arg.to_str().and_then(|text| text.split_once(':')) else {
            return disk();
        };
        if rev.is_empty() || is_windows_drive(rev, path) {
            return disk();
        }
        Source::Revision {
            rev: rev.to_string(),
            path: path.to_string(),
        }
    }

    /// Reads the sources; each file is named `REV:PATH` in messages when it comes from git.
    pub fn load(&self) -> Result<Loaded, SourceError> {
        match self {
            Source::Disk(path) => load_path(path).map_err(SourceError::Load),
            Source::Revision { rev, path } => read_revision(rev, path)
                .map(load_texts)
                .map_err(SourceError::Git),
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Disk(path) => write!(f, "{}", path.display()),
            Source::Revision { rev, path } => write!(f, "{rev}:{path}"),
        }
    }
}

fn is_windows_drive(rev: &str, path: &str) -> bool {
    rev.len() == 1
        && rev.chars().all(|c| c.is_ascii_alphabetic())
        && (path.starts_with('\\') || path.starts_with('/'))
}

/// Why a version could not be read.
#[derive(Debug)]
pub enum SourceError {
    Load(LoadError),
    Git(GitError),
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::Load(error) => error.fmt(f),
            SourceError::Git(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for SourceError {}

#[derive(Debug)]
pub enum GitError {
    NotInstalled,
    NotARepository { spec: String },
    NoRevision { rev: String, spec: String },
    NoPath { rev: String, path: String },
    NoYamlFiles { rev: String, path: String },
    NotText { spec: String },
    Failed { command: String, message: String },
}

impl fmt::Display for GitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GitError::NotInstalled => write!(
                f,
                "找不到 git 命令：读取「版本:路径」形式的历史版本需要安装 git，并能在命令行中运行"
            ),
            GitError::NotARepository { spec } => write!(
                f,
                "「{spec}」不是存在的文件或文件夹；按「版本:路径」读取 git 历史版本时，当前文件夹不在 git 仓库里"
            ),
            GitError::NoRevision { rev, spec } => write!(
                f,
                "「{spec}」不是存在的文件或文件夹；按「版本:路径」理解时，git 仓库里没有版本「{rev}」（可用 git log 查看提交、分支和标签）"
            ),
            GitError::NoPath { rev, path } => write!(
                f,
                "版本「{rev}」里没有「{path}」：路径从仓库的根目录算起，以 ./ 开头时从当前文件夹算起"
            ),
            GitError::NoYamlFiles { rev, path } => write!(
                f,
                "版本「{rev}」的文件夹「{path}」里没有 .yaml 或 .yml 文件"
            ),
            GitError::NotText { spec } => {
                write!(f, "「{spec}」不是 UTF-8 编码的文本文件")
            }
            GitError::Failed { command, message } => {
                write!(f, "运行「{command}」失败：{message}")
            }
        }
    }
}

impl std::error::Error for GitError {}

/// The YAML sources of `path` at `rev`: one file, or the `*.yaml` / `*.yml` files of a folder
/// sorted by name, as [`load_path`] reads them from disk.
pub fn read_revision(rev: &str, path: &str) -> Result<Vec<(PathBuf, String)>, GitError> {
    let spec = format!("{rev}:{path}");
    if git(&["rev-parse", "--git-dir"])?.is_none() {
        return Err(GitError::NotARepository { spec });
    }
    let commit = format!("{rev}^{{tree}}");
    if rev.starts_with('-') || git(&["rev-parse", "--verify", "--quiet", &commit])?.is_none() {
        return Err(GitError::NoRevision {
            rev: rev.to_string(),
            spec,
        });
    }
    let folder = path.trim_end_matches('/');
    let object = format!("{rev}:{folder}");
    let no_path = || GitError::NoPath {
        rev: rev.to_string(),
        path: path.to_string(),
    };
    let kind = git(&["cat-file", "-t", &object])?.ok_or_else(no_path)?;
    match kind.trim_ascii() {
        b"blob" => Ok(vec![read_blob(&object)?]),
        b"tree" => read_tree(rev, folder, &object),
        _ => Err(no_path()),
    }
}

fn read_tree(rev: &str, folder: &str, tree: &str) -> Result<Vec<(PathBuf, String)>, GitError> {
    let listing = git(&["ls-tree", "-z", tree])?.ok_or_else(|| GitError::NoPath {
        rev: rev.to_string(),
        path: folder.to_string(),
    })?;
    let mut names = yaml_blobs(&listing);
    names.sort();
    if names.is_empty() {
        return Err(GitError::NoYamlFiles {
            rev: rev.to_string(),
            path: folder.to_string(),
        });
    }
    let prefix = if folder.is_empty() {
        format!("{rev}:")
    } else {
        format!("{rev}:{folder}/")
    };
    names
        .iter()
        .map(|name| read_blob(&format!("{prefix}{name}")))
        .collect()
}

/// The names of the YAML files in `git ls-tree -z` output (`MODE TYPE HASH\tNAME\0`…).
fn yaml_blobs(listing: &[u8]) -> Vec<String> {
    listing
        .split(|&b| b == 0)
        .filter_map(|entry| std::str::from_utf8(entry).ok())
        .filter_map(|entry| entry.split_once('\t'))
        .filter(|(meta, _)| meta.split(' ').nth(1) == Some("blob"))
        .map(|(_, name)| name)
        .filter(|name| crate::files::is_yaml_name(std::path::Path::new(name)))
        .map(str::to_string)
        .collect()
}

fn read_blob(spec: &str) -> Result<(PathBuf, String), GitError> {
    let size = git(&["cat-file", "-s", spec])?
        .and_then(|out| String::from_utf8(out).ok())
        .and_then(|out| out.trim().parse::<u64>().ok());
    if size.is_some_and(|size| size > crate::files::MAX_SOURCE_BYTES) {
        return Err(GitError::Failed {
            command: format!("git cat-file blob {spec}"),
            message: format!(
                "文件超过了 {} MB 的上限，不像一份报告的源文件",
                crate::files::MAX_SOURCE_BYTES / (1024 * 1024)
            ),
        });
    }
    let bytes = git(&["cat-file", "blob", spec])?.ok_or_else(|| GitError::Failed {
        command: format!("git cat-file blob {spec}"),
        message: "无法读取".into(),
    })?;
    let text = String::from_utf8(bytes).map_err(|_| GitError::NotText {
        spec: spec.to_string(),
    })?;
    Ok((PathBuf::from(spec), text))
}

/// Runs git in the current folder: its output when it succeeds, None when it fails.
fn git(args: &[&str]) -> Result<Option<Vec<u8>>, GitError> {
    let output = Command::new("git")
        .args(args)
        .output()
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => GitError::NotInstalled,
            _ => GitError::Failed {
                command: format!("git {}", args.join(" ")),
                message: crate::files::reason(&error, crate::files::Access::Read),
            },
        })?;
    Ok(output.status.success().then_some(output.stdout))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(arg: &str) -> Source {
        Source::parse(OsStr::new(arg))
    }

    #[test]
    fn a_colon_names_a_revision_unless_the_path_exists() {
        assert_eq!(
            parse("HEAD~1:data/x"),
            Source::Revision {
                rev: "HEAD~1".into(),
                path: "data/x".into()
            }
        );
        assert_eq!(parse("Cargo.toml"), Source::Disk("Cargo.toml".into()));
        assert_eq!(
            parse("no-such-folder"),
            Source::Disk("no-such-folder".into())
        );
    }

    #[test]
    fn windows_drives_and_empty_revisions_are_paths() {
        assert_eq!(parse(r"C:\reports\x"), Source::Disk(r"C:\reports\x".into()));
        assert_eq!(parse("D:/x"), Source::Disk("D:/x".into()));
        assert_eq!(parse(":x"), Source::Disk(":x".into()));
    }

    #[test]
    fn ls_tree_listing_keeps_yaml_blobs_only() {
        let entries = [
            "100644 blob 1111\t单位.yaml",
            "040000 tree 2222\tsub.yaml",
            "100644 blob 3333\tREADME.md",
            "100644 blob 4444\tb.yml",
        ];
        let listing = entries.join("\0") + "\0";
        assert_eq!(yaml_blobs(listing.as_bytes()), ["单位.yaml", "b.yml"]);
    }
}
