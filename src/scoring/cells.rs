//! The seven cells of an indicator's row, one shape for every table, list and comparison that
//! shows an indicator: the scorecard, the unmet list, the forms' tables, the diff.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::Indicator;
use crate::scoring::score::{IndicatorScore, fixed};

/// 一级指标, 二级指标, 三级指标, 年初目标值, 实际完成值, 分值 and 得分 of one indicator. The
/// numbers are `Decimal`s where they are still computed with (the facts, the diff), and strings
/// with two decimals ("90.66") once printed; a struct holding the cells flattens them into its
/// own keys.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct IndicatorCells<N = String> {
    pub level1: String,
    pub level2: String,
    /// 三级指标
    pub name: String,
    /// 年初目标值 as written.
    pub target: String,
    /// 实际完成值 as written; empty when not filled in.
    pub actual: String,
    /// 分值
    pub weight: N,
    /// 得分: the score that counts.
    pub score: N,
}

impl IndicatorCells<Decimal> {
    /// The cells of `indicator`, written under `level1` and `level2` and scored `score`.
    pub fn scored(
        level1: &str,
        level2: &str,
        indicator: &Indicator,
        score: &IndicatorScore,
    ) -> IndicatorCells<Decimal> {
        IndicatorCells {
            level1: level1.to_string(),
            level2: level2.to_string(),
            name: indicator.name.value.clone(),
            target: indicator.target.0.clone(),
            actual: indicator.actual_text(),
            weight: score.weight,
            score: score.score,
        }
    }

    /// The cells with their numbers written with two decimals ("90.66"), as the scorecard and
    /// the diff show them.
    pub fn with_two_decimals(&self) -> IndicatorCells {
        self.with_places(2)
    }

    /// The cells with their numbers written with `places` decimals (得分小数位数), as the
    /// scorecard shows them.
    pub fn with_places(&self, places: u32) -> IndicatorCells {
        IndicatorCells {
            level1: self.level1.clone(),
            level2: self.level2.clone(),
            name: self.name.clone(),
            target: self.target.clone(),
            actual: self.actual.clone(),
            weight: fixed(self.weight, places),
            score: fixed(self.score, places),
        }
    }
}
