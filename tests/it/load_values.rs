//! Targets and actual values (`value::parse_value`): a comparator, an exact number and a unit,
//! or text kept exactly as written.

use jixiao::model::value::{Comparator, Quantity, Value, parse_value};
use rust_decimal::Decimal;

fn quantity(text: &str) -> Quantity {
    match parse_value(text) {
        Value::Quantity(quantity) => quantity,
        other => panic!("「{text}」 should be a quantity, got {other:?}"),
    }
}

/// Comparator, number as written, unit.
fn parts(text: &str) -> (Option<Comparator>, String, String) {
    let q = quantity(text);
    (q.comparator, q.number.to_string(), q.unit)
}

fn qualitative(text: &str) -> String {
    match parse_value(text) {
        Value::Qualitative(kept) => kept,
        other => panic!("「{text}」 should be qualitative, got {other:?}"),
    }
}

#[test]
fn comparators_in_unicode_and_ascii() {
    use Comparator::*;
    let cases = [
        ("≥80%", AtLeast),
        (">=80%", AtLeast),
        ("≤10 人次", AtMost),
        ("<=10 人次", AtMost),
        (">5", MoreThan),
        ("<5", LessThan),
        ("=100%", Equal),
    ];
    for (text, comparator) in cases {
        assert_eq!(quantity(text).comparator, Some(comparator), "{text}");
    }
}

#[test]
fn ascii_two_character_comparators_are_not_read_as_one() {
    assert_eq!(
        parts(">=80%"),
        (Some(Comparator::AtLeast), "80".into(), "%".into())
    );
    assert_eq!(
        parts("<=10"),
        (Some(Comparator::AtMost), "10".into(), "".into())
    );
}

#[test]
fn only_upper_bounds_mean_lower_is_better() {
    assert!(Comparator::AtMost.is_upper_bound());
    assert!(Comparator::LessThan.is_upper_bound());
    assert!(!Comparator::AtLeast.is_upper_bound());
    assert!(!Comparator::MoreThan.is_upper_bound());
    assert!(!Comparator::Equal.is_upper_bound());
}

#[test]
fn a_plain_number_has_no_comparator_and_no_unit() {
    assert_eq!(parts("800"), (None, "800".into(), "".into()));
}

#[test]
fn units_of_the_readme() {
    let units = [
        "%", "个", "次", "人次", "座", "条", "张", "场次", "处", "分", "起", "万元",
    ];
    for unit in units {
        for text in [
            format!("30{unit}"),
            format!("30 {unit}"),
            format!("≥30 {unit}"),
        ] {
            let q = quantity(&text);
            assert_eq!(q.unit, unit, "{text}");
            assert_eq!(q.number, Decimal::from(30), "{text}");
        }
    }
}

#[test]
fn numbers_are_exact_and_keep_their_decimals() {
    assert_eq!(quantity("82.50%").number.to_string(), "82.50");
    assert_eq!(quantity("13581.29 万元").number.to_string(), "13581.29");
    assert_eq!(quantity("0起").number, Decimal::ZERO);
}

#[test]
fn spaces_around_the_parts_are_ignored() {
    assert_eq!(
        parts("  ≥ 80 %  "),
        (Some(Comparator::AtLeast), "80".into(), "%".into())
    );
}

#[test]
fn full_width_percent_is_the_same_unit() {
    assert_eq!(quantity("90％").normalized_unit(), "%");
    assert_eq!(quantity("90%").normalized_unit(), "%");
}

#[test]
fn no_data_is_its_own_value() {
    assert_eq!(parse_value("无法取得"), Value::NoData);
    assert_eq!(parse_value(" 无法取得 "), Value::NoData);
}

#[test]
fn qualitative_text_is_kept_exactly() {
    for text in [
        "不断提升",
        "通过考核",
        "前三",
        "效果良好",
        "按时完成",
        "群众满意度明显提高，投诉减少",
    ] {
        assert_eq!(qualitative(text), text);
    }
}

#[test]
fn a_sentence_starting_with_a_number_is_qualitative() {
    let text = "9条湖溪，水域总面积20平方公里";
    assert_eq!(qualitative(text), text);
}

#[test]
fn a_number_with_a_long_trailing_text_is_qualitative() {
    assert_eq!(qualitative("100%完成年度任务"), "100%完成年度任务");
}
