//! One pass over an XML part of an .xlsx, before calamine reads it: the counts and places that
//! decide how much reading it will take (the shared strings declared and found, the sheet's
//! `<dimension>`, every cell with a value or a formula, the merged regions), checked against
//! [`super::limits`] as they stream by. Nothing is kept per cell but the few formula cells that
//! have no value, for the notes.
//!
//! Cells are placed as calamine places them (a cell's `r`, else the next column of the row; a
//! row's `r`, else the row after the last), with empty elements expanded as calamine does, so
//! that the limits hold for what calamine will allocate.

use std::io::BufRead;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::limits::{
    MAX_CELLS, MAX_COLUMNS, MAX_LISTED, MAX_MERGED, MAX_ROWS, MAX_SHARED_STRINGS, TOO_BIG_HINT,
    grouped,
};
use crate::excel::cells::address;

/// (row, column), zero-based.
type Place = (u32, u32);

/// What a part holds that import needs to know.
#[derive(Debug, Default)]
pub struct PartScan {
    /// Cells with a formula and no value (row, column), the first [`MAX_LISTED`] of them.
    pub formulas_without_value: Vec<(u32, u32)>,
    /// How many such cells in all.
    pub formulas_without_value_count: usize,
}

/// Why a part is refused: a limit (the message says which) or a damaged file.
#[derive(Debug, PartialEq, Eq)]
pub enum ScanError {
    Limit(String),
    Damaged(String),
}

/// The cell being read.
struct OpenCell {
    place: (u32, u32),
    formula: bool,
    value: bool,
    in_value: bool,
}

struct Scanner<'a> {
    /// 工作表「Sheet1」 or 「xl/sharedStrings.xml」, for the messages.
    what: &'a str,
    scan: PartScan,
    row: u32,
    column: u32,
    cell: Option<OpenCell>,
    in_sheet_data: bool,
    cells: u64,
    merged: u64,
    strings: u64,
}

/// Reads the part from `reader` to its end; `what` names it in the messages.
pub fn scan(reader: impl BufRead, what: &str) -> Result<PartScan, ScanError> {
    let mut xml = Reader::from_reader(reader);
    let config = xml.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut scanner = Scanner {
        what,
        scan: PartScan::default(),
        row: 0,
        column: 0,
        cell: None,
        in_sheet_data: false,
        cells: 0,
        merged: 0,
        strings: 0,
    };
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => scanner.start(&e)?,
            Ok(Event::End(e)) => scanner.end(e.local_name().as_ref())?,
            Ok(Event::Text(text)) => scanner.text(!text.is_empty()),
            Ok(Event::GeneralRef(_)) => scanner.text(true),
            Ok(Event::Eof) => return Ok(scanner.scan),
            Ok(_) => {}
            Err(_) => {
                return Err(ScanError::Damaged(format!(
                    "{} 的 XML 格式有误",
                    scanner.what
                )));
            }
        }
    }
}

