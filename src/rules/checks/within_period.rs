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
//! Results of work done in the period land after it: a KPI at stage
//! `opportunity` or `closed` may fall due after the period's last day by up
//! to its lag ([`crate::model::lag`]; the longest of the tactics behind it,
//! or the plan's lag for the stage when no tactic supports it). Beyond
//! that, the finding is the case `beyond-lag`, with the lag allowed
//! (`{plan-lag}` or `{lag-tactic}`, and `{lag-days}`, as `time-lag` gives
//! them) and the last day it allowed (`{limit}`).
//!
//! One cause, one finding: a plan without a valid `period` is not checked,
//! and an invalid `when` or `due` is skipped (`invalid-value` reports it).

use std::collections::HashMap;

use serde::Deserialize;

use super::{Check, CheckContext, CheckError, CheckKind, Hit, Hits, Selector, label, LabelSlot, Spot};
use crate::model::{BlockIndex, BlockKind, Date, Lag, LagLookup, Plan, Quarter, QuarterRange, Stage, Value};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WithinPeriod {}

impl CheckKind for WithinPeriod {
    const NAME: &'static str = "within-period";
    const SUMMARY: &'static str = "tactics and KPIs fall within the plan's period (`outside-period`)";
    const VARIABLES: &'static [&'static str] =
        &[
            "key", "runs", "due", "period", "outside", "plan-lag", "lag-tactic", "lag-days", "limit",
        ];
    const CASES: &'static [&'static str] = &["kpi", "beyond-lag"];
    /// On the value outside the period (one quarter, or several), and on
    /// the plan's period.
    const LABELS: &'static [LabelSlot] = &[
        label("outside", &[]),
        label("all-outside", &[]),
        label("period", &[]),
    ];
    type Params = WithinPeriod;

    fn compile(params: WithinPeriod, _: Selector) -> Result<WithinPeriod, CheckError> {
        Ok(params)
    }
}

impl Check for WithinPeriod {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        let plan = context.plan;
        let Some(period_attribute) = plan.plan().attribute("period") else {
            return;
        };
        let period = match period_attribute.value {
            Value::QuarterRange(range) => range,
            Value::Quarter(quarter) => QuarterRange::single(quarter),
            _ => return, // invalid: reported by invalid-value
        };
        let period_label = Spot::new(period_attribute.span, "period");
        let supporters = plan.supporters_by_objective();
        let period_end = period.last.last_day();
        let mut by_objective = HashMap::new();
        for (index, block) in plan.blocks.iter().enumerate() {
            let mut beyond_lag: Option<(Lag<'_, '_>, Date)> = None;
            let (key, outside, written) = match block.kind {
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
                    ("when", outside, when.to_string())
                }
                BlockKind::Kpi => {
                    let (quarter, deadline) = match block.value("due") {
                        Some(Value::Quarter(quarter)) => (*quarter, quarter.last_day()),
                        Some(Value::Date(date)) => (date.quarter(), *date),
                        _ => continue,
                    };
                    if period.contains(quarter) {
                        continue;
                    }
                    let lag = if quarter > period.last {
                        longest_lag_once(plan, index, &supporters, period_end, &mut by_objective)
                    } else {
                        None
                    };
                    if let Some((_, limit)) = &lag {
                        if deadline <= *limit {
                            continue;
                        }
                    }
                    beyond_lag = lag;
                    // Words only for a KPI that is reported.
                    let due = match block.value("due") {
                        Some(Value::Date(date)) => date.to_string(),
                        _ => quarter.to_string(),
                    };
                    ("due", vec![quarter], due)
                }
                _ => continue,
            };
            if outside.is_empty() {
                continue;
            }
            let Some(attribute) = block.attribute(key) else {
                continue;
            };
            let label = if outside.len() == 1 { "outside" } else { "all-outside" };
            let mut hit = Hit::new(index, Spot::new(attribute.span, label))
            .var("key", key)
            .var(if key == "when" { "runs" } else { "due" }, written)
            .var("period", period.to_string())
            .list("outside", outside.iter().map(Quarter::to_string).collect(), 0);
            if key == "due" {
                hit = hit.case("kpi");
            }
            if let Some((lag, limit)) = beyond_lag {
                let beyond = hit.case("beyond-lag").var("limit", limit.to_string());
                hit = super::time_lag::with_lag_used(beyond, plan, &lag);
            }
            hit.secondary.push(period_label.clone());
            hits.push(hit);
        }
    }
}

/// [`longest_lag`], found once per objective and stage for an objective's
/// KPIs (kept in `by_objective`): an objective with thousands of KPIs does
/// not look through its supporters for each.
fn longest_lag_once<'plan, 'src>(
    plan: &'plan Plan<'src>,
    kpi: BlockIndex,
    supporters: &HashMap<BlockIndex, Vec<BlockIndex>>,
    period_end: Date,
    by_objective: &mut HashMap<(BlockIndex, Stage), Option<(Lag<'plan, 'src>, Date)>>,
) -> Option<(Lag<'plan, 'src>, Date)> {
    let parent = plan.block(kpi).parent;
    let stage = plan.block(kpi).value("stage");
    match (parent, stage) {
        (Some(objective), Some(Value::Stage(stage)))
            if plan.block(objective).kind == BlockKind::Objective =>
        {
            *by_objective
                .entry((objective, *stage))
                .or_insert_with(|| longest_lag(plan, kpi, supporters, period_end))
        }
        _ => longest_lag(plan, kpi, supporters, period_end),
    }
}

/// The longest lag that applies to an `opportunity` or `closed` KPI, with
/// the last day it may fall due: the period's end plus that lag. The lags
/// are those of the tactics behind it (their own `lag`, else the plan's lag
/// for the stage), or the plan's lag when no tactic supports it; the
/// longest, since results of any of that work may land that late. `None`
/// for other stages and when no lag is known.
fn longest_lag<'plan, 'src>(
    plan: &'plan Plan<'src>,
    kpi: BlockIndex,
    supporters: &HashMap<BlockIndex, Vec<BlockIndex>>,
    period_end: Date,
) -> Option<(Lag<'plan, 'src>, Date)> {
    let Some(Value::Stage(stage)) = plan.block(kpi).value("stage") else {
        return None;
    };
    let tactics = plan.tactics_behind(kpi, supporters);
    let lookups: Vec<LagLookup<'_, '_>> = if tactics.is_empty() {
        vec![plan.plan_lag(*stage)]
    } else {
        tactics
            .iter()
            .map(|&tactic| plan.lag_of(tactic, *stage))
            .collect()
    };
    let longest = lookups
        .into_iter()
        .filter_map(|lookup| match lookup {
            LagLookup::Known(lag) => Some(lag),
            _ => None,
        })
        .max_by_key(|lag| lag.duration.whole_days())?;
    Some((longest, period_end.add_days(longest.duration.whole_days())))
}
