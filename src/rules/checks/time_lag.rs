//! `time-lag`: a KPI at a late funnel stage (`opportunity`, `closed`) must
//! not be due before the work behind it can produce it.
//!
//! Why: marketing done this quarter creates opportunities and deals later:
//! opportunities a pipeline lag later, deals a sales cycle later. A
//! pipeline or revenue target due before the earliest supporting work can
//! possibly pay off promises results the plan cannot deliver, and sets
//! marketing up to be judged a failure.
//!
//! Time is counted in days (LANGUAGE.md): a tactic starts on the first day
//! of its `when`; a tactic owned by a partner starts the partner's
//! `lead-time` later (the partner must be briefed first); its results show
//! its lag after its start ([`crate::model::lag`]: the tactic's own `lag`,
//! else the plan's `pipeline-lag` for an `opportunity` KPI or `sales-cycle`
//! for a `closed` one); a `due` quarter means its last day. For an
//! objective's KPI the supporting tactics are those whose `supports` names
//! the objective; for a tactic's KPI, the tactic itself. The earliest
//! results over those tactics must come by the `due`. Durations move dates
//! by whole days (a fraction of a day is dropped). The finding points at
//! the KPI's `due`, with the earliest tactic's `when` and the lag's
//! attribute as secondary labels; `{plan-lag}` (the plan's key) or
//! `{lag-tactic}` (a tactic's own `lag`) and `{lag-days}` say which lag it
//! was. The
//! main message is about the supporting tactics of an objective's KPI; the
//! cases `own` (a tactic's own KPI), `partner` and `own-partner` (a tactic
//! that starts its partner's lead-time late: `{first-day}`, `{partner}`,
//! `{lead-days}`) are worded in the rule file.
//!
//! Not checked: KPIs without a valid `stage` or `due`, KPIs with no
//! scheduled supporting tactic, and KPIs one of whose scheduled supporting
//! tactics has no known lag (the plan does not give the stage's lag and
//! the tactic has no `lag`) or no known start (an invalid `when`, `lag` or
//! partner's `lead-time`: one cause, one finding), since that tactic might
//! be the earliest.

use std::collections::HashMap;

use serde::Deserialize;

use super::{Check, CheckContext, CheckError, CheckKind, Hit, Hits, Selector, label, LabelSlot, Spot};
use crate::model::lag::lagging_stage;
use crate::model::{
    BlockIndex, BlockKind, CalendarDuration, Date, Lag, LagLookup, LagSource, Plan, Span, Stage,
    Value,
};

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
    const VARIABLES: &'static [&'static str] = &[
        "due",
        "tactic",
        "start",
        "first-day",
        "partner",
        "lead-days",
        "lag-days",
        "plan-lag",
        "lag-tactic",
        "results",
    ];
    const CASES: &'static [&'static str] = &["own", "partner", "own-partner"];
    /// On the KPI's `due`, on the tactic's start (or when its partner
    /// can start it), and on the lag used (the plan's or the tactic's).
    const LABELS: &'static [LabelSlot] = &[
        label("due", &[]),
        label("start", &[]),
        label("start-after-briefing", &[]),
        label("sales-cycle", &[]),
        label("pipeline-lag", &[]),
        label("tactic-lag", &[]),
    ];
    type Params = TimeLag;

    fn compile(params: TimeLag, _: Selector) -> Result<TimeLag, CheckError> {
        Ok(params)
    }
}

impl Check for TimeLag {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        let plan = context.plan;
        // Which tactics support each objective, found once for all its KPIs.
        let supporters = plan.supporters_by_objective();
        // The earliest results behind an objective's KPIs, found once per
        // objective and stage: an objective with thousands of KPIs does not
        // look through its supporters for each.
        let mut by_objective: HashMap<(BlockIndex, Stage), Option<Results<'_, '_>>> =
            HashMap::new();
        for (index, kpi) in plan.blocks_of(BlockKind::Kpi) {
            let Some(Value::Stage(stage)) = kpi.value("stage") else {
                continue;
            };
            if lagging_stage(*stage).is_none() {
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
            let own = kpi
                .parent
                .is_some_and(|parent| plan.block(parent).kind == BlockKind::Tactic);
            let behind = || earliest_results(plan, plan.tactics_behind(index, &supporters), *stage);
            let own_results;
            let earliest = match kpi.parent {
                Some(objective) if !own => by_objective
                    .entry((objective, *stage))
                    .or_insert_with(behind)
                    .as_ref(),
                _ => {
                    own_results = behind();
                    own_results.as_ref()
                }
            };
            let Some(earliest) = earliest else {
                continue;
            };
            if deadline >= earliest.results {
                continue;
            }
            hits.push(finding(
                plan,
                index,
                due_attribute.span,
                due_text,
                own,
                earliest,
            ));
        }
    }
}

