//! The dates of a column, read as the column shows them.
//!
//! A cell alone cannot say whether `1/10/25` is the 1st of October or the
//! 10th of January; the column can: one `26/9/25` in it proves day-first.
//! So the order is decided from all of a column's cells (or forced with
//! `--date-order`), then each cell that is a date in that order, a day and
//! a month name (`24th Sept`, `Oct 3`, `3. Oktober`) or an ISO week (`W12`,
//! `KW 12`, `2027-W12`) becomes a date cell. Cells that are none of these
//! are left as written for the cell readers (quarters, months, ranges), and
//! what cannot be read at all is reported there, as written.

use std::sync::LazyLock;

use regex::Regex;

use crate::import::cells::month_number;
use crate::import::table::Cell;
use crate::model::Date;

/// The order of day, month and year in numeric dates (`--date-order`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    Dmy,
    Mdy,
    Ymd,
}

impl DateOrder {
    pub fn parse(text: &str) -> Option<DateOrder> {
        match text.trim().to_ascii_lowercase().as_str() {
            "dmy" => Some(DateOrder::Dmy),
            "mdy" => Some(DateOrder::Mdy),
            "ymd" => Some(DateOrder::Ymd),
            _ => None,
        }
    }

    /// For notes: `day-first`.
    pub fn describe(self) -> &'static str {
        match self {
            DateOrder::Dmy => "day-first (day/month/year)",
            DateOrder::Mdy => "month-first (month/day/year)",
            DateOrder::Ymd => "year-first (year/month/day)",
        }
    }
}

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$").expect("valid pattern")
});
static WEEK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(\d{4})[- ]?)?(?:kw|w|wk|cw)\.? ?(\d{1,2})(?:[ /,]+(\d{4}))?$")
        .expect("valid pattern")
});

/// The three numbers of a numeric date, as written.
fn numeric_parts(text: &str) -> Option<(&str, &str, &str)> {
    let caps = NUMERIC.captures(text)?;
    let (a, b, c) = (caps.get(1)?, caps.get(2)?, caps.get(3)?);
    Some((a.as_str(), b.as_str(), c.as_str()))
}

/// What one cell says about its column's order, if anything.
fn evidence(text: &str) -> Option<DateOrder> {
    let (a, b, c) = numeric_parts(text)?;
    if a.len() == 4 {
        return Some(DateOrder::Ymd);
    }
    if c.len() != 4 && c.len() != 2 {
        return None;
    }
    let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    match (a > 12, b > 12) {
        (true, false) if a <= 31 => Some(DateOrder::Dmy),
        (false, true) if b <= 31 => Some(DateOrder::Mdy),
        _ => None,
    }
}

/// The order a column's cells prove: `None` when none proves one, or when
/// they disagree (each cell is then read on its own).
pub fn column_order<'a>(cells: impl Iterator<Item = &'a Cell>) -> Option<DateOrder> {
    let mut found = None;
    for cell in cells {
        let Cell::Text(text) = cell else { continue };
        match (found, evidence(text.trim())) {
            (_, None) => {}
            (None, Some(order)) => found = Some(order),
            (Some(seen), Some(order)) if seen == order => {}
            (Some(_), Some(_)) => return None,
        }
    }
    found
}

fn year_of(text: &str) -> Option<i32> {
    let year: i32 = text.parse().ok()?;
    match text.len() {
        2 => Some(2000 + year),
        4 => Some(year),
        _ => None,
    }
}

/// A numeric date in a known order.
fn numeric(text: &str, order: DateOrder) -> Option<Date> {
    let (a, b, c) = numeric_parts(text)?;
    let (day, month, year) = match order {
        DateOrder::Dmy => (a, b, c),
        DateOrder::Mdy => (b, a, c),
        DateOrder::Ymd => (c, b, a),
    };
    Date::from_ymd(year_of(year)?, month.parse().ok()?, day.parse().ok()?)
}

