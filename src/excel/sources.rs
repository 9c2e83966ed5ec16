//! The YAML sources import writes of a 自评表, in the pieces every form's files are made of:
//! a file with import's comment, 单位名称 and the dates, the indicator tree with what import
//! decided of each indicator, and 自评表 (备注, the texts, the sign-off). Each form splits them
//! into files as `jixiao new` splits a report of it.

use rust_decimal::Decimal;

use crate::excel::read::table::{Goal, Row, Table};
use crate::model::taxonomy;
use crate::model::{Band, Framework, MoneyUnit, OwnLevel1};
use crate::yaml_text::YamlText;

/// A YAML source and its file name.
#[derive(Debug)]
pub struct YamlFile {
    pub name: String,
    pub text: String,
}

/// Per indicator (goal by goal, in order): what to write beyond the workbook's own cells.
#[derive(Debug, Default)]
pub struct Decided {
    pub rows: Vec<Vec<Extra>>,
    pub notes: Vec<String>,
}

#[derive(Debug, Default, Clone)]
pub struct Extra {
    pub band: Option<Band>,
    pub score: Option<Decimal>,
    pub score_reason: Option<String>,
}

/// The file `name`, as import wrote it: its comment, then what `write` writes.
pub fn file(name: &str, write: impl FnOnce(&mut YamlText)) -> YamlFile {
    let mut yaml = YamlText::new();
    yaml.comment(0, "由 jixiao import 从 Excel 自评表导入，请核对");
    write(&mut yaml);
    YamlFile {
        name: name.to_string(),
        text: yaml.finish(),
    }
}

/// A number as YAML writes it: `20`, `13581.29`.
pub fn number(value: Decimal) -> String {
    value.normalize().to_string()
}

/// A text as a block scalar keeps it: one line break at its end.
pub fn with_newline(text: &str) -> String {
    format!("{}\n", text.trim_end())
}

/// 单位名称, then `names` (the form's other header cells, each when the sheet has it), 年度 and
/// 提交时间 (the sheet's 填报日期, else 30 June of the next year, said in a comment).
pub fn unit(yaml: &mut YamlText, table: &Table, names: &[(&str, &Option<String>)]) {
    let optional = |yaml: &mut YamlText, key: &str, value: &Option<String>| {
        if let Some(value) = value {
            yaml.text(0, key, value);
        }
    };
    optional(yaml, "单位名称", &table.unit_name);
    for (key, value) in names {
        optional(yaml, key, value);
    }
    let year = table.year.unwrap_or(2000);
    yaml.raw(0, "年度", &year.to_string(), None);
    let submitted = table
        .filled_on
        .as_deref()
        .filter(|date| crate::model::Date::parse(date).is_some())
        .map_or_else(|| format!("{}-06-30", u32::from(year) + 1), str::to_string);
    let comment = table
        .filled_on
        .is_none()
        .then_some("工作簿中没有提交时间：请改为实际提交的日期");
    yaml.raw(0, "提交时间", &submitted, comment);
    settings(yaml, table);
    yaml.blank();
}

/// `设置:` with the 金额单位, 得分小数位数 and 指标体系 the sheet shows, when they are not the
/// defaults.
fn settings(yaml: &mut YamlText, table: &Table) {
    let unit = table
        .money_unit
        .filter(|&unit| unit != MoneyUnit::default());
    let framework = framework_of(table);
    if unit.is_none() && table.score_places.is_none() && framework.is_none() {
        return;
    }
    yaml.open(0, "设置");
    if let Some(unit) = unit {
        yaml.raw(2, "金额单位", unit.name_zh(), None);
    }
    if let Some(places) = table.score_places {
        yaml.raw(2, "得分小数位数", &places.to_string(), None);
    }
    match framework {
        Some(Framework::Own(levels)) => {
            yaml.comment(
                2,
                "工作簿的一级、二级指标不是预设的指标体系，按工作簿写出本报告自己的指标体系：请核对",
            );
            yaml.open(2, "指标体系");
            for level in &levels {
                let level2: Vec<String> = level.level2.iter().map(|name| flow_item(name)).collect();
                yaml.raw(4, &level.name, &format!("[{}]", level2.join(", ")), None);
            }
        }
        Some(framework) => yaml.text(2, "指标体系", framework.name_zh()),
        None => {}
    }
}

/// A name inside a YAML flow list `[…]`: quoted when it has a character of the list's syntax.
fn flow_item(name: &str) -> String {
    if name.contains([',', '[', ']', '{', '}', '#', ':']) {
        serde_json::to_string(name).unwrap_or_default()
    } else {
        crate::yaml_text::scalar(name).into_owned()
    }
}

