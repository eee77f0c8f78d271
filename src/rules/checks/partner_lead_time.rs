//! `partner-lead-time`: a tactic owned by a partner must not start before
//! the partner's `lead-time` has passed since the plan's start. Serves one
//! rule, `partner-lead-time`.
//!
//! Why: an agency must be briefed, contracted and onboarded before it can
//! deliver; a partner tactic in the plan's first weeks assumes a partner
//! already at work. The first day of the tactic's `when` is compared with
//! the first day of the plan's `period` plus the partner's `lead-time`;
//! the finding points at `when`, with the `lead-time` labelled.
//!
//! Not checked without a valid `period`, `when` or `lead-time` (a missing
//! one is no finding; an invalid one is `invalid-value`'s).
//!
//! Template variables: `{partner}`, `{lead-time}` (as written), `{ready}`
//! (the first day the partner can start), `{start}` (the tactic's).

use serde::Deserialize;

use super::{Check, CheckContext, CheckError, CheckKind, Hit, Hits, Selector, label, LabelSlot, Spot};
use crate::model::{BlockKind, Value, PLAN};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerLeadTime {}

impl CheckKind for PartnerLeadTime {
    const NAME: &'static str = "partner-lead-time";
    const SUMMARY: &'static str = "a partner's tactic starts once its `lead-time` has passed since the plan's start (`partner-lead-time`)";
    const VARIABLES: &'static [&'static str] = &["partner", "lead-time", "ready", "start"];
    const LABELS: &'static [LabelSlot] = &[label("start", &[]), label("lead-time", &[])];
    type Params = PartnerLeadTime;

    fn compile(params: PartnerLeadTime, _: Selector) -> Result<PartnerLeadTime, CheckError> {
        Ok(params)
    }
}

impl Check for PartnerLeadTime {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        let plan = context.plan;
        let Some(period) = plan.block(PLAN).quarter_range("period") else {
            return;
        };
        let plan_start = period.first.first_day();
        for (index, tactic) in plan.blocks_of(BlockKind::Tactic) {
            let Some(Value::Person(owner)) = tactic.value("owner") else {
                continue;
            };
            let Some(partner) = owner
                .member
                .map(|person| plan.block(person))
                .filter(|person| person.kind == BlockKind::Partner)
            else {
                continue;
            };
            let (Some(when), Some(when_attribute), Some(lead_attribute)) = (
                tactic.quarter_range("when"),
                tactic.attribute("when"),
                partner.attribute("lead-time"),
            ) else {
                continue;
            };
            let Value::Duration(lead_time) = &lead_attribute.value else {
                continue;
            };
            let ready = plan_start.add_days(lead_time.whole_days());
            let start = when.first.first_day();
            if start >= ready {
                continue;
            }
            let partner_name = format!("@{}", partner.id.unwrap_or("?"));
            let lead_text = lead_attribute.span.text(context.source).to_string();
            let mut hit = Hit::new(index, Spot::new(when_attribute.span, "start"))
            .var("partner", partner_name.clone())
            .var("lead-time", lead_text.clone())
            .var("ready", ready.to_string())
            .var("start", start.to_string());
            hit.secondary.push(Spot::new(lead_attribute.span, "lead-time"));
            hits.push(hit);
        }
    }
}
