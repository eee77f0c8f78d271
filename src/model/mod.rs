//! Stage 2: syntax tree → typed plan.
//!
//! Owns the meaning of values: `40d` under `effort` is an [`Effort`] of 40
//! person-days, under `sales-cycle` a [`CalendarDuration`] of 40 days;
//! `2027-Q5` is an invalid value. References (`supports`, `after`, `owner`)
//! are resolved to the blocks they name.
//!
//! Invariants:
//! - the model never sees pest types, only [`crate::syntax`]'s tree;
//! - it reports nothing itself: it records facts (an invalid value, an
//!   unknown key, an unresolved reference) that the language rules
//!   (`invalid-value`, `unknown-attribute`, `unknown-reference`,
//!   `duplicate-id`) turn into findings, so every finding goes through the
//!   rule engine (severity, configuration, suppressions);
//! - building a model never fails and never panics, whatever the values.
//! - it has no words: an invalid value is a [`Problem`] with its facts,
//!   and types, shapes and blocks are worded by `rules::words` and the rule
//!   files.

mod build;
mod invalid;
pub mod lag;
pub mod largest;
pub mod quantity;
pub mod schedule;
pub mod schema;
pub mod time;

use std::borrow::Cow;
use std::collections::HashMap;

pub use crate::syntax::{BlockKind, Comment, Span};
pub use build::build;
pub use invalid::{Expected, InvalidValue, Problem, Shape};
pub use lag::{Lag, LagLookup, LagSource};
pub use quantity::{CalendarDuration, Effort, ExchangeRates, Money, Rational};
pub use schema::ValueType;
pub use time::{Date, Quarter, QuarterRange};

/// How the model reads `text` written as the value of `key` on a block of
/// `kind`, handed to `read`: a one-line plan holding just that value is
/// parsed and built, so that what is accepted is exactly what a plan
/// accepts. `None` says that the text cannot be written there at all.
pub fn read_value<T>(
    kind: BlockKind,
    key: &str,
    text: &str,
    read: impl FnOnce(&Value<'_>) -> T,
) -> Option<T> {
    let snippet = match kind {
        BlockKind::Plan => format!("plan \"p\" {{ {key}: {text} }}"),
        BlockKind::Tactic | BlockKind::Objective | BlockKind::Strategy => {
            format!("plan \"p\" {{ {} b {{ {key}: {text} }} }}", kind.keyword())
        }
        BlockKind::Kpi => format!("plan \"p\" {{ tactic t {{ kpi k {{ {key}: {text} }} }} }}"),
        BlockKind::Member | BlockKind::Partner => format!(
            "plan \"p\" {{ team {{ {} @m {{ {key}: {text} }} }} }}",
            kind.keyword()
        ),
        BlockKind::Team => format!("plan \"p\" {{ team {{ {key}: {text} }} }}"),
    };
    let tree = crate::syntax::parse(&snippet).ok()?;
    let plan = build(&snippet, tree);
    let value = plan
        .blocks_of(kind)
        .next()
        .and_then(|(_, block)| block.value(key));
    value.map(read)
}

/// Index of a block in [`Plan::blocks`]. The plan itself is [`PLAN`].
pub type BlockIndex = usize;

/// The index of the `plan` block.
pub const PLAN: BlockIndex = 0;

/// A typed plan: every block in file order, the plan block first.
#[derive(Debug)]
pub struct Plan<'src> {
    pub blocks: Vec<Block<'src>>,
    pub comments: Vec<Comment>,
    /// Blocks with an id (not members or partners), by id, in file order.
    names: Declarations<'src>,
    /// Members and partners by person name (without `@`), in file order.
    people: Declarations<'src>,
}

/// The blocks declared with each name, in file order. Most names are
/// declared once: they map to their one block, and only names declared
/// more than once get a list (a list per name would be an allocation per
/// block of a large plan).
#[derive(Debug, Default)]
struct Declarations<'src> {
    first: HashMap<&'src str, BlockIndex>,
    repeated: HashMap<&'src str, Vec<BlockIndex>>,
}

