//! The rule set a report is scored by (domain.md section 8): a named preset (`设置: 计分规则`)
//! with any single setting overridden.

use rust_decimal::Decimal;

use crate::model::taxonomy;
use crate::model::{Band, ReverseRule, RuleSetName, Settings};

/// The settings that decide scores, each from the preset unless the report overrides it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScoringRules {
    pub name: RuleSetName,
    pub reverse: ReverseRule,
    pub bands: Bands,
    /// The weight 预算执行 is expected to have.
    pub budget_weight: Decimal,
    /// The weights the 一级指标 of a national table are expected to have, where the rule set
    /// fixes them (全国: 产出 50, 效益 30, 满意度 10).
    pub level1_weights: Option<[(&'static str, Decimal); 3]>,
    /// 得分小数位数: every score is rounded to this many decimals (2 unless the report says).
    pub places: u32,
}

/// The three qualitative bands as two cuts, in percent of the weight: 未达成 is
/// [0, partly_low), 部分达成 [partly_low, reached_low), 达成 [reached_low, 100].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bands {
    pub partly_low: Decimal,
    pub reached_low: Decimal,
}

impl Bands {
    /// (lowest, highest) share of the weight, in percent.
    pub fn range(self, band: Band) -> (Decimal, Decimal) {
        match band {
            Band::Reached => (self.reached_low, Decimal::ONE_HUNDRED),
            Band::Partly => (self.partly_low, self.reached_low),
            Band::Missed => (Decimal::ZERO, self.partly_low),
        }
    }

    /// "达成 80%–100%，部分达成 60%–80%，未达成 0–60%"
    pub fn describe(self) -> String {
        [Band::Reached, Band::Partly, Band::Missed]
            .into_iter()
            .map(|band| {
                let (low, high) = self.range(band);
                format!(
                    "{} {}%–{}%",
                    band.name_zh(),
                    low.normalize(),
                    high.normalize()
                )
            })
            .collect::<Vec<_>>()
            .join("，")
    }
}

impl RuleSetName {
    /// The preset's defaults.
    pub fn defaults(self) -> ScoringRules {
        let percent = Decimal::from;
        let bands = |partly_low: i64| Bands {
            partly_low: percent(partly_low),
            reached_low: percent(80),
        };
        let (bands, budget_weight) = match self {
            RuleSetName::Hubei => (bands(60), percent(20)),
            RuleSetName::National => (bands(60), percent(10)),
            RuleSetName::Anhui => (bands(50), percent(20)),
        };
        let level1_weights = (self == RuleSetName::National).then(|| {
            [
                (taxonomy::OUTPUT, percent(50)),
                (taxonomy::BENEFIT, percent(30)),
                (taxonomy::SATISFACTION, percent(10)),
            ]
        });
        ScoringRules {
            name: self,
            reverse: ReverseRule::Ratio,
            bands,
            budget_weight,
            level1_weights,
            places: 2,
        }
    }
}

impl ScoringRules {
    /// The preset named in `settings` (湖北 by default) with its overrides. Overrides that do not
    /// fit together are errors of their own (validate); here the later in the order 未达成,
    /// 部分达成, 达成 wins.
    pub fn of(settings: &Settings) -> ScoringRules {
        let name = settings
            .rule_set
            .as_ref()
            .map(|n| n.value)
            .unwrap_or_default();
        let mut rules = name.defaults();
        rules.places = settings.score_places();
        if let Some(rule) = &settings.reverse_rule {
            rules.reverse = rule.value;
        }
        if let Some(weight) = &settings.budget_weight {
            rules.budget_weight = weight.value.0;
        }
        if let Some(missed) = &settings.missed_range {
            rules.bands.partly_low = missed.value.high;
        }
        if let Some(partly) = &settings.partly_range {
            rules.bands.partly_low = partly.value.low;
            rules.bands.reached_low = partly.value.high;
        }
        if let Some(reached) = &settings.reached_range {
            rules.bands.reached_low = reached.value.low;
        }
        rules
    }
}
