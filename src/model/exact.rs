//! Arithmetic on the report's numbers that never panics.
//!
//! `rust_decimal`'s operators panic when a result leaves the type's range (about 7.9 × 10²⁸):
//! `1e20 / 1e-20` is "Division overflowed". Every number a report holds is read within
//! [`MAX_INTEGER_DIGITS`](crate::model::MAX_INTEGER_DIGITS) integer digits and
//! [`MAX_DECIMALS`](crate::model::MAX_DECIMALS) decimals, so what scoring computes stays far
//! inside the range: a sum of fewer than 7 × 10¹¹ numbers, a ratio of two of them (at most
//! 10¹⁷ ÷ 10⁻⁶ = 10²³), such a ratio times 100, a number times a share of at most 1. The product
//! of two of them (up to 10³⁴) would not fit, and nothing computes one. These functions are
//! what the code uses all the same, so that no input the bounds let through by mistake (nor a
//! number made by the program) can end in a panic: they saturate at the range's ends, and a
//! division by zero has no result.

use rust_decimal::Decimal;

/// `a + b`, saturating.
pub fn add(a: Decimal, b: Decimal) -> Decimal {
    a.saturating_add(b)
}

/// `a - b`, saturating.
pub fn sub(a: Decimal, b: Decimal) -> Decimal {
    a.saturating_sub(b)
}

/// `a × b`, saturating.
pub fn mul(a: Decimal, b: Decimal) -> Decimal {
    a.saturating_mul(b)
}

/// `part / whole`; None when `whole` is 0 or the quotient is beyond a decimal.
pub fn ratio(part: Decimal, whole: Decimal) -> Option<Decimal> {
    part.checked_div(whole)
}

/// A fraction as a percentage (0.3 → 30), saturating.
pub fn percent(fraction: Decimal) -> Decimal {
    mul(fraction, Decimal::ONE_HUNDRED)
}

/// The sum of `values`, saturating.
pub fn sum(values: impl IntoIterator<Item = Decimal>) -> Decimal {
    values.into_iter().fold(Decimal::ZERO, add)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn nothing_panics_at_the_ends_of_the_range() {
        let tiny = dec("0.0000000000000000000000000001");
        assert_eq!(ratio(Decimal::MAX, tiny), None);
        assert_eq!(ratio(Decimal::ONE, Decimal::ZERO), None);
        assert_eq!(mul(Decimal::MAX, Decimal::MAX), Decimal::MAX);
        assert_eq!(mul(Decimal::MIN, Decimal::MAX), Decimal::MIN);
        assert_eq!(add(Decimal::MAX, Decimal::ONE), Decimal::MAX);
        assert_eq!(sub(Decimal::MIN, Decimal::ONE), Decimal::MIN);
        assert_eq!(sum([Decimal::MAX, Decimal::MAX]), Decimal::MAX);
        assert_eq!(percent(Decimal::MAX), Decimal::MAX);
    }

    #[test]
    fn within_the_bounds_nothing_saturates() {
        let largest = dec("99999999999999999.999999");
        let smallest = dec("0.000001");
        let quotient = ratio(largest, smallest).unwrap();
        assert!(quotient >= dec("99999999999999999999999"), "{quotient}");
        assert!(percent(quotient) < dec("100000000000000000000000000"));
        assert_eq!(
            sum(std::iter::repeat_n(largest, 1000)),
            largest * Decimal::from(1000)
        );
        assert!(mul(largest, Decimal::ONE) == largest);
    }
}