impl<'src> Declarations<'src> {
    fn with_capacity(names: usize) -> Declarations<'src> {
        Declarations {
            first: HashMap::with_capacity(names),
            repeated: HashMap::new(),
        }
    }

    /// Adds a declaration; call in file order.
    fn add(&mut self, name: &'src str, index: BlockIndex) {
        match self.first.entry(name) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(index);
            }
            std::collections::hash_map::Entry::Occupied(first) => self
                .repeated
                .entry(name)
                .or_insert_with(|| vec![*first.get()])
                .push(index),
        }
    }

    /// Every block declared with this name, in file order.
    fn get(&self, name: &str) -> &[BlockIndex] {
        if !self.repeated.is_empty() {
            if let Some(all) = self.repeated.get(name) {
                return all;
            }
        }
        self.first.get(name).map_or(&[], std::slice::from_ref)
    }

    /// The first block declared with this name.
    fn first(&self, name: &str) -> Option<BlockIndex> {
        self.first.get(name).copied()
    }

    fn names(&self) -> impl Iterator<Item = &'src str> + '_ {
        self.first.keys().copied()
    }
}

#[derive(Debug)]
pub struct Block<'src> {
    pub kind: BlockKind,
    /// The id without decoration: `pipeline`, or `maria` for `member @maria`.
    pub id: Option<&'src str>,
    pub id_span: Option<Span>,
    pub title: Option<Cow<'src, str>>,
    /// The kind keyword: where findings about the block's header point.
    pub keyword: Span,
    /// From the keyword to the end of the title or id.
    pub header: Span,
    /// The whole block, body included.
    pub span: Span,
    pub parent: Option<BlockIndex>,
    pub children: Vec<BlockIndex>,
    pub attributes: Vec<Attribute<'src>>,
}

#[derive(Debug)]
pub struct Attribute<'src> {
    pub key: &'src str,
    pub key_span: Span,
    pub value: Value<'src>,
    /// The value as written.
    pub span: Span,
    pub status: KeyStatus,
}

impl<'src> Attribute<'src> {
    /// The values written: a list's items, each with its own span, or the
    /// one value with the attribute's.
    pub fn values(&self) -> Vec<(&Value<'src>, Span)> {
        match &self.value {
            Value::List(items) => items.iter().map(|item| (&item.value, item.span)).collect(),
            value => vec![(value, self.span)],
        }
    }
}

/// Whether the language defines a key for the block it is on.
///
/// Its references point into the schema's static table (a reference to a
/// `&str` or a slice is one word, the `&str` or slice two): one status per
/// attribute of a large plan, kept to 16 bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyStatus {
    Known,
    /// Not a key of the language; `suggestion` is the closest key for this kind of block.
    Unknown {
        suggestion: Option<&'static &'static str>,
    },
    /// A key of the language, but for other kinds of block.
    WrongBlock {
        belongs_on: &'static &'static [BlockKind],
    },
    /// The same key a second time in one block; the first one counts.
    Repeated {
        first: Span,
    },
}

/// A value with its span (list items).
#[derive(Debug)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

