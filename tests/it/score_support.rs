//! Helpers for the scoring and checking tests: fixtures under `tests/fixtures/score/`, located
//! messages, decimals built from strings (never from floats).

use std::path::{Path, PathBuf};
use std::str::FromStr;

use jixiao::model::Indicator;
use jixiao::scoring::score::IndicatorScore;
use jixiao::{Diagnostic, Evaluated, Outcome, Severity};
use rust_decimal::Decimal;

/// An exact decimal from its text.
pub fn dec(text: &str) -> Decimal {
    match Decimal::from_str(text) {
        Ok(value) => value,
        Err(error) => panic!("bad decimal in a test: {text}: {error}"),
    }
}

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/score")
}

pub fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/2022-baoxie")
}

/// Loads, checks and scores a fixture, e.g. `rules/rounding.yaml`.
pub fn evaluate(fixture: &str) -> Evaluated {
    let path = fixtures_dir().join(fixture);
    match jixiao::evaluate_path(&path) {
        Ok(evaluated) => evaluated,
        Err(error) => panic!("cannot load {}: {error}", path.display()),
    }
}

/// Loads, checks and scores a report given as YAML text.
pub fn evaluate_text(yaml: &str) -> Evaluated {
    jixiao::evaluate(jixiao::source::load::load_texts(vec![(
        PathBuf::from("report.yaml"),
        yaml.to_string(),
    )]))
}

pub fn outcome(evaluated: &Evaluated) -> &Outcome {
    match &evaluated.outcome {
        Some(outcome) => outcome,
        None => panic!("no report was built:\n{}", rendered(evaluated)),
    }
}

pub fn rendered(evaluated: &Evaluated) -> String {
    evaluated.diagnostics.render(&evaluated.files)
}

/// Fails with every message when the fixture has an error.
pub fn assert_no_errors(evaluated: &Evaluated) {
    assert!(
        !evaluated.diagnostics.has_errors(),
        "unexpected errors:\n{}",
        rendered(evaluated)
    );
}

/// The indicator called `name` (anywhere in the report) and its score.
pub fn indicator<'a>(outcome: &'a Outcome, name: &str) -> (&'a Indicator, &'a IndicatorScore) {
    let found = outcome
        .report
        .goals
        .iter()
        .zip(&outcome.scores.goals)
        .flat_map(|(goal, scores)| goal.indicators().zip(&scores.indicators))
        .find(|(indicator, _)| indicator.name.value == name);
    match found {
        Some(pair) => pair,
        None => panic!("no indicator called {name}"),
    }
}

/// The score of indicator `name`.
pub fn score_of(outcome: &Outcome, name: &str) -> Decimal {
    indicator(outcome, name).1.score
}

/// A message as a user sees its place: the file name, line, column, text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

pub fn located(evaluated: &Evaluated, diagnostic: &Diagnostic) -> Located {
    let (file, line, column) = match diagnostic.span {
        Some(span) => (
            evaluated
                .files
                .path(span.file)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            span.line,
            span.column,
        ),
        None => (String::new(), 0, 0),
    };
    Located {
        severity: diagnostic.severity,
        file,
        line,
        column,
        message: diagnostic.message.clone(),
    }
}

/// The messages whose text contains `needle`.
pub fn messages_with(evaluated: &Evaluated, needle: &str) -> Vec<Located> {
    evaluated
        .diagnostics
        .0
        .iter()
        .filter(|d| d.message.contains(needle))
        .map(|d| located(evaluated, d))
        .collect()
}

/// Asserts there is exactly this message, at this place.
pub fn assert_message(
    evaluated: &Evaluated,
    severity: Severity,
    (file, line, column): (&str, usize, usize),
    message: &str,
) {
    let expected = Located {
        severity,
        file: file.to_string(),
        line,
        column,
        message: message.to_string(),
    };
    let all: Vec<Located> = evaluated
        .diagnostics
        .0
        .iter()
        .map(|d| located(evaluated, d))
        .collect();
    let matching = all.iter().filter(|l| **l == expected).count();
    assert_eq!(
        matching,
        1,
        "expected once: {expected:?}\nall messages:\n{}",
        all.iter()
            .map(|l| format!("{l:?}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Asserts no message contains `needle`.
pub fn assert_no_message(evaluated: &Evaluated, needle: &str) {
    let found = messages_with(evaluated, needle);
    assert!(found.is_empty(), "unexpected messages: {found:?}");
}

/// The 1-based line of the first line of `fixture` containing `needle`, for readable tests.
pub fn line_of(fixture: &str, needle: &str) -> usize {
    let path = fixtures_dir().join(fixture);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    match text.lines().position(|line| line.contains(needle)) {
        Some(index) => index + 1,
        None => panic!("{needle} not in {}", path.display()),
    }
}