/// `24th Sept`, `3 Oct 2014`, `Oct 3`, `October 3rd, 2014`, `3. Oktober`,
/// `1er mars`, `3 de octubre de 2027`: a day and a month's name, with or
/// without a year. The year is `default_year` when the cell has none.
fn day_and_month_name(text: &str, default_year: Option<i32>) -> Option<(Date, bool)> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-')
        .filter(|word| !word.is_empty() && !matches!(*word, "de" | "del" | "of" | "the"))
        .collect();
    let mut day = None;
    let mut month = None;
    let mut year = None;
    for word in &words {
        let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
        let rest = &word[digits.len()..];
        if digits.is_empty() {
            month = Some(month.xor(month_number(word)).filter(|_| month.is_none())?);
            continue;
        }
        let ordinal = matches!(
            rest,
            "" | "." | "st" | "nd" | "rd" | "th" | "er" | "º" | "o"
        );
        if !ordinal {
            return None;
        }
        if digits.len() == 4 && rest.is_empty() && year.is_none() {
            year = digits.parse::<i32>().ok();
        } else if digits.len() <= 2 && day.is_none() {
            day = digits.parse::<u32>().ok();
        } else {
            return None;
        }
    }
    let (day, month) = (day?, month?);
    let (year, assumed) = match year {
        Some(year) => (year, false),
        None => (default_year?, true),
    };
    Some((Date::from_ymd(year, month, day)?, assumed))
}

/// The Monday of ISO week `week` of `year`.
pub fn iso_week_monday(year: i32, week: u32) -> Option<Date> {
    if !(1..=53).contains(&week) {
        return None;
    }
    // The 4th of January is always in week 1.
    let january_4 = Date::from_ymd(year, 1, 4)?;
    let monday_of_week_1 = january_4.add_days(-weekday_from_monday(january_4));
    let monday = monday_of_week_1.add_days(7 * i64::from(week - 1));
    // Week 53 exists only in years that have it (its Thursday is in the year).
    (week < 53 || monday.add_days(3).ymd().0 == year).then_some(monday)
}

/// 0 for a Monday … 6 for a Sunday (1970-01-01 was a Thursday).
fn weekday_from_monday(date: Date) -> i64 {
    let epoch = Date::from_ymd(1970, 1, 1).unwrap_or(date);
    (date.days_since(epoch) + 3).rem_euclid(7)
}

/// `W12`, `KW 12`, `2027-W12`, `W12 2027`: the Monday of that ISO week.
fn week(text: &str, default_year: Option<i32>) -> Option<(Date, bool)> {
    let caps = WEEK.captures(text)?;
    let written = caps
        .get(1)
        .or(caps.get(3))
        .and_then(|year| year.as_str().parse().ok());
    let (year, assumed) = match written {
        Some(year) => (year, false),
        None => (default_year?, true),
    };
    let number: u32 = caps.get(2)?.as_str().parse().ok()?;
    Some((iso_week_monday(year, number)?, assumed))
}

/// Whether a numeric date cannot be a date in `order` (`26/3/27`
/// month-first): the cell reader then reads it the one way it can, and the
/// column's note says so.
pub fn contradicts(text: &str, order: DateOrder) -> bool {
    let lower = text.trim().to_lowercase();
    numeric_parts(&lower).is_some() && numeric(&lower, order).is_none()
}

/// What reading a column's dates did, for the summary.
#[derive(Debug, Default)]
pub struct ColumnDates {
    /// The order numeric dates were read in, when the column proved one or
    /// `--date-order` forced it.
    pub order: Option<DateOrder>,
    /// Whether a cell without a year took the default year.
    pub year_used: bool,
    /// The order numeric dates were to be read in (proven or forced), even
    /// when no cell could be read in it.
    pub intended: Option<DateOrder>,
}

