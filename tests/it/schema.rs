//! `jixiao schema`: the committed schema is the generated one, the sample report passes it, and
//! it rejects what jixiao rejects (misspelled keys, a 二级指标 under the wrong 一级指标); its
//! hand-written patterns accept exactly what the model's scalar types read.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;

use jixiao::model::{Amount, Date, Percent, Year};
use jixiao::schema::{SCHEMA_FILE, report_schema};
use jixiao::source::load::load_texts;
use proptest::prelude::*;
use serde_json::{Value, json};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/2022-baoxie");
const SCHEMA_COMMENT: &str = "# yaml-language-server: $schema=../../schema/jixiao.schema.json";

fn schema() -> Value {
    report_schema().to_value()
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&schema()).expect("the schema compiles")
}

/// The sample's files, sorted by name, as (path, text).
fn sample_files() -> Vec<(PathBuf, String)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(SAMPLE)
        .expect("sample folder")
        .map(|entry| entry.expect("folder entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 5, "{paths:?}");
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("sample file");
            (path, text)
        })
        .collect()
}

/// The sample with `edit` applied to the text of the file whose name starts with `file`.
fn edited_sample(file: &str, edit: impl Fn(&str) -> String) -> Vec<(PathBuf, String)> {
    let mut files = sample_files();
    let (_, text) = files
        .iter_mut()
        .find(|(path, _)| file_name(path).starts_with(file))
        .expect("sample file to edit");
    let edited = edit(text);
    assert_ne!(&edited, text, "the edit changed nothing");
    *text = edited;
    files
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn yaml_value(text: &str) -> Value {
    serde_saphyr::from_str::<Option<Value>>(text)
        .expect("YAML")
        .unwrap_or(Value::Null)
}

/// The schema's complaints about each file: "file: instance path: message".
fn schema_errors(files: &[(PathBuf, String)]) -> Vec<String> {
    let validator = validator();
    let mut errors = Vec::new();
    for (path, text) in files {
        let value = yaml_value(text);
        for error in validator.iter_errors(&value) {
            errors.push(format!(
                "{}: {}: {error}",
                file_name(path),
                error.instance_path()
            ));
        }
    }
    errors
}

/// Whether jixiao itself finds errors in the report made of `files`.
fn jixiao_has_errors(files: &[(PathBuf, String)]) -> bool {
    jixiao::evaluate(load_texts(files.to_vec()))
        .diagnostics
        .has_errors()
}

#[test]
fn the_committed_schema_is_what_jixiao_schema_prints() {
    let output = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("schema")
        .output()
        .expect("run jixiao schema");
    assert!(output.status.success(), "{output:?}");
    let printed = String::from_utf8(output.stdout).expect("UTF-8");
    let committed_path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SCHEMA_FILE);
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    assert!(
        printed == committed,
        "{SCHEMA_FILE} differs from the model: regenerate it with \
         `cargo run -- schema > {SCHEMA_FILE}` and commit it"
    );
    let parsed: Value = serde_json::from_str(&printed).expect("JSON");
    assert_eq!(parsed, schema());
}

#[test]
fn the_schema_is_a_valid_draft_07_schema() {
    let schema = schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    if let Err(error) = jsonschema::meta::validate(&schema) {
        panic!("not a valid schema: {error} at {}", error.instance_path());
    }
}

#[test]
fn every_sample_file_passes_and_so_does_jixiao_check() {
    let files = sample_files();
    let errors = schema_errors(&files);
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(!jixiao_has_errors(&files));
}

