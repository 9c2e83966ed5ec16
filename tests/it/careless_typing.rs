//! Careless typing, as a finance clerk does it: full-width digits, numbers written in words or
//! with a remark, a comma that may be a decimal comma, `2023-06-+1`, ` #` inside a value, old
//! Mac line ends, numbered lines in a block text, a long URL in a table cell, the placeholders
//! `new --from` leaves, a Typst error in one's own template, `年度目标一`, a year out of range.
//! Each goes through the real binary: the exit code, the Chinese message and where it points,
//! and that nothing on disk changed that should not.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use jixiao::model::value::{Comparator, Value};

use crate::pdf_support::*;

const UNIT: &str = "单位.yaml";
const GOAL1: &str = "目标1-拆迁.yaml";

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).expect("list folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.insert(path.clone(), std::fs::read(&path).expect("read"));
            }
        }
    }
    files
}

/// Runs `jixiao args…` and asserts that the files under `dir` are the same afterwards.
fn run_leaving(dir: &Path, args: &[&str]) -> Output {
    let before = snapshot(dir);
    let output = jixiao(args);
    assert_eq!(snapshot(dir), before, "jixiao {args:?} changed files");
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
    output
}

/// A copy of the sample with `edits` (file, from, to) applied, in `dir`.
fn edited(dir: &Path, edits: &[(&str, &str, &str)]) -> PathBuf {
    let report = sample_copy(dir);
    for (file, from, to) in edits {
        edit(&report.join(file), from, to);
    }
    report
}

/// `jixiao check` of the sample with `edits`: the exit code and what it printed.
fn check_edited(edits: &[(&str, &str, &str)]) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let report = edited(dir.path(), edits);
    let output = run_leaving(dir.path(), &["check", report.to_str().unwrap()]);
    (output.status.code(), stderr(&output))
}

fn assert_all(message: &str, needles: &[&str]) {
    for needle in needles {
        assert!(
            message.contains(needle),
            "missing {needle:?} in:\n{message}"
        );
    }
}

fn assert_none(message: &str, needles: &[&str]) {
    for needle in needles {
        assert!(
            !message.contains(needle),
            "{needle:?} should not be in:\n{message}"
        );
    }
}

/// `file:line:column` of the first occurrence of `needle` in the sample's `file` after the
/// edits, as the messages print it (the column in characters, from 1).
fn place(file: &str, edits: &[(&str, &str, &str)], needle: &str) -> String {
    let mut text = std::fs::read_to_string(Path::new(SAMPLE).join(file)).unwrap();
    for (edited_file, from, to) in edits {
        if *edited_file == file {
            text = text.replacen(from, to, 1);
        }
    }
    let (index, line) = text
        .lines()
        .enumerate()
        .find(|(_, line)| line.contains(needle))
        .unwrap_or_else(|| panic!("{needle} not in {file}"));
    let column = line[..line.find(needle).unwrap()].chars().count() + 1;
    format!("{file}:{}:{column}", index + 1)
}

/// The sample's report with `edits`, loaded and scored by the library.
fn outcome_of(edits: &[(&str, &str, &str)]) -> jixiao::Outcome {
    let dir = tempfile::tempdir().unwrap();
    let report = edited(dir.path(), edits);
    let evaluated = jixiao::evaluate_path(&report).expect("readable");
    evaluated.outcome.expect("a report")
}

