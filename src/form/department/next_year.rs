//! Next year's 部门整体绩效自评表 from this year's (`jixiao new --from`): the names, the budget
//! weight and every 年度目标 carried over, each goal under its own `年度目标N`; the budget
//! amounts kept as placeholders; the texts of the abridged report and Annex 1 cleared.

use super::Department;
use super::keys::NUMBERED_GOAL_PREFIX;
use crate::diagnostic::Span;
use crate::form::keys::TopKey;
use crate::form::next_year::{
    Next, NextYear, Place, Section, Slot, annex, indicator_tree, optional_text, place, present,
    settings_span, sign_off_span, texts,
};
use crate::model::{Goal, Report};
use crate::yaml_text::YamlText;

impl NextYear for Department {
    /// Every section the new report has, with where the source wrote it (the texts nowhere
    /// when the source had none).
    fn sections(&self, report: &Report) -> Vec<(Place, Section)> {
        let mut sections = vec![
            (place(report.unit_name.span), Section::Key(TopKey::UnitName)),
            (place(report.year.span), Section::Key(TopKey::Year)),
            (
                place(report.submitted.span),
                Section::Key(TopKey::Submitted),
            ),
            (
                place(report.budget.weight.span),
                Section::Key(TopKey::Budget),
            ),
        ];
        let optional = [
            (
                self.short_name.as_ref().map(|v| v.span),
                Section::Key(TopKey::ShortName),
            ),
            (
                self.region.as_ref().map(|v| v.span),
                Section::Key(TopKey::Region),
            ),
            (
                self.title.as_ref().map(|v| v.span),
                Section::Key(TopKey::Title),
            ),
            (settings_span(report), Section::Key(TopKey::Settings)),
        ];
        sections.extend(
            optional
                .into_iter()
                .filter_map(|(span, section)| span.map(|span| (place(span), section))),
        );
        sections.extend(
            report
                .goals
                .iter()
                .enumerate()
                .map(|(index, goal)| (place(goal.name.span), Section::Goal(index))),
        );
        sections.push((
            abridged_span(self).and_then(place),
            Section::Key(TopKey::Abridged),
        ));
        sections.push((
            annex_span(report).and_then(place),
            Section::Key(TopKey::Annex),
        ));
        sections
    }

    /// The unit and budget, one file per goal, the texts of the abridged report, those of
    /// Annex 1.
    fn files(&self, report: &Report) -> Vec<(String, Vec<Section>)> {
        let present = present(self.sections(report));
        let unit = [
            Section::Key(TopKey::UnitName),
            Section::Key(TopKey::ShortName),
            Section::Key(TopKey::Region),
            Section::Key(TopKey::Year),
            Section::Key(TopKey::Submitted),
            Section::Key(TopKey::Title),
            Section::Key(TopKey::Settings),
            Section::Key(TopKey::Budget),
        ]
        .into_iter()
        .filter(|section| present.contains(section))
        .collect();
        let width = report.goals.len().to_string().len();
        let mut homes = vec![("单位.yaml".to_string(), unit)];
        homes.extend((0..report.goals.len()).map(|index| {
            let name = format!("目标{:0width$}.yaml", index + 1);
            (name, vec![Section::Goal(index)])
        }));
        homes.push((
            "摘要.yaml".to_string(),
            vec![Section::Key(TopKey::Abridged)],
        ));
        homes.push(("自评表.yaml".to_string(), vec![Section::Key(TopKey::Annex)]));
        homes
    }

    /// The keys only this form has, and 自评表.
    fn write(&self, next: &Next<'_>, yaml: &mut YamlText, section: Section) {
        let report = next.report;
        match section {
            Section::Key(TopKey::ShortName) => {
                optional_text(yaml, TopKey::ShortName.key(), &self.short_name)
            }
            Section::Key(TopKey::Region) => optional_text(yaml, TopKey::Region.key(), &self.region),
            Section::Key(TopKey::Title) => title(self, next, yaml),
            Section::Key(TopKey::Budget) => budget(next, yaml),
            Section::Goal(index) => {
                if let Some(goal) = report.goals.get(index) {
                    goal_section(yaml, index + 1, goal);
                }
            }
            Section::Key(TopKey::Abridged) => texts(yaml, TopKey::Abridged.key(), ABRIDGED_SLOTS),
            Section::Key(TopKey::Annex) => annex(yaml, report, ANNEX_SLOTS),
            Section::Key(_) => {}
        }
    }
}