#[test]
fn the_sample_merged_into_one_file_passes() {
    let mut merged = serde_json::Map::new();
    for (_, text) in sample_files() {
        let Value::Object(top) = yaml_value(&text) else {
            panic!("a sample file is not a mapping");
        };
        merged.extend(top);
    }
    let merged = Value::Object(merged);
    assert!(merged.get("年度目标4").is_some());
    let errors: Vec<String> = validator()
        .iter_errors(&merged)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn every_sample_file_names_the_schema_on_its_first_line() {
    for (path, text) in sample_files() {
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some(SCHEMA_COMMENT), "{}", path.display());
        assert!(
            lines.next().is_some_and(|line| line.starts_with("# ")),
            "{}: the file's own comment should follow",
            path.display()
        );
        let target = SCHEMA_COMMENT.trim_start_matches("# yaml-language-server: $schema=");
        let folder = path.parent().expect("folder");
        assert!(folder.join(target).is_file(), "{}", path.display());
    }
}

/// Asserts that both the schema and jixiao reject `files`, and that the schema's complaint is
/// about `instance_path`.
fn assert_rejected(files: &[(PathBuf, String)], instance_path: &str) {
    let errors = schema_errors(files);
    assert!(
        errors.iter().any(|error| error.contains(instance_path)),
        "no error at {instance_path}: {errors:#?}"
    );
    assert!(jixiao_has_errors(files), "jixiao accepted it");
}

#[test]
fn a_misspelled_indicator_key_is_rejected() {
    let files = edited_sample("目标1", |text| text.replacen("三级指标:", "三级指表:", 1));
    assert_rejected(&files, ": /年度目标1/指标/产出指标/数量指标/0:");
}

#[test]
fn a_misspelled_top_level_key_is_rejected() {
    let files = edited_sample("单位", |text| text.replacen("单位名称:", "单位名陈:", 1));
    let errors = schema_errors(&files);
    assert!(
        errors
            .iter()
            .any(|error| error.starts_with("单位.yaml") && error.contains("单位名陈")),
        "{errors:#?}"
    );
    assert!(jixiao_has_errors(&files));
}

#[test]
fn a_level2_under_the_wrong_level1_is_rejected() {
    let files = edited_sample("目标1", |text| {
        text.replacen("      数量指标:", "      社会效益指标:", 1)
    });
    assert_rejected(&files, ": /年度目标1/指标/产出指标:");
}

#[test]
fn an_unknown_level1_is_rejected() {
    let files = edited_sample("目标1", |text| {
        text.replacen("    产出指标:", "    产品指标:", 1)
    });
    assert_rejected(&files, ": /年度目标1/指标:");
}

#[test]
fn a_missing_required_key_of_an_indicator_is_rejected() {
    let files = edited_sample("目标1", |text| {
        text.replacen("          分值: 1.00\n", "", 1)
    });
    assert_rejected(&files, ": /年度目标1/指标/产出指标/数量指标/0:");
}

#[test]
fn amounts_may_be_numbers_or_numeric_strings_but_not_formatted_text() {
    let quoted = edited_sample("单位", |text| {
        text.replacen("执行数: 13581.29", "执行数: \"13581.29\"", 1)
    });
    assert_eq!(schema_errors(&quoted), Vec::<String>::new());
    assert!(!jixiao_has_errors(&quoted));
    let commas = edited_sample("单位", |text| {
        text.replacen("执行数: 13581.29", "执行数: 13,581.29", 1)
    });
    assert_rejected(&commas, ": /预算/执行数:");
}

#[test]
fn empty_optional_values_pass_both() {
    let files = edited_sample("目标1", |text| {
        text.replacen(
            "          实际完成值: 82%\n",
            "          实际完成值:\n          说明:\n",
            1,
        )
    });
    assert_eq!(schema_errors(&files), Vec::<String>::new());
    assert!(!jixiao_has_errors(&files));
}

#[test]
fn numbered_goal_keys_are_those_the_loader_accepts() {
    let validator = validator();
    let goal = json!({ "名称": "目标", "分值": 10, "指标": {} });
    for key in ["年度目标1", "年度目标12", "年度目标 3", "年度目标３"] {
        assert!(validator.is_valid(&json!({ key: goal })), "{key}");
    }
    for key in ["年度目标", "年度目标A", "目标1"] {
        assert!(!validator.is_valid(&json!({ key: goal })), "{key}");
    }
}

