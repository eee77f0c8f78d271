//! Rational quantities: efforts, calendar durations, money.
//!
//! Amounts are exact rationals over `i128`, so spreading 40 person-days over
//! three quarters and adding it back gives exactly 40, and `0.1 + 0.2` budgets
//! compare as a person expects. Inputs are bounded when parsed
//! ([`MAX_MAGNITUDE`]), so sums of any realistic plan cannot overflow; the
//! arithmetic is checked anyway and saturates rather than panicking.

use std::cmp::Ordering;
use std::fmt;

/// The largest absolute value a number in a plan may have (a thousand trillion).
pub const MAX_MAGNITUDE: i128 = 1_000_000_000_000_000;

/// An exact rational number, always in lowest terms with a positive denominator.
///
/// Packed to 8-byte alignment: with `i128`'s own 16 it would pad every model
/// value (and so every attribute of a large plan) to a multiple of 16 bytes.
/// Its fields are only ever read by value, never borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(Rust, packed(8))]
pub struct Rational {
    numerator: i128,
    denominator: i128,
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

impl Rational {
    pub const ZERO: Rational = Rational {
        numerator: 0,
        denominator: 1,
    };

    pub fn new(numerator: i128, denominator: i128) -> Rational {
        if denominator == 0 {
            return Rational::ZERO;
        }
        let sign = if denominator < 0 { -1 } else { 1 };
        let divisor = gcd(numerator, denominator);
        Rational {
            numerator: sign * numerator / divisor,
            denominator: sign * denominator / divisor,
        }
    }

    pub fn integer(value: i128) -> Rational {
        Rational::new(value, 1)
    }

    /// Parses `1_200`, `1.5`, `0.125` (digits, underscores, one optional point).
    /// Returns `None` for anything else or for a magnitude above [`MAX_MAGNITUDE`].
    pub fn parse_decimal(text: &str) -> Option<Rational> {
        let (whole, fraction) = match text.split_once('.') {
            Some((whole, fraction)) => (whole, fraction),
            None => (text, ""),
        };
        if whole.is_empty() || fraction.len() > 12 {
            return None;
        }
        let mut numerator: i128 = 0;
        for c in whole.chars().chain(fraction.chars()) {
            match c {
                '_' => continue,
                '0'..='9' => {
                    numerator = numerator
                        .checked_mul(10)?
                        .checked_add(c as i128 - '0' as i128)?;
                    if numerator > MAX_MAGNITUDE * 1_000_000_000_000 {
                        return None;
                    }
                }
                _ => return None,
            }
        }
        let denominator = 10i128.pow(fraction.len() as u32);
        let value = Rational::new(numerator, denominator);
        (value.numerator / value.denominator <= MAX_MAGNITUDE).then_some(value)
    }

    pub fn numerator(self) -> i128 {
        self.numerator
    }

    pub fn denominator(self) -> i128 {
        self.denominator
    }

    pub fn checked_add(self, other: Rational) -> Option<Rational> {
        let divisor = gcd(self.denominator, other.denominator);
        let left = self.numerator.checked_mul(other.denominator / divisor)?;
        let right = other.numerator.checked_mul(self.denominator / divisor)?;
        let denominator = (self.denominator / divisor).checked_mul(other.denominator)?;
        Some(Rational::new(left.checked_add(right)?, denominator))
    }

    pub fn checked_mul(self, other: Rational) -> Option<Rational> {
        let a = gcd(self.numerator, other.denominator);
        let b = gcd(other.numerator, self.denominator);
        let numerator = (self.numerator / a).checked_mul(other.numerator / b)?;
        let denominator = (self.denominator / b).checked_mul(other.denominator / a)?;
        Some(Rational::new(numerator, denominator))
    }

