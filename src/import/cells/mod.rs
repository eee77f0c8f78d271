//! Reading a cell as the value its column needs, written as plan text.
//!
//! Spreadsheets write values the way people do (`Q1`, `Q3 2027`, `Jan–Mar`,
//! `€20,000`, `20 k€`, `3 days`, `Maria López`); these functions turn them
//! into the language's spelling (`2027-Q1`, `20k EUR`, `3d`, `@maria-lopez`).
//! Each returns the plan text of the value, or the problem that keeps it
//! from being read; [`accepted`] then asks planlint's own model whether the
//! text is a valid value for its key, so that "readable" means exactly "no
//! `invalid-value` finding".

pub(super) mod dates;

use std::sync::LazyLock;

use regex::Regex;

use crate::import::columns::{currency_of_symbol, Hints};
use crate::import::plan::ids;
use crate::import::table::Cell;
use crate::model::{self, BlockKind, Date, InvalidValue, Value};
use crate::rules::problem_words;

/// Plan text for a value, or why the cell cannot be read as one.
pub type CellText = Result<String, String>;

// ---------------------------------------------------------------------------
// Time: quarters, halves, months, dates, years and ranges of them.

/// A point in time as a cell names it; the year may be missing (`Q1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Point {
    Quarter(u32),
    Half(u32),
    Month(u32),
    Year,
    Date(Date),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RawPoint {
    point: Point,
    year: Option<i32>,
}

/// A span of time with its years resolved: from a start point to an end point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TimeSpan {
    start: (Point, i32),
    end: (Point, i32),
}

/// (year, quarter number); the number may be out of range (`Q5`): the
/// model says what is wrong with it.
type QuarterNumber = (i32, u32);

impl TimeSpan {
    fn first_quarter(self) -> QuarterNumber {
        let (point, year) = self.start;
        match point {
            Point::Quarter(q) => (year, q),
            Point::Half(h) => (year, 2 * h - 1),
            Point::Month(m) => (year, (m - 1) / 3 + 1),
            Point::Year => (year, 1),
            Point::Date(date) => {
                let quarter = date.quarter();
                (quarter.year, u32::from(quarter.number))
            }
        }
    }

    fn last_quarter(self) -> QuarterNumber {
        let (point, year) = self.end;
        match point {
            Point::Quarter(q) => (year, q),
            Point::Half(h) => (year, 2 * h),
            Point::Month(m) => (year, (m - 1) / 3 + 1),
            Point::Year => (year, 4),
            Point::Date(date) => {
                let quarter = date.quarter();
                (quarter.year, u32::from(quarter.number))
            }
        }
    }

    /// The deadline the span ends on: a quarter, or a date when the cell
    /// was as precise as a day or a month.
    fn deadline(self) -> String {
        let (point, year) = self.end;
        match point {
            Point::Date(date) => date.to_string(),
            Point::Month(m) => month_end(year, m)
                .map(|date| date.to_string())
                .unwrap_or_else(|| quarter_text(self.last_quarter())),
            _ => quarter_text(self.last_quarter()),
        }
    }
}

fn quarter_text((year, number): QuarterNumber) -> String {
    format!("{year}-Q{number}")
}

fn range_text(first: QuarterNumber, last: QuarterNumber) -> String {
    if first == last {
        quarter_text(first)
    } else {
        format!("{}..{}", quarter_text(first), quarter_text(last))
    }
}

fn month_end(year: i32, month: u32) -> Option<Date> {
    (28..=31)
        .rev()
        .find_map(|day| Date::from_ymd(year, month, day))
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("the importer's patterns are valid")
}

static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ][0-9:.]+z?)?$"));
static NUMERIC_DATE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})$"));
static ISO_MONTH: LazyLock<Regex> = LazyLock::new(|| regex(r"^(\d{4})-(\d{1,2})$"));
/// `2027-q1`, `2027 q1`, `fy27 q1`, `fy2027-q1`, `2027 h1`.
static YEAR_THEN_PART: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(?:(?:fy|cy) ?)?(\d{4}|(?:fy|cy) ?\d{2})[-/ ]?([qh]) ?(\d{1,2})$"));
/// `q1`, `q1 2027`, `q1-2027`, `q1/27`, `q1 fy27`, `q1'27`, `h2 2027`, `1q27`.
static PART_THEN_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^(?:([qh]) ?(\d{1,2})|(\d)([qh]))(?:(?: ?[-/, ] ?| ?')?(?:(?:fy|cy) ?)?'?(\d{4}|\d{2}))?$",
    )
});
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(?:(?:fy|cy) ?)?(\d{4})$|^(?:fy|cy) ?(\d{2})$"));
/// `mar`, `march 2027`, `mar-27`, `mar '27`.
static MONTH: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^([a-z]{3})[a-z]*\.?(?: ?[-/, ] ?'?| ?')?(\d{4}|\d{2})?$"));

fn two_or_four_digit_year(text: &str) -> Option<i32> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let year: i32 = digits.parse().ok()?;
    Some(if digits.len() == 2 { 2000 + year } else { year })
}

