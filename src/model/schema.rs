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
    /// A count, e.g. `sales-capacity: 40`: no unit, no percentage.
    Number,
    QuarterOrDate,
}

/// A key the language defines.
#[derive(Debug, Clone, Copy)]
pub struct KeySpec {
    pub key: &'static str,
    pub on: &'static [BlockKind],
    pub value: ValueType,
}

/// The language's keys by name: code that reads or writes a key (the model,
/// `import`) names one of these rather than spelling the key again.
pub mod key {
    pub const OWNER: &str = "owner";
    pub const PERIOD: &str = "period";
    pub const CHALLENGE: &str = "challenge";
    pub const SALES_CYCLE: &str = "sales-cycle";
    pub const PIPELINE_LAG: &str = "pipeline-lag";
    pub const SALES_CAPACITY: &str = "sales-capacity";
    pub const BUDGET: &str = "budget";
    pub const CAPACITY: &str = "capacity";
    pub const ROLE: &str = "role";
    pub const LEAD_TIME: &str = "lead-time";
    pub const SUPPORTS: &str = "supports";
    pub const CHANNEL: &str = "channel";
    pub const AUDIENCE: &str = "audience";
    pub const WHEN: &str = "when";
    pub const EFFORT: &str = "effort";
    pub const AFTER: &str = "after";
    pub const FOUNDATIONAL: &str = "foundational";
    pub const RATIONALE: &str = "rationale";
    pub const LAG: &str = "lag";
    pub const STAGE: &str = "stage";
    pub const BASELINE: &str = "baseline";
    pub const TARGET: &str = "target";
    pub const DUE: &str = "due";
    pub const SOURCE: &str = "source";
}

#[rustfmt::skip]
pub const KEYS: &[KeySpec] = &[
    KeySpec { key: key::OWNER, on: &[Plan, Objective, Tactic], value: ValueType::Person },
    KeySpec { key: key::PERIOD, on: &[Plan], value: ValueType::QuarterRange },
    KeySpec { key: key::CHALLENGE, on: &[Plan], value: ValueType::Text },
    KeySpec { key: key::SALES_CYCLE, on: &[Plan], value: ValueType::CalendarDuration },
    KeySpec { key: key::PIPELINE_LAG, on: &[Plan], value: ValueType::CalendarDuration },
    KeySpec { key: key::BUDGET, on: &[Plan, Tactic], value: ValueType::Money },
    KeySpec { key: key::SALES_CAPACITY, on: &[Plan], value: ValueType::Number },
    KeySpec { key: key::CAPACITY, on: &[Member, Partner], value: ValueType::Effort },
    KeySpec { key: key::ROLE, on: &[Member, Partner], value: ValueType::Text },
    KeySpec { key: key::LEAD_TIME, on: &[Partner], value: ValueType::CalendarDuration },
    KeySpec { key: key::SUPPORTS, on: &[Objective, Tactic], value: ValueType::References },
    KeySpec { key: key::CHANNEL, on: &[Tactic], value: ValueType::WordOrText },
    KeySpec { key: key::AUDIENCE, on: &[Tactic], value: ValueType::Text },
    KeySpec { key: key::WHEN, on: &[Tactic], value: ValueType::QuarterOrRange },
    KeySpec { key: key::EFFORT, on: &[Tactic], value: ValueType::Effort },
    KeySpec { key: key::AFTER, on: &[Tactic], value: ValueType::References },
    KeySpec { key: key::FOUNDATIONAL, on: &[Tactic], value: ValueType::Boolean },
    KeySpec { key: key::RATIONALE, on: &[Tactic], value: ValueType::Text },
    KeySpec { key: key::LAG, on: &[Tactic], value: ValueType::CalendarDuration },
    KeySpec { key: key::STAGE, on: &[Kpi], value: ValueType::Stage },
    KeySpec { key: key::BASELINE, on: &[Kpi], value: ValueType::NumberOrPercentage },
    KeySpec { key: key::TARGET, on: &[Kpi], value: ValueType::NumberOrPercentage },
    KeySpec { key: key::DUE, on: &[Kpi], value: ValueType::QuarterOrDate },
    KeySpec { key: key::SOURCE, on: &[Kpi], value: ValueType::WordOrText },
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
