//! An .xlsx checked before calamine opens it: the zip's directory (how many entries, the size
//! each declares once decompressed), then every entry read through a byte-limited reader (a
//! header that lies about its size stops at the limit all the same) and scanned
//! ([`super::scan`]): the shared strings, each sheet's cells, `<dimension>` and merged regions.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};

use quick_xml::Reader;
use quick_xml::events::Event;
use zip::ZipArchive;

use super::limits::{
    MAX_PART_BYTES, MAX_SHEETS, MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES, TOO_BIG_HINT, grouped,
    megabytes,
};
use super::scan::{PartScan, ScanError, attribute, scan};

/// What the zip holds that import needs: each sheet's scan, by the sheet's name.
#[derive(Debug, Default)]
pub struct Package {
    pub sheets: HashMap<String, PartScan>,
}

/// What kind of zip a workbook file is.
#[derive(Debug, PartialEq, Eq)]
pub enum ZipKind {
    Xlsx,
    Xlsb,
    Ods,
    Other,
}

/// Why the package is refused: a limit, or a file that is damaged or not a workbook.
#[derive(Debug)]
pub enum PackageError {
    Limit(String),
    Damaged(String),
}

impl From<ScanError> for PackageError {
    fn from(error: ScanError) -> Self {
        match error {
            ScanError::Limit(message) => PackageError::Limit(message),
            ScanError::Damaged(message) => PackageError::Damaged(message),
        }
    }
}

type Archive = ZipArchive<BufReader<File>>;

/// Opens the zip and tells what kind of workbook it holds.
pub fn open(file: File) -> Result<(Archive, ZipKind), PackageError> {
    let zip = ZipArchive::new(BufReader::new(file))
        .map_err(|_| PackageError::Damaged("压缩包的目录已损坏".to_string()))?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(PackageError::Limit(format!(
            "工作簿里有 {} 个部件，超过了导入的上限 {} 个：文件可能已损坏或是被恶意构造的；{TOO_BIG_HINT}",
            grouped(zip.len() as u64),
            grouped(MAX_ZIP_ENTRIES as u64)
        )));
    }
    let has = |name: &str| {
        zip.file_names()
            .flatten()
            .any(|entry| entry.eq_ignore_ascii_case(name))
    };
    let kind = if has("xl/workbook.xml") {
        ZipKind::Xlsx
    } else if has("xl/workbook.bin") {
        ZipKind::Xlsb
    } else if has("content.xml") {
        ZipKind::Ods
    } else {
        ZipKind::Other
    };
    Ok((zip, kind))
}

/// Checks every entry of an .xlsx against the limits; the scans of its sheets.
pub fn check(zip: &mut Archive) -> Result<Package, PackageError> {
    check_declared(zip)?;
    let names = sheet_parts(zip)?;
    let mut left = MAX_UNZIPPED_BYTES;
    let mut package = Package::default();
    for index in 0..zip.len() {
        let mut entry = zip.by_index(index).map_err(|_| {
            PackageError::Damaged(
                "压缩包中的部件无法解压（已损坏、加密或使用了不支持的压缩方式）".to_string(),
            )
        })?;
        if entry.is_dir() {
            continue;
        }
        let path = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let sheet = names.get(&path.to_ascii_lowercase());
        let what = match sheet {
            Some(name) => format!("工作表「{name}」"),
            None => format!("部件「{path}」"),
        };
        let declared = entry.size();
        let limit = MAX_PART_BYTES.min(left);
        let mut limited = BufReader::new(Limited::new(&mut entry, limit));
        let scanned = scan(&mut limited, &what);
        let read = limited.get_ref();
        if read.over {
            return Err(too_big(&what, limit));
        }
        if read.failed {
            return Err(PackageError::Damaged(format!(
                "{what}解压出的内容与压缩包声明的大小（{} 字节）不符，或数据已损坏（可能是被恶意构造的压缩包）",
                grouped(declared)
            )));
        }
        left = left.saturating_sub(read.count);
        match scanned {
            Ok(scan) => {
                if let Some(name) = sheet {
                    package.sheets.insert(name.clone(), scan);
                }
            }
            Err(ScanError::Damaged(_)) if !is_xml(&path) => {}
            Err(error) => return Err(error.into()),
        }
    }
    Ok(package)
}

/// The sizes the zip's directory declares, before anything is decompressed.
fn check_declared(zip: &mut Archive) -> Result<(), PackageError> {
    let mut total: u64 = 0;
    for index in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(index) else {
            return Err(PackageError::Damaged("压缩包中的部件已损坏".to_string()));
        };
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let declared = entry.size();
        if declared > MAX_PART_BYTES {
            return Err(declared_too_big(
                &format!("部件「{name}」"),
                declared,
                MAX_PART_BYTES,
            ));
        }
        total = total.saturating_add(declared);
        if total > MAX_UNZIPPED_BYTES {
            return Err(declared_too_big(
                "工作簿的全部部件",
                total,
                MAX_UNZIPPED_BYTES,
            ));
        }
    }
    Ok(())
}

