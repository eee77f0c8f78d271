//! Calendar time: dates, quarters and quarter ranges.
//!
//! Time is counted in days (LANGUAGE.md): a quarter used as a start means its
//! first day, used as a deadline or an end its last day. Years are limited to
//! [`FIRST_YEAR`]..=[`LAST_YEAR`] so that a range can never span millions of
//! quarters.

use std::fmt;

pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2199;

/// Why [`Date::parse_strict`] refused a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrictDateError {
    /// Not four, two and two digits with dashes.
    NotYearMonthDay,
    /// `2027-02-30`.
    NoSuchDay,
    /// Outside [`FIRST_YEAR`]..=[`LAST_YEAR`].
    OutsideYears,
}

/// A calendar date, stored as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    days: i64,
}

impl Date {
    /// A date from year, month and day; `None` if it does not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date {
            days: days_from_civil(year as i64, month as i64, day as i64),
        })
    }

    /// Parses `2027-03-31`.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        if parts.next().is_some() {
            return None;
        }
        Date::from_ymd(year, month, day)
    }

    /// Parses a date written exactly `YYYY-MM-DD` (four, two and two
    /// digits) in the years planlint knows, as on the command line; `Err`
    /// says what is wrong (the command line words it).
    pub fn parse_strict(text: &str) -> Result<Date, StrictDateError> {
        let shape = text.len() == 10
            && text.bytes().enumerate().all(|(index, byte)| match index {
                4 | 7 => byte == b'-',
                _ => byte.is_ascii_digit(),
            });
        if !shape {
            return Err(StrictDateError::NotYearMonthDay);
        }
        let date = Date::parse(text).ok_or(StrictDateError::NoSuchDay)?;
        if !(FIRST_YEAR..=LAST_YEAR).contains(&date.ymd().0) {
            return Err(StrictDateError::OutsideYears);
        }
        Ok(date)
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.days)
    }

    pub fn add_days(self, days: i64) -> Date {
        Date {
            days: self.days.saturating_add(days),
        }
    }

    pub fn days_since(self, earlier: Date) -> i64 {
        self.days - earlier.days
    }

    pub fn quarter(self) -> Quarter {
        let (year, month, _) = self.ymd();
        Quarter {
            year,
            number: ((month - 1) / 3 + 1) as u8,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = self.ymd();
        write!(f, "{year:04}-{month:02}-{day:02}")
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's algorithms (public domain), on the proleptic Gregorian calendar.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year as i32, month as u32, day as u32)
}

/// A calendar quarter, `2027-Q1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: i32,
    /// 1 to 4.
    pub number: u8,
}

impl Quarter {
    /// Parses `2027-Q1`; `None` for a quarter number outside 1..=4 or a year
    /// outside the supported range.
    pub fn parse(text: &str) -> Option<Quarter> {
        let (year, number) = text.split_once("-Q")?;
        let year: i32 = year.parse().ok()?;
        let number: u8 = number.parse().ok()?;
        ((1..=4).contains(&number) && (FIRST_YEAR..=LAST_YEAR).contains(&year))
            .then_some(Quarter { year, number })
    }

    /// A running count of quarters, so that consecutive quarters differ by one.
    pub fn ordinal(self) -> i64 {
        self.year as i64 * 4 + (self.number as i64 - 1)
    }

    pub fn from_ordinal(ordinal: i64) -> Quarter {
        Quarter {
            year: ordinal.div_euclid(4) as i32,
            number: (ordinal.rem_euclid(4) + 1) as u8,
        }
    }

    pub fn first_day(self) -> Date {
        let month = (self.number as u32 - 1) * 3 + 1;
        Date::from_ymd(self.year, month, 1).expect("the first day of a quarter exists")
    }

    pub fn last_day(self) -> Date {
        Quarter::from_ordinal(self.ordinal() + 1)
            .first_day()
            .add_days(-1)
    }
}

impl fmt::Display for Quarter {
    /// `Q2 2027`, as people say it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Q{} {}", self.number, self.year)
    }
}

/// An inclusive range of quarters, `2027-Q1..2027-Q4`; a single quarter is a range of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct QuarterRange {
    pub first: Quarter,
    pub last: Quarter,
}

impl QuarterRange {
    pub fn single(quarter: Quarter) -> QuarterRange {
        QuarterRange {
            first: quarter,
            last: quarter,
        }
    }

    /// The number of quarters in the range (at least 1).
    pub fn len(self) -> i64 {
        self.last.ordinal() - self.first.ordinal() + 1
    }

    pub fn is_empty(self) -> bool {
        false
    }

    pub fn quarters(self) -> impl Iterator<Item = Quarter> {
        (self.first.ordinal()..=self.last.ordinal()).map(Quarter::from_ordinal)
    }

    pub fn contains(self, quarter: Quarter) -> bool {
        self.first <= quarter && quarter <= self.last
    }

    pub fn overlaps(self, other: QuarterRange) -> bool {
        self.first <= other.last && other.first <= self.last
    }
}

impl fmt::Display for QuarterRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{}–{}", self.first, self.last)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_have_first_and_last_days() {
        let q = Quarter::parse("2027-Q1").unwrap();
        assert_eq!(q.first_day().to_string(), "2027-01-01");
        assert_eq!(q.last_day().to_string(), "2027-03-31");
        let q4 = Quarter::parse("2027-Q4").unwrap();
        assert_eq!(q4.last_day().to_string(), "2027-12-31");
        assert_eq!(Quarter::parse("2027-Q5"), None);
        assert_eq!(Quarter::parse("2027-Q0"), None);
    }

    #[test]
    fn dates_round_trip_and_validate() {
        for bad in [
            "2027-1-1",
            "99999-01-01",
            "0000-01-01",
            "2027-02-30",
            "+027-01-01",
            "２０２７-01-01",
        ] {
            assert!(Date::parse_strict(bad).is_err(), "{bad}");
        }
        assert!(Date::parse_strict("2199-12-31").is_ok());
        for text in ["2027-03-31", "2024-02-29", "1970-01-01", "2199-12-31"] {
            assert_eq!(Date::parse(text).unwrap().to_string(), text);
        }
        assert_eq!(Date::parse("2027-02-29"), None);
        assert_eq!(Date::parse("2027-13-01"), None);
        let start = Date::parse("2027-01-01").unwrap();
        assert_eq!(start.add_days(270).to_string(), "2027-09-28");
        assert_eq!(
            Date::parse("2027-05-15").unwrap().quarter().to_string(),
            "Q2 2027"
        );
    }

    #[test]
    fn ranges_count_and_overlap() {
        let range = QuarterRange {
            first: Quarter::parse("2027-Q3").unwrap(),
            last: Quarter::parse("2028-Q2").unwrap(),
        };
        assert_eq!(range.len(), 4);
        let names: Vec<String> = range.quarters().map(|q| q.to_string()).collect();
        assert_eq!(names, ["Q3 2027", "Q4 2027", "Q1 2028", "Q2 2028"]);
        assert!(range.overlaps(QuarterRange::single(Quarter::parse("2028-Q1").unwrap())));
    }
}