/// The framework the sheet's 一级 and 二级指标 need when they are not the standard ones:
/// 决策过程产出效益 when each 一级 is one of its 一级 (决策, 过程, 产出, 效益 or 效果) and each 二级
/// one of that 一级's; otherwise the 一级 and 二级 as the sheet has them, in the order they first
/// appear, as the report's own list (the sheet cannot say which framework its province meant).
fn framework_of(table: &Table) -> Option<Framework> {
    let rows = table.goals.iter().flat_map(|goal| &goal.indicators);
    if rows
        .clone()
        .all(|row| taxonomy::standard_level1(&row.level1).is_some())
    {
        return None;
    }
    let decision_process = rows.clone().all(|row| {
        taxonomy::decision_process_level1(&row.level1)
            .is_some_and(|(_, allowed)| allowed.contains(&row.level2.as_str()))
    });
    if decision_process {
        return Some(Framework::DecisionProcess);
    }
    let mut levels: Vec<OwnLevel1> = Vec::new();
    for row in rows {
        let index = match levels.iter().position(|level| level.name == row.level1) {
            Some(index) => index,
            None => {
                levels.push(OwnLevel1 {
                    name: row.level1.clone(),
                    level2: Vec::new(),
                });
                levels.len() - 1
            }
        };
        if !levels[index].level2.contains(&row.level2) {
            levels[index].level2.push(row.level2.clone());
        }
    }
    Some(Framework::Own(levels))
}

/// `指标:` at `at`: 一级 → 二级 → the rows, grouped in the order each group first appears (a
/// group written twice in YAML would be a duplicate key).
pub fn indicator_tree(yaml: &mut YamlText, at: usize, goal: &Goal, extras: &[Extra]) {
    type Group<'a> = (&'a str, Vec<(&'a str, Vec<(&'a Row, &'a Extra)>)>);
    let mut groups: Vec<Group> = Vec::new();
    for (row, extra) in goal.indicators.iter().zip(extras) {
        let level1 = match groups.iter_mut().find(|(name, _)| *name == row.level1) {
            Some(group) => group,
            None => {
                groups.push((&row.level1, Vec::new()));
                groups.last_mut().expect("just pushed")
            }
        };
        match level1.1.iter_mut().find(|(name, _)| *name == row.level2) {
            Some(level2) => level2.1.push((row, extra)),
            None => level1.1.push((&row.level2, vec![(row, extra)])),
        }
    }
    yaml.open(at, "指标");
    for (level1, level2s) in groups {
        yaml.open(at + 2, level1);
        for (level2, rows) in level2s {
            yaml.open(at + 4, level2);
            for (row, extra) in rows {
                indicator_item(yaml, at + 6, row, extra);
            }
        }
    }
}

fn indicator_item(yaml: &mut YamlText, indent: usize, row: &Row, extra: &Extra) {
    let inner = indent + 2;
    yaml.item(indent, "三级指标", &row.name);
    yaml.text(inner, "年初目标值", &row.target);
    if let Some(actual) = &row.actual {
        yaml.text(inner, "实际完成值", actual);
    }
    yaml.raw(inner, "分值", &number(row.weight.unwrap_or_default()), None);
    if let Some(score) = extra.score {
        yaml.raw(inner, "得分", &number(score), None);
    }
    if let Some(reason) = &extra.score_reason {
        yaml.text(inner, "得分说明", reason);
    }
    if let Some(band) = extra.band {
        let name = match band {
            Band::Reached => "达成",
            Band::Partly => "部分达成",
            Band::Missed => "未达成",
        };
        yaml.text(inner, "完成档次", name);
    }
    if let Some(explanation) = &row.explanation {
        yaml.text(inner, "说明", explanation);
    }
}

/// 自评表.yaml: 备注, then under `自评表:` the form's `texts` and the sign-off (nothing when
/// there is neither).
pub fn annex(table: &Table, texts: &[(&str, &Option<String>)]) -> YamlFile {
    file("自评表.yaml", |yaml| {
        if let Some(remarks) = &table.remarks {
            yaml.block(0, "备注", &with_newline(remarks));
        }
        let signs = [
            ("填报人", &table.filled_by),
            ("联系电话", &table.phone),
            ("单位负责人", &table.head),
            ("项目负责人及电话", &table.project_lead),
        ];
        let has_texts = texts.iter().any(|(_, t)| t.is_some()) || table.other_matters.is_some();
        if !has_texts && signs.iter().all(|(_, v)| v.is_none()) {
            return;
        }
        yaml.open(0, "自评表");
        for (key, text) in texts {
            if let Some(text) = text {
                yaml.block(2, key, &with_newline(text));
            }
        }
        if let Some(text) = &table.other_matters {
            yaml.block(2, "其他需要说明事项", &with_newline(text));
        }
        for (key, value) in signs {
            if let Some(value) = value {
                yaml.text(2, key, value);
            }
        }
    })
}
