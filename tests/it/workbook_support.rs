//! Workbooks written the way units keep their 自评表 in Excel, for `import`.

use rust_xlsxwriter::{Format, FormatBorder, Workbook, Worksheet};

/// The bordered format of every cell of a typed table.
pub fn bordered() -> Format {
    Format::new().set_border(FormatBorder::Thin)
}

/// Sheet1 of `workbook` with the title row and the 单位名称 row of 测试街道办事处's 2022
/// 部门整体绩效自评表, merged over the columns up to `last_column`.
pub fn department_sheet(workbook: &mut Workbook, last_column: u16) -> &mut Worksheet {
    let cell = bordered();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Sheet1").unwrap();
    let title = "2022年度测试街道办事处部门整体绩效自评表";
    sheet
        .merge_range(0, 0, 0, last_column, title, &cell)
        .unwrap();
    sheet
        .write_string_with_format(1, 0, "单位名称", &cell)
        .unwrap();
    sheet
        .merge_range(1, 1, 1, last_column, "测试街道办事处", &cell)
        .unwrap();
    sheet
}
