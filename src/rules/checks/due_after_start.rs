//! `due-after-start`: a tactic's KPI must not fall due before the tactic
//! starts (a child dated outside its parent, as TaskJuggler and Jira
//! check). Serves one rule, `kpi-due-before-start`.
//!
//! Why: a KPI due before its work begins can only be met by something
//! else, so it measures nothing the tactic does; usually a date copied
//! from another block, or a schedule moved without its KPIs. The KPI's
//! `due` (a quarter as its last day) is compared with the first day of the
//! tactic's `when`; the finding points at `due`, with the `when` labelled.
//!
//! One cause, one finding: a KPI at a stage whose lag the plan or tactic
//! gives is `ignores-time-lag`'s (due before the start plus the lag), and
//! an invalid `due` or `when` is `invalid-value`'s.
//!
//! Template variables: `{due}`, `{start}` (the tactic's first day),
//! `{when}` (as written), `{tactic}` (its id).

use serde::Deserialize;

use super::{Check, CheckContext, CheckError, CheckKind, Hit, Hits, LabelSlot, Selector, Spot, label};
use crate::model::{BlockKind, LagLookup, Value};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DueAfterStart {}

impl CheckKind for DueAfterStart {
    const NAME: &'static str = "due-after-start";
    const SUMMARY: &'static str =
        "a tactic's KPI falls due no earlier than the tactic starts (`kpi-due-before-start`)";
    const VARIABLES: &'static [&'static str] = &["due", "start", "when", "tactic"];
    const LABELS: &'static [LabelSlot] = &[label("due", &[]), label("start", &[])];
    type Params = DueAfterStart;

    fn compile(params: DueAfterStart, _: Selector) -> Result<DueAfterStart, CheckError> {
        Ok(params)
    }
}

impl Check for DueAfterStart {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        let plan = context.plan;
        for (index, kpi) in plan.blocks_of(BlockKind::Kpi) {
            let Some(parent) = kpi.parent else { continue };
            let tactic = plan.block(parent);
            if tactic.kind != BlockKind::Tactic {
                continue;
            }
            let (Some(due), Some(when), Some(when_attribute)) = (
                kpi.attribute("due"),
                tactic.quarter_range("when"),
                tactic.attribute("when"),
            ) else {
                continue;
            };
            let deadline = match &due.value {
                Value::Quarter(quarter) => quarter.last_day(),
                Value::Date(date) => *date,
                _ => continue,
            };
            if let Some(Value::Stage(stage)) = kpi.value("stage") {
                if matches!(plan.lag_of(parent, *stage), LagLookup::Known(_)) {
                    continue;
                }
            }
            let start = when.first.first_day();
            if deadline >= start {
                continue;
            }
            let due_text = due.span.text(context.source).to_string();
            let when_text = when_attribute.span.text(context.source).to_string();
            let mut hit = Hit::new(index, Spot::new(due.span, "due"))
            .var("due", due_text)
            .var("start", start.to_string())
            .var("when", when_text.clone())
            .var("tactic", tactic.id.unwrap_or("?"));
            hit.secondary.push(Spot::new(when_attribute.span, "start"));
            hits.push(hit);
        }
    }
}
