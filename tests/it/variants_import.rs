//! Workbooks laid out as units keep them (issue 23, class 10): the seed's 附件1 typed the way
//! it prints — each 年度目标 its own block, a label row `年度目标1:（11分）` with the goal's
//! text, its own header row (年度绩效指标 | 一级指标 | 二级指标 | 三级指标 …), merged cells —
//! imported with `jixiao import`, checked and scored as the table means (90.66, 7 unmet).

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, FormatBorder, Workbook, Worksheet};
use serde_json::Value;

use crate::cli_support::*;
use crate::workbook_support::{bordered, department_sheet};

/// A line of 附件1's indicator table as the seed prints it.
enum Row {
    /// A goal's label row: its text and 分值.
    Goal(&'static str, &'static str),
    /// 一级, 二级, 三级, 年初目标值, 实际完成值, 分值, 得分 ("" where the print leaves it blank).
    Indicator(
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    ),
}

/// The seed's 附件1, row by row (blank 得分 where the print leaves a failed row blank).
const SEED: &[Row] = &[
    // 年度目标1
    Row::Goal("加大拆迁工作力度，协调保障各项目建设", "11"),
    Row::Indicator(
        "产出指标",
        "数量指标",
        "拆迁房屋目标完成率",
        "≥80%",
        "82%",
        "1.00",
        "1.00",
    ),
    Row::Indicator(
        "产出指标",
        "数量指标",
        "推进重点项目拆迁点位",
        "30 个",
        "56 个",
        "1.00",
        "1.00",
    ),
    Row::Indicator(
        "产出指标",
        "数量指标",
        "协调保障新开工项目个数",
        "30 个",
        "56 个",
        "1.00",
        "1.00",
    ),
    Row::Indicator(
        "产出指标",
        "数量指标",
        "有效供净地目标完成率",
        "≥80%",
        "88%",
        "1.00",
        "1.00",
    ),
    Row::Indicator(
        "产出指标",
        "数量指标",
        "违法建设查处率",
        "100%",
        "100%",
        "1.00",
        "1.00",
    ),
    Row::Indicator(
        "产出指标",
        "质量指标",
        "拆迁工作整体完成情况全区排名",
        "前三",
        "",
        "1.00",
        "",
    ),
    Row::Indicator(
        "产出指标",
        "时效指标",
        "违法建设查处及时率",
        "100%",
        "100%",
        "1.00",
        "1.00",
    ),
    Row::Indicator(
        "效益指标",
        "社会效益指标",
        "拆迁工作上访人次",
        "≤10 人次",
        "8 次",
        "1.00",
        "1.00",
    ),
    Row::Indicator(
        "效益指标",
        "社会效益指标",
        "违法建设案件",
        "不断减少",
        "比上年多",
        "1.00",
        "",
    ),
    Row::Indicator(
        "效益指标",
        "环境效益指标",
        "拆迁、建设工作环保督查覆盖率",
        "100%",
        "100%",
        "1.00",
        "1.00",
    ),
    Row::Indicator(
        "效益指标",
        "可持续影响指标",
        "保障重点项目开工建设",
        "效果良好",
        "较好",
        "1.00",
        "1.00",
    ),
    // 年度目标2
    Row::Goal(
        "大力推进社会综合治理、信访维稳及安全生产工作，维护社会安全稳定",
        "20",
    ),
    Row::Indicator(
        "产出指标",
        "数量指标",
        "市长专线、城市留言板等阳光信访受理率",
        "100%",
        "100%",
        "1.50",
        "1.50",
    ),
    Row::Indicator(
        "产出指标",
        "数量指标",
        "普法宣传培训",
        "4 次",
        "7 次",
        "1.00",
        "1.00",
    ),
    Row::Indicator(
        "产出指标",
        "数量指标",
        "信访接待",
        "每周一次",
        "每周一次",
        "1.00",
        "1.00",
    ),
    Row::Indicator(
        "产出指标",
        "数量指标",
        "开展安全生产专项整治活动",
        "4 次",
        "5 次",
        "1.50",
        "1.50",
    ),
    Row::Indicator(
        "产出指标",
        "数量指标",
        "各类安全隐患处置率",
        "100%",
        "100%",
        "1.50",
        "1.50",
    ),
    Row::Indicator(
        "产出指标",
        "质量指标",
        "社会综合治理考核结果",
        "通过考核",
        "通过考核",
        "1.50",
        "1.50",
    ),
    Row::Indicator(
        "产出指标",
        "质量指标",
        "信访案件办结率",
        "≥80%",
        "100%",
        "1.50",
        "1.50",
    ),
    Row::Indicator(
        "产出指标",
        "时效指标",
        "市长专线、城市留言板等阳光信访办结率",
        "90%",
        "100%",
        "1.00",
        "1.00",
    ),
    Row::Indicator(
        "效益指标",
        "社会效益指标",
        "影响恶劣的大规模群体性事件",
        "0起",
        "0起",
        "1.50",
        "1.50",
    ),
    Row::Indicator(
        "效益指标",
        "社会效益指标",
        "各类安全生产事故",
        "0起",
        "0起",
        "1.50",
        "1.50",
    ),
    Row::Indicator(
        "效益指标",
        "环境效益指标",
        "重大环境污染事故",
        "0起",
        "0起",
        "1.50",
        "1.50",
    ),
    Row::Indicator(
        "效益指标",
        "可持续影响指标",
        "街道法治水平",
        "不断提升",
        "不断提升",
        "1.50",
        "1.50",
    ),
    Row::Indicator(
        "效益指标",
        "可持续影响指标",
        "安全生产责任意识",
        "深入人心",
        "深入人心",
        "1.50",
        "1.50",
    ),
    Row::Indicator(
        "效益指标",
        "可持续影响指标",
        "居民安全感",
        "不断提升",
        "不断提升",
        "1.50",
        "1.50",
    ),
    Row::Indicator(
        "满意度指标",
        "服务对象满意度指标",
        "居民对社会安全稳定满意度",
        "≥80%",
        "≥90%",
        "0.50",
        "0.50",
    ),
    // 年度目标3
    Row::Goal(
        "优化市容市貌，提升城市品质，推动文明创建和卫生城市复审工作",
        "23",
    ),
    Row::Indicator(
        "产出指标",
        "数量指标",
        "道路清扫保洁",
        "64条",
        "64条",
        "1.50",
        "1.50",
    ),
    Row::Indicator(
        "产出指标",
        "数量指标",
        "新建公厕",
        "2座",
        "2座",
        "1.50",
        "1.50",
    ),
    Row::Indicator(
        "产出指标",
        "数量指标",
        "公厕维护",
        "5座",
        "5座",
        "1.50",
        "1.50",
    ),
    Row::Indicator(
        "产出指标",
        "数量指标",
        "地埋站维护",
        "7座",
        "7座",
        "1.50",
        "1.50",
    ),
    Row::Indicator(
        "产出指标",
        "数量指标",
        "环境综合整治值守点值守率",
        "100%",
        "100%",
        "1.50",
        "1.50",
    ),
    Row::Indicator(
        "产出指标",
        "数量指标",
        "桥梁升级改造",
        "6座",
        "7座",
        "2.00",
        "2.00",
    ),
    Row::Indicator(
        "产出指标",
        "数量指标",
        "河湖保护",
        "9条湖溪，水域总面积20平方公里，岸线总长135公里",
        "9条湖溪，水域总面积20平方公里，岸线总长135公里",
        "2.00",
        "2.00",
    ),
    Row::Indicator(
        "产出指标",
        "质量指标",
        "大城管考核排名",
        "全区前三",
        "未达前三",
        "2.00",
        "",
    ),
    Row::Indicator(
        "产出指标",
        "时效指标",
        "各类投诉、上访处理及时率",
        "100%",
        "100%",
        "1.50",
        "1.50",
    ),
    Row::Indicator(
        "效益指标",
        "社会效益指标",
        "违法乱建案件",
        "逐年减少",
        "超出上年",
        "1.50",
        "",
    ),
    Row::Indicator(
        "效益指标",
        "社会效益指标",
        "垃圾分类知识",
        "不断普及",
        "不断普及",
        "1.00",
        "1.00",
    ),
    Row::Indicator(
        "效益指标",
        "环境效益指标",
        "辖区水体质量",
        "得到改善",
        "基本与上年持平",
        "1.00",
        "",
    ),
    Row::Indicator(
        "效益指标",
        "可持续影响指标",
        "卫生城市复审",
        "通过考核",
        "通过考核",
        "2.00",
        "2.00",
    ),
    Row::Indicator(
        "效益指标",
        "可持续影响指标",
        "文明创建工作",
        "通过考核",
        "通过考核",
        "2.00",
        "2.00",
    ),
    Row::Indicator(
        "满意度指标",
        "服务对象满意度指标",
        "居民环境卫生满意度",
        "≥80%",
        "≥90%",
        "0.50",
        "0.50",
    ),
    // 年度目标4
    Row::Goal("聚焦民情民意，增进民生福祉", "26"),
    Row::Indicator(
        "产出指标",
        "数量指标",
        "举办招聘会场次",
        "2 场次",
        "2 场次",
        "2.00",
        "2.00",
    ),
    Row::Indicator(
        "产出指标",
        "数量指标",
        "新增就业岗位",
        "800 个",
        "210 个",
        "2.50",
        "0.66",
    ),
    Row::Indicator(
        "产出指标",
        "数量指标",
        "“互联网+居家养老”服务网点建设",
        "1 处",
        "1 处",
        "2.50",
        "2.50",
    ),
    Row::Indicator(
        "产出指标",
        "数量指标",
        "八叠山公墓维护",
        "2 次",
        "10 次",
        "2.00",
        "2.00",
    ),
    Row::Indicator(
        "产出指标",
        "数量指标",
        "涉军群体慰问",
        "2 次",
        "2 次",
        "2.00",
        "2.00",
    ),
    Row::Indicator(
        "产出指标",
        "数量指标",
        "新增养老床位",
        "50 张",
        "10 张",
        "2.00",
        "1.00",
    ),
    Row::Indicator(
        "产出指标",
        "质量指标",
        "城市低保保障率",
        "100%",
        "100%",
        "2.00",
        "2.00",
    ),
    Row::Indicator(
        "产出指标",
        "质量指标",
        "五保户集中供养率",
        "100%",
        "100%",
        "2.50",
        "2.50",
    ),
    Row::Indicator(
        "产出指标",
        "时效指标",
        "各种抚恤补助资金发放及时率",
        "100%",
        "100%",
        "1.50",
        "1.50",
    ),
    Row::Indicator(
        "效益指标",
        "社会效益指标",
        "就业综合指数",
        "≥85分",
        "≥85分",
        "2.50",
        "2.50",
    ),
    Row::Indicator(
        "效益指标",
        "社会效益指标",
        "还建社区基础配套设施",
        "不断完善",
        "不断完善",
        "2.00",
        "2.00",
    ),
    Row::Indicator(
        "效益指标",
        "可持续影响指标",
        "居民幸福感",
        "不断提升",
        "不断提升",
        "2.00",
        "2.00",
    ),
    Row::Indicator(
        "满意度指标",
        "服务对象满意度指标",
        "居民对民生工作的满意度",
        "≥80%",
        "90%",
        "0.50",
        "0.50",
    ),
];

