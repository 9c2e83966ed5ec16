//! The 一级 and 二级指标 of a report that declares its own framework (`设置: 指标体系:` as a
//! mapping 一级 → 二级): only the names declared there are accepted.

use crate::diagnostic::{Diagnostic, Diagnostics, closest};
use crate::located::At;
use crate::model::{Goal, OwnLevel1};

/// Each 一级指标 must be one the report declared, each 二级指标 one declared under its 一级.
pub fn check_own_framework(goal: &Goal, levels: &[OwnLevel1], diagnostics: &mut Diagnostics) {
    let level1_names: Vec<&str> = levels.iter().map(|level| level.name.as_str()).collect();
    for level1 in &goal.groups {
        let Some(declared) = levels.iter().find(|level| level.name == level1.name.value) else {
            diagnostics.push(
                Diagnostic::error(format!(
                    "「{}」不是本报告指标体系中的一级指标",
                    level1.name.value
                ))
                .at(level1.name.span)
                .help(help(
                    &level1.name,
                    &level1_names,
                    &format!(
                        "「设置: 指标体系」中的一级指标有：{}；表格确有这个一级指标时把它加进「指标体系」",
                        level1_names.join("、")
                    ),
                )),
            );
            continue;
        };
        let level2_names: Vec<&str> = declared.level2.iter().map(String::as_str).collect();
        for level2 in &level1.groups {
            if level2_names.contains(&level2.name.value.as_str()) {
                continue;
            }
            let elsewhere = levels
                .iter()
                .find(|level| level.level2.contains(&level2.name.value))
                .map(|level| {
                    format!(
                        "「{}」在「指标体系」中写在一级指标「{}」下；",
                        level2.name.value, level.name
                    )
                })
                .unwrap_or_default();
            diagnostics.push(
                Diagnostic::error(format!(
                    "「{}」不是一级指标「{}」下的二级指标",
                    level2.name.value, level1.name.value
                ))
                .at(level2.name.span)
                .help(help(
                    &level2.name,
                    &level2_names,
                    &format!(
                        "{elsewhere}「设置: 指标体系」中「{}」下的二级指标有：{}",
                        level1.name.value,
                        level2_names.join("、")
                    ),
                )),
            );
        }
    }
}

/// `choices`, after 「是不是想写…」 when `typed` is close to one of `known`.
fn help(typed: &At<String>, known: &[&str], choices: &str) -> String {
    match closest(&typed.value, known) {
        Some(close) => format!("是不是想写「{close}」？{choices}"),
        None => choices.to_string(),
    }
}