/// Reads one point; `Err` for a date that could be read two ways.
fn parse_point(text: &str) -> Result<Option<RawPoint>, String> {
    let found = |point, year| Ok(Some(RawPoint { point, year }));
    if let Some(caps) = ISO_DATE.captures(text) {
        let number = |i: usize| caps[i].parse::<u32>().unwrap_or(0);
        let year = caps[1].parse::<i32>().unwrap_or(0);
        return match Date::from_ymd(year, number(2), number(3)) {
            Some(date) => found(Point::Date(date), Some(year)),
            None => Err(format!("`{text}` is not a date in the calendar")),
        };
    }
    if let Some(caps) = NUMERIC_DATE.captures(text) {
        let a: u32 = caps[1].parse().unwrap_or(0);
        let b: u32 = caps[2].parse().unwrap_or(0);
        let year = two_or_four_digit_year(&caps[3]).unwrap_or(0);
        let day_first = Date::from_ymd(year, b, a);
        let month_first = Date::from_ymd(year, a, b);
        return match (day_first, month_first) {
            (Some(date), None) | (None, Some(date)) => found(Point::Date(date), Some(year)),
            (Some(day), Some(month)) if day == month => found(Point::Date(day), Some(year)),
            (Some(_), Some(_)) => Err(format!(
                "`{text}` could be day {a} of month {b} or day {b} of month {a}; write it year-month-day, e.g. `{}`",
                Date::from_ymd(year, b, a).map(|d| d.to_string()).unwrap_or_default()
            )),
            (None, None) => Err(format!("`{text}` is not a date in the calendar")),
        };
    }
    if let Some(caps) = ISO_MONTH.captures(text) {
        let month: u32 = caps[2].parse().unwrap_or(0);
        if (1..=12).contains(&month) {
            return found(Point::Month(month), caps[1].parse().ok());
        }
        return Ok(None);
    }
    if let Some(caps) = YEAR_THEN_PART.captures(text) {
        let year = two_or_four_digit_year(&caps[1]);
        let number: u32 = caps[3].parse().unwrap_or(0);
        let point = if &caps[2] == "q" {
            Point::Quarter(number)
        } else {
            Point::Half(number)
        };
        if matches!(point, Point::Half(h) if !(1..=2).contains(&h)) {
            return Ok(None);
        }
        return found(point, year);
    }
    if let Some(caps) = PART_THEN_YEAR.captures(text) {
        let (letter, number) = match (caps.get(1), caps.get(2), caps.get(3), caps.get(4)) {
            (Some(letter), Some(number), _, _) | (_, _, Some(number), Some(letter)) => {
                (letter.as_str(), number.as_str().parse::<u32>().unwrap_or(0))
            }
            _ => return Ok(None),
        };
        let year = caps
            .get(5)
            .and_then(|year| two_or_four_digit_year(year.as_str()));
        let point = if letter == "q" {
            Point::Quarter(number)
        } else if (1..=2).contains(&number) {
            Point::Half(number)
        } else {
            return Ok(None);
        };
        return found(point, year);
    }
    if let Some(caps) = YEAR.captures(text) {
        let year = caps
            .get(1)
            .or(caps.get(2))
            .and_then(|year| two_or_four_digit_year(year.as_str()));
        return found(Point::Year, year);
    }
    if matches!(
        text,
        "full year" | "all year" | "whole year" | "year-round" | "year round" | "fy" | "annual"
    ) {
        return found(Point::Year, None);
    }
    if let Some(caps) = MONTH.captures(text) {
        if let Some(index) = MONTHS.iter().position(|month| *month == &caps[1]) {
            let full_word = text
                .split(|c: char| !c.is_ascii_alphabetic())
                .next()
                .unwrap_or("");
            // `mar`, `march`, `sept` — not any word that starts like a month.
            let names_month = full_word.len() == 3
                || MONTH_NAMES[index].starts_with(full_word)
                || full_word == "sept";
            if names_month {
                let year = caps
                    .get(2)
                    .and_then(|year| two_or_four_digit_year(year.as_str()));
                return found(Point::Month(index as u32 + 1), year);
            }
        }
    }
    Ok(None)
}

const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month a word names, in English, German, French or Spanish
/// (`October`, `Oct`, `Sept`, `Oktober`, `octobre`, `octubre`).
pub fn month_number(word: &str) -> Option<u32> {
    #[rustfmt::skip]
    const OTHER_LANGUAGES: [&[&str]; 12] = [
        &["januar", "janvier", "enero"], &["februar", "février", "fevrier", "febrero"],
        &["märz", "maerz", "mars", "marzo"], &["avril", "abril"], &["mai", "mayo"],
        &["juni", "juin", "junio"], &["juli", "juillet", "julio"], &["août", "aout", "agosto"],
        &["septembre", "septiembre"], &["oktober", "octobre", "octubre"],
        &["novembre", "noviembre"], &["dezember", "décembre", "decembre", "diciembre"],
    ];
    let word = word.to_lowercase();
    let word = word.trim_end_matches('.');
    let english = MONTH_NAMES.iter().position(|name| {
        *name == word
            || (word.len() >= 3 && name.starts_with(word))
            || (word == "sept" && *name == "september")
    });
    english
        .or_else(|| {
            OTHER_LANGUAGES
                .iter()
                .position(|names| names.contains(&word))
        })
        .map(|index| index as u32 + 1)
}

