//! How the model's values are written in machine formats (the audit's
//! JSON). The model knows nothing of JSON; its values' shapes are decided
//! here, at the edge, once.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::model::{Quarter, QuarterRange, Rational};

/// A number rounded to two decimals (what a person reads in the report).
impl Serialize for Rational {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let hundredths = self.saturating_mul(Rational::integer(100));
        let rounded = (hundredths.numerator() * 2 + hundredths.denominator())
            .div_euclid(2 * hundredths.denominator());
        serializer.serialize_f64(rounded as f64 / 100.0)
    }
}

/// As in plans: `2027-Q1`.
impl Serialize for Quarter {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("{}-Q{}", self.year, self.number))
    }
}

/// `{"first": "2027-Q1", "last": "2027-Q4"}`.
impl Serialize for QuarterRange {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut range = serializer.serialize_struct("QuarterRange", 2)?;
        range.serialize_field("first", &self.first)?;
        range.serialize_field("last", &self.last)?;
        range.end()
    }
}
