//! The checks of amounts, weights and scores that every form shares: none is negative, weights
//! and scores have at most two decimals, and 预算执行 weighs what the rule set expects.

use rust_decimal::Decimal;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::located::At;
use crate::model::exact;
use crate::model::{Amount, Report};
use crate::scoring::rule_set::ScoringRules;
use crate::scoring::score::{fixed, two_decimals};

pub fn negative(what: &str, amount: &At<Amount>) -> Option<Diagnostic> {
    (amount.value.0 < Decimal::ZERO).then(|| {
        Diagnostic::error(format!("{what}不能为负数（写的是 {}）", amount.value.0))
            .at(amount.span)
            .help("填写 0 或正数")
    })
}

/// Weights and scores are printed and added with two decimals: more would not add up.
pub fn beyond_cents(what: &str, amount: &At<Amount>) -> Option<Diagnostic> {
    (amount.value.0.normalize().scale() > 2).then(|| {
        Diagnostic::error(format!(
            "{what} {} 超过两位小数",
            amount.value.0.normalize()
        ))
        .at(amount.span)
        .help(format!(
            "分值和得分最多保留两位小数（如 {}），否则打印出的数字加起来与合计不符",
            two_decimals(amount.value.0)
        ))
    })
}

/// A hand score with more decimals than the report's 得分小数位数 (one or none; two are
/// [`beyond_cents`]): the table would print it rounded, and the rows would not add up.
pub fn beyond_score_places(what: &str, score: &At<Amount>, places: u32) -> Option<Diagnostic> {
    let written = score.value.0.normalize();
    if written.scale() <= places || written.scale() > 2 {
        return None;
    }
    let (problem, kept) = match places {
        0 => ("不是整数", "得分取整数"),
        _ => ("超过一位小数", "得分保留一位小数"),
    };
    Some(
        Diagnostic::error(format!("{what} {written} {problem}"))
            .at(score.span)
            .help(format!(
                "本报告{kept}（设置: 得分小数位数: {places}），表中的得分按这个位数四舍五入后相加：写成 {}，或改写「得分小数位数」",
                fixed(score.value.0, places)
            )),
    )
}

/// A weight is not negative and has at most two decimals.
pub fn check_weight(what: &str, weight: &At<Amount>, diagnostics: &mut Diagnostics) {
    diagnostics.extend(negative(what, weight));
    diagnostics.extend(beyond_cents(what, weight));
}

/// The weight of 预算执行 the rule set expects (20 in 湖北 and 安徽, 10 in the national tables).
pub fn check_budget_weight(report: &Report, diagnostics: &mut Diagnostics) {
    let rules = ScoringRules::of(&report.settings);
    let weight = &report.budget.weight;
    if weight.value.0 == rules.budget_weight || !report.budget.scored() {
        return;
    }
    diagnostics.push(
        Diagnostic::warning(format!(
            "预算执行的分值为 {}，计分规则「{}」中一般为 {}",
            two_decimals(weight.value.0),
            rules.name.name_zh(),
            two_decimals(rules.budget_weight)
        ))
        .at(weight.span)
        .help(format!(
            "核对预算执行的分值；如确应为 {0}，在「设置:」下写「预算执行分值: {0}」，或选用相应的「计分规则」",
            weight.value.0.normalize()
        )),
    );
}

/// What an overspending warning names: the two amounts as the form calls them, whether it
/// states the rate, and where the form's text explains a real overspending.
pub struct Overspending<'a> {
    pub spent: (&'a str, &'a At<Amount>),
    pub budget: (&'a str, &'a At<Amount>),
    pub with_rate: bool,
    pub explain_in: &'a str,
}

/// Spending above the budget: the rate is capped at 100 %, but a reviewer asks why. None when
/// the budget is not positive (another check says so) or nothing was overspent.
pub fn overspent(o: &Overspending) -> Option<Diagnostic> {
    let ((spent_name, spent), (budget_name, budget)) = (o.spent, o.budget);
    let (amount, limit) = (spent.value.0, budget.value.0);
    if limit <= Decimal::ZERO || amount <= limit {
        return None;
    }
    let rate = if o.with_rate {
        let rate = exact::ratio(amount, limit)
            .map(exact::percent)
            .map_or_else(|| "很大".to_string(), |r| format!("{}%", two_decimals(r)));
        format!("（执行率 {rate}）")
    } else {
        String::new()
    };
    Some(
        Diagnostic::warning(format!(
            "{spent_name} {} 超过{budget_name} {}{rate}，预算执行按 100% 计分",
            two_decimals(amount),
            two_decimals(limit)
        ))
        .at(spent.span)
        .related(budget.span, budget_name)
        .help(format!(
            "核对决算数与{budget_name}；确有超支，请在「{}」中说明",
            o.explain_in
        )),
    )
}
