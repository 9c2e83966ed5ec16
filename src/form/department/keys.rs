//! Reading the keys only the 部门整体绩效自评表 has, and putting them together.

use std::collections::BTreeMap;

use serde::de::MapAccess;

use super::{AbridgedTexts, Department};
use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use crate::form::keys::TopKey;
use crate::located::At;
use crate::model::numerals::chinese_number;
use crate::model::tree::{Budget, Goal};

/// The prefix of the numbered keys that hold one goal each: `年度目标1`, `年度目标2`, …
pub const NUMBERED_GOAL_PREFIX: &str = TopKey::Goals.key();

/// One top-level value of this form, typed by its key.
#[derive(Debug)]
pub enum Entry {
    ShortName(At<String>),
    Region(At<String>),
    Title(At<String>),
    Budget(Budget),
    Goals(Vec<Goal>),
    /// `年度目标N`: one goal under its own numbered key.
    NumberedGoal(u32, Goal),
    Abridged(AbridgedTexts),
}

impl Entry {
    pub fn key(&self) -> TopKey {
        match self {
            Entry::ShortName(_) => TopKey::ShortName,
            Entry::Region(_) => TopKey::Region,
            Entry::Title(_) => TopKey::Title,
            Entry::Budget(_) => TopKey::Budget,
            Entry::Goals(_) | Entry::NumberedGoal(..) => TopKey::Goals,
            Entry::Abridged(_) => TopKey::Abridged,
        }
    }

    /// The goals the entry holds, to be checked on their own when the report cannot be built.
    pub fn goals(&self) -> &[Goal] {
        match self {
            Entry::Goals(goals) => goals,
            Entry::NumberedGoal(_, goal) => std::slice::from_ref(goal),
            _ => &[],
        }
    }

    /// The key as compared for duplicates: `年度目标1`, `年度目标 1` and `年度目标１` are one goal.
    pub fn canonical_key(&self) -> Option<String> {
        match self {
            Entry::NumberedGoal(number, _) => Some(format!("{NUMBERED_GOAL_PREFIX}{number}")),
            _ => None,
        }
    }
}

/// Reads the value of `key` when it is one of this form's keys; None (and the value left
/// unread) otherwise.
pub fn read<'de, A: MapAccess<'de>>(key: &str, map: &mut A) -> Result<Option<Entry>, A::Error> {
    let Some(top) = TopKey::from_key(key) else {
        return match goal_number(key) {
            Some(number) => Ok(Some(Entry::NumberedGoal(number, map.next_value()?))),
            None => Ok(None),
        };
    };
    let entry = match top {
        TopKey::ShortName => Entry::ShortName(map.next_value()?),
        TopKey::Region => Entry::Region(map.next_value()?),
        TopKey::Title => Entry::Title(map.next_value()?),
        TopKey::Budget => Entry::Budget(map.next_value()?),
        TopKey::Goals => Entry::Goals(map.next_value()?),
        TopKey::Abridged => Entry::Abridged(map.next_value()?),
        _ => return Ok(None),
    };
    Ok(Some(entry))
}

/// `年度目标3` → 3 (also with a full-width digit or a space before it).
fn goal_number(key: &str) -> Option<u32> {
    let digits = key.strip_prefix(NUMBERED_GOAL_PREFIX)?.trim();
    let ascii: String = digits
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            other => other,
        })
        .collect();
    ascii.parse().ok().filter(|n| *n > 0)
}

/// A hint for a key no form has that reads as a numbered goal written in Chinese numerals
/// (`年度目标一`, `年度目标（二）`).
pub fn unknown_key_help(key: &str) -> Option<String> {
    let rest = key.strip_prefix(NUMBERED_GOAL_PREFIX)?;
    let numeral: String = rest
        .chars()
        .filter(|c| !c.is_whitespace() && !"（）()".contains(*c))
        .collect();
    let number = chinese_number(&numeral).filter(|n| *n > 0)?;
    Some(format!(
        "是不是想写「{NUMBERED_GOAL_PREFIX}{number}」？每个目标单独成键时，编号用阿拉伯数字：「年度目标1」「年度目标2」……"
    ))
}

/// This form's entries of all files, before they are put together.
#[derive(Default)]
pub struct Draft {
    short_name: Option<At<String>>,
    region: Option<At<String>>,
    title: Option<At<String>>,
    budget: Option<Budget>,
    goal_list: Option<(Span, Vec<Goal>)>,
    numbered_goals: BTreeMap<u32, (Span, Goal)>,
    abridged: Option<AbridgedTexts>,
}

impl Draft {
    pub fn take(&mut self, key: Span, entry: Entry) {
        match entry {
            Entry::ShortName(v) => self.short_name = Some(v),
            Entry::Region(v) => self.region = Some(v),
            Entry::Title(v) => self.title = Some(v),
            Entry::Budget(v) => self.budget = Some(v),
            Entry::Goals(v) => self.goal_list = Some((key, v)),
            Entry::NumberedGoal(n, goal) => {
                self.numbered_goals.insert(n, (key, goal));
            }
            Entry::Abridged(v) => self.abridged = Some(v),
        }
    }

    /// Whether a required key counts as written though not under its own name.
    pub fn written_otherwise(&self, key: TopKey) -> bool {
        key == TopKey::Goals && !self.numbered_goals.is_empty()
    }

    /// The report's 预算, its 年度目标 and this form's own part.
    pub fn finish(
        self,
        anchor: Span,
        diagnostics: &mut Diagnostics,
    ) -> Option<(Budget, Vec<Goal>, Department)> {
        let goals = collect_goals(self.goal_list, self.numbered_goals, anchor, diagnostics);
        let own = Department {
            short_name: self.short_name,
            region: self.region,
            title: self.title,
            abridged: self.abridged.unwrap_or_default(),
        };
        Some((self.budget?, goals?, own))
    }
}

/// What this form writes instead of a key of another form.
pub fn instead(key: TopKey) -> &'static str {
    match key {
        TopKey::Funds => "本表样的预算写在「预算:」下；",
        TopKey::Indicators => "本表样的指标写在各「年度目标」的「指标:」下；",
        _ => "",
    }
}

/// How to add one of this form's required keys.
pub fn missing_help(key: TopKey) -> Option<String> {
    match key {
        TopKey::Budget => Some(
            "在顶层加上「预算:」，其下写 分值、批复数、调整后预算数、执行数（单位：万元）"
                .to_string(),
        ),
        TopKey::Goals => Some(
            "在顶层加上「年度目标:」列表，或每个目标一个「年度目标1:」「年度目标2:」……".to_string(),
        ),
        _ => None,
    }
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
