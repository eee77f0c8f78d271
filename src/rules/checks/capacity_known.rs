//! `capacity-known`: a plan whose tactics carry effort must say what its
//! people can give: a `team`, and a `capacity` for each member and partner.
//! Serves one rule, `missing-capacity`.
//!
//! Why: `over-capacity-quarter` has nothing to compare with when the plan
//! has no team (or nobody states a capacity), and `overbooked-member`
//! skips a person without `capacity`: both switch off in silence. This
//! check says so, once for a plan without a team (at its header, case
//! `no-team`) and once per member or partner without `capacity` (at their
//! header). A plan where no tactic has a valid `effort` is not checked:
//! there is nothing to compare (`unscheduled-tactic` reports that).
//!
//! Template variables: `{effort}` (the total effort of the plan's tactics),
//! `{tactics}` (how many carry effort).

use serde::Deserialize;

use super::{Check, CheckContext, CheckError, CheckKind, Hit, Hits, LabelSlot, Selector, Spot, label};
use crate::model::{BlockKind, Rational, Value, PLAN};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapacityKnown {}

impl CheckKind for CapacityKnown {
    const NAME: &'static str = "capacity-known";
    const SUMMARY: &'static str =
        "a plan whose tactics carry effort has a team whose people state a capacity (`missing-capacity`)";
    const VARIABLES: &'static [&'static str] = &["effort", "tactics"];
    const LABELS: &'static [LabelSlot] = &[label("no-team", &[]), label("no-capacity", &[])];
    const CASES: &'static [&'static str] = &["no-team"];
    type Params = CapacityKnown;

    fn compile(params: CapacityKnown, _: Selector) -> Result<CapacityKnown, CheckError> {
        Ok(params)
    }
}

impl Check for CapacityKnown {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        let plan = context.plan;
        let mut effort = Rational::ZERO;
        let mut tactics = 0usize;
        for (_, tactic) in plan.blocks_of(BlockKind::Tactic) {
            if let Some(Value::Effort(tactic_effort)) = tactic.value("effort") {
                effort = effort.saturating_add(tactic_effort.person_days);
                tactics += 1;
            }
        }
        if tactics == 0 {
            return;
        }
        let effort = format!("{effort}d");
        let team = plan.blocks_of(BlockKind::Team).next();
        if team.is_none() {
            hits.push(
                Hit::new(PLAN, Spot::new(plan.plan().header, "no-team"))
                    .case("no-team")
                    .var("effort", effort)
                    .var("tactics", tactics.to_string()),
            );
            return;
        }
        for (index, person) in plan.people() {
            if person.attribute("capacity").is_some() {
                continue;
            }
            hits.push(
                Hit::new(index, Spot::new(person.header, "no-capacity"))
                    .var("effort", effort.clone())
                    .var("tactics", tactics.to_string()),
            );
        }
    }
}
