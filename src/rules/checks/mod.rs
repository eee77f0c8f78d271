//! The check kinds: the Rust behind the rules.
//!
//! A rule (`rules/<id>.yaml`) names one check kind and its parameters. Kinds
//! are few and generic where they can be (a key is required, a reference
//! must name a kind of block), specialised only where arithmetic, time or
//! graphs need code (capacity per quarter, budgets, dates, the `after`
//! graph). Each kind lives in its own file with a doc comment saying what
//! it does and why, and has two steps:
//! `compile` (validate parameters once, with `deny_unknown_fields`) and
//! `run` (a pure function of the plan: no IO, no panics).

mod after_order;
mod alignment;
mod budget_total;
mod conditions;
mod duplicate_id;
mod invalid_value;
mod kpi_sources;
mod member_capacity;
mod overlapping_duplicates;
mod pattern;
mod range;
mod reference;
mod required_key;
mod team_capacity;
mod time_lag;
mod unknown_attribute;
mod unknown_reference;
mod unreferenced;
mod within_period;

use crate::diagnostics::Label;
use crate::model::{Block, BlockIndex, BlockKind, Date, Plan};
use crate::yaml::{self, YamlPath};

pub use conditions::{BlockKinds, Conditions};

/// Why a check's parameters were refused, and where: a path below the
/// rule's `check` (empty for the check as a whole), so that a broken custom
/// rule is reported at its line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckError {
    pub at: YamlPath,
    pub message: String,
}

impl CheckError {
    /// An error about the value of parameter `param`.
    pub fn at(param: &str, message: impl Into<String>) -> CheckError {
        CheckError {
            at: YamlPath::value([param]),
            message: message.into(),
        }
    }
}

/// An error about the check as a whole (most built-in kinds say no more).
impl From<String> for CheckError {
    fn from(message: String) -> CheckError {
        CheckError {
            at: YamlPath::root(),
            message,
        }
    }
}

/// What a check sees: the plan, its source text and the run's date.
pub struct CheckContext<'run, 'src> {
    pub plan: &'run Plan<'src>,
    pub source: &'src str,
    pub today: Date,
}

impl<'run, 'src> CheckContext<'run, 'src> {
    /// The blocks a generic check judges, with their indices: those of the
    /// kinds in `on` to which its `when` / `unless` conditions apply.
    pub fn blocks_judged<'a>(
        &'a self,
        on: &'a BlockKinds,
        conditions: &'a Conditions,
    ) -> impl Iterator<Item = (BlockIndex, &'run Block<'src>)> + 'a {
        self.plan
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, block)| on.contains(block.kind) && conditions.applies(block, self.source))
    }
}

/// One place a check fires. The engine turns it into a finding, filling the
/// rule's `message` and `help` templates with `vars` and the block's own.
#[derive(Debug)]
pub struct Hit {
    /// The block the finding is about.
    pub block: BlockIndex,
    pub primary: Label,
    pub secondary: Vec<Label>,
    /// Template variables this check provides, e.g. `quarter`, `scheduled`.
    pub vars: Vec<(&'static str, String)>,
}

impl Hit {
    pub fn new(block: BlockIndex, primary: Label) -> Hit {
        Hit {
            block,
            primary,
            secondary: Vec::new(),
            vars: Vec::new(),
        }
    }

    pub fn var(mut self, name: &'static str, value: impl Into<String>) -> Hit {
        self.vars.push((name, value.into()));
        self
    }
}

pub trait Check: Send + Sync + std::fmt::Debug {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Vec<Hit>);
}

/// Who may use a check kind: custom rules get the generic ones only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    Custom,
}

/// The check kinds a custom rule may use.
pub const GENERIC_KINDS: &[&str] = &["required-key", "pattern", "reference", "range", "alignment"];

/// The check kinds only built-in rules use (arithmetic, time, graphs, language).
pub const BUILT_IN_KINDS: &[&str] = &[
    "team-capacity",
    "unreferenced",
    "overlapping-duplicates",
    "member-capacity",
    "budget-total",
    "within-period",
    "time-lag",
    "kpi-sources",
    "after-order",
    "invalid-value",
    "unknown-attribute",
    "unknown-reference",
    "duplicate-id",
    "reading",
    "across-plans",
    "suppressions",
];

