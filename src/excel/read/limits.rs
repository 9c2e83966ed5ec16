//! What import reads at most, in one place. A real 自评表 workbook is far inside every limit (a
//! report of 2,000 indicators is some 2,100 rows, 10 columns, a few thousand merged regions and
//! under 1 MB); a hostile or damaged one (a declared count of 10¹² strings, a cell at
//! XFD1048576, a zip bomb) is refused by these checks before anything is allocated for it, with
//! a message that names the limit, the number found and what to do.

/// One MiB.
const MIB: u64 = 1024 * 1024;

/// The workbook file on disk.
pub const MAX_FILE_BYTES: u64 = 64 * MIB;
/// One part of an .xlsx (a sheet, the shared strings) once decompressed.
pub const MAX_PART_BYTES: u64 = 64 * MIB;
/// All the parts of an .xlsx that are read, decompressed, together.
pub const MAX_UNZIPPED_BYTES: u64 = 256 * MIB;
/// Entries in the .xlsx zip.
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// Distinct texts in the shared strings table (and the count it declares).
pub const MAX_SHARED_STRINGS: u64 = 1_000_000;
/// Rows of a worksheet: the last row holding a cell, or its declared `<dimension>`.
pub const MAX_ROWS: u32 = 20_000;
/// Columns of a worksheet (the old .xls had 256).
pub const MAX_COLUMNS: u32 = 256;
/// Cells holding a value or a formula, in one worksheet.
pub const MAX_CELLS: u64 = 1_000_000;
/// Merged regions in one worksheet.
pub const MAX_MERGED: u64 = 50_000;
/// Worksheets in a workbook.
pub const MAX_SHEETS: usize = 1_000;
/// The rows searched for the indicator table's header (一级指标 二级指标 三级指标).
pub const HEADER_ROWS: u32 = 60;
/// The largest number (in absolute value) read from a cell: Excel shows 15 significant digits,
/// and no amount, weight or score of a report comes near.
pub const MAX_NUMBER: f64 = 1e15;
/// Formula cells without a value, and other such cells, listed one by one; the rest counted.
pub const MAX_LISTED: usize = 20;

/// "100 MB" for a byte count, "1,234,567" for a count.
pub fn megabytes(bytes: u64) -> String {
    format!("{} MB", grouped(bytes.div_ceil(MIB)))
}

/// A count with thousands separators, as a clerk reads it.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What to do when a limit is hit by a workbook that is really this big.
pub const TOO_BIG_HINT: &str = "如果这是真实的工作簿，请把自评表复制到一个新的工作簿（只含自评表一张工作表，删去表格以外的内容），另存为 .xlsx 后再导入";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_sizes_read_as_a_clerk_reads_them() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
        assert_eq!(grouped(1_000_000_000_000), "1,000,000,000,000");
        assert_eq!(megabytes(MAX_PART_BYTES), "64 MB");
        assert_eq!(megabytes(1), "1 MB");
    }
}
