//! `reference`: a value (or each item of a list) must name a declared block
//! of the given kinds (`to`); for `member` and `partner`, a person (`@kim`).
//!
//! Why: teams add keys of their own that point at other blocks (`campaign:
//! spring-launch`, `approver: @ana`), and a name that points nowhere, or at
//! the wrong kind of block, breaks whatever reads it. Points at the name.
//!
//! Variables: `{key}`, `{value}`, `{to}` (the kinds wanted, `an objective
//! or a strategy`), `{suggestion}` (the closest declared name of those
//! kinds), `{names}` (what the value names instead, ``strategy `growth` ``).
//! Cases: `nothing`, `nothing-close`, `other-kind`, `not-a-name`.
//!
//! One cause, one finding: for the language's own reference keys
//! (`supports`, `after`, `owner`) a name that resolves to nothing is
//! `unknown-reference`'s finding, so this check only judges the kind of
//! what they name; invalid values are left to `invalid-value`.

use std::cell::OnceCell;
use std::collections::HashMap;

use serde::Deserialize;

use super::conditions::BlockKinds;
use super::{label, Check, CheckContext, CheckError, CheckKind, Hit, Hits, LabelSlot, Selector, Spot};
use crate::rules::words;
use crate::model::{schema, BlockIndex, BlockKind, Plan, Value};
use crate::text::Suggestions;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    key: String,
    /// The kinds of block the value must name.
    to: BlockKinds,
}

#[derive(Debug)]
pub struct ReferenceCheck {
    selector: Selector,
    key: String,
    to: BlockKinds,
}

impl CheckKind for ReferenceCheck {
    const NAME: &'static str = "reference";
    const SUMMARY: &'static str = "a name (`key`) that is not a declared block of the kinds `to` (`member`, `partner` for people); points at the name";
    const OPEN_TO_CUSTOM_RULES: bool = true;
    const SELECTS_BLOCKS: bool = true;
    const VARIABLES: &'static [&'static str] = &["key", "value", "to", "suggestion", "names"];
    const LABELS: &'static [LabelSlot] = &[label("not-wanted", &[])];
    const CASES: &'static [&'static str] = &["nothing", "nothing-close", "other-kind", "not-a-name"];
    type Params = Params;

    fn compile(params: Params, selector: Selector) -> Result<ReferenceCheck, CheckError> {
        Ok(ReferenceCheck {
            selector,
            to: params.to,
            key: params.key,
        })
    }
}

impl ReferenceCheck {

    /// What a name refers to, or `None` when it is one of the wanted kinds.
    /// `Err(())` when the name is not this check's to judge.
    /// `closest` gives the declared name of a wanted kind closest to a
    /// misspelt one.
    fn judge(
        &self,
        plan: &Plan<'_>,
        value: &Value<'_>,
        closest: &mut dyn FnMut(&str) -> Option<String>,
    ) -> Result<Option<Found>, ()> {
        let language_key = schema::key_spec(&self.key).is_some();
        let (name, candidates): (String, &[BlockIndex]) = match value {
            Value::Reference(reference) => {
                if reference.target.is_none() && language_key {
                    return Err(()); // unknown-reference reports it
                }
                (reference.name.to_string(), plan.named(reference.name))
            }
            Value::Word(word) => (word.to_string(), plan.named(word)),
            Value::Text(text) => (text.to_string(), plan.named(text)),
            Value::Person(person) => {
                if person.member.is_none() && language_key {
                    return Err(());
                }
                (format!("@{}", person.name), plan.people_named(person.name))
            }
            Value::Invalid(_) | Value::List(_) => return Err(()),
            _ => return Ok(Some(Found::NotAName)),
        };
        if candidates
            .iter()
            .any(|&index| self.to.contains(plan.block(index).kind))
        {
            return Ok(None);
        }
        Ok(Some(match candidates.first() {
            Some(&index) => Found::Other(words::block_name(plan.block(index))),
            None => Found::Nothing {
                suggestion: closest(&name),
            },
        }))
    }

    /// The declared names of the wanted kinds, people with their `@`.
    fn wanted_names(&self, plan: &Plan<'_>) -> Vec<String> {
        plan.blocks
            .iter()
            .filter(|block| self.to.contains(block.kind))
            .filter_map(|block| {
                let id = block.id?;
                let is_person = matches!(block.kind, BlockKind::Member | BlockKind::Partner);
                Some(if is_person {
                    format!("@{id}")
                } else {
                    id.to_string()
                })
            })
            .collect()
    }
}

/// What a name that is not of the wanted kinds refers to.
enum Found {
    Nothing { suggestion: Option<String> },
    Other(String),
    NotAName,
}

impl Check for ReferenceCheck {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        let plan = context.plan;
        // The wanted names are gathered and indexed once, at the first
        // misspelt name, and each distinct misspelt name is looked up once.
        let names = OnceCell::new();
        let index = OnceCell::new();
        let mut memo: HashMap<String, Option<String>> = HashMap::new();
        let mut closest = |name: &str| -> Option<String> {
            if let Some(known) = memo.get(name) {
                return known.clone();
            }
            let names = names.get_or_init(|| self.wanted_names(plan));
            let index = index.get_or_init(|| Suggestions::new(names.iter().map(String::as_str)));
            let found = index.nearest(name, 1).first().map(|close| close.to_string());
            memo.insert(name.to_string(), found.clone());
            found
        };
        for (index, block) in self.selector.blocks(context.plan, context.source) {
            let Some(attribute) = block.attribute(&self.key) else {
                continue;
            };
            for (value, span) in attribute.values() {
                let Ok(Some(found)) = self.judge(plan, value, &mut closest) else {
                    continue;
                };
                let written = span.text(context.source).to_string();
                let wanted = self.to.with_articles();
                let hit = Hit::new(index, Spot::new(span, "not-wanted"));
                let hit = match found {
                    Found::Nothing {
                        suggestion: Some(close),
                    } => hit.case("nothing-close").var("suggestion", close),
                    Found::Nothing { suggestion: None } => hit.case("nothing"),
                    Found::Other(other) => hit.case("other-kind").var("names", other),
                    Found::NotAName => hit.case("not-a-name"),
                };
                hits.push(
                    hit.var("key", self.key.clone())
                        .var("value", written)
                        .var("to", wanted),
                );
            }
        }
    }
}
