//! Effort per quarter: each tactic's `effort` spread evenly over the
//! quarters of its `when` (LANGUAGE.md). Shared by the capacity rules.

use std::collections::{BTreeMap, HashMap};

use super::{BlockIndex, BlockKind, Effort, Plan, Quarter, Rational, Span, Value};

/// One tactic's share of one quarter.
#[derive(Debug, Clone)]
pub struct Share {
    pub tactic: BlockIndex,
    pub tactic_id: String,
    /// The `effort` value, for labels.
    pub effort_span: Span,
    pub total: Effort,
    pub share: Rational,
    pub quarters: i64,
}

/// The effort scheduled in one quarter.
#[derive(Debug, Clone, Default)]
pub struct Load {
    pub total: Rational,
    pub shares: Vec<Share>,
}

#[derive(Debug, Default)]
pub struct Schedule {
    by_quarter: BTreeMap<Quarter, Load>,
}

impl Schedule {
    /// Every tactic with a valid `when` and `effort`.
    pub fn of_plan(plan: &Plan<'_>) -> Schedule {
        Schedule::of_tactics(plan, |_| true)
    }

    /// The tactics `include` accepts.
    pub fn of_tactics(plan: &Plan<'_>, include: impl Fn(BlockIndex) -> bool) -> Schedule {
        let mut schedule = Schedule::default();
        for (index, _) in plan.blocks_of(BlockKind::Tactic) {
            if include(index) {
                schedule.add_tactic(plan, index);
            }
        }
        schedule
    }

    /// One schedule per member or partner, of the tactics they own, built
    /// in one pass over the tactics (not one pass per person).
    pub fn per_owner(plan: &Plan<'_>) -> HashMap<BlockIndex, Schedule> {
        let mut schedules: HashMap<BlockIndex, Schedule> = HashMap::new();
        for (index, tactic) in plan.blocks_of(BlockKind::Tactic) {
            if let Some(Value::Person(owner)) = tactic.value("owner") {
                if let Some(member) = owner.member {
                    schedules.entry(member).or_default().add_tactic(plan, index);
                }
            }
        }
        schedules
    }

    /// Spreads one tactic's valid `effort` over the quarters of its valid `when`.
    fn add_tactic(&mut self, plan: &Plan<'_>, index: BlockIndex) {
        let tactic = plan.block(index);
        let (Some(range), Some(effort)) = (tactic.quarter_range("when"), tactic.effort("effort"))
        else {
            return;
        };
        let Some(effort_attribute) = tactic.attribute("effort") else {
            return;
        };
        let quarters = range.len();
        let share = effort.person_days.divide_by(quarters as i128);
        for quarter in range.quarters() {
            let load = self.by_quarter.entry(quarter).or_default();
            load.total = load.total.saturating_add(share);
            load.shares.push(Share {
                tactic: index,
                tactic_id: tactic.id.unwrap_or("?").to_string(),
                effort_span: effort_attribute.span,
                total: effort,
                share,
                quarters,
            });
        }
    }

    /// Quarters with scheduled effort, in calendar order.
    pub fn quarters(&self) -> impl Iterator<Item = (Quarter, &Load)> {
        self.by_quarter
            .iter()
            .map(|(quarter, load)| (*quarter, load))
    }
}
