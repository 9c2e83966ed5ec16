//! Issue 23, classes 4, 5 and 9: targets with every comparator glyph and word a published
//! table uses, compound units (`元/人·月`), and 提交时间 / 填报日期 inside the evaluated year.
//! Each fixture under `tests/fixtures/variants/` is checked, scored, built and taken through
//! Excel and back as a user would.

use std::path::{Path, PathBuf};

use crate::cli_support::{indicator, jixiao, score_json, stderr, stdout};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/variants")
        .join(path)
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let output = jixiao(args);
    (output.status.code(), stdout(&output), stderr(&output))
}

fn check(path: &Path) -> (Option<i32>, String) {
    let (code, out, err) = run(&["check", path.to_str().unwrap()]);
    (code, format!("{out}{err}"))
}

fn text(value: &serde_json::Value) -> String {
    value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_string)
}

/// The score of the indicator named `name` in the score JSON.
fn score_of(json: &serde_json::Value, name: &str) -> String {
    text(&indicator(json, name)["score"])
}

fn pdf_text(path: &Path, dir: &Path) -> String {
    let pdf = dir.join("out.pdf");
    let (code, _, err) = run(&["build", path.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    crate::pdf_support::pdf_text(&pdf)
}

/// `export` then `import` gives back sources with the same score JSON.
fn round_trip(path: &Path, dir: &Path) {
    let book = dir.join("book.xlsx");
    let back = dir.join("back");
    let (code, _, err) = run(&[
        "export",
        path.to_str().unwrap(),
        "-o",
        book.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = run(&[
        "import",
        book.to_str().unwrap(),
        "-o",
        back.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{err}");
    let strip = |mut json: serde_json::Value| {
        if let Some(map) = json.as_object_mut() {
            map.remove("source");
            map.remove("sources");
        }
        json
    };
    assert_eq!(strip(score_json(&back)), strip(score_json(path)));
}

/// Every glyph and word of class 4, each as the fixture's indicator that uses it: (name, as
/// written, score, 反向).
const COMPARATORS: &[(&str, &str, &str, bool)] = &[
    ("全角大于", "＞90％", "3.00", false),
    ("全角小于", "＜5起", "3.00", true),
    ("全角等于", "＝100％", "3.00", false),
    ("变体大于等于", "≧95%", "2.84", false),
    ("变体小于等于", "≦10人次", "3.00", true),
    ("双线等于", "═100%", "3.00", false),
    ("小等号", "﹦1次", "3.00", false),
    ("小大于号", "﹥90%", "3.00", false),
    ("小小于号", "﹤5%", "3.00", true),
    ("半角大于等于", ">=98%", "3.00", false),
    ("半角小于等于", "<=2次", "3.00", true),
    ("不低于", "不低于95%", "3.00", false),
    ("不少于", "不少于30个", "3.00", false),
    ("不高于", "不高于5%", "3.00", true),
    ("不超过", "不超过10万元", "2.50", true),
    ("以上", "95%以上", "3.00", false),
    ("以下", "10人次以下", "3.00", true),
    ("以内", "3天以内", "3.00", true),
    ("小于等于", "小于等于2%", "3.00", true),
    ("大于等于", "大于等于90%", "3.00", false),
    ("达到", "达到100%", "3.00", false),
    ("全角数字", "９５％", "3.00", false),
    ("不小于号", "≮80%", "3.00", false),
    ("不大于号", "≯3天", "2.25", true),
];

#[test]
fn every_comparator_glyph_and_word_checks_and_scores_exactly() {
    let path = fixture("comparators/自评表.yaml");
    let (code, said) = check(&path);
    assert_eq!(code, Some(0), "{said}");
    for refused in ["定性指标", "完成档次", "不是认得的比较符", "单位「"] {
        assert!(!said.contains(refused), "{refused} in:\n{said}");
    }
    let json = score_json(&path);
    // 28 + 21 × 3 + 3 × 90/95 (2.84) + 3 × 3/4 (2.25) + 3 × 10/12 (2.50).
    assert_eq!(text(&json["total"]), "98.59", "{json}");
    for (name, written, score, lower) in COMPARATORS {
        let row = indicator(&json, name);
        assert_eq!(text(&row["target"]), *written);
        assert_eq!(score_of(&json, name), *score, "{name}: {row}");
        let kind = text(&row["rule_kind"]);
        assert_eq!(kind != "higher", *lower, "{name}: {row}");
    }
}

#[test]
fn every_comparator_glyph_prints_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture("comparators/自评表.yaml");
    let printed = crate::pdf_support::squeezed(&pdf_text(&path, dir.path()));
    for (_, written, _, _) in COMPARATORS {
        assert!(printed.contains(written), "{written} not in:\n{printed}");
    }
    round_trip(&path, dir.path());
}

/// `⩾ ⩽` are read as `≥ ≤`, but the fonts shipped have no glyph for them: check says so at
/// the character with the common sign to write, and the rules score them all the same.
#[test]
fn comparators_the_fonts_cannot_print_say_the_common_sign() {
    let path = fixture("comparators/no_glyph.yaml");
    let (code, said) = check(&path);
    assert_eq!(code, Some(1), "{said}");
    assert!(
        said.contains("「⩾」与「≥」意思相同：换成「≥」，计分不变"),
        "{said}"
    );
    assert!(
        said.contains("「⩽」与「≤」意思相同：换成「≤」，计分不变"),
        "{said}"
    );
    assert!(said.contains("no_glyph.yaml:16:20"), "{said}");
    assert!(!said.contains("定性指标"), "{said}");
    let (code, out, err) = run(&["score", path.to_str().unwrap(), "--format", "json"]);
    if code == Some(0) {
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        // 97 + 1.5 + 1.5 × 3/4 (1.125 → 1.13).
        assert_eq!(text(&json["total"]), "99.63", "{json}");
    } else {
        assert!(err.contains("⩾"), "{err}");
    }
}

#[test]
fn an_unknown_comparator_says_which_character_and_how_to_write_it() {
    let (code, said) = check(&fixture("comparators/unknown.yaml"));
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("「≒」（U+2252）不是认得的比较符"), "{said}");
    assert!(said.contains("如「≥95%」或「≤95%」"), "{said}");
    assert!(said.contains("unknown.yaml:16:20"), "{said}");
    assert!(
        said.contains("「不下于95%」开头的「不下于」不是认得的比较词"),
        "{said}"
    );
    assert!(said.contains("如「不低于95%」"), "{said}");
    assert!(said.contains("unknown.yaml:20:20"), "{said}");
    assert!(!said.contains("定性指标"), "{said}");
}

/// Class 5: (name, target as written, score).
const UNITS: &[(&str, &str, &str)] = &[
    ("人均补贴", "≥300元/人·月", "3.00"),
    ("人均费用", "≤1200元/人*月", "3.00"),
    ("每公里造价", "≤50万元/公里", "2.73"),
    ("年服务人次", "≥2000人次/年", "2.70"),
    ("绿化面积", "≥5000平方米", "3.00"),
    ("混写的间隔号", "≥300元/人·月", "3.00"),
];

#[test]
fn compound_units_check_score_print_and_come_back() {
    let path = fixture("units/自评表.yaml");
    let (code, said) = check(&path);
    assert_eq!(code, Some(0), "{said}");
    for refused in ["定性指标", "完成档次", "不是单位", "单位「"] {
        assert!(!said.contains(refused), "{refused} in:\n{said}");
    }
    let json = score_json(&path);
    // 82 + 4 × 3 + 3 × 50/55 (2.73) + 3 × 1800/2000 (2.70).
    assert_eq!(text(&json["total"]), "99.43", "{json}");
    for (name, written, score) in UNITS {
        assert_eq!(text(&indicator(&json, name)["target"]), *written);
        assert_eq!(score_of(&json, name), *score, "{name}");
    }
    let dir = tempfile::tempdir().unwrap();
    let printed = crate::pdf_support::squeezed(&pdf_text(&path, dir.path()));
    for (_, written, _) in UNITS {
        assert!(printed.contains(written), "{written} not in:\n{printed}");
    }
    assert!(printed.contains("310元/人*月"), "{printed}");
    round_trip(&path, dir.path());
}

#[test]
fn a_submission_at_the_years_end_is_a_warning() {
    let path = fixture("dates/year_end.yaml");
    let (code, said) = check(&path);
    assert_eq!(code, Some(0), "{said}");
    assert!(
        said.contains("提交时间 2022-12-30 在被评价的 2022 年度之内，早于年度结束"),
        "{said}"
    );
    assert!(said.contains("这不常见但允许"), "{said}");
    assert!(said.contains("year_end.yaml:4:7"), "{said}");
    assert_eq!(text(&score_json(&path)["total"]), "100.00");
    let dir = tempfile::tempdir().unwrap();
    let printed = crate::pdf_support::squeezed(&pdf_text(&path, dir.path()));
    assert!(printed.contains("2022年12月30日"), "{printed}");
    round_trip(&path, dir.path());
}

#[test]
fn a_filled_on_date_at_the_years_end_is_a_warning() {
    let path = fixture("dates/filled_on.yaml");
    let (code, said) = check(&path);
    assert_eq!(code, Some(0), "{said}");
    assert!(
        said.contains("填报日期 2022-12-30 在被评价的 2022 年度之内"),
        "{said}"
    );
    assert!(!said.contains("提交时间 2023-01-05"), "{said}");
    let dir = tempfile::tempdir().unwrap();
    let printed = crate::pdf_support::squeezed(&pdf_text(&path, dir.path()));
    assert!(printed.contains("2022年12月30日"), "{printed}");
}

#[test]
fn a_submission_before_the_year_stays_an_error() {
    let (code, said) = check(&fixture("dates/before_year.yaml"));
    assert_eq!(code, Some(1), "{said}");
    assert!(
        said.contains("提交时间 2021-12-30 在被评价的 2022 年度开始之前"),
        "{said}"
    );
    assert!(said.contains("before_year.yaml:4:7"), "{said}");
}
