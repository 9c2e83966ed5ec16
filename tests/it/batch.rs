//! Many reports at once: `check`, `score` and `build` on a folder holding a multi-file report
//! (the sample data/2022-baoxie), two single-file reports of the national forms (made from
//! data/2022-xiangmu) and a broken one; the 汇总表 read back as a user would (pdftotext, and
//! the workbook with calamine).

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;

use crate::pdf_support::*;

const BAOXIE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/2022-baoxie");
const XIANGMU: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/2022-xiangmu");

const BAOXIE_UNIT: &str = "武汉东湖新技术开发区豹澥街道办事处";
const ZUOLING_UNIT: &str = "武汉东湖新技术开发区左岭街道办事处";
const HUASHAN_UNIT: &str = "武汉东湖新技术开发区花山街道办事处";

/// The project sample's four files as one file.
pub(crate) fn xiangmu_as_one_file() -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(XIANGMU)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect()
}

pub(crate) fn replace_line(text: &str, start: &str, with: Option<&str>) -> String {
    let mut done = false;
    let lines: Vec<String> = text
        .lines()
        .filter_map(|line| {
            if !done && line.starts_with(start) {
                done = true;
                with.map(str::to_string)
            } else {
                Some(line.to_string())
            }
        })
        .collect();
    assert!(done, "no line starts with {start:?}");
    lines.join("\n") + "\n"
}