    /// Adds, saturating at a huge value instead of overflowing. Saturation can
    /// only happen on adversarial input beyond [`MAX_MAGNITUDE`]-bounded values.
    pub fn saturating_add(self, other: Rational) -> Rational {
        self.checked_add(other).unwrap_or(if other.numerator < 0 {
            Rational::integer(i128::MIN / 4)
        } else {
            Rational::integer(i128::MAX / 4)
        })
    }

    pub fn saturating_mul(self, other: Rational) -> Rational {
        self.checked_mul(other)
            .unwrap_or(Rational::integer(i128::MAX / 4))
    }

    /// Divides by a positive whole number (spreading effort over quarters).
    pub fn divide_by(self, parts: i128) -> Rational {
        if parts <= 0 {
            return self;
        }
        let divisor = gcd(self.numerator, parts);
        match (self.denominator).checked_mul(parts / divisor) {
            Some(denominator) => Rational::new(self.numerator / divisor, denominator),
            None => Rational::ZERO,
        }
    }

    /// The largest whole number not above this value.
    pub fn floor(self) -> i128 {
        self.numerator.div_euclid(self.denominator)
    }

    pub fn is_integer(self) -> bool {
        self.denominator == 1
    }

    pub fn is_zero(self) -> bool {
        self.numerator == 0
    }
}

impl Default for Rational {
    fn default() -> Rational {
        Rational::ZERO
    }
}

impl PartialOrd for Rational {
    fn partial_cmp(&self, other: &Rational) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Rational {
    fn cmp(&self, other: &Rational) -> Ordering {
        // a/b vs c/d with b, d > 0: compare a*d with c*b; fall back to floats
        // only if the products overflow (adversarial magnitudes).
        match (
            self.numerator.checked_mul(other.denominator),
            other.numerator.checked_mul(self.denominator),
        ) {
            (Some(left), Some(right)) => left.cmp(&right),
            _ => {
                let left = self.numerator as f64 / self.denominator as f64;
                let right = other.numerator as f64 / other.denominator as f64;
                left.partial_cmp(&right).unwrap_or(Ordering::Equal)
            }
        }
    }
}

/// Whole numbers print as such; others with up to two decimals (rounded),
/// trailing zeros dropped: `40`, `13.33`, `2.5`.
impl fmt::Display for Rational {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.denominator == 1 {
            return write!(f, "{}", { self.numerator });
        }
        let negative = self.numerator < 0;
        let hundredths = (self.numerator.unsigned_abs() * 100 * 2 + self.denominator as u128)
            / (2 * self.denominator as u128);
        let whole = hundredths / 100;
        let fraction = hundredths % 100;
        let sign = if negative { "-" } else { "" };
        if fraction == 0 {
            write!(f, "{sign}{whole}")
        } else if fraction.is_multiple_of(10) {
            write!(f, "{sign}{whole}.{}", fraction / 10)
        } else {
            write!(f, "{sign}{whole}.{fraction:02}")
        }
    }
}

/// Effort in person-days (`40d`; `2w` = 10; `16h` = 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Effort {
    pub person_days: Rational,
}

impl fmt::Display for Effort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.person_days)
    }
}

/// A calendar duration in days (`120d`; `6w` = 42; `3mo` = 90).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CalendarDuration {
    pub days: Rational,
}

impl CalendarDuration {
    /// Whole days, rounded down (a date moves by whole days).
    pub fn whole_days(self) -> i64 {
        self.days.floor().clamp(-1_000_000, 1_000_000) as i64
    }
}

/// An amount of money in a currency (`20k EUR`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Money {
    pub amount: Rational,
    /// ISO 4217 code, e.g. `EUR`.
    pub currency: String,
}

/// `120,000 EUR`; an amount with cents keeps two decimals: `12,500.50 EUR`.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut amount = group_thousands(self.amount);
        if amount.len() >= 2 && amount.as_bytes()[amount.len() - 2] == b'.' {
            amount.push('0');
        }
        write!(f, "{amount} {}", self.currency)
    }
}

