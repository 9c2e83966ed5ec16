//! `jixiao export` and `jixiao import`: workbooks built here the way units keep them (merged
//! cells, % formats, numbers stored as text, blank scores on failed rows), imported and
//! scored; the sample exported, read back with calamine, and imported again.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, open_workbook_auto};
use rust_xlsxwriter::{Format, Workbook};

use crate::cli_support::*;
use crate::workbook_support::{bordered, department_sheet};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/2022-baoxie");
const PROJECT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/2022-xiangmu");

/// A Hubei 部门整体绩效自评表 as a unit keeps it in Excel.
fn department_workbook(path: &Path) {
    let mut workbook = Workbook::new();
    let sheet = department_sheet(&mut workbook, 7);
    let cell = bordered();
    let percent = cell.clone().set_num_format("0%");
    let s = |sheet: &mut rust_xlsxwriter::Worksheet, r, c, text: &str| {
        sheet.write_string_with_format(r, c, text, &cell).unwrap();
    };
    s(sheet, 2, 0, "基本支出总额（万元）");
    sheet.write_number_with_format(2, 1, 60.0, &cell).unwrap();
    s(sheet, 2, 2, "项目支出总额（万元）");
    s(sheet, 2, 3, "40.00"); // a number stored as text
    sheet.write_string(2, 9, "内部备注：待主任审核").unwrap(); // belongs nowhere
    sheet
        .merge_range(3, 0, 4, 0, "预算执行情况（万元）（20分）", &cell)
        .unwrap();
    for (c, text) in [
        (2, "预算数（A）"),
        (3, "执行数（B）"),
        (4, "执行率"),
        (5, "得分"),
    ] {
        s(sheet, 3, c, text);
    }
    s(sheet, 4, 1, "部门整体支出总额");
    sheet.write_number_with_format(4, 2, 100.0, &cell).unwrap();
    s(sheet, 4, 3, "100");
    sheet.write_number_with_format(4, 4, 1.0, &percent).unwrap();
    sheet.write_number_with_format(4, 5, 20.0, &cell).unwrap();
    let headers = [
        "年度目标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年初目标值\n（A）",
        "实际完成值\n（B）",
        "分值",
        "得分",
    ];
    for (c, text) in (0u16..).zip(headers) {
        s(sheet, 5, c, text);
    }
    // Goal 1: label merged down over its name row and three indicators.
    sheet
        .merge_range(6, 0, 9, 0, "年度目标1:（40分）", &cell)
        .unwrap();
    sheet
        .merge_range(6, 1, 6, 7, "完成民生任务", &cell)
        .unwrap();
    sheet.merge_range(7, 1, 8, 1, "产出指标", &cell).unwrap();
    sheet.merge_range(7, 2, 8, 2, "数量指标", &cell).unwrap();
    s(sheet, 7, 3, "指标1：服务人次");
    s(sheet, 7, 4, "≥1000人次");
    s(sheet, 7, 5, "1200人次");
    sheet.write_number_with_format(7, 6, 20.0, &cell).unwrap();
    sheet.write_number_with_format(7, 7, 20.0, &cell).unwrap();
    s(sheet, 8, 3, "服务覆盖率");
    sheet.write_number_with_format(8, 4, 0.8, &percent).unwrap();
    sheet
        .write_number_with_format(8, 5, 0.82, &percent)
        .unwrap();
    sheet.write_number_with_format(8, 6, 10.0, &cell).unwrap();
    sheet.write_number_with_format(8, 7, 10.0, &cell).unwrap();
    s(sheet, 9, 1, "效益指标");
    s(sheet, 9, 2, "社会效益指标");
    s(sheet, 9, 3, "群众生活改善");
    s(sheet, 9, 4, "明显改善");
    s(sheet, 9, 5, "部分改善");
    sheet.write_number_with_format(9, 6, 10.0, &cell).unwrap();
    sheet.write_number_with_format(9, 7, 7.0, &cell).unwrap();
    // Goal 2, with a failed row whose 得分 is blank, a hand score and a "/" row.
    sheet
        .merge_range(10, 0, 14, 0, "年度目标2（40分）", &cell)
        .unwrap();
    sheet.merge_range(10, 1, 10, 7, "保障安全", &cell).unwrap();
    sheet.merge_range(11, 1, 12, 1, "产出指标", &cell).unwrap();
    s(sheet, 11, 2, "质量指标");
    s(sheet, 11, 3, "检查合格率");
    s(sheet, 11, 4, "100%");
    s(sheet, 11, 5, "95%");
    sheet.write_number_with_format(11, 6, 20.0, &cell).unwrap();
    sheet.write_blank(11, 7, &cell).unwrap();
    s(sheet, 12, 2, "时效指标");
    s(sheet, 12, 3, "整改及时率");
    s(sheet, 12, 4, "100%");
    s(sheet, 12, 5, "100%");
    sheet.write_number_with_format(12, 6, 10.0, &cell).unwrap();
    sheet.write_number_with_format(12, 7, 10.0, &cell).unwrap();
    s(sheet, 13, 1, "满意度指标");
    s(sheet, 13, 2, "服务对象满意度指标");
    s(sheet, 13, 3, "群众满意度");
    s(sheet, 13, 4, "≥90%");
    s(sheet, 13, 5, "92%");
    sheet.write_number_with_format(13, 6, 10.0, &cell).unwrap();
    sheet.write_number_with_format(13, 7, 8.0, &cell).unwrap();
    for c in 1..8 {
        s(sheet, 14, c, "/");
    }
    sheet.merge_range(15, 0, 15, 1, "总分", &cell).unwrap();
    sheet.merge_range(15, 2, 15, 7, "94", &cell).unwrap();
    sheet
        .merge_range(16, 0, 16, 1, "偏差大或目标未完成原因分析", &cell)
        .unwrap();
    sheet
        .merge_range(
            16,
            2,
            16,
            7,
            "检查合格率未达目标，因两家单位整改滞后。",
            &cell,
        )
        .unwrap();
    sheet
        .merge_range(17, 0, 17, 1, "改进措施及结果应用方案", &cell)
        .unwrap();
    sheet
        .merge_range(17, 2, 17, 7, "加强督查。", &cell)
        .unwrap();
    sheet
        .write_string(
            18,
            0,
            "填报人：张三　　联系电话：027-12345678　　填报日期：2023年5月20日",
        )
        .unwrap();
    workbook.save(path).unwrap();
}

