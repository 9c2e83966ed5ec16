//! `jixiao diff`, through the binary: the sample report against edited copies on disk and in a
//! temporary git repository.

use crate::cli_support;
use cli_support::*;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tempfile::TempDir;

const SAMPLE: &str = "data/2022-baoxie";
const JOBS: &str = "目标4-民生.yaml";
const DEMOLITION: &str = "目标1-拆迁.yaml";

const JOBS_210: &str = "三级指标: 新增就业岗位
          年初目标值: 800 个
          实际完成值: 210 个";
const VIOLATIONS_100: &str = "三级指标: 违法建设查处率
          年初目标值: 100%
          实际完成值: 100%";

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE)
}

fn diff(old: &Path, new: &Path, json: bool) -> Output {
    let (old, new) = (old.to_string_lossy(), new.to_string_lossy());
    let mut args = vec!["diff", &old, &new];
    if json {
        args.extend(["--format", "json"]);
    }
    jixiao_in(Path::new(env!("CARGO_MANIFEST_DIR")), &args)
}

fn succeeded(output: &Output) -> String {
    assert_eq!(output.status.code(), Some(0), "{}", stderr(output));
    stdout(output)
}

fn json_of(output: &Output) -> Value {
    let text = succeeded(output);
    match serde_json::from_str(&text) {
        Ok(json) => json,
        Err(error) => panic!("not JSON: {error}\n{text}"),
    }
}

fn temp_dir() -> TempDir {
    match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(error) => panic!("cannot make a temporary folder: {error}"),
    }
}

/// A copy of the sample report in `dir`.
fn copy_sample(dir: &Path) {
    if let Err(error) = std::fs::create_dir_all(dir) {
        panic!("cannot create {}: {error}", dir.display());
    }
    let entries = match std::fs::read_dir(sample()) {
        Ok(entries) => entries,
        Err(error) => panic!("cannot list the sample: {error}"),
    };
    for entry in entries.flatten() {
        if let Err(error) = std::fs::copy(entry.path(), dir.join(entry.file_name())) {
            panic!("cannot copy {}: {error}", entry.path().display());
        }
    }
}

/// Replaces the one occurrence of `from` in `dir/file`.
fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => panic!("cannot read {}: {error}", path.display()),
    };
    assert_eq!(text.matches(from).count(), 1, "{from:?} in {file}");
    if let Err(error) = std::fs::write(&path, text.replace(from, to)) {
        panic!("cannot write {}: {error}", path.display());
    }
}

/// The sample with 新增就业岗位 210 → 500 个 and 违法建设查处率 100% → 90%.
fn two_actuals_changed(dir: &Path) {
    copy_sample(dir);
    edit(dir, JOBS, JOBS_210, &JOBS_210.replace("210 个", "500 个"));
    let violations_90 = VIOLATIONS_100.replace("实际完成值: 100%", "实际完成值: 90%");
    edit(dir, DEMOLITION, VIOLATIONS_100, &violations_90);
}