/// Builds the check a rule names. `params` is the rule's `check` mapping
/// with options already substituted; `kind` has been removed from it.
pub fn compile(
    kind: &str,
    params: yaml::Value,
    origin: Origin,
) -> Result<Option<Box<dyn Check>>, CheckError> {
    if origin == Origin::Custom && !GENERIC_KINDS.contains(&kind) {
        let message = if BUILT_IN_KINDS.contains(&kind) {
            format!(
                "check kind `{kind}` is reserved for built-in rules; custom rules can use {}",
                list(GENERIC_KINDS)
            )
        } else {
            unknown_kind(kind)
        };
        return Err(CheckError::at("kind", message));
    }
    fn parse<T: serde::de::DeserializeOwned>(params: yaml::Value) -> Result<T, CheckError> {
        yaml::from_value(params.clone())
            .map_err(|error| parameter_error::<T>(&params, &error.to_string()))
    }
    let check: Box<dyn Check> = match kind {
        "required-key" => Box::new(required_key::RequiredKey::compile(parse(params)?)?),
        "pattern" => Box::new(pattern::Pattern::compile(parse(params)?)?),
        "reference" => Box::new(reference::ReferenceCheck::compile(parse(params)?)?),
        "range" => Box::new(range::Range::compile(parse(params)?)?),
        "alignment" => Box::new(alignment::Alignment::compile(parse(params)?)?),
        "team-capacity" => Box::new(team_capacity::TeamCapacity::compile(parse(params)?)?),
        "unreferenced" => Box::new(unreferenced::Unreferenced::compile(parse(params)?)?),
        "overlapping-duplicates" => Box::new(
            overlapping_duplicates::OverlappingDuplicates::compile(parse(params)?)?,
        ),
        "member-capacity" => Box::new(parse::<member_capacity::MemberCapacity>(params)?),
        "budget-total" => Box::new(parse::<budget_total::BudgetTotal>(params)?),
        "within-period" => Box::new(parse::<within_period::WithinPeriod>(params)?),
        "time-lag" => Box::new(parse::<time_lag::TimeLag>(params)?),
        "kpi-sources" => Box::new(parse::<kpi_sources::KpiSources>(params)?),
        "after-order" => Box::new(parse::<after_order::AfterOrder>(params)?),
        "invalid-value" => Box::new(parse::<invalid_value::InvalidValues>(params)?),
        "unknown-attribute" => Box::new(parse::<unknown_attribute::UnknownAttribute>(params)?),
        "unknown-reference" => Box::new(parse::<unknown_reference::UnknownReference>(params)?),
        "duplicate-id" => Box::new(parse::<duplicate_id::DuplicateId>(params)?),
        // Findings of these kinds come from the reader, the suppression pass
        // and the audit (across plans), not from a check over one plan.
        "reading" | "suppressions" | "across-plans" => return Ok(None),
        other => return Err(CheckError::at("kind", unknown_kind(other))),
    };
    Ok(Some(check))
}

/// Places serde's complaint about a parameter: an unknown one at its key; a
/// wrong type at the parameter that alone reproduces the same complaint
/// (serde reports a wrong type before any missing field); anything else at
/// the check.
fn parameter_error<T: serde::de::DeserializeOwned>(
    params: &yaml::Value,
    message: &str,
) -> CheckError {
    let unknown = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(field, _)| field);
    if let Some(field) = unknown {
        return CheckError {
            at: YamlPath::key([field]),
            message: message.to_string(),
        };
    }
    if let yaml::Value::Mapping(mapping) = params {
        for (key, value) in mapping {
            let Some(name) = key.as_str() else { continue };
            let mut alone = yaml::Mapping::new();
            alone.insert(key.clone(), value.clone());
            let same = yaml::from_value::<T>(yaml::Value::Mapping(alone))
                .err()
                .is_some_and(|error| error.to_string() == message);
            if same {
                return CheckError::at(name, format!("`{name}`: {message}"));
            }
        }
    }
    CheckError::from(message.to_string())
}

fn unknown_kind(kind: &str) -> String {
    let all = GENERIC_KINDS.iter().chain(BUILT_IN_KINDS);
    match crate::text::closest(kind, all.copied()) {
        Some(close) => format!("unknown check kind `{kind}`; did you mean `{close}`?"),
        None => format!(
            "unknown check kind `{kind}`; custom rules can use {}",
            list(GENERIC_KINDS)
        ),
    }
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|item| format!("`{item}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The block kind a parameter names.
pub(crate) fn block_kind(name: &str) -> Result<BlockKind, String> {
    BlockKind::from_keyword(name).ok_or_else(|| {
        let kinds = BlockKind::ALL.map(|kind| kind.keyword());
        match crate::text::closest(name, kinds) {
            Some(close) => format!("unknown block kind `{name}`; did you mean `{close}`?"),
            None => format!(
                "unknown block kind `{name}`; the kinds are {}",
                list(&kinds)
            ),
        }
    })
}