/// How the clerk laid the goal blocks out.
#[derive(Clone, Copy)]
enum Blocks {
    /// Every goal repeats the header row under its label row.
    RepeatedHeaders,
    /// Only the first goal has the header row; the others go on under their label row with
    /// 年度绩效指标 merged down the block (as the seed's goals 2 to 4 print).
    HeaderOnce,
}

/// The seed's 附件1 as a clerk types it in Excel (columns A to H).
fn seed_workbook(path: &Path, blocks: Blocks) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("附件1").unwrap();
    let cell = Format::new().set_border(FormatBorder::Thin);
    let percent = cell.clone().set_num_format("0.00%");
    let two = cell.clone().set_num_format("0.00");
    let s = |sheet: &mut Worksheet, r: u32, c: u16, text: &str| {
        sheet.write_string_with_format(r, c, text, &cell).unwrap();
    };
    let merge = |sheet: &mut Worksheet, r1: u32, c1: u16, r2: u32, c2: u16, text: &str| {
        if (r1, c1) == (r2, c2) {
            sheet.write_string_with_format(r1, c1, text, &cell).unwrap();
        } else {
            sheet.merge_range(r1, c1, r2, c2, text, &cell).unwrap();
        }
    };
    sheet.write_string(0, 0, "附件1:").unwrap();
    merge(
        sheet,
        1,
        0,
        1,
        7,
        "2022年度武汉东湖新技术开发区豹澥街道办事处部门整体绩效自评表",
    );
    merge(sheet, 2, 0, 2, 1, "单位名称");
    merge(sheet, 2, 2, 2, 7, "武汉东湖新技术开发区豹澥街道办事处");
    merge(sheet, 3, 0, 3, 1, "基本支出总额 (万元)");
    sheet.write_number_with_format(3, 2, 4763.51, &two).unwrap();
    merge(sheet, 3, 3, 3, 4, "项目支出总额");
    merge(sheet, 3, 5, 3, 7, "8817.78");
    merge(sheet, 4, 0, 5, 1, "预算执行情况 (万元) (20 分)");
    s(sheet, 4, 3, "预算数 (A)");
    s(sheet, 4, 4, "执行数 (B)");
    merge(sheet, 4, 5, 4, 6, "执行率 (B/A)");
    s(sheet, 4, 7, "得分\n(20*执行率)");
    s(sheet, 5, 2, "部门整体支出 总额");
    sheet
        .write_number_with_format(5, 3, 13581.29, &two)
        .unwrap();
    sheet
        .write_number_with_format(5, 4, 13581.29, &two)
        .unwrap();
    sheet.merge_range(5, 5, 5, 6, "", &percent).unwrap();
    sheet.write_number_with_format(5, 5, 1.0, &percent).unwrap();
    sheet.write_number_with_format(5, 7, 20.0, &two).unwrap();

    let header = [
        "年度绩效指标",
        "一级 指标",
        "二级指标",
        "三级指标",
        "年初目标值 (A)",
        "实际完成值 (B)",
        "分值",
        "得分",
    ];
    // The blocks: each goal's label and its indicator rows.
    let mut goals: Vec<(&Row, Vec<&Row>)> = Vec::new();
    for row in SEED {
        match row {
            Row::Goal(..) => goals.push((row, Vec::new())),
            Row::Indicator(..) => goals.last_mut().unwrap().1.push(row),
        }
    }
    let mut r = 6u32;
    for (number, (goal, rows)) in (1..).zip(&goals) {
        let Row::Goal(text, weight) = goal else {
            unreachable!()
        };
        if number == 3 {
            // As the seed prints goal 3: the weight typed in a cell of its own.
            s(sheet, r, 0, &format!("年度目标 {number}:"));
            s(sheet, r, 1, &format!("({weight}分)"));
        } else {
            merge(
                sheet,
                r,
                0,
                r,
                1,
                &format!("年度目标 {number}: ({weight} 分)"),
            );
        }
        merge(sheet, r, 2, r, 7, text);
        r += 1;
        let with_header = number == 1 || matches!(blocks, Blocks::RepeatedHeaders);
        let first = r;
        if with_header {
            for (c, text) in (1u16..).zip(&header[1..]) {
                s(sheet, r, c, text);
            }
            r += 1;
        }
        let last = r + rows.len() as u32 - 1;
        merge(sheet, first, 0, last, 0, header[0]);
        // 一级 and 二级 merged down over their runs.
        let mut level1_start = r;
        let mut level2_start = r;
        for (i, row) in rows.iter().enumerate() {
            let Row::Indicator(l1, l2, name, target, actual, weight, score) = row else {
                unreachable!()
            };
            let at = r + i as u32;
            s(sheet, at, 3, name);
            s(sheet, at, 4, target);
            s(sheet, at, 5, actual);
            sheet
                .write_number_with_format(at, 6, weight.parse::<f64>().unwrap(), &two)
                .unwrap();
            if score.is_empty() {
                sheet.write_blank(at, 7, &cell).unwrap();
            } else {
                sheet
                    .write_number_with_format(at, 7, score.parse::<f64>().unwrap(), &two)
                    .unwrap();
            }
            let next = rows.get(i + 1).map(|next| match next {
                Row::Indicator(n1, n2, ..) => (*n1, *n2),
                Row::Goal(..) => unreachable!(),
            });
            if next.is_none_or(|(n1, n2)| n1 != *l1 || n2 != *l2) {
                merge(sheet, level2_start, 2, at, 2, l2);
                level2_start = at + 1;
            }
            if next.is_none_or(|(n1, _)| n1 != *l1) {
                merge(sheet, level1_start, 1, at, 1, l1);
                level1_start = at + 1;
            }
        }
        r = last + 1;
    }
    merge(sheet, r, 0, r, 1, "总分");
    merge(sheet, r, 2, r, 7, "90.66");
    merge(sheet, r + 1, 0, r + 1, 1, "偏差大或目标未完成原因分析");
    merge(
        sheet,
        r + 1,
        2,
        r + 1,
        7,
        "1. 绩效目标编制的科学性和合理性有待进一步提升。",
    );
    merge(sheet, r + 2, 0, r + 2, 1, "改进措施及结果应用方案");
    merge(
        sheet,
        r + 2,
        2,
        r + 2,
        7,
        "1. 科学合理设置绩效目标及指标值，更好发挥绩效目标的导向作用。",
    );
    workbook.save(path).unwrap();
}

