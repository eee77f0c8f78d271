//! `within-period`: every tactic's `when` and every KPI's `due` must lie
//! within the plan's `period`.
//!
//! Why: work scheduled outside the plan's horizon has no budget, capacity
//! or review in this plan, and a target due after the period will never be
//! judged by it. A tactic is flagged when any quarter of its `when` lies
//! outside the period (the finding names those quarters); a KPI when its
//! `due` (a quarter, or a date: the quarter it falls in) does. The finding
//! points at the value, with the plan's `period` as a secondary label.
//!
//! One cause, one finding: a plan without a valid `period` is not checked,
//! and an invalid `when` or `due` is skipped (`invalid-value` reports it).

use serde::Deserialize;

use super::{Check, CheckContext, CheckError, CheckKind, Hit, Selector};
use crate::diagnostics::Label;
use crate::model::{BlockKind, Quarter, QuarterRange, Value};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WithinPeriod {}

impl CheckKind for WithinPeriod {
    const NAME: &'static str = "within-period";
    const SUMMARY: &'static str = "tactics and KPIs fall within the plan's period (`outside-period`)";
    const VARIABLES: &'static [&'static str] = &["key", "problem", "period", "outside", "fix"];
    type Params = WithinPeriod;

    fn compile(params: WithinPeriod, _: Selector) -> Result<WithinPeriod, CheckError> {
        Ok(params)
    }
}

impl Check for WithinPeriod {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Vec<Hit>) {
        let plan = context.plan;
        let Some(period_attribute) = plan.plan().attribute("period") else {
            return;
        };
        let period = match period_attribute.value {
            Value::QuarterRange(range) => range,
            Value::Quarter(quarter) => QuarterRange::single(quarter),
            _ => return, // invalid: reported by invalid-value
        };
        let period_label = Label::new(
            period_attribute.span,
            format!("the plan's period: {period}"),
        );
        for (index, block) in plan.blocks.iter().enumerate() {
            let (key, outside, what) = match block.kind {
                BlockKind::Tactic => {
                    let Some(when) = block.quarter_range("when") else {
                        continue;
                    };
                    let outside: Vec<Quarter> = when
                        .quarters()
                        .filter(|quarter| !period.contains(*quarter))
                        .collect();
                    if outside.is_empty() {
                        continue;
                    }
                    ("when", outside, format!("{} runs {when}", block.describe()))
                }
                BlockKind::Kpi => {
                    let quarter = match block.value("due") {
                        Some(Value::Quarter(quarter)) => *quarter,
                        Some(Value::Date(date)) => date.quarter(),
                        _ => continue,
                    };
                    if period.contains(quarter) {
                        continue;
                    }
                    // Words only for a KPI that is reported.
                    let due = match block.value("due") {
                        Some(Value::Date(date)) => date.to_string(),
                        _ => quarter.to_string(),
                    };
                    let outside = vec![quarter];
                    let kpi = format!("KPI `{}`", block.id.unwrap_or("?"));
                    ("due", outside, format!("{kpi} is due {due}"))
                }
                _ => continue,
            };
            if outside.is_empty() {
                continue;
            }
            let Some(attribute) = block.attribute(key) else {
                continue;
            };
            let outside_text = describe_quarters(&outside);
            let verb = if outside.len() == 1 { "is" } else { "are" };
            let fix = if block.kind == BlockKind::Tactic {
                format!("Schedule the work within {period}")
            } else {
                format!("Set a `due` within {period}")
            };
            let mut hit = Hit::new(
                index,
                Label::new(
                    attribute.span,
                    format!("{outside_text} {verb} outside the period"),
                ),
            )
            .var("key", key)
            .var("problem", what)
            .var("period", period.to_string())
            .var("outside", outside_text)
            .var("fix", fix);
            hit.secondary.push(period_label.clone());
            hits.push(hit);
        }
    }
}

/// `Q1 2028`, `Q1 2028 and Q2 2028`, `Q4 2026, Q1 2028 and Q2 2028`.
fn describe_quarters(quarters: &[Quarter]) -> String {
    let names: Vec<String> = quarters.iter().map(Quarter::to_string).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}
