//! Opening a workbook by what it holds, not by its name: a zip with xl/workbook.xml is an
//! .xlsx (checked by [`super::package`] first), an OLE compound file is an old .xls or a
//! password-protected workbook ([`super::cfb`]), anything else is said to be what it is not.
//! Only then is it handed to calamine.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use calamine::{Reader, Sheets, Xls, XlsError, Xlsx, XlsxError};

use super::Unreadable;
use super::cfb::{self, CfbError, Compound};
use super::limits::{MAX_FILE_BYTES, TOO_BIG_HINT, megabytes};
use super::package::{self, PackageError, ZipKind};
use super::scan::PartScan;

/// An open workbook, its sheets checked against the limits.
pub struct Book {
    pub sheets: Sheets<BufReader<File>>,
    /// Per sheet name, what the scan of an .xlsx found (formula cells without a value).
    pub scans: HashMap<String, PartScan>,
    /// Said about the file itself (an .xls named .xlsx).
    pub notes: Vec<String>,
}

const ZIP_MAGIC: [u8; 4] = *b"PK\x03\x04";
const EMPTY_ZIP_MAGIC: [u8; 4] = *b"PK\x05\x06";

/// Opens the workbook at `path`.
pub fn open(path: &Path) -> Result<Book, Unreadable> {
    let unreadable = |why: &str| Unreadable(format!("无法读取工作簿「{}」：{why}", path.display()));
    let mut file = open_file(path)?;
    let mut magic = [0u8; 8];
    let read = read_up_to(&mut file, &mut magic).map_err(|_| unreadable("读取时出错"))?;
    file.seek(SeekFrom::Start(0))
        .map_err(|_| unreadable("读取时出错"))?;
    if read >= 4 && (magic[..4] == ZIP_MAGIC || magic[..4] == EMPTY_ZIP_MAGIC) {
        return open_zip(path, file);
    }
    if read == 8 && magic == cfb::MAGIC {
        return open_compound(path, file);
    }
    Err(unreadable(not_a_workbook(&magic[..read])))
}

fn open_file(path: &Path) -> Result<File, Unreadable> {
    let shown = path.display();
    let metadata = std::fs::metadata(path).map_err(|error| {
        Unreadable(format!(
            "无法读取工作簿「{shown}」：{}",
            reading_reason(&error)
        ))
    })?;
    if metadata.is_dir() {
        return Err(Unreadable(format!(
            "「{shown}」是一个文件夹，不是工作簿：请写出工作簿文件的路径，如 自评表.xlsx"
        )));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(Unreadable(format!(
            "工作簿「{shown}」有 {}，超过了导入的上限 {}：{TOO_BIG_HINT}",
            megabytes(metadata.len()),
            megabytes(MAX_FILE_BYTES)
        )));
    }
    File::open(path).map_err(|error| {
        Unreadable(format!(
            "无法读取工作簿「{shown}」：{}",
            reading_reason(&error)
        ))
    })
}

/// Why a file could not be read, in Chinese.
pub fn reading_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "文件不存在".to_string(),
        ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        _ => crate::files::reason(error, crate::files::Access::Read),
    }
}

fn read_up_to(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// What a file that is no workbook probably is, by its first bytes.
fn not_a_workbook(start: &[u8]) -> &'static str {
    let text = String::from_utf8_lossy(start).to_ascii_lowercase();
    if start.is_empty() {
        "文件是空的"
    } else if text.starts_with('<') {
        "这是网页或 XML 格式的文件，不是 Excel 工作簿：请在 Excel 或 WPS 中打开它，另存为 .xlsx 后再导入"
    } else {
        "文件不是 Excel 工作簿（只能读取 .xlsx、.xlsm、.xls；.et、.csv 等请先在 Excel 或 WPS 中另存为 .xlsx）"
    }
}

