//! `duplicate-id`: two blocks of the same kind with the same id (for `kpi`:
//! within the same parent block).
//!
//! Why: references would silently pick one of them. KPI ids name measures,
//! which several blocks may share, so they only clash within one parent.
//! People are one namespace: `member @r` and `partner @r` are the same
//! person declared twice (the capacity rules count the first only).
//! Points at the later block, with the earlier one as a secondary label.

use std::collections::HashMap;

use serde::Deserialize;

use super::{Check, CheckContext, CheckError, CheckKind, Hit, Hits, LabelSlot, Selector, Spot, label};
use crate::rules::words;
use crate::model::{BlockIndex, BlockKind};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DuplicateId {}

impl CheckKind for DuplicateId {
    const NAME: &'static str = "duplicate-id";
    const SUMMARY: &'static str = "no two blocks share an id (`duplicate-id`)";
    const VARIABLES: &'static [&'static str] = &["earlier", "line"];
    const LABELS: &'static [LabelSlot] = &[label("again", &[]), label("first", &[])];
    const CASES: &'static [&'static str] = &["person"];
    type Params = DuplicateId;

    fn compile(params: DuplicateId, _: Selector) -> Result<DuplicateId, CheckError> {
        Ok(params)
    }
}

impl Check for DuplicateId {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        let plan = context.plan;
        // Sized once: growing it rehashed every id several times.
        let mut first: HashMap<(BlockKind, &str, Option<BlockIndex>), BlockIndex> =
            HashMap::with_capacity(plan.blocks.len());
        for (index, block) in plan.blocks.iter().enumerate() {
            let Some(id) = block.id else { continue };
            let scope = (block.kind == BlockKind::Kpi)
                .then_some(block.parent)
                .flatten();
            let key = (namespace(block.kind), id, scope);
            let Some(&earlier) = first.get(&key) else {
                first.insert(key, index);
                continue;
            };
            let earlier_block = plan.block(earlier);
            let line = context.lines.line(earlier_block.keyword.start);
            let mut hit = Hit::new(index, Spot::new(block.header, "again"))
                .var("line", line.to_string());
            if earlier_block.kind != block.kind {
                // A member declared again as a partner (or the reverse).
                hit = hit
                    .case("person")
                    .var("earlier", words::block_name(earlier_block));
            }
            hit.secondary.push(Spot::new(earlier_block.header, "first"));
            hits.push(hit);
        }
    }
}

/// The namespace of a kind's ids: members and partners share one (people).
fn namespace(kind: BlockKind) -> BlockKind {
    match kind {
        BlockKind::Partner => BlockKind::Member,
        other => other,
    }
}
