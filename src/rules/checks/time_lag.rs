//! `time-lag`: a KPI at a late funnel stage (`opportunity`, `closed`) must
//! not be due before the sales cycle can produce it.
//!
//! Why: marketing done this quarter creates opportunities and deals a
//! sales cycle later. A pipeline or revenue target due before the earliest
//! supporting work can possibly pay off promises results the plan cannot
//! deliver, and sets marketing up to be judged a failure.
//!
//! Time is counted in days (LANGUAGE.md): a tactic starts on the first day
//! of its `when`; a tactic owned by a partner starts the partner's
//! `lead-time` later (the partner must be briefed first); results come the
//! plan's `sales-cycle` after the earliest start; a `due` quarter means its
//! last day. For an objective's KPI the supporting tactics are those whose
//! `supports` names the objective; for a tactic's KPI, the tactic itself.
//! Durations move dates by whole days (a fraction of a day is dropped).
//! The finding points at the KPI's `due`, with the earliest tactic's `when`
//! and the plan's `sales-cycle` as secondary labels.
//!
//! Not checked: plans without a valid `sales-cycle`, KPIs without a valid
//! `stage` or `due`, KPIs with no scheduled supporting tactic. One cause,
//! one finding: if a supporting tactic's start cannot be known (an invalid
//! `when`, or its partner's invalid `lead-time`), the KPI is not checked,
//! since that tactic might be the earliest.

use std::collections::HashMap;

use serde::Deserialize;

use super::{Check, CheckContext, CheckError, CheckKind, Hit, Selector};
use crate::diagnostics::Label;
use crate::model::{BlockIndex, BlockKind, CalendarDuration, Date, Plan, Span, Stage, Value};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeLag {}

/// When one supporting tactic can start producing results.
struct Start {
    tactic: BlockIndex,
    /// The first day of its `when`.
    first_day: Date,
    /// When it can start: `first_day`, plus the lead-time for a partner.
    date: Date,
    when_span: Span,
    /// The partner (`@agency`) and its lead-time, for a partner-owned tactic.
    lead: Option<(String, CalendarDuration)>,
}

/// What can be known about a supporting tactic's start.
enum TacticStart {
    /// No `when`: nothing scheduled, nothing to count.
    Unscheduled,
    /// A value it needs is invalid (reported by invalid-value): the tactic
    /// might be the earliest, so the KPI cannot be judged.
    Unknown,
    At(Start),
}

fn start_of(plan: &Plan<'_>, tactic: BlockIndex) -> TacticStart {
    let block = plan.block(tactic);
    let Some(attribute) = block.attribute("when") else {
        return TacticStart::Unscheduled;
    };
    let Some(when) = block.quarter_range("when") else {
        return TacticStart::Unknown;
    };
    let first_day = when.first.first_day();
    let partner = match block.value("owner") {
        Some(Value::Person(owner)) => owner
            .member
            .filter(|&person| plan.block(person).kind == BlockKind::Partner),
        _ => None,
    };
    let (date, lead) = match partner.map(|partner| plan.block(partner)) {
        Some(partner) => match partner.value("lead-time") {
            None => (first_day, None),
            Some(Value::Duration(lead_time)) => (
                first_day.add_days(lead_time.whole_days()),
                Some((format!("@{}", partner.id.unwrap_or("?")), *lead_time)),
            ),
            Some(_) => return TacticStart::Unknown,
        },
        None => (first_day, None),
    };
    TacticStart::At(Start {
        tactic,
        first_day,
        date,
        when_span: attribute.span,
        lead,
    })
}

impl CheckKind for TimeLag {
    const NAME: &'static str = "time-lag";
    const SUMMARY: &'static str = "KPIs leave the work behind them time to show results (`ignores-time-lag`)";
    const VARIABLES: &'static [&'static str] = &["due", "starts", "cycle", "results", "start-earlier"];
    type Params = TimeLag;

    fn compile(params: TimeLag, _: Selector) -> Result<TimeLag, CheckError> {
        Ok(params)
    }
}

