//! What each form's rules for next year's report (`jixiao new --from`) are written in: the
//! sections of the new report and where this year's source wrote them, and the writers every
//! form uses (texts cleared to hints, the indicator tree with its targets and weights kept,
//! the sign-off under the table carried over).

use crate::diagnostic::{FileId, Span};
use crate::form::keys::TopKey;
use crate::located::At;
use crate::model::{Direction, Goal, Indicator, Report};
use crate::yaml_text::YamlText;

/// One top-level part of the report, written together in one file: a top-level key, or one
/// goal (written as `年度目标{index + 1}`; `TopKey::Goals`, the list form, is never written).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Key(TopKey),
    Goal(usize),
}

impl Section {
    /// The one-line top-level keys, written without blank lines between them.
    pub fn is_unit_line(self) -> bool {
        matches!(
            self,
            Section::Key(TopKey::Form)
                | Section::Key(TopKey::UnitName)
                | Section::Key(TopKey::ProjectName)
                | Section::Key(TopKey::Department)
                | Section::Key(TopKey::Implementer)
                | Section::Key(TopKey::ShortName)
                | Section::Key(TopKey::Region)
                | Section::Key(TopKey::Year)
                | Section::Key(TopKey::Submitted)
                | Section::Key(TopKey::Title)
        )
    }
}

/// Where a section was written: file and byte offset (None: nowhere, so in the file of
/// 单位名称).
pub type Place = Option<(FileId, usize)>;

pub fn place(span: Span) -> Place {
    Some((span.file, span.start))
}

/// The sections present, in the order given.
pub fn present(placed: Vec<(Place, Section)>) -> Vec<Section> {
    placed.into_iter().map(|(_, section)| section).collect()
}

/// A form's rules for next year's report: which sections it has, how a single-file source is
/// split into files, and how the sections that are not keys of every form are written.
pub trait NextYear {
    /// The sections of next year's report, each with where this year's source wrote it.
    fn sections(&self, report: &Report) -> Vec<(Place, Section)>;

    /// The files next year's report of a single-file source is split into, with their
    /// sections.
    fn files(&self, report: &Report) -> Vec<(String, Vec<Section>)>;

    /// Writes a section that is not a key of every form, or 自评表.
    fn write(&self, next: &Next<'_>, yaml: &mut YamlText, section: Section);
}

/// Next year's report as a form writes its sections: this year's report and the new year.
pub struct Next<'a> {
    pub report: &'a Report,
    pub year: u16,
}

impl Next<'_> {
    /// The year of the source report.
    pub fn last_year(&self) -> u16 {
        self.report.year.value
    }

    /// What an amount carried over as a placeholder says.
    pub fn placeholder(&self) -> String {
        format!(
            "{} 年的数字，仅作占位：改为 {} 年的",
            self.last_year(),
            self.year
        )
    }
}

/// Where the first of the settings is written, when any is.
pub fn settings_span(report: &Report) -> Option<Span> {
    let settings = &report.settings;
    [
        settings.rule_set.as_ref().map(|v| v.span),
        settings.reverse_rule.as_ref().map(|v| v.span),
        settings.deviation_threshold.as_ref().map(|v| v.span),
        settings.reached_range.as_ref().map(|v| v.span),
        settings.partly_range.as_ref().map(|v| v.span),
        settings.missed_range.as_ref().map(|v| v.span),
        settings.budget_weight.as_ref().map(|v| v.span),
    ]
    .into_iter()
    .flatten()
    .min_by_key(|span| (span.file, span.line, span.column))
}

/// Where the sign-off block under the table is written, when it is.
pub fn sign_off_span(report: &Report) -> Option<Span> {
    let texts = &report.annex;
    [
        texts.filled_by.as_ref().map(|v| v.span),
        texts.phone.as_ref().map(|v| v.span),
        texts.head.as_ref().map(|v| v.span),
        texts.filled_on.as_ref().map(|v| v.span),
        texts.seal.as_ref().map(|v| v.span),
    ]
    .into_iter()
    .flatten()
    .min_by_key(|span| (span.file, span.line, span.column))
}