/// `jixiao import` of the workbook into `dir/imported`: the folder and the notes.
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

/// The names of the indicators the score JSON lists as unmet.
fn unmet(json: &Value) -> Vec<String> {
    json["unmet"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_string())
        .collect()
}

fn imports_as_the_seed_means(blocks: Blocks) {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("附件1.xlsx");
    seed_workbook(&workbook, blocks);
    let (report, notes) = import(&workbook, dir.path());
    assert!(!notes.contains("没有导入"), "every cell is read: {notes}");

    let check = jixiao(&["check", report.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));

    let json = score_json(&report);
    assert_eq!(json["total"], "90.66", "{json}");
    assert_eq!(json["goals"].as_array().unwrap().len(), 4, "{json}");
    let goals = [
        ("加大拆迁工作力度，协调保障各项目建设", "9.00"),
        (
            "大力推进社会综合治理、信访维稳及安全生产工作，维护社会安全稳定",
            "20.00",
        ),
        (
            "优化市容市貌，提升城市品质，推动文明创建和卫生城市复审工作",
            "18.50",
        ),
        ("聚焦民情民意，增进民生福祉", "23.16"),
    ];
    for (got, (name, score)) in json["goals"].as_array().unwrap().iter().zip(goals) {
        assert_eq!(got["name"], name, "{got}");
        assert_eq!(got["score"], score, "{got}");
    }
    assert_eq!(
        unmet(&json),
        [
            "拆迁工作整体完成情况全区排名",
            "违法建设案件",
            "大城管考核排名",
            "违法乱建案件",
            "辖区水体质量",
            "新增就业岗位",
            "新增养老床位",
        ],
        "{json}"
    );
}

