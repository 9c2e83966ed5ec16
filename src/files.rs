//! The disk as jixiao uses it: only regular files are opened, never more than a bound is read,
//! and every failure is said in Chinese (never the system's English text). Below every stage:
//! the loader, the folder search and the writing of outputs all go through here.

use std::fs::{FileType, Metadata};
use std::io::{ErrorKind, Read};
use std::path::Path;

/// The JSON Schema `jixiao new` and `import` write beside the sources for editors: never a
/// part of a report.
pub const SCHEMA_NAME: &str = "jixiao.schema.json";

/// The most one source file may hold. A report of 2,000 indicators is about 1 MB of YAML.
pub const MAX_SOURCE_BYTES: u64 = 32 * 1024 * 1024;

/// Whether a read or a write failed: the same system error reads differently for each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// An I/O failure in Chinese (never the system's English text or a temporary file's name).
pub fn reason(error: &std::io::Error, access: Access) -> String {
    let missing = match access {
        Access::Read => "文件或文件夹不存在",
        Access::Write => "所在的文件夹不存在",
    };
    let denied = match access {
        Access::Read => "没有读取权限",
        Access::Write => "没有写入权限",
    };
    let text = match error.kind() {
        ErrorKind::NotFound => missing,
        ErrorKind::PermissionDenied => denied,
        ErrorKind::StorageFull => "磁盘已满",
        ErrorKind::QuotaExceeded => "超出了磁盘配额",
        ErrorKind::ReadOnlyFilesystem => "文件系统是只读的",
        ErrorKind::IsADirectory => "这是一个文件夹，不是文件",
        ErrorKind::NotADirectory => "路径中有一段是文件而不是文件夹",
        ErrorKind::AlreadyExists => "同名的文件已经存在",
        ErrorKind::DirectoryNotEmpty => "文件夹不是空的",
        ErrorKind::OutOfMemory => "内存不足",
        ErrorKind::FileTooLarge => "文件太大",
        ErrorKind::InvalidFilename => "文件名太长或含有不允许的字符",
        ErrorKind::TooManyLinks => "符号链接太多",
        ErrorKind::CrossesDevices => "不能跨磁盘移动文件",
        ErrorKind::ResourceBusy => "文件正被其他程序占用",
        ErrorKind::ExecutableFileBusy => "文件正被其他程序占用",
        ErrorKind::Interrupted => "读写被中断，请重试",
        ErrorKind::TimedOut => "读写超时",
        ErrorKind::InvalidData => "不是 UTF-8 编码的文本文件，请另存为 UTF-8",
        ErrorKind::UnexpectedEof => "文件意外结束（可能正在被写入）",
        _ => {
            return match error.raw_os_error() {
                Some(40) => "符号链接形成了循环".to_string(),
                Some(code) => format!("系统错误（代码 {code}）"),
                None => "系统错误".to_string(),
            };
        }
    };
    text.to_string()
}

/// What a path names, without following a link at its last part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    File,
    Folder,
    Link,
    /// A FIFO, a device or a socket: never opened (reading one can block or never end).
    Special(&'static str),
    Missing,
}

impl Kind {
    /// The kind of `path` itself (a link is a link).
    pub fn of(path: &Path) -> std::io::Result<Kind> {
        match std::fs::symlink_metadata(path) {
            Ok(metadata) => Ok(Kind::of_type(metadata.file_type())),
            Err(error) if error.kind() == ErrorKind::NotFound => Ok(Kind::Missing),
            Err(error) => Err(error),
        }
    }

    /// The kind of what `path` leads to (a link followed).
    pub fn followed(path: &Path) -> std::io::Result<Kind> {
        match std::fs::metadata(path) {
            Ok(metadata) => Ok(Kind::of_type(metadata.file_type())),
            Err(error) if error.kind() == ErrorKind::NotFound => Ok(Kind::Missing),
            Err(error) => Err(error),
        }
    }

    fn of_type(file_type: FileType) -> Kind {
        if file_type.is_symlink() {
            Kind::Link
        } else if file_type.is_dir() {
            Kind::Folder
        } else if file_type.is_file() {
            Kind::File
        } else {
            Kind::Special(special_name(file_type))
        }
    }
}

