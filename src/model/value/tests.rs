//! Every comparator glyph and word, and every unit form, as real tables write them.

use rust_decimal::Decimal;

use super::*;

fn quantity(text: &str) -> Quantity {
    match parse_value(text) {
        Value::Quantity(quantity) => quantity,
        other => panic!("{text:?} read as {other:?}"),
    }
}

fn reads(text: &str, comparator: Option<Comparator>, number: &str, unit: &str) {
    let q = quantity(text);
    assert_eq!(q.comparator, comparator, "{text}");
    assert_eq!(q.number, number.parse::<Decimal>().unwrap(), "{text}");
    assert_eq!(q.unit, unit, "{text}");
}

use Comparator::{AtLeast, AtMost, Equal, LessThan, MoreThan};

#[test]
fn ascii_and_mathematical_glyphs() {
    reads("≥95%", Some(AtLeast), "95", "%");
    reads("≤10人次", Some(AtMost), "10", "人次");
    reads(">90%", Some(MoreThan), "90", "%");
    reads("<5起", Some(LessThan), "5", "起");
    reads("=100%", Some(Equal), "100", "%");
    reads(">=98%", Some(AtLeast), "98", "%");
    reads("<=2次", Some(AtMost), "2", "次");
    reads("=>98%", Some(AtLeast), "98", "%");
    reads("=<2次", Some(AtMost), "2", "次");
}

#[test]
fn full_width_glyphs() {
    reads("＞90％", Some(MoreThan), "90", "%");
    reads("＜5起", Some(LessThan), "5", "起");
    reads("＝100％", Some(Equal), "100", "%");
    reads("＞＝98％", Some(AtLeast), "98", "%");
    reads("＜＝2次", Some(AtMost), "2", "次");
    reads("≧＝98%", Some(AtLeast), "98", "%");
}

#[test]
fn variant_glyphs() {
    reads("≧95%", Some(AtLeast), "95", "%");
    reads("≦10人次", Some(AtMost), "10", "人次");
    reads("⩾80%", Some(AtLeast), "80", "%");
    reads("⩽3天", Some(AtMost), "3", "天");
    reads("═100%", Some(Equal), "100", "%");
    reads("﹦1次", Some(Equal), "1", "次");
    reads("﹥90%", Some(MoreThan), "90", "%");
    reads("﹤5%", Some(LessThan), "5", "%");
    reads("≮90%", Some(AtLeast), "90", "%");
    reads("≯10%", Some(AtMost), "10", "%");
    reads("≥95﹪", Some(AtLeast), "95", "%");
}

#[test]
fn words_before_the_number() {
    reads("不低于95%", Some(AtLeast), "95", "%");
    reads("不少于30个", Some(AtLeast), "30", "个");
    reads("不高于5%", Some(AtMost), "5", "%");
    reads("不超过10万元", Some(AtMost), "10", "万元");
    reads("小于等于2%", Some(AtMost), "2", "%");
    reads("小于或等于2%", Some(AtMost), "2", "%");
    reads("大于等于90%", Some(AtLeast), "90", "%");
    reads("大于或等于90%", Some(AtLeast), "90", "%");
    reads("高于或等于90%", Some(AtLeast), "90", "%");
    reads("低于等于3%", Some(AtMost), "3", "%");
    reads("达到100%", Some(AtLeast), "100", "%");
    reads("不多于3次", Some(AtMost), "3", "次");
    reads("控制在5%以内", Some(AtMost), "5", "%");
    reads("大于 90 %", Some(MoreThan), "90", "%");
    reads("小于5起", Some(LessThan), "5", "起");
}

#[test]
fn words_after_the_number() {
    reads("95%以上", Some(AtLeast), "95", "%");
    reads("95%及以上", Some(AtLeast), "95", "%");
    reads("95%或以上", Some(AtLeast), "95", "%");
    reads("10人次以下", Some(AtMost), "10", "人次");
    reads("10人次或以下", Some(AtMost), "10", "人次");
    reads("3天以内", Some(AtMost), "3", "天");
    reads("3天及以内", Some(AtMost), "3", "天");
    reads("不低于95%以上", Some(AtLeast), "95", "%");
}

#[test]
fn words_that_disagree_are_not_a_quantity() {
    assert!(matches!(parse_value("≥95%以下"), Value::Qualitative(_)));
    assert!(matches!(
        parse_value("不超过10人次以上"),
        Value::Qualitative(_)
    ));
}

#[test]
fn the_direction_follows_the_comparator() {
    for lower in [
        "≤5%",
        "≦5%",
        "⩽5%",
        "<5%",
        "＜5%",
        "﹤5%",
        "<=5%",
        "不超过5%",
        "不高于5%",
        "小于等于5%",
        "5%以下",
        "5%以内",
        "控制在5%",
    ] {
        assert!(
            quantity(lower).comparator.unwrap().is_upper_bound(),
            "{lower}"
        );
    }
    for higher in [
        "≥5%",
        "≧5%",
        "⩾5%",
        ">5%",
        "＞5%",
        "﹥5%",
        ">=5%",
        "不低于5%",
        "不少于5%",
        "大于等于5%",
        "5%以上",
        "达到5%",
        "=5%",
        "═5%",
        "﹦5%",
    ] {
        assert!(
            !quantity(higher).comparator.unwrap().is_upper_bound(),
            "{higher}"
        );
    }
}

#[test]
fn full_width_digits_and_percent() {
    reads("９５％", None, "95", "%");
    reads("≥９５．５％", Some(AtLeast), "95.5", "%");
}

#[test]
fn compound_units() {
    reads("≥300元/人·月", Some(AtLeast), "300", "元/人·月");
    reads("≤1200元/人*月", Some(AtMost), "1200", "元/人*月");
    reads("≤50万元/公里", Some(AtMost), "50", "万元/公里");
    reads("≥2000人次/年", Some(AtLeast), "2000", "人次/年");
    reads("≥5000平方米", Some(AtLeast), "5000", "平方米");
    reads("320元／人・月", None, "320", "元/人・月");
    reads("300元/人·月以上", Some(AtLeast), "300", "元/人·月");
    reads("≥12立方米/小时", Some(AtLeast), "12", "立方米/小时");
}

#[test]
fn compound_units_compare_whatever_dot_joins_them() {
    let units = ["元/人·月", "元/人*月", "元/人・月", "元/人•月", "元/人＊月"];
    for unit in units {
        assert_eq!(
            quantity(&format!("300{unit}")).normalized_unit(),
            "元/人·月",
            "{unit}"
        );
    }
    assert_ne!(
        quantity("300元/人").normalized_unit(),
        quantity("300元/月").normalized_unit()
    );
}

#[test]
fn sentences_are_still_no_unit() {
    assert!(matches!(
        parse_value("30个社区居委会"),
        Value::Qualitative(_)
    ));
    assert!(matches!(
        parse_value("30个/社区居委会工作站"),
        Value::Qualitative(_)
    ));
    assert!(matches!(parse_value("3元/a/b/c/d"), Value::Qualitative(_)));
}

#[test]
fn what_read_before_reads_the_same() {
    reads("30 个", None, "30", "个");
    reads("≥80%", Some(AtLeast), "80", "%");
    reads("10人次以内", Some(AtMost), "10", "人次");
    reads("3天内", Some(AtMost), "3", "天");
    reads("超过80%", Some(MoreThan), "80", "%");
    reads("低于5起", Some(LessThan), "5", "起");
    reads("1,000 户", None, "1000", "户");
}