/// ROOT/豹澥街/ (the sample's 7 files), ROOT/项目/养老.yaml (项目支出绩效自评表),
/// ROOT/左岭街.yaml (部门整体支出绩效自评表) and ROOT/坏的.yaml (资金分值 15: the weights add
/// up to 105, an error at 坏的.yaml:13:7).
fn district(dir: &Path) -> PathBuf {
    let root = dir.join("各单位");
    let folder = root.join("豹澥街");
    std::fs::create_dir_all(&folder).unwrap();
    for entry in std::fs::read_dir(BAOXIE).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, folder.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::create_dir_all(root.join("项目")).unwrap();
    let project = xiangmu_as_one_file();
    std::fs::write(root.join("项目/养老.yaml"), &project).unwrap();
    let spending = replace_line(&project, "表样:", Some("表样: 部门整体支出绩效自评表"));
    let spending = replace_line(&spending, "项目名称:", None);
    let spending = replace_line(
        &spending,
        "单位名称:",
        Some(&format!("单位名称: {ZUOLING_UNIT}")),
    );
    std::fs::write(root.join("左岭街.yaml"), spending).unwrap();
    let broken = replace_line(
        &project,
        "单位名称:",
        Some(&format!("单位名称: {HUASHAN_UNIT}")),
    );
    let broken = replace_line(&broken, "  分值: 10", Some("  分值: 15"));
    assert_eq!(broken.lines().nth(12), Some("  分值: 15"));
    std::fs::write(root.join("坏的.yaml"), broken).unwrap();
    root
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Float(f) => format!("{f:.2}"),
        Data::Int(i) => i.to_string(),
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn read_sheet(xlsx: &Path) -> Vec<Vec<String>> {
    let mut workbook: Xlsx<_> = open_workbook(xlsx).expect("汇总表.xlsx opens");
    assert_eq!(workbook.sheet_names(), ["汇总表"]);
    let range = workbook.worksheet_range("汇总表").expect("the sheet");
    range
        .rows()
        .map(|row| row.iter().map(cell_text).collect())
        .collect()
}

#[test]
fn build_writes_a_pdf_per_good_report_and_the_summary_listing_all_four() {
    let dir = tempfile::tempdir().unwrap();
    let root = district(dir.path());
    let out = dir.path().join("输出");
    let output = jixiao_in(dir.path(), &["build", "各单位", "-o", "输出"]);
    let (printed, messages) = (stdout(&output), stderr(&output));
    assert_eq!(output.status.code(), Some(1), "{printed}\n{messages}");

    // Three PDFs, named from the report folder and files; none for the broken one.
    for (pdf, form, total) in [
        ("豹澥街.pdf", "部门整体绩效自评表", "90.66"),
        ("项目/养老.pdf", "项目支出绩效自评表", "96.65"),
        ("左岭街.pdf", "部门整体支出绩效自评表", "96.65"),
    ] {
        let text = squeezed(&pdf_text(&out.join(pdf)));
        assert!(text.contains(form) && text.contains(total), "{pdf}: {text}");
        assert!(
            printed.contains(&format!(
                "已生成 输出/{pdf}：{form}，总分 {total} 分（优），共 "
            )),
            "{printed}"
        );
    }
    assert!(!out.join("坏的.pdf").exists());
    assert!(
        printed.contains("有错误 坏的（各单位/坏的.yaml）：1 个错误，1 个警告，未生成 PDF"),
        "{printed}"
    );
    // The broken report's own diagnostics, under its name; the others were built anyway.
    assert!(
        messages.contains("—— 坏的（各单位/坏的.yaml）——"),
        "{messages}"
    );
    assert!(
        messages.contains("资金的分值 15.00 与各指标的分值 90.00 合计为 105.00，应为 100"),
        "{messages}"
    );
    assert!(messages.contains("各单位/坏的.yaml:13:7"), "{messages}");
    assert!(
        printed.lines().last().unwrap().starts_with(
            "共 4 份报告：3 份已生成 PDF，1 份有错误；汇总表：输出/汇总表.pdf、输出/汇总表.xlsx。等级：优 3 份"
        ),
        "{printed}"
    );
    // Not a terminal: each report's line is the progress.
    for n in 1..=4 {
        assert!(printed.contains(&format!("[{n}/4] ")), "{printed}");
    }

    // The workbook: sorted by unit (左岭 < 花山 < 豹澥 in character order), then form.
    let sheet = read_sheet(&out.join("汇总表.xlsx"));
    assert_eq!(
        sheet[0],
        [
            "序号",
            "单位",
            "表样",
            "项目名称",
            "年度",
            "预算执行率（%）",
            "总分",
            "等级",
            "指标数",
            "完成",
            "未完成",
            "警告",
            "错误",
            "报告"
        ]
    );
    let expected_rows = [
        [
            "1.00",
            ZUOLING_UNIT,
            "部门整体支出绩效自评表",
            "—",
            "2022.00",
            "98.00",
            "96.65",
            "优",
            "11.00",
            "9.00",
            "2.00",
            "0.00",
            "0.00",
            "左岭街",
        ],
        [
            "2.00",
            HUASHAN_UNIT,
            "项目支出绩效自评表",
            "社区居家养老服务项目",
            "2022.00",
            "—",
            "—",
            "有错误",
            "11.00",
            "—",
            "—",
            "1.00",
            "1.00",
            "坏的",
        ],
        [
            "3.00",
            BAOXIE_UNIT,
            "部门整体绩效自评表",
            "—",
            "2022.00",
            "100.00",
            "90.66",
            "优",
            "54.00",
            "47.00",
            "7.00",
            "10.00",
            "0.00",
            "豹澥街",
        ],
        [
            "4.00",
            BAOXIE_UNIT,
            "项目支出绩效自评表",
            "社区居家养老服务项目",
            "2022.00",
            "98.00",
            "96.65",
            "优",
            "11.00",
            "9.00",
            "2.00",
            "0.00",
            "0.00",
            "项目/养老",
        ],
    ];
    for (row, expected) in sheet[1..5].iter().zip(expected_rows) {
        assert_eq!(row, &expected, "{sheet:?}");
    }
    // Totals: the mean of the three scored reports, (96.65 + 90.66 + 96.65) / 3 = 94.65;
    // indicators of all four, met and unmet of the three, every warning and error.
    assert_eq!(sheet[5][1], "合计（4 份报告；总分为平均）");
    assert_eq!(sheet[5][6], "94.65");
    assert_eq!(
        sheet[5][8..13],
        ["87.00", "65.00", "11.00", "11.00", "1.00"]
    );
    let grades: Vec<(String, String)> = sheet[7..]
        .iter()
        .map(|row| (row[0].clone(), row[1].clone()))
        .collect();
    let grade = |l: &str, n: &str| (l.to_string(), n.to_string());
    assert_eq!(
        grades,
        [
            grade("等级", "份数"),
            grade("优", "3.00"),
            grade("良", "0.00"),
            grade("中", "0.00"),
            grade("差", "0.00"),
            grade("有错误", "1.00"),
        ]
    );

    // The PDF: the same rows in the same order, the totals and the grade count.
    let summary = pdf_text(&out.join("汇总表.pdf"));
    let flat = squeezed(&summary);
    assert!(
        flat.starts_with(
            "绩效自评结果汇总表2022年度，共4份报告，3份无错误，1份有错误（截至2023年6月10日）"
        ),
        "{flat}"
    );
    let positions: Vec<usize> = ["左岭街", "坏的", "豹澥街", "项目/养老"]
        .iter()
        .map(|name| {
            flat.find(name)
                .unwrap_or_else(|| panic!("{name} in {flat}"))
        })
        .collect();
    assert!(positions.is_sorted(), "{positions:?} in {flat}");
    for row in [
        "2022100.00%90.66优54477100",
        "202298.00%96.65优119200",
        "2022——有错误11——11",
        "合计（4份报告）平均94.65876511111",
        "等级：优3份，良0份，中0份，差0份；有错误未评等级1份",
    ] {
        assert!(flat.contains(row), "{row} in {flat}");
    }
    assert!(page_count(&out.join("汇总表.pdf")) == 1);
    assert!(qpdf_check(&out.join("汇总表.pdf")).status.success());
    assert!(root.join("坏的.yaml").exists());
}

#[test]
fn the_summary_has_the_same_bytes_on_every_run() {
    let dir = tempfile::tempdir().unwrap();
    district(dir.path());
    let read = |name: &str| std::fs::read(dir.path().join("out").join(name)).unwrap();
    jixiao_in(dir.path(), &["build", "各单位", "-o", "out"]);
    let first = (read("汇总表.pdf"), read("汇总表.xlsx"), read("豹澥街.pdf"));
    // Past a second: a clock in the xlsx properties or the PDF would show.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    jixiao_in(dir.path(), &["build", "各单位", "-o", "out"]);
    assert!(first == (read("汇总表.pdf"), read("汇总表.xlsx"), read("豹澥街.pdf")));
    let names: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.starts_with(".jixiao-")),
        "no temporary file left: {names:?}"
    );
}