#[derive(Debug)]
pub enum Value<'src> {
    Text(Cow<'src, str>),
    /// A bare word (`channel: events`).
    Word(&'src str),
    Reference(Reference<'src>),
    Person(Person<'src>),
    Boolean(bool),
    Number(Rational),
    Percentage(Rational),
    Effort(Effort),
    Duration(CalendarDuration),
    /// Boxed: inline, an amount and its currency made every value (and so
    /// every attribute of a large plan) 32 bytes larger.
    Money(Box<Money>),
    Quarter(Quarter),
    QuarterRange(QuarterRange),
    Date(Date),
    Stage(Stage),
    List(Vec<Spanned<Value<'src>>>),
    /// A value of the wrong type or malformed; reported by `invalid-value`,
    /// skipped by every rule that needs the value.
    ///
    /// Boxed: inline, its problem and expectation made every value (and so
    /// every attribute of a large plan) 16 bytes larger, for a rare case.
    Invalid(Box<InvalidValue>),
}

/// A name that refers to a declared block.
#[derive(Debug)]
pub struct Reference<'src> {
    pub name: &'src str,
    /// The block it names, if any (the first with that id).
    pub target: Option<BlockIndex>,
}

/// `@maria`.
#[derive(Debug)]
pub struct Person<'src> {
    /// Without the `@`.
    pub name: &'src str,
    /// The member or partner with that name, if the plan declares one.
    pub member: Option<BlockIndex>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    Awareness,
    Engagement,
    Opportunity,
    Closed,
}

impl<'src> Plan<'src> {
    pub fn plan(&self) -> &Block<'src> {
        &self.blocks[PLAN]
    }

    pub fn block(&self, index: BlockIndex) -> &Block<'src> {
        &self.blocks[index]
    }

    /// Blocks of a kind, in file order, with their indices.
    pub fn blocks_of(&self, kind: BlockKind) -> impl Iterator<Item = (BlockIndex, &Block<'src>)> {
        self.blocks
            .iter()
            .enumerate()
            .filter(move |(_, block)| block.kind == kind)
    }

    /// The blocks declared with this id (not people), in file order.
    pub fn named(&self, id: &str) -> &[BlockIndex] {
        self.names.get(id)
    }

    /// Every declared id (not people).
    pub fn declared_names(&self) -> impl Iterator<Item = &'src str> + '_ {
        self.names.names()
    }

    /// The members and partners with this name.
    pub fn people_named(&self, name: &str) -> &[BlockIndex] {
        self.people.get(name)
    }

    /// Each member or partner once, in file order: a person declared twice
    /// (a `duplicate-id`, even as `member` and `partner`) is the first
    /// declaration, the one owners resolve to.
    pub fn people(&self) -> impl Iterator<Item = (BlockIndex, &Block<'src>)> {
        self.blocks.iter().enumerate().filter(|&(index, block)| {
            matches!(block.kind, BlockKind::Member | BlockKind::Partner)
                && block
                    .id
                    .is_none_or(|id| self.people_named(id).first() == Some(&index))
        })
    }

    pub fn declared_people(&self) -> impl Iterator<Item = &'src str> + '_ {
        self.people.names()
    }

    /// Whether the plan declares a `team` block (then owners must be members).
    pub fn has_team(&self) -> bool {
        self.blocks
            .iter()
            .any(|block| block.kind == BlockKind::Team)
    }

    /// The nearest enclosing block of a kind (or the block itself).
    pub fn enclosing(&self, mut index: BlockIndex, kind: BlockKind) -> Option<BlockIndex> {
        loop {
            if self.blocks[index].kind == kind {
                return Some(index);
            }
            index = self.blocks[index].parent?;
        }
    }
}

impl<'src> Block<'src> {
    /// The first attribute with this key (a repeated key is reported and ignored).
    pub fn attribute(&self, key: &str) -> Option<&Attribute<'src>> {
        self.attributes
            .iter()
            .find(|attribute| attribute.key == key)
    }

    pub fn value(&self, key: &str) -> Option<&Value<'src>> {
        self.attribute(key).map(|attribute| &attribute.value)
    }

    pub fn has(&self, key: &str) -> bool {
        self.attribute(key).is_some()
    }

    pub fn effort(&self, key: &str) -> Option<Effort> {
        match self.value(key)? {
            Value::Effort(effort) => Some(*effort),
            _ => None,
        }
    }

    pub fn boolean(&self, key: &str) -> Option<bool> {
        match self.value(key)? {
            Value::Boolean(value) => Some(*value),
            _ => None,
        }
    }

    /// `when`, `period`: a quarter is a range of one.
    pub fn quarter_range(&self, key: &str) -> Option<QuarterRange> {
        match self.value(key)? {
            Value::QuarterRange(range) => Some(*range),
            Value::Quarter(quarter) => Some(QuarterRange::single(*quarter)),
            _ => None,
        }
    }

    /// The references of a key (one value or a list), with their spans.
    pub fn references(&self, key: &str) -> Vec<(&Reference<'src>, Span)> {
        let Some(attribute) = self.attribute(key) else {
            return Vec::new();
        };
        attribute
            .values()
            .into_iter()
            .filter_map(|(value, span)| match value {
                Value::Reference(reference) => Some((reference, span)),
                _ => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod sales_capacity_tests {
    use super::*;

    /// `sales-capacity` is a count: a number (with `k`), never a
    /// percentage, a unit or text.
    #[test]
    fn sales_capacity_is_a_plain_number() {
        let read = |text: &str| {
            read_value(
                BlockKind::Plan,
                "sales-capacity",
                text,
                |value| match value {
                    Value::Number(number) => number.to_string(),
                    Value::Invalid(invalid) => format!("invalid: {:?}", invalid.problem),
                    other => format!("{other:?}"),
                },
            )
        };
        assert_eq!(read("40"), Some("40".to_string()));
        assert_eq!(read("1_200"), Some("1200".to_string()));
        assert_eq!(
            read("30%"),
            Some("invalid: Percentage { written: \"30%\" }".to_string())
        );
        assert!(read("5d").unwrap().starts_with("invalid"));
        assert!(read("\"many\"").unwrap().starts_with("invalid"));
    }
}