/// `120000` → `120,000`; fractions keep two decimals.
pub fn group_thousands(value: Rational) -> String {
    let text = value.to_string();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let mut grouped = String::new();
    for (index, c) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match fraction {
        Some(fraction) => format!("{sign}{grouped}.{fraction}"),
        None => format!("{sign}{grouped}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreading_and_adding_back_is_exact() {
        let forty = Rational::integer(40);
        let third = forty.divide_by(3);
        let total = third.saturating_add(third).saturating_add(third);
        assert_eq!(total, forty);
        assert_eq!(third.to_string(), "13.33");
    }

    #[test]
    fn decimals_parse_exactly() {
        let a = Rational::parse_decimal("0.1").unwrap();
        let b = Rational::parse_decimal("0.2").unwrap();
        assert_eq!(a.saturating_add(b), Rational::parse_decimal("0.3").unwrap());
        assert_eq!(
            Rational::parse_decimal("1_200"),
            Some(Rational::integer(1200))
        );
        assert_eq!(Rational::parse_decimal("1.5").unwrap().to_string(), "1.5");
        assert_eq!(Rational::parse_decimal("99999999999999999999999"), None);
    }

    #[test]
    fn money_prints_grouped() {
        let money = Money {
            amount: Rational::integer(1_200_000),
            currency: "EUR".into(),
        };
        assert_eq!(money.to_string(), "1,200,000 EUR");
        let cents = Money {
            amount: Rational::new(25_001, 2),
            currency: "EUR".into(),
        };
        assert_eq!(cents.to_string(), "12,500.50 EUR");
        assert_eq!(group_thousands(Rational::new(25, 2)), "12.5");
    }

    #[test]
    fn ordering_is_exact() {
        assert!(Rational::new(1, 3) < Rational::new(34, 100));
        assert!(Rational::new(-1, 2) < Rational::ZERO);
    }
}

/// Exchange rates a configuration states (`currencies: { USD: 0.92 EUR }`:
/// one USD is worth 0.92 EUR), so that sums over several currencies can be
/// made. Rates are not dated: the same rate serves every plan and every
/// quarter under the configuration, as a planning rate does; a plan is
/// budgeted at one rate, not re-valued day by day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExchangeRates {
    /// Currency → (what one unit is worth, in which currency).
    rates: std::collections::BTreeMap<String, (Rational, String)>,
}

impl ExchangeRates {
    /// States that one `from` is worth `worth` (a positive amount of another currency).
    pub fn insert(&mut self, from: &str, worth: Money) {
        self.rates
            .insert(from.to_string(), (worth.amount, worth.currency));
    }

    pub fn is_empty(&self) -> bool {
        self.rates.is_empty()
    }

    /// What one `from` is worth in `to`: the rate stated for it, the
    /// inverse of the one stated the other way, or through a currency both
    /// are stated in (`USD: 0.92 EUR`, `GBP: 1.17 EUR` convert USD to GBP).
    pub fn rate(&self, from: &str, to: &str) -> Option<Rational> {
        if from == to {
            return Some(Rational::integer(1));
        }
        let stated = |currency: &str| self.rates.get(currency);
        let inverse = |rate: Rational| {
            (!rate.is_zero()).then(|| Rational::new(rate.denominator(), rate.numerator()))
        };
        match (stated(from), stated(to)) {
            (Some((rate, target)), _) if target == to => Some(*rate),
            (_, Some((rate, target))) if target == from => inverse(*rate),
            (Some((from_rate, via)), Some((to_rate, to_via))) if via == to_via => {
                from_rate.checked_mul(inverse(*to_rate)?)
            }
            _ => None,
        }
    }

    /// `money` in currency `to`, when the rates allow it.
    pub fn convert(&self, money: &Money, to: &str) -> Option<Money> {
        let rate = self.rate(&money.currency, to)?;
        Some(Money {
            amount: money.amount.checked_mul(rate)?,
            currency: to.to_string(),
        })
    }
}
