//! The imported table as YAML files, split as `jixiao new` splits a report: 部门整体绩效自评表 into
//! 单位.yaml, one file per goal and 自评表.yaml; a national table into 单位.yaml, 总体目标.yaml,
//! 指标.yaml and 自评表.yaml.

use rust_decimal::Decimal;

use super::decide::{Decided, Extra};
use super::table::{Goal, Row, Table};
use crate::commands::new::NewFile;
use crate::model::Band;
use crate::yaml_text::YamlText;

pub fn files(table: &Table, decided: &Decided) -> Vec<NewFile> {
    let mut files = vec![NewFile {
        name: "单位.yaml".to_string(),
        text: unit_file(table),
    }];
    if table.form.is_national() {
        files.push(file("总体目标.yaml", |yaml| overall_goal(yaml, table)));
        files.push(file("指标.yaml", |yaml| {
            if let (Some(goal), Some(extras)) = (table.goals.first(), decided.rows.first()) {
                indicator_tree(yaml, 0, goal, extras);
            }
        }));
    } else {
        let width = table.goals.len().to_string().len();
        for (goal, extras) in table.goals.iter().zip(&decided.rows) {
            let name = format!("目标{:0width$}.yaml", goal.number);
            files.push(file(&name, |yaml| goal_section(yaml, goal, extras)));
        }
    }
    files.push(file("自评表.yaml", |yaml| annex(yaml, table)));
    files
}

fn file(name: &str, write: impl FnOnce(&mut YamlText)) -> NewFile {
    let mut yaml = YamlText::new();
    yaml.comment(0, "由 jixiao import 从 Excel 自评表导入，请核对");
    write(&mut yaml);
    NewFile {
        name: name.to_string(),
        text: yaml.finish(),
    }
}

fn number(value: Decimal) -> String {
    value.normalize().to_string()
}

fn unit_file(table: &Table) -> String {
    let mut yaml = YamlText::new();
    yaml.comment(0, "由 jixiao import 从 Excel 自评表导入，请核对");
    if table.form.is_national() {
        yaml.text(0, "表样", table.form.name());
    }
    let optional = |yaml: &mut YamlText, key: &str, value: &Option<String>| {
        if let Some(value) = value {
            yaml.text(0, key, value);
        }
    };
    optional(&mut yaml, "单位名称", &table.unit_name);
    if table.form.is_national() {
        optional(&mut yaml, "项目名称", &table.project_name);
        optional(&mut yaml, "主管部门", &table.department);
        optional(&mut yaml, "实施单位", &table.implementer);
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
    yaml.blank();
    if table.form.is_national() {
        funds(&mut yaml, table);
    } else {
        budget(&mut yaml, table);
    }
    yaml.finish()
}

fn budget(yaml: &mut YamlText, table: &Table) {
    let budget = &table.budget;
    yaml.open(0, "预算");
    let amounts = [
        ("分值", budget.weight),
        ("调整后预算数", budget.adjusted),
        ("执行数", budget.spent),
        ("基本支出", budget.basic),
        ("项目支出", budget.project),
    ];
    for (key, amount) in amounts {
        if let Some(amount) = amount {
            yaml.raw(2, key, &number(amount), None);
        }
    }
}

fn funds(yaml: &mut YamlText, table: &Table) {
    yaml.open(0, "资金");
    yaml.raw(
        2,
        "分值",
        &number(table.funds_weight.unwrap_or(Decimal::TEN)),
        None,
    );
    for (name, cells) in &table.funds {
        let written: Vec<String> = ["年初预算数", "全年预算数", "全年执行数"]
            .iter()
            .zip(cells)
            .filter_map(|(key, cell)| cell.map(|c| format!("{key}: {}", number(c))))
            .collect();
        yaml.raw(2, name, &format!("{{{}}}", written.join(", ")), None);
    }
}

fn overall_goal(yaml: &mut YamlText, table: &Table) {
    yaml.open(0, "年度总体目标");
    for (key, text) in [
        ("预期目标", &table.expected),
        ("实际完成情况", &table.achieved),
    ] {
        match text {
            Some(text) => yaml.block(2, key, &with_newline(text)),
            None => yaml.raw(2, key, "\"\"", None),
        }
    }
}

/// A text as a block scalar keeps it: one line break at its end.
fn with_newline(text: &str) -> String {
    format!("{}\n", text.trim_end())
}

fn goal_section(yaml: &mut YamlText, goal: &Goal, extras: &[Extra]) {
    let key = format!("年度目标{}", goal.number);
    yaml.open(0, &key);
    let name = if goal.name.is_empty() {
        format!("年度目标{}", goal.number)
    } else {
        goal.name.clone()
    };
    yaml.text(2, "名称", &name);
    let weight = goal.weight.unwrap_or_else(|| {
        // Each weight is below 10¹⁵ (import's limit on numbers): the sum cannot overflow.
        goal.indicators
            .iter()
            .filter_map(|r| r.weight)
            .fold(Decimal::ZERO, Decimal::saturating_add)
    });
    yaml.raw(2, "分值", &number(weight), None);
    indicator_tree(yaml, 2, goal, extras);
}

/// `指标:` at `at`: 一级 → 二级 → the rows, grouped in the order each group first appears (a
/// group written twice in YAML would be a duplicate key).
fn indicator_tree(yaml: &mut YamlText, at: usize, goal: &Goal, extras: &[Extra]) {
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

fn annex(yaml: &mut YamlText, table: &Table) {
    if let Some(remarks) = &table.remarks {
        yaml.block(0, "备注", &with_newline(remarks));
    }
    let texts = [
        ("偏差大或目标未完成原因分析", &table.deviation),
        ("改进措施及结果应用方案", &table.improvement),
    ];
    let signs = [
        ("填报人", &table.filled_by),
        ("联系电话", &table.phone),
        ("单位负责人", &table.head),
    ];
    let has_texts = !table.form.is_national() && texts.iter().any(|(_, t)| t.is_some());
    if !has_texts && signs.iter().all(|(_, v)| v.is_none()) {
        return;
    }
    yaml.open(0, "自评表");
    if !table.form.is_national() {
        for (key, text) in texts {
            if let Some(text) = text {
                yaml.block(2, key, &with_newline(text));
            }
        }
    }
    for (key, value) in signs {
        if let Some(value) = value {
            yaml.text(2, key, value);
        }
    }
}