fn abridged_span(own: &Department) -> Option<Span> {
    let texts = &own.abridged;
    [
        &texts.overview,
        &texts.last_year_results,
        &texts.problems,
        &texts.next_steps,
        &texts.budget_link,
    ]
    .into_iter()
    .flatten()
    .map(|text| text.span)
    .next()
}

fn annex_span(report: &Report) -> Option<Span> {
    let texts = &report.annex;
    [&texts.deviation_analysis, &texts.improvement_plan]
        .into_iter()
        .flatten()
        .map(|text| text.span)
        .next()
        .or_else(|| sign_off_span(report))
}

/// 报告名称, with last year's number changed to this year's.
fn title(own: &Department, next: &Next<'_>, yaml: &mut YamlText) {
    let Some(title) = &own.title else {
        return;
    };
    let old = next.last_year().to_string();
    let renamed = title.value.replace(&old, &next.year.to_string());
    yaml.comment(0, "沿用上年的报告名称（其中的年份已改为本年），请核对");
    yaml.text(0, TopKey::Title.key(), &renamed);
}

/// 预算: the weight kept, 调整后预算数 and 执行数 of last year as placeholders.
fn budget(next: &Next<'_>, yaml: &mut YamlText) {
    let budget = &next.report.budget;
    let new = next.year;
    yaml.comment(
        0,
        &format!("预算（万元）：分值沿用上年；金额须改为 {new} 年的数字"),
    );
    yaml.open(0, TopKey::Budget.key());
    yaml.raw(2, "分值", &budget.weight.value.0.to_string(), None);
    yaml.comment(2, &format!("批复数: （{new} 年批复的预算数）"));
    let placeholder = next.placeholder();
    let adjusted = format!("{placeholder}调整后预算数");
    let spent = format!("{placeholder}执行数");
    yaml.raw(
        2,
        "调整后预算数",
        &budget.adjusted.value.0.to_string(),
        Some(&adjusted),
    );
    yaml.raw(2, "执行数", &budget.spent.value.0.to_string(), Some(&spent));
    yaml.comment(
        2,
        &format!("基本支出: （可选：{new} 年的基本支出；与项目支出之和应等于执行数）"),
    );
    yaml.comment(2, &format!("项目支出: （可选：{new} 年的项目支出）"));
}

fn goal_section(yaml: &mut YamlText, number: usize, goal: &Goal) {
    let count = goal.indicators().count();
    yaml.comment(
        0,
        &format!(
            "年度目标{number}：{}（{} 分，{count} 项指标）",
            goal.name.value, goal.weight.value.0
        ),
    );
    yaml.open(0, &format!("{NUMBERED_GOAL_PREFIX}{number}"));
    yaml.text(2, "名称", &goal.name.value);
    yaml.raw(2, "分值", &goal.weight.value.0.to_string(), None);
    indicator_tree(yaml, 2, goal);
}

const ABRIDGED_SLOTS: &[Slot] = &[
    (
        "自评得分概述",
        "一、（一）开头的几段：概述本年度的工作和成效（得分句和得分表由工具生成）",
    ),
    (
        "上年度结果应用情况",
        "（三）1. 上年度自评结果的应用情况：发现的问题如何整改",
    ),
    ("本年存在的问题及原因", "（三）2. 本年存在的问题及原因"),
    ("下一步拟改进措施", "（四）1. 下一步拟改进的措施"),
    (
        "拟与预算安排相结合情况",
        "（四）2. 自评结果拟与预算安排相结合的情况",
    ),
];

/// The two long texts of Annex 1, which only this form prints.
const ANNEX_SLOTS: &[Slot] = &[
    (
        "偏差大或目标未完成原因分析",
        "附件1 末尾：偏差大或目标未完成的原因分析",
    ),
    (
        "改进措施及结果应用方案",
        "附件1 末尾：改进措施及结果应用方案",
    ),
];
