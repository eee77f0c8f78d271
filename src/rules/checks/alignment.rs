//! `alignment`: a block's `key` (usually `supports`) must name at least one
//! block of the given kinds: a tactic must serve an objective, an objective
//! a strategy.
//!
//! Why: a tactic that serves no objective is the textbook random act of
//! marketing. A missing `supports` points at the header; one that names only
//! the wrong kinds of block points at the value. One cause, one finding: if a
//! name resolves to nothing, `unknown-reference` reports it and this check
//! stays silent for the block, as it does for an invalid value.
//!
//! With `once-when-none-declared: true` (`unaligned-tactic`), a plan that
//! declares no block of the `to` kinds at all gets one finding at its
//! header naming the blocks (each block's header a secondary label), not
//! one per block: the missing objectives are the one cause.
//!
//! Cases: `no-key` (no `supports` at all), `other-kinds` (it names only
//! blocks of other kinds, `{named}`: ``strategy `growth` ``) and
//! `none-declared` (the one finding at the plan's header, `{blocks}`:
//! `` `webinars` and `booth` ``; its `{key}` is the kinds the plan lacks,
//! `objective`). Template variables: `{key}`, `{wanted}`
//! (`an objective`) and `{value}` (as written, when there is one). The
//! words are the rule's: a rule words each case it can meet.

use serde::Deserialize;

use super::conditions::BlockKinds;
use super::{label, Check, CheckContext, CheckError, CheckKind, Hit, Hits, LabelSlot, Selector, Spot};
use crate::rules::words;
use crate::model::{Block, BlockIndex, Value, PLAN};

/// How many blocks the message of a plan that declares none of the wanted
/// kinds names; the others are counted ("and 12 more").
const NAMED_BLOCKS: usize = 10;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    key: String,
    to: BlockKinds,
    /// One finding at the plan's header, naming the blocks, when the plan
    /// declares no block of the `to` kinds at all (one cause: those are
    /// missing), instead of one finding per block.
    #[serde(default)]
    once_when_none_declared: bool,
}

#[derive(Debug)]
pub struct Alignment {
    selector: Selector,
    key: String,
    to: BlockKinds,
    once_when_none_declared: bool,
}

impl CheckKind for Alignment {
    const NAME: &'static str = "alignment";
    const SUMMARY: &'static str = "a block whose `key` (usually `supports`) names no block of the kinds `to` (`unaligned-tactic`); points at the value, or the header when it is missing";
    const OPEN_TO_CUSTOM_RULES: bool = true;
    const SELECTS_BLOCKS: bool = true;
    const VARIABLES: &'static [&'static str] =
        &["key", "value", "wanted", "named", "blocks"];
    const CASES: &'static [&'static str] = &["no-key", "other-kinds", "none-declared"];
    /// The block's header (no key), its key's value (names the wrong kind),
    /// or the plan's header with each block's (none declared).
    const LABELS: &'static [LabelSlot] = &[
        label("no-key", &[]),
        label("not-wanted", &[]),
        label("none-declared", &[]),
        label("serves-nothing", &[]),
    ];
    type Params = Params;

    fn compile(params: Params, selector: Selector) -> Result<Alignment, CheckError> {
        Ok(Alignment {
            selector,
            key: params.key,
            to: params.to,
            once_when_none_declared: params.once_when_none_declared,
        })
    }
}

impl Check for Alignment {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        let plan = context.plan;
        let mut found = Vec::new();
        for (index, block) in self.selector.blocks(plan, context.source) {
            if let Some(hit) = self.judge(context, index, block) {
                found.push(hit);
            }
        }
        let none_declared = || {
            plan.blocks
                .iter()
                .all(|block| !self.to.contains(block.kind))
        };
        if self.once_when_none_declared && !found.is_empty() && none_declared() {
            hits.push(self.none_declared(context, &found));
        } else {
            hits.extend(found);
        }
    }
}

impl Alignment {
    /// The finding about one block, if its `key` names no block of the `to`
    /// kinds.
    fn judge(
        &self,
        context: &CheckContext<'_, '_>,
        index: BlockIndex,
        block: &Block<'_>,
    ) -> Option<Hit> {
        let plan = context.plan;
        let wanted = self.to.with_articles();
        let Some(attribute) = block.attribute(&self.key) else {
            return Some(
                Hit::new(index, Spot::new(block.header, "no-key"))
                    .case("no-key")
                .var("key", self.key.clone())
                .var("wanted", wanted)
                
            );
        };
        let has_invalid = attribute
            .values()
            .into_iter()
            .any(|(value, _)| matches!(value, Value::Invalid(_)));
        let references = block.references(&self.key);
        if has_invalid
            || references
                .iter()
                .any(|(reference, _)| reference.target.is_none())
        {
            return None; // reported by invalid-value / unknown-reference
        }
        if references.iter().any(|(reference, _)| {
            reference
                .target
                .is_some_and(|target| self.to.contains(plan.block(target).kind))
        }) {
            return None;
        }
        let named: Vec<String> = references
            .iter()
            .filter_map(|(reference, _)| {
                reference.target.map(|target| words::block_name(plan.block(target)))
            })
            .collect();
        let hit = Hit::new(index, Spot::new(attribute.span, "not-wanted"));
        // An empty list names nothing: the main message words it.
        let hit = if named.is_empty() {
            hit
        } else {
            hit.case("other-kinds")
                .list("named", named, 0)
        };
        Some(
            hit.var("key", self.key.clone())
                .var("value", attribute.span.text(context.source))
                .var("wanted", wanted),
        )
    }

    /// One finding at the plan's header for all the blocks `found`, when
    /// the plan declares no block of the `to` kinds.
    fn none_declared(&self, context: &CheckContext<'_, '_>, found: &[Hit]) -> Hit {
        let plan = context.plan;
        // The message names the first few ("and 19990 more"): an imported
        // list of 20,000 tactics without objectives made a message of
        // 200,000 characters. The labels still mark every one.
        let ids: Vec<String> = found
            .iter()
            .take(NAMED_BLOCKS)
            .map(|hit| format!("`{}`", plan.block(hit.block).id.unwrap_or("?")))
            .collect();
        let more = found.len() - ids.len();
        let header = plan.plan().header;
        let mut hit = Hit::new(PLAN, Spot::new(header, "none-declared"))
            .case("none-declared")
        // What the plan lacks, as for a missing child block: a plan part of
        // which did not parse says nothing here if an objective was lost.
        .var("key", self.wanted_plain())
        .var("wanted", self.to.with_articles())
        .list("blocks", ids, more);
        // Each block's header, so readers (and the audit's count of
        // unaligned tactics) find the blocks the one finding is about.
        for each in found {
            let block = plan.block(each.block);
            hit.secondary.push(Spot::new(block.header, "serves-nothing"));
        }
        hit
    }

    /// `objective`, `objective or strategy`: the `to` kinds without articles.
    fn wanted_plain(&self) -> String {
        let names: Vec<&str> = self.to.0.iter().map(|kind| kind.keyword()).collect();
        names.join(" or ")
    }
}