#[test]
fn the_seed_table_with_a_header_row_in_every_goal_imports_as_four_goals() {
    imports_as_the_seed_means(Blocks::RepeatedHeaders);
}

#[test]
fn the_seed_table_with_one_header_row_and_label_rows_imports_as_four_goals() {
    imports_as_the_seed_means(Blocks::HeaderOnce);
}

// Class 6: the 预算管理一体化 columns 指标性质, 指标值 and 度量单位.

const SPLIT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/variants/yitihua"
);

fn split_fixture(name: &str) -> PathBuf {
    Path::new(SPLIT).join(name)
}

#[test]
fn a_target_split_into_nature_value_and_unit_checks_scores_and_prints_joined() {
    let src = split_fixture("split.yaml");
    let check = jixiao(&["check", src.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let json = score_json(&src);
    assert_eq!(json["total"], "98.95", "{json}");
    let indicators = json["goals"][0]["indicators"].as_array().unwrap();
    let targets: Vec<&str> = indicators
        .iter()
        .map(|i| i["target"].as_str().unwrap())
        .collect();
    assert_eq!(targets, ["≥95%", "≤10次", "不断提升", "≥90%"]);
    assert_eq!(unmet(&json), ["服务覆盖率"]);

    let dir = tempfile::tempdir().unwrap();
    let pdf = crate::pdf_support::build_ok(src.to_str().unwrap(), dir.path(), "split.pdf", &[]);
    let text = crate::pdf_support::squeezed(&crate::pdf_support::pdf_text(&pdf));
    for printed in ["≥95%", "≤10次", "不断提升"] {
        assert!(text.contains(printed), "{printed} in the PDF: {text}");
    }
}

#[test]
fn a_split_target_exports_and_imports_again_scoring_the_same() {
    let src = split_fixture("split.yaml");
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("split.xlsx");
    ok(&[
        "export",
        src.to_str().unwrap(),
        "-o",
        workbook.to_str().unwrap(),
    ]);
    let (report, _) = import(&workbook, dir.path());
    assert_eq!(score_json(&report), score_json(&src));
}

#[test]
fn the_nature_is_the_direction_scoring_takes() {
    let json = score_json(&split_fixture("direction.yaml"));
    let indicator = &json["goals"][0]["indicators"][0];
    assert_eq!(indicator["score"], "66.67", "{indicator}");
    assert_eq!(json["total"], "86.67");
}

#[test]
fn a_split_target_that_disagrees_or_is_missing_is_a_located_error() {
    for (file, line, message) in [
        (
            "disagree.yaml",
            ":16:",
            "指标「服务覆盖率」的年初目标值「≥90%」与指标性质、指标值、度量单位合起来的「≥95%」不一致",
        ),
        ("neither.yaml", ":22:", "指标「群众投诉次数」没有年初目标值"),
    ] {
        let src = split_fixture(file);
        let check = jixiao(&["check", src.to_str().unwrap()]);
        assert_eq!(check.status.code(), Some(1), "{file}");
        let text = stderr(&check);
        assert!(text.contains(message), "{file}: {text}");
        assert!(text.contains(&format!("{file}{line}")), "{file}: {text}");
        assert!(text.contains("修改建议"), "{text}");
    }
}

/// A 部门整体 table whose indicator columns are those of the 一体化 system.
fn split_workbook(path: &Path) {
    let mut workbook = Workbook::new();
    let sheet = department_sheet(&mut workbook, 9);
    let cell = bordered();
    let s = |sheet: &mut Worksheet, r: u32, c: u16, text: &str| {
        sheet.write_string_with_format(r, c, text, &cell).unwrap();
    };
    sheet
        .merge_range(2, 0, 3, 1, "预算执行情况（万元）（20分）", &cell)
        .unwrap();
    s(sheet, 2, 2, "预算数（A）");
    s(sheet, 2, 3, "执行数（B）");
    sheet.write_number_with_format(3, 2, 100.0, &cell).unwrap();
    sheet.write_number_with_format(3, 3, 100.0, &cell).unwrap();
    let header = [
        "年度目标",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
        "实际完成值",
        "分值",
        "得分",
    ];
    for (c, text) in (0u16..).zip(header) {
        s(sheet, 4, c, text);
    }
    sheet
        .merge_range(5, 0, 9, 0, "年度目标1:（80分）", &cell)
        .unwrap();
    sheet
        .merge_range(5, 1, 5, 9, "提升社区服务水平", &cell)
        .unwrap();
    let rows = [
        (
            "产出指标",
            "数量指标",
            "服务覆盖率",
            "正向指标",
            "95",
            "%",
            "90%",
            18.95,
        ),
        (
            "产出指标",
            "质量指标",
            "群众投诉次数",
            "反向指标",
            "10",
            "次",
            "8次",
            20.0,
        ),
        (
            "效益指标",
            "社会效益指标",
            "社区治理成效",
            "定性指标",
            "不断提升",
            "/",
            "不断提升",
            20.0,
        ),
        (
            "满意度指标",
            "服务对象满意度指标",
            "居民满意度",
            "正向指标",
            "90",
            "%",
            "92%",
            20.0,
        ),
    ];
    for (r, (l1, l2, name, nature, value, unit, actual, score)) in (6u32..).zip(rows) {
        for (c, text) in (1u16..).zip([l1, l2, name, nature]) {
            s(sheet, r, c, text);
        }
        match value.parse::<f64>() {
            Ok(number) => sheet.write_number_with_format(r, 5, number, &cell).unwrap(),
            Err(_) => sheet.write_string_with_format(r, 5, value, &cell).unwrap(),
        };
        s(sheet, r, 6, unit);
        s(sheet, r, 7, actual);
        sheet.write_number_with_format(r, 8, 20.0, &cell).unwrap();
        sheet.write_number_with_format(r, 9, score, &cell).unwrap();
    }
    sheet.merge_range(10, 0, 10, 1, "总分", &cell).unwrap();
    sheet.merge_range(10, 2, 10, 9, "98.95", &cell).unwrap();
    workbook.save(path).unwrap();
}

#[test]
fn a_sheet_with_the_yitihua_columns_imports_its_targets_joined() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("一体化.xlsx");
    split_workbook(&workbook);
    let (report, notes) = import(&workbook, dir.path());
    assert!(!notes.contains("没有导入"), "{notes}");
    let json = score_json(&report);
    assert_eq!(json["total"], "98.95", "{json}");
    let targets: Vec<&str> = json["goals"][0]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["target"].as_str().unwrap())
        .collect();
    assert_eq!(targets, ["≥95%", "≤10次", "不断提升", "≥90%"]);
}

