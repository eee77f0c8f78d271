//! `alignment`: a block's `key` (usually `supports`) must name at least one
//! block of the given kinds: a tactic must serve an objective, an objective
//! a strategy.
//!
//! Why: a tactic that serves no objective is the textbook random act of
//! marketing. A missing `supports` points at the header; one that names only
//! the wrong kinds of block points at the value. One cause, one finding: if a
//! name resolves to nothing, `unknown-reference` reports it and this check
//! stays silent for the block, as it does for an invalid value.

use serde::Deserialize;

use super::conditions::BlockKinds;
use super::{Check, CheckContext, CheckError, CheckKind, Hit, Selector};
use crate::diagnostics::Label;
use crate::model::Value;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    key: String,
    to: BlockKinds,
}

#[derive(Debug)]
pub struct Alignment {
    selector: Selector,
    key: String,
    to: BlockKinds,
}

impl CheckKind for Alignment {
    const NAME: &'static str = "alignment";
    const SUMMARY: &'static str = "a block whose `key` (usually `supports`) names no block of the kinds `to` (`unaligned-tactic`); points at the value, or the header when it is missing";
    const OPEN_TO_CUSTOM_RULES: bool = true;
    const SELECTS_BLOCKS: bool = true;
    const VARIABLES: &'static [&'static str] = &["key", "value", "wanted", "problem"];
    type Params = Params;

    fn compile(params: Params, selector: Selector) -> Result<Alignment, CheckError> {
        Ok(Alignment {
            selector,
            key: params.key,
            to: params.to,
        })
    }
}

impl Check for Alignment {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Vec<Hit>) {
        let plan = context.plan;
        for (index, block) in self.selector.blocks(context.plan, context.source) {
            let Some(attribute) = block.attribute(&self.key) else {
                hits.push(
                    Hit::new(
                        index,
                        Label::new(block.header, format!("no `{}`", self.key)),
                    )
                    .var("key", self.key.clone())
                    .var("wanted", self.to.with_articles())
                    .var("problem", format!("has no `{}`", self.key)),
                );
                continue;
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
                continue; // reported by invalid-value / unknown-reference
            }
            if references.iter().any(|(reference, _)| {
                reference
                    .target
                    .is_some_and(|target| self.to.contains(plan.block(target).kind))
            }) {
                continue;
            }
            let named: Vec<String> = references
                .iter()
                .filter_map(|(reference, _)| {
                    reference.target.map(|target| plan.block(target).describe())
                })
                .collect();
            let problem = if named.is_empty() {
                format!("names nothing in `{}`", self.key)
            } else {
                format!("names only {} in `{}`", named.join(", "), self.key)
            };
            hits.push(
                Hit::new(
                    index,
                    Label::new(attribute.span, format!("not {}", self.to.with_articles())),
                )
                .var("key", self.key.clone())
                .var("value", attribute.span.text(context.source))
                .var("wanted", self.to.with_articles())
                .var("problem", problem),
            );
        }
    }
}
