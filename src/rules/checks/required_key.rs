//! `required-key`: a block of the given kinds must have an attribute, or a
//! child block of the given kind (`key: kpi`).
//!
//! Why: most random acts of marketing are something missing: no owner, no
//! KPI, no audience. One generic check covers them all, and custom rules
//! reuse it ("paid tactics must state a budget"). Points at the block's
//! header, since there is no value to point at.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::conditions::{BlockKinds, Conditions, OneOrMany};
use super::{Check, CheckContext, CheckError, Hit};
use crate::diagnostics::Label;
use crate::model::BlockKind;
use crate::yaml;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    on: OneOrMany,
    key: String,
    #[serde(default)]
    when: BTreeMap<String, yaml::Value>,
    #[serde(default)]
    unless: BTreeMap<String, yaml::Value>,
}

#[derive(Debug)]
pub struct RequiredKey {
    on: BlockKinds,
    key: String,
    /// Set when `key` names a kind of child block (`kpi`) rather than an attribute.
    child_kind: Option<BlockKind>,
    conditions: Conditions,
}

impl RequiredKey {
    pub fn compile(params: Params) -> Result<RequiredKey, CheckError> {
        Ok(RequiredKey {
            on: BlockKinds::compile(&params.on).map_err(|message| CheckError::at("on", message))?,
            child_kind: BlockKind::from_keyword(&params.key),
            key: params.key,
            conditions: Conditions::compile_located(&params.when, &params.unless)?,
        })
    }
}

impl Check for RequiredKey {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Vec<Hit>) {
        let plan = context.plan;
        for (index, block) in plan.blocks.iter().enumerate() {
            if !self.on.contains(block.kind) || !self.conditions.applies(block, context.source) {
                continue;
            }
            let present = match self.child_kind {
                Some(kind) => block
                    .children
                    .iter()
                    .any(|&child| plan.block(child).kind == kind),
                None => block.has(&self.key),
            };
            if !present {
                hits.push(
                    Hit::new(
                        index,
                        Label::new(block.header, format!("no `{}`", self.key)),
                    )
                    .var("key", self.key.clone()),
                );
            }
        }
    }
}