#[test]
fn full_width_digits_in_amounts_say_so_and_give_the_half_width_form() {
    let cases: [(&str, &str, &str, &str, &str); 5] = [
        (
            UNIT,
            "执行数: 13581.29",
            "执行数: １３５８１．２９",
            "１３５８１．２９",
            "改成半角：13581.29",
        ),
        (GOAL1, "分值: 1.00", "分值: １", "１", "改成半角：1"),
        (
            UNIT,
            "年度: 2022",
            "年度: ２０２２",
            "２０２２",
            "改成半角的 2022",
        ),
        (
            UNIT,
            "提交时间: 2023-06-10",
            "提交时间: ２０２３－０６－１０",
            "２０２３",
            "改成半角的 2023-06-10",
        ),
        (
            UNIT,
            "预算:\n",
            "设置:\n  偏差大阈值: ３０％\n预算:\n",
            "３０％",
            "改成半角：30%",
        ),
    ];
    for (file, from, to, written, fix) in cases {
        let edits = [(file, from, to)];
        let (code, message) = check_edited(&edits);
        assert_eq!(code, Some(1), "{message}");
        assert_all(&message, &["全角", fix, &place(file, &edits, written)]);
    }
}

#[test]
fn full_width_digits_in_targets_are_read_as_their_half_width_forms() {
    let edits = [
        (GOAL1, "年初目标值: ≥80%", "年初目标值: ≥８０％"),
        (GOAL1, "实际完成值: 82%", "实际完成值: ８２．５％"),
    ];
    let (code, message) = check_edited(&edits);
    assert_eq!(code, Some(0), "{message}");
    assert_all(&message, &["共 0 个错误，10 个警告"]);
    assert_none(&message, &[&place(GOAL1, &edits, "８２"), "全角"]);
    let outcome = outcome_of(&edits);
    let first = &outcome.scores.goals[0].indicators[0];
    assert!(first.met, "{first:?}");
    let Value::Quantity(target) = &first.target else {
        panic!("{:?}", first.target)
    };
    assert_eq!(
        (target.comparator, target.number.to_string()),
        (Some(Comparator::AtLeast), "80".into())
    );
}

