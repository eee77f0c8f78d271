//! `required-key`: a block of the given kinds must have an attribute, or a
//! child block of the given kind (`key: kpi`).
//!
//! Why: most random acts of marketing are something missing: no owner, no
//! KPI, no audience. One generic check covers them all, and custom rules
//! reuse it ("paid tactics must state a budget").
//!
//! Parameters:
//! - `on`: the block kinds checked (one or a list);
//! - `key`: the required attribute or child block kind, or a list of them,
//!   all required: a block missing several gets one finding naming them all
//!   (a KPI without `target` and `due` is one problem, not two);
//! - `when` / `unless`: conditions on the block's values (see `conditions`);
//! - `point-at` (optional): a key whose value the finding points at when the
//!   block has it, e.g. `foundational` for "foundational without a
//!   rationale", where that value is what needs justifying. Otherwise the
//!   finding points at the block's header, since a missing key has no place.
//!
//! - `described-as` (optional): words for keys in `{missing-first}`,
//!   `{missing-second}` and `{missing-words}`, e.g. `{ due: due date }`.
//!
//! Template variables: `{missing-first}` (the first missing key in words:
//! `due date`, or `` `due` `` without `described-as`), and, in the cases
//! `two-missing` and `many-missing`, `{missing-second}` and
//! `{missing-words}` (all of them, comma separated), so that a rule words
//! "neither a target nor a due date" itself; `{key}` (the missing keys,
//! `target or due`),
//! `{missing}` (the same in backticks, ready for a message), `{parent}` (the
//! enclosing block, e.g. `tactic `swag`` for a KPI) and, with `point-at`,
//! `{value}` (that value as written).
//!
//! A key that is present counts even when its value is invalid or names
//! nothing: `invalid-value` and `unknown-reference` report those.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::parameters::Names;
use super::{label, Check, CheckContext, CheckError, CheckKind, Hit, Hits, LabelSlot, Selector, Spot};
use crate::rules::words;
use crate::model::BlockKind;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    key: Names,
    #[serde(default)]
    point_at: Option<String>,
    /// Words for the keys in `{lacks}`, e.g. `due: due date`.
    #[serde(default)]
    described_as: BTreeMap<String, String>,
}

#[derive(Debug)]
struct RequiredKeyName {
    key: String,
    /// Set when `key` names a kind of child block (`kpi`) rather than an attribute.
    child_kind: Option<BlockKind>,
}

#[derive(Debug)]
pub struct RequiredKey {
    selector: Selector,
    keys: Vec<RequiredKeyName>,
    point_at: Option<String>,
    described_as: BTreeMap<String, String>,
}

impl CheckKind for RequiredKey {
    const NAME: &'static str = "required-key";
    const SUMMARY: &'static str = "a block without an attribute or child block (`key`: one or a list, e.g. `kpi`); points at the header, or at `point-at`'s value";
    const OPEN_TO_CUSTOM_RULES: bool = true;
    const SELECTS_BLOCKS: bool = true;
    const VARIABLES: &'static [&'static str] = &[
        "key",
        "missing",
        "missing-first",
        "missing-second",
        "missing-words",
        "parent",
        "value",
    ];
    /// Two of the keys are missing, or more (the main message: one).
    const CASES: &'static [&'static str] = &["two-missing", "many-missing"];
    /// On the header, or on `point-at`'s attribute when the rule names one.
    const LABELS: &'static [LabelSlot] = &[label("no-key", &[]), label("no-key-for-this", &[])];
    type Params = Params;

    fn compile(params: Params, selector: Selector) -> Result<RequiredKey, CheckError> {
        let keys: Vec<RequiredKeyName> = params
            .key
            .0
            .iter()
            .map(|key| RequiredKeyName {
                child_kind: BlockKind::from_keyword(key),
                key: key.to_string(),
            })
            .collect();
        if keys.is_empty() {
            return Err(CheckError::at("key", "`key` must name at least one key"));
        }
        Ok(RequiredKey {
            selector,
            keys,
            point_at: params.point_at,
            described_as: params.described_as,
        })
    }
}

impl RequiredKey {
    /// A missing key in the rule's words (`described-as`), else in
    /// backticks.
    fn words_for(&self, key: &str) -> String {
        match self.described_as.get(key) {
            Some(words) => words.clone(),
            None => format!("`{key}`"),
        }
    }
}

impl Check for RequiredKey {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        let plan = context.plan;
        for (index, block) in self.selector.blocks(plan, context.source) {
            let missing: Vec<&str> = self
                .keys
                .iter()
                .filter(|required| match required.child_kind {
                    Some(kind) => !block
                        .children
                        .iter()
                        .any(|&child| plan.block(child).kind == kind),
                    None => !block.has(&required.key),
                })
                .map(|required| required.key.as_str())
                .collect();
            if missing.is_empty() {
                continue;
            }
            let quoted = missing
                .iter()
                .map(|key| format!("`{key}`"))
                .collect::<Vec<_>>()
                .join(" or ");
            let pointed = self
                .point_at
                .as_deref()
                .and_then(|key| block.attribute(key));
            let primary = match pointed {
                Some(attribute) => Spot::new(attribute.span, "no-key-for-this"),
                None => Spot::new(block.header, "no-key"),
            };
            let parent = block
                .parent
                .map(|parent| words::block_name(plan.block(parent)))
                .unwrap_or_default();
            let words: Vec<String> = missing.iter().map(|key| self.words_for(key)).collect();
            let mut hit = Hit::new(index, primary)
                .var("missing-first", words[0].clone())
                .var("key", missing.join(" or "))
                .var("missing", quoted)
                .var("parent", parent);
            if let Some(attribute) = pointed {
                hit = hit.var("value", attribute.span.text(context.source));
            }
            match words.as_slice() {
                [_] => {}
                [_, second] => hit = hit.case("two-missing").var("missing-second", second.clone()),
                all => hit = hit.case("many-missing").var("missing-words", all.join(", ")),
            }
            hits.push(hit);
        }
    }
}