#[test]
fn nothing_is_required_at_the_top_level() {
    assert!(validator().is_valid(&json!({})));
    assert!(validator().is_valid(&json!({ "摘要": { "自评得分概述": "……" } })));
}

/// A validator for one definition of the schema, say `Amount`.
fn definition_validator(name: &str) -> jsonschema::Validator {
    let schema = schema();
    let wrapper = json!({
        "$schema": schema["$schema"],
        "definitions": schema["definitions"],
        "allOf": [{ "$ref": format!("#/definitions/{name}") }],
    });
    jsonschema::validator_for(&wrapper).expect("definition compiles")
}

static AMOUNT: LazyLock<jsonschema::Validator> = LazyLock::new(|| definition_validator("Amount"));
static PERCENT: LazyLock<jsonschema::Validator> = LazyLock::new(|| definition_validator("Percent"));
static YEAR: LazyLock<jsonschema::Validator> = LazyLock::new(|| definition_validator("Year"));
static DATE: LazyLock<jsonschema::Validator> = LazyLock::new(|| definition_validator("Date"));

/// Whether `validator` accepts `text` as a string.
fn accepts(validator: &jsonschema::Validator, text: &str) -> bool {
    validator.is_valid(&Value::String(text.to_string()))
}

/// Whether the model's type reads `text` written as a YAML string.
fn model_reads<T: serde::de::DeserializeOwned>(text: &str) -> bool {
    serde_json::from_value::<T>(Value::String(text.to_string())).is_ok()
}

#[test]
fn numbers_are_accepted_where_the_yaml_may_have_them() {
    for name in ["Amount", "Text", "Year"] {
        assert!(definition_validator(name).is_valid(&json!(2022)), "{name}");
    }
    // A percentage needs its `%`: `偏差大阈值: 0.3` is an error (0.3 % or 30 %?).
    assert!(!PERCENT.is_valid(&json!(30)));
    assert!(AMOUNT.is_valid(&json!(13581.29)));
    assert!(!DATE.is_valid(&json!(2023)));
}

proptest! {
    #[test]
    fn the_amount_pattern_accepts_what_the_model_reads(text in "[-0-9., +e%]{0,12}") {
        prop_assert_eq!(accepts(&AMOUNT, &text), model_reads::<Amount>(&text));
    }

    #[test]
    fn the_percent_pattern_accepts_what_the_model_reads(text in "[-0-9., %％]{0,12}") {
        prop_assert_eq!(accepts(&PERCENT, &text), model_reads::<Percent>(&text));
    }

    #[test]
    fn the_year_pattern_accepts_what_the_model_reads(text in "[0-9 年]{0,6}") {
        prop_assert_eq!(accepts(&YEAR, &text), model_reads::<Year>(&text));
    }

    /// Every date written `YYYY-M-D` or `YYYY-MM-DD` that the model reads, the schema accepts.
    #[test]
    fn the_date_pattern_accepts_the_dates_the_model_reads(text in " ?[0-9]{4}-[0-9]{1,2}-[0-9]{1,2} ?") {
        prop_assert!(!model_reads::<Date>(&text) || accepts(&DATE, &text), "{}", text);
    }

    /// What the schema accepts, the model reads, but for days the calendar does not have
    /// (2023-02-30): the pattern cannot know them.
    #[test]
    fn the_date_pattern_accepts_no_other_text(text in "[0-9]{3,5}-[0-9]{1,3}-[0-9]{1,3}|[0-9/ 年月日+-]{0,12}") {
        if accepts(&DATE, &text) && !model_reads::<Date>(&text) {
            let day: u32 = text.trim().rsplit('-').next().and_then(|d| d.parse().ok()).unwrap_or(0);
            prop_assert!((29..=31).contains(&day), "{}", text);
        }
    }
}
