//! `child-count`: a block must not hold more than `max` child blocks of a
//! kind (`too-many-objectives`: objectives in the plan; `too-many-kpis`:
//! KPIs on one objective).
//!
//! Why: focus. A plan that chases ten objectives, or an objective judged
//! by nine KPIs, has not chosen; OKR practice keeps three to five of each.
//! Generic, so custom rules can cap strategies or tactics too.
//!
//! Parameters: the shared selector (`on`, `when`, `unless`), `children`
//! (a block kind) and `max` (a whole number). Points at the block's header,
//! with the children beyond `max`, in file order, as secondary labels.
//!
//! Template variables: `{count}`, `{max}`, `{children}` (the kind), and
//! `{beyond}` (the ids of the children past the limit).

use serde::Deserialize;

use super::{block_kind, label, Check, CheckContext, CheckError, CheckKind, Hit, Hits, LabelSlot, Selector, Spot};
use crate::model::BlockKind;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    children: String,
    max: u32,
}

#[derive(Debug)]
pub struct ChildCount {
    selector: Selector,
    children: BlockKind,
    max: usize,
}

impl CheckKind for ChildCount {
    const NAME: &'static str = "child-count";
    const SUMMARY: &'static str =
        "a block with more than `max` child blocks of kind `children`; points at the header";
    const OPEN_TO_CUSTOM_RULES: bool = true;
    const SELECTS_BLOCKS: bool = true;
    const VARIABLES: &'static [&'static str] = &["count", "max", "children", "beyond"];
    /// On the parent's header, and on each child beyond the limit.
    const LABELS: &'static [LabelSlot] = &[label("parent", &[]), label("beyond", &[])];
    type Params = Params;

    fn compile(params: Params, selector: Selector) -> Result<ChildCount, CheckError> {
        let children =
            block_kind(&params.children).map_err(|message| CheckError::at("children", message))?;
        Ok(ChildCount {
            selector,
            children,
            max: params.max as usize,
        })
    }
}

impl Check for ChildCount {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        let plan = context.plan;
        for (index, block) in self.selector.blocks(plan, context.source) {
            let children: Vec<usize> = block
                .children
                .iter()
                .copied()
                .filter(|child| plan.block(*child).kind == self.children)
                .collect();
            if children.len() <= self.max {
                continue;
            }
            let beyond = &children[self.max..];
            let names: Vec<String> = beyond
                .iter()
                .map(|child| format!("`{}`", plan.block(*child).id.unwrap_or("?")))
                .collect();
            let kind = self.children.keyword();
            let mut hit = Hit::new(index, Spot::new(block.header, "parent"))
            .var("count", children.len().to_string())
            .var("max", self.max.to_string())
            .var("children", kind)
            .var("beyond", names.join(", "));
            hit.secondary = beyond
                .iter()
                .map(|child| Spot::new(plan.block(*child).header, "beyond"))
                .collect();
            hits.push(hit);
        }
    }
}