/// Turns the date cells of a column into [`Cell::Date`]s, reading numeric
/// dates in `forced` order, else the order the column proves.
pub fn read_column(
    cells: &mut [&mut Cell],
    forced: Option<DateOrder>,
    default_year: Option<i32>,
) -> ColumnDates {
    let order = forced.or_else(|| column_order(cells.iter().map(|cell| &**cell)));
    let mut result = ColumnDates {
        order: None,
        year_used: false,
        intended: order,
    };
    for cell in cells.iter_mut() {
        let Cell::Text(text) = &**cell else { continue };
        let lower = text.trim().to_lowercase();
        let (date, assumed, by_order) = if let Some(date) = order.and_then(|o| numeric(&lower, o)) {
            (date, false, true)
        } else if let Some((date, assumed)) = week(&lower, default_year) {
            (date, assumed, false)
        } else if let Some((date, assumed)) = day_and_month_name(&lower, default_year) {
            (date, assumed, false)
        } else {
            continue;
        };
        result.year_used |= assumed;
        if by_order {
            result.order = order;
        }
        **cell = Cell::Date(date);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(texts: &[&str], forced: Option<DateOrder>, year: Option<i32>) -> Vec<String> {
        let mut cells: Vec<Cell> = texts.iter().map(|text| Cell::text(text)).collect();
        let mut refs: Vec<&mut Cell> = cells.iter_mut().collect();
        read_column(&mut refs, forced, year);
        cells
            .iter()
            .map(|cell| cell.as_text().into_owned())
            .collect()
    }

    #[test]
    fn the_column_decides_the_order() {
        assert_eq!(
            read(&["26/9/25", "1/10/25"], None, None),
            ["2025-09-26", "2025-10-01"]
        );
        assert_eq!(
            read(&["07/01/14", "07/21/14"], None, None),
            ["2014-07-01", "2014-07-21"]
        );
        // Nothing proves an order: the ambiguous cell is left for the cell
        // reader, which says it could be read two ways.
        assert_eq!(read(&["07/01/14"], None, None), ["07/01/14"]);
        // Cells that disagree: each alone.
        assert_eq!(
            read(&["26/9/25", "9/26/25", "1/2/25"], None, None),
            ["26/9/25", "9/26/25", "1/2/25"]
        );
    }

    #[test]
    fn date_order_forces_it() {
        assert_eq!(
            read(&["07/01/14"], Some(DateOrder::Dmy), None),
            ["2014-01-07"]
        );
        assert_eq!(
            read(&["2027.03.05"], Some(DateOrder::Ymd), None),
            ["2027-03-05"]
        );
    }

    #[test]
    fn ordinals_month_names_and_weeks() {
        assert_eq!(
            read(
                &[
                    "24th Sept",
                    "Oct 3",
                    "3. Oktober 2026",
                    "1er mars",
                    "3 de octubre de 2027"
                ],
                None,
                Some(2025)
            ),
            [
                "2025-09-24",
                "2025-10-03",
                "2026-10-03",
                "2025-03-01",
                "2027-10-03"
            ]
        );
        assert_eq!(
            read(&["KW 12", "W1", "2027-W52", "W12 2026"], None, Some(2027)),
            ["2027-03-22", "2027-01-04", "2027-12-27", "2026-03-16"]
        );
        // Without a year, nothing is invented.
        assert_eq!(read(&["Oct 3", "KW 12"], None, None), ["Oct 3", "KW 12"]);
        // Not dates: left as written.
        assert_eq!(
            read(&["Q5", "32nd Oct", "W54", "lots"], None, Some(2027)),
            ["Q5", "32nd Oct", "W54", "lots"]
        );
    }

    #[test]
    fn a_date_against_the_column_is_named() {
        assert!(contradicts("26/3/27", DateOrder::Mdy));
        assert!(!contradicts("1/4/27", DateOrder::Mdy));
        assert!(!contradicts("Q1", DateOrder::Mdy));
    }

    #[test]
    fn iso_weeks() {
        assert_eq!(iso_week_monday(2027, 53), None);
        assert_eq!(
            iso_week_monday(2020, 53).map(|d| d.to_string()),
            Some("2020-12-28".into())
        );
        assert_eq!(
            iso_week_monday(2025, 1).map(|d| d.to_string()),
            Some("2024-12-30".into())
        );
    }
}
