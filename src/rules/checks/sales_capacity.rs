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
//! One finding per quarter over, at the plan's `sales-capacity`, with the
//! [`LABELLED_PARTS`] largest targets labelled (and one label for the
//! others).
//!
//! Template variables: `{quarter}`, `{targets}` (the sum), `{capacity}`,
//! `{over}` (by how many), `{kpis}` (the KPIs' ids).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{
    label, Check, CheckContext, CheckError, CheckKind, Hit, Hits, LabelSlot, Selector, Spot,
    LABELLED_PARTS,
};
use crate::model::largest::Largest;
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
    const LABELS: &'static [LabelSlot] = &[
        label("capacity", &[]),
        label("target", &["kpi", "target"]),
        label("other-kpis", &["unlabelled", "unlabelled-targets"]),
    ];
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
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        let plan = context.plan;
        let Some(attribute) = plan.plan().attribute(key::SALES_CAPACITY) else {
            return;
        };
        let Value::Number(capacity) = attribute.value else {
            return; // invalid: reported by invalid-value
        };
        for (quarter, (total, targets)) in opportunity_targets(plan) {
            if total <= capacity {
                continue;
            }
            let ids: Vec<String> = targets
                .kept()
                .map(|target| format!("`{}`", target.id))
                .collect();
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
            .list("kpis", ids, targets.others());
            hit.secondary = targets
                .kept()
                .map(|target| {
                    Spot::new(target.span, "target")
                        .var("kpi", target.id)
                        .var("target", target.value.to_string())
                })
                .collect();
            if targets.others() > 0 {
                hit.secondary.push(
                    Spot::new(attribute.span, "other-kpis")
                        .var("unlabelled", targets.others().to_string())
                        .var("unlabelled-targets", targets.others_total().to_string()),
                );
            }
            hits.push(hit);
        }
    }
}

/// The numeric targets of `opportunity` KPIs, by the quarter they are due:
/// their sum, and the largest of them.
fn opportunity_targets<'plan>(
    plan: &'plan Plan<'_>,
) -> BTreeMap<Quarter, (Rational, Largest<Target<'plan>>)> {
    let mut by_quarter: BTreeMap<Quarter, (Rational, Largest<Target<'plan>>)> = BTreeMap::new();
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
        let (total, largest) = by_quarter
            .entry(quarter)
            .or_insert_with(|| (Rational::ZERO, Largest::new(LABELLED_PARTS)));
        *total = total.saturating_add(value);
        largest.add(
            value,
            Target {
                id: kpi.id.unwrap_or("?"),
                value,
                span: target.span,
            },
        );
    }
    by_quarter
}
