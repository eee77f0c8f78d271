//! The attributes the language defines (LANGUAGE.md, "Attributes"): for each
//! key, the kinds of block it belongs on and the type of its value.

use crate::syntax::BlockKind;
use BlockKind::*;

/// The type a key's value must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    Person,
    QuarterRange,
    Text,
    CalendarDuration,
    Money,
    Effort,
    /// One reference or a list of them.
    References,
    WordOrText,
    QuarterOrRange,
    Boolean,
    Stage,
    NumberOrPercentage,
    QuarterOrDate,
}

impl ValueType {
    /// What a value of this type is, with an example, for `invalid-value`.
    pub fn expected(self) -> &'static str {
        match self {
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
            ValueType::NumberOrPercentage => {
                "a number or a percentage, e.g. `1_200`, `15k` or `30%`"
            }
            ValueType::QuarterOrDate => "a quarter or a date, e.g. `2027-Q3` or `2027-09-30`",
        }
    }
}

/// A key the language defines.
#[derive(Debug, Clone, Copy)]
pub struct KeySpec {
    pub key: &'static str,
    pub on: &'static [BlockKind],
    pub value: ValueType,
}

#[rustfmt::skip]
pub const KEYS: &[KeySpec] = &[
    KeySpec { key: "owner", on: &[Plan, Objective, Tactic], value: ValueType::Person },
    KeySpec { key: "period", on: &[Plan], value: ValueType::QuarterRange },
    KeySpec { key: "challenge", on: &[Plan], value: ValueType::Text },
    KeySpec { key: "sales-cycle", on: &[Plan], value: ValueType::CalendarDuration },
    KeySpec { key: "pipeline-lag", on: &[Plan], value: ValueType::CalendarDuration },
    KeySpec { key: "budget", on: &[Plan, Tactic], value: ValueType::Money },
    KeySpec { key: "capacity", on: &[Member, Partner], value: ValueType::Effort },
    KeySpec { key: "role", on: &[Member, Partner], value: ValueType::Text },
    KeySpec { key: "lead-time", on: &[Partner], value: ValueType::CalendarDuration },
    KeySpec { key: "supports", on: &[Objective, Tactic], value: ValueType::References },
    KeySpec { key: "channel", on: &[Tactic], value: ValueType::WordOrText },
    KeySpec { key: "audience", on: &[Tactic], value: ValueType::Text },
    KeySpec { key: "when", on: &[Tactic], value: ValueType::QuarterOrRange },
    KeySpec { key: "effort", on: &[Tactic], value: ValueType::Effort },
    KeySpec { key: "after", on: &[Tactic], value: ValueType::References },
    KeySpec { key: "foundational", on: &[Tactic], value: ValueType::Boolean },
    KeySpec { key: "rationale", on: &[Tactic], value: ValueType::Text },
    KeySpec { key: "lag", on: &[Tactic], value: ValueType::CalendarDuration },
    KeySpec { key: "stage", on: &[Kpi], value: ValueType::Stage },
    KeySpec { key: "baseline", on: &[Kpi], value: ValueType::NumberOrPercentage },
    KeySpec { key: "target", on: &[Kpi], value: ValueType::NumberOrPercentage },
    KeySpec { key: "due", on: &[Kpi], value: ValueType::QuarterOrDate },
    KeySpec { key: "source", on: &[Kpi], value: ValueType::WordOrText },
];

pub fn key_spec(key: &str) -> Option<&'static KeySpec> {
    KEYS.iter().find(|spec| spec.key == key)
}

/// The known keys that may appear on a block of this kind.
pub fn keys_on(kind: BlockKind) -> impl Iterator<Item = &'static str> {
    KEYS.iter()
        .filter(move |spec| spec.on.contains(&kind))
        .map(|spec| spec.key)
}