/// Lower case, one space between words, dashes of every kind as `-`.
fn normalise(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| match c {
            '–' | '—' | '‒' | '−' => '-',
            '’' | '‘' => '\'',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `T1`…`T4` (trimestre, in French and Spanish sheets) as `q1`…`q4`.
fn french_and_spanish_quarters(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let mut chars = word.chars();
            match (chars.next(), chars.next(), chars.next()) {
                (Some('t'), Some(digit @ '1'..='4'), None) => format!("q{digit}"),
                _ => word.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads a cell as a span of time: one point or a range of two.
fn parse_span(
    cell: &Cell,
    default_year: Option<i32>,
    bare_numbers: bool,
) -> Result<TimeSpan, String> {
    let text = match cell {
        Cell::Date(date) => {
            let year = date.ymd().0;
            return Ok(TimeSpan {
                start: (Point::Date(*date), year),
                end: (Point::Date(*date), year),
            });
        }
        other => french_and_spanish_quarters(&normalise(&other.as_text())),
    };
    let shown = cell.as_text();
    // A column of quarters may hold just their numbers (`2`).
    if bare_numbers {
        if let Ok(number) = text.parse::<u32>() {
            if (1..=4).contains(&number) {
                return resolve(
                    RawPoint {
                        point: Point::Quarter(number),
                        year: None,
                    },
                    None,
                    default_year,
                    &shown,
                );
            }
        }
    }
    if let Some(point) = parse_point(&text)? {
        return resolve(point, None, default_year, &shown);
    }
    for separator in ["..", " to ", " until ", " - ", "-", " / ", "/", " "] {
        for (index, _) in text.match_indices(separator) {
            let (left, right) = (&text[..index], &text[index + separator.len()..]);
            let (Ok(Some(start)), Ok(Some(end))) =
                (parse_point(left.trim()), parse_point(right.trim()))
            else {
                continue;
            };
            return resolve(start, Some(end), default_year, &shown);
        }
    }
    Err(format!(
        "`{shown}` is not a quarter, a month, a date or a range of them (e.g. `2027-Q1`, `Q1-Q2 2027`, `2027-03-31`)"
    ))
}

fn resolve(
    start: RawPoint,
    end: Option<RawPoint>,
    default_year: Option<i32>,
    shown: &str,
) -> Result<TimeSpan, String> {
    let end_raw = end.unwrap_or(start);
    let start_year = start.year.or(end_raw.year).or(default_year);
    let end_year = end_raw.year.or(start.year).or(default_year);
    match (start_year, end_year) {
        (Some(start_year), Some(end_year)) => Ok(TimeSpan {
            start: (start.point, start_year),
            end: (end_raw.point, end_year),
        }),
        _ => Err(format!(
            "`{shown}` has no year: write it with one (e.g. `2027-Q1`), or give the year with --year"
        )),
    }
}

/// `when`: a quarter or a range of quarters.
pub fn when(cell: &Cell, default_year: Option<i32>) -> CellText {
    let span = parse_span(cell, default_year, true)?;
    Ok(range_text(span.first_quarter(), span.last_quarter()))
}

/// `period`: a quarter range (a year is its four quarters).
pub fn period(cell: &Cell, default_year: Option<i32>) -> CellText {
    let span = parse_span(cell, default_year, false)?;
    let (first, last) = (span.first_quarter(), span.last_quarter());
    Ok(format!("{}..{}", quarter_text(first), quarter_text(last)))
}

/// `due`: a quarter or a date (a range is due at its end).
pub fn due(cell: &Cell, default_year: Option<i32>) -> CellText {
    Ok(parse_span(cell, default_year, true)?.deadline())
}

/// The single year a text names (`Field plan FY27`, `activities-2027`), if exactly one.
pub fn year_named_in(text: &str) -> Option<i32> {
    let lower = text.to_lowercase();
    let mut years = Vec::new();
    let mut rest = lower.as_str();
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let digits_len = rest[start..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len() - start);
        let digits = &rest[start..start + digits_len];
        let before = rest[..start].trim_end_matches(' ');
        let after_fy = before.ends_with("fy") || before.ends_with("cy");
        let year = match digits.len() {
            4 => digits
                .parse::<i32>()
                .ok()
                .filter(|year| (1900..2200).contains(year)),
            2 if after_fy => digits.parse::<i32>().ok().map(|year| 2000 + year),
            _ => None,
        };
        years.extend(year);
        rest = &rest[start + digits_len..];
    }
    years.sort_unstable();
    years.dedup();
    match years.as_slice() {
        [year] => Some(*year),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Numbers, amounts and efforts.

/// An exact decimal: `mantissa / 10^scale`, never negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Decimal {
    mantissa: i128,
    scale: u32,
}

/// Digits kept after the point (the model reads up to twelve).
const MAX_SCALE: u32 = 12;
/// Numbers above this are not read (the model's limit is a thousand trillion).
const MAX_VALUE: i128 = 1_000_000_000_000_000;

impl Decimal {
    /// `1,600`, `1.600.000`, `1 600`, `1'600`, `2,5`, `2.5`, `.5`.
    fn parse(text: &str) -> Option<Decimal> {
        let text: String = text
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'' | '_'))
            .collect();
        let text = if text.starts_with('.') || text.starts_with(',') {
            format!("0{text}")
        } else {
            text
        };
        if text.is_empty()
            || !text
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            return None;
        }
        let commas = text.matches(',').count();
        let points = text.matches('.').count();
        let grouped = |separator: char| {
            let mut groups = text.split(separator);
            let first = groups.next().unwrap_or("");
            !first.is_empty()
                && first.len() <= 3
                && !first.starts_with('0')
                && groups.all(|group| group.len() == 3)
        };
        let plain = match (commas, points) {
            (0, 0) => text.clone(),
            (0, _) if grouped('.') => text.replace('.', ""),
            (0, 1) => text.clone(),
            (1, 0) if !grouped(',') => text.replace(',', "."),
            (_, 0) if grouped(',') => text.replace(',', ""),
            (_, _) if commas > 0 && points > 0 => {
                // The last separator is the decimal one.
                let last_comma = text.rfind(',').unwrap_or(0);
                let last_point = text.rfind('.').unwrap_or(0);
                let (thousands, decimal) = if last_point > last_comma {
                    (',', '.')
                } else {
                    ('.', ',')
                };
                if text.matches(decimal).count() != 1 {
                    return None;
                }
                text.replace(thousands, "").replace(decimal, ".")
            }
            _ => return None,
        };
        Decimal::from_plain(&plain)
    }

    /// A number a source stored as a number: digits and one optional point.
    fn parse_plain(text: &str) -> Option<Decimal> {
        if !text.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return None;
        }
        Decimal::from_plain(text)
    }

    /// `1234.5`: digits, and at most one point.
    fn from_plain(plain: &str) -> Option<Decimal> {
        let (whole, fraction) = plain.split_once('.').unwrap_or((plain, ""));
        let fraction = fraction.trim_end_matches('0');
        if whole.is_empty() || fraction.contains('.') || fraction.len() > MAX_SCALE as usize {
            return None;
        }
        let mut mantissa: i128 = 0;
        for c in whole.chars().chain(fraction.chars()) {
            mantissa = mantissa
                .checked_mul(10)?
                .checked_add(i128::from(c.to_digit(10)?))?;
        }
        let decimal = Decimal {
            mantissa,
            scale: fraction.len() as u32,
        };
        (decimal.whole() <= MAX_VALUE).then_some(decimal)
    }

    fn whole(self) -> i128 {
        self.mantissa / 10i128.pow(self.scale)
    }

    fn times(self, factor: i128) -> Option<Decimal> {
        let decimal = Decimal {
            mantissa: self.mantissa.checked_mul(factor)?,
            scale: self.scale,
        };
        (decimal.whole() <= MAX_VALUE).then_some(decimal.normalised())
    }

    fn normalised(mut self) -> Decimal {
        while self.scale > 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.scale -= 1;
        }
        self
    }

    /// `1600`, `0.5`.
    fn plain(self) -> String {
        let this = self.normalised();
        let unit = 10i128.pow(this.scale);
        let whole = this.mantissa / unit;
        if this.scale == 0 {
            return whole.to_string();
        }
        let fraction = this.mantissa % unit;
        format!("{whole}.{fraction:0width$}", width = this.scale as usize)
    }

    /// Like [`Decimal::plain`], but whole thousands as `20k` and millions as `1.2M`.
    fn with_suffix(self) -> String {
        let this = self.normalised();
        let unit = 10i128.pow(this.scale);
        if this.mantissa >= 1_000_000 * unit && (this.mantissa * 10) % (1_000_000 * unit) == 0 {
            let millions = Decimal {
                mantissa: this.mantissa * 10 / 1_000_000,
                scale: this.scale + 1,
            };
            return format!("{}M", millions.plain());
        }
        if this.mantissa >= 1_000 * unit && this.mantissa % (1_000 * unit) == 0 {
            let thousands = Decimal {
                mantissa: this.mantissa / 1_000,
                scale: this.scale,
            };
            return format!("{}k", thousands.plain());
        }
        this.plain()
    }
}

