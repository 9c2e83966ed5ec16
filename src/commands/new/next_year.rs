//! Next year's sources from this year's: the unit, settings, budget weight, goals and indicators
//! (targets, weights, 方向) carried over; actual values, scores, explanations, budget amounts and
//! the texts cleared, with a commented hint on each cleared slot.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::FileId;
use crate::form::department::Department;
use crate::form::department::keys::NUMBERED_GOAL_PREFIX;
use crate::form::keys::TopKey;
use crate::form::national::National;
use crate::model::{Breakdown, Direction, Goal, Indicator, Report, ReverseRule, YEARS};
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
    let next = Next { report, year };
    let homes = if src.is_dir() {
        folder_homes(&loaded, report)
    } else {
        split_homes(report)
    };
    let files = homes
        .into_iter()
        .map(|(name, sections)| NewFile {
            name,
            text: next.file_text(&sections),
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

/// One top-level part of the report, written together in one file: a top-level key, or one
/// goal (written as `年度目标{index + 1}`; `TopKey::Goals`, the list form, is never written).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    Key(TopKey),
    Goal(usize),
}

impl Section {
    /// The one-line top-level keys, written without blank lines between them.
    fn is_unit_line(self) -> bool {
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

/// Where a section was written: file and byte offset.
type Place = Option<(FileId, usize)>;

fn place(span: crate::Span) -> Place {
    Some((span.file, span.start))
}

/// Every section the new report has, with the file and byte offset where the source wrote it
/// (None for the texts when the source had none).
fn placed_sections(report: &Report) -> Vec<(Place, Section)> {
    match &report.own.national() {
        Some(national) => national_sections(report, national),
        None => department_sections(report),
    }
}

fn national_sections(report: &Report, national: &National) -> Vec<(Place, Section)> {
    let mut sections = vec![
        (place(national.form_at), Section::Key(TopKey::Form)),
        (place(report.unit_name.span), Section::Key(TopKey::UnitName)),
        (place(report.year.span), Section::Key(TopKey::Year)),
        (
            place(report.submitted.span),
            Section::Key(TopKey::Submitted),
        ),
        (
            place(national.funds.weight.span),
            Section::Key(TopKey::Funds),
        ),
        (
            place(national.indicators_at),
            Section::Key(TopKey::Indicators),
        ),
    ];
    let goal = &national.overall_goal;
    let written_settings = settings_span(report).filter(|span| *span != national.form_at);
    let optional = [
        (
            national.project_name.as_ref().map(|v| v.span),
            TopKey::ProjectName,
        ),
        (
            national.department.as_ref().map(|v| v.span),
            TopKey::Department,
        ),
        (
            national.implementer.as_ref().map(|v| v.span),
            TopKey::Implementer,
        ),
        (written_settings, TopKey::Settings),
        (national.remarks.as_ref().map(|v| v.span), TopKey::Remarks),
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

fn department_sections(report: &Report) -> Vec<(Place, Section)> {
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
            department(report).short_name.as_ref().map(|v| v.span),
            Section::Key(TopKey::ShortName),
        ),
        (
            department(report).region.as_ref().map(|v| v.span),
            Section::Key(TopKey::Region),
        ),
        (
            department(report).title.as_ref().map(|v| v.span),
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
        abridged_span(report).and_then(place),
        Section::Key(TopKey::Abridged),
    ));
    sections.push((
        annex_span(report).and_then(place),
        Section::Key(TopKey::Annex),
    ));
    sections
}

fn settings_span(report: &Report) -> Option<crate::Span> {
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

fn abridged_span(report: &Report) -> Option<crate::Span> {
    let texts = &department(report).abridged;
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

fn annex_span(report: &Report) -> Option<crate::Span> {
    let texts = &report.annex;
    [&texts.deviation_analysis, &texts.improvement_plan]
        .into_iter()
        .flatten()
        .map(|text| text.span)
        .next()
        .or_else(|| sign_off_span(report))
}

/// Where the sign-off block under the table is written, when it is.
fn sign_off_span(report: &Report) -> Option<crate::Span> {
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

/// The sections of each file, for a folder source: the same file names, the same split, the
/// same order; texts the source did not have go to the file of 单位名称.
fn folder_homes(loaded: &Loaded, report: &Report) -> Vec<(String, Vec<Section>)> {
    let unit_file = report.unit_name.span.file;
    let mut by_file: BTreeMap<FileId, Vec<(usize, Section)>> = BTreeMap::new();
    for (place, section) in placed_sections(report) {
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

/// The sections of each file, for a single-file source: the unit and budget, one file per goal,
/// the texts of the abridged report, those of Annex 1 (national tables: the unit and funds,
/// the goal texts, the indicators, the notes under the table).
fn split_homes(report: &Report) -> Vec<(String, Vec<Section>)> {
    let present: Vec<Section> = placed_sections(report)
        .into_iter()
        .map(|(_, section)| section)
        .collect();
    if report.own.national().is_some() {
        return national_split(&present);
    }
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

/// The file split `new` writes for a national table.
pub(super) const NATIONAL_FILES: [(&str, &[TopKey]); 4] = [
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

fn national_split(present: &[Section]) -> Vec<(String, Vec<Section>)> {
    NATIONAL_FILES
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

/// Writes the sections of next year's report.
struct Next<'a> {
    report: &'a Report,
    year: u16,
}

impl Next<'_> {
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
        let report = self.report;
        match section {
            Section::Key(TopKey::UnitName) => {
                if report.own.national().is_none() {
                    yaml.comment(0, &self.origin_note());
                }
                yaml.text(0, TopKey::UnitName.key(), &report.unit_name.value);
            }
            Section::Key(TopKey::ShortName) => optional_text(
                yaml,
                TopKey::ShortName.key(),
                &department(report).short_name,
            ),
            Section::Key(TopKey::Region) => {
                optional_text(yaml, TopKey::Region.key(), &department(report).region)
            }
            Section::Key(TopKey::Year) => {
                yaml.raw(0, TopKey::Year.key(), &self.year.to_string(), None)
            }
            Section::Key(TopKey::Submitted) => yaml.raw(
                0,
                TopKey::Submitted.key(),
                &format!("{}-06-30", u32::from(self.year) + 1),
                Some("占位日期：改为实际提交的日期"),
            ),
            Section::Key(TopKey::Title) => self.title(yaml),
            Section::Key(TopKey::Settings) => settings(yaml, report),
            Section::Key(TopKey::Budget) => self.budget(yaml),
            Section::Goal(index) => {
                if let Some(goal) = report.goals.get(index) {
                    goal_section(yaml, index + 1, goal);
                }
            }
            Section::Key(TopKey::Abridged) => texts(yaml, TopKey::Abridged.key(), ABRIDGED_SLOTS),
            Section::Key(TopKey::Annex) => self.annex(yaml),
            Section::Key(TopKey::Goals) => {}
            Section::Key(TopKey::Form) => {
                yaml.comment(0, &self.origin_note());
                yaml.text(0, TopKey::Form.key(), report.form.name());
            }
            Section::Key(
                key @ (TopKey::ProjectName
                | TopKey::Department
                | TopKey::Implementer
                | TopKey::Funds
                | TopKey::Remarks),
            ) => {
                if let Some(national) = &report.own.national() {
                    self.national_section(yaml, key, national);
                }
            }
            Section::Key(TopKey::OverallGoal) => {
                texts(yaml, TopKey::OverallGoal.key(), OVERALL_GOAL_SLOTS)
            }
            Section::Key(TopKey::Indicators) => {
                if let Some(goal) = report.goals.first() {
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
        }
    }

    /// The keys only the national tables have.
    fn national_section(&self, yaml: &mut YamlText, key: TopKey, national: &National) {
        match key {
            TopKey::ProjectName => optional_text(yaml, key.key(), &national.project_name),
            TopKey::Department => optional_text(yaml, key.key(), &national.department),
            TopKey::Implementer => optional_text(yaml, key.key(), &national.implementer),
            TopKey::Funds => self.funds(yaml, national),
            TopKey::Remarks => {
                if let Some(remarks) = &national.remarks {
                    yaml.comment(0, "沿用上年的备注（表下的注），请核对");
                    yaml.block(0, key.key(), &remarks.value);
                }
            }
            _ => {}
        }
    }

    /// 自评表: the two long texts cleared (部门整体绩效自评表 only); who signs carried over, the
    /// date left to the new 提交时间.
    fn annex(&self, yaml: &mut YamlText) {
        let annex = &self.report.annex;
        let signed = sign_off_span(self.report).is_some();
        if self.report.own.national().is_none() {
            texts(yaml, TopKey::Annex.key(), ANNEX_SLOTS);
        } else if signed {
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
    }

    /// 资金: the weight kept, the amounts of last year as placeholders.
    fn funds(&self, yaml: &mut YamlText, national: &National) {
        let funds = &national.funds;
        let (old, new) = (self.report.year.value, self.year);
        yaml.comment(
            0,
            &format!(
                "项目资金（万元）：分值沿用上年；金额是 {old} 年的数字，仅作占位，须改为 {new} 年的"
            ),
        );
        yaml.open(0, TopKey::Funds.key());
        yaml.raw(2, "分值", &funds.weight.value.0.to_string(), None);
        let total = &funds.total;
        let cells = [
            ("年初预算数", total.initial.as_ref()),
            ("全年预算数", Some(&total.budget)),
            ("全年执行数", Some(&total.spent)),
        ];
        let placeholder = format!("{old} 年的数字，仅作占位：改为 {new} 年的");
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

    fn origin_note(&self) -> String {
        format!(
            "{} 年度的报告，由 {} 年度的报告生成：单位、目标和指标（目标值、分值、方向）沿用上年；\n\
             实际完成值、得分、说明、预算金额和各段文字已清空，待填写（见各处的注释）",
            self.year, self.report.year.value
        )
    }

    /// 报告名称, with last year's number changed to this year's.
    fn title(&self, yaml: &mut YamlText) {
        let Some(title) = &department(self.report).title else {
            return;
        };
        let old = self.report.year.value.to_string();
        let renamed = title.value.replace(&old, &self.year.to_string());
        yaml.comment(0, "沿用上年的报告名称（其中的年份已改为本年），请核对");
        yaml.text(0, TopKey::Title.key(), &renamed);
    }

    fn budget(&self, yaml: &mut YamlText) {
        let budget = &self.report.budget;
        let (old, new) = (self.report.year.value, self.year);
        yaml.comment(
            0,
            &format!("预算（万元）：分值沿用上年；金额须改为 {new} 年的数字"),
        );
        yaml.open(0, TopKey::Budget.key());
        yaml.raw(2, "分值", &budget.weight.value.0.to_string(), None);
        yaml.comment(2, &format!("批复数: （{new} 年批复的预算数）"));
        let placeholder = format!("{old} 年的数字，仅作占位：改为 {new} 年的");
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
}

fn optional_text(yaml: &mut YamlText, key: &str, value: &Option<crate::located::At<String>>) {
    optional_text_at(yaml, 0, key, value);
}

fn optional_text_at(
    yaml: &mut YamlText,
    indent: usize,
    key: &str,
    value: &Option<crate::located::At<String>>,
) {
    if let Some(value) = value {
        yaml.text(indent, key, &value.value);
    }
}

/// `{年初预算数: 120, 全年预算数: 118.5}`: the cells given, in order.
fn flow_row(cells: &[(&str, Option<&crate::located::At<crate::model::Amount>>)]) -> String {
    let written: Vec<String> = cells
        .iter()
        .filter_map(|(key, cell)| cell.map(|cell| format!("{key}: {}", cell.value.0)))
        .collect();
    format!("{{{}}}", written.join(", "))
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

/// `指标:` at `at` with its 一级 and 二级指标 and their indicators (empty groups written `{}`,
/// `[]`).
fn indicator_tree(yaml: &mut YamlText, at: usize, goal: &Goal) {
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

/// A text slot: its key and what belongs in it.
type Slot = (&'static str, &'static str);

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

const OVERALL_GOAL_SLOTS: &[Slot] = &[
    ("预期目标", "年初设定的年度总体目标"),
    ("实际完成情况", "全年实际完成的情况"),
];

/// A mapping of text slots, each cleared to `""` under its hint.
fn texts(yaml: &mut YamlText, section: &str, slots: &[Slot]) {
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

/// The 部门整体绩效自评表's own part (empty for another form).
fn department(report: &Report) -> &Department {
    static EMPTY: std::sync::OnceLock<Department> = std::sync::OnceLock::new();
    report
        .own
        .department()
        .unwrap_or_else(|| EMPTY.get_or_init(Department::default))
}
