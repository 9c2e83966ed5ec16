//! Everything the templates print, prepared: numbers formatted, texts split into paragraphs.
//! What every form prints is here (the unit, the scorecard, the sign-off, the cells of a
//! table); each form's own document is in its folder under [`crate::form`]. Templates only
//! arrange it.

use serde::Serialize;

use crate::located::At;
use crate::model::Report;
use crate::scoring::Outcome;
use crate::scoring::scorecard::{Scorecard, scorecard};
use cells::{breakable, breakable_cells};

pub mod cells;
pub mod paragraphs;

/// What the templates print, as the form prepared it, and the facts the PDF itself carries.
#[derive(Clone, Debug)]
pub struct Document {
    /// The template that starts the document.
    pub main_template: &'static str,
    pub unit: Unit,
    pub card: Scorecard,
    /// The form's document, as the templates see it (`doc`).
    pub content: minijinja::Value,
}

impl Document {
    /// The document a form prepared (`content`, which holds `unit` and `card` too).
    pub fn new(
        main_template: &'static str,
        unit: Unit,
        card: Scorecard,
        content: &impl Serialize,
    ) -> Document {
        Document {
            main_template,
            unit,
            card,
            content: minijinja::Value::from(minijinja::value::Serde(content)),
        }
    }
}

/// The unit and the dates, as every form prints them.
#[derive(Clone, Debug, Serialize)]
pub struct Unit {
    pub name: String,
    pub year: u16,
    /// 2023 年 6 月 10 日
    pub submitted: String,
    /// The PDF's title, such as "{年度}年度{单位名称}部门整体绩效自评结果".
    pub full_title: String,
    /// 提交时间, also the PDF's creation date.
    pub date: DateParts,
    /// 金额单位 as the headers print it: 万元 (default) or 元.
    pub money: &'static str,
}

impl Unit {
    pub fn new(report: &Report, full_title: String) -> Unit {
        Unit {
            name: report.unit_name.value.clone(),
            year: report.year.value,
            submitted: report.submitted.value.to_zh(),
            full_title,
            date: DateParts {
                year: report.submitted.value.year,
                month: report.submitted.value.month,
                day: report.submitted.value.day,
            },
            money: report.settings.money_unit().name_zh(),
        }
    }
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct DateParts {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// The sign-off block under the annex table; a missing name or number prints a blank line.
#[derive(Clone, Debug, Serialize)]
pub struct SignOff {
    /// Whether the table has the block: a report that writes none of its keys (填报人, 联系电话,
    /// 单位负责人, 填报日期, 盖章) prints none.
    pub shown: bool,
    pub filled_by: String,
    pub phone: String,
    pub head: String,
    /// 填报日期, by default 提交时间: "2023年6月10日".
    pub date: String,
    pub seal: bool,
}

/// The scorecard as the document prints it: the unmet list's long texts may break anywhere.
pub fn printed_card(outcome: &Outcome) -> Scorecard {
    let mut card = scorecard(&outcome.report, &outcome.scores, &outcome.facts);
    for unmet in &mut card.unmet {
        unmet.cells = breakable_cells(&unmet.cells);
        unmet.explanation = breakable(&unmet.explanation);
    }
    card
}

pub fn sign_off(report: &Report) -> SignOff {
    let annex = &report.annex;
    let text =
        |value: &Option<At<String>>| value.as_ref().map(|v| v.value.clone()).unwrap_or_default();
    let date = annex
        .filled_on
        .as_ref()
        .map_or(report.submitted.value, |d| d.value);
    SignOff {
        shown: annex.filled_by.is_some()
            || annex.phone.is_some()
            || annex.head.is_some()
            || annex.filled_on.is_some()
            || annex.seal.is_some(),
        filled_by: text(&annex.filled_by),
        phone: annex
            .phone
            .as_ref()
            .map(|p| p.value.0.clone())
            .unwrap_or_default(),
        head: text(&annex.head),
        date: format!("{}年{}月{}日", date.year, date.month, date.day),
        seal: annex.seal.as_ref().is_some_and(|s| s.value),
    }
}
