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

use super::conditions::{BlockKinds, OneOrMany};
use super::{Check, CheckContext, Hit};
use crate::diagnostics::Label;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    on: OneOrMany,
    from: OneOrMany,
    key: String,
}

#[derive(Debug)]
pub struct Unreferenced {
    on: BlockKinds,
    from: BlockKinds,
    key: String,
}

impl Unreferenced {
    pub fn compile(params: Params) -> Result<Unreferenced, String> {
        Ok(Unreferenced {
            on: BlockKinds::compile(&params.on)?,
            from: BlockKinds::compile(&params.from)?,
            key: params.key,
        })
    }

    fn referrer_kinds(&self) -> String {
        let names: Vec<&str> = self.from.0.iter().map(|kind| kind.keyword()).collect();
        names.join(" or ")
    }
}

impl Check for Unreferenced {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Vec<Hit>) {
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
                    Hit::new(
                        index,
                        Label::new(
                            block.header,
                            format!("no {} has it in `{}`", self.referrer_kinds(), self.key),
                        ),
                    )
                    .var("from", self.referrer_kinds())
                    .var("key", self.key.clone()),
                );
            }
        }
    }
}