#[test]
fn comparator_words_are_read_as_comparators_without_a_message() {
    let edits = [
        (GOAL1, "年初目标值: ≥80%", "年初目标值: 80%以上"),
        (GOAL1, "年初目标值: ≥80%", "年初目标值: 不少于80%"),
        (GOAL1, "年初目标值: ≤10 人次", "年初目标值: 不超过10人次"),
    ];
    let (code, message) = check_edited(&edits);
    assert_eq!(code, Some(0), "{message}");
    // The sample's own warnings only (one of them about 人次 against 次 on the third line).
    assert_all(&message, &["共 0 个错误，10 个警告"]);
    let outcome = outcome_of(&edits);
    let comparators: Vec<Option<Comparator>> = outcome.scores.goals[0]
        .indicators
        .iter()
        .filter_map(|score| match &score.target {
            Value::Quantity(q) if q.number == 80.into() || q.number == 10.into() => {
                Some(q.comparator)
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        comparators,
        [
            Some(Comparator::AtLeast),
            Some(Comparator::AtLeast),
            Some(Comparator::AtMost)
        ]
    );
}

#[test]
fn targets_that_are_not_numbers_say_why_and_how_to_write_them() {
    let cases = [
        (
            "年初目标值: 30 个",
            "年初目标值: 三十个",
            "三十个",
            &["用汉字写了数字", "「30个」"][..],
        ),
        (
            "年初目标值: 30 个",
            "年初目标值: 56 个（含续建）",
            "56 个（含续建）",
            &["括号里的说明「（含续建）」", "只写「56个」"][..],
        ),
        (
            "年初目标值: ≥80%",
            "年初目标值: .5%",
            ".5%",
            &["小数点前少了 0", "「0.5%」"][..],
        ),
        (
            "年初目标值: ≥80%",
            "年初目标值: -5%",
            "-5%",
            &["是负数", "「5%」"][..],
        ),
        (
            "年初目标值: 30 个",
            "年初目标值: 30个社区居委会",
            "30个社区居委会",
            &["不是单位", "「30个社」"][..],
        ),
    ];
    for (from, to, written, needles) in cases {
        let edits = [(GOAL1, from, to)];
        let (code, message) = check_edited(&edits);
        assert_eq!(code, Some(1), "{message}");
        assert_all(&message, needles);
        assert_all(
            &message,
            &[&place(GOAL1, &edits, written), "没有当作数字读取"],
        );
        // The message that fits qualitative texts would mislead here.
        assert_none(&message, &["需要写明完成档次"]);
    }
}

#[test]
fn a_target_in_chinese_numerals_without_an_actual_value_is_a_warning() {
    let edits = [
        (GOAL1, "年初目标值: 30 个", "年初目标值: 三十个"),
        (GOAL1, "          实际完成值: 56 个\n", ""),
    ];
    let (code, message) = check_edited(&edits);
    assert_eq!(code, Some(0), "{message}");
    assert_all(
        &message,
        &[
            "警告: 指标「推进重点项目拆迁点位」的年初目标值「三十个」用汉字写了数字",
            "「30个」",
        ],
    );
}

#[test]
fn a_comma_that_may_be_a_decimal_comma_is_asked_about_never_read_as_a_thousands_separator() {
    let edits = [(GOAL1, "年初目标值: 30 个", "年初目标值: 1,5 个")];
    let (code, message) = check_edited(&edits);
    assert_eq!(code, Some(1), "{message}");
    assert_all(
        &message,
        &[
            &place(GOAL1, &edits, "1,5 个"),
            "逗号不知是小数点还是千分位",
            "是 1.5 就写成「1.5个」",
            "是 15 就写成「15个」",
        ],
    );
    let outcome = outcome_of(&edits);
    let target = &outcome.scores.goals[0].indicators[1].target;
    assert!(
        matches!(target, Value::Qualitative(_)),
        "never 15: {target:?}"
    );

    let edits = [(GOAL1, "分值: 1.00", "分值: 1,5")];
    let (code, message) = check_edited(&edits);
    assert_eq!(code, Some(1), "{message}");
    assert_all(
        &message,
        &[
            &place(GOAL1, &edits, "1,5"),
            "是 1.5 就写成 1.5",
            "是 15 就写成 15",
        ],
    );
    assert_none(&message, &["去掉千分位逗号"]);

    let edits = [(UNIT, "执行数: 13581.29", "执行数: 13,581.29")];
    let (code, message) = check_edited(&edits);
    assert_eq!(code, Some(1), "{message}");
    assert_all(
        &message,
        &[
            &place(UNIT, &edits, "13,581.29"),
            "去掉千分位逗号，写成 13581.29",
        ],
    );

    let outcome = outcome_of(&[(GOAL1, "年初目标值: 30 个", "年初目标值: 1,000 个")]);
    let Value::Quantity(target) = &outcome.scores.goals[0].indicators[1].target else {
        panic!("thousands are read")
    };
    assert_eq!(target.number, 1000.into());
}

#[test]
fn a_date_with_a_sign_is_refused() {
    for date in ["2023-06-+1", "+2023-06-10", "2023-+6-10", "2023-06-1 0"] {
        let edits = [(UNIT, "提交时间: 2023-06-10", &*format!("提交时间: {date}"))];
        let (code, message) = check_edited(&edits);
        assert_eq!(code, Some(1), "{date}: {message}");
        assert_all(
            &message,
            &[
                &format!("「{date}」不是有效的日期"),
                &place(UNIT, &edits, date),
            ],
        );
    }
}

#[test]
fn a_hash_glued_to_a_value_is_warned_about_but_a_comment_is_not() {
    let edits = [
        (GOAL1, "年初目标值: 30 个", "年初目标值: 30 #个"),
        (GOAL1, "三级指标: 拆迁房屋目标完成率", "三级指标: 第 #3 号"),
        (GOAL1, "年初目标值: 30 个", "年初目标值: 30 个  # 年初定的"),
        (
            GOAL1,
            "三级指标: 协调保障新开工项目个数",
            "三级指标: '协调保障新开工项目个数 #2'",
        ),
        (UNIT, "  分值: 20", "  分值: 20 #按湖北规则"),
        (
            GOAL1,
            "三级指标: 推进重点项目拆迁点位",
            "三级指标: 推进第#3号点位",
        ),
        (
            "摘要.yaml",
            "    豹澥街将逐步建立",
            "    见 #3 号文件。豹澥街将逐步建立",
        ),
    ];
    let (code, message) = check_edited(&edits);
    assert_eq!(code, Some(0), "{message}");
    assert_all(
        &message,
        &[
            "「#个」被当作注释，没有读入：这一行的值只是「30」",
            &place(GOAL1, &edits, "#个"),
            "「#3 号」被当作注释，没有读入：这一行的值只是「第」",
            &place(GOAL1, &edits, "#3 号"),
            "'30 #个'",
            "「#按湖北规则」被当作注释",
        ],
    );
    assert_none(
        &message,
        &["年初定的」被当作", "「#2」", "「#3 号文件", "「#3号点位"],
    );
}

#[test]
fn old_mac_line_ends_show_the_line_in_messages() {
    let dir = tempfile::tempdir().unwrap();
    let report = edited(dir.path(), &[(UNIT, "执行数: 13581.29", "执行数: 一万")]);
    let unit = report.join(UNIT);
    let text = std::fs::read_to_string(&unit).unwrap();
    std::fs::write(&unit, text.replace('\n', "\r")).unwrap();
    let output = run_leaving(dir.path(), &["check", report.to_str().unwrap()]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert_all(
        &message,
        &[
            "单位.yaml:13:8",
            "13 |   执行数: 一万",
            "「一万」不是有效的数字",
        ],
    );

    // A whole report with CR line ends reads as the sample does.
    let dir = tempfile::tempdir().unwrap();
    let report = sample_copy(dir.path());
    for (path, bytes) in snapshot(&report) {
        let text = String::from_utf8(bytes).unwrap();
        std::fs::write(&path, text.replace('\n', "\r")).unwrap();
    }
    let output = run_leaving(dir.path(), &["check", report.to_str().unwrap()]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{message}");
    assert_all(
        &message,
        &[
            "10 个警告",
            "目标1-拆迁.yaml:15:18",
            "15 |           实际完成值: 56 个",
        ],
    );
}

#[test]
fn a_numbered_goal_key_in_chinese_numerals_suggests_arabic_ones() {
    let edits = [(GOAL1, "年度目标1:", "年度目标一:")];
    let (code, message) = check_edited(&edits);
    assert_eq!(code, Some(1), "{message}");
    assert_all(
        &message,
        &[
            "不认识顶层的键「年度目标一」",
            "是不是想写「年度目标1」",
            &place(GOAL1, &edits, "年度目标一"),
        ],
    );
    let (_, message) = check_edited(&[(GOAL1, "年度目标1:", "年度目标（十二）:")]);
    assert_all(&message, &["是不是想写「年度目标12」"]);
}

#[test]
fn new_and_check_accept_the_same_years() {
    let (low, high) = (jixiao::model::YEARS.start(), jixiao::model::YEARS.end());
    let range = format!("{low} 到 {high}");
    let dir = tempfile::tempdir().unwrap();
    for year in [low - 1, high + 1] {
        let new = dir.path().join(format!("r{year}"));
        let output = run_leaving(
            dir.path(),
            &["new", new.to_str().unwrap(), "--year", &year.to_string()],
        );
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        assert_all(&stderr(&output), &[&range]);
        assert!(!new.exists());
    }
    for year in [*low, *high] {
        let new = dir.path().join(format!("r{year}"));
        let output = jixiao(&["new", new.to_str().unwrap(), "--year", &year.to_string()]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let output = run_leaving(&new, &["check", new.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(0), "{year}: {}", stderr(&output));
    }
    let edits = [(UNIT, "年度: 2022", "年度: 1989")];
    let (code, message) = check_edited(&edits);
    assert_eq!(code, Some(1), "{message}");
    assert_all(&message, &[&range, &place(UNIT, &edits, "1989")]);
    let help = stdout(&jixiao(&["new", "--help"]));
    assert_all(&help, &[&range]);
}

#[test]
fn placeholders_left_by_new_from_are_flagged_until_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("2023");
    let output = jixiao(&["new", new.to_str().unwrap(), "--from", SAMPLE]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let output = run_leaving(dir.path(), &["check", new.to_str().unwrap()]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{message}");
    let unit = std::fs::read_to_string(new.join(UNIT)).unwrap();
    let at = |needle: &str| {
        let (index, line) = unit
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains(needle))
            .unwrap();
        let column = line[..line.find(needle).unwrap() + needle.len() + 2]
            .chars()
            .count()
            + 1;
        format!("{UNIT}:{}:{column}", index + 1)
    };
    assert_all(
        &message,
        &[
            "警告: 提交时间还是占位的日期",
            &at("提交时间"),
            "警告: 调整后预算数还是占位的数字",
            &at("调整后预算数"),
            "警告: 执行数还是占位的数字",
            &at("执行数"),
            "删去行尾的注释",
        ],
    );
    // Replaced, and the comment deleted: nothing more to say about that line.
    let line = unit.lines().find(|l| l.contains("调整后预算数")).unwrap();
    edit(&new.join(UNIT), line, "  调整后预算数: 14000.00");
    let message = stderr(&run_leaving(dir.path(), &["check", new.to_str().unwrap()]));
    assert_none(&message, &["调整后预算数还是占位"]);
    assert_all(&message, &["执行数还是占位"]);

    let national = dir.path().join("项目");
    let output = jixiao(&[
        "new",
        national.to_str().unwrap(),
        "--from",
        "data/2022-xiangmu",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let output = run_leaving(dir.path(), &["check", national.to_str().unwrap()]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{message}");
    for row in ["年度资金总额", "本年财政拨款", "上年结转资金", "其他资金"] {
        assert_all(&message, &[&format!("警告: {row}还是占位的数字")]);
    }
}

#[test]
fn a_typst_error_in_a_user_template_points_at_that_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("tpl");
    std::fs::create_dir(&templates).unwrap();
    let write = |name: &str, text: &str| std::fs::write(templates.join(name), text).unwrap();
    write(
        "report.typ.j2",
        "{% include \"style.typ.j2\" %}\n{% include \"part.typ.j2\" %}\n",
    );
    // The wrong line prints values, so it is not the template's text word for word.
    write(
        "part.typ.j2",
        "一\n{% for g in doc.goals %}{{ g.name }}\n{% endfor %}\n#text[{{ doc.unit.name }}] #undefined-thing({{ doc.unit.year }})\n",
    );
    let pdf = dir.path().join("r.pdf");
    let args = [
        "build",
        SAMPLE,
        "--templates",
        templates.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ];
    let output = run_leaving(dir.path(), &args);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    let part = templates.join("part.typ.j2");
    assert_all(
        &message,
        &[
            &format!("出自模板 part.typ.j2 第 4 行（{}:4）", part.display()),
            "unknown variable",
        ],
    );

    // An error inside a Typst file the templates import names that file.
    std::fs::remove_file(&part).unwrap();
    write(
        "report.typ.j2",
        "{% include \"style.typ.j2\" %}\n#import \"lib.typ\": f\n#f()\n",
    );
    write("lib.typ", "#let f() = {\n  undefined-var\n}\n");
    let output = run_leaving(dir.path(), &args);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    let lib = templates.join("lib.typ");
    assert_all(
        &message,
        &[
            &format!("是模板文件夹中的文件 {}:2", lib.display()),
            &format!(
                "report.typ.j2 第 3 行（{}:3）",
                templates.join("report.typ.j2").display()
            ),
        ],
    );
}
