//! `unknown-attribute`: a key the language does not define (`ownr`), or a
//! known key on a kind of block where it means nothing (`capacity` on a
//! tactic). Suggests the closest key; option `allow` lists a team's own keys,
//! and keys that start with `x-` are always the user's own.
//!
//! Why: a misspelt key is silently ignored by every other rule: `ownr:` does
//! not make a tactic owned. An unknown key never stands in for a known one,
//! so the tactic is also `unowned-tactic`.

use serde::Deserialize;

use super::{Check, CheckContext, Hit};
use crate::diagnostics::Label;
use crate::model::KeyStatus;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnknownAttribute {
    /// Keys a team uses on purpose (custom rules may read them).
    #[serde(default)]
    allow: Vec<String>,
}

impl Check for UnknownAttribute {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Vec<Hit>) {
        for (index, block) in context.plan.blocks.iter().enumerate() {
            for attribute in &block.attributes {
                let key = attribute.key;
                // `x-` keys are the user's own (LANGUAGE.md), as in OpenAPI.
                if key.starts_with("x-") || self.allow.iter().any(|allowed| allowed == key) {
                    continue;
                }
                let (problem, fix, label) = match &attribute.status {
                    KeyStatus::Unknown { suggestion } => (
                        format!("`{key}` is not a key planlint knows"),
                        match suggestion {
                            Some(close) => format!(
                                "Did you mean `{close}`? If `{key}` is a key of your own, \
                                 list it under `unknown-attribute: allow:` in .planlint.yaml."
                            ),
                            None => format!(
                                "Check the spelling against the plan language, or, if `{key}` \
                                 is a key of your own, list it under `unknown-attribute: allow:` \
                                 in .planlint.yaml."
                            ),
                        },
                        match suggestion {
                            Some(close) => format!("did you mean `{close}`?"),
                            None => "unknown key".to_string(),
                        },
                    ),
                    KeyStatus::WrongBlock { belongs_on } => {
                        let kinds: Vec<&str> =
                            belongs_on.iter().map(|kind| kind.with_article()).collect();
                        (
                            format!(
                                "`{key}` has no meaning on {}; it belongs on {}",
                                block.kind.with_article(),
                                kinds.join(" or ")
                            ),
                            format!("Move `{key}` to the block it describes, or remove it."),
                            format!("not a key of {}", block.kind.with_article()),
                        )
                    }
                    KeyStatus::Known | KeyStatus::Repeated { .. } => continue,
                };
                hits.push(
                    Hit::new(index, Label::new(attribute.key_span, label))
                        .var("key", key)
                        .var("problem", problem)
                        .var("fix", fix),
                );
            }
        }
    }
}
