//! `unknown-attribute`: a key the language does not define (`ownr`), or a
//! known key on a kind of block where it means nothing (`capacity` on a
//! tactic). Suggests the closest key; option `allow` lists a team's own keys,
//! and keys that start with `x-` are always the user's own.
//!
//! Why: a misspelt key is silently ignored by every other rule: `ownr:` does
//! not make a tactic owned. An unknown key never stands in for a known one,
//! so the tactic is also `unowned-tactic`.
//!
//! Fix (safe): a misspelt key is renamed to the closest key valid on that
//! kind of block when no other key is as close and the block does not have
//! that key already; the plan then says what its author meant.

use serde::Deserialize;

use super::{Check, CheckContext, CheckError, CheckKind, Hit, Hits, Selector, label, LabelSlot, Spot};
use crate::diagnostics::{Fix, Safety};
use crate::model::{schema, Block, KeyStatus};
use crate::text::edit_distance;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnknownAttribute {
    /// Keys a team uses on purpose (custom rules may read them).
    #[serde(default)]
    allow: Vec<String>,
}

impl CheckKind for UnknownAttribute {
    const NAME: &'static str = "unknown-attribute";
    const SUMMARY: &'static str = "every key is one the language defines or the team allows (`unknown-attribute`)";
    const VARIABLES: &'static [&'static str] = &["key", "suggestion", "block-kind", "belongs-on"];
    const CASES: &'static [&'static str] = &["no-suggestion", "wrong-block"];
    const LABELS: &'static [LabelSlot] = &[
        label("did-you-mean", &[]),
        label("unknown-key", &[]),
        label("wrong-block", &[]),
    ];
    type Params = UnknownAttribute;

    fn compile(params: UnknownAttribute, _: Selector) -> Result<UnknownAttribute, CheckError> {
        Ok(params)
    }
}

impl Check for UnknownAttribute {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        for (index, block) in context.plan.blocks.iter().enumerate() {
            for attribute in &block.attributes {
                let key = attribute.key;
                // `x-` keys are the user's own (LANGUAGE.md), as in OpenAPI.
                if key.starts_with("x-") || self.allow.iter().any(|allowed| allowed == key) {
                    continue;
                }
                let hit = match &attribute.status {
                    KeyStatus::Unknown {
                        suggestion: Some(close),
                    } => {
                        let hit = Hit::new(index, Spot::new(attribute.key_span, "did-you-mean"))
                            .var("suggestion", **close);
                        match rename_fix(block, key, close) {
                            Some(fix) => hit.fix(Fix::replace(Safety::Safe, attribute.key_span, fix)),
                            None => hit,
                        }
                    }
                    KeyStatus::Unknown { suggestion: None } => {
                        Hit::new(index, Spot::new(attribute.key_span, "unknown-key"))
                            .case("no-suggestion")
                    }
                    KeyStatus::WrongBlock { belongs_on } => {
                        let kinds: Vec<&str> =
                            belongs_on.iter().map(|kind| crate::rules::words::block_kind(*kind)).collect();
                        Hit::new(index, Spot::new(attribute.key_span, "wrong-block"))
                            .case("wrong-block")
                        .var("block-kind", crate::rules::words::block_kind(block.kind))
                        .var("belongs-on", kinds.join(" or "))
                    }
                    KeyStatus::Known | KeyStatus::Repeated { .. } => continue,
                };
                hits.push(hit.var("key", key));
            }
        }
    }
}

/// The key to rename a misspelt one to, when that is certainly what was
/// meant: the closest key valid on this kind of block is the only one at
/// that distance, and the block does not already have it (renaming would
/// then give the key twice).
fn rename_fix(block: &Block<'_>, key: &str, close: &str) -> Option<String> {
    let distance = edit_distance(key, close);
    let ties = schema::keys_on(block.kind)
        .filter(|candidate| edit_distance(key, candidate) == distance)
        .count();
    (ties == 1 && !block.has(close)).then(|| close.to_string())
}
