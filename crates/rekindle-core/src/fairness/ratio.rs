//! Exact fractions for fair division: always reduced, denominator positive. Points are
//! at most 100 per item and 200 items, so `i128` never comes near overflowing; results
//! are shown as reduced fraction strings ("2/3", "1", "0"), never as floats.

use std::cmp::Ordering;
use std::fmt;
use std::ops::{Add, Div, Mul, Sub};

/// A reduced fraction `num / den` with `den > 0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ratio {
    num: i128,
    den: i128,
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Ratio {
    pub const ZERO: Self = Self { num: 0, den: 1 };
    pub const ONE: Self = Self { num: 1, den: 1 };

    /// `num / den`, reduced. A zero denominator is a programming error; it gives zero
    /// rather than a panic.
    #[must_use]
    pub fn new(num: i128, den: i128) -> Self {
        if den == 0 {
            return Self::ZERO;
        }
        let sign = if den < 0 { -1 } else { 1 };
        let g = gcd(num, den).max(1);
        Self {
            num: sign * num / g,
            den: sign * den / g,
        }
    }

    #[must_use]
    pub fn from_int(n: i64) -> Self {
        Self::new(i128::from(n), 1)
    }

    #[must_use]
    pub fn numer(self) -> i128 {
        self.num
    }

    #[must_use]
    pub fn denom(self) -> i128 {
        self.den
    }

    /// The nearest value with two decimals, for words only ("56.67").
    #[must_use]
    pub fn two_decimals(self) -> String {
        let hundredths = (self.num * 200 + self.den) / (self.den * 2);
        format!("{}.{:02}", hundredths / 100, (hundredths % 100).abs())
    }

    /// A whole percentage, rounded half up, for words ("83%").
    #[must_use]
    pub fn percent(self) -> i128 {
        (self.num * 200 + self.den) / (self.den * 2)
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.den == 1 {
            write!(f, "{}", self.num)
        } else {
            write!(f, "{}/{}", self.num, self.den)
        }
    }
}

impl Add for Ratio {
    type Output = Self;
    fn add(self, o: Self) -> Self {
        Self::new(self.num * o.den + o.num * self.den, self.den * o.den)
    }
}

impl Sub for Ratio {
    type Output = Self;
    fn sub(self, o: Self) -> Self {
        Self::new(self.num * o.den - o.num * self.den, self.den * o.den)
    }
}

/// Dividing by zero gives zero (callers never do).
impl Div for Ratio {
    type Output = Self;
    fn div(self, o: Self) -> Self {
        Self::new(self.num * o.den, self.den * o.num)
    }
}

impl Mul for Ratio {
    type Output = Self;
    fn mul(self, o: Self) -> Self {
        Self::new(self.num * o.num, self.den * o.den)
    }
}

impl Ord for Ratio {
    fn cmp(&self, o: &Self) -> Ordering {
        (self.num * o.den).cmp(&(o.num * self.den))
    }
}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl std::iter::Sum for Ratio {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::ZERO, |a, b| a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_reduce_and_print_as_the_contract_says() {
        assert_eq!(Ratio::new(4, 6).to_string(), "2/3");
        assert_eq!(Ratio::new(6, 6).to_string(), "1");
        assert_eq!(Ratio::new(0, 5).to_string(), "0");
        assert_eq!(Ratio::new(3, -6).to_string(), "-1/2");
        assert_eq!(Ratio::new(1, 3) + Ratio::new(1, 6), Ratio::new(1, 2));
        assert_eq!(Ratio::ONE - Ratio::new(1, 6), Ratio::new(5, 6));
        assert!(Ratio::new(1, 3) < Ratio::new(1, 2));
        assert_eq!(Ratio::new(170, 3).two_decimals(), "56.67");
        assert_eq!(Ratio::new(5, 6).percent(), 83);
    }
}
