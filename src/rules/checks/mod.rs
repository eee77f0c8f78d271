//! The check kinds: the Rust behind the rules.
//!
//! A rule (`rules/<id>.yaml`) names one check kind and its parameters. Kinds
//! are few and generic where they can be (a key is required, a reference
//! must name a kind of block), specialised only where arithmetic, time or
//! graphs need code (capacity per quarter). Each kind lives in its own file
//! with a doc comment saying what it does and why, and has two steps:
//! `compile` (validate parameters once, with `deny_unknown_fields`) and
//! `run` (a pure function of the plan: no IO, no panics).

mod alignment;
mod conditions;
mod duplicate_id;
mod invalid_value;
mod overlapping_duplicates;
mod required_key;
mod team_capacity;
mod unknown_attribute;
mod unknown_reference;
mod unreferenced;

use crate::diagnostics::Label;
use crate::model::{BlockIndex, BlockKind, Date, Plan};
use crate::yaml;

pub use conditions::{BlockKinds, Conditions};

/// What a check sees: the plan, its source text and the run's date.
pub struct CheckContext<'run, 'src> {
    pub plan: &'run Plan<'src>,
    pub source: &'src str,
    pub today: Date,
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
pub const GENERIC_KINDS: &[&str] = &["required-key", "alignment"];

/// The check kinds only built-in rules use (arithmetic, time, graphs, language).
pub const BUILT_IN_KINDS: &[&str] = &[
    "team-capacity",
    "unreferenced",
    "overlapping-duplicates",
    "invalid-value",
    "unknown-attribute",
    "unknown-reference",
    "duplicate-id",
    "reading",
    "suppressions",
];

/// Builds the check a rule names. `params` is the rule's `check` mapping
/// with options already substituted; `kind` has been removed from it.
pub fn compile(
    kind: &str,
    params: yaml::Value,
    origin: Origin,
) -> Result<Option<Box<dyn Check>>, String> {
    if origin == Origin::Custom && !GENERIC_KINDS.contains(&kind) {
        return Err(if BUILT_IN_KINDS.contains(&kind) {
            format!(
                "check kind `{kind}` is reserved for built-in rules; custom rules can use {}",
                list(GENERIC_KINDS)
            )
        } else {
            unknown_kind(kind)
        });
    }
    fn parse<T: serde::de::DeserializeOwned>(params: yaml::Value) -> Result<T, String> {
        yaml::from_value(params).map_err(|error| error.to_string())
    }
    let check: Box<dyn Check> = match kind {
        "required-key" => Box::new(required_key::RequiredKey::compile(parse(params)?)?),
        "alignment" => Box::new(alignment::Alignment::compile(parse(params)?)?),
        "team-capacity" => Box::new(team_capacity::TeamCapacity::compile(parse(params)?)?),
        "unreferenced" => Box::new(unreferenced::Unreferenced::compile(parse(params)?)?),
        "overlapping-duplicates" => Box::new(
            overlapping_duplicates::OverlappingDuplicates::compile(parse(params)?)?,
        ),
        "invalid-value" => Box::new(parse::<invalid_value::InvalidValues>(params)?),
        "unknown-attribute" => Box::new(parse::<unknown_attribute::UnknownAttribute>(params)?),
        "unknown-reference" => Box::new(parse::<unknown_reference::UnknownReference>(params)?),
        "duplicate-id" => Box::new(parse::<duplicate_id::DuplicateId>(params)?),
        // Findings of these kinds come from the reader and the suppression
        // pass, not from a check over the plan.
        "reading" | "suppressions" => return Ok(None),
        other => return Err(unknown_kind(other)),
    };
    Ok(Some(check))
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