/// Splits a trailing run of ASCII letters off `text`: `20kEUR` → (`20`, `kEUR`).
fn split_trailing_letters(text: &str) -> (&str, &str) {
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphabetic())
        .last()
        .map_or(text.len(), |(index, _)| index);
    (&text[..start], &text[start..])
}

fn multiplier(word: &str) -> Option<i128> {
    match word.to_ascii_lowercase().as_str() {
        "k" | "thousand" | "thousands" | "tsd" => Some(1_000),
        "m" | "mn" | "mio" | "million" | "millions" => Some(1_000_000),
        "bn" | "billion" => Some(1_000_000_000),
        _ => None,
    }
}

/// A 3-letter currency code: upper case, or a common one in any case.
fn currency_code(word: &str) -> Option<String> {
    const COMMON: &[&str] = &[
        "eur", "usd", "gbp", "chf", "sek", "nok", "dkk", "pln", "czk", "jpy", "aud", "cad", "inr",
    ];
    (word.len() == 3
        && word.chars().all(|c| c.is_ascii_alphabetic())
        && (word.chars().all(|c| c.is_ascii_uppercase())
            || COMMON.contains(&word.to_ascii_lowercase().as_str())))
    .then(|| word.to_ascii_uppercase())
}

/// An amount split into its number, multiplier and currency:
/// `€20,000`, `20k EUR`, `EUR 20.000`, `20 k€`, `$1.2M`, `1,5 Mio. CHF`.
struct Amount {
    value: Decimal,
    currency: Option<String>,
    multiplied: bool,
}

fn parse_amount(text: &str) -> Option<Amount> {
    let mut rest = text.trim().replace("Mio.", "Mio").replace("mio.", "mio");
    let mut currency: Option<String> = None;
    let mut factor: Option<i128> = None;
    // Suffixes: a currency symbol or code, and a multiplier, in either order.
    for _ in 0..3 {
        let trimmed = rest.trim_end().to_string();
        if let Some(last) = trimmed.chars().last() {
            if let Some(code) = currency_of_symbol(last) {
                if currency.is_none() {
                    currency = Some(code.to_string());
                    rest = trimmed[..trimmed.len() - last.len_utf8()].to_string();
                    continue;
                }
            }
        }
        let (head, letters) = split_trailing_letters(&trimmed);
        if letters.is_empty() {
            rest = trimmed;
            break;
        }
        if factor.is_none() {
            if let Some(m) = multiplier(letters) {
                factor = Some(m);
                rest = head.to_string();
                continue;
            }
        }
        if currency.is_none() {
            if let Some(code) = currency_code(letters) {
                currency = Some(code);
                rest = head.to_string();
                continue;
            }
            // `kEUR`, `k€` style: a multiplier glued to a code.
            if letters.len() == 4 {
                if let (Some(m), Some(code)) =
                    (multiplier(&letters[..1]), currency_code(&letters[1..]))
                {
                    currency = Some(code);
                    factor = factor.or(Some(m));
                    rest = head.to_string();
                    continue;
                }
            }
        }
        return None;
    }
    // Prefixes: `€`, `US$`, `EUR `.
    let mut rest = rest.trim().to_string();
    if let Some(stripped) = rest.strip_prefix("US$") {
        currency = currency.or(Some("USD".into()));
        rest = stripped.trim().to_string();
    }
    if let Some(first) = rest.chars().next() {
        if let Some(code) = currency_of_symbol(first) {
            currency = currency.or(Some(code.to_string()));
            rest = rest[first.len_utf8()..].trim().to_string();
        }
    }
    if rest.len() > 3 && rest.is_char_boundary(3) {
        if let Some(code) = currency_code(&rest[..3]) {
            if rest[3..].starts_with(|c: char| c == ' ' || c.is_ascii_digit()) {
                currency = currency.or(Some(code));
                rest = rest[3..].trim().to_string();
            }
        }
    }
    let value = Decimal::parse(rest.trim())?;
    let value = match factor {
        Some(factor) => value.times(factor)?,
        None => value,
    };
    Some(Amount {
        value,
        currency,
        multiplied: factor.is_some(),
    })
}

