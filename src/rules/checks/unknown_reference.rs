//! `unknown-reference`: a `supports`, `after` or `owner` value that names
//! nothing it may name: nothing declared, or for `after` (which names
//! tactics only) no tactic; owners must be members or partners of the team
//! when the plan has one. Suggests the closest declared name of a kind the
//! key may name, never the block itself.
//!
//! Why: a misspelt name silently breaks alignment and sequencing. This is
//! the one finding for it: the alignment rules skip the block.
//!
//! The rule file words each case: `nothing` / `nothing-close` (a name
//! declared nowhere, without / with a `{suggestion}`), `not-a-tactic` /
//! `not-a-tactic-close` (an `after` naming `{named}`, a block of another
//! kind), `not-in-team` / `not-in-team-close` (an owner outside the team).

use std::collections::HashMap;

use serde::Deserialize;

use super::{Check, CheckContext, CheckError, CheckKind, Hit, Hits, Selector, label, LabelSlot, Spot};
use crate::diagnostics::{Fix, Safety};
use crate::rules::words;
use crate::model::{BlockIndex, BlockKind, KeyStatus, Person, Plan, Reference, Span, Value};
use crate::text::Suggestions;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnknownReference {}

impl CheckKind for UnknownReference {
    const NAME: &'static str = "unknown-reference";
    const SUMMARY: &'static str = "every name a plan refers to is declared (`unknown-reference`)";
    const VARIABLES: &'static [&'static str] = &["key", "value", "named", "suggestion"];
    const CASES: &'static [&'static str] = &[
        "nothing",
        "nothing-close",
        "not-a-tactic",
        "not-a-tactic-close",
        "not-in-team",
        "not-in-team-close",
    ];
    const LABELS: &'static [LabelSlot] = &[
        label("not-declared", &[]),
        label("not-a-tactic", &[]),
        label("not-in-team", &[]),
    ];
    type Params = UnknownReference;

    fn compile(params: UnknownReference, _: Selector) -> Result<UnknownReference, CheckError> {
        Ok(params)
    }
}

impl Check for UnknownReference {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        let plan = context.plan;
        let has_team = plan.has_team();
        let mut suggest = Suggester::new(plan);
        for (index, block) in plan.blocks.iter().enumerate() {
            for attribute in &block.attributes {
                if attribute.status != KeyStatus::Known {
                    continue;
                }
                for (value, span) in attribute.values() {
                    match value {
                        Value::Reference(reference) => {
                            if let Some(hit) =
                                unknown_name(&mut suggest, index, attribute.key, reference, span)
                            {
                                hits.push(hit);
                            }
                        }
                        Value::Person(person) if has_team && person.member.is_none() => {
                            hits.push(unknown_person(
                                &mut suggest,
                                index,
                                attribute.key,
                                person,
                                span,
                            ));
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

/// The "did you mean" of this check, built once per plan: the declared
/// names of each set of kinds a key may name (and the people) are indexed
/// the first time they are needed, and each distinct unknown name is looked
/// up once, so a plan with thousands of misspelt names costs one lookup per
/// distinct name, not a scan of the plan per name.
struct Suggester<'p, 'src> {
    plan: &'p Plan<'src>,
    names: HashMap<&'static [BlockKind], Suggestions<'src>>,
    people: Option<Suggestions<'src>>,
    /// Per set of kinds (or none: people) and unknown name: the two closest
    /// names, enough to skip the one a block may not be offered (its own).
    nearest: HashMap<(Option<&'static [BlockKind]>, &'src str), Vec<&'src str>>,
}

impl<'p, 'src> Suggester<'p, 'src> {
    fn new(plan: &'p Plan<'src>) -> Self {
        Suggester {
            plan,
            names: HashMap::new(),
            people: None,
            nearest: HashMap::new(),
        }
    }

    /// The declared id of one of `kinds` (any kind when empty) closest to
    /// `name`, other than `own` (the id of the block that names it).
    fn name(
        &mut self,
        kinds: &'static [BlockKind],
        name: &'src str,
        own: Option<&'src str>,
    ) -> Option<&'src str> {
        let plan = self.plan;
        let names = &mut self.names;
        let nearest = self.nearest.entry((Some(kinds), name)).or_insert_with(|| {
            let index = names.entry(kinds).or_insert_with(|| {
                Suggestions::new(
                    plan.blocks
                        .iter()
                        .filter(|block| kinds.is_empty() || kinds.contains(&block.kind))
                        .filter_map(|block| block.id),
                )
            });
            index.nearest(name, 3)
        });
        nearest
            .iter()
            .copied()
            .find(|&candidate| candidate != name && Some(candidate) != own)
    }

    /// The member or partner closest to `name`.
    fn person(&mut self, name: &'src str) -> Option<&'src str> {
        let plan = self.plan;
        let people = &mut self.people;
        let nearest = self.nearest.entry((None, name)).or_insert_with(|| {
            people
                .get_or_insert_with(|| Suggestions::new(plan.declared_people()))
                .nearest(name, 1)
        });
        nearest.first().copied()
    }
}

/// A name that resolves to nothing, or (for `after`, which names tactics
/// only) to no block it may name. Suggests the closest declared name of a
/// kind the key may name, never the block itself.
fn unknown_name<'src>(
    suggest: &mut Suggester<'_, 'src>,
    index: BlockIndex,
    key: &str,
    reference: &Reference<'src>,
    span: Span,
) -> Option<Hit> {
    let plan = suggest.plan;
    let block = plan.block(index);
    let kinds = may_name(block.kind, key);
    let named = plan.named(reference.name);
    let nothing = named.is_empty();
    let other_kind = key == "after"
        && !named
            .iter()
            .any(|&other| kinds.contains(&plan.block(other).kind));
    if !nothing && !other_kind {
        return None;
    }
    let suggestion = suggest.name(kinds, reference.name, block.id);
    let (label, case) = match (nothing, suggestion) {
        (true, None) => ("not-declared", "nothing"),
        (true, Some(_)) => ("not-declared", "nothing-close"),
        (false, None) => ("not-a-tactic", "not-a-tactic"),
        (false, Some(_)) => ("not-a-tactic", "not-a-tactic-close"),
    };
    let mut hit = Hit::new(index, Spot::new(span, label))
        .case(case)
        .var("key", key)
        .var("value", reference.name);
    if let Some(&first) = named.first() {
        hit = hit.var("named", words::block_name(plan.block(first)));
    }
    if let Some(close) = suggestion {
        // Unsafe: the plan then says something else (it names another block).
        hit = hit
            .var("suggestion", close)
            .fix(Fix::replace(Safety::Unsafe, span, close));
    }
    Some(hit)
}

/// An owner who is not a member or partner of the plan's team.
fn unknown_person<'src>(
    suggest: &mut Suggester<'_, 'src>,
    index: BlockIndex,
    key: &str,
    person: &Person<'src>,
    span: Span,
) -> Hit {
    let suggestion = suggest.person(person.name);
    let hit = Hit::new(index, Spot::new(span, "not-in-team"))
        .var("key", key)
        .var("value", format!("@{}", person.name));
    match suggestion {
        Some(close) => hit
            .case("not-in-team-close")
            .var("suggestion", close)
            .fix(Fix::replace(Safety::Unsafe, span, format!("@{close}"))),
        None => hit.case("not-in-team"),
    }
}
