//! The national tables (项目支出绩效自评表, 部门整体支出绩效自评表) as a reader checks them on the
//! PDF: every header cell, 资金 figure and goal text, every indicator row with its 说明 in the
//! last column, 总分 and 备注, and the column header on every page of a long table.

use std::path::{Path, PathBuf};

use crate::pdf_support::*;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/2022-xiangmu");

fn squeeze(text: &str) -> String {
    squeezed(text)
}

fn center(word: &Word) -> (f64, f64) {
    ((word.x0 + word.x1) / 2.0, (word.y0 + word.y1) / 2.0)
}

/// The indicator table's column headers on `page`: (name, right edge of the header's text),
/// left to right.
fn columns(words: &[Word], page: usize) -> Vec<(&'static str, f64)> {
    const HEADERS: [&str; 9] = [
        "绩",
        "一级指标",
        "二级指",
        "三级指标",
        "指标值",
        "完成值",
        "分值",
        "得分",
        "偏差原因",
    ];
    let on_page: Vec<&Word> = words.iter().filter(|w| w.page == page).collect();
    let level3 = on_page
        .iter()
        .find(|w| w.text.starts_with("三级指标"))
        .unwrap_or_else(|| panic!("the column header row on page {page}"));
    let row_y = center(level3).1;
    HEADERS
        .iter()
        .map(|header| {
            let word = on_page
                .iter()
                .filter(|w| w.text.starts_with(header) && (center(w).1 - row_y).abs() < 30.0)
                .min_by(|a, b| {
                    (center(a).1 - row_y)
                        .abs()
                        .total_cmp(&(center(b).1 - row_y).abs())
                })
                .unwrap_or_else(|| panic!("header {header} on page {page}"));
            (*header, word.x1)
        })
        .collect()
}