fn import(workbook: &Path, dir: &Path) -> (PathBuf, String) {
    let out = dir.join("imported");
    let output = ok(&[
        "import",
        workbook.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    (out, stderr(&output))
}

#[test]
fn a_department_workbook_as_units_keep_it_imports_and_scores() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("自评表.xlsx");
    department_workbook(&workbook);
    let (report, notes) = import(&workbook, dir.path());
    assert!(
        notes.contains("Sheet1!J3：「内部备注：待主任审核」没有导入"),
        "{notes}"
    );
    assert!(
        notes.contains("Sheet1!D15：这一行的三级指标是「/」"),
        "{notes}"
    );
    assert!(
        notes.contains("Sheet1!H12：「检查合格率」的得分为空，按规则计为 19.00 分"),
        "{notes}"
    );

    let check = jixiao(&["check", report.to_str().unwrap()]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "imported sources pass check: {}",
        stderr(&check)
    );

    let json = score_json(&report);
    assert_eq!(json["total"], "94.00");
    assert_eq!(json["budget"]["score"], "20.00");
    assert_eq!(json["goals"][0]["score"], "37.00");
    assert_eq!(json["goals"][1]["score"], "37.00");
    let coverage = indicator(&json, "服务覆盖率");
    assert_eq!(coverage["target"], "80%");
    assert_eq!(coverage["actual"], "82%");
    assert_eq!(indicator(&json, "指标1：服务人次")["score"], "20.00");
    let partly = indicator(&json, "群众生活改善");
    assert_eq!(partly["score"], "7.00");
    assert!(
        partly["rule"].as_str().unwrap().contains("部分达成"),
        "{partly}"
    );
    assert_eq!(indicator(&json, "检查合格率")["score"], "19.00");
    let hand = indicator(&json, "群众满意度");
    assert_eq!(hand["score"], "8.00");
    assert_eq!(hand["hand_scored"], true);

    let goal = std::fs::read_to_string(report.join("目标2.yaml")).unwrap();
    assert!(
        goal.contains("得分说明: 取自工作簿 Sheet1!H14 的得分；按规则应得 10.00 分"),
        "{goal}"
    );
    let unit = std::fs::read_to_string(report.join("单位.yaml")).unwrap();
    for line in [
        "单位名称: 测试街道办事处",
        "年度: 2022",
        "提交时间: 2023-05-20",
        "基本支出: 60",
        "项目支出: 40",
    ] {
        assert!(unit.contains(line), "{line} in {unit}");
    }
    let annex = std::fs::read_to_string(report.join("自评表.yaml")).unwrap();
    assert!(
        annex.contains("填报人: 张三") && annex.contains("检查合格率未达目标"),
        "{annex}"
    );
}

/// A 项目支出绩效自评表 as published: 一级 cells with their weights, % formats, and — when
/// `with_weights` is false — no 分值 column.
fn project_workbook(path: &Path, with_weights: bool) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let cell = Format::new();
    let percent = Format::new().set_num_format("0.00%");
    sheet
        .merge_range(0, 0, 0, 8, "项目支出绩效自评表", &cell)
        .unwrap();
    sheet
        .merge_range(1, 0, 1, 8, "（2022年度）", &cell)
        .unwrap();
    sheet.write_string(2, 0, "项目名称").unwrap();
    sheet
        .merge_range(2, 1, 2, 8, "老旧小区改造", &cell)
        .unwrap();
    sheet.write_string(3, 0, "主管部门").unwrap();
    sheet
        .merge_range(3, 1, 3, 3, "测试区住建局", &cell)
        .unwrap();
    sheet.write_string(3, 4, "实施单位").unwrap();
    sheet
        .merge_range(3, 5, 3, 8, "测试街道办事处", &cell)
        .unwrap();
    sheet
        .merge_range(4, 0, 8, 0, "项目资金（万元）", &cell)
        .unwrap();
    for (c, text) in [
        (3, "年初预算数"),
        (4, "全年预算数"),
        (5, "全年执行数"),
        (6, "分值"),
        (7, "执行率"),
        (8, "得分"),
    ] {
        sheet.write_string(4, c, text).unwrap();
    }
    let rows: [(&str, [f64; 3]); 4] = [
        ("年度资金总额", [200.0, 200.0, 180.0]),
        ("其中：本年财政拨款", [150.0, 150.0, 130.0]),
        ("上年结转资金", [50.0, 50.0, 50.0]),
        ("其他资金", [0.0, 0.0, 0.0]),
    ];
    for (i, (name, values)) in (5u32..).zip(rows) {
        sheet.merge_range(i, 1, i, 2, name, &cell).unwrap();
        for (c, value) in (3u16..).zip(values) {
            sheet.write_number(i, c, value).unwrap();
        }
    }
    sheet.write_number(5, 6, 10.0).unwrap();
    sheet.write_number_with_format(5, 7, 0.9, &percent).unwrap();
    sheet.write_number(5, 8, 9.0).unwrap();
    sheet
        .merge_range(9, 0, 10, 0, "年度总体目标", &cell)
        .unwrap();
    sheet.merge_range(9, 1, 9, 4, "预期目标", &cell).unwrap();
    sheet
        .merge_range(9, 5, 9, 8, "实际完成情况", &cell)
        .unwrap();
    sheet
        .merge_range(10, 1, 10, 4, "改造 3 个小区。", &cell)
        .unwrap();
    sheet
        .merge_range(10, 5, 10, 8, "改造了 3 个小区。", &cell)
        .unwrap();
    let mut headers = vec![
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
    ];
    if with_weights {
        headers.push("分值");
    }
    headers.extend(["得分", "偏差原因分析及改进措施"]);
    for (c, text) in (0u16..).zip(&headers) {
        sheet.write_string(11, c, *text).unwrap();
    }
    sheet.merge_range(12, 0, 15, 0, "绩效指标", &cell).unwrap();
    sheet
        .merge_range(12, 1, 13, 1, "产出指标（50分）", &cell)
        .unwrap();
    sheet.merge_range(12, 2, 13, 2, "数量指标", &cell).unwrap();
    sheet.write_string(14, 1, "效益指标（30分）").unwrap();
    sheet.write_string(15, 1, "满意度指标（10分）").unwrap();
    let indicators: [(&str, &str, &str, &str, f64, f64, &str); 4] = [
        ("数量指标", "改造小区数", "3个", "3个", 25.0, 25.0, ""),
        ("数量指标", "改造面积完成率", "100%", "", 25.0, 25.0, ""),
        (
            "社会效益指标",
            "居住条件改善",
            "明显改善",
            "明显改善",
            30.0,
            30.0,
            "",
        ),
        (
            "服务对象满意度指标",
            "居民满意度",
            "≥90%",
            "",
            10.0,
            8.5,
            "调查样本偏少",
        ),
    ];
    for (i, (level2, name, target, actual, weight, score, why)) in (12u32..).zip(indicators) {
        if i >= 14 {
            sheet.write_string(i, 2, level2).unwrap();
        }
        sheet.write_string(i, 3, name).unwrap();
        sheet.write_string(i, 4, target).unwrap();
        match (i, actual) {
            (13, _) => sheet
                .write_number_with_format(i, 5, 1.0, &percent)
                .map(|_| ())
                .unwrap(),
            (15, _) => sheet
                .write_number_with_format(i, 5, 0.885, &percent)
                .map(|_| ())
                .unwrap(),
            _ => sheet.write_string(i, 5, actual).map(|_| ()).unwrap(),
        }
        let mut c = 6;
        if with_weights {
            sheet.write_number(i, c, weight).unwrap();
            c += 1;
        }
        sheet.write_number(i, c, score).unwrap();
        sheet.write_string(i, c + 1, why).unwrap();
    }
    sheet.write_string(16, 0, "总分").unwrap();
    workbook.save(path).unwrap();
}

