//! A file that starts with D0 CF 11 E0 (an OLE compound file): a password-protected .xlsx (its
//! `EncryptionInfo` and `EncryptedPackage` streams), an old .xls (its `Workbook` or `Book`
//! stream), or something else. For an .xls, the chains of sectors calamine will follow are
//! checked (a loop in them would make it read for ever), and the records of the workbook
//! stream are checked against [`super::limits`] (a DIMENSIONS record of 4 billion rows, a cell
//! at column 65,535) before calamine allocates for them.

use super::limits::{MAX_CELLS, MAX_COLUMNS, MAX_MERGED, MAX_ROWS, TOO_BIG_HINT, grouped};
use crate::excel::cells::address;

pub const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const DIFAT_SECTOR: u32 = 0xFFFF_FFFC;

/// What the compound file holds.
#[derive(Debug, PartialEq, Eq)]
pub enum Compound {
    /// A workbook encrypted with a password to open it.
    Encrypted,
    /// An old .xls workbook.
    Xls,
    /// Neither (a Word document, a WPS file of another kind).
    Other,
}

/// Why the file is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum CfbError {
    Limit(String),
    Damaged,
}

/// What the compound file `bytes` holds; for an .xls, its limits checked.
pub fn inspect(bytes: &[u8]) -> Result<Compound, CfbError> {
    let file = Container::parse(bytes).ok_or(CfbError::Damaged)?;
    let names: Vec<String> = file.entries.iter().map(|e| e.name.to_lowercase()).collect();
    if names
        .iter()
        .any(|n| n == "encryptedpackage" || n == "encryptioninfo")
    {
        return Ok(Compound::Encrypted);
    }
    let Some(book) = file
        .entries
        .iter()
        .find(|e| e.name.eq_ignore_ascii_case("workbook"))
        .or_else(|| {
            file.entries
                .iter()
                .find(|e| e.name.eq_ignore_ascii_case("book"))
        })
    else {
        return Ok(Compound::Other);
    };
    let stream = file.stream(book).ok_or(CfbError::Damaged)?;
    check_records(&stream)?;
    Ok(Compound::Xls)
}

struct Entry {
    name: String,
    /// 1 a storage, 2 a stream, 5 the root.
    kind: u8,
    start: u32,
    len: u64,
}

/// The compound file's sectors, FAT and directory.
struct Container<'a> {
    bytes: &'a [u8],
    size: usize,
    fat: Vec<u32>,
    entries: Vec<Entry>,
    mini_fat_start: u32,
    mini_fat_sectors: u64,
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
}

impl<'a> Container<'a> {
    fn parse(bytes: &'a [u8]) -> Option<Self> {
        if bytes.get(..8)? != MAGIC {
            return None;
        }
        let size = match u16_at(bytes, 30)? {
            9 => 512,
            12 => 4096,
            _ => return None,
        };
        let mut file = Container {
            bytes,
            size,
            fat: Vec::new(),
            entries: Vec::new(),
            mini_fat_start: u32_at(bytes, 60)?,
            mini_fat_sectors: u64::from(u32_at(bytes, 64)?),
        };
        let mut difat: Vec<u32> = (0..109).filter_map(|i| u32_at(bytes, 76 + i * 4)).collect();
        let mut next = u32_at(bytes, 68)?;
        let mut hops = 0;
        while next < 0xFFFF_FFFA {
            hops += 1;
            if hops > file.sectors() {
                return None;
            }
            let sector = file.sector(next)?;
            let ids: Vec<u32> = (0..size / 4)
                .filter_map(|i| u32_at(sector, i * 4))
                .collect();
            let (last, rest) = ids.split_last()?;
            difat.extend_from_slice(rest);
            next = *last;
        }
        for id in difat.into_iter().filter(|id| *id < DIFAT_SECTOR) {
            let sector = file.sector(id)?;
            file.fat
                .extend((0..size / 4).filter_map(|i| u32_at(sector, i * 4)));
        }
        let directory = file.chain(u32_at(bytes, 48)?, u64::MAX)?;
        let wide = size == 4096;
        file.entries = directory
            .chunks_exact(128)
            .filter_map(|entry| Entry::parse(entry, wide))
            .collect();
        file.check_streams()?;
        Some(file)
    }

    /// Sectors in the file after its header.
    fn sectors(&self) -> usize {
        self.bytes.len() / self.size
    }

