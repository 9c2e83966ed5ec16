//! The forms a report can take (`表样`). Each form has its own top-level keys, checks, document
//! and templates (its folder here and its templates); the indicator tree, values, scoring,
//! diagnostics, glyph check, typesetting and every command are shared.
//!
//! - 部门整体绩效自评表 (the default): the Hubei layout of the model document, an abridged report
//!   with Annex 1; several 年度目标 with their own weights.
//! - 项目支出绩效自评表 and 部门整体支出绩效自评表: the national layout of 财预〔2020〕10号, one table
//!   ([`national`]).

pub mod department;
pub mod national;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::source::load::TopKey;

/// Which form a report is (`表样`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[schemars(description = "表样：报告是哪一种表")]
pub enum FormKind {
    #[default]
    #[serde(rename = "部门整体绩效自评表")]
    #[schemars(description = "部门整体绩效自评表（默认）：摘要版加附件1，湖北的格式")]
    Department,
    #[serde(rename = "项目支出绩效自评表")]
    #[schemars(description = "项目支出绩效自评表：一个项目一张表，全国的格式（财预〔2020〕10号）")]
    Project,
    #[serde(rename = "部门整体支出绩效自评表")]
    #[schemars(description = "部门整体支出绩效自评表：全国的格式，整个部门一张表")]
    DepartmentSpending,
}

impl FormKind {
    pub const ALL: [FormKind; 3] = [
        FormKind::Department,
        FormKind::Project,
        FormKind::DepartmentSpending,
    ];

    /// The form's name as written after `表样:` and printed as the table's title.
    pub const fn name(self) -> &'static str {
        match self {
            FormKind::Department => "部门整体绩效自评表",
            FormKind::Project => "项目支出绩效自评表",
            FormKind::DepartmentSpending => "部门整体支出绩效自评表",
        }
    }

    pub fn from_name(name: &str) -> Option<FormKind> {
        FormKind::ALL
            .into_iter()
            .find(|form| form.name() == name.trim())
    }

    /// The national table of 财预〔2020〕10号 (one table, 资金 and 年度总体目标).
    pub const fn is_national(self) -> bool {
        !matches!(self, FormKind::Department)
    }

    /// The template that starts the document.
    pub const fn main_template(self) -> &'static str {
        match self {
            FormKind::Department => "report.typ.j2",
            FormKind::Project | FormKind::DepartmentSpending => "national.typ.j2",
        }
    }

    /// Whether a report of this form may have the top-level key `key`.
    pub fn allows(self, key: TopKey) -> bool {
        key_forms(key).is_none_or(|forms| forms.contains(&self))
    }

    /// The top-level keys a report of this form must have.
    pub fn required(self) -> &'static [TopKey] {
        use TopKey::*;
        match self {
            FormKind::Department => &[UnitName, Year, Submitted, Budget, Goals],
            FormKind::Project => &[
                UnitName,
                Year,
                Submitted,
                ProjectName,
                Funds,
                OverallGoal,
                Indicators,
            ],
            FormKind::DepartmentSpending => {
                &[UnitName, Year, Submitted, Funds, OverallGoal, Indicators]
            }
        }
    }
}

/// The forms a top-level key belongs to; None when it belongs to every form.
pub fn key_forms(key: TopKey) -> Option<&'static [FormKind]> {
    use TopKey::*;
    const DEPARTMENT: &[FormKind] = &[FormKind::Department];
    const NATIONAL: &[FormKind] = &[FormKind::Project, FormKind::DepartmentSpending];
    const PROJECT: &[FormKind] = &[FormKind::Project];
    match key {
        Form | UnitName | Year | Submitted | Settings | Annex => None,
        ShortName | Region | Title | Budget | Goals | Abridged => Some(DEPARTMENT),
        ProjectName => Some(PROJECT),
        Department | Implementer | Funds | OverallGoal | Indicators | Remarks => Some(NATIONAL),
    }
}

/// "项目支出绩效自评表和部门整体支出绩效自评表"
pub fn names(forms: &[FormKind]) -> String {
    let names: Vec<&str> = forms.iter().map(|form| form.name()).collect();
    names.join("和")
}
