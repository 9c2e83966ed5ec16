//! Indicators whose target is written as the 预算管理一体化 system splits it (指标性质, 指标值,
//! 度量单位): their 年初目标值 made of the three, their 指标性质 the direction scoring takes;
//! a located error when neither way is written, or both and they disagree.

use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use crate::located::At;
use crate::model::split_target::joined_target;
use crate::model::value::parse_value;
use crate::model::{Indicator, Report, Text};

/// Every indicator of the report with its 年初目标值, one way or the other.
pub fn join_split_targets(report: &mut Report, diagnostics: &mut Diagnostics) {
    for goal in &mut report.goals {
        for level1 in &mut goal.groups {
            for level2 in &mut level1.groups {
                for indicator in &mut level2.indicators {
                    join(indicator, diagnostics);
                }
            }
        }
    }
}

fn join(indicator: &mut Indicator, diagnostics: &mut Diagnostics) {
    let nature = indicator.nature.as_ref().map(|n| n.value);
    if indicator.direction.is_none()
        && let Some(at) = &indicator.nature
        && let Some(direction) = at.value.direction()
    {
        indicator.direction = Some(At::new(direction, at.span));
    }
    let written = indicator.target.span != Span::default();
    let name = indicator.name.value.clone();
    let Some(value) = &indicator.value else {
        if !written {
            diagnostics.push(
                Diagnostic::error(format!("指标「{name}」没有年初目标值"))
                    .at(indicator.name.span)
                    .help(
                        "写「年初目标值: ≥95%」，或按预算管理一体化的写法分三行写「指标性质: 正向指标」「指标值: 95」「度量单位: %」",
                    ),
            );
        }
        return;
    };
    let unit = indicator.unit.as_ref().map_or("", |u| u.value.as_str());
    let joined = joined_target(nature, &value.value, unit);
    if !written {
        indicator.target = At::new(Text(joined), value.span);
        return;
    }
    if parse_value(&joined) != parse_value(&indicator.target.value) {
        diagnostics.push(
            Diagnostic::error(format!(
                "指标「{name}」的年初目标值「{}」与指标性质、指标值、度量单位合起来的「{joined}」不一致",
                indicator.target.value.0
            ))
            .at(indicator.target.span)
            .help("只写一种：删去「年初目标值」，或删去「指标性质」「指标值」「度量单位」；两种都写时须一致"),
        );
    }
}