    fn sector(&self, id: u32) -> Option<&'a [u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(self.size)?;
        let bytes: &'a [u8] = self.bytes;
        bytes.get(start..start.checked_add(self.size)?)
    }

    /// The bytes of the chain of sectors from `start`, up to `len`; None when the chain leaves
    /// the file or loops.
    fn chain(&self, start: u32, len: u64) -> Option<Vec<u8>> {
        follow(start, &self.fat, len, self.sectors(), |id| self.sector(id))
    }

    /// Every stream calamine may read, checked: within the file, and no loops in its chain.
    fn check_streams(&self) -> Option<()> {
        if self.mini_fat_sectors > 0 {
            self.mini_stream()?;
        }
        for entry in self.entries.iter().filter(|e| e.kind == 2) {
            self.stream(entry)?;
        }
        Some(())
    }

    /// The mini stream and its table.
    fn mini_stream(&self) -> Option<(Vec<u8>, Vec<u32>)> {
        let root = self.entries.first()?;
        if root.len > self.bytes.len() as u64 {
            return None;
        }
        let mini = self.chain(root.start, root.len)?;
        let table_len = self.mini_fat_sectors.checked_mul(self.size as u64)?;
        if table_len > self.bytes.len() as u64 {
            return None;
        }
        let table = self.chain(self.mini_fat_start, table_len)?;
        let mini_fat = (0..table.len() / 4)
            .filter_map(|i| u32_at(&table, i * 4))
            .collect();
        Some((mini, mini_fat))
    }

    /// A stream's bytes: from the mini stream when shorter than 4096 bytes, as calamine reads it.
    fn stream(&self, entry: &Entry) -> Option<Vec<u8>> {
        if entry.len > self.bytes.len() as u64 {
            return None;
        }
        if entry.len >= 4096 {
            return self.chain(entry.start, entry.len);
        }
        if entry.len == 0 {
            return Some(Vec::new());
        }
        let (mini, mini_fat) = self.mini_stream()?;
        let hops = mini.len() / 64 + 1;
        follow(entry.start, &mini_fat, entry.len, hops, |id| {
            let start = (id as usize).checked_mul(64)?;
            mini.get(start..start.checked_add(64)?.min(mini.len()))
        })
    }
}

/// The bytes of the chain from `id` through `table`, sectors given by `read`, up to `len`; at
/// most `hops` sectors (more is a loop).
fn follow<'s>(
    mut id: u32,
    table: &[u32],
    len: u64,
    hops: usize,
    read: impl Fn(u32) -> Option<&'s [u8]>,
) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut taken = 0usize;
    while id != END_OF_CHAIN && (out.len() as u64) < len {
        taken += 1;
        if taken > hops {
            return None;
        }
        let sector = read(id)?;
        let room = usize::try_from(len - out.len() as u64).unwrap_or(usize::MAX);
        out.extend_from_slice(&sector[..sector.len().min(room)]);
        id = *table.get(id as usize)?;
    }
    Some(out)
}

impl Entry {
    fn parse(entry: &[u8], wide: bool) -> Option<Entry> {
        let units: Vec<u16> = (0..32).filter_map(|i| u16_at(entry, i * 2)).collect();
        let end = units.iter().position(|u| *u == 0).unwrap_or(units.len());
        let name = String::from_utf16_lossy(&units[..end]);
        let len = if wide {
            u64_at(entry, 120)?
        } else {
            u64::from(u32_at(entry, 120)?)
        };
        Some(Entry {
            name,
            kind: *entry.get(66)?,
            start: u32_at(entry, 116)?,
            len,
        })
    }
}

