//! `team-capacity`: in no quarter may the scheduled effort exceed what the
//! team can deliver.
//!
//! Why: a quarter booked beyond the team's capacity is a plan nobody can
//! deliver; the work that slips is rarely the work that mattered. Each
//! tactic's `effort` is spread evenly over the quarters of its `when`
//! (exactly: 40d over three quarters is 13⅓ each) and compared with the sum
//! of every member's and partner's `capacity` (per quarter), plus the
//! `tolerance` option. The finding points at the `team` header, once per
//! over-booked quarter, with the `effort` of the [`LABELLED_PARTS`] tactics
//! that add the most labelled, and a label at the header saying how many
//! others add how much.
//!
//! A person declared twice (`member @r` and `partner @r`: a `duplicate-id`)
//! counts once, with the first declaration's capacity.
//!
//! One cause, one finding: a tactic whose `when` or `effort` is invalid adds
//! nothing; a team with an invalid `capacity` is not checked at all; a team
//! where nobody states a capacity has nothing to compare with.

use serde::Deserialize;

use super::{
    label, Check, CheckContext, CheckError, CheckKind, Hit, Hits, LabelSlot, Selector, Spot,
    LABELLED_PARTS,
};
use crate::model::schedule::{Load, Schedule, Share};
use crate::model::{BlockKind, Rational, Span, Value};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// How far above capacity a quarter may go, e.g. `10%`.
    #[serde(default)]
    tolerance: Option<crate::yaml::Value>,
}

#[derive(Debug)]
pub struct TeamCapacity {
    /// 1 + tolerance, as a factor on capacity.
    allowance: Rational,
    tolerance_text: String,
}

impl CheckKind for TeamCapacity {
    const NAME: &'static str = "team-capacity";
    const SUMMARY: &'static str =
        "no quarter needs more effort than the team can give (`over-capacity-quarter`)";
    const VARIABLES: &'static [&'static str] =
        &["quarter", "scheduled", "available", "over", "tolerance"];
    /// On the team, and on the effort of each tactic that quarter.
    const LABELS: &'static [LabelSlot] = &[
        label("team", &[]),
        label("effort", &["tactic", "share"]),
        label("effort-spread", &["tactic", "share", "total"]),
        label("other-tactics", &["unlabelled", "unlabelled-effort"]),
    ];
    type Params = Params;

    fn compile(params: Params, _: Selector) -> Result<TeamCapacity, CheckError> {
        let tolerance = match &params.tolerance {
            None => Rational::ZERO,
            Some(value) => super::parameters::percentage("tolerance", value)?,
        };
        Ok(TeamCapacity {
            allowance: Rational::integer(1).saturating_add(tolerance.divide_by(100)),
            tolerance_text: format!("{tolerance}%"),
        })
    }
}

impl Check for TeamCapacity {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        let plan = context.plan;
        let Some((team_index, team)) = plan.blocks_of(BlockKind::Team).next() else {
            return;
        };
        let mut available = Rational::ZERO;
        let mut stated = false;
        for (_, person) in plan.people() {
            match person.value("capacity") {
                Some(Value::Effort(effort)) => {
                    available = available.saturating_add(effort.person_days);
                    stated = true;
                }
                Some(_) => return, // invalid capacity: reported by invalid-value
                None => {}
            }
        }
        if !stated {
            return;
        }
        let limit = available.saturating_mul(self.allowance);
        let schedule = Schedule::of_plan(plan, LABELLED_PARTS);
        for (quarter, load) in schedule.quarters() {
            if load.total <= limit {
                continue;
            }
            let over = load.total.saturating_add(
                Rational::ZERO
                    .saturating_add(available)
                    .saturating_mul(Rational::integer(-1)),
            );
            let mut hit = Hit::new(team_index, Spot::new(team.header, "team"))
            .var("quarter", quarter.to_string())
            .var("scheduled", load.total.to_string())
            .var("available", available.to_string())
            .var("over", over.to_string())
            .var("tolerance", self.tolerance_text.clone());
            hit.secondary = effort_labels(load, team.header);
            hits.push(hit);
        }
    }
}

/// The labels of a quarter's load: the largest shares at their `effort`
/// values, then, when there are more tactics, how many and how much at
/// `others_at` (the team's or the person's header).
pub(super) fn effort_labels(load: &Load<'_>, others_at: Span) -> Vec<Spot> {
    let shares = &load.shares;
    let mut labels: Vec<Spot> = shares.kept().map(effort_share).collect();
    if shares.others() > 0 {
        labels.push(
            Spot::new(others_at, "other-tactics")
                .var("unlabelled", shares.others().to_string())
                .var("unlabelled-effort", shares.others_total().to_string()),
        );
    }
    labels
}

/// The effort a tactic puts on one quarter, at its `effort` value: all of
/// it (`effort`), or its share of an effort spread over several quarters
/// (`effort-spread`). Labels of both capacity kinds.
pub(super) fn effort_share(share: &Share) -> Spot {
    let spot = if share.quarters == 1 {
        Spot::new(share.effort_span, "effort")
    } else {
        Spot::new(share.effort_span, "effort-spread").var("total", share.total.to_string())
    };
    spot.var("tactic", share.tactic_id)
        .var("share", share.share.to_string())
}
