//! `sales-capacity`: the opportunity-stage KPI targets due in one quarter
//! add up to no more than the plan's `sales-capacity`, the opportunities
//! sales can work per quarter. Serves one rule, `exceeds-sales-capacity`.
//!
//! Why: ramping up demand the rest of the business cannot handle is waste
//! one of the seed articles warns about: opportunities nobody can work go
//! cold. A KPI counts in the quarter of its `due` (a date counts in its
//! quarter); a KPI with no number as its `target` (a percentage, or a value
//! that does not read) is left out, as is a plan with no `sales-capacity`
//! (nothing to compare with; `sales-capacity` is optional).
//!
//! One finding per quarter over, at the plan's `sales-capacity`, with each
//! contributing KPI's target labelled.
//!
//! Template variables: `{quarter}`, `{targets}` (the sum), `{capacity}`,
//! `{over}` (by how many), `{kpis}` (the KPIs' ids).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Check, CheckContext, CheckError, CheckKind, Hit, Selector, label, LabelSlot, Spot};
use crate::model::schema::key;
use crate::model::{BlockKind, Plan, Quarter, Rational, Span, Stage, Value, PLAN};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SalesCapacity {}

impl CheckKind for SalesCapacity {
    const NAME: &'static str = "sales-capacity";
    const SUMMARY: &'static str =
        "opportunity KPI targets due in a quarter stay within the plan's `sales-capacity` (`exceeds-sales-capacity`)";
    const VARIABLES: &'static [&'static str] = &["quarter", "targets", "capacity", "over", "kpis"];
    /// On the plan's `sales-capacity`, and on each KPI's target.
    const LABELS: &'static [LabelSlot] = &[label("capacity", &[]), label("target", &["kpi", "target"])];
    type Params = SalesCapacity;

    fn compile(params: SalesCapacity, _: Selector) -> Result<SalesCapacity, CheckError> {
        Ok(params)
    }
}

/// An opportunity KPI's target, where it is written.
struct Target<'plan> {
    id: &'plan str,
    value: Rational,
    span: Span,
}

impl Check for SalesCapacity {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Vec<Hit>) {
        let plan = context.plan;
        let Some(attribute) = plan.plan().attribute(key::SALES_CAPACITY) else {
            return;
        };
        let Value::Number(capacity) = attribute.value else {
            return; // invalid: reported by invalid-value
        };
        for (quarter, targets) in opportunity_targets(plan) {
            let total = targets
                .iter()
                .fold(Rational::ZERO, |sum, target| sum.saturating_add(target.value));
            if total <= capacity {
                continue;
            }
            let ids: Vec<String> = targets.iter().map(|target| format!("`{}`", target.id)).collect();
            let mut hit = Hit::new(PLAN, Spot::new(attribute.span, "capacity"))
            .var("quarter", quarter.to_string())
            .var("targets", total.to_string())
            .var("capacity", capacity.to_string())
            .var(
                "over",
                total
                    .saturating_add(capacity.saturating_mul(Rational::integer(-1)))
                    .to_string(),
            )
            .list("kpis", ids, 0);
            hit.secondary = targets
                .iter()
                .map(|target| {
                    Spot::new(target.span, "target")
                        .var("kpi", target.id)
                        .var("target", target.value.to_string())
                })
                .collect();
            hits.push(hit);
        }
    }
}

/// The numeric targets of `opportunity` KPIs, by the quarter they are due.
fn opportunity_targets<'plan>(plan: &'plan Plan<'_>) -> BTreeMap<Quarter, Vec<Target<'plan>>> {
    let mut by_quarter: BTreeMap<Quarter, Vec<Target<'plan>>> = BTreeMap::new();
    for (_, kpi) in plan.blocks_of(BlockKind::Kpi) {
        if !matches!(kpi.value(key::STAGE), Some(Value::Stage(Stage::Opportunity))) {
            continue;
        }
        let quarter = match kpi.value(key::DUE) {
            Some(Value::Quarter(quarter)) => *quarter,
            Some(Value::Date(date)) => date.quarter(),
            _ => continue,
        };
        let Some(target) = kpi.attribute(key::TARGET) else {
            continue;
        };
        let Value::Number(value) = target.value else {
            continue;
        };
        by_quarter.entry(quarter).or_default().push(Target {
            id: kpi.id.unwrap_or("?"),
            value,
            span: target.span,
        });
    }
    by_quarter
}