/// The column a word is in: the headers are centred in their columns, so a word starting right
/// of one header's text is in a later column than that header's.
fn column_of(columns: &[(&'static str, f64)], word: &Word) -> usize {
    columns
        .iter()
        .take(columns.len() - 1)
        .filter(|(_, right)| word.x0 > *right)
        .count()
}

/// The cell of `text` in `column` of `page` nearest to `middle` (see [`cells`]).
fn cell_near(
    words: &[Word],
    page: usize,
    column: usize,
    text: &str,
    middle: f64,
) -> Option<(f64, f64)> {
    let distance = |(top, bottom): &(f64, f64)| ((top + bottom) / 2.0 - middle).abs();
    cells(words, page, column, text)
        .into_iter()
        .min_by(|a, b| distance(a).total_cmp(&distance(b)))
}

/// The first cell of `text` in `column` of `page` (see [`cells`]).
fn cell(words: &[Word], page: usize, column: usize, text: &str) -> Option<(f64, f64)> {
    cells(words, page, column, text).into_iter().next()
}

/// Every cell that spells `text`: a run of consecutive words in `column` of `page`, in reading
/// order, that spells it exactly (whitespace aside). Each as its box: (top, bottom).
fn cells(words: &[Word], page: usize, column: usize, text: &str) -> Vec<(f64, f64)> {
    let columns = columns(words, page);
    let mut in_column: Vec<&Word> = words
        .iter()
        .filter(|w| w.page == page && column_of(&columns, w) == column)
        .collect();
    in_column = reading_order(in_column);
    let wanted = squeeze(text);
    let mut found = Vec::new();
    for start in 0..in_column.len() {
        let mut spelled = String::new();
        for end in start..in_column.len() {
            spelled.push_str(&squeeze(&in_column[end].text));
            if spelled == wanted {
                let top = in_column[start..=end]
                    .iter()
                    .map(|w| w.y0)
                    .fold(f64::MAX, f64::min);
                let bottom = in_column[start..=end]
                    .iter()
                    .map(|w| w.y1)
                    .fold(f64::MIN, f64::max);
                found.push((top, bottom));
                break;
            }
            if !wanted.starts_with(&spelled) {
                break;
            }
        }
    }
    found
}

/// Words line by line (a line: centres within 3pt), left to right in a line: pdftotext gives
/// digits and CJK of one line as separate words whose boxes differ in height.
fn reading_order(mut words: Vec<&Word>) -> Vec<&Word> {
    words.sort_by(|a, b| center(a).1.total_cmp(&center(b).1));
    let mut lines: Vec<Vec<&Word>> = Vec::new();
    for word in words {
        match lines.last_mut() {
            Some(line) if (center(line[0]).1 - center(word).1).abs() < 3.0 => line.push(word),
            _ => lines.push(vec![word]),
        }
    }
    lines
        .into_iter()
        .flat_map(|mut line| {
            line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            line
        })
        .collect()
}

/// One indicator row as the YAML has it: 三级指标, 年度指标值, 实际完成值, 分值, 得分, 说明.
struct Row<'a> {
    name: &'a str,
    cells: [&'a str; 4],
    explanation: &'a str,
}

const SAMPLE_ROWS: [Row; 11] = [
    Row {
        name: "居家养老上门服务人次",
        cells: ["≥12000人次", "13260人次", "10.00", "10.00"],
        explanation: "",
    },
    Row {
        name: "建成社区养老服务站点",
        cells: ["4个", "4个", "8.00", "8.00"],
        explanation: "",
    },
    Row {
        name: "助餐服务覆盖老人",
        cells: ["≥600人", "587人", "7.00", "6.85"],
        explanation: "部分老人入住养老机构或随子女迁出，助餐登记人数减少；下一年度联合社区网格员入户走访，动态更新服务名单。",
    },
    Row {
        name: "服务质量抽查合格率",
        cells: ["≥95%", "97.5%", "8.00", "8.00"],
        explanation: "",
    },
    Row {
        name: "养老服务人员持证上岗率",
        cells: ["100%", "100%", "5.00", "5.00"],
        explanation: "",
    },
    Row {
        name: "站点建设完成时间",
        cells: ["2022年10月底前", "2022年9月", "6.00", "6.00"],
        explanation: "",
    },
    Row {
        name: "上门服务单次成本",
        cells: ["≤45元", "43.6元", "6.00", "6.00"],
        explanation: "",
    },
    Row {
        name: "独居、空巢老人定期探访覆盖率",
        cells: ["100%", "100%", "10.00", "10.00"],
        explanation: "",
    },
    Row {
        name: "老年人居家生活质量",
        cells: ["有所提升", "达成预期指标", "10.00", "10.00"],
        explanation: "",
    },
    Row {
        name: "养老服务站点长效运营机制",
        cells: ["建立并运行", "社会化运营机制在试点中", "10.00", "7.00"],
        explanation: "站点运营仍主要依靠财政补助，引入社会力量运营的机制尚在两个社区试点；下一年度总结试点经验，逐步推广。",
    },
    Row {
        name: "服务对象满意度",
        cells: ["≥90%", "93.2%", "10.00", "10.00"],
        explanation: "",
    },
];

fn build_sample(dir: &Path) -> PathBuf {
    build_ok(SAMPLE, dir, "xiangmu.pdf", &[])
}

/// The page and vertical centre of a row's 三级指标 cell, and the cell's box.
fn row_place(words: &[Word], pages: usize, row: &Row) -> (usize, f64) {
    for page in 1..=pages {
        if !words
            .iter()
            .any(|w| w.page == page && w.text.starts_with("三级指标"))
        {
            continue;
        }
        if let Some((top, bottom)) = cell(words, page, 3, row.name) {
            return (page, (top + bottom) / 2.0);
        }
    }
    panic!("row {} is not printed in the 三级指标 column", row.name);
}

#[test]
fn every_indicator_row_prints_its_cells_and_its_explanation_in_their_columns() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_sample(dir.path());
    let (pages, words) = words_of(&pdf);
    let mut last = (0, f64::MIN);
    for row in &SAMPLE_ROWS {
        let (page, middle) = row_place(&words, pages.len(), row);
        assert!(
            (page, middle) > last,
            "{} comes after the row before it",
            row.name
        );
        last = (page, middle);
        let values = row
            .cells
            .iter()
            .zip(4..)
            .chain((!row.explanation.is_empty()).then_some((&row.explanation, 8)));
        for (text, column) in values {
            let (top, bottom) = cell_near(&words, page, column, text, middle)
                .unwrap_or_else(|| panic!("{text} of {} in column {column}", row.name));
            let centre = (top + bottom) / 2.0;
            assert!(
                (centre - middle).abs() < 4.0,
                "{text} is in the row of {} (centres {centre} and {middle})",
                row.name
            );
        }
    }
}

/// The text of the words on the line of the first word starting with `label`, right of it.
fn line_after(words: &[Word], label: &str) -> String {
    let first = words
        .iter()
        .find(|w| w.text.starts_with(label))
        .unwrap_or_else(|| panic!("{label} printed"));
    let (x, y) = (first.x1, center(first).1);
    let mut right: Vec<&Word> = words
        .iter()
        .filter(|w| w.page == first.page && w.x0 >= x - 0.5 && (center(w).1 - y).abs() < 4.0)
        .collect();
    right.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    squeeze(&right.iter().map(|w| w.text.as_str()).collect::<String>())
}

#[test]
fn the_header_cells_and_every_funds_figure_are_on_their_rows() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_sample(dir.path());
    let (_, words) = words_of(&pdf);
    assert!(words.iter().any(|w| w.text == "项目支出绩效自评表"));
    assert!(squeeze(&pdf_text(&pdf)).starts_with("项目支出绩效自评表（2022年度）"));
    assert_eq!(line_after(&words, "项目名称"), "社区居家养老服务项目");
    assert!(line_after(&words, "主管部门").starts_with("武汉东湖新技术开发区社会发展局"));
    assert!(line_after(&words, "年度资金总额").starts_with("186.00172.40168.9510.0098.00%9.80"));
    assert_eq!(
        line_after(&words, "其中：本年财政拨款"),
        "160.00146.40142.95———"
    );
    assert_eq!(line_after(&words, "上年结转资金"), "26.0026.0026.00———");
    assert_eq!(line_after(&words, "其他资金"), "0.000.000.00———");
}

