//! Every character the report will print must have a glyph in the fonts of its style: a
//! character no font has is an error at its place in the sources, never tofu in the PDF.

use std::collections::BTreeSet;

use crate::diagnostic::{Diagnostic, SourceFiles, Span};
use crate::located::At;
use crate::model::{Indicator, Report};
use crate::typeset::{FontRole, Typesetter};

/// One located message per character that no font of its style can print.
pub fn check_glyphs(
    report: &Report,
    form_texts: Vec<(FontRole, Written<'_>)>,
    files: &SourceFiles,
    typesetter: &Typesetter,
) -> Vec<Diagnostic> {
    let texts = printed_texts(report, form_texts);
    let mut diagnostics = Vec::new();
    for role in FontRole::ALL {
        let in_role = || {
            texts
                .iter()
                .filter(move |(r, _)| *r == role)
                .map(|(_, t)| t)
        };
        // Ask the fonts once per distinct character, then find where the missing ones are.
        let distinct: BTreeSet<char> = in_role().flat_map(|t| t.text.chars()).collect();
        let missing = typesetter.missing_glyphs(role, &distinct.into_iter().collect::<String>());
        if missing.is_empty() {
            continue;
        }
        for text in in_role() {
            let mut reported = BTreeSet::new();
            for c in text.text.chars().filter(|c| missing.contains(c)) {
                if reported.insert(c) {
                    diagnostics.push(missing_glyph(c, role, text.span, files));
                }
            }
        }
    }
    diagnostics
}

/// One located message per control character in a printed text: only the newline is allowed.
/// A tab, U+2028/U+2029 or a bidirectional override would split paragraphs or reorder the
/// printed text, and none of them can be seen in an editor.
pub fn check_characters(
    report: &Report,
    form_texts: Vec<(FontRole, Written<'_>)>,
    files: &SourceFiles,
) -> Vec<Diagnostic> {
    let mut seen = BTreeSet::new();
    let mut diagnostics = Vec::new();
    for (_, text) in printed_texts(report, form_texts) {
        if !seen.insert((text.span.file, text.span.start)) {
            continue;
        }
        let mut reported = BTreeSet::new();
        for c in text.text.chars().filter(|c| is_forbidden_control(*c)) {
            if reported.insert(c) {
                diagnostics.push(control_character(c, text.span, files));
            }
        }
    }
    diagnostics
}

fn is_forbidden_control(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn control_character(c: char, at: Span, files: &SourceFiles) -> Diagnostic {
    let (name, help) = match c {
        '\t' => ("制表符（Tab）", "改用空格，或删去"),
        '\r' => ("回车符", "删去；换行只用普通的换行"),
        '\u{2028}' => ("行分隔符", "改为普通的换行（分段时空一行），或删去"),
        '\u{2029}' => ("段分隔符", "改为空一行分段，或删去"),
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
            ("文字方向控制符", "删去：它会打乱打印出的文字顺序")
        }
        _ => (
            "控制字符",
            "删去：它通常是从别处复制时带进来的，编辑器里看不见",
        ),
    };
    Diagnostic::error(format!("文字中有不可见的{name}（U+{:04X}）", c as u32))
        .at(span_of_char(c, at, files))
        .help(help)
}

/// A text as written in the sources.
#[derive(Clone, Copy)]
pub struct Written<'a> {
    text: &'a str,
    span: Span,
}

impl<'a, T: std::ops::Deref<Target = str>> From<&'a At<T>> for Written<'a> {
    fn from(value: &'a At<T>) -> Self {
        Written {
            text: &value.value,
            span: value.span,
        }
    }
}

/// The user's texts and the style they print in: titles in 宋体, all else in 仿宋 (the body and
/// the annex table). The form's own texts follow the unit's name.
fn printed_texts<'a>(
    report: &'a Report,
    form_texts: Vec<(FontRole, Written<'a>)>,
) -> Vec<(FontRole, Written<'a>)> {
    let name = Written::from(&report.unit_name);
    let mut texts = vec![(FontRole::Song, name), (FontRole::Fang, name)];
    texts.extend(form_texts);
    for goal in &report.goals {
        texts.push((FontRole::Fang, (&goal.name).into()));
        for (level1, level2, indicator) in goal.rows() {
            texts.push((FontRole::Fang, level1.into()));
            texts.push((FontRole::Fang, level2.into()));
            texts.extend(
                indicator_texts(indicator)
                    .into_iter()
                    .map(|t| (FontRole::Fang, t)),
            );
        }
    }
    let annex = &report.annex;
    texts.extend(in_fang([
        &annex.deviation_analysis,
        &annex.improvement_plan,
    ]));
    texts
}

/// The texts given, each printed in the body's 仿宋.
pub fn in_fang<'a>(
    texts: impl IntoIterator<Item = &'a Option<At<String>>>,
) -> impl Iterator<Item = (FontRole, Written<'a>)> {
    texts
        .into_iter()
        .flatten()
        .map(|text| (FontRole::Fang, text.into()))
}

fn indicator_texts(indicator: &Indicator) -> Vec<Written<'_>> {
    let mut texts = vec![
        Written::from(&indicator.name),
        Written::from(&indicator.target),
    ];
    texts.extend(indicator.actual.as_ref().map(Written::from));
    texts.extend(indicator.explanation.as_ref().map(Written::from));
    texts
}

fn missing_glyph(c: char, role: FontRole, at: Span, files: &SourceFiles) -> Diagnostic {
    Diagnostic::error(format!(
        "字符「{c}」（U+{:04X}）在{}及其后备字体中都没有字形，无法印出",
        c as u32,
        role.name_zh()
    ))
    .at(span_of_char(c, at, files))
    .help(match same_comparator(c) {
        Some(common) => format!(
            "「{c}」与「{common}」意思相同：换成「{common}」，计分不变；若确需此字，用 --font-path 指定含有此字的字体所在文件夹"
        ),
        None => "换用常用字或近似的写法；若确需此字，用 --font-path 指定含有此字的字体所在文件夹".to_string(),
    })
}

/// The common comparator a variant glyph (`⩾`, `﹥`) is read as, when it is one.
fn same_comparator(c: char) -> Option<char> {
    let read = crate::model::value::normalize(c.encode_utf8(&mut [0; 4]));
    let mut chars = read.chars();
    match (chars.next(), chars.next()) {
        (Some(common @ ('≥' | '≤' | '>' | '<' | '=')), None) if common != c => Some(common),
        _ => None,
    }
}

/// The place of the first `c` at or after `at` in its file.
fn span_of_char(c: char, at: Span, files: &SourceFiles) -> Span {
    let source = files.text(at.file);
    let from = at.start.min(source.len());
    let Some(offset) = source.get(from..).and_then(|rest| rest.find(c)) else {
        return at;
    };
    let start = from + offset;
    let before = &source[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Span {
        file: at.file,
        line,
        column: source[line_start..start].chars().count() + 1,
        start,
        len: c.len_utf8(),
    }
}