fn declared_too_big(what: &str, declared: u64, limit: u64) -> PackageError {
    PackageError::Limit(format!(
        "{what}解压后有 {}，超过了导入的上限 {}（压缩包里声明的大小）：文件可能是被恶意构造的压缩包（zip 炸弹）；{TOO_BIG_HINT}",
        megabytes(declared),
        megabytes(limit)
    ))
}

fn too_big(what: &str, limit: u64) -> PackageError {
    PackageError::Limit(format!(
        "{what}解压后超过了 {}（导入的上限），已停止读取：文件可能是被恶意构造的压缩包（zip 炸弹）；{TOO_BIG_HINT}",
        megabytes(limit)
    ))
}

fn is_xml(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".xml") || lower.ends_with(".rels")
}

/// The part of each sheet (lower-cased, as the zip names it) → the sheet's name, from
/// xl/workbook.xml and its relationships; empty when they cannot be read.
fn sheet_parts(zip: &mut Archive) -> Result<HashMap<String, String>, PackageError> {
    let sheets = read_elements(zip, "xl/workbook.xml", b"sheet", &[b"name", b"id"])?;
    if sheets.len() > MAX_SHEETS {
        return Err(PackageError::Limit(format!(
            "工作簿里有 {} 张以上工作表，超过了导入的上限 {} 张：{TOO_BIG_HINT}",
            grouped(MAX_SHEETS as u64),
            grouped(MAX_SHEETS as u64)
        )));
    }
    let rels = read_elements(
        zip,
        "xl/_rels/workbook.xml.rels",
        b"Relationship",
        &[b"Id", b"Target"],
    )?;
    let targets: HashMap<&str, &str> = rels
        .iter()
        .map(|values| (values[0].as_str(), values[1].as_str()))
        .collect();
    Ok(sheets
        .iter()
        .filter_map(|values| {
            let target = targets.get(values[1].as_str())?;
            let path = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => format!("xl/{target}"),
            };
            Some((path.to_ascii_lowercase(), values[0].clone()))
        })
        .collect())
}

/// The values of `keys` on each `element` of the part `path` (at most [`MAX_SHEETS`] + 1 of
/// them, read through the byte limit).
fn read_elements(
    zip: &mut Archive,
    path: &str,
    element: &[u8],
    keys: &[&[u8]],
) -> Result<Vec<Vec<String>>, PackageError> {
    let Some(index) = (0..zip.len()).find(|i| {
        zip.name_for_index(*i)
            .and_then(Result::ok)
            .is_some_and(|name| name.eq_ignore_ascii_case(path))
    }) else {
        return Ok(Vec::new());
    };
    let Ok(mut entry) = zip.by_index(index) else {
        return Ok(Vec::new());
    };
    let mut xml = Reader::from_reader(BufReader::new(Limited::new(&mut entry, MAX_PART_BYTES)));
    xml.config_mut().expand_empty_elements = true;
    let mut found = Vec::new();
    let mut buf = Vec::new();
    while found.len() <= MAX_SHEETS * 4 {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == element => {
                let values: Option<Vec<String>> =
                    keys.iter().map(|key| attribute(&e, key)).collect();
                found.extend(values);
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    if xml.get_ref().get_ref().over {
        return Err(too_big(&format!("部件「{path}」"), MAX_PART_BYTES));
    }
    Ok(found)
}

/// A reader that gives at most `limit` bytes, and remembers whether there were more, or
/// whether the reader under it failed (zip's own check of the declared size, a bad CRC).
struct Limited<R> {
    inner: R,
    limit: u64,
    count: u64,
    over: bool,
    failed: bool,
}

impl<R: Read> Limited<R> {
    fn new(inner: R, limit: u64) -> Self {
        Limited {
            inner,
            limit,
            count: 0,
            over: false,
            failed: false,
        }
    }
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        // One byte past the limit tells "exactly at the limit" from "more".
        let room = self.limit.saturating_sub(self.count).saturating_add(1);
        let want = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let n = match self.inner.read(&mut buf[..want]) {
            Ok(n) => n,
            Err(error) => {
                self.failed = true;
                return Err(error);
            }
        };
        self.count = self.count.saturating_add(n as u64);
        if self.count > self.limit {
            self.over = true;
            return Err(std::io::Error::other("limit"));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limited_reader_stops_one_byte_past_its_limit() {
        let data = [b'a'; 100];
        let mut exact = Limited::new(&data[..], 100);
        let mut sink = Vec::new();
        assert!(exact.read_to_end(&mut sink).is_ok());
        assert!(!exact.over);
        let mut short = Limited::new(&data[..], 99);
        assert!(short.read_to_end(&mut Vec::new()).is_err());
        assert!(short.over && short.count == 100);
    }
}