#[test]
fn score_json_is_the_summary_as_an_array_and_check_lists_each_report() {
    let dir = tempfile::tempdir().unwrap();
    district(dir.path());
    let output = jixiao_in(dir.path(), &["score", "各单位", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let rows: Value = serde_json::from_str(&stdout(&output)).expect("a JSON array");
    let rows = rows.as_array().expect("array");
    let reports: Vec<&str> = rows.iter().map(|r| r["report"].as_str().unwrap()).collect();
    assert_eq!(reports, ["左岭街", "坏的", "豹澥街", "项目/养老"]);
    let baoxie = &rows[2];
    assert_eq!(baoxie["unit"], BAOXIE_UNIT);
    assert_eq!(baoxie["form"], "部门整体绩效自评表");
    assert_eq!(baoxie["total"], "90.66");
    assert_eq!(baoxie["grade"], "优");
    assert_eq!(baoxie["rate"], "100.00");
    assert_eq!(
        (&baoxie["indicators"], &baoxie["met"], &baoxie["unmet"]),
        (&Value::from(54), &Value::from(47), &Value::from(7))
    );
    assert_eq!(rows[3]["project"], "社区居家养老服务项目");
    assert_eq!(rows[3]["total"], "96.65");
    let broken = &rows[1];
    assert_eq!(
        (&broken["errors"], &broken["total"]),
        (&Value::from(1), &Value::Null)
    );
    assert!(stderr(&output).contains("资金的分值 15.00"));

    let text = jixiao_in(dir.path(), &["score", "各单位"]);
    let table = stdout(&text);
    assert!(table.contains("合计（4 份报告）"), "{table}");
    assert!(table.contains("平均 94.65"), "{table}");

    let checked = jixiao_in(dir.path(), &["check", "各单位"]);
    let messages = stderr(&checked);
    assert_eq!(checked.status.code(), Some(1), "{messages}");
    for line in [
        "检查通过 豹澥街，10 个警告",
        "检查通过 项目/养老",
        "检查通过 左岭街",
    ] {
        assert!(messages.contains(line), "{line} in {messages}");
    }
    assert!(
        messages
            .contains("共 4 份报告（各单位）：3 份检查通过，1 份有错误；共 1 个错误，11 个警告。"),
        "{messages}"
    );
}

#[test]
fn a_folder_it_cannot_read_as_reports_is_refused_with_the_paths() {
    let dir = tempfile::tempdir().unwrap();
    let root = district(dir.path());
    std::fs::write(root.join("项目/目标.yaml"), "年度: 2022\n").unwrap();
    std::fs::write(root.join("项目/另一个.yaml"), xiangmu_as_one_file()).unwrap();
    let output = jixiao_in(dir.path(), &["build", "各单位", "-o", "out"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(
        message.contains(
            "文件夹「各单位/项目」里的 目标.yaml 没有写「单位名称」，旁边有 2 个各自写了「单位名称」的文件（养老.yaml、另一个.yaml）"
        ),
        "{message}"
    );
    assert!(!dir.path().join("out").exists());

    // Two reports that would write one PDF.
    std::fs::remove_file(root.join("项目/目标.yaml")).unwrap();
    std::fs::remove_file(root.join("项目/另一个.yaml")).unwrap();
    std::fs::write(root.join("豹澥街.yml"), xiangmu_as_one_file()).unwrap();
    let output = jixiao_in(dir.path(), &["build", "各单位", "-o", "out"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(
        message.contains("「各单位/豹澥街」和「各单位/豹澥街.yml」都会写成 豹澥街.pdf"),
        "{message}"
    );
}

#[test]
fn a_single_report_folder_or_file_is_built_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let root = district(dir.path());
    let output = jixiao_in(&root, &["build", "豹澥街"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("已生成 豹澥街.pdf：共 "));
    let output = jixiao_in(&root, &["build", "项目"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("已生成 项目.pdf：共 "),
        "{}",
        stdout(&output)
    );
    assert!(!root.join("汇总表.pdf").exists());
}

#[test]
fn a_report_that_cannot_be_read_is_a_row_with_its_error() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("两份");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("养老.yaml"), xiangmu_as_one_file()).unwrap();
    let mut latin1 = "单位名称: 某单位\n".as_bytes().to_vec();
    latin1.extend_from_slice(b"\xe9t\xe9\n");
    std::fs::write(root.join("编码.yaml"), latin1).unwrap();
    let output = jixiao_in(dir.path(), &["score", "两份", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("无法读取「两份/编码.yaml」：不是 UTF-8 编码的文本文件"),
        "{}",
        stderr(&output)
    );
    let rows: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(rows[0]["report"], "养老");
    assert_eq!(rows[1]["report"], "编码");
    assert_eq!(
        (&rows[1]["unit"], &rows[1]["errors"]),
        (&Value::Null, &Value::from(1))
    );
}
