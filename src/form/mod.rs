//! The forms a report can take (`表样`). Each form has its own top-level keys and their JSON
//! Schema, checks, document, templates, example and rules for next year's report (its folder
//! here and its templates); the indicator tree, values, scoring, diagnostics, glyph check,
//! typesetting and every command are shared. A form's folder writes in the shared vocabulary
//! of [`keys`], [`next_year`] and [`example`]; [`boundary`] is what the stages and the commands
//! ask of a form.
//!
//! - 部门整体绩效自评表 (the default): the Hubei layout of the model document, an abridged report
//!   with Annex 1; several 年度目标 with their own weights.
//! - 项目支出绩效自评表 and 部门整体支出绩效自评表: the national layout of 财预〔2020〕10号, one table
//!   ([`national`]).

pub mod boundary;
pub mod department;
pub mod example;
pub mod keys;
pub mod national;
pub mod next_year;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::MapAccess;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostics, Span};
use crate::model::settings::Settings;
use crate::model::tree::{Breakdown, Budget, Goal};

pub use keys::TopKey;

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
    /// What the schema says of `表样`: the forms it may name.
    pub const KEY_DESCRIPTION: &str =
        "表样（可选）：部门整体绩效自评表（默认）、项目支出绩效自评表或部门整体支出绩效自评表";

    /// The name of the form a report is when it names none.
    pub const DEFAULT_NAME: &str = FormKind::Department.name();

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

/// Every form's built-in templates, by name (a `--templates` folder replaces them by name).
pub fn templates() -> Vec<(&'static str, &'static str)> {
    [
        department::templates::TEMPLATES,
        national::templates::TEMPLATES,
    ]
    .concat()
}

/// Where the form named `name` stands in the list of forms: the order tables list reports in.
pub fn position(name: &str) -> Option<usize> {
    FormKind::ALL.iter().position(|form| form.name() == name)
}

/// "项目支出绩效自评表和部门整体支出绩效自评表"
pub fn names(forms: &[FormKind]) -> String {
    let names: Vec<&str> = forms.iter().map(|form| form.name()).collect();
    names.join("和")
}

/// A form's own part of a report: what the shared stages leave to the form.
#[derive(Clone, Debug)]
pub enum Own {
    Department(Box<department::Department>),
    National(Box<national::National>),
}

/// A top-level entry of one form's own keys.
#[derive(Debug)]
pub enum OwnEntry {
    Department(Box<department::keys::Entry>),
    National(Box<national::keys::Entry>),
}

impl OwnEntry {
    /// Reads the value of `key` when some form owns the key; None (the value unread) otherwise.
    pub fn read<'de, A: MapAccess<'de>>(key: &str, map: &mut A) -> Result<Option<Self>, A::Error> {
        if let Some(entry) = department::keys::read(key, map)? {
            return Ok(Some(OwnEntry::Department(Box::new(entry))));
        }
        let entry = national::keys::read(key, map)?;
        Ok(entry.map(|entry| OwnEntry::National(Box::new(entry))))
    }

    pub fn key(&self) -> TopKey {
        match self {
            OwnEntry::Department(entry) => entry.key(),
            OwnEntry::National(entry) => entry.key(),
        }
    }

    /// The goals the entry holds, to be checked on their own when the report cannot be built.
    pub fn goals(&self) -> &[Goal] {
        match self {
            OwnEntry::Department(entry) => entry.goals(),
            OwnEntry::National(_) => &[],
        }
    }

    /// The key as compared for duplicates, when it is not the key as written.
    pub fn canonical_key(&self) -> Option<String> {
        match self {
            OwnEntry::Department(entry) => entry.canonical_key(),
            OwnEntry::National(_) => None,
        }
    }
}

/// Every form's own entries of all files, before the report is put together.
#[derive(Default)]
pub struct OwnDraft {
    department: department::keys::Draft,
    national: national::keys::Draft,
}

/// What a form's own keys give the report: 预算执行 and the goals as scored, how the summary
/// breaks the total down, and the form's own part.
pub struct Finished {
    pub budget: Budget,
    pub goals: Vec<Goal>,
    pub breakdown: Breakdown,
    pub own: Own,
}

impl OwnDraft {
    pub fn take(&mut self, key: Span, entry: OwnEntry) {
        match entry {
            OwnEntry::Department(entry) => self.department.take(key, *entry),
            OwnEntry::National(entry) => self.national.take(*entry),
        }
    }

    /// Whether a required key counts as written though not under its own name.
    pub fn written_otherwise(&self, key: TopKey) -> bool {
        self.department.written_otherwise(key)
    }

    /// The report's parts that `form` makes of its own keys (it may set a default rule set).
    pub fn finish(
        self,
        form: FormKind,
        form_at: Option<Span>,
        settings: &mut Settings,
        anchor: Span,
        diagnostics: &mut Diagnostics,
    ) -> Option<Finished> {
        match form {
            FormKind::Department => {
                let (budget, goals, own) = self.department.finish(anchor, diagnostics)?;
                Some(Finished {
                    budget,
                    goals,
                    breakdown: Breakdown::Goals,
                    own: Own::Department(Box::new(own)),
                })
            }
            FormKind::Project | FormKind::DepartmentSpending => {
                let (budget, goals, own) = self.national.finish(form_at?, settings)?;
                Some(Finished {
                    budget,
                    goals,
                    breakdown: Breakdown::Level1,
                    own: Own::National(Box::new(own)),
                })
            }
        }
    }
}

/// What `form` writes instead of `key`, a key of another form.
pub fn instead(form: FormKind, key: TopKey) -> &'static str {
    match form {
        FormKind::Department => department::keys::instead(key),
        FormKind::Project | FormKind::DepartmentSpending => national::keys::instead(key),
    }
}

/// A hint for a top-level key no form has, when a form reads it as a misspelling of its own.
pub fn unknown_key_help(key: &str) -> Option<String> {
    department::keys::unknown_key_help(key)
}

/// How to add `key`, a key `form` requires.
pub fn missing_help(form: FormKind, key: TopKey) -> Option<String> {
    department::keys::missing_help(key).or_else(|| national::keys::missing_help(key, form.name()))
}

/// The schema of the value under `key`, a key of some form, and what it is.
pub fn key_schema(key: TopKey, generator: &mut SchemaGenerator) -> Option<(Schema, &'static str)> {
    department::schema::key_schema(key, generator)
        .or_else(|| national::schema::key_schema(key, generator))
}

/// The keys of some form besides the [`TopKey`]s, as editors offer them by name, with their
/// schemas.
pub fn more_key_schemas(generator: &mut SchemaGenerator) -> Vec<(String, Schema)> {
    department::schema::numbered_goal_keys(generator)
}

/// The patterns of those keys (every spelling the loader accepts), with their schemas.
pub fn key_pattern_schemas(generator: &mut SchemaGenerator) -> Vec<(String, Schema)> {
    vec![department::schema::numbered_goal_pattern(generator)]
}

/// What editors call the object definitions of the forms' own keys.
pub fn definition_titles() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    let department = department::schema::DEFINITION_TITLES.iter();
    department.chain(national::schema::DEFINITION_TITLES)
}
