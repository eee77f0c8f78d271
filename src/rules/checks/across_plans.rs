//! `across-plans`: the audit's check over all plans at once, for
//! `overbooked-across-plans` only.
//!
//! Not a check over one plan: `planlint audit` adds up each person's
//! bookings over every audited plan (`audit::across_plans`) and renders
//! each booking with the rule's templates. Declaring the kind here lets
//! loading the rule check those templates against the variables below.
//!
//! Variables: `{person}` (without `@`), `{quarter}`, `{booked}` and
//! `{capacity}` (person-days), `{plans}` (how many plans contribute) and
//! `{plan-list}` (their paths).

use serde::Deserialize;

use super::{Check, CheckContext, CheckError, CheckKind, Hits, Pass, Selector};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcrossPlans {}

impl CheckKind for AcrossPlans {
    const NAME: &'static str = "across-plans";
    const SUMMARY: &'static str =
        "a person booked beyond capacity over all audited plans (`overbooked-across-plans`); \
         audit only";
    const VARIABLES: &'static [&'static str] =
        &["person", "quarter", "booked", "capacity", "plans", "plan-list"];
    const PASS: Pass = Pass::AcrossPlans;
    type Params = AcrossPlans;

    fn compile(params: AcrossPlans, _: Selector) -> Result<AcrossPlans, CheckError> {
        Ok(params)
    }
}

impl Check for AcrossPlans {
    /// Never called: the engine runs only [`Pass::Plan`] kinds over a plan.
    fn run(&self, _: &CheckContext<'_, '_>, _: &mut Hits<'_>) {}
}
