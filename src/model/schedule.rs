//! Effort per quarter: each tactic's `effort` spread evenly over the
//! quarters of its `when` (LANGUAGE.md). Shared by the capacity rules.

use std::collections::{BTreeMap, HashMap};

use super::largest::Largest;
use super::{BlockIndex, BlockKind, Effort, Plan, Quarter, Rational, Span, Value};

/// For [`Schedule::of_plan`]: keep every share of every quarter.
pub const EVERY_SHARE: usize = usize::MAX;

/// One tactic's share of one quarter.
#[derive(Debug, Clone)]
pub struct Share<'src> {
    pub tactic: BlockIndex,
    /// Borrowed from the plan: a large plan has one share per tactic and quarter.
    pub tactic_id: &'src str,
    /// The `effort` value, for labels.
    pub effort_span: Span,
    pub total: Effort,
    pub share: Rational,
    pub quarters: i64,
}

/// The effort scheduled in one quarter.
#[derive(Debug, Clone)]
pub struct Load<'src> {
    pub total: Rational,
    /// The tactics' shares, in file order: every one, or the largest few
    /// (the capacity findings label those, and a large plan has one share
    /// per tactic and quarter).
    pub shares: Largest<Share<'src>>,
}

#[derive(Debug)]
pub struct Schedule<'src> {
    by_quarter: BTreeMap<Quarter, Load<'src>>,
    /// How many shares each quarter keeps.
    kept: usize,
}

impl<'src> Schedule<'src> {
    /// Every tactic with a valid `when` and `effort`, keeping the `kept`
    /// largest shares of each quarter ([`EVERY_SHARE`] for all).
    pub fn of_plan(plan: &Plan<'src>, kept: usize) -> Schedule<'src> {
        let mut schedule = Schedule::new(kept);
        for (index, _) in plan.blocks_of(BlockKind::Tactic) {
            schedule.add_tactic(plan, index);
        }
        schedule
    }

    fn new(kept: usize) -> Schedule<'src> {
        Schedule {
            by_quarter: BTreeMap::new(),
            kept,
        }
    }

    /// One schedule per member or partner, of the tactics they own, built
    /// in one pass over the tactics (not one pass per person), keeping the
    /// `kept` largest shares of each quarter.
    pub fn per_owner(plan: &Plan<'src>, kept: usize) -> HashMap<BlockIndex, Schedule<'src>> {
        let mut schedules: HashMap<BlockIndex, Schedule<'src>> = HashMap::new();
        for (index, tactic) in plan.blocks_of(BlockKind::Tactic) {
            if let Some(Value::Person(owner)) = tactic.value("owner") {
                if let Some(member) = owner.member {
                    schedules
                        .entry(member)
                        .or_insert_with(|| Schedule::new(kept))
                        .add_tactic(plan, index);
                }
            }
        }
        schedules
    }

    /// Spreads one tactic's valid `effort` over the quarters of its valid `when`.
    fn add_tactic(&mut self, plan: &Plan<'src>, index: BlockIndex) {
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
            let load = self.by_quarter.entry(quarter).or_insert_with(|| Load {
                total: Rational::ZERO,
                shares: Largest::new(self.kept),
            });
            load.total = load.total.saturating_add(share);
            load.shares.add(
                share,
                Share {
                    tactic: index,
                    tactic_id: tactic.id.unwrap_or("?"),
                    effort_span: effort_attribute.span,
                    total: effort,
                    share,
                    quarters,
                },
            );
        }
    }

    /// Quarters with scheduled effort, in calendar order.
    pub fn quarters(&self) -> impl Iterator<Item = (Quarter, &Load<'src>)> {
        self.by_quarter
            .iter()
            .map(|(quarter, load)| (*quarter, load))
    }
}