// Class 7: the framework 决策过程产出效益.

fn framework_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/variants/framework")
        .join(name)
}

#[test]
fn a_report_declaring_decision_process_checks_scores_prints_and_round_trips() {
    let src = framework_fixture("decision-process.yaml");
    let check = jixiao(&["check", src.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(
        !stderr(&check).contains("没有效益指标"),
        "{}",
        stderr(&check)
    );
    let json = score_json(&src);
    assert_eq!(json["total"], "98.95", "{json}");
    let level1s: Vec<&str> = json["goals"][0]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["level1"].as_str().unwrap())
        .collect();
    assert_eq!(
        level1s,
        ["决策", "决策", "过程", "过程", "产出", "效果", "效果"]
    );

    let dir = tempfile::tempdir().unwrap();
    let pdf = crate::pdf_support::build_ok(src.to_str().unwrap(), dir.path(), "fw.pdf", &[]);
    let text = crate::pdf_support::squeezed(&crate::pdf_support::pdf_text(&pdf));
    for printed in ["决策", "资金管理", "组织实施", "产出数量", "效果", "满意度"]
    {
        assert!(text.contains(printed), "{printed} in the PDF: {text}");
    }

    let workbook = dir.path().join("fw.xlsx");
    ok(&[
        "export",
        src.to_str().unwrap(),
        "-o",
        workbook.to_str().unwrap(),
    ]);
    let (report, _) = import(&workbook, dir.path());
    let unit = std::fs::read_to_string(report.join("单位.yaml")).unwrap();
    assert!(
        unit.contains("设置:\n  指标体系: 决策过程产出效益"),
        "{unit}"
    );
    let check = jixiao(&["check", report.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert_eq!(score_json(&report), json);
}

#[test]
fn decision_process_levels_without_the_setting_or_misplaced_are_located_errors() {
    for (file, at, message, help) in [
        (
            "undeclared.yaml",
            "undeclared.yaml:13:7",
            "「决策」不是一级指标",
            "指标体系: 决策过程产出效益",
        ),
        (
            "wrong-level2.yaml",
            "wrong-level2.yaml:32:9",
            "「项目管理」不是一级指标「过程」下的二级指标",
            "「过程」下可用的二级指标有：资金管理、组织实施",
        ),
    ] {
        let check = jixiao(&["check", framework_fixture(file).to_str().unwrap()]);
        assert_eq!(check.status.code(), Some(1), "{file}");
        let text = stderr(&check);
        for part in [at, message, help] {
            assert!(text.contains(part), "{part} in {file}: {text}");
        }
    }
}