/// "命名管道（FIFO）", "设备", "套接字": what a user is told a special file is.
fn special_name(file_type: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "命名管道（FIFO）";
        }
        if file_type.is_socket() {
            return "套接字";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "设备文件";
        }
    }
    let _ = file_type;
    "特殊文件"
}

/// Why a file was not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    Io(String),
    Folder,
    Special(&'static str),
    TooLarge { limit: u64 },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(reason) => f.write_str(reason),
            ReadError::Folder => f.write_str("这是一个文件夹，不是文件"),
            ReadError::Special(what) => write!(
                f,
                "这是一个{what}，不是普通文件，jixiao 不会打开它：请指定报告的 YAML 文件"
            ),
            ReadError::TooLarge { limit } => write!(
                f,
                "文件超过了 {} MB 的上限，不像一份报告的源文件：请确认选对了文件",
                limit / (1024 * 1024)
            ),
        }
    }
}

/// The bytes of the regular file at `path` (a link followed), at most `limit` of them: a FIFO,
/// a device or a folder is refused before it is opened, and a file that grows past the limit
/// while it is read is refused too.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let metadata = std::fs::metadata(path).map_err(|e| ReadError::Io(reason(&e, Access::Read)))?;
    check_readable(&metadata, limit)?;
    let file = std::fs::File::open(path).map_err(|e| ReadError::Io(reason(&e, Access::Read)))?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(reason(&e, Access::Read)))?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

fn check_readable(metadata: &Metadata, limit: u64) -> Result<(), ReadError> {
    match Kind::of_type(metadata.file_type()) {
        Kind::Folder => Err(ReadError::Folder),
        Kind::Special(what) => Err(ReadError::Special(what)),
        _ if metadata.len() > limit => Err(ReadError::TooLarge { limit }),
        _ => Ok(()),
    }
}

/// The text of a source file: [`read_bounded`] with [`MAX_SOURCE_BYTES`], in UTF-8.
pub fn read_source(path: &Path) -> Result<String, ReadError> {
    let bytes = read_bounded(path, MAX_SOURCE_BYTES)?;
    String::from_utf8(bytes).map_err(|_| {
        ReadError::Io(reason(
            &std::io::Error::from(ErrorKind::InvalidData),
            Access::Read,
        ))
    })
}

/// `.yaml` / `.yml` in any case: the names the loader reads as the parts of a report.
pub fn is_yaml_name(path: &Path) -> bool {
    has_extension(path, &["yaml", "yml"])
}

/// A YAML or JSON name: the files a folder of reports may hold a report in (JSON is YAML).
pub fn is_source_name(path: &Path) -> bool {
    has_extension(path, &["yaml", "yml", "json"])
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_files_and_folders_are_never_opened() {
        assert_eq!(
            read_bounded(Path::new("/dev/zero"), 10),
            Err(ReadError::Special("设备文件"))
        );
        assert_eq!(read_bounded(Path::new("/"), 10), Err(ReadError::Folder));
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo.yaml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|status| status.success()) {
            assert_eq!(
                read_bounded(&fifo, 10),
                Err(ReadError::Special("命名管道（FIFO）"))
            );
        }
    }

    #[test]
    fn a_file_over_the_limit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        std::fs::write(&file, "0123456789").unwrap();
        assert_eq!(read_bounded(&file, 10).unwrap().len(), 10);
        assert_eq!(
            read_bounded(&file, 9),
            Err(ReadError::TooLarge { limit: 9 })
        );
    }

    #[test]
    fn system_errors_are_said_in_chinese() {
        for kind in [
            ErrorKind::NotADirectory,
            ErrorKind::AlreadyExists,
            ErrorKind::OutOfMemory,
        ] {
            let text = reason(&std::io::Error::from(kind), Access::Write);
            assert!(!text.is_ascii() && !text.contains("error"), "{text}");
        }
        let other = std::io::Error::from_raw_os_error(71);
        assert_eq!(reason(&other, Access::Read), "系统错误（代码 71）");
    }
}