/// The lines of the text section that starts with `title`, without its title and header.
fn section(text: &str, title: &str) -> Vec<String> {
    let mut lines = text.lines().skip_while(|line| !line.starts_with(title));
    lines.next();
    lines
        .skip(1)
        .take_while(|line| !line.is_empty())
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

fn names(values: &Value) -> Vec<String> {
    values
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|item| item["name"].as_str().unwrap_or("?").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn two_changed_actuals_show_those_indicators_their_goals_and_the_total() {
    let dir = temp_dir();
    two_actuals_changed(dir.path());
    let text = succeeded(&diff(&sample(), dir.path(), false));
    assert!(
        text.starts_with("总分：90.66 → 91.46（+0.80）　等级：优（不变）\n"),
        "{text}"
    );
    assert_eq!(
        section(&text, "得分的变化"),
        [
            "年度目标1 11.00 9.00 8.90 -0.10",
            "年度目标4 26.00 23.16 24.06 +0.90",
            "合计 90.66 91.46 +0.80",
        ],
        "{text}"
    );
    assert_eq!(
        section(&text, "变化的绩效指标"),
        [
            "1 违法建设查处率 实际完成值 100% 90%",
            "得分 1.00 0.90",
            "4 新增就业岗位 实际完成值 210 个 500 个",
            "得分 0.66 1.56",
        ],
        "{text}"
    );
    assert_eq!(
        section(&text, "由完成变为未完成的绩效指标"),
        ["1 违法建设查处率 1.00 1.00 0.90"],
        "{text}"
    );
    for absent in [
        "由未完成变为完成",
        "新增的绩效指标",
        "删除的绩效指标",
        "预算执行",
    ] {
        assert!(!text.contains(absent), "{absent} in\n{text}");
    }
}

#[test]
fn the_json_diff_field_by_field() {
    let dir = temp_dir();
    two_actuals_changed(dir.path());
    let json = json_of(&diff(&sample(), dir.path(), true));
    assert_eq!(json["changed"], true);
    assert_eq!(json["total"]["old"], "90.66");
    assert_eq!(json["total"]["new"], "91.46");
    assert_eq!(json["total"]["delta"], "+0.80");
    assert_eq!(json["grade"]["old"], "优");
    assert_eq!(json["grade"]["new"], "优");
    assert_eq!(json["budget"], Value::Null);

    let goals = &json["goals"];
    assert_eq!(goals.as_array().map(Vec::len), Some(2), "{goals}");
    assert_eq!(goals[0]["number"], 1);
    assert_eq!(goals[0]["status"], "changed");
    assert_eq!(goals[0]["old"]["score"], "9.00");
    assert_eq!(goals[0]["new"]["score"], "8.90");
    assert_eq!(goals[0]["new"]["weight"], "11.00");
    assert_eq!(goals[0]["delta"], "-0.10");
    assert_eq!(goals[1]["number"], 4);
    assert_eq!(goals[1]["old"]["score"], "23.16");
    assert_eq!(goals[1]["new"]["score"], "24.06");
    assert_eq!(goals[1]["delta"], "+0.90");

    let changed = &json["indicators"]["changed"];
    assert_eq!(names(changed), ["违法建设查处率", "新增就业岗位"]);
    let violations = &changed[0];
    assert_eq!(violations["goal"], 1);
    assert_eq!(violations["level1"], "产出指标");
    assert_eq!(violations["level2"], "数量指标");
    assert_eq!(violations["renamed_from"], Value::Null);
    assert_eq!(violations["target"], Value::Null);
    assert_eq!(violations["weight"], Value::Null);
    assert_eq!(violations["actual"]["old"], "100%");
    assert_eq!(violations["actual"]["new"], "90%");
    assert_eq!(violations["score"]["old"], "1.00");
    assert_eq!(violations["score"]["new"], "0.90");
    assert_eq!(violations["score"]["delta"], "-0.10");
    let jobs = &changed[1];
    assert_eq!(jobs["goal"], 4);
    assert_eq!(jobs["actual"]["old"], "210 个");
    assert_eq!(jobs["actual"]["new"], "500 个");
    assert_eq!(jobs["score"]["old"], "0.66");
    assert_eq!(jobs["score"]["new"], "1.56");
    assert_eq!(jobs["score"]["delta"], "+0.90");

    assert_eq!(json["indicators"]["added"], Value::Array(vec![]));
    assert_eq!(json["indicators"]["removed"], Value::Array(vec![]));
    assert_eq!(json["became_met"], Value::Array(vec![]));
    assert_eq!(names(&json["became_unmet"]), ["违法建设查处率"]);
    assert_eq!(json["became_unmet"][0]["goal"], 1);
    assert_eq!(json["became_unmet"][0]["weight"], "1.00");
    assert_eq!(json["became_unmet"][0]["score"]["new"], "0.90");
}

#[test]
fn identical_versions_have_no_changes_and_exit_0() {
    let dir = temp_dir();
    copy_sample(dir.path());
    let text = succeeded(&diff(&sample(), dir.path(), false));
    assert!(text.starts_with("没有变化"), "{text}");
    assert!(text.contains("总分 90.66"), "{text}");
    let json = json_of(&diff(&sample(), &sample(), true));
    assert_eq!(json["changed"], false);
    assert_eq!(json["goals"], Value::Array(vec![]));
    assert_eq!(json["indicators"]["changed"], Value::Array(vec![]));
}

#[test]
fn an_added_and_a_removed_indicator() {
    let dir = temp_dir();
    copy_sample(dir.path());
    let replacement = "三级指标: 违法建设拆除率
          年初目标值: 95%
          实际完成值: 96%";
    edit(dir.path(), DEMOLITION, VIOLATIONS_100, replacement);
    let text = succeeded(&diff(&sample(), dir.path(), false));
    assert_eq!(
        section(&text, "新增的绩效指标"),
        ["1 产出指标 数量指标 违法建设拆除率 95% 96% 1.00 1.00"],
        "{text}"
    );
    assert_eq!(
        section(&text, "删除的绩效指标"),
        ["1 产出指标 数量指标 违法建设查处率 100% 100% 1.00 1.00"],
        "{text}"
    );
    assert!(text.starts_with("总分：90.66（不变）"), "{text}");
    let json = json_of(&diff(&sample(), dir.path(), true));
    assert_eq!(names(&json["indicators"]["added"]), ["违法建设拆除率"]);
    assert_eq!(json["indicators"]["added"][0]["met"], true);
    assert_eq!(names(&json["indicators"]["removed"]), ["违法建设查处率"]);
    assert_eq!(json["indicators"]["changed"], Value::Array(vec![]));
}

#[test]
fn a_new_name_in_the_same_place_with_the_same_target_and_weight_is_a_rename() {
    let dir = temp_dir();
    copy_sample(dir.path());
    let renamed = VIOLATIONS_100.replace("违法建设查处率", "违法建设查处比例");
    edit(dir.path(), DEMOLITION, VIOLATIONS_100, &renamed);
    let json = json_of(&diff(&sample(), dir.path(), true));
    assert_eq!(json["indicators"]["added"], Value::Array(vec![]));
    assert_eq!(json["indicators"]["removed"], Value::Array(vec![]));
    let changed = &json["indicators"]["changed"];
    assert_eq!(names(changed), ["违法建设查处比例"]);
    assert_eq!(changed[0]["renamed_from"], "违法建设查处率");
    assert_eq!(changed[0]["score"], Value::Null);
    let text = succeeded(&diff(&sample(), dir.path(), false));
    assert_eq!(
        section(&text, "变化的绩效指标"),
        ["1 违法建设查处比例 三级指标 违法建设查处率 违法建设查处比例"],
        "{text}"
    );
}

#[test]
fn a_version_with_errors_prints_its_diagnostics_and_exits_1() {
    let dir = temp_dir();
    copy_sample(dir.path());
    edit(
        dir.path(),
        JOBS,
        JOBS_210,
        &JOBS_210.replace("210 个", "很多"),
    );
    let output = diff(&sample(), dir.path(), false);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let messages = stderr(&output);
    assert!(messages.contains("错误"), "{messages}");
    assert!(messages.contains(JOBS), "{messages}");
    assert!(messages.contains("无法比较"), "{messages}");
    assert_eq!(stdout(&output), "");
}

/// Runs git in `repo` with a throwaway identity and no user or system configuration.
fn git(repo: &Path, args: &[&str]) {
    let output = Command::new("git")
        .args([
            "-c",
            "user.name=jixiao test",
            "-c",
            "user.email=test@example.com",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(repo)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output();
    match output {
        Ok(output) if output.status.success() => {}
        Ok(output) => panic!("git {args:?} failed: {}", stderr(&output)),
        Err(error) => panic!("cannot run git: {error}"),
    }
}

/// A repository with the sample committed as `report/`, then 新增就业岗位 changed to 800 个.
fn repository_with_a_change() -> TempDir {
    let repo = temp_dir();
    let report = repo.path().join("report");
    copy_sample(&report);
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "report"]);
    git(repo.path(), &["commit", "-q", "-m", "sample"]);
    edit(
        &report,
        JOBS,
        JOBS_210,
        &JOBS_210.replace("210 个", "800 个"),
    );
    repo
}

#[test]
fn a_git_revision_against_the_working_copy() {
    let repo = repository_with_a_change();
    let output = jixiao_in(repo.path(), &["diff", "HEAD:report", "report"]);
    let text = succeeded(&output);
    assert!(text.starts_with("总分：90.66 → 92.50（+1.84）"), "{text}");
    assert_eq!(
        section(&text, "由未完成变为完成的绩效指标"),
        ["4 新增就业岗位 2.50 0.66 2.50"],
        "{text}"
    );
    let output = jixiao_in(
        repo.path(),
        &["diff", "HEAD:./report/", "HEAD:report", "--format", "json"],
    );
    assert_eq!(json_of(&output)["changed"], false);
}

#[test]
fn a_git_revision_whose_file_has_errors_is_named_by_revision_and_path() {
    let repo = repository_with_a_change();
    let output = jixiao_in(
        repo.path(),
        &["diff", "HEAD:report/目标4-民生.yaml", "report"],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("HEAD:report/目标4-民生.yaml"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_bad_revision_exits_2_with_a_chinese_message() {
    let repo = repository_with_a_change();
    let output = jixiao_in(repo.path(), &["diff", "nosuchrev:report", "report"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("git 仓库里没有版本「nosuchrev」"),
        "{}",
        stderr(&output)
    );
    let output = jixiao_in(repo.path(), &["diff", "HEAD:nowhere", "report"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("版本「HEAD」里没有「nowhere」"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_revision_outside_a_repository_exits_2() {
    let dir = temp_dir();
    copy_sample(&dir.path().join("report"));
    let output = jixiao_in(dir.path(), &["diff", "HEAD:report", "report"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("当前文件夹不在 git 仓库里"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_project_table_diff_names_its_indicators_and_funds() {
    let dir = temp_dir();
    let old = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/2022-xiangmu");
    let new = dir.path().join("xiangmu");
    std::fs::create_dir(&new).unwrap();
    for entry in std::fs::read_dir(&old).unwrap().flatten() {
        std::fs::copy(entry.path(), new.join(entry.file_name())).unwrap();
    }
    edit(&new, "指标.yaml", "实际完成值: 587人", "实际完成值: 610人");
    edit(
        &new,
        "单位.yaml",
        "全年执行数: 168.95",
        "全年执行数: 170.95",
    );
    edit(
        &new,
        "单位.yaml",
        "全年执行数: 142.95",
        "全年执行数: 144.95",
    );

    let text = succeeded(&diff(&old, &new, false));
    assert!(text.starts_with("总分：96.65 → 96.92（+0.27）"), "{text}");
    let scores = section(&text, "得分的变化：");
    assert!(
        scores.contains(&"预算执行 10.00 9.80 9.92 +0.12".to_string()),
        "{scores:?}"
    );
    assert!(
        scores.contains(&"绩效指标 90.00 86.85 87.00 +0.15".to_string()),
        "{scores:?}"
    );
    assert!(text.contains("执行率：98.00% → 99.16%"), "{text}");
    let changed = section(&text, "变化的绩效指标：");
    assert!(
        changed
            .iter()
            .any(|l| l.contains("助餐服务覆盖老人") && l.contains("587人") && l.contains("610人")),
        "{changed:?}"
    );

    let json = json_of(&diff(&old, &new, true));
    assert_eq!(json["total"]["new"], "96.92");
    assert_eq!(json["budget"]["rate"]["new"], "99.16");
}
