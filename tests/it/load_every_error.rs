//! `check` reports every mistake of every file in one run, as a compiler does: after a wrong
//! value or an unknown key it reads on, and what follows from a mistake is not reported again.

use std::path::Path;

use crate::cli_support::{jixiao, stderr};
use crate::pdf_support::{edit, sample_copy};

/// The errors of the report at `src` as `file:line:col message`, in order.
fn errors(src: &Path) -> Vec<String> {
    let evaluated = jixiao::evaluate_path(src).expect("readable");
    evaluated
        .diagnostics
        .errors()
        .map(|error| {
            let span = error.span.expect("every error has a place");
            let file = evaluated.files.path(span.file).file_name().unwrap();
            format!(
                "{}:{}:{} {}",
                file.to_string_lossy(),
                span.line,
                span.column,
                error.message
            )
        })
        .collect()
}

#[test]
fn three_mistakes_in_one_file_are_three_errors() {
    let dir = tempfile::tempdir().unwrap();
    let report = sample_copy(dir.path());
    let goal = report.join("目标1-拆迁.yaml");
    edit(
        &goal,
        "- 三级指标: 推进重点项目拆迁点位",
        "- 三级指表: 推进重点项目拆迁点位",
    );
    edit(
        &goal,
        "实际完成值: 88%\n          分值: 1.00",
        "实际完成值: 88%\n          分值: 两点五",
    );
    edit(
        &goal,
        "实际完成值: 无法取得\n          分值: 1.00",
        "实际完成值: 无法取得\n          分值: 1.00\n          完成档次: 完成",
    );

    let output = jixiao(&["check", report.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let shown = stderr(&output);
    for needle in [
        "不认识的键「三级指表」",
        "目标1-拆迁.yaml:13:11",
        "「两点五」不是有效的数字",
        "目标1-拆迁.yaml:24:15",
        "「完成」不是这里可以填的值",
        "目标1-拆迁.yaml:34:17",
        "共 3 个错误",
    ] {
        assert!(shown.contains(needle), "missing {needle:?} in:\n{shown}");
    }
    // The misspelt key is one mistake: its item is not also said to lack 「三级指标」.
    assert!(!shown.contains("缺少「三级指标」"), "{shown}");
}

const UNIT: &str = "单位名称: 甲街道办事处
年度: 二〇二二
提交时间: 2023-06-10
预算:
  分值: 20
  批复数: 100
  调整后预算数: 100
";

const GOAL: &str = "年度目标1:
  名称: 民生
  分值: 80
  指标:
    产出指表:
      数量指标:
        - 三级指标: 甲
          年初目标值: 10 个
          实际完成值: 10 个
          分值: 10
    效益指标:
      社会效益指标:
        - 三级指表: 乙
          年初目标值: 10 个
          实际完成值: 10 个
          分值: 10
        - 三级指标: 丙
          年初目标值: 10 个
          实际完成值: 10 个
          分值: 两点五
        - 三级指标: 丁
          年初目标值: 10 个
          实际完成值: 8 个
          分值: 10
          完成档次: 完成
      可持续影响指标:
        三级指标: 戊
        年初目标值: 10 个
        分值: 10
    满意度指标:
      服务对象满意度指标:
        - 三级指标: 己
          年初目标值: ≥90%
          实际完成值: 95%
          分值: 10
          方向: 向上
        - 三级指标: 庚
          年初目标值: ≥90%
          实际完成值: 95%
          分值: -10
";

#[test]
fn every_mistake_of_every_file_is_reported_once_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("单位.yaml"), UNIT).unwrap();
    std::fs::write(dir.path().join("目标1.yaml"), GOAL).unwrap();
    std::fs::write(
        dir.path().join("摘要.yaml"),
        "摘要:\n  自评得分概述: \"未闭合\n",
    )
    .unwrap();

    let expected = [
        "单位.yaml:2:5 「二〇二二」不是有效的年度",
        "单位.yaml:5:3 这一项缺少「执行数」",
        // A syntax error ends its own file, not the others.
        "摘要.yaml:2:11 引号没有配对：从这里开始的引号一直没有结束",
        // Checked on the goal as read: an unknown 一级指标, a negative weight.
        "目标1.yaml:5:5 「产出指表」不是一级指标",
        "目标1.yaml:13:11 不认识的键「三级指表」",
        "目标1.yaml:20:15 「两点五」不是有效的数字",
        "目标1.yaml:25:17 「完成」不是这里可以填的值",
        "目标1.yaml:27:9 这里应为列表，实际写的是映射（「键: 值」）",
        "目标1.yaml:36:15 「向上」不是这里可以填的值",
    ];
    let found = errors(dir.path());
    for line in expected {
        assert!(
            found.iter().any(|f| f == line),
            "missing {line:?} in {found:#?}"
        );
    }
    let negative = found
        .iter()
        .filter(|f| f.starts_with("目标1.yaml:40:") && f.contains("不能为负数"))
        .count();
    assert_eq!(negative, 1, "{found:#?}");
    assert_eq!(found.len(), expected.len() + 1, "nothing else: {found:#?}");
}
