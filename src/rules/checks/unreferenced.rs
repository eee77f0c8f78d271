//! `unreferenced`: a block of the kinds `on` that no block of the kinds
//! `from` names through its `key`: an objective that no tactic `supports`.
//!
//! Why: a goal with no work planned towards it is a wish, not a plan; it
//! will be reported on at the end of the year and missed. Points at the
//! block's header, since what is missing is elsewhere.
//!
//! Judged on resolved references only (RULES.md, "One cause, one
//! finding"): a misspelt name in a would-be supporter is reported by
//! `unknown-reference` on that supporter, and the block it meant is still
//! unreferenced; so is one named only by an invalid value.
//!
//! Template variables: `{from}` (the kinds that could name it, `tactic`)
//! and `{key}`.

use serde::Deserialize;

use super::conditions::BlockKinds;
use super::{Check, CheckContext, CheckError, CheckKind, Hit, Hits, Selector, label, LabelSlot, Spot};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    on: BlockKinds,
    from: BlockKinds,
    key: String,
}

#[derive(Debug)]
pub struct Unreferenced {
    on: BlockKinds,
    from: BlockKinds,
    key: String,
}

impl CheckKind for Unreferenced {
    const NAME: &'static str = "unreferenced";
    const SUMMARY: &'static str =
        "a block of the kinds `on` must be named by a block of the kinds `from` (`orphan-objective`)";
    const VARIABLES: &'static [&'static str] = &["from", "key"];
    const LABELS: &'static [LabelSlot] = &[label("unreferenced", &[])];
    type Params = Params;

    fn compile(params: Params, _: Selector) -> Result<Unreferenced, CheckError> {
        Ok(Unreferenced {
            on: params.on,
            from: params.from,
            key: params.key,
        })
    }
}

impl Unreferenced {

    fn referrer_kinds(&self) -> String {
        let names: Vec<&str> = self.from.0.iter().map(|kind| kind.keyword()).collect();
        names.join(" or ")
    }
}

impl Check for Unreferenced {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        let plan = context.plan;
        let mut referenced = vec![false; plan.blocks.len()];
        for block in &plan.blocks {
            if !self.from.contains(block.kind) {
                continue;
            }
            for (reference, _) in block.references(&self.key) {
                if let Some(target) = reference.target {
                    referenced[target] = true;
                }
            }
        }
        for (index, block) in plan.blocks.iter().enumerate() {
            if self.on.contains(block.kind) && !referenced[index] {
                hits.push(
                    Hit::new(index, Spot::new(block.header, "unreferenced"))
                    .var("from", self.referrer_kinds())
                    .var("key", self.key.clone()),
                );
            }
        }
    }
}