/// The BIFF records of the workbook stream: dimensions, cells and merged regions within the
/// limits.
fn check_records(stream: &[u8]) -> Result<(), CfbError> {
    let mut at = 0usize;
    let mut cells = 0u64;
    let mut merged = 0u64;
    while let (Some(kind), Some(len)) = (u16_at(stream, at), u16_at(stream, at + 2)) {
        let start = at + 4;
        let data = stream
            .get(start..start + usize::from(len))
            .unwrap_or_else(|| stream.get(start..).unwrap_or(&[]));
        at = start + usize::from(len);
        match kind {
            0x0200 => check_dimensions(data)?,
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 | 0x00BD => {
                cells += 1;
                if cells > MAX_CELLS {
                    return Err(limit(format!(
                        "有 {} 个以上有内容的单元格，超过了导入的上限",
                        grouped(MAX_CELLS)
                    )));
                }
                let (Some(row), Some(column)) = (u16_at(data, 0), u16_at(data, 2)) else {
                    continue;
                };
                let last = if kind == 0x00BD && data.len() >= 6 {
                    u16_at(data, data.len() - 2).unwrap_or(column)
                } else {
                    column
                };
                check_place(u32::from(row), u32::from(column.max(last)))?;
            }
            0x00E5 => {
                merged += u64::from(u16_at(data, 0).unwrap_or(0));
                if merged > MAX_MERGED {
                    return Err(limit(format!(
                        "有 {} 个以上合并单元格，超过了导入的上限",
                        grouped(MAX_MERGED)
                    )));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// A DIMENSIONS record as calamine reads it (BIFF8's rows are 32-bit).
fn check_dimensions(data: &[u8]) -> Result<(), CfbError> {
    let (first_row, end_row, end_column) = match data.len() {
        10 => (
            u32::from(u16_at(data, 0).unwrap_or(0)),
            u32::from(u16_at(data, 2).unwrap_or(0)),
            u32::from(u16_at(data, 6).unwrap_or(0)),
        ),
        14 | 16 => (
            u32_at(data, 0).unwrap_or(0),
            u32_at(data, 4).unwrap_or(0),
            u32::from(u16_at(data, 10).unwrap_or(0)),
        ),
        _ => return Ok(()),
    };
    if end_row >= 1 && end_column >= 1 && first_row > end_row - 1 {
        return Err(CfbError::Damaged);
    }
    check_place(end_row.saturating_sub(1), end_column.saturating_sub(1))
}

fn check_place(row: u32, column: u32) -> Result<(), CfbError> {
    if row >= MAX_ROWS {
        return Err(limit(format!(
            "的单元格到了第 {} 行（{}），超过了导入的上限 {} 行",
            grouped(u64::from(row) + 1),
            address(row, column),
            grouped(u64::from(MAX_ROWS))
        )));
    }
    if column >= MAX_COLUMNS {
        return Err(limit(format!(
            "的单元格到了第 {} 列（{}），超过了导入的上限 {} 列",
            grouped(u64::from(column) + 1),
            address(row, column),
            grouped(u64::from(MAX_COLUMNS))
        )));
    }
    Ok(())
}

fn limit(what: String) -> CfbError {
    CfbError::Limit(format!("这个 .xls 工作簿{what}：{TOO_BIG_HINT}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compound file of 512-byte sectors: the header, one FAT sector (0), one directory
    /// sector (1) holding `names` as streams.
    fn compound(names: &[&str]) -> Vec<u8> {
        let mut bytes = vec![0u8; 512 * 3];
        bytes[..8].copy_from_slice(&MAGIC);
        bytes[30..32].copy_from_slice(&9u16.to_le_bytes());
        bytes[32..34].copy_from_slice(&6u16.to_le_bytes());
        bytes[44..48].copy_from_slice(&1u32.to_le_bytes());
        bytes[48..52].copy_from_slice(&1u32.to_le_bytes());
        bytes[60..64].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
        bytes[68..72].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
        for i in 0..109 {
            let id: u32 = if i == 0 { 0 } else { 0xFFFF_FFFF };
            bytes[76 + i * 4..80 + i * 4].copy_from_slice(&id.to_le_bytes());
        }
        let fat = 512;
        for (i, id) in [0xFFFF_FFFDu32, END_OF_CHAIN].iter().enumerate() {
            bytes[fat + i * 4..fat + i * 4 + 4].copy_from_slice(&id.to_le_bytes());
        }
        for i in 2..128 {
            bytes[fat + i * 4..fat + i * 4 + 4].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        }
        for (slot, name) in std::iter::once("Root Entry")
            .chain(names.iter().copied())
            .enumerate()
        {
            let at = 1024 + slot * 128;
            for (i, unit) in name.encode_utf16().enumerate() {
                bytes[at + i * 2..at + i * 2 + 2].copy_from_slice(&unit.to_le_bytes());
            }
            bytes[at + 66] = if slot == 0 { 5 } else { 2 };
            bytes[at + 116..at + 120].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
        }
        bytes
    }

    #[test]
    fn an_encrypted_workbook_is_told_by_its_streams() {
        let bytes = compound(&["EncryptionInfo", "EncryptedPackage"]);
        assert_eq!(inspect(&bytes), Ok(Compound::Encrypted));
        assert_eq!(inspect(&compound(&["WordDocument"])), Ok(Compound::Other));
        assert_eq!(inspect(&compound(&["Workbook"])), Ok(Compound::Xls));
    }

    #[test]
    fn a_loop_in_the_directory_chain_is_damage_not_a_hang() {
        let mut bytes = compound(&["Workbook"]);
        // FAT entry of the directory sector (1) points back to itself.
        bytes[512 + 4..512 + 8].copy_from_slice(&1u32.to_le_bytes());
        assert_eq!(inspect(&bytes), Err(CfbError::Damaged));
    }

    #[test]
    fn biff_records_past_the_limits_are_refused() {
        let record = |kind: u16, data: &[u8]| {
            let mut r = kind.to_le_bytes().to_vec();
            r.extend((data.len() as u16).to_le_bytes());
            r.extend(data);
            r
        };
        let mut dims = Vec::new();
        dims.extend(0u32.to_le_bytes());
        dims.extend(u32::MAX.to_le_bytes());
        dims.extend([0, 0, 10, 0, 0, 0]);
        assert!(matches!(
            check_records(&record(0x0200, &dims)),
            Err(CfbError::Limit(_))
        ));
        let far = record(0x0203, &[0, 0, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert!(matches!(check_records(&far), Err(CfbError::Limit(m)) if m.contains("列")));
        let near = record(0x0203, &[5, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(check_records(&near), Ok(()));
    }
}