/// `budget` (and the plan's): money.
pub fn money(cell: &Cell, hints: &Hints, default_currency: Option<&str>) -> CellText {
    let text = cell.as_text();
    let not_money = || format!("`{text}` is not an amount of money (e.g. `20k EUR`, `€20,000`)");
    let amount = match cell {
        Cell::Number(number) => Amount {
            value: Decimal::parse_plain(number).ok_or_else(not_money)?,
            currency: None,
            multiplied: false,
        },
        Cell::Text(_) => parse_amount(&text).ok_or_else(not_money)?,
        _ => return Err(not_money()),
    };
    let value = if hints.thousands && !amount.multiplied {
        amount.value.times(1_000).ok_or_else(not_money)?
    } else {
        amount.value
    };
    let currency = amount
        .currency
        .or_else(|| hints.currency.clone())
        .or_else(|| default_currency.map(str::to_string));
    let Some(currency) = currency else {
        return Err(format!(
            "`{text}` has no currency: write it like `20k EUR`, name the currency in the column header (`Budget (EUR)`), or pass --currency EUR"
        ));
    };
    Ok(format!("{} {currency}", value.with_suffix()))
}

/// `target`, `baseline`: a number or a percentage.
pub fn number(cell: &Cell) -> CellText {
    let text = cell.as_text();
    let not_number =
        || format!("`{text}` is not a number or a percentage (e.g. `1600`, `15k`, `30%`)");
    match cell {
        Cell::Number(number) => {
            return Decimal::parse_plain(number)
                .map(Decimal::with_suffix)
                .ok_or_else(not_number)
        }
        Cell::Text(_) => {}
        _ => return Err(not_number()),
    }
    let trimmed = text.trim().trim_start_matches('+').trim();
    if let Some(percent) = trimmed.strip_suffix('%') {
        let value = Decimal::parse(percent.trim()).ok_or_else(not_number)?;
        return Ok(format!("{}%", value.plain()));
    }
    let (head, letters) = split_trailing_letters(trimmed);
    let value = if letters.is_empty() {
        Decimal::parse(trimmed)
    } else {
        multiplier(letters).and_then(|factor| Decimal::parse(head.trim())?.times(factor))
    }
    .ok_or_else(not_number)?;
    Ok(value.with_suffix())
}

/// `effort`, `capacity`: person-days (`d`), weeks (`w`) or hours (`h`).
pub fn effort(cell: &Cell, hints: &Hints) -> CellText {
    let text = cell.as_text();
    let not_effort =
        || format!("`{text}` is not an effort (e.g. `10d`, `2w`, `16h`, or a number of days)");
    match cell {
        Cell::Number(number) => {
            let value = Decimal::parse_plain(number).ok_or_else(not_effort)?;
            return Ok(format!(
                "{}{}",
                value.plain(),
                hints.effort_unit.unwrap_or('d')
            ));
        }
        Cell::Text(_) => {}
        _ => return Err(not_effort()),
    }
    let lower = normalise(&text);
    let (number, unit) = split_unit(&lower);
    let unit = match unit {
        "" => hints.effort_unit.unwrap_or('d'),
        "d" | "day" | "days" | "pd" | "pds" | "md" | "mds" | "person-day" | "person-days"
        | "person day" | "person days" | "man-day" | "man-days" | "man day" | "man days" => 'd',
        "w" | "wk" | "wks" | "week" | "weeks" | "person-week" | "person-weeks" | "person week"
        | "person weeks" => 'w',
        "h" | "hr" | "hrs" | "hour" | "hours" | "person-hours" | "person hours" => 'h',
        _ => return Err(not_effort()),
    };
    let value = Decimal::parse(number).ok_or_else(not_effort)?;
    Ok(format!("{}{unit}", value.plain()))
}

/// `sales-cycle`, `lead-time`: calendar days (`d`), weeks (`w`) or months (`mo`).
pub fn calendar_duration(cell: &Cell) -> CellText {
    let text = cell.as_text();
    let not_duration = || {
        format!(
            "`{text}` is not a calendar duration (e.g. `120d`, `6w`, `3mo`, or a number of days)"
        )
    };
    match cell {
        Cell::Number(number) => {
            let value = Decimal::parse_plain(number).ok_or_else(not_duration)?;
            return Ok(format!("{}d", value.plain()));
        }
        Cell::Text(_) => {}
        _ => return Err(not_duration()),
    }
    let lower = normalise(&text);
    let (number, unit) = split_unit(&lower);
    let unit = match unit {
        "" | "d" | "day" | "days" => "d",
        "w" | "wk" | "wks" | "week" | "weeks" => "w",
        "mo" | "month" | "months" => "mo",
        _ => return Err(not_duration()),
    };
    let value = Decimal::parse(number).ok_or_else(not_duration)?;
    Ok(format!("{}{unit}", value.plain()))
}