#[test]
fn a_project_workbook_imports_with_its_funds_and_its_weighted_level1_cells() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("项目.xlsx");
    project_workbook(&workbook, true);
    let (report, notes) = import(&workbook, dir.path());
    let check = jixiao(&["check", report.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let json = score_json(&report);
    assert_eq!(json["form"], "项目支出绩效自评表");
    assert_eq!(json["funds"]["rows"][0]["spent"], "180.00");
    assert_eq!(json["funds"]["rows"][1]["budget"], "150.00");
    assert_eq!(json["funds"]["rate"], "90.00");
    assert_eq!(json["funds"]["score"], "9.00");
    assert_eq!(indicator(&json, "改造面积完成率")["actual"], "100%");
    let satisfaction = indicator(&json, "居民满意度");
    assert_eq!(satisfaction["actual"], "88.5%");
    assert_eq!(satisfaction["level1"], "满意度指标");
    assert_eq!(satisfaction["score"], "8.50");
    // 10 × 88.5/90 = 9.83 by the rule; the workbook's 8.5 is kept as the evaluator's.
    assert_eq!(satisfaction["hand_scored"], true);
    assert_eq!(json["total"], "97.50");
    let indicators = std::fs::read_to_string(report.join("指标.yaml")).unwrap();
    assert!(indicators.contains("说明: 调查样本偏少"), "{indicators}");
    assert!(!notes.contains("分值"), "{notes}");
}

#[test]
fn without_a_weight_column_import_shares_each_level1_weight_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("项目.xlsx");
    project_workbook(&workbook, false);
    let (report, notes) = import(&workbook, dir.path());
    assert!(notes.contains("表中没有「分值」一列"), "{notes}");
    let json = score_json(&report);
    assert_eq!(indicator(&json, "改造小区数")["weight"], "25.00");
    assert_eq!(indicator(&json, "居住条件改善")["weight"], "30.00");
    assert_eq!(indicator(&json, "居民满意度")["weight"], "10.00");
}

