use std::fmt;
use std::path::PathBuf;

/// Why fonts could not be loaded or a document could not be typeset.
#[derive(Debug)]
pub enum TypesetError {
    /// A `--font-path` directory (or one below it) could not be listed.
    FontDir {
        path: PathBuf,
        error: std::io::Error,
    },
    /// A font file under a `--font-path` directory could not be read.
    FontFileUnreadable { path: PathBuf, reason: String },
    /// A file with a font extension holds no face Typst can use.
    FontFileInvalid { path: PathBuf },
    /// A font compiled into the binary could not be parsed (a build defect).
    EmbeddedFontInvalid { file: &'static str },
    /// A key of the document's file map is not a valid virtual path.
    InvalidFilePath { path: String, reason: String },
    /// `PdfMeta::date` is not a calendar date.
    InvalidDate { date: (i32, u8, u8) },
    /// The document asked for a font family that no loaded font has.
    UnknownFontFamily {
        families: Vec<String>,
        report: String,
    },
    /// Typst reported errors while compiling or exporting; `report` holds them
    /// rendered as typst-cli does (file:line:col and the source line).
    Typst { report: String },
    /// The PDF standard could not be configured.
    PdfStandard { message: String },
}

impl fmt::Display for TypesetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypesetError::FontDir { path, error } => {
                write!(
                    f,
                    "字体目录无法读取: {}: {}",
                    path.display(),
                    crate::files::reason(error, crate::files::Access::Read)
                )
            }
            TypesetError::FontFileUnreadable { path, reason } => {
                write!(f, "字体文件无法读取: {}: {reason}", path.display())
            }
            TypesetError::FontFileInvalid { path } => {
                write!(
                    f,
                    "字体文件无法解析 (不是可用的 OpenType/TrueType 字体): {}",
                    path.display()
                )
            }
            TypesetError::EmbeddedFontInvalid { file } => {
                write!(f, "内置字体无法解析: {file} (程序构建有误)")
            }
            TypesetError::InvalidFilePath { path, reason } => {
                write!(f, "文档文件路径无效: {path} ({reason})")
            }
            TypesetError::InvalidDate { date: (y, m, d) } => {
                write!(f, "日期无效: {y}-{m:02}-{d:02}")
            }
            TypesetError::UnknownFontFamily { families, report } => {
                write!(
                    f,
                    "未知字体: {} (只能使用内置字体和 --font-path 中的字体)\n{report}",
                    families.join(", ")
                )
            }
            TypesetError::Typst { report } => write!(f, "排版失败:\n{report}"),
            TypesetError::PdfStandard { message } => write!(f, "PDF 标准无法设置: {message}"),
        }
    }
}

impl std::error::Error for TypesetError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            TypesetError::FontDir { error, .. } => Some(error),
            _ => None,
        }
    }
}