/// 自评表: the long texts the form prints (`slots`) cleared; who signs carried over, the date
/// left to the new 提交时间. Nothing when the form prints no long texts and none signed.
pub fn annex(yaml: &mut YamlText, report: &Report, slots: &[Slot]) {
    let annex = &report.annex;
    let signed = sign_off_span(report).is_some();
    if !slots.is_empty() {
        texts(yaml, TopKey::Annex.key(), slots);
    } else if signed || annex.grade.is_some() || annex.project_lead.is_some() {
        yaml.open(0, TopKey::Annex.key());
    } else {
        return;
    }
    if signed {
        yaml.comment(2, "表下的签署：沿用上年，请核对；填报日期默认为提交时间");
    }
    optional_text_at(yaml, 2, "填报人", &annex.filled_by);
    if let Some(phone) = &annex.phone {
        yaml.text(2, "联系电话", &phone.value.0);
    }
    optional_text_at(yaml, 2, "单位负责人", &annex.head);
    if let Some(seal) = &annex.seal {
        yaml.raw(2, "盖章", if seal.value { "true" } else { "false" }, None);
    }
    optional_text_at(yaml, 2, "项目负责人及电话", &annex.project_lead);
    if let Some(grade) = &annex.grade {
        yaml.raw(
            2,
            "自评等级",
            if grade.value { "true" } else { "false" },
            None,
        );
    }
}

pub fn optional_text(yaml: &mut YamlText, key: &str, value: &Option<At<String>>) {
    optional_text_at(yaml, 0, key, value);
}

fn optional_text_at(yaml: &mut YamlText, indent: usize, key: &str, value: &Option<At<String>>) {
    if let Some(value) = value {
        yaml.text(indent, key, &value.value);
    }
}

/// A text slot: its key and what belongs in it.
pub type Slot = (&'static str, &'static str);

/// A mapping of text slots, each cleared to `""` under its hint.
pub fn texts(yaml: &mut YamlText, section: &str, slots: &[Slot]) {
    yaml.comment(
        0,
        &format!(
            "{section}的文字（已清空，待填写）：把 \"\" 换成 |，从下一行起多缩进两格写段落，段落之间空一行"
        ),
    );
    yaml.open(0, section);
    for (key, hint) in slots {
        yaml.comment(2, hint);
        yaml.raw(2, key, "\"\"", None);
    }
}

/// `指标:` at `at` with its 一级 and 二级指标 and their indicators (empty groups written `{}`,
/// `[]`).
pub fn indicator_tree(yaml: &mut YamlText, at: usize, goal: &Goal) {
    if goal.groups.is_empty() {
        yaml.raw(at, "指标", "{}", None);
        return;
    }
    yaml.open(at, "指标");
    for level1 in &goal.groups {
        if level1.groups.is_empty() {
            yaml.raw(at + 2, &level1.name.value, "{}", None);
            continue;
        }
        yaml.open(at + 2, &level1.name.value);
        for level2 in &level1.groups {
            if level2.indicators.is_empty() {
                yaml.raw(at + 4, &level2.name.value, "[]", None);
                continue;
            }
            yaml.open(at + 4, &level2.name.value);
            for indicator in &level2.indicators {
                indicator_item(yaml, at + 6, indicator);
            }
        }
    }
}

/// One indicator: name, target, weight and 方向 kept; the rest cleared to commented hints.
fn indicator_item(yaml: &mut YamlText, indent: usize, indicator: &Indicator) {
    let inner = indent + 2;
    yaml.item(indent, "三级指标", &indicator.name.value);
    yaml.text(inner, "年初目标值", &indicator.target.value.0);
    yaml.comment(inner, "实际完成值: （年底填写；取不到数据时写 无法取得）");
    yaml.raw(inner, "分值", &indicator.weight.value.0.to_string(), None);
    if let Some(direction) = &indicator.direction {
        let name = match direction.value {
            Direction::Higher => "正向",
            Direction::Lower => "反向",
        };
        yaml.text(inner, "方向", name);
    }
    let cleared = [
        (
            indicator.score.is_some(),
            "得分: （上年手工评定了得分；本年需要时重新评定，并写得分说明）",
        ),
        (
            indicator.score_reason.is_some(),
            "得分说明: （手工得分与规则得分不同时，写明理由）",
        ),
        (
            indicator.band.is_some(),
            "完成档次: （定性指标的实际完成值与目标值不同时填写：达成、部分达成或未达成）",
        ),
        (
            indicator.explanation.is_some(),
            "说明: （未完成或偏差大时，说明原因）",
        ),
    ];
    for (was_there, hint) in cleared {
        if was_there {
            yaml.comment(inner, hint);
        }
    }
}
