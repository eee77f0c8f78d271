//! Why a value was not accepted, as facts: which situation, about which
//! text. The words are `rules/invalid-value.yaml`'s, one case per
//! [`Problem`] (rendered by the `invalid-value` check kind, for findings,
//! import's notes and rule parameters alike); the model has none.

use super::schema::ValueType;
use super::time::Quarter;

/// A value the model could not accept, and what its place takes instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidValue {
    pub problem: Problem,
    pub expected: Expected,
}

/// What a place takes: usually its key's type; a date and a currency code
/// are named more narrowly when only that part is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Type(ValueType),
    /// A date that exists, written year-month-day.
    CalendarDate,
    /// Three capital letters (ISO 4217).
    CurrencyCode,
}

/// The situation, with the text it is about as written (a whole value, an
/// item of a list, one quarter of a range, a currency code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A value of another shape than its key takes.
    WrongShape {
        written: String,
        shape: Shape,
    },
    /// An item of a list of names that is no name.
    WrongShapeInList {
        written: String,
        shape: Shape,
    },
    NotAStage {
        written: String,
    },
    /// A percentage where a plain count is wanted.
    Percentage {
        written: String,
    },
    /// `2027-Q5`: the year is fine, the quarter number is not.
    QuarterNumber {
        written: String,
        number: String,
    },
    /// A quarter or date outside [`super::time::FIRST_YEAR`]..=[`super::time::LAST_YEAR`].
    OutsideYears {
        written: String,
    },
    RangeBackwards {
        first: Quarter,
        last: Quarter,
    },
    /// `2027-02-30`.
    NotACalendarDate {
        written: String,
    },
    TooLarge {
        written: String,
    },
    NoUnit {
        written: String,
    },
    NotAnEffort {
        written: String,
    },
    NotADuration {
        written: String,
    },
    NotMoney {
        written: String,
    },
    NoCurrency {
        written: String,
    },
    NotACurrencyCode {
        written: String,
    },
    /// An amount of money where a number is wanted.
    Money {
        written: String,
    },
    NotANumber {
        written: String,
    },
}

/// The shape of a value as written, whatever its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    String,
    Person,
    BareWord,
    Boolean,
    Quarter,
    QuarterRange,
    Date,
    Money,
    NumberWithUnit,
    Number,
    List,
}

impl Problem {
    /// The text the problem is about, if it is about one.
    pub fn written(&self) -> Option<&str> {
        match self {
            Problem::WrongShape { written, .. }
            | Problem::WrongShapeInList { written, .. }
            | Problem::NotAStage { written }
            | Problem::Percentage { written }
            | Problem::QuarterNumber { written, .. }
            | Problem::OutsideYears { written }
            | Problem::NotACalendarDate { written }
            | Problem::TooLarge { written }
            | Problem::NoUnit { written }
            | Problem::NotAnEffort { written }
            | Problem::NotADuration { written }
            | Problem::NotMoney { written }
            | Problem::NoCurrency { written }
            | Problem::NotACurrencyCode { written }
            | Problem::Money { written }
            | Problem::NotANumber { written } => Some(written),
            Problem::RangeBackwards { .. } => None,
        }
    }
}
