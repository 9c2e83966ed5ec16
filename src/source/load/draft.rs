//! The top-level entries of all files put together into a report of its form.

use super::Entry;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFiles, Span};
use crate::form::{self, FormKind, OwnDraft, TopKey};
use crate::located::At;
use crate::model::{AnnexTexts, Date, Report, Settings};

/// Every top-level value read, before the report is put together.
#[derive(Default)]
pub(super) struct Draft {
    /// Each key with where it was written, in order.
    written: Vec<(TopKey, Span)>,
    form: Option<At<FormKind>>,
    unit_name: Option<At<String>>,
    year: Option<At<u16>>,
    submitted: Option<At<Date>>,
    settings: Option<Settings>,
    annex: Option<AnnexTexts>,
    own: OwnDraft,
}

impl Draft {
    pub(super) fn take(&mut self, key: Span, entry: Entry) {
        if !self
            .written
            .iter()
            .any(|(written, _)| *written == entry.key())
        {
            self.written.push((entry.key(), key));
        }
        match entry {
            Entry::Form(v) => self.form = Some(v),
            Entry::UnitName(v) => self.unit_name = Some(v),
            Entry::Year(v) => self.year = Some(v),
            Entry::Submitted(v) => self.submitted = Some(v),
            Entry::Settings(v) => self.settings = Some(v),
            Entry::Annex(v) => self.annex = Some(v),
            Entry::Own(entry) => self.own.take(key, entry),
        }
    }

    fn has(&self, key: TopKey) -> bool {
        self.written.iter().any(|(written, _)| *written == key)
    }

    pub(super) fn finish(
        self,
        files: &SourceFiles,
        diagnostics: &mut Diagnostics,
    ) -> Option<Report> {
        let form = self.form.as_ref().map(|f| f.value).unwrap_or_default();
        let anchor = first_line(files);
        let before = diagnostics.0.len();
        for (key, span) in &self.written {
            if !form.allows(*key) {
                diagnostics.push(other_forms_key(*key, *span, form, self.form.is_some()));
            }
        }
        // Keys of another form mean the form is not the one meant: what it lacks is no news.
        let mixed = diagnostics.0.len() > before;
        for key in form.required().iter().filter(|_| !mixed) {
            if !self.has(*key) && !self.own.written_otherwise(*key) {
                diagnostics.push(missing(*key, form).at(anchor));
            }
        }
        if diagnostics.0.len() > before {
            return None;
        }
        let mut settings = self.settings.unwrap_or_default();
        let form_at = self.form.as_ref().map(|f| f.span);
        let finished = self
            .own
            .finish(form, form_at, &mut settings, anchor, diagnostics)?;
        Some(Report {
            form,
            unit_name: self.unit_name?,
            year: self.year?,
            submitted: self.submitted?,
            settings,
            budget: finished.budget,
            goals: finished.goals,
            breakdown: finished.breakdown,
            annex: self.annex.unwrap_or_default(),
            own: finished.own,
        })
    }
}

/// A key of another form: which forms it belongs to, and what this form writes instead.
fn other_forms_key(key: TopKey, span: Span, form: FormKind, form_written: bool) -> Diagnostic {
    let owners = form::key_forms(key).unwrap_or(&[]);
    let message = format!(
        "「{}」是{}的键，本报告的表样是{}",
        key.key(),
        form::names(owners),
        form.name()
    );
    let instead = form::instead(form, key);
    let change = match (form_written, owners.first()) {
        (false, Some(owner)) => format!("要用{}，在顶层写「表样: {}」", owner.name(), owner.name()),
        _ => format!("不是{}就删去这一项，或改正「表样」", form.name()),
    };
    Diagnostic::error(message)
        .at(span)
        .help(format!("{instead}{change}"))
}

/// A required key not written in any file.
fn missing(key: TopKey, form: FormKind) -> Diagnostic {
    let name = key.key();
    let help = match key {
        TopKey::UnitName => format!(
            "在报告的任一文件顶层加上一行，如「{name}: 武汉东湖新技术开发区豹澥街道办事处」"
        ),
        TopKey::Year => format!("在报告的任一文件顶层加上一行，如「{name}: 2022」"),
        TopKey::Submitted => format!("在报告的任一文件顶层加上一行，如「{name}: 2023-06-10」"),
        _ => form::missing_help(form, key).unwrap_or_else(|| format!("在顶层加上「{name}: …」")),
    };
    Diagnostic::error(format!("缺少「{name}」")).help(help)
}

/// The first line of the first file that is not blank or a comment: where a missing
/// top-level key is reported.
fn first_line(files: &SourceFiles) -> Span {
    let text = files.iter().next().map_or("", |(_, _, text)| text);
    let mut start = 0;
    for (number, line) in (1..).zip(text.split_inclusive('\n')) {
        let content = line.trim();
        if !content.is_empty() && !content.starts_with('#') {
            return Span {
                file: 0,
                line: number,
                column: 1,
                start,
                len: line.trim_end().len(),
            };
        }
        start += line.len();
    }
    Span {
        file: 0,
        line: 1,
        column: 1,
        start: 0,
        len: 0,
    }
}