/// When the first results of one supporting tactic can show.
struct Results<'plan, 'src> {
    start: Start,
    lag: Lag<'plan, 'src>,
    results: Date,
}

/// The supporting tactic whose results can show first (the first in file
/// order on a tie), or `None` when the KPI cannot be judged: no scheduled
/// tactic, or one whose start or lag is unknown (an invalid value, or a
/// stage whose lag the plan does not give), since it might be the earliest.
fn earliest_results<'plan, 'src>(
    plan: &'plan Plan<'src>,
    tactics: &[BlockIndex],
    stage: Stage,
) -> Option<Results<'plan, 'src>> {
    let mut earliest: Option<Results<'plan, 'src>> = None;
    for &tactic in tactics {
        let start = match start_of(plan, tactic) {
            TacticStart::Unscheduled => continue,
            TacticStart::Unknown => return None,
            TacticStart::At(start) => start,
        };
        let LagLookup::Known(lag) = plan.lag_of(tactic, stage) else {
            return None;
        };
        let results = start.date.add_days(lag.duration.whole_days());
        if earliest.as_ref().is_none_or(|best| results < best.results) {
            earliest = Some(Results {
                start,
                lag,
                results,
            });
        }
    }
    earliest
}

/// The finding at the KPI's `due`, with the tactic's `when` and the lag's
/// attribute as secondary labels.
fn finding(
    plan: &Plan<'_>,
    kpi: BlockIndex,
    due_span: Span,
    due_text: String,
    own: bool,
    earliest: &Results<'_, '_>,
) -> Hit {
    let Results {
        start,
        lag,
        results,
    } = earliest;
    let tactic_id = plan.block(start.tactic).id.unwrap_or("?");
    let lag_label = match lag.source {
        LagSource::SalesCycle => "sales-cycle",
        LagSource::PipelineLag => "pipeline-lag",
        LagSource::Tactic(_) => "tactic-lag",
    };
    let hit = Hit::new(kpi, Spot::new(due_span, "due"))
        .var("due", due_text)
        .var("tactic", tactic_id)
        .var("start", start.date.to_string())
        .var("results", results.to_string());
    let mut hit = with_lag_used(hit, plan, lag);
    // The main message: a supporting tactic of an objective, run by the team.
    let case = match (&start.lead, own) {
        (None, false) => None,
        (None, true) => Some("own"),
        (Some(_), false) => Some("partner"),
        (Some(_), true) => Some("own-partner"),
    };
    if let Some(case) = case {
        hit = hit.case(case);
    }
    if let Some((partner, lead_time)) = &start.lead {
        hit = hit
            .var("first-day", start.first_day.to_string())
            .var("partner", partner.clone())
            .var("lead-days", lead_time.days.to_string());
    }
    let start_label = match &start.lead {
        Some(_) => "start-after-briefing",
        None => "start",
    };
    hit.secondary.push(Spot::new(start.when_span, start_label));
    hit.secondary.push(Spot::new(lag.attribute.span, lag_label));
    hit
}

/// Which lag was counted: `{plan-lag}` (the plan's `sales-cycle` or
/// `pipeline-lag`) or `{lag-tactic}` (the tactic whose own `lag` it is),
/// and `{lag-days}`. Also used by `within-period`.
pub(super) fn with_lag_used(hit: Hit, plan: &Plan<'_>, lag: &Lag<'_, '_>) -> Hit {
    let hit = hit.var("lag-days", lag.duration.days.to_string());
    match lag.source {
        LagSource::SalesCycle => hit.var("plan-lag", "sales-cycle"),
        LagSource::PipelineLag => hit.var("plan-lag", "pipeline-lag"),
        LagSource::Tactic(tactic) => hit.var("lag-tactic", plan.block(tactic).id.unwrap_or("?")),
    }
}
