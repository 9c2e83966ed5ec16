//! `jixiao import` (and `export`, the 汇总表) on workbooks made to hurt: built byte by byte here
//! (a zip of handwritten XML parts, an OLE compound file) where rust_xlsxwriter would never
//! write them. Each case is one change to a valid minimal 自评表 ([`table`]); each must end with
//! a Chinese message and the exit code that says so, or import with a note naming the cell,
//! and never write what it should not. The ones that would once have taken all the memory or
//! minutes run the binary under a limit of address space and CPU time ([`limited`]).

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use zip::write::SimpleFileOptions;

use crate::cli_support::*;

const BIN: &str = env!("CARGO_BIN_EXE_jixiao");

/// Runs `jixiao args…` with at most 2 GB of address space and 60 s of CPU: a workbook that
/// would allocate terabytes or take minutes ends the process instead of passing the test.
fn limited(args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 2000000 && ulimit -t 60 && exec \"$0\" \"$@\"")
        .arg(BIN)
        .args(args)
        .output()
        .unwrap_or_else(|error| panic!("cannot run jixiao {args:?}: {error}"))
}

/// A cell of inline text.
fn text(at: &str, value: &str) -> String {
    format!(r#"<c r="{at}" t="inlineStr"><is><t>{value}</t></is></c>"#)
}

/// A cell of a number (or of whatever `value` is, as Excel's `<v>`).
fn number(at: &str, value: &str) -> String {
    format!(r#"<c r="{at}"><v>{value}</v></c>"#)
}

/// The cells of a valid 部门整体绩效自评表 (Hubei), by address: title with its 年度, 单位名称,
/// the budget row, the header and two indicators of one goal, 总分.
fn table_cells() -> Vec<(String, String)> {
    let texts = [
        ("A1", "2022年度测试单位部门整体绩效自评表"),
        ("A2", "单位名称"),
        ("B2", "测试单位"),
        ("A3", "预算执行情况（万元）（20分）"),
        ("C3", "预算数（A）"),
        ("D3", "执行数（B）"),
        ("B4", "部门整体支出总额"),
        ("A5", "年度目标"),
        ("B5", "一级指标"),
        ("C5", "二级指标"),
        ("D5", "三级指标"),
        ("E5", "年初目标值（A）"),
        ("F5", "实际完成值（B）"),
        ("G5", "分值"),
        ("H5", "得分"),
        ("A6", "年度目标1（80分）"),
        ("B6", "产出指标"),
        ("C6", "数量指标"),
        ("D6", "服务人次"),
        ("E6", "≥1000人次"),
        ("F6", "1200人次"),
        ("B7", "效益指标"),
        ("C7", "社会效益指标"),
        ("D7", "惠及人数"),
        ("E7", "≥500人"),
        ("F7", "600人"),
        ("A8", "总分"),
    ];
    let numbers = [
        ("C4", "100"),
        ("D4", "100"),
        ("G6", "40"),
        ("H6", "40"),
        ("G7", "40"),
        ("H7", "40"),
        ("C8", "100"),
    ];
    texts
        .iter()
        .map(|(at, value)| (at.to_string(), text(at, value)))
        .chain(
            numbers
                .iter()
                .map(|(at, value)| (at.to_string(), number(at, value))),
        )
        .collect()
}

/// (row, column) of `D17`, for ordering.
fn place(at: &str) -> (u32, u32) {
    let letters: String = at.chars().take_while(char::is_ascii_alphabetic).collect();
    let column = letters
        .bytes()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A') + 1);
    (at[letters.len()..].parse().unwrap(), column)
}

/// The `<row>`s of `cells` (address, `<c>` element), in order.
fn rows(cells: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = cells.iter().collect();
    sorted.sort_by_key(|(at, _)| place(at));
    let mut xml = String::new();
    let mut current = None;
    for (at, cell) in sorted {
        let row = place(at).0;
        if current != Some(row) {
            if current.is_some() {
                xml.push_str("</row>");
            }
            xml.push_str(&format!(r#"<row r="{row}">"#));
            current = Some(row);
        }
        xml.push_str(cell);
    }
    if current.is_some() {
        xml.push_str("</row>");
    }
    xml
}

/// The table's cells with `changes` (replacing a cell of the same address, or added).
fn table(changes: &[(&str, String)]) -> String {
    let mut cells = table_cells();
    for (at, cell) in changes {
        cells.retain(|(a, _)| a != at);
        cells.push((at.to_string(), cell.clone()));
    }
    rows(&cells)
}

/// A worksheet part: `head` before `<sheetData>` (a `<dimension>`), `tail` after it
/// (`<mergeCells>`).
fn sheet(head: &str, rows: &str, tail: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">{head}<sheetData>{rows}</sheetData>{tail}</worksheet>"#
    )
}

/// Styles: xf 0 general, xf 1 a date (built-in format 14).
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#;

/// The parts of an .xlsx holding `sheets` (name, worksheet XML) and, when given, the shared
/// strings part `shared` (any bytes).
fn parts(sheets: &[(&str, String)], shared: Option<Vec<u8>>) -> Vec<(String, Vec<u8>)> {
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut overrides = String::new();
    let mut entries = String::new();
    let mut rels = String::new();
    let mut out = Vec::new();
    for (i, (name, xml)) in (1..).zip(sheets) {
        overrides.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        entries.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>"#
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.xml"/>"#
        ));
        out.push((
            format!("xl/worksheets/sheet{i}.xml"),
            xml.clone().into_bytes(),
        ));
    }
    rels.push_str(&format!(
        r#"<Relationship Id="rIdS" Type="{rel}/styles" Target="styles.xml"/>"#
    ));
    if let Some(shared) = shared {
        rels.push_str(&format!(
            r#"<Relationship Id="rIdT" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>"#
        ));
        overrides.push_str(r#"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#);
        out.push(("xl/sharedStrings.xml".to_string(), shared));
    }
    let head = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
    let mut all = vec![
        (
            "[Content_Types].xml".to_string(),
            format!(r#"{head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{overrides}</Types>"#).into_bytes(),
        ),
        (
            "_rels/.rels".to_string(),
            format!(r#"{head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#).into_bytes(),
        ),
        (
            "xl/workbook.xml".to_string(),
            format!(r#"{head}<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>{entries}</sheets></workbook>"#).into_bytes(),
        ),
        (
            "xl/_rels/workbook.xml.rels".to_string(),
            format!(r#"{head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#).into_bytes(),
        ),
        ("xl/styles.xml".to_string(), STYLES.as_bytes().to_vec()),
    ];
    all.extend(out);
    all
}

/// The zip of `parts`, deflated.
fn zipped(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(false);
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// An .xlsx of one sheet 自评表 holding `rows`.
fn workbook(rows: &str) -> Vec<u8> {
    zipped(&parts(&[("自评表", sheet("", rows, ""))], None))
}

/// A folder with `bytes` as `name`; the workbook's path and where import should write.
fn saved(bytes: &[u8], name: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = dir.path().join("导入");
    (dir, path, out)
}

fn run_import(path: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "import",
        path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    limited(&args)
}

/// Import refused: exit code 2, `expected` in the message, no raw English, the workbook
/// unchanged and nothing written.
fn refused(bytes: &[u8], name: &str, expected: &[&str]) -> String {
    let (_dir, path, out) = saved(bytes, name);
    let output = run_import(&path, &out, &[]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    for text in expected {
        assert!(message.contains(text), "「{text}」 in: {message}");
    }
    assert!(message.starts_with("错误: "), "{message}");
    assert_no_english(&message);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "the workbook is untouched"
    );
    assert!(!out.exists(), "nothing written: {message}");
    message
}

/// Imported: exit code 0; the notes (stderr) and the folder written.
fn imported(bytes: &[u8], extra: &[&str]) -> (String, tempfile::TempDir, PathBuf) {
    let (dir, path, out) = saved(bytes, "自评表.xlsx");
    let output = run_import(&path, &out, extra);
    let notes = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{notes}");
    assert_no_english(&notes);
    (notes, dir, out)
}

/// No word of English (the OS's, calamine's, zip's or rust_xlsxwriter's) in a message.
fn assert_no_english(message: &str) {
    for word in [
        "error", "Error", "failed", "os error", "exceeds", "memory", "panicked", "Invalid",
    ] {
        assert!(!message.contains(word), "「{word}」 in: {message}");
    }
}

#[test]
fn the_minimal_workbook_these_cases_change_imports_and_checks() {
    let (notes, _dir, out) = imported(&workbook(&table(&[])), &[]);
    assert!(!notes.contains("注意：自评表!"), "{notes}");
    let check = jixiao(&["check", out.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let unit = std::fs::read_to_string(out.join("单位.yaml")).unwrap();
    assert!(unit.contains("年度: 2022"), "{unit}");
}

#[test]
fn a_shared_strings_table_declaring_a_trillion_strings_is_refused_before_allocating() {
    let shared = br#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1000000000000" uniqueCount="1000000000000"><si><t>x</t></si></sst>"#;
    let bytes = zipped(&parts(
        &[("自评表", sheet("", &table(&[]), ""))],
        Some(shared.to_vec()),
    ));
    refused(
        &bytes,
        "自评表.xlsx",
        &["1,000,000,000,000", "上限", "1,000,000", "工作簿"],
    );
}

#[test]
fn a_dimension_or_a_cell_at_xfd1048576_is_refused_with_the_limit() {
    let far = sheet(r#"<dimension ref="A1:XFD1048576"/>"#, &table(&[]), "");
    let message = refused(
        &zipped(&parts(&[("自评表", far)], None)),
        "自评表.xlsx",
        &[
            "工作表「自评表」",
            "A1:XFD1048576",
            "1,048,576 行",
            "20,000 行",
        ],
    );
    assert!(
        message.contains("复制到一个新的工作簿"),
        "what to do: {message}"
    );
    let cell = table(&[("XFD1048576", number("XFD1048576", "1"))]);
    refused(
        &workbook(&cell),
        "自评表.xlsx",
        &["工作表「自评表」", "XFD1048576", "上限"],
    );
    let wide = table(&[("XFD1", text("XFD1", "远处"))]);
    refused(&workbook(&wide), "自评表.xlsx", &["16,384 列", "256 列"]);
}

/// Shared strings of `mib` MiB, highly compressible.
fn huge_strings(mib: usize) -> Vec<u8> {
    let mut xml = br#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>"#.to_vec();
    xml.resize(xml.len() + mib * 1024 * 1024, b'a');
    xml.extend(b"</t></si></sst>");
    xml
}

#[test]
fn a_zip_bomb_of_shared_strings_is_refused_by_its_declared_size() {
    let bytes = zipped(&parts(
        &[("自评表", sheet("", &table(&[]), ""))],
        Some(huge_strings(200)),
    ));
    assert!(
        bytes.len() < 2 * 1024 * 1024,
        "a small file: {}",
        bytes.len()
    );
    refused(
        &bytes,
        "自评表.xlsx",
        &["xl/sharedStrings.xml", "zip 炸弹", "64 MB", "201 MB"],
    );
}

/// Sets the uncompressed size that the local and central headers of `name` declare.
fn lie_about_size(zip: &mut [u8], name: &str, size: u32) {
    let mut patched = 0;
    for at in 0..zip.len().saturating_sub(46) {
        let (signature, size_at, name_len_at, name_at) = match &zip[at..at + 4] {
            b"PK\x03\x04" => ("local", 22, 26, 30),
            b"PK\x01\x02" => ("central", 24, 28, 46),
            _ => continue,
        };
        let len = u16::from_le_bytes([zip[at + name_len_at], zip[at + name_len_at + 1]]) as usize;
        if zip.get(at + name_at..at + name_at + len) == Some(name.as_bytes()) {
            zip[at + size_at..at + size_at + 4].copy_from_slice(&size.to_le_bytes());
            patched += 1;
            let _ = signature;
        }
    }
    assert_eq!(patched, 2, "both headers of {name}");
}

#[test]
fn a_zip_bomb_whose_header_lies_about_its_size_is_stopped_while_reading() {
    let mut bytes = zipped(&parts(
        &[("自评表", sheet("", &table(&[]), ""))],
        Some(huge_strings(100)),
    ));
    lie_about_size(&mut bytes, "xl/sharedStrings.xml", 1_000);
    refused(
        &bytes,
        "自评表.xlsx",
        &["xl/sharedStrings.xml", "1,000 字节", "恶意构造"],
    );
}

/// `count` merged regions of two cells each, row by row in columns J:K, L:M, N:O…
fn merges(count: usize) -> String {
    let pairs = ["J:K", "L:M", "N:O", "P:Q", "R:S", "T:U"];
    let mut xml = format!(r#"<mergeCells count="{count}">"#);
    for i in 0..count {
        let (from, to) = pairs[i / 19_000].split_once(':').unwrap();
        let row = 10 + i % 19_000;
        xml.push_str(&format!(r#"<mergeCell ref="{from}{row}:{to}{row}"/>"#));
    }
    xml.push_str("</mergeCells>");
    xml
}

#[test]
fn a_hundred_thousand_merged_regions_are_refused_at_once() {
    let bytes = zipped(&parts(
        &[("自评表", sheet("", &table(&[]), &merges(100_000)))],
        None,
    ));
    assert!(bytes.len() < 2 * 1024 * 1024, "{}", bytes.len());
    refused(
        &bytes,
        "自评表.xlsx",
        &["工作表「自评表」", "合并单元格", "50,000"],
    );
}

#[test]
fn forty_thousand_merged_regions_over_twenty_thousand_rows_import_within_the_cpu_limit() {
    // A cell at Z19999 makes the sheet 19,999 rows by 26 columns: every cell of it is looked up
    // (a linear search through 40,000 regions took hours).
    let rows = table(&[("Z19999", text("Z19999", "表外"))]);
    let bytes = zipped(&parts(
        &[("自评表", sheet("", &rows, &merges(40_000)))],
        None,
    ));
    let (notes, _dir, out) = imported(&bytes, &[]);
    assert!(notes.contains("自评表!Z19999：「表外」没有导入"), "{notes}");
    assert!(out.join("目标1.yaml").exists());
}

#[test]
fn overlapping_merged_regions_are_a_damaged_file() {
    let tail =
        r#"<mergeCells count="2"><mergeCell ref="A6:A7"/><mergeCell ref="A7:B7"/></mergeCells>"#;
    let bytes = zipped(&parts(&[("自评表", sheet("", &table(&[]), tail))], None));
    refused(&bytes, "自评表.xlsx", &["A6:A7", "A7:B7", "重叠", "另存为"]);
}

/// An OLE compound file (512-byte sectors, version 3) holding `streams`, each padded to at
/// least 4,096 bytes so that none lives in the mini stream.
fn compound(streams: &[(&str, Vec<u8>)]) -> Vec<u8> {
    const FREE: u32 = 0xFFFF_FFFF;
    const END: u32 = 0xFFFF_FFFE;
    let padded: Vec<Vec<u8>> = streams
        .iter()
        .map(|(_, data)| {
            let mut data = data.clone();
            let len = data.len().max(4096).div_ceil(512) * 512;
            data.resize(len, 0);
            data
        })
        .collect();
    let data_sectors: usize = padded.iter().map(|d| d.len() / 512).sum();
    let dir_sectors = (streams.len() + 1).div_ceil(4);
    let mut fat_sectors = 1;
    while fat_sectors * 128 < fat_sectors + dir_sectors + data_sectors {
        fat_sectors += 1;
    }
    assert!(fat_sectors <= 109);
    let mut fat = vec![FREE; fat_sectors * 128];
    for entry in fat.iter_mut().take(fat_sectors) {
        *entry = 0xFFFF_FFFD;
    }
    let mut next = fat_sectors;
    let mut chain = |sectors: usize, fat: &mut Vec<u32>| {
        let start = next;
        for i in 0..sectors {
            fat[start + i] = if i + 1 == sectors {
                END
            } else {
                (start + i + 1) as u32
            };
        }
        next += sectors;
        start as u32
    };
    let dir_start = chain(dir_sectors, &mut fat);
    let starts: Vec<u32> = padded
        .iter()
        .map(|d| chain(d.len() / 512, &mut fat))
        .collect();
    let mut out = vec![0u8; 512];
    out[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let put = |out: &mut Vec<u8>, at: usize, bytes: &[u8]| {
        out[at..at + bytes.len()].copy_from_slice(bytes)
    };
    put(&mut out, 24, &0x3Eu16.to_le_bytes());
    put(&mut out, 26, &3u16.to_le_bytes());
    put(&mut out, 28, &0xFFFEu16.to_le_bytes());
    put(&mut out, 30, &9u16.to_le_bytes());
    put(&mut out, 32, &6u16.to_le_bytes());
    put(&mut out, 44, &(fat_sectors as u32).to_le_bytes());
    put(&mut out, 48, &dir_start.to_le_bytes());
    put(&mut out, 56, &4096u32.to_le_bytes());
    put(&mut out, 60, &END.to_le_bytes());
    put(&mut out, 68, &END.to_le_bytes());
    for i in 0..109 {
        let id = if i < fat_sectors { i as u32 } else { FREE };
        put(&mut out, 76 + i * 4, &id.to_le_bytes());
    }
    for id in &fat {
        out.extend(id.to_le_bytes());
    }
    let mut directory = vec![0u8; dir_sectors * 512];
    let names = std::iter::once("Root Entry").chain(streams.iter().map(|(n, _)| *n));
    for (i, name) in names.enumerate() {
        let entry = &mut directory[i * 128..(i + 1) * 128];
        let units: Vec<u16> = name.encode_utf16().collect();
        for (j, unit) in units.iter().enumerate() {
            entry[j * 2..j * 2 + 2].copy_from_slice(&unit.to_le_bytes());
        }
        entry[64..66].copy_from_slice(&(((units.len() + 1) * 2) as u16).to_le_bytes());
        entry[66] = if i == 0 { 5 } else { 2 };
        entry[67] = 1;
        let sibling = if i > 0 && i < streams.len() {
            (i + 1) as u32
        } else {
            FREE
        };
        entry[68..72].copy_from_slice(&FREE.to_le_bytes());
        entry[72..76].copy_from_slice(&sibling.to_le_bytes());
        let child = if i == 0 && !streams.is_empty() {
            1
        } else {
            FREE
        };
        entry[76..80].copy_from_slice(&child.to_le_bytes());
        let (start, len) = if i == 0 {
            (END, 0)
        } else {
            (starts[i - 1], padded[i - 1].len() as u32)
        };
        entry[116..120].copy_from_slice(&start.to_le_bytes());
        entry[120..124].copy_from_slice(&len.to_le_bytes());
    }
    for i in streams.len() + 1..dir_sectors * 4 {
        let entry = &mut directory[i * 128..(i + 1) * 128];
        for at in [68, 72, 76] {
            entry[at..at + 4].copy_from_slice(&FREE.to_le_bytes());
        }
    }
    out.extend(directory);
    for data in padded {
        out.extend(data);
    }
    out
}

#[test]
fn a_password_protected_workbook_says_so() {
    let bytes = compound(&[
        ("EncryptionInfo", vec![4, 0, 4, 0, 0x40, 0, 0, 0]),
        ("EncryptedPackage", vec![0xAB; 5000]),
    ]);
    let message = refused(&bytes, "自评表.xlsx", &["设置了打开密码", "删去密码"]);
    assert!(!message.contains("已损坏"), "{message}");
}

/// A BIFF8 record.
fn record(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut bytes = kind.to_le_bytes().to_vec();
    bytes.extend((data.len() as u16).to_le_bytes());
    bytes.extend(data);
    bytes
}

/// The workbook stream of an .xls with one sheet 自评表 holding the table's texts and numbers.
fn biff8_table() -> Vec<u8> {
    let bof = |kind: u16| {
        let mut data = 0x0600u16.to_le_bytes().to_vec();
        data.extend(kind.to_le_bytes());
        data.extend([0; 12]);
        record(0x0809, &data)
    };
    let wide = |text: &str| -> Vec<u8> { text.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let mut sheet = bof(0x0010);
    for (at, cell) in table_cells() {
        let (row, column) = place(&at);
        let mut data = ((row - 1) as u16).to_le_bytes().to_vec();
        data.extend(((column - 1) as u16).to_le_bytes());
        data.extend(0u16.to_le_bytes());
        if let Some(value) = cell.strip_prefix(&format!(r#"<c r="{at}"><v>"#)) {
            let value: f64 = value.trim_end_matches("</v></c>").parse().unwrap();
            data.extend(value.to_le_bytes());
            sheet.extend(record(0x0203, &data));
        } else {
            let value = cell
                .split("<t>")
                .nth(1)
                .unwrap()
                .split("</t>")
                .next()
                .unwrap();
            data.extend((value.encode_utf16().count() as u16).to_le_bytes());
            data.push(1);
            data.extend(wide(value));
            sheet.extend(record(0x0204, &data));
        }
    }
    sheet.extend(record(0x000A, &[]));
    let name = "自评表";
    let bound_len = 4 + 6 + 2 + name.encode_utf16().count() * 2;
    let globals_len = bof(0x0005).len() + bound_len + 4;
    let mut stream = bof(0x0005);
    let mut bound = (globals_len as u32).to_le_bytes().to_vec();
    bound.extend([0, 0, name.encode_utf16().count() as u8, 1]);
    bound.extend(wide(name));
    stream.extend(record(0x0085, &bound));
    stream.extend(record(0x000A, &[]));
    assert_eq!(stream.len(), globals_len);
    stream.extend(sheet);
    stream
}

#[test]
fn an_old_xls_named_xlsx_is_read_as_what_it_is_and_said_so() {
    let bytes = compound(&[("Workbook", biff8_table())]);
    let (notes, _dir, out) = imported(&bytes, &[]);
    assert!(notes.contains("其实是旧版 .xls 格式的工作簿"), "{notes}");
    let goal = std::fs::read_to_string(out.join("目标1.yaml")).unwrap();
    assert!(goal.contains("三级指标: 惠及人数"), "{goal}");
    // The same file named .xls imports without that note.
    let (dir, path, out) = saved(&bytes, "自评表.xls");
    let output = run_import(&path, &out, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!stderr(&output).contains("其实是"), "{}", stderr(&output));
    drop(dir);
}

#[test]
fn an_xls_whose_dimensions_claim_four_billion_rows_is_refused() {
    let mut stream = biff8_table();
    let mut dims = 0u32.to_le_bytes().to_vec();
    dims.extend(u32::MAX.to_le_bytes());
    dims.extend([0, 0, 8, 0, 0, 0]);
    stream.extend(record(0x0200, &dims));
    let bytes = compound(&[("Workbook", stream)]);
    refused(&bytes, "自评表.xls", &[".xls 工作簿", "行", "上限"]);
}

#[test]
fn files_that_are_no_workbook_say_what_they_are() {
    refused(b"", "自评表.xlsx", &["文件是空的"]);
    refused(
        b"<html><body>table</body></html>",
        "自评表.xlsx",
        &["网页或 XML"],
    );
    refused(b"a,b,c\n1,2,3\n", "自评表.xlsx", &["不是 Excel 工作簿"]);
    let word = compound(&[("WordDocument", vec![0; 10])]);
    refused(&word, "自评表.xls", &["没有工作簿"]);
    let other = zipped(&[("a.txt".to_string(), b"x".to_vec())]);
    refused(&other, "自评表.xlsx", &["zip 压缩包"]);
}

#[test]
fn a_header_below_the_rows_searched_says_how_many_were_searched() {
    let low: Vec<(String, String)> = table_cells()
        .into_iter()
        .map(|(at, cell)| {
            let (row, _) = place(&at);
            let letters: String = at.chars().take_while(char::is_ascii_alphabetic).collect();
            let moved = format!("{letters}{}", row + 70);
            (
                moved.clone(),
                cell.replace(&format!(r#"r="{at}""#), &format!(r#"r="{moved}""#)),
            )
        })
        .collect();
    refused(
        &workbook(&rows(&low)),
        "自评表.xlsx",
        &["第 75 行", "前 60 行", "删去表头上方多余的行"],
    );
}

#[test]
fn a_first_sheet_of_instructions_is_skipped_and_the_table_read_from_the_next() {
    let instructions = rows(&[
        ("A1".to_string(), text("A1", "填表说明")),
        (
            "A2".to_string(),
            text("A2", "一、三级指标按年初批复的绩效目标填写。"),
        ),
        ("A3".to_string(), text("A3", "二、得分保留两位小数。")),
    ]);
    let bytes = zipped(&parts(
        &[
            ("填表说明", sheet("", &instructions, "")),
            ("自评表", sheet("", &table(&[]), "")),
        ],
        None,
    ));
    let (notes, _dir, out) = imported(&bytes, &[]);
    assert!(
        notes.contains("工作表「填表说明」里没有自评表的表头，已跳过"),
        "{notes}"
    );
    assert!(notes.contains("自评表取自工作表「自评表」"), "{notes}");
    assert!(
        !notes.contains("填表说明!"),
        "its cells are not listed: {notes}"
    );
    let goal = std::fs::read_to_string(out.join("目标1.yaml")).unwrap();
    assert!(
        goal.contains("服务人次") && goal.contains("惠及人数"),
        "{goal}"
    );
}

#[test]
fn cells_excel_could_not_compute_are_located_notes_never_a_silent_zero() {
    let rows = table(&[
        ("H6", r#"<c r="H6"><f>G6*1</f></c>"#.to_string()),
        (
            "H7",
            r#"<c r="H7" t="e"><f>1/0</f><v>#DIV/0!</v></c>"#.to_string(),
        ),
        ("C4", r#"<c r="C4" t="e"><v>#REF!</v></c>"#.to_string()),
        ("D4", r#"<c r="D4" t="e"><v>#N/A</v></c>"#.to_string()),
    ]);
    let (notes, _dir, out) = imported(&workbook(&rows), &[]);
    for expected in [
        "自评表!H6：有公式，但文件里没有保存公式的计算结果",
        "自评表!H7：是 Excel 的错误值 #DIV/0!",
        "自评表!C4：是 Excel 的错误值 #REF!",
        "自评表!D4：是 Excel 的错误值 #N/A",
        "没有计为 0",
    ] {
        assert!(notes.contains(expected), "{expected} in {notes}");
    }
    let goal = std::fs::read_to_string(out.join("目标1.yaml")).unwrap();
    assert!(
        !goal.contains("得分: 0"),
        "no 0 in place of a blank: {goal}"
    );
    let unit = std::fs::read_to_string(out.join("单位.yaml")).unwrap();
    assert!(!unit.contains("调整后预算数: 0"), "{unit}");
}

#[test]
fn nan_huge_numbers_dates_and_full_width_digits_are_each_a_located_note() {
    let rows = table(&[
        ("G6", number("G6", "NaN")),
        ("H6", number("H6", "1e308")),
        ("H7", r#"<c r="H7" s="1"><v>45000</v></c>"#.to_string()),
        ("G7", text("G7", "４０")),
        ("C4", number("C4", "-1e300")),
    ]);
    let (notes, _dir, out) = imported(&workbook(&rows), &[]);
    for expected in [
        "自评表!G6：数值是 NaN",
        "自评表!H6：数值 1e308 太大",
        "自评表!H7：这里应是数字，是日期 2023-03-15",
        "自评表!G7：「４０」是全角数字，按 40 读入",
        "自评表!C4：数值 -1e300 太大",
        "自评表!G6：「服务人次」的分值为空（或不是数字），按 0 写入",
    ] {
        assert!(notes.contains(expected), "{expected} in {notes}");
    }
    let goal = std::fs::read_to_string(out.join("目标1.yaml")).unwrap();
    assert!(goal.contains("分值: 40"), "the full-width 40 is 40: {goal}");
}

#[test]
fn a_score_of_1e20_over_a_weight_of_1e_minus_20_is_noted_not_a_panic() {
    // A qualitative indicator whose actual value differs from its target: its band is decided
    // from the score and the weight (decide.rs), here numbers no decimal arithmetic should meet.
    let rows = table(&[
        ("E6", text("E6", "好")),
        ("F6", text("F6", "较好")),
        ("G6", number("G6", "1e-20")),
        ("H6", number("H6", "1e20")),
    ]);
    let (notes, _dir, out) = imported(&workbook(&rows), &[]);
    for expected in [
        "自评表!H6：数值 1e20 太大",
        "自评表!H6：定性指标「服务人次」的实际完成值与目标值不同、得分为空，按「未达成」0 分写入",
    ] {
        assert!(notes.contains(expected), "{expected} in {notes}");
    }
    let goal = std::fs::read_to_string(out.join("目标1.yaml")).unwrap();
    // 1e-20 is an exact decimal: kept as it is.
    assert!(goal.contains("分值: 0.00000000000000000001"), "{goal}");
    assert!(goal.contains("完成档次: 未达成"), "{goal}");
}

#[test]
fn a_year_nowhere_in_the_workbook_is_asked_for_never_guessed() {
    let rows = table(&[
        ("A1", text("A1", "测试单位部门整体绩效自评表")),
        ("A9", text("A9", "填报人：张三　　填报日期：0000年1月1日")),
    ]);
    let bytes = workbook(&rows);
    let message = refused(
        &bytes,
        "自评表.xlsx",
        &["没有「某某年度」", "--year", "未写入任何文件"],
    );
    assert!(!message.contains("65535"), "{message}");
    let with_date = table(&[
        ("A1", text("A1", "测试单位部门整体绩效自评表")),
        ("A9", text("A9", "填报人：张三　　填报日期：2023年5月20日")),
    ]);
    refused(
        &workbook(&with_date),
        "自评表.xlsx",
        &["评价的多半是 2022 年度"],
    );
    let (_notes, _dir, out) = imported(&bytes, &["--year", "2022"]);
    let unit = std::fs::read_to_string(out.join("单位.yaml")).unwrap();
    assert!(unit.contains("年度: 2022"), "{unit}");
    // --year over a title's year wins, and says so.
    let (notes, _dir, out) = imported(&workbook(&table(&[])), &["--year", "2021"]);
    assert!(
        notes.contains("标题中的年度是 2022，按 --year 写入 2021"),
        "{notes}"
    );
    assert!(
        std::fs::read_to_string(out.join("单位.yaml"))
            .unwrap()
            .contains("年度: 2021")
    );
}

#[test]
fn an_output_path_through_a_file_is_said_in_chinese() {
    let (dir, path, _) = saved(&workbook(&table(&[])), "自评表.xlsx");
    let blocker = dir.path().join("文件");
    std::fs::write(&blocker, "x").unwrap();
    let out = blocker.join("子文件夹");
    let output = run_import(&path, &out, &[]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(message.contains("路径中有一段是文件"), "{message}");
    assert_no_english(&message);
}

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/2022-baoxie");

#[test]
fn an_export_of_a_text_past_excel_s_cell_limit_is_refused_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("报告");
    std::fs::create_dir(&report).unwrap();
    for entry in std::fs::read_dir(SAMPLE).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, report.join(path.file_name().unwrap())).unwrap();
    }
    let annex = report.join("自评表.yaml");
    let text = std::fs::read_to_string(&annex).unwrap();
    let first = text
        .lines()
        .find(|line| line.starts_with("    1. 科学合理设置"))
        .unwrap();
    let long = format!("    {}", "改".repeat(33_000));
    std::fs::write(&annex, text.replace(first, &long)).unwrap();
    let workbook = dir.path().join("自评表.xlsx");
    let output = jixiao(&[
        "export",
        report.to_str().unwrap(),
        "-o",
        workbook.to_str().unwrap(),
    ]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    for expected in [
        "自评表!C",
        "32767",
        "改改改",
        "请把这段文字缩短",
        "未写入任何文件",
    ] {
        assert!(message.contains(expected), "{expected} in {message}");
    }
    assert_no_english(&message);
    assert!(!workbook.exists());
}

#[test]
fn a_folder_where_the_summary_workbook_goes_is_refused_before_building() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("各单位");
    let out = dir.path().join("输出");
    std::fs::create_dir_all(out.join("汇总表.xlsx")).unwrap();
    std::fs::create_dir(&root).unwrap();
    for name in ["甲", "乙"] {
        let folder = root.join(name);
        std::fs::create_dir(&folder).unwrap();
        for entry in std::fs::read_dir(SAMPLE).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, folder.join(path.file_name().unwrap())).unwrap();
        }
    }
    let output = jixiao(&["build", root.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(message.contains("汇总表.xlsx」是一个文件夹"), "{message}");
    assert!(message.contains("未处理任何报告"), "{message}");
    assert!(
        out.join("汇总表.xlsx").is_dir(),
        "the folder is left as it was"
    );
    assert!(!out.join("甲.pdf").exists() && !out.join("汇总表.pdf").exists());
    assert_no_english(&message);
}

#[test]
fn the_summary_pdf_is_written_when_its_workbook_cannot_be() {
    // The folder appears after the outputs were checked (another program, a sync tool): the
    // 汇总表's PDF is still written, and the workbook's failure is said.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("输出");
    std::fs::create_dir_all(out.join("汇总表.xlsx")).unwrap();
    let typesetter = jixiao::typeset::Typesetter::new(&[]).unwrap();
    let summary =
        jixiao::commands::batch::Summary::new(vec![jixiao::commands::batch::SummaryRow::failed(
            "甲",
            "各单位/甲.yaml",
            1,
        )]);
    let options = jixiao::pipeline::BuildOptions::default();
    let error =
        jixiao::commands::batch::write_summary(&summary, &out, dir.path(), &options, &typesetter)
            .unwrap_err();
    assert!(error.contains("无法写出汇总表.xlsx"), "{error}");
    assert!(error.contains("是一个文件夹"), "{error}");
    assert!(error.contains("汇总表.pdf 已写出"), "{error}");
    assert!(out.join("汇总表.pdf").is_file(), "the PDF is written");
    assert!(
        out.join("汇总表.xlsx").is_dir(),
        "the folder is left as it was"
    );
    assert_no_english(&error);
}