/// `3 days` → (`3`, `days`); `1,5d` → (`1,5`, `d`).
fn split_unit(text: &str) -> (&str, &str) {
    let start = text
        .char_indices()
        .find(|(_, c)| c.is_alphabetic())
        .map_or(text.len(), |(index, _)| index);
    (text[..start].trim(), text[start..].trim())
}

// ---------------------------------------------------------------------------
// People, names and words.

/// A person a cell names: their id and the name as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName {
    pub id: String,
    pub written: String,
}

static PEOPLE_SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\s*(?:/|&|\+|,|;|\n|\band\b)\s*"));

/// `owner`: exactly one person.
pub fn person(cell: &Cell) -> Result<PersonName, String> {
    let text = cell.as_text();
    let trimmed = text.trim();
    if is_placeholder(trimmed) {
        return Err(format!("`{trimmed}` names no one: an owner is one person"));
    }
    let names: Vec<&str> = PEOPLE_SEPARATOR
        .split(trimmed)
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .collect();
    if names.len() > 1 {
        return Err(format!(
            "`{trimmed}` names {} people: one person is accountable for each activity",
            names.len()
        ));
    }
    one_person(trimmed)
}

fn one_person(name: &str) -> Result<PersonName, String> {
    match ids::person_id(name) {
        Some(id) => Ok(PersonName {
            id,
            written: name.to_string(),
        }),
        None => Err(format!("`{name}` is not a person's name")),
    }
}

/// `team`-like cells: every person a cell names (`Lee, Sam & Kim`).
pub fn people(cell: &Cell) -> Result<Vec<PersonName>, String> {
    let text = cell.as_text();
    PEOPLE_SEPARATOR
        .split(text.trim())
        .map(str::trim)
        .filter(|name| !name.is_empty() && !is_placeholder(name))
        .map(one_person)
        .collect()
}

/// `TBD`, `n/a`, `-`, `?`: a cell that says it is not filled in.
pub fn is_placeholder(text: &str) -> bool {
    matches!(
        text.trim().to_ascii_lowercase().as_str(),
        "tbd"
            | "tbc"
            | "n/a"
            | "na"
            | "none"
            | "-"
            | "--"
            | "?"
            | "??"
            | "unassigned"
            | "nobody"
            | "to be defined"
            | "to be confirmed"
    )
}

/// Names in a list cell (`Grow pipeline; Brand`): split on `;` and line breaks,
/// and also on commas when `commas` (references to activities, whose names
/// rarely have commas).
pub fn names(cell: &Cell, commas: bool) -> Vec<String> {
    let text = cell.as_text();
    text.split(|c: char| c == ';' || c == '\n' || (commas && c == ','))
        .map(|name| name.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|name| !name.is_empty())
        .collect()
}

/// `stage`: a funnel stage, in the words sheets use for it.
pub fn stage(cell: &Cell) -> CellText {
    let text = cell.as_text();
    let stage = match ids::kebab(&text).as_str() {
        "awareness" | "aware" | "tofu" | "top-of-funnel" | "top" | "reach" => "awareness",
        "engagement" | "engage" | "consideration" | "interest" | "mofu" | "middle-of-funnel"
        | "middle" | "mql" | "mqls" | "lead" | "leads" => "engagement",
        "opportunity" | "opportunities" | "pipeline" | "sql" | "sqls" | "bofu"
        | "bottom-of-funnel" | "bottom" | "conversion" => "opportunity",
        "closed" | "closed-won" | "won" | "revenue" | "customer" | "customers" | "bookings" => {
            "closed"
        }
        _ => {
            return Err(format!(
                "`{text}` is not a funnel stage (awareness, engagement, opportunity or closed)"
            ))
        }
    };
    Ok(stage.to_string())
}

/// `foundational`: yes or no.
pub fn boolean(cell: &Cell) -> CellText {
    if let Cell::Bool(flag) = cell {
        return Ok(flag.to_string());
    }
    let text = cell.as_text();
    match text.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "x" | "1" | "✓" | "✔" | "ja" | "oui" | "si" | "sí" => {
            Ok("true".into())
        }
        "no" | "n" | "false" | "0" | "nein" | "non" => Ok("false".into()),
        _ => Err(format!("`{text}` is not yes or no")),
    }
}

/// `channel`, `source`: a bare word when the value is one (`Paid Social` →
/// `paid-social`), else a string.
pub fn word_or_text(cell: &Cell) -> PlanValue {
    let text = cell.as_text();
    let simple = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_'));
    let word = ids::kebab(&text);
    if simple
        && word.starts_with(|c: char| c.is_ascii_lowercase())
        && !matches!(word.as_str(), "true" | "false")
    {
        PlanValue::Raw(word)
    } else {
        PlanValue::Text(text.into_owned())
    }
}

/// A value as it is written into the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanValue {
    /// Plan syntax as it is: `2027-Q1`, `20k EUR`, `@maria`, `[a, b]`.
    Raw(String),
    /// A string, quoted and escaped when written.
    Text(String),
}

// ---------------------------------------------------------------------------
// The model's word on a value.

/// Whether planlint's model reads `text` as a valid value of `key` on a
/// block of `kind`; the problem it would report otherwise, in
/// `invalid-value`'s words (see [`accepted_as_written`]).
pub fn accepted(kind: BlockKind, key: &str, text: &str) -> Result<(), String> {
    accepted_as_written(kind, key, text, text)
}

