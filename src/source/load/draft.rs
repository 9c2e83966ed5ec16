//! The top-level entries of all files put together into a report of its form.

use std::collections::BTreeMap;

use super::{Entry, TopKey};
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFiles, Span};
use crate::form::national::{self, Funds, National, OverallGoal};
use crate::form::{self, FormKind};
use crate::model::{
    AbridgedTexts, AnnexTexts, Budget, Date, Goal, Level1, Report, RuleSetName, Settings,
};
use crate::source::located::At;

/// Every top-level value read, before the report is put together.
#[derive(Default)]
pub(super) struct Draft {
    /// Each key with where it was written, in order.
    written: Vec<(TopKey, Span)>,
    form: Option<At<FormKind>>,
    unit_name: Option<At<String>>,
    short_name: Option<At<String>>,
    region: Option<At<String>>,
    year: Option<At<u16>>,
    submitted: Option<At<Date>>,
    title: Option<At<String>>,
    settings: Option<Settings>,
    budget: Option<Budget>,
    goal_list: Option<(Span, Vec<Goal>)>,
    numbered_goals: BTreeMap<u32, (Span, Goal)>,
    abridged: Option<AbridgedTexts>,
    annex: Option<AnnexTexts>,
    project_name: Option<At<String>>,
    department: Option<At<String>>,
    implementer: Option<At<String>>,
    funds: Option<Funds>,
    overall_goal: Option<OverallGoal>,
    indicators: Option<At<Vec<Level1>>>,
    remarks: Option<At<String>>,
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
            Entry::ShortName(v) => self.short_name = Some(v),
            Entry::Region(v) => self.region = Some(v),
            Entry::Year(v) => self.year = Some(v),
            Entry::Submitted(v) => self.submitted = Some(v),
            Entry::Title(v) => self.title = Some(v),
            Entry::Settings(v) => self.settings = Some(v),
            Entry::Budget(v) => self.budget = Some(v),
            Entry::Goals(v) => self.goal_list = Some((key, v)),
            Entry::NumberedGoal(n, goal) => {
                self.numbered_goals.insert(n, (key, goal));
            }
            Entry::Abridged(v) => self.abridged = Some(v),
            Entry::Annex(v) => self.annex = Some(v),
            Entry::ProjectName(v) => self.project_name = Some(v),
            Entry::Department(v) => self.department = Some(v),
            Entry::Implementer(v) => self.implementer = Some(v),
            Entry::Funds(v) => self.funds = Some(*v),
            Entry::OverallGoal(v) => self.overall_goal = Some(v),
            Entry::Indicators(v) => self.indicators = Some(v),
            Entry::Remarks(v) => self.remarks = Some(v),
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
            let goals_numbered = *key == TopKey::Goals && !self.numbered_goals.is_empty();
            if !self.has(*key) && !goals_numbered {
                diagnostics.push(missing(*key, form).at(anchor));
            }
        }
        if diagnostics.0.len() > before {
            return None;
        }
        if form.is_national() {
            self.national_report(form)
        } else {
            self.department_report(anchor, diagnostics)
        }
    }

    fn department_report(self, anchor: Span, diagnostics: &mut Diagnostics) -> Option<Report> {
        let goals = collect_goals(self.goal_list, self.numbered_goals, anchor, diagnostics);
        Some(Report {
            form: FormKind::Department,
            unit_name: self.unit_name?,
            short_name: self.short_name,
            region: self.region,
            year: self.year?,
            submitted: self.submitted?,
            title: self.title,
            settings: self.settings.unwrap_or_default(),
            budget: self.budget?,
            goals: goals?,
            abridged: self.abridged.unwrap_or_default(),
            annex: self.annex.unwrap_or_default(),
            national: None,
        })
    }

    fn national_report(self, form: FormKind) -> Option<Report> {
        let funds = self.funds?;
        let indicators = self.indicators?;
        let form_span = self.form.as_ref()?.span;
        let mut settings = self.settings.unwrap_or_default();
        // A national table is scored by the national rules unless it names others.
        if settings.rule_set.is_none() {
            settings.rule_set = Some(At::new(RuleSetName::National, form_span));
        }
        Some(Report {
            form,
            unit_name: self.unit_name?,
            short_name: None,
            region: None,
            year: self.year?,
            submitted: self.submitted?,
            title: None,
            settings,
            budget: funds.budget(),
            national: Some(National {
                form_at: form_span,
                project_name: self.project_name,
                department: self.department,
                implementer: self.implementer,
                funds,
                overall_goal: self.overall_goal.unwrap_or_default(),
                indicators_at: indicators.span,
                remarks: self.remarks,
            }),
            goals: vec![national::goal(indicators)],
            abridged: AbridgedTexts::default(),
            annex: self.annex.unwrap_or_default(),
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
    let instead = match (key, form.is_national()) {
        (TopKey::Budget, true) => "预算执行写在「资金:」下（分值和年度资金总额）；".to_string(),
        (TopKey::Goals, true) => {
            "全国表样只有一个「年度总体目标」，指标直接写在顶层的「指标:」下；".to_string()
        }
        (TopKey::Funds, false) => "本表样的预算写在「预算:」下；".to_string(),
        (TopKey::Indicators, false) => "本表样的指标写在各「年度目标」的「指标:」下；".to_string(),
        _ => String::new(),
    };
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
        TopKey::UnitName => format!("在报告的任一文件顶层加上一行，如「{name}: 武汉东湖新技术开发区豹澥街道办事处」"),
        TopKey::Year => format!("在报告的任一文件顶层加上一行，如「{name}: 2022」"),
        TopKey::Submitted => format!("在报告的任一文件顶层加上一行，如「{name}: 2023-06-10」"),
        TopKey::Budget => "在顶层加上「预算:」，其下写 分值、批复数、调整后预算数、执行数（单位：万元）".to_string(),
        TopKey::Goals => "在顶层加上「年度目标:」列表，或每个目标一个「年度目标1:」「年度目标2:」……".to_string(),
        TopKey::ProjectName => format!("{}须写明项目：在顶层加上一行，如「项目名称: 社区养老服务补助」", form.name()),
        TopKey::Funds => "在顶层加上「资金:」，其下写 分值 和「年度资金总额: {年初预算数: …, 全年预算数: …, 全年执行数: …}」（万元）".to_string(),
        TopKey::OverallGoal => "在顶层加上「年度总体目标:」，其下写「预期目标: |」和「实际完成情况: |」两段文字".to_string(),
        TopKey::Indicators => "在顶层加上「指标:」，其下按 一级指标 → 二级指标 → 列表 写绩效指标，如「产出指标: 数量指标: - 三级指标: …」".to_string(),
        _ => format!("在顶层加上「{name}: …」"),
    };
    Diagnostic::error(format!("缺少「{name}」")).help(help)
}

/// The goals, from the `年度目标` list or the numbered keys, never both.
fn collect_goals(
    list: Option<(Span, Vec<Goal>)>,
    numbered: BTreeMap<u32, (Span, Goal)>,
    anchor: Span,
    diagnostics: &mut Diagnostics,
) -> Option<Vec<Goal>> {
    match (list, numbered.is_empty()) {
        (Some((span, _)), false) => {
            let (_, (other, _)) = numbered.first_key_value()?;
            diagnostics.push(
                Diagnostic::error("「年度目标」列表和「年度目标N」分开的写法不能同时使用")
                    .at(span)
                    .related(*other, "这里用了分开的写法")
                    .help("要么把所有目标写在「年度目标:」列表里，要么每个目标写成「年度目标1:」「年度目标2:」……"),
            );
            None
        }
        (Some((_, goals)), true) => Some(goals),
        (None, false) => numbered_in_order(numbered, diagnostics),
        (None, true) => {
            diagnostics.push(
                Diagnostic::error("缺少「年度目标」").at(anchor).help(
                    "在顶层加上「年度目标:」列表，或每个目标一个「年度目标1:」「年度目标2:」……",
                ),
            );
            None
        }
    }
}

fn numbered_in_order(
    numbered: BTreeMap<u32, (Span, Goal)>,
    diagnostics: &mut Diagnostics,
) -> Option<Vec<Goal>> {
    let mut goals = Vec::new();
    for (expected, (number, (span, goal))) in (1..).zip(numbered) {
        if number != expected {
            diagnostics.push(
                Diagnostic::error(format!("年度目标的编号不连续：缺少「年度目标{expected}」"))
                    .at(span)
                    .help("年度目标从 1 开始连续编号：请补上缺少的目标，或把后面的目标改号"),
            );
            return None;
        }
        goals.push(goal);
    }
    Some(goals)
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
