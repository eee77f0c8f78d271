//! `quiet-quarter`: every quarter of the plan's period has a tactic
//! running in it. Serves one rule, `quiet-quarter`.
//!
//! Why: a quarter with nothing in market is three months in which the
//! audience hears nothing, pipeline for the quarter after dries up, and
//! the team's capacity goes unplanned; in a plan it is usually a gap
//! nobody noticed, not a decision. A tactic runs in each quarter of its
//! `when`. A plan with no `period`, or no tactic with a readable `when`,
//! is not checked (`unscheduled-tactic` says the second).
//!
//! One finding per run of quiet quarters next to each other, at the
//! plan's `period`.
//!
//! Template variables: `{first}` and, for a run of several, `{last}` (the
//! first and last quiet quarter), `{count}` (how many), `{period}`.

use serde::Deserialize;

use super::{Check, CheckContext, CheckError, CheckKind, Hit, Hits, Selector, label, LabelSlot, Spot};
use crate::model::schema::key;
use crate::model::{BlockKind, Quarter, QuarterRange, Value, PLAN};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuietQuarter {}

impl CheckKind for QuietQuarter {
    const NAME: &'static str = "quiet-quarter";
    const SUMMARY: &'static str =
        "every quarter of the plan's period has a tactic running (`quiet-quarter`)";
    const VARIABLES: &'static [&'static str] = &["first", "last", "count", "period"];
    const LABELS: &'static [LabelSlot] = &[label("quiet", &[])];
    type Params = QuietQuarter;

    fn compile(params: QuietQuarter, _: Selector) -> Result<QuietQuarter, CheckError> {
        Ok(params)
    }
}

impl Check for QuietQuarter {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        let plan = context.plan;
        let Some(attribute) = plan.plan().attribute(key::PERIOD) else {
            return;
        };
        let period = match attribute.value {
            Value::QuarterRange(range) => range,
            Value::Quarter(quarter) => QuarterRange::single(quarter),
            _ => return, // invalid: reported by invalid-value
        };
        // One mark per quarter of the period: linear in the tactics.
        let first = period.first.ordinal();
        let mut busy = vec![false; period.len() as usize];
        let mut scheduled = false;
        for (_, tactic) in plan.blocks_of(BlockKind::Tactic) {
            let Some(when) = tactic.quarter_range(key::WHEN) else {
                continue;
            };
            scheduled = true;
            let from = when.first.ordinal().max(first);
            let to = when.last.ordinal().min(period.last.ordinal());
            for ordinal in from..=to {
                busy[(ordinal - first) as usize] = true;
            }
        }
        if !scheduled {
            return;
        }
        let quiet_quarters = period
            .quarters()
            .filter(|quarter| !busy[(quarter.ordinal() - first) as usize]);
        for quiet in runs_of(quiet_quarters) {
            let (Some(first), Some(last)) = (quiet.first(), quiet.last()) else {
                continue;
            };
            let mut hit = Hit::new(PLAN, Spot::new(attribute.span, "quiet"))
                .var("first", first.to_string())
                .var("count", quiet.len().to_string())
                .var("period", period.to_string());
            if first != last {
                hit = hit.var("last", last.to_string());
            }
            hits.push(hit);
        }
    }
}

/// Quarters in calendar order, grouped into runs of consecutive ones.
fn runs_of(quarters: impl Iterator<Item = Quarter>) -> Vec<Vec<Quarter>> {
    let mut runs: Vec<Vec<Quarter>> = Vec::new();
    for quarter in quarters {
        match runs.last_mut() {
            Some(run) if run.last().is_some_and(|last| last.ordinal() + 1 == quarter.ordinal()) => {
                run.push(quarter)
            }
            _ => runs.push(vec![quarter]),
        }
    }
    runs
}