/// [`accepted`] for `text` read from what a person wrote (`2027-Q5` from a
/// cell that says `Q5`): the problem names what they wrote, inventing nothing.
pub fn accepted_as_written(
    kind: BlockKind,
    key: &str,
    text: &str,
    written: &str,
) -> Result<(), String> {
    let read = model::read_value(kind, key, text, invalid_in)
        .ok_or_else(|| format!("`{written}` cannot be written in a plan"))?;
    match read {
        Some(invalid) => Err(problem_words(&invalid, Some((text, written)))),
        None => Ok(()),
    }
}

fn invalid_in(value: &Value<'_>) -> Option<InvalidValue> {
    match value {
        Value::Invalid(invalid) => Some(invalid.clone()),
        Value::List(items) => items.iter().find_map(|item| invalid_in(&item.value)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &str) -> Cell {
        Cell::text(value)
    }

    #[test]
    fn quarters_as_people_write_them() {
        let when = |value: &str| when(&text(value), Some(2027));
        assert_eq!(when("Q1").unwrap(), "2027-Q1");
        assert_eq!(when("q3 2028").unwrap(), "2028-Q3");
        assert_eq!(when("Q3/28").unwrap(), "2028-Q3");
        assert_eq!(when("Q3 FY28").unwrap(), "2028-Q3");
        assert_eq!(when("FY28 Q3").unwrap(), "2028-Q3");
        assert_eq!(when("2028-Q3").unwrap(), "2028-Q3");
        assert_eq!(when("2028 Q3").unwrap(), "2028-Q3");
        assert_eq!(when("3Q28").unwrap(), "2028-Q3");
        assert_eq!(when("2").unwrap(), "2027-Q2");
        assert_eq!(when("Q1-Q2").unwrap(), "2027-Q1..2027-Q2");
        assert_eq!(when("Q1–Q3 2028").unwrap(), "2028-Q1..2028-Q3");
        assert_eq!(when("Q4 2027 - Q1 2028").unwrap(), "2027-Q4..2028-Q1");
        assert_eq!(when("2027-Q1..2027-Q4").unwrap(), "2027-Q1..2027-Q4");
        assert_eq!(when("H2").unwrap(), "2027-Q3..2027-Q4");
        assert_eq!(when("2028").unwrap(), "2028-Q1..2028-Q4");
        assert_eq!(when("Full year").unwrap(), "2027-Q1..2027-Q4");
        assert_eq!(when("March").unwrap(), "2027-Q1");
        assert_eq!(when("Sept 2028").unwrap(), "2028-Q3");
        assert_eq!(when("Jan-Mar").unwrap(), "2027-Q1");
        assert_eq!(when("Mar–May 2028").unwrap(), "2028-Q1..2028-Q2");
        assert_eq!(when("2027-05-15").unwrap(), "2027-Q2");
        assert_eq!(when("15/05/2027").unwrap(), "2027-Q2");
        assert_eq!(when("05/15/2027").unwrap(), "2027-Q2");
        // The model decides what a fifth quarter is.
        assert_eq!(when("Q5").unwrap(), "2027-Q5");
        assert!(accepted(BlockKind::Tactic, "when", "2027-Q5").is_err());
    }

    #[test]
    fn unreadable_times_say_why() {
        let problem = |value: &str, year| when(&text(value), year).unwrap_err();
        assert!(
            problem("Q1", None).contains("has no year"),
            "{}",
            problem("Q1", None)
        );
        assert!(problem("ongoing", Some(2027)).contains("is not a quarter"));
        assert!(problem("marketing", Some(2027)).contains("is not a quarter"));
        assert!(problem("04/05/2027", None).contains("could be day 4 of month 5"));
        assert!(problem("2027-02-30", None).contains("not a date in the calendar"));
    }

    #[test]
    fn deadlines_keep_their_precision() {
        let due = |value: &str| due(&text(value), Some(2027)).unwrap();
        assert_eq!(due("Q3"), "2027-Q3");
        assert_eq!(due("2027-09-15"), "2027-09-15");
        assert_eq!(due("Sep 2027"), "2027-09-30");
        assert_eq!(due("Feb 2028"), "2028-02-29");
        assert_eq!(due("Q1-Q2"), "2027-Q2");
        assert_eq!(
            due(&Cell::Date(Date::from_ymd(2027, 6, 1).unwrap()).as_text()),
            "2027-06-01"
        );
    }

    #[test]
    fn years_named_in_titles() {
        assert_eq!(year_named_in("field-marketing-2027"), Some(2027));
        assert_eq!(year_named_in("EMEA plan FY28"), Some(2028));
        assert_eq!(year_named_in("2027 vs 2028"), None);
        assert_eq!(year_named_in("activities"), None);
        assert_eq!(year_named_in("plan 20271"), None);
    }

    #[test]
    fn amounts_of_money_in_many_spellings() {
        let none = Hints::default();
        let money = |value: &str| money(&text(value), &none, None);
        assert_eq!(money("€20,000").unwrap(), "20k EUR");
        assert_eq!(money("20.000 €").unwrap(), "20k EUR");
        assert_eq!(money("20k EUR").unwrap(), "20k EUR");
        assert_eq!(money("20 k€").unwrap(), "20k EUR");
        assert_eq!(money("$1.2M").unwrap(), "1.2M USD");
        assert_eq!(money("EUR 12,500").unwrap(), "12500 EUR");
        assert_eq!(money("1,5 Mio. CHF").unwrap(), "1.5M CHF");
        assert_eq!(money("950 gbp").unwrap(), "950 GBP");
        assert_eq!(money("12kEUR").unwrap(), "12k EUR");
        assert_eq!(money("US$ 3,000.50").unwrap(), "3000.5 USD");
        assert!(money("20000").unwrap_err().contains("has no currency"));
        assert!(money("TBD").unwrap_err().contains("not an amount of money"));
        assert!(money("lots")
            .unwrap_err()
            .contains("not an amount of money"));
        assert!(money("-500 EUR").is_err());
        let thousands = Hints {
            currency: Some("EUR".into()),
            thousands: true,
            effort_unit: None,
        };
        assert_eq!(
            super::money(&Cell::Number("12.5".into()), &thousands, None).unwrap(),
            "12500 EUR"
        );
        assert_eq!(
            super::money(&text("20000"), &none, Some("USD")).unwrap(),
            "20k USD"
        );
    }

    #[test]
    fn numbers_and_percentages() {
        let number = |value: &str| number(&text(value));
        assert_eq!(number("1,600").unwrap(), "1600");
        assert_eq!(number("1.600.000").unwrap(), "1.6M");
        assert_eq!(number("15k").unwrap(), "15k");
        assert_eq!(number("2m").unwrap(), "2M");
        assert_eq!(number("30%").unwrap(), "30%");
        assert_eq!(number("2,5 %").unwrap(), "2.5%");
        assert_eq!(number("0.25").unwrap(), "0.25");
        assert!(number("500 leads").is_err());
        assert!(number("lots").is_err());
        assert!(number("99999999999999999999999").is_err());
    }

    #[test]
    fn efforts_with_and_without_units() {
        let days = Hints::default();
        let hours = Hints {
            effort_unit: Some('h'),
            ..Hints::default()
        };
        assert_eq!(effort(&text("10"), &days).unwrap(), "10d");
        assert_eq!(effort(&text("10 days"), &days).unwrap(), "10d");
        assert_eq!(effort(&text("1,5 person-days"), &days).unwrap(), "1.5d");
        assert_eq!(effort(&text("2 weeks"), &days).unwrap(), "2w");
        assert_eq!(effort(&text("16"), &hours).unwrap(), "16h");
        assert_eq!(effort(&Cell::Number("0.5".into()), &days).unwrap(), "0.5d");
        assert!(effort(&text("lots"), &days).is_err());
        assert!(effort(&text("3 months"), &days).is_err());
        assert_eq!(calendar_duration(&text("6 weeks")).unwrap(), "6w");
        assert_eq!(calendar_duration(&text("90")).unwrap(), "90d");
        assert_eq!(calendar_duration(&text("3 months")).unwrap(), "3mo");
    }

    #[test]
    fn owners_are_one_person() {
        assert_eq!(person(&text("María López")).unwrap().id, "maria-lopez");
        assert_eq!(person(&text("@lee")).unwrap().id, "lee");
        assert_eq!(person(&text("sam.k@acme.com")).unwrap().id, "sam.k");
        assert!(person(&text("Sam / Lee"))
            .unwrap_err()
            .contains("names 2 people"));
        assert!(person(&text("Sam and Lee"))
            .unwrap_err()
            .contains("names 2 people"));
        assert!(person(&text("TBD")).unwrap_err().contains("names no one"));
        let team = people(&text("Lee, Sam & Kim")).unwrap();
        let ids: Vec<&str> = team.iter().map(|person| person.id.as_str()).collect();
        assert_eq!(ids, ["lee", "sam", "kim"]);
    }

    #[test]
    fn words_stages_and_flags() {
        assert_eq!(
            word_or_text(&text("Paid Social")),
            PlanValue::Raw("paid-social".into())
        );
        assert_eq!(
            word_or_text(&text("events")),
            PlanValue::Raw("events".into())
        );
        assert_eq!(
            word_or_text(&text("Events & field")),
            PlanValue::Text("Events & field".into())
        );
        assert_eq!(word_or_text(&text("True")), PlanValue::Text("True".into()));
        assert_eq!(
            word_or_text(&text("3rd party")),
            PlanValue::Text("3rd party".into())
        );
        assert_eq!(stage(&text("MoFu")).unwrap(), "engagement");
        assert_eq!(stage(&text("Closed Won")).unwrap(), "closed");
        assert!(stage(&text("vibes")).is_err());
        assert_eq!(boolean(&text("Yes")).unwrap(), "true");
        assert_eq!(boolean(&Cell::Bool(false)).unwrap(), "false");
        assert!(boolean(&text("maybe")).is_err());
        assert_eq!(
            names(&text("Grow pipeline; Brand\nRetention"), false),
            ["Grow pipeline", "Brand", "Retention"]
        );
    }

    #[test]
    fn the_model_has_the_last_word() {
        assert!(accepted(BlockKind::Tactic, "when", "2027-Q1..2027-Q2").is_ok());
        assert!(accepted(BlockKind::Tactic, "when", "2027-Q3..2027-Q1").is_err());
        // The words are invalid-value's, naming the text as the person wrote it.
        assert_eq!(
            accepted_as_written(BlockKind::Tactic, "when", "2027-Q5", "Q5"),
            Err("`Q5` is not a quarter: quarters are Q1 to Q4, not Q5".to_string())
        );
        assert_eq!(
            accepted_as_written(BlockKind::Tactic, "channel", "a }", "a }}"),
            Err("`a }}` cannot be written in a plan".to_string())
        );
        assert!(accepted(BlockKind::Tactic, "budget", "20k EUR").is_ok());
        assert!(accepted(BlockKind::Kpi, "target", "30%").is_ok());
        assert!(accepted(BlockKind::Kpi, "due", "2027-02-30").is_err());
        assert!(accepted(BlockKind::Plan, "period", "1800-Q1..1800-Q4").is_err());
        assert!(accepted(BlockKind::Member, "capacity", "20d").is_ok());
        assert!(accepted(BlockKind::Partner, "lead-time", "6w").is_ok());
        assert!(accepted(BlockKind::Tactic, "effort", "} oops").is_err());
    }
}
