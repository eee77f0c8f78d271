//! `funnel-gap`: the plan's KPIs measure every funnel stage between the
//! lowest and the highest they measure. Serves one rule, `funnel-gap`.
//!
//! Why: a plan that counts impressions and deals but nothing in between
//! cannot tell where the funnel leaks. The stages in order are
//! `awareness`, `engagement`, `opportunity`, `closed`; one finding at the
//! plan's header names the stages left out, with one KPI at each end
//! labelled. A KPI without a valid `stage` is not counted.
//!
//! Template variables: `{missing}` (the stages, in backticks), `{lowest}`,
//! `{highest}`.

use serde::Deserialize;

use super::{Check, CheckContext, CheckError, CheckKind, Hit, Hits, LabelSlot, Selector, Spot, label};
use crate::model::{BlockKind, Stage, Value, PLAN};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FunnelGap {}

impl CheckKind for FunnelGap {
    const NAME: &'static str = "funnel-gap";
    const SUMMARY: &'static str =
        "the KPIs measure every funnel stage between the lowest and highest they measure (`funnel-gap`)";
    const VARIABLES: &'static [&'static str] = &["missing", "lowest", "highest"];
    /// On the plan's header (`{stages}`: the missing stages, comma
    /// separated), and on the lowest and highest stages measured.
    const LABELS: &'static [LabelSlot] = &[
        label("gap", &["stages"]),
        label("lowest", &[]),
        label("highest", &[]),
    ];
    type Params = FunnelGap;

    fn compile(params: FunnelGap, _: Selector) -> Result<FunnelGap, CheckError> {
        Ok(params)
    }
}

const STAGES: [(Stage, &str); 4] = [
    (Stage::Awareness, "awareness"),
    (Stage::Engagement, "engagement"),
    (Stage::Opportunity, "opportunity"),
    (Stage::Closed, "closed"),
];

impl Check for FunnelGap {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        let plan = context.plan;
        // Per stage, the first KPI that measures it (its `stage` span).
        let mut measured = [None; 4];
        for (_, kpi) in plan.blocks_of(BlockKind::Kpi) {
            let Some(attribute) = kpi.attribute("stage") else {
                continue;
            };
            let Value::Stage(stage) = attribute.value else {
                continue;
            };
            if let Some(position) = STAGES.iter().position(|(known, _)| *known == stage) {
                measured[position].get_or_insert(attribute.span);
            }
        }
        let (Some(lowest), Some(highest)) = (
            measured.iter().position(Option::is_some),
            measured.iter().rposition(Option::is_some),
        ) else {
            return;
        };
        let missing: Vec<String> = (lowest..=highest)
            .filter(|position| measured[*position].is_none())
            .map(|position| format!("`{}`", STAGES[position].1))
            .collect();
        if missing.is_empty() {
            return;
        }
        let mut hit = Hit::new(
            PLAN,
            Spot::new(plan.plan().header, "gap").var("stages", missing.join(", ")),
        )
        .var("missing", missing.join(" and "))
        .var("lowest", STAGES[lowest].1)
        .var("highest", STAGES[highest].1);
        for position in [lowest, highest] {
            if let Some(span) = measured[position] {
                let end = if position == lowest { "lowest" } else { "highest" };
                hit.secondary.push(Spot::new(span, end));
            }
        }
        hits.push(hit);
    }
}
