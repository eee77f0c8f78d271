//! `member-capacity`: in no quarter may one member's or partner's own
//! tactics need more effort than their `capacity`.
//!
//! Why: a team can have room in total while one person carries work for
//! three; the overbooked person is where the plan slips. For each member
//! and partner with a valid `capacity` (per quarter), the tactics they own
//! are spread over their quarters exactly as for `team-capacity`, and every
//! quarter above the capacity is one finding at the person's header, with
//! the `effort` of the [`LABELLED_PARTS`] tactics that add the most
//! labelled; `{tactics}` lists them ("and 12 more" for the others).
//!
//! One cause, one finding: a person with an invalid `capacity` is not
//! checked (`invalid-value` reports it), one with no `capacity` has nothing
//! to compare with, a tactic with an invalid `when` or `effort` adds
//! nothing, and an owner who is not in the team (`unknown-reference`)
//! counts for nobody.

use serde::Deserialize;

use super::{
    label, Check, CheckContext, CheckError, CheckKind, Hit, Hits, LabelSlot, Selector, Spot,
    LABELLED_PARTS,
};
use crate::model::schedule::{Load, Schedule};
use crate::model::{Rational, Value};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberCapacity {}

impl CheckKind for MemberCapacity {
    const NAME: &'static str = "member-capacity";
    const SUMMARY: &'static str = "no member or partner is booked beyond their capacity in a quarter (`overbooked-member`)";
    const VARIABLES: &'static [&'static str] =
        &["person", "quarter", "scheduled", "capacity", "over", "tactics"];
    /// On the person, and on the effort of each tactic they own that quarter.
    const LABELS: &'static [LabelSlot] = &[
        label("person", &[]),
        label("effort", &["tactic", "share"]),
        label("effort-spread", &["tactic", "share", "total"]),
        label("other-tactics", &["unlabelled", "unlabelled-effort"]),
    ];
    type Params = MemberCapacity;

    fn compile(params: MemberCapacity, _: Selector) -> Result<MemberCapacity, CheckError> {
        Ok(params)
    }
}

impl Check for MemberCapacity {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        let plan = context.plan;
        let schedules = Schedule::per_owner(plan, LABELLED_PARTS);
        for (person_index, person) in plan.people() {
            let Some(Value::Effort(capacity)) = person.value("capacity") else {
                continue; // none stated, or invalid (reported by invalid-value)
            };
            let capacity = capacity.person_days;
            let name = format!("@{}", person.id.unwrap_or("?"));
            let Some(schedule) = schedules.get(&person_index) else {
                continue; // owns no scheduled work
            };
            for (quarter, load) in schedule.quarters() {
                if load.total <= capacity {
                    continue;
                }
                let over = load
                    .total
                    .saturating_add(capacity.saturating_mul(Rational::integer(-1)));
                let mut hit = Hit::new(person_index, Spot::new(person.header, "person"))
                .var("person", name.clone())
                .list("tactics", tactics_of(load), load.shares.others())
                .var("quarter", quarter.to_string())
                .var("scheduled", load.total.to_string())
                .var("capacity", capacity.to_string())
                .var("over", over.to_string());
                hit.secondary = super::team_capacity::effort_labels(load, person.header);
                hits.push(hit);
            }
        }
    }
}

/// The largest tactics of a quarter, in file order, in backticks.
fn tactics_of(load: &Load<'_>) -> Vec<String> {
    load.shares
        .kept()
        .map(|share| format!("`{}`", share.tactic_id))
        .collect()
}
