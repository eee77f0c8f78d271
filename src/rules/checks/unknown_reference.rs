//! `unknown-reference`: a `supports`, `after` or `owner` value that names
//! nothing it may name: nothing declared, or for `after` (which names
//! tactics only) no tactic; owners must be members or partners of the team
//! when the plan has one. Suggests the closest declared name of a kind the
//! key may name, never the block itself.
//!
//! Why: a misspelt name silently breaks alignment and sequencing. This is
//! the one finding for it: the alignment rules skip the block.

use serde::Deserialize;

use super::{Check, CheckContext, CheckError, CheckKind, Hit, Selector};
use crate::diagnostics::Label;
use crate::model::{BlockIndex, BlockKind, KeyStatus, Person, Plan, Reference, Span, Value};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnknownReference {}

impl CheckKind for UnknownReference {
    const NAME: &'static str = "unknown-reference";
    const SUMMARY: &'static str = "every name a plan refers to is declared (`unknown-reference`)";
    const VARIABLES: &'static [&'static str] = &["key", "value", "problem", "fix"];
    type Params = UnknownReference;

    fn compile(params: UnknownReference, _: Selector) -> Result<UnknownReference, CheckError> {
        Ok(params)
    }
}

impl Check for UnknownReference {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Vec<Hit>) {
        let plan = context.plan;
        let has_team = plan.has_team();
        for (index, block) in plan.blocks.iter().enumerate() {
            for attribute in &block.attributes {
                if attribute.status != KeyStatus::Known {
                    continue;
                }
                for (value, span) in attribute.values() {
                    match value {
                        Value::Reference(reference) => {
                            if let Some(hit) =
                                unknown_name(plan, index, attribute.key, reference, span)
                            {
                                hits.push(hit);
                            }
                        }
                        Value::Person(person) if has_team && person.member.is_none() => {
                            hits.push(unknown_person(plan, index, attribute.key, person, span));
                        }
                        _ => {}
                    }
                }
            }
        }
    }
}

/// The kinds of block a key of a block may name: `after` names tactics, a
/// tactic `supports` objectives, an objective `supports` strategies
/// (LANGUAGE.md). Only these are suggested for a misspelt name.
fn may_name(kind: BlockKind, key: &str) -> &'static [BlockKind] {
    match (kind, key) {
        (_, "after") => &[BlockKind::Tactic],
        (BlockKind::Tactic, "supports") => &[BlockKind::Objective],
        (BlockKind::Objective, "supports") => &[BlockKind::Strategy],
        _ => &[],
    }
}

/// A name that resolves to nothing, or (for `after`, which names tactics
/// only) to no block it may name. Suggests the closest declared name of a
/// kind the key may name, never the block itself.
fn unknown_name(
    plan: &Plan<'_>,
    index: BlockIndex,
    key: &str,
    reference: &Reference<'_>,
    span: Span,
) -> Option<Hit> {
    let block = plan.block(index);
    let kinds = may_name(block.kind, key);
    let named_kinds: Vec<BlockKind> = plan
        .named(reference.name)
        .iter()
        .map(|&named| plan.block(named).kind)
        .collect();
    let (label, problem) = if named_kinds.is_empty() {
        (
            "not declared in this plan".to_string(),
            format!("`{}` names nothing declared in this plan", reference.name),
        )
    } else if key == "after" && !named_kinds.iter().any(|kind| kinds.contains(kind)) {
        let named = plan.block(plan.named(reference.name)[0]).describe();
        (
            "not a tactic".to_string(),
            format!(
                "`{}` in `after` names {named}, not a tactic: `after` names the tactics that must be done first",
                reference.name
            ),
        )
    } else {
        return None;
    };
    let candidates = plan
        .blocks
        .iter()
        .enumerate()
        .filter(|&(candidate, other)| {
            candidate != index && (kinds.is_empty() || kinds.contains(&other.kind))
        })
        .filter_map(|(_, other)| other.id)
        .filter(|&id| Some(id) != block.id && id != reference.name);
    let fix = match crate::text::closest(reference.name, candidates) {
        Some(close) => format!("Did you mean `{close}`?"),
        None if named_kinds.is_empty() => format!(
            "Declare a block with the id `{}`, or correct the name.",
            reference.name
        ),
        None => "Name the tactic that must be done first, or remove the name.".to_string(),
    };
    Some(
        Hit::new(index, Label::new(span, label))
            .var("key", key)
            .var("value", reference.name)
            .var("problem", problem)
            .var("fix", fix),
    )
}

/// An owner who is not a member or partner of the plan's team.
fn unknown_person(
    plan: &Plan<'_>,
    index: BlockIndex,
    key: &str,
    person: &Person<'_>,
    span: Span,
) -> Hit {
    let suggestion = crate::text::closest(person.name, plan.declared_people());
    Hit::new(index, Label::new(span, "not in the team"))
        .var("key", key)
        .var("value", format!("@{}", person.name))
        .var(
            "problem",
            format!("@{} is not a member or partner of the team", person.name),
        )
        .var(
            "fix",
            match suggestion {
                Some(close) => format!("Did you mean @{close}?"),
                None => format!(
                    "Add `member @{}` (or `partner`) to the team, or name someone who is in it.",
                    person.name
                ),
            },
        )
}