#[test]
fn both_goal_texts_total_remarks_and_sign_off_follow_in_reading_order() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_sample(dir.path());
    let text = squeeze(&without_page_numbers(&pdf_text(&pdf)));
    let expected = "为辖区60周岁以上居家老人提供助餐、助洁、助医等上门服务，全年上门服务不少于12000人次；建成4个社区养老服务站点并投入运营，为不少于600名老人提供助餐服务；独居、空巢老人定期探访全覆盖，服务对象满意度不低于90%。";
    let achieved = "全年上门服务13260人次，4个社区养老服务站点于2022年9月全部建成运营；助餐服务登记老人587人，略低于目标；独居、空巢老人定期探访实现全覆盖；第三方抽样调查服务对象满意度为93.2%。站点社会化运营机制仍在试点，尚未全面建立。";
    let order = [
        "预期目标",
        "实际完成情况",
        expected,
        achieved,
        "总分100.0096.65",
        "备注：1.预算执行率=全年执行数÷全年预算数，得分=10×执行率（最高10分）。",
        "2.定量指标完成的得满分",
        "填报人：李静",
        "联系电话：027-87530000",
        "单位负责人（签字）：张华",
        "（单位盖章）",
    ];
    let mut from = 0;
    for needle in order {
        let at = text[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} after what precedes it in:\n{}", &text[from..]));
        from += at + needle.len();
    }
    let (_, words) = words_of(&pdf);
    let left = words.iter().find(|w| w.text.starts_with("为辖区")).unwrap();
    let right = words
        .iter()
        .find(|w| w.text.starts_with("全年上门服务"))
        .unwrap();
    assert!(left.x1 < right.x0, "the two goal texts side by side");
}

/// A 项目支出 table of `count` indicators, all in one 二级指标.
fn long_table(dir: &Path, count: usize) -> PathBuf {
    let report = dir.join("long");
    std::fs::create_dir_all(&report).unwrap();
    for name in ["单位.yaml", "总体目标.yaml", "自评表.yaml"] {
        std::fs::copy(Path::new(SAMPLE).join(name), report.join(name)).unwrap();
    }
    let mut yaml = String::from("指标:\n  产出指标:\n    数量指标:\n");
    let weight = 90.0 / count as f64;
    assert_eq!(weight * count as f64, 90.0);
    for i in 1..=count {
        yaml.push_str(&format!(
            "      - 三级指标: 第{i}项服务完成数量\n        年初目标值: {i}次\n        实际完成值: {i}次\n        分值: {weight}\n"
        ));
    }
    std::fs::write(report.join("指标.yaml"), yaml).unwrap();
    report
}

