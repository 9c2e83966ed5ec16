//! 部门整体绩效自评表, the Hubei layout of the model document: an abridged report (摘要版) with
//! Annex 1; several 年度目标 with their own weights. Its own keys are read in [`keys`] (their
//! JSON Schema in [`schema`]), checked in [`check`], laid out by [`document`] and the templates
//! in `templates/department/`, and in a workbook by [`excel`].

pub mod check;
pub mod document;
pub mod example;
pub mod excel;
mod form;
pub mod keys;
pub mod next_year;
pub mod schema;
mod struts;
pub mod templates;
mod titles;

use schemars::JsonSchema;
use serde::Deserialize;

use crate::located::At;

/// What only the 部门整体绩效自评表 has: its names and the texts of the abridged report. Its
/// 预算 and 年度目标 are the report's own, as every form scores them.
#[derive(Clone, Debug, Default)]
pub struct Department {
    /// 简称: the name used in generated sentences.
    pub short_name: Option<At<String>>,
    /// 地区: printed above the unit's name in the titles.
    pub region: Option<At<String>>,
    /// 报告名称.
    pub title: Option<At<String>>,
    pub abridged: AbridgedTexts,
}

impl Department {
    /// The name used in generated sentences: 简称 when given.
    pub fn short_or<'a>(&'a self, unit_name: &'a str) -> &'a str {
        self.short_name.as_deref().map_or(unit_name, String::as_str)
    }

    /// 报告名称, by default "{年度}年度部门整体绩效自评结果".
    pub fn report_title(&self, year: u16) -> String {
        match &self.title {
            Some(title) => title.value.clone(),
            None => format!("{year}年度部门整体绩效自评结果"),
        }
    }
}

/// The narrative slots of the abridged report (摘要版).
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "摘要版的文字；得分句、汇总表和完成情况由工具生成")]
pub struct AbridgedTexts {
    /// 一、（一）: the opening paragraphs, before the generated score sentence.
    #[serde(rename = "自评得分概述")]
    #[schemars(description = "一、（一）开头的概述段落，写在生成的得分句之前")]
    pub overview: Option<At<String>>,
    /// （三）1.
    #[serde(rename = "上年度结果应用情况")]
    #[schemars(description = "（三）1. 上年度结果应用情况")]
    pub last_year_results: Option<At<String>>,
    /// （三）2.
    #[serde(rename = "本年存在的问题及原因")]
    #[schemars(description = "（三）2. 本年存在的问题及原因")]
    pub problems: Option<At<String>>,
    /// （四）1.
    #[serde(rename = "下一步拟改进措施")]
    #[schemars(description = "（四）1. 下一步拟改进措施")]
    pub next_steps: Option<At<String>>,
    /// （四）2.
    #[serde(rename = "拟与预算安排相结合情况")]
    #[schemars(description = "（四）2. 拟与预算安排相结合情况")]
    pub budget_link: Option<At<String>>,
}
