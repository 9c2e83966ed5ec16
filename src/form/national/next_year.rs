//! Next year's national table from this year's (`jixiao new --from`): the header cells, the
//! 资金 weight, the indicators and the 备注 carried over; the amounts kept as placeholders; the
//! 年度总体目标 texts cleared.

use super::National;
use crate::form::keys::TopKey;
use crate::form::next_year::{
    Next, NextYear, Place, Section, Slot, annex, indicator_tree, optional_text, place, present,
    settings_span, sign_off_span, texts,
};
use crate::located::At;
use crate::model::{Amount, Report};
use crate::yaml_text::YamlText;

/// The files of a single-file source: the unit and funds, the goal texts, the indicators, the
/// notes under the table.
const FILES: [(&str, &[TopKey]); 4] = [
    (
        "单位.yaml",
        &[
            TopKey::Form,
            TopKey::UnitName,
            TopKey::ProjectName,
            TopKey::Department,
            TopKey::Implementer,
            TopKey::Year,
            TopKey::Submitted,
            TopKey::Settings,
            TopKey::Funds,
        ],
    ),
    ("总体目标.yaml", &[TopKey::OverallGoal]),
    ("指标.yaml", &[TopKey::Indicators]),
    ("自评表.yaml", &[TopKey::Remarks, TopKey::Annex]),
];

impl NextYear for National {
    /// Every section the new report has, with where the source wrote it (年度总体目标 nowhere
    /// when the source had no text in it).
    fn sections(&self, report: &Report) -> Vec<(Place, Section)> {
        let mut sections = vec![
            (place(self.form_at), Section::Key(TopKey::Form)),
            (place(report.unit_name.span), Section::Key(TopKey::UnitName)),
            (place(report.year.span), Section::Key(TopKey::Year)),
            (
                place(report.submitted.span),
                Section::Key(TopKey::Submitted),
            ),
            (
                place(
                    self.funds
                        .weight
                        .as_ref()
                        .map_or(self.funds.total.budget.span, |w| w.span),
                ),
                Section::Key(TopKey::Funds),
            ),
            (place(self.indicators_at), Section::Key(TopKey::Indicators)),
        ];
        let goal = &self.overall_goal;
        // The rule set given by default (placed at 表样) is not one the source wrote.
        let written_settings = settings_span(report).filter(|span| *span != self.form_at);
        let optional = [
            (
                self.project_name.as_ref().map(|v| v.span),
                TopKey::ProjectName,
            ),
            (self.department.as_ref().map(|v| v.span), TopKey::Department),
            (
                self.implementer.as_ref().map(|v| v.span),
                TopKey::Implementer,
            ),
            (written_settings, TopKey::Settings),
            (self.remarks.as_ref().map(|v| v.span), TopKey::Remarks),
            (sign_off_span(report), TopKey::Annex),
        ];
        sections.extend(
            optional
                .into_iter()
                .filter_map(|(span, key)| span.map(|span| (place(span), Section::Key(key)))),
        );
        let goal_span = [&goal.expected, &goal.achieved]
            .into_iter()
            .flatten()
            .map(|text| text.span)
            .next();
        sections.push((goal_span.and_then(place), Section::Key(TopKey::OverallGoal)));
        sections
    }

    /// The files of [`FILES`], each with the sections present.
    fn files(&self, report: &Report) -> Vec<(String, Vec<Section>)> {
        let present = present(self.sections(report));
        FILES
            .iter()
            .map(|(name, keys)| {
                let sections = keys
                    .iter()
                    .map(|key| Section::Key(*key))
                    .filter(|section| present.contains(section))
                    .collect();
                (name.to_string(), sections)
            })
            .filter(|(_, sections): &(String, Vec<Section>)| !sections.is_empty())
            .collect()
    }

    /// The keys only these forms have, and 自评表.
    fn write(&self, next: &Next<'_>, yaml: &mut YamlText, section: Section) {
        let Section::Key(key) = section else {
            return;
        };
        match key {
            TopKey::ProjectName => optional_text(yaml, key.key(), &self.project_name),
            TopKey::Department => optional_text(yaml, key.key(), &self.department),
            TopKey::Implementer => optional_text(yaml, key.key(), &self.implementer),
            TopKey::Funds => funds(self, next, yaml),
            TopKey::Remarks => {
                if let Some(remarks) = &self.remarks {
                    yaml.comment(0, "沿用上年的备注（表下的注），请核对");
                    yaml.block(0, key.key(), &remarks.value);
                }
            }
            TopKey::OverallGoal => texts(yaml, key.key(), OVERALL_GOAL_SLOTS),
            TopKey::Indicators => {
                if let Some(goal) = next.report.goals.first() {
                    yaml.comment(
                        0,
                        &format!(
                            "绩效指标（{} 项）：目标值、分值沿用上年",
                            goal.indicators().count()
                        ),
                    );
                    indicator_tree(yaml, 0, goal);
                }
            }
            // Only the sign-off: these forms print no long texts under the table.
            TopKey::Annex => annex(yaml, next.report, &[]),
            _ => {}
        }
    }
}

/// 资金: the weight kept, the amounts of last year as placeholders.
fn funds(own: &National, next: &Next<'_>, yaml: &mut YamlText) {
    let funds = &own.funds;
    let (old, new) = (next.last_year(), next.year);
    yaml.comment(
        0,
        &format!(
            "项目资金（万元）：分值沿用上年；金额是 {old} 年的数字，仅作占位，须改为 {new} 年的"
        ),
    );
    yaml.open(0, TopKey::Funds.key());
    if let Some(label) = &funds.label {
        yaml.text(2, "名称", &label.value);
    }
    if let Some(weight) = &funds.weight {
        yaml.raw(2, "分值", &weight.value.0.to_string(), None);
    }
    let total = &funds.total;
    let cells = [
        ("年初预算数", total.initial.as_ref()),
        ("全年预算数", Some(&total.budget)),
        ("全年执行数", Some(&total.spent)),
    ];
    let placeholder = next.placeholder();
    yaml.raw(2, "年度资金总额", &flow_row(&cells), Some(&placeholder));
    for (name, row) in funds.parts() {
        let Some(row) = row else { continue };
        let cells = [
            ("年初预算数", row.initial.as_ref()),
            ("全年预算数", row.budget.as_ref()),
            ("全年执行数", row.spent.as_ref()),
        ];
        yaml.raw(2, name, &flow_row(&cells), Some(&placeholder));
    }
}

/// `{年初预算数: 120, 全年预算数: 118.5}`: the cells given, in order.
fn flow_row(cells: &[(&str, Option<&At<Amount>>)]) -> String {
    let written: Vec<String> = cells
        .iter()
        .filter_map(|(key, cell)| cell.map(|cell| format!("{key}: {}", cell.value.0)))
        .collect();
    format!("{{{}}}", written.join(", "))
}

const OVERALL_GOAL_SLOTS: &[Slot] = &[
    ("预期目标", "年初设定的年度总体目标"),
    ("实际完成情况", "全年实际完成的情况"),
];
