//! The plan language in words: what each type of value is (with an
//! example), what a value written looks like, and how a block is named.
//! The model only knows the types; this table is the one place they are
//! worded, for the templates (`{expected}`, `{shape}`, `{name}`) and the
//! language server's hover and outline alike.

use crate::model::{Block, BlockKind, Expected, Shape, ValueType};

/// What a value of this type is, with an example: what `invalid-value`
/// says a key takes, and the language server's hover over a key.
pub fn value_type(value: ValueType) -> &'static str {
    match value {
        ValueType::Person => "a person, e.g. `@maria`",
        ValueType::QuarterRange => "a quarter range, e.g. `2027-Q1..2027-Q4`",
        ValueType::Text => "a string in double quotes, e.g. `\"IT directors\"`",
        ValueType::CalendarDuration => {
            "a calendar duration, e.g. `120d`, `6w` or `3mo` (`w` = 7 days, `mo` = 30 days)"
        }
        ValueType::Money => "an amount of money with its currency, e.g. `20k EUR`",
        ValueType::Effort => {
            "an effort in person-days, e.g. `40d`, `2w` or `16h` (`w` = 5 days, `h` = 1/8 day)"
        }
        ValueType::References => {
            "a name or a list of names, e.g. `pipeline` or `[pipeline, brand]`"
        }
        ValueType::WordOrText => "a word or a string, e.g. `events` or `\"paid social\"`",
        ValueType::QuarterOrRange => {
            "a quarter or a quarter range, e.g. `2027-Q1` or `2027-Q1..2027-Q2`"
        }
        ValueType::Boolean => "`true` or `false`",
        ValueType::Stage => "one of `awareness`, `engagement`, `opportunity`, `closed`",
        ValueType::Number => "a number, e.g. `40` or `1_200`",
        ValueType::NumberOrPercentage => "a number or a percentage, e.g. `1_200`, `15k` or `30%`",
        ValueType::QuarterOrDate => "a quarter or a date, e.g. `2027-Q3` or `2027-09-30`",
    }
}

/// What a place that refused a value takes.
pub fn expected(expected: Expected) -> &'static str {
    match expected {
        Expected::Type(value) => value_type(value),
        Expected::CalendarDate => "a date written year-month-day, e.g. `2027-03-31`",
        Expected::CurrencyCode => {
            "an ISO 4217 currency code of three capital letters, e.g. `EUR`, `USD`, `GBP`"
        }
    }
}

/// What a value looks like as written, whatever its key.
pub fn shape(shape: Shape) -> &'static str {
    match shape {
        Shape::String => "a string",
        Shape::Person => "a person",
        Shape::BareWord => "a bare word",
        Shape::Boolean => "a boolean",
        Shape::Quarter => "a quarter",
        Shape::QuarterRange => "a quarter range",
        Shape::Date => "a date",
        Shape::Money => "an amount of money",
        Shape::NumberWithUnit => "a number with a unit",
        Shape::Number => "a number",
        Shape::List => "a list",
    }
}

/// A kind of block with its article, `an objective`, `a KPI`: what a key
/// belongs to, what a reference must name.
pub fn block_kind(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Plan => "a plan",
        BlockKind::Strategy => "a strategy",
        BlockKind::Team => "a team",
        BlockKind::Member => "a member",
        BlockKind::Partner => "a partner",
        BlockKind::Objective => "an objective",
        BlockKind::Tactic => "a tactic",
        BlockKind::Kpi => "a KPI",
    }
}

/// How findings and the outline name a block: `tactic `webinars``,
/// `KPI `leads``, `member @maria`, `plan "FY27"`, `team`.
pub fn block_name(block: &Block<'_>) -> String {
    let kind = block.kind.keyword();
    match (&block.id, &block.title) {
        (Some(id), _) if matches!(block.kind, BlockKind::Member | BlockKind::Partner) => {
            format!("{kind} @{id}")
        }
        // One capitalisation for KPIs in every message.
        (Some(id), _) if block.kind == BlockKind::Kpi => format!("KPI `{id}`"),
        (Some(id), _) => format!("{kind} `{id}`"),
        (None, Some(title)) => format!("{kind} \"{title}\""),
        (None, None) => kind.to_string(),
    }
}

/// The kinds of quantity a `range` rule compares.
#[derive(Debug, Clone, Copy)]
pub enum QuantityKind {
    Number,
    Percentage,
    Effort,
    CalendarDuration,
    Money,
}

/// A kind of quantity, for `range`'s `{value-kind}` and `{bound-kind}` and
/// its configuration errors.
pub fn quantity_kind(kind: QuantityKind) -> &'static str {
    match kind {
        QuantityKind::Number => "a number",
        QuantityKind::Percentage => "a percentage",
        QuantityKind::Effort => "an effort",
        QuantityKind::CalendarDuration => "a calendar duration",
        QuantityKind::Money => "an amount of money",
    }
}