impl Check for TimeLag {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Vec<Hit>) {
        let plan = context.plan;
        let Some(cycle_attribute) = plan.plan().attribute("sales-cycle") else {
            return;
        };
        let Value::Duration(sales_cycle) = cycle_attribute.value else {
            return; // invalid: reported by invalid-value
        };
        // Which tactics support each objective, found once for all its KPIs.
        let supporters = supporters_by_objective(plan);
        for (index, kpi) in plan.blocks_of(BlockKind::Kpi) {
            if !matches!(
                kpi.value("stage"),
                Some(Value::Stage(Stage::Opportunity | Stage::Closed))
            ) {
                continue;
            }
            let Some(due_attribute) = kpi.attribute("due") else {
                continue;
            };
            let (deadline, due_text) = match &due_attribute.value {
                Value::Quarter(quarter) => (quarter.last_day(), quarter.to_string()),
                Value::Date(date) => (*date, date.to_string()),
                _ => continue,
            };
            let Some(parent) = kpi.parent else { continue };
            let (supporters, own) = match plan.block(parent).kind {
                BlockKind::Tactic => (vec![parent], true),
                BlockKind::Objective => (
                    supporters
                        .get(&parent)
                        .map_or_else(Vec::new, |tactics| tactics.clone()),
                    false,
                ),
                _ => continue,
            };
            let mut earliest: Option<Start> = None;
            let mut unknown = false;
            for tactic in supporters {
                match start_of(plan, tactic) {
                    TacticStart::Unscheduled => {}
                    TacticStart::Unknown => unknown = true,
                    // The first in file order wins a tie.
                    TacticStart::At(start) => {
                        if earliest.as_ref().is_none_or(|best| start.date < best.date) {
                            earliest = Some(start);
                        }
                    }
                }
            }
            let (false, Some(earliest)) = (unknown, earliest) else {
                continue;
            };
            let results = earliest.date.add_days(sales_cycle.whole_days());
            if deadline >= results {
                continue;
            }
            let tactic = plan.block(earliest.tactic);
            let tactic_id = tactic.id.unwrap_or("?");
            let subject = if own {
                "the tactic starts".to_string()
            } else {
                format!("the earliest supporting tactic, `{tactic_id}`, starts")
            };
            let starts = match &earliest.lead {
                Some((partner, lead_time)) => format!(
                    "{subject} {} ({} plus {partner}'s lead-time of {} days)",
                    earliest.date, earliest.first_day, lead_time.days,
                ),
                None => format!("{subject} {}", earliest.date),
            };
            let cycle_days = sales_cycle.days.to_string();
            let mut hit = Hit::new(
                index,
                Label::new(
                    due_attribute.span,
                    format!("results come {results} at the earliest"),
                ),
            )
            .var("due", due_text)
            .var("starts", starts)
            .var("cycle", cycle_days.clone())
            .var(
                "start-earlier",
                if own {
                    "start the tactic earlier"
                } else {
                    "start a supporting tactic earlier"
                },
            )
            .var("results", results.to_string());
            let start_label = match &earliest.lead {
                Some((partner, _)) => format!(
                    "`{tactic_id}` can start {} at the earliest: owned by {partner}",
                    earliest.date
                ),
                None => format!("`{tactic_id}` starts {}", earliest.date),
            };
            hit.secondary
                .push(Label::new(earliest.when_span, start_label));
            hit.secondary.push(Label::new(
                cycle_attribute.span,
                format!("{cycle_days} days from first touch to deal"),
            ));
            hits.push(hit);
        }
    }
}

/// The tactics whose `supports` names the objective, in file order.
fn supporters_by_objective(plan: &Plan<'_>) -> HashMap<BlockIndex, Vec<BlockIndex>> {
    let mut supporters: HashMap<BlockIndex, Vec<BlockIndex>> = HashMap::new();
    for (index, tactic) in plan.blocks_of(BlockKind::Tactic) {
        for (reference, _) in tactic.references("supports") {
            if let Some(target) = reference.target {
                let tactics = supporters.entry(target).or_default();
                if tactics.last() != Some(&index) {
                    tactics.push(index);
                }
            }
        }
    }
    supporters
}
