//! Time lag by funnel stage (LANGUAGE.md, "Values"): how long after a
//! tactic starts its results can show at a KPI's stage. Shared by
//! `ignores-time-lag` (a KPI due too early) and `outside-period` (a KPI may
//! fall due after the period by up to its lag).
//!
//! A `closed` KPI lags by the plan's `sales-cycle`, an `opportunity` KPI by
//! its `pipeline-lag`; a tactic's own `lag` replaces both for that tactic.
//! Earlier stages have no lag. A lag the plan does not give is unknown.

use std::collections::HashMap;

use super::{Attribute, BlockIndex, BlockKind, CalendarDuration, Plan, Stage, Value};

/// Where the lag that applies came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LagSource {
    /// The plan's `sales-cycle` (stage `closed`).
    SalesCycle,
    /// The plan's `pipeline-lag` (stage `opportunity`).
    PipelineLag,
    /// The tactic's own `lag`.
    Tactic(BlockIndex),
}

/// A lag that applies, with the attribute that gives it (for labels).
#[derive(Debug, Clone, Copy)]
pub struct Lag<'plan, 'src> {
    pub duration: CalendarDuration,
    pub source: LagSource,
    pub attribute: &'plan Attribute<'src>,
}

/// What can be known about the lag of one tactic's results at a stage.
#[derive(Debug)]
pub enum LagLookup<'plan, 'src> {
    Known(Lag<'plan, 'src>),
    /// Neither the tactic nor the plan gives a lag for the stage.
    NotGiven,
    /// The value that would give it is invalid (reported by invalid-value).
    Invalid,
}

/// The stages that lag behind the work (`opportunity`, `closed`), with the
/// plan key that gives their lag.
pub fn lagging_stage(stage: Stage) -> Option<(&'static str, LagSource)> {
    match stage {
        Stage::Opportunity => Some(("pipeline-lag", LagSource::PipelineLag)),
        Stage::Closed => Some(("sales-cycle", LagSource::SalesCycle)),
        Stage::Awareness | Stage::Engagement => None,
    }
}

impl<'src> Plan<'src> {
    /// The lag of `tactic`'s results at `stage`: its own `lag`, else the
    /// plan's lag for the stage. `NotGiven` for a stage without a lag.
    pub fn lag_of<'plan>(&'plan self, tactic: BlockIndex, stage: Stage) -> LagLookup<'plan, 'src> {
        let Some((plan_key, plan_source)) = lagging_stage(stage) else {
            return LagLookup::NotGiven;
        };
        if let Some(own) = self.block(tactic).attribute("lag") {
            return read_lag(own, LagSource::Tactic(tactic));
        }
        self.stage_lag(plan_key, plan_source)
    }

    /// The plan's own lag for a stage (no tactic's).
    pub fn plan_lag<'plan>(&'plan self, stage: Stage) -> LagLookup<'plan, 'src> {
        match lagging_stage(stage) {
            Some((key, source)) => self.stage_lag(key, source),
            None => LagLookup::NotGiven,
        }
    }

    fn stage_lag<'plan>(&'plan self, key: &str, source: LagSource) -> LagLookup<'plan, 'src> {
        match self.plan().attribute(key) {
            Some(attribute) => read_lag(attribute, source),
            None => LagLookup::NotGiven,
        }
    }

    /// The tactics behind a KPI: for a tactic's KPI, the tactic; for an
    /// objective's, the tactics whose `supports` names the objective (from
    /// `supporters`, see [`Plan::supporters_by_objective`]).
    pub fn tactics_behind(
        &self,
        kpi: BlockIndex,
        supporters: &HashMap<BlockIndex, Vec<BlockIndex>>,
    ) -> Vec<BlockIndex> {
        let Some(parent) = self.block(kpi).parent else {
            return Vec::new();
        };
        match self.block(parent).kind {
            BlockKind::Tactic => vec![parent],
            BlockKind::Objective => supporters.get(&parent).cloned().unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// The tactics whose `supports` names each objective, in file order,
    /// found in one pass over the tactics.
    pub fn supporters_by_objective(&self) -> HashMap<BlockIndex, Vec<BlockIndex>> {
        let mut supporters: HashMap<BlockIndex, Vec<BlockIndex>> = HashMap::new();
        for (index, tactic) in self.blocks_of(BlockKind::Tactic) {
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
}

fn read_lag<'plan, 'src>(
    attribute: &'plan Attribute<'src>,
    source: LagSource,
) -> LagLookup<'plan, 'src> {
    match attribute.value {
        Value::Duration(duration) => LagLookup::Known(Lag {
            duration,
            source,
            attribute,
        }),
        _ => LagLookup::Invalid,
    }
}
