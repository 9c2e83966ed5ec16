//! Next year's sources from this year's: the unit, settings, budget weight, goals and indicators
//! (targets, weights, 方向) carried over; actual values, scores, explanations, budget amounts and
//! the texts cleared, with a commented hint on each cleared slot. Which sections each file gets
//! and how a form's own keys are written is the form's ([`crate::form::next_year`]); the keys
//! of every form are written here.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::FileId;
use crate::form::keys::TopKey;
use crate::form::next_year::{Next, NextYear, Section};
use crate::model::{Breakdown, Report, ReverseRule, YEARS};
use crate::source::load::{Loaded, load_path};
use crate::yaml_text::YamlText;

use super::{NewError, NewFile, Plan};

/// The plan of next year's report from the report at `src`.
pub fn plan(src: &Path, year: Option<u16>) -> Result<Plan, NewError> {
    let loaded = load_path(src).map_err(|error| NewError::Usage(error.to_string()))?;
    let report = loadable(&loaded)?;
    let year = match year {
        Some(year) => year,
        None => following_year(report.year.value)?,
    };
    let rules = report.own.form().next_year();
    let homes = if src.is_dir() {
        folder_homes(&loaded, report, rules)
    } else {
        rules.files(report)
    };
    let writer = Writer {
        next: Next { report, year },
        rules,
        form_written: homes
            .iter()
            .any(|(_, sections)| sections.contains(&Section::Key(TopKey::Form))),
    };
    let files = homes
        .into_iter()
        .map(|(name, sections)| NewFile {
            name,
            text: writer.file_text(&sections),
        })
        .collect();
    Ok(Plan {
        files,
        year,
        form: report.form,
        goals: (report.breakdown == Breakdown::Goals).then_some(report.goals.len()),
        indicators: report.indicators().count(),
    })
}

/// The report, when it could be read without errors of loading.
fn loadable(loaded: &Loaded) -> Result<&Report, NewError> {
    match &loaded.report {
        Some(report) if !loaded.diagnostics.has_errors() => Ok(report),
        _ => Err(NewError::SourceErrors(
            loaded.diagnostics.render(&loaded.files),
        )),
    }
}

/// The year after `year`, when `check` accepts it as a report's year.
fn following_year(year: u16) -> Result<u16, NewError> {
    year.checked_add(1)
        .filter(|next| YEARS.contains(next))
        .ok_or_else(|| {
            NewError::Usage(format!(
                "上年度报告的年度是 {year}，下一年不在 {} 到 {} 之间：请用 --year 指定新报告的年度",
                YEARS.start(),
                YEARS.end()
            ))
        })
}

/// The sections of each file, for a folder source: the same file names, the same split, the
/// same order; texts the source did not have go to the file of 单位名称.
fn folder_homes(
    loaded: &Loaded,
    report: &Report,
    rules: &dyn NextYear,
) -> Vec<(String, Vec<Section>)> {
    let unit_file = report.unit_name.span.file;
    let mut by_file: BTreeMap<FileId, Vec<(usize, Section)>> = BTreeMap::new();
    for (place, section) in rules.sections(report) {
        let (file, start) = place.unwrap_or((unit_file, usize::MAX));
        by_file.entry(file).or_default().push((start, section));
    }
    by_file
        .into_iter()
        .map(|(file, mut sections)| {
            sections.sort_by_key(|(start, _)| *start);
            let name = loaded
                .files
                .path(file)
                .file_name()
                .map_or_else(|| format!("{file}.yaml"), |n| n.to_string_lossy().into());
            (name, sections.into_iter().map(|(_, s)| s).collect())
        })
        .collect()
}

/// Writes the sections of next year's report: the keys of every form here, the rest by the form.
struct Writer<'a> {
    next: Next<'a>,
    rules: &'a dyn NextYear,
    /// Whether the new report writes `表样`, which then carries the note on where it came from.
    form_written: bool,
}

impl Writer<'_> {
    fn file_text(&self, sections: &[Section]) -> String {
        let mut yaml = YamlText::new();
        let mut previous: Option<Section> = None;
        for &section in sections {
            if previous.is_some_and(|p| !(p.is_unit_line() && section.is_unit_line())) {
                yaml.blank();
            }
            self.section(&mut yaml, section);
            previous = Some(section);
        }
        yaml.finish()
    }

    fn section(&self, yaml: &mut YamlText, section: Section) {
        let report = self.next.report;
        match section {
            Section::Key(TopKey::Form) => {
                yaml.comment(0, &self.origin_note());
                yaml.text(0, TopKey::Form.key(), report.form.name());
            }
            Section::Key(TopKey::UnitName) => {
                if !self.form_written {
                    yaml.comment(0, &self.origin_note());
                }
                yaml.text(0, TopKey::UnitName.key(), &report.unit_name.value);
            }
            Section::Key(TopKey::Year) => {
                yaml.raw(0, TopKey::Year.key(), &self.next.year.to_string(), None)
            }
            Section::Key(TopKey::Submitted) => yaml.raw(
                0,
                TopKey::Submitted.key(),
                &format!("{}-06-30", u32::from(self.next.year) + 1),
                Some("占位日期：改为实际提交的日期"),
            ),
            Section::Key(TopKey::Settings) => settings(yaml, report),
            _ => self.rules.write(&self.next, yaml, section),
        }
    }

    fn origin_note(&self) -> String {
        format!(
            "{} 年度的报告，由 {} 年度的报告生成：单位、目标和指标（目标值、分值、方向）沿用上年；\n\
             实际完成值、得分、说明、预算金额和各段文字已清空，待填写（见各处的注释）",
            self.next.year,
            self.next.last_year()
        )
    }
}

fn settings(yaml: &mut YamlText, report: &Report) {
    let settings = &report.settings;
    yaml.open(0, TopKey::Settings.key());
    if let Some(name) = &settings.rule_set {
        yaml.text(2, "计分规则", name.value.name_zh());
    }
    if let Some(rule) = &settings.reverse_rule {
        let name = match rule.value {
            ReverseRule::Ratio => "比值法",
            ReverseRule::Linear => "线性扣减法",
        };
        yaml.text(2, "反向指标计分", name);
    }
    if let Some(threshold) = &settings.deviation_threshold {
        yaml.text(2, "偏差大阈值", &format!("{}%", threshold.value.0));
    }
    let ranges = [
        ("达成区间", &settings.reached_range),
        ("部分达成区间", &settings.partly_range),
        ("未达成区间", &settings.missed_range),
    ];
    for (key, range) in ranges {
        if let Some(range) = range {
            let text = format!("{}%-{}%", range.value.low, range.value.high);
            yaml.text(2, key, &text);
        }
    }
    if let Some(weight) = &settings.budget_weight {
        yaml.raw(2, "预算执行分值", &weight.value.0.to_string(), None);
    }
}