#[test]
fn import_refuses_a_folder_that_is_not_empty_and_a_file_that_is_no_table() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("x.xlsx");
    department_workbook(&workbook);
    let full = dir.path().join("full");
    std::fs::create_dir(&full).unwrap();
    std::fs::write(full.join("单位.yaml"), "单位名称: 甲\n").unwrap();
    let output = jixiao(&[
        "import",
        workbook.to_str().unwrap(),
        "-o",
        full.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("不是空的"), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(full.join("单位.yaml")).unwrap(),
        "单位名称: 甲\n"
    );

    let mut other = Workbook::new();
    other.add_worksheet().write_string(0, 0, "工资表").unwrap();
    let wrong = dir.path().join("wrong.xlsx");
    other.save(&wrong).unwrap();
    let output = jixiao(&[
        "import",
        wrong.to_str().unwrap(),
        "-o",
        dir.path().join("o").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("没有「三级指标」表头"),
        "{}",
        stderr(&output)
    );
    let output = jixiao(&[
        "import",
        full.join("单位.yaml").to_str().unwrap(),
        "-o",
        dir.path().join("p").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("无法读取工作簿"),
        "{}",
        stderr(&output)
    );
}

fn export(src: &str, dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    ok(&["export", src, "-o", path.to_str().unwrap()]);
    path
}

#[test]
fn the_sample_exports_and_imports_again_scoring_the_same_field_for_field() {
    let dir = tempfile::tempdir().unwrap();
    for (src, total, unmet) in [(SAMPLE, "90.66", 7), (PROJECT, "96.65", 2)] {
        let workbook = export(src, dir.path(), "round.xlsx");
        let out = dir.path().join("round");
        ok(&[
            "import",
            workbook.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        let original = score_json(Path::new(src));
        let again = score_json(&out);
        assert_eq!(again["total"], total);
        assert_eq!(again["unmet"].as_array().unwrap().len(), unmet);
        assert_eq!(again, original, "every field of the scores");
        std::fs::remove_dir_all(&out).unwrap();
        std::fs::remove_file(&workbook).unwrap();
    }
}

#[test]
fn the_exported_workbook_has_the_merged_cells_numbers_and_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = export(SAMPLE, dir.path(), "sample.xlsx");
    let again = export(SAMPLE, dir.path(), "again.xlsx");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(&again).unwrap(),
        "same bytes"
    );

    let mut workbook = match open_workbook_auto(&path).unwrap() {
        calamine::Sheets::Xlsx(xlsx) => xlsx,
        _ => panic!("an xlsx"),
    };
    assert_eq!(workbook.sheet_names(), ["自评表", "指标明细", "检查结果"]);
    let table = workbook.worksheet_range("自评表").unwrap();
    let merged = workbook.merge_cells_by_sheet_name("自评表").unwrap();
    let at = |row: u32, column: u32| {
        table
            .get_value((row, column))
            .cloned()
            .unwrap_or(Data::Empty)
    };
    let find = |text: &str| {
        table
            .used_cells()
            .find(|(_, _, data)| matches!(data, Data::String(s) if s == text))
            .map(|(r, c, _)| (r as u32, c as u32))
            .unwrap_or_else(|| panic!("{text}"))
    };
    // Goal 1's label is merged over its name row and its 11 indicators.
    let (row, column) = find("年度目标1（11.00分）");
    assert!(
        merged
            .iter()
            .any(|d| d.start == (row, column) && d.end == (row + 11, column)),
        "{merged:?}"
    );
    // 产出指标 of goal 1 over its seven rows, 数量指标 over five.
    assert!(
        merged
            .iter()
            .any(|d| d.start == (row + 1, 1) && d.end == (row + 7, 1)),
        "{merged:?}"
    );
    assert!(
        merged
            .iter()
            .any(|d| d.start == (row + 1, 2) && d.end == (row + 5, 2)),
        "{merged:?}"
    );
    // Numbers are numbers: weights, scores, money and the rate.
    assert_eq!(at(row + 1, 6), Data::Float(1.0));
    let (budget_row, _) = find("部门整体支出总额");
    assert_eq!(at(budget_row, 2), Data::Float(13581.29));
    assert_eq!(at(budget_row, 4), Data::Float(1.0));
    let (total_row, _) = find("总分");
    assert_eq!(at(total_row, 2), Data::Float(90.66));
    let names = (row..total_row)
        .filter(|r| {
            matches!(at(*r, 3), Data::String(ref s) if !s.is_empty())
                && !merged.iter().any(|d| d.start == (*r, 1) && d.end.1 == 7)
        })
        .count();
    assert_eq!(names, 54, "every indicator has its row");

    let detail = workbook.worksheet_range("指标明细").unwrap();
    assert_eq!(detail.height(), 55, "a header and 54 indicators");
    let checks = workbook.worksheet_range("检查结果").unwrap();
    assert_eq!(checks.height(), 11, "a header and the 10 warnings");
}
