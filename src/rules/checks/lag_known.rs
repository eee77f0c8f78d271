//! `lag-known`: a plan with KPIs at a stage that lags behind the work
//! (`opportunity`, `closed`) must give that stage's lag (`pipeline-lag`,
//! `sales-cycle`), or the time-lag check cannot judge them. Serves one
//! rule, `missing-lag`.
//!
//! Why: `ignores-time-lag` and the lag allowance of `outside-period` are
//! switched off, silently, for a stage whose lag the plan does not give;
//! this check makes that visible. A KPI on a tactic with its own `lag` is
//! covered by it and not counted. One finding per missing key, at the
//! plan's header, with each KPI's `stage` that needs it labelled.
//!
//! Template variables: `{key}` (the missing key), `{stage}`, `{count}`
//! (how many KPIs), `{kpis}` (their ids).

use serde::Deserialize;

use super::{Check, CheckContext, CheckError, CheckKind, Hit, Hits, LabelSlot, Selector, Spot, label};
use crate::model::lag::lagging_stage;
use crate::model::{BlockKind, Stage, Value, PLAN};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LagKnown {}

impl CheckKind for LagKnown {
    const NAME: &'static str = "lag-known";
    const SUMMARY: &'static str = "a plan with `opportunity` or `closed` KPIs gives their lag (`missing-lag`)";
    const VARIABLES: &'static [&'static str] = &["key", "stage", "count", "kpis"];
    const LABELS: &'static [LabelSlot] = &[label("no-lag", &[]), label("needs-lag", &[])];
    type Params = LagKnown;

    fn compile(params: LagKnown, _: Selector) -> Result<LagKnown, CheckError> {
        Ok(params)
    }
}

impl Check for LagKnown {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        let plan = context.plan;
        for (wanted, stage_name) in [(Stage::Opportunity, "opportunity"), (Stage::Closed, "closed")] {
            let mut needing = Vec::new();
            let mut key = "";
            for (_, kpi) in plan.blocks_of(BlockKind::Kpi) {
                let Some(attribute) = kpi.attribute("stage") else {
                    continue;
                };
                let Value::Stage(stage) = attribute.value else {
                    continue;
                };
                if stage != wanted {
                    continue;
                }
                let Some((plan_key, _)) = lagging_stage(stage) else {
                    continue;
                };
                key = plan_key;
                let own_lag = kpi
                    .parent
                    .map(|parent| plan.block(parent))
                    .is_some_and(|parent| {
                        parent.kind == BlockKind::Tactic && parent.attribute("lag").is_some()
                    });
                if !own_lag {
                    needing.push((kpi.id.unwrap_or("?"), attribute.span));
                }
            }
            if needing.is_empty() || plan.plan().attribute(key).is_some() {
                continue;
            }
            let plan_block = plan.plan();
            let ids: Vec<String> = needing.iter().map(|(id, _)| format!("`{id}`")).collect();
            let mut hit = Hit::new(PLAN, Spot::new(plan_block.header, "no-lag"))
            .var("key", key)
            .var("stage", stage_name)
            .var("count", needing.len().to_string())
            .var("kpis", ids.join(", "));
            hit.secondary = needing
                .iter()
                .map(|(_, span)| Spot::new(*span, "needs-lag"))
                .collect();
            hits.push(hit);
        }
    }
}