impl Scanner<'_> {
    /// Text inside an element: a value when inside a cell's `<v>`.
    fn text(&mut self, some: bool) {
        if let Some(cell) = self.cell.as_mut()
            && cell.in_value
            && some
        {
            cell.value = true;
        }
    }

    fn start(&mut self, e: &BytesStart) -> Result<(), ScanError> {
        match e.local_name().as_ref() {
            b"sst" => self.declared_strings(e),
            b"si" => {
                self.strings += 1;
                self.check_strings(self.strings)
            }
            b"dimension" => self.dimension(e),
            b"sheetData" => {
                self.in_sheet_data = true;
                Ok(())
            }
            b"row" if self.in_sheet_data => {
                if let Some(r) = attribute(e, b"r") {
                    self.row = self.row_of(&r)?;
                }
                Ok(())
            }
            b"c" if self.in_sheet_data => {
                let place = match attribute(e, b"r") {
                    Some(r) => self.cell_of(&r)?,
                    None => (self.row, self.column),
                };
                self.column = place.1;
                self.cell = Some(OpenCell {
                    place,
                    formula: false,
                    value: false,
                    in_value: false,
                });
                Ok(())
            }
            b"f" => {
                if let Some(cell) = self.cell.as_mut() {
                    cell.formula = true;
                }
                Ok(())
            }
            b"v" => {
                if let Some(cell) = self.cell.as_mut() {
                    cell.in_value = true;
                }
                Ok(())
            }
            b"is" => {
                if let Some(cell) = self.cell.as_mut() {
                    cell.value = true;
                }
                Ok(())
            }
            b"mergeCell" => self.merge_cell(e),
            _ => Ok(()),
        }
    }

    fn end(&mut self, name: &[u8]) -> Result<(), ScanError> {
        match name {
            b"sheetData" => self.in_sheet_data = false,
            b"row" if self.in_sheet_data => {
                self.row = self.row.saturating_add(1);
                self.column = 0;
            }
            b"v" => {
                if let Some(cell) = self.cell.as_mut() {
                    cell.in_value = false;
                }
            }
            b"c" => {
                if let Some(cell) = self.cell.take() {
                    self.column = self.column.saturating_add(1);
                    self.close_cell(&cell)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A cell with a value or a formula: counted, and its place checked.
    fn close_cell(&mut self, cell: &OpenCell) -> Result<(), ScanError> {
        if !cell.value && !cell.formula {
            return Ok(());
        }
        self.cells += 1;
        if self.cells > MAX_CELLS {
            return Err(ScanError::Limit(format!(
                "{}有 {} 个以上有内容的单元格，超过了导入的上限 {} 个：{TOO_BIG_HINT}",
                self.what,
                grouped(MAX_CELLS),
                grouped(MAX_CELLS)
            )));
        }
        let (row, column) = cell.place;
        self.check_place(row, column, "有内容的单元格")?;
        if cell.formula && !cell.value {
            let scan = &mut self.scan;
            scan.formulas_without_value_count += 1;
            if scan.formulas_without_value.len() < MAX_LISTED {
                scan.formulas_without_value.push((row, column));
            }
        }
        Ok(())
    }

    /// A place within [`MAX_ROWS`] and [`MAX_COLUMNS`]; `what` says what is there.
    fn check_place(&self, row: u32, column: u32, what: &str) -> Result<(), ScanError> {
        if row >= MAX_ROWS {
            return Err(ScanError::Limit(format!(
                "{}的{what}到了第 {} 行（{}），超过了导入的上限 {} 行：{TOO_BIG_HINT}",
                self.what,
                grouped(u64::from(row) + 1),
                address(row, column),
                grouped(u64::from(MAX_ROWS))
            )));
        }
        if column >= MAX_COLUMNS {
            return Err(ScanError::Limit(format!(
                "{}的{what}到了第 {} 列（{}），超过了导入的上限 {} 列：{TOO_BIG_HINT}",
                self.what,
                grouped(u64::from(column) + 1),
                address(row, column),
                grouped(u64::from(MAX_COLUMNS))
            )));
        }
        Ok(())
    }

    fn declared_strings(&self, e: &BytesStart) -> Result<(), ScanError> {
        for key in [&b"uniqueCount"[..], &b"count"[..]] {
            if let Some(text) = attribute(e, key)
                && !text.is_empty()
                && text.bytes().all(|b| b.is_ascii_digit())
            {
                // More digits than a u64 holds is more than the limit too.
                let declared = text.parse::<u64>().unwrap_or(u64::MAX);
                if key == &b"uniqueCount"[..] {
                    self.check_strings(declared)?;
                } else if declared > MAX_SHARED_STRINGS.saturating_mul(1_000) {
                    // `count` is the uses of the strings: a generous multiple of the limit.
                    return Err(self.strings_error(declared, "次使用"));
                }
            }
        }
        Ok(())
    }

    fn check_strings(&self, count: u64) -> Result<(), ScanError> {
        if count > MAX_SHARED_STRINGS {
            return Err(self.strings_error(count, "个不同的文字"));
        }
        Ok(())
    }

    fn strings_error(&self, count: u64, unit: &str) -> ScanError {
        ScanError::Limit(format!(
            "{}声明或含有 {}{unit}，超过了导入的上限（{} 个不同的文字）：文件可能已损坏或是被恶意构造的；{TOO_BIG_HINT}",
            self.what,
            grouped(count),
            grouped(MAX_SHARED_STRINGS)
        ))
    }

    fn dimension(&self, e: &BytesStart) -> Result<(), ScanError> {
        let Some(range) = attribute(e, b"ref") else {
            return Ok(());
        };
        let (_, end) = self.range_of(&range)?;
        self.check_place(end.0, end.1, &format!("声明的范围 {range} "))
    }

    fn merge_cell(&mut self, e: &BytesStart) -> Result<(), ScanError> {
        self.merged += 1;
        if self.merged > MAX_MERGED {
            return Err(ScanError::Limit(format!(
                "{}有 {} 个以上合并单元格，超过了导入的上限 {} 个：{TOO_BIG_HINT}",
                self.what,
                grouped(MAX_MERGED),
                grouped(MAX_MERGED)
            )));
        }
        if let Some(range) = attribute(e, b"ref") {
            self.range_of(&range)?;
        }
        Ok(())
    }

    fn range_of(&self, range: &str) -> Result<(Place, Place), ScanError> {
        let mut parts = range.split(':');
        let start = self.cell_of(parts.next().unwrap_or(""))?;
        let end = match parts.next() {
            Some(end) => self.cell_of(end)?,
            None => start,
        };
        if parts.next().is_some() {
            return Err(self.damaged(range));
        }
        Ok((start, end))
    }

    fn cell_of(&self, reference: &str) -> Result<(u32, u32), ScanError> {
        excel_cell(reference).ok_or_else(|| self.damaged(reference))
    }

    fn row_of(&self, text: &str) -> Result<u32, ScanError> {
        excel_row(text).ok_or_else(|| self.damaged(text))
    }

    fn damaged(&self, reference: &str) -> ScanError {
        let shown: String = reference.chars().take(20).collect();
        ScanError::Damaged(format!(
            "{} 中的单元格地址「{shown}」不是有效的 Excel 地址",
            self.what
        ))
    }
}

/// An attribute's raw value, by its local name (`r`, `ref`, `r:id`'s `id`).
pub fn attribute(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// `D17` → (16, 3), zero-based, only within Excel's own grid (XFD1048576).
pub fn excel_cell(reference: &str) -> Option<(u32, u32)> {
    let letters = reference
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .count();
    if !(1..=3).contains(&letters) {
        return None;
    }
    let column = reference.bytes().take(letters).fold(0u32, |n, b| {
        n * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1
    });
    let row = excel_row(&reference[letters..])?;
    (column <= 16_384).then_some((row, column - 1))
}

/// `17` → 16, zero-based, only within Excel's 1,048,576 rows.
pub fn excel_row(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 7 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let row: u32 = text.parse().ok()?;
    (1..=1_048_576).contains(&row).then(|| row - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(xml: &str) -> Result<PartScan, ScanError> {
        scan(xml.as_bytes(), "工作表「S」")
    }

    #[test]
    fn references_are_excel_s_own() {
        assert_eq!(excel_cell("A1"), Some((0, 0)));
        assert_eq!(excel_cell("d17"), Some((16, 3)));
        assert_eq!(excel_cell("XFD1048576"), Some((1_048_575, 16_383)));
        for bad in [
            "",
            "A",
            "1",
            "A0",
            "XFE1",
            "A1048577",
            "AAAA1",
            "A1B",
            "$A$1",
            "A99999999",
        ] {
            assert_eq!(excel_cell(bad), None, "{bad}");
        }
    }

    #[test]
    fn cells_are_placed_as_calamine_places_them() {
        let sheet = r#"<worksheet><sheetData>
            <row r="3"><c><v>1</v></c><c r="E3"><f>A1</f></c><c><f>B1</f><v>2</v></c></row>
            <row><c><f>Z9</f></c></row></sheetData></worksheet>"#;
        let scan = run(sheet).unwrap();
        assert_eq!(scan.formulas_without_value, [(2, 4), (3, 0)]);
        assert_eq!(scan.formulas_without_value_count, 2);
    }

    #[test]
    fn each_limit_is_checked_as_the_part_streams_by() {
        let far = r#"<worksheet><sheetData><row r="1"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#;
        assert!(matches!(run(far), Err(ScanError::Limit(m)) if m.contains("1,048,576 行")));
        let empty_far = r#"<worksheet><sheetData><row r="1"><c r="XFD1048576" s="1"/></row></sheetData></worksheet>"#;
        assert!(
            run(empty_far).is_ok(),
            "a formatted empty cell allocates nothing"
        );
        let dimension = r#"<worksheet><dimension ref="A1:XFD1048576"/></worksheet>"#;
        assert!(matches!(run(dimension), Err(ScanError::Limit(m)) if m.contains("A1:XFD1048576")));
        let strings = r#"<sst uniqueCount="1000000000000" count="1"></sst>"#;
        assert!(
            matches!(run(strings), Err(ScanError::Limit(m)) if m.contains("1,000,000,000,000"))
        );
        let huge = format!(r#"<sst uniqueCount="{}"></sst>"#, "9".repeat(40));
        assert!(matches!(run(&huge), Err(ScanError::Limit(_))));
        let bad = r#"<worksheet><mergeCells><mergeCell ref="A1:ZZZZ1"/></mergeCells></worksheet>"#;
        assert!(matches!(run(bad), Err(ScanError::Damaged(m)) if m.contains("ZZZZ1")));
    }

    #[test]
    fn merged_regions_past_the_limit_are_refused() {
        let mut sheet = String::from("<worksheet><mergeCells>");
        for i in 0..=MAX_MERGED {
            let row = i % 10_000 + 1;
            let col = ["A", "C", "E", "G", "I", "K"][(i / 10_000) as usize];
            sheet.push_str(&format!(r#"<mergeCell ref="{col}{row}:{col}{row}"/>"#));
        }
        sheet.push_str("</mergeCells></worksheet>");
        assert!(matches!(run(&sheet), Err(ScanError::Limit(m)) if m.contains("合并单元格")));
    }
}
