//! Whatever the input, `check` ends with a bounded message and exit 0, 1 or 2: never a panic.
//! Arbitrary bytes, arbitrary YAML shapes, and the sample with any value replaced by a hostile
//! one.

use std::path::PathBuf;

use proptest::prelude::*;

use crate::pdf_support::*;

/// The most a single message may take on the terminal, however long the input's lines.
const MESSAGE_BYTES: usize = 6000;

/// Values a clerk or an attacker might write where a value goes.
const HOSTILE_SCALARS: &[&str] = &[
    "",
    "''",
    "~",
    ".nan",
    "-.inf",
    "0",
    "-0.00",
    "0.001",
    "1e400",
    "9999999999999999999999999999",
    "0.0000000000000000000000000001",
    "≤0.0000000000000000000000000001",
    "≥99999999999999999.999999",
    "99999999999999999.999999",
    "0.000001",
    "'>=80%'",
    "两点五",
    "\"\\u2028\"",
    "\"\\0\"",
    "\"\\t\"",
    "😀",
    "&a [*a, *a]",
    "!!binary aGVsbG8=",
    "{a: 1}",
    "[1, 2]",
    "\"#read(\\\"/etc/passwd\\\")\"",
    "0000",
    "2023-02-30",
    "9999-12-31",
];

const KEYS: &[&str] = &[
    "单位名称",
    "年度",
    "提交时间",
    "预算",
    "分值",
    "调整后预算数",
    "执行数",
    "年度目标",
    "年度目标1",
    "名称",
    "指标",
    "产出指标",
    "数量指标",
    "三级指标",
    "年初目标值",
    "实际完成值",
    "得分",
    "完成档次",
    "摘要",
    "自评表",
    "设置",
    "偏差大阈值",
    "x",
    "",
];

/// Every problem in the output of one evaluation, rendered as the terminal shows it.
fn rendered(text: String) -> Vec<String> {
    let loaded = jixiao::source::load::load_texts(vec![(PathBuf::from("f.yaml"), text)]);
    let evaluated = jixiao::evaluate(loaded);
    evaluated
        .diagnostics
        .0
        .iter()
        .map(|d| d.render(&evaluated.files))
        .collect()
}

fn assert_bounded(messages: &[String]) -> Result<(), TestCaseError> {
    for message in messages {
        prop_assert!(
            message.len() <= MESSAGE_BYTES,
            "{} bytes:\n{message}",
            message.len()
        );
        prop_assert!(!message.contains("panicked"));
    }
    Ok(())
}

/// A YAML document of nested mappings, lists and scalars, keys from the report's vocabulary.
fn yaml_shape() -> impl Strategy<Value = String> {
    let scalar = prop_oneof![
        prop::sample::select(HOSTILE_SCALARS).prop_map(str::to_string),
        "[a-z0-9≥%.]{0,12}",
    ];
    let leaf = scalar.prop_map(|s| format!(" {s}\n"));
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec((prop::sample::select(KEYS), inner.clone()), 1..5).prop_map(
                |entries| {
                    let mut out = String::from("\n");
                    for (key, value) in entries {
                        out.push_str(&format!("{key}:{}", indent(&value)));
                    }
                    out
                }
            ),
            prop::collection::vec(inner, 1..4).prop_map(|items| {
                let mut out = String::from("\n");
                for item in items {
                    out.push_str(&format!("-{}", indent(&item)));
                }
                out
            }),
        ]
    })
}

/// A nested value's lines indented under its key (a scalar stays on the key's line).
fn indent(value: &str) -> String {
    if !value.starts_with('\n') {
        return value.to_string();
    }
    let mut out = String::from("\n");
    for line in value.lines().skip(1) {
        out.push_str("  ");
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The sample's files merged into one text.
fn sample_text() -> String {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(SAMPLE)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    texts.join("\n")
}

/// The sample with the value of line `line` (modulo the line count) replaced by `value`.
fn sample_with(line: usize, value: &str) -> String {
    let text = sample_text();
    let lines: Vec<&str> = text.lines().collect();
    let at = line % lines.len();
    let mut out = String::new();
    for (number, original) in lines.iter().enumerate() {
        if number == at
            && let Some((key, _)) = original.split_once(": ")
        {
            out.push_str(&format!("{key}: {value}\n"));
            continue;
        }
        out.push_str(original);
        out.push('\n');
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        assert_bounded(&rendered(String::from_utf8_lossy(&bytes).into_owned()))?;
    }

    #[test]
    fn arbitrary_yaml_shapes_never_panic(shape in yaml_shape()) {
        assert_bounded(&rendered(shape))?;
    }

    #[test]
    fn any_value_of_the_sample_replaced_never_panics(
        line in 0usize..2000,
        value in prop::sample::select(HOSTILE_SCALARS),
    ) {
        assert_bounded(&rendered(sample_with(line, value)))?;
    }

    #[test]
    fn a_huge_line_gives_a_short_message(length in 10_000usize..200_000) {
        let text = format!("单位名称: [{}\n", "长".repeat(length));
        let messages = rendered(text);
        prop_assert!(!messages.is_empty());
        assert_bounded(&messages)?;
    }
}

proptest! {
    // Each case runs the binary: fewer of them.
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_check_command_exits_0_to_2_with_a_bounded_message(
        shape in yaml_shape(),
        line in 0usize..2000,
        value in prop::sample::select(HOSTILE_SCALARS),
        bytes in prop::collection::vec(any::<u8>(), 0..200),
    ) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), shape).unwrap();
        std::fs::write(dir.path().join("b.yaml"), sample_with(line, value)).unwrap();
        std::fs::write(dir.path().join("c.yaml"), bytes).unwrap();
        for file in ["a.yaml", "b.yaml", "c.yaml"] {
            let output = jixiao(&["check", dir.path().join(file).to_str().unwrap()]);
            let code = output.status.code();
            prop_assert!(matches!(code, Some(0..=2)), "{file}: exit {code:?}\n{}", stderr(&output));
            prop_assert!(output.stderr.len() <= 20 * MESSAGE_BYTES, "{} bytes", output.stderr.len());
        }
    }
}