fn open_zip(path: &Path, file: File) -> Result<Book, Unreadable> {
    let shown = path.display();
    let refused = |error: PackageError| match error {
        PackageError::Limit(message) => Unreadable(format!("无法导入「{shown}」：{message}")),
        PackageError::Damaged(why) => Unreadable(format!(
            "无法读取工作簿「{shown}」：{why}，文件已损坏：请在 Excel 或 WPS 中打开它，另存为 .xlsx 后再导入"
        )),
    };
    let (mut zip, kind) = package::open(file).map_err(refused)?;
    match kind {
        ZipKind::Xlsx => {}
        ZipKind::Xlsb => {
            return Err(Unreadable(format!(
                "「{shown}」是 Excel 二进制工作簿（.xlsb）：请在 Excel 中另存为 .xlsx 后再导入"
            )));
        }
        ZipKind::Ods => {
            return Err(Unreadable(format!(
                "「{shown}」是 OpenDocument 表格（.ods）：请在 WPS、LibreOffice 或 Excel 中另存为 .xlsx 后再导入"
            )));
        }
        ZipKind::Other => {
            return Err(Unreadable(format!(
                "「{shown}」是一个 zip 压缩包，里面没有 Excel 工作簿：请选择自评表的 .xlsx 文件"
            )));
        }
    }
    let checked = package::check(&mut zip).map_err(refused)?;
    let reader = zip.into_inner();
    let xlsx = Xlsx::new(reader).map_err(|error| match error {
        XlsxError::Password => password(path),
        _ => damaged(path),
    })?;
    Ok(Book {
        sheets: Sheets::Xlsx(xlsx),
        scans: checked.sheets,
        notes: Vec::new(),
    })
}

fn open_compound(path: &Path, mut file: File) -> Result<Book, Unreadable> {
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(|error| {
        Unreadable(format!(
            "无法读取工作簿「{}」：{}",
            path.display(),
            reading_reason(&error)
        ))
    })?;
    match cfb::inspect(&bytes) {
        Ok(Compound::Encrypted) => return Err(password(path)),
        Ok(Compound::Xls) => {}
        Ok(Compound::Other) => {
            return Err(Unreadable(format!(
                "「{}」是 Office 的旧格式文件，但里面没有工作簿（可能是 Word 文档或其他文件）：请选择自评表的 Excel 工作簿",
                path.display()
            )));
        }
        Err(CfbError::Limit(message)) => {
            return Err(Unreadable(format!(
                "无法导入「{}」：{message}",
                path.display()
            )));
        }
        Err(CfbError::Damaged) => return Err(damaged(path)),
    }
    drop(bytes);
    file.seek(SeekFrom::Start(0)).map_err(|_| damaged(path))?;
    let xls = Xls::new(BufReader::new(file)).map_err(|error| match error {
        XlsError::Password => password(path),
        _ => damaged(path),
    })?;
    let mut notes = Vec::new();
    let named_xls = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xls"));
    if !named_xls {
        notes.push(format!(
            "「{}」其实是旧版 .xls 格式的工作簿（只是文件名不以 .xls 结尾），已按 .xls 读取；.xls 里读不到单元格的百分比格式，设成百分比的数字会按小数读入。在 Excel 或 WPS 中另存为 .xlsx 可以避免",
            path.display()
        ));
    }
    Ok(Book {
        sheets: Sheets::Xls(xls),
        scans: HashMap::new(),
        notes,
    })
}

fn password(path: &Path) -> Unreadable {
    Unreadable(format!(
        "工作簿「{}」设置了打开密码（已加密），无法读取：请在 Excel 或 WPS 中用密码打开它，在「文件 → 信息 → 保护工作簿 → 用密码进行加密」中删去密码并保存，再导入",
        path.display()
    ))
}

fn damaged(path: &Path) -> Unreadable {
    Unreadable(format!(
        "无法读取工作簿「{}」：文件已损坏：请在 Excel 或 WPS 中打开它，另存为 .xlsx 后再导入",
        path.display()
    ))
}

impl Book {
    /// The sheets' names, in the workbook's order.
    pub fn names(&self) -> Vec<String> {
        self.sheets.sheet_names()
    }
}
