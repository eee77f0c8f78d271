//! `overlapping-duplicates`: two blocks of the kinds `on` with the same
//! values for every key of `same`, whose `overlap` values (quarters or
//! quarter ranges) share at least one quarter: two tactics on the same
//! channel for the same audience at the same time.
//!
//! Why: that is the same work planned twice, by two people or under two
//! names: duplicated effort that the audience sees as noise. Points at the
//! later block's header, with every earlier block it duplicates as a
//! secondary label, so each duplicate is reported once.
//!
//! Values are compared as marketers write them: a bare word and a string
//! with the same text are the same (`events`, `"events"`), and so are texts
//! that differ only in case or spacing (`"IT directors"`, `"IT  Directors"`).
//! A block missing one of the keys (`same` or `overlap`), or with an invalid
//! value for one, duplicates nothing: it cannot be compared (and `invalid-value` reports
//! the invalid one). Without `overlap`, equal values alone are duplicates.
//!
//! Template variables: `{earlier}` (the first earlier duplicate, e.g.
//! `tactic `webinars``), `{earlier-all}` (all of them), `{quarters}` (from
//! the first to the last quarter it shares with them, when `overlap` is set).

use std::collections::HashMap;

use serde::Deserialize;

use super::conditions::BlockKinds;
use crate::rules::words;
use super::parameters::Names;
use super::{Check, CheckContext, CheckError, CheckKind, Hit, Hits, Selector, label, LabelSlot, Spot};
use crate::model::{Block, BlockIndex, Quarter, QuarterRange, Value};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    on: BlockKinds,
    same: Names,
    #[serde(default)]
    overlap: Option<String>,
}

#[derive(Debug)]
pub struct OverlappingDuplicates {
    on: BlockKinds,
    same: Vec<String>,
    overlap: Option<String>,
}

impl CheckKind for OverlappingDuplicates {
    const NAME: &'static str = "overlapping-duplicates";
    const SUMMARY: &'static str =
        "no two blocks alike in the keys `same` overlap in time (`duplicate-tactic`)";
    const VARIABLES: &'static [&'static str] = &["earlier", "earlier-all", "quarters"];
    const LABELS: &'static [LabelSlot] = &[label("again", &[]), label("earlier", &[])];
    type Params = Params;

    fn compile(params: Params, _: Selector) -> Result<OverlappingDuplicates, CheckError> {
        let same = params.same.0;
        if same.is_empty() {
            return Err(CheckError::at("same", "`same` must name at least one key"));
        }
        Ok(OverlappingDuplicates {
            on: params.on,
            same,
            overlap: params.overlap,
        })
    }
}

impl OverlappingDuplicates {

    /// What a block is compared on, or `None` when it cannot be compared.
    fn signature(&self, block: &Block<'_>, source: &str) -> Option<Signature> {
        let values = self
            .same
            .iter()
            .map(|key| comparable_text(block, key, source))
            .collect::<Option<Vec<_>>>()?;
        let time = match &self.overlap {
            Some(key) => Some(block.quarter_range(key)?),
            None => None,
        };
        Some(Signature { values, time })
    }
}

struct Signature {
    values: Vec<String>,
    time: Option<QuarterRange>,
}

/// A value's text, normalised for comparison: case folded, runs of
/// whitespace made one space. `None` for a missing or invalid value.
fn comparable_text(block: &Block<'_>, key: &str, source: &str) -> Option<String> {
    let attribute = block.attribute(key)?;
    let text = match &attribute.value {
        Value::Invalid(_) => return None,
        Value::Text(text) => text.as_ref(),
        Value::Word(word) => word,
        _ => attribute.span.text(source),
    };
    if !text.is_ascii() {
        return Some(
            text.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase(),
        );
    }
    // The same for ASCII text (nearly every value), in one allocation
    // instead of three per value compared.
    let mut comparable = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !comparable.is_empty() {
            comparable.push(' ');
        }
        comparable.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    Some(comparable)
}

/// The blocks of a group that share one time (quarter range, or none when
/// the check compares no time).
struct Alike {
    time: Option<QuarterRange>,
    /// The first few of them in file order, to be named.
    first: Vec<BlockIndex>,
    count: usize,
}

/// The quarters two overlapping ranges share.
fn shared(a: QuarterRange, b: QuarterRange) -> QuarterRange {
    QuarterRange {
        first: Quarter::max(a.first, b.first),
        last: Quarter::min(a.last, b.last),
    }
}

/// How many earlier duplicates a finding names and labels; the rest are
/// counted ("and 12 more"), so a plan with thousands of copies of one
/// tactic stays fast and its findings stay readable.
const NAMED_DUPLICATES: usize = 3;

impl Check for OverlappingDuplicates {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        let plan = context.plan;
        // Tactics grouped by their compared values (only a group's members
        // can duplicate each other), and within a group by their time: a
        // tactic meets each distinct quarter range of its group once, not
        // each earlier tactic, so a plan of thousands of alike tactics is
        // not compared pair by pair.
        let mut groups: HashMap<Vec<String>, Vec<Alike>> = HashMap::new();
        for (index, block) in plan.blocks.iter().enumerate() {
            if !self.on.contains(block.kind) {
                continue;
            }
            let Some(signature) = self.signature(block, context.source) else {
                continue;
            };
            let group = groups.entry(signature.values).or_default();
            let mut named: Vec<BlockIndex> = Vec::new();
            let mut overlapping = 0usize;
            let mut quarters: Option<QuarterRange> = None;
            for alike in group.iter() {
                let overlap = match (signature.time, alike.time) {
                    (Some(mine), Some(theirs)) if mine.overlaps(theirs) => {
                        Some(Some(shared(mine, theirs)))
                    }
                    (Some(_), Some(_)) => None,
                    _ => Some(None),
                };
                let Some(overlap) = overlap else { continue };
                if let Some(range) = overlap {
                    quarters = Some(match quarters {
                        Some(so_far) => QuarterRange {
                            first: Quarter::min(so_far.first, range.first),
                            last: Quarter::max(so_far.last, range.last),
                        },
                        None => range,
                    });
                }
                named.extend(&alike.first);
                overlapping += alike.count;
            }
            // The earliest few in file order across the time ranges.
            named.sort_unstable();
            named.truncate(NAMED_DUPLICATES);
            let more = overlapping - named.len();
            match group.iter_mut().find(|alike| alike.time == signature.time) {
                Some(alike) => {
                    alike.count += 1;
                    if alike.first.len() < NAMED_DUPLICATES {
                        alike.first.push(index);
                    }
                }
                None => group.push(Alike {
                    time: signature.time,
                    first: vec![index],
                    count: 1,
                }),
            }
            if named.is_empty() {
                continue;
            }
            let names: Vec<String> = named
                .iter()
                .map(|&other| words::block_name(plan.block(other)))
                .collect();
            let mut hit = Hit::new(index, Spot::new(block.header, "again"))
                .var("earlier", names[0].clone())
                .list("earlier-all", names, more);
            if let Some(quarters) = quarters {
                hit = hit.var("quarters", quarters.to_string());
            }
            hit.secondary.extend(
                named
                    .iter()
                    .map(|&other| Spot::new(plan.block(other).header, "earlier")),
            );
            hits.push(hit);
        }
    }
}