#[test]
fn a_sixty_indicator_table_repeats_its_column_header_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let report = long_table(dir.path(), 60);
    let pdf = build_ok(report.to_str().unwrap(), dir.path(), "long.pdf", &[]);
    let (pages, words) = words_of(&pdf);
    assert!(pages.len() >= 3, "a long table: {} pages", pages.len());
    let mut seen = 0;
    for page in 1..=pages.len() {
        let names = words
            .iter()
            .filter(|w| w.page == page && w.text == "项服务完成数量")
            .count();
        if names == 0 {
            continue;
        }
        let columns = columns(&words, page);
        let header_y = words
            .iter()
            .find(|w| w.page == page && w.text.starts_with("三级指标"))
            .map(|w| w.y0)
            .unwrap();
        let first_row = words
            .iter()
            .filter(|w| w.page == page && w.text == "项服务完成数量")
            .map(|w| w.y0)
            .fold(f64::MAX, f64::min);
        assert!(
            header_y < first_row,
            "page {page}: the header row above its rows"
        );
        assert_eq!(columns.len(), 9);
        // The merged 一级 and 二级 cells continued from the page before show their labels.
        for (column, label) in [(1, "产出指"), (2, "数量指")] {
            let shown = words.iter().any(|w| {
                w.page == page
                    && w.y0 > header_y
                    && w.text.starts_with(label)
                    && column_of(&columns, w) == column
            });
            assert!(shown, "page {page} shows {label} in its column");
        }
        seen += names;
    }
    assert_eq!(seen, 60, "every indicator printed once");
}

#[test]
fn the_department_table_names_the_unit_where_the_project_table_names_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("bumen");
    let output = jixiao(&[
        "new",
        report.to_str().unwrap(),
        "--form",
        "部门整体支出绩效自评表",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let pdf = build_ok(report.to_str().unwrap(), dir.path(), "bumen.pdf", &[]);
    let (pages, words) = words_of(&pdf);
    assert!(words.iter().any(|w| w.text == "部门整体支出绩效自评表"));
    assert!(squeeze(&pdf_text(&pdf)).contains("部门（单位）名称示例市示例区示例街道办事处"));
    assert!(!words.iter().any(|w| w.text.contains("项目名称")));
    assert!(line_after(&words, "年度资金总额").starts_with("120.00118.50116.2010.0098.06%9.81"));
    assert!(line_after(&words, "主管部门").contains("实施单位"));
    let rows = [
        Row {
            name: "上门服务人次",
            cells: ["≥10000人次", "12000人次", "20.00", "20.00"],
            explanation: "",
        },
        Row {
            name: "建成社区养老服务站点",
            cells: ["4个", "3个", "15.00", "11.25"],
            explanation: "一个站点因选址调整延至次年建成；已落实新址，次年一季度投入运营。",
        },
        Row {
            name: "服务对象满意度",
            cells: ["≥90%", "92%", "10.00", "10.00"],
            explanation: "",
        },
    ];
    for row in &rows {
        let (page, middle) = row_place(&words, pages.len(), row);
        let values = row
            .cells
            .iter()
            .zip(4..)
            .chain((!row.explanation.is_empty()).then_some((&row.explanation, 8)));
        for (text, column) in values {
            let (top, bottom) =
                cell_near(&words, page, column, text, middle).unwrap_or_else(|| panic!("{text}"));
            assert!(
                ((top + bottom) / 2.0 - middle).abs() < 4.0,
                "{text} in the row of {}",
                row.name
            );
        }
    }
    let text = squeeze(&pdf_text(&pdf));
    assert!(
        text.contains("为辖区60周岁以上居家老人提供上门服务"),
        "{text}"
    );
    assert!(text.contains("总分100.0096.06"), "{text}");
}
