//! `suppressions`: the findings about suppression comments themselves, for
//! `unused-suppression`, `expired-suppression` and
//! `suppression-without-reason`.
//!
//! Not a check over a plan: these hits come from matching the plan's
//! `# planlint: allow(…)` comments with the findings of every other rule
//! (`rules::suppressions`), so they exist only after the checks have run.
//! Declaring the kind here lets loading those rules check their templates
//! against the variables below.
//!
//! Variables: `{rule}` (the rule a comment names), `{close}` (the known
//! rule closest to a misspelt one), `{until}` (an expired waiver's date),
//! `{quoted}` (what a comment that is not understood says where a date or
//! `-- reason` was expected). Cases of `unused-suppression`:
//! `unknown-rule`, `unknown-rule-close`, `not-suppressible`, and one per
//! way a `planlint:` comment is not understood (`not-understood-…`).

use serde::Deserialize;

use super::{label, Check, CheckContext, CheckError, CheckKind, Hits, LabelSlot, Pass, Selector};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suppressions {}

impl CheckKind for Suppressions {
    const NAME: &'static str = "suppressions";
    const SUMMARY: &'static str =
        "suppression comments that silence nothing, have expired or give no reason; \
         not a check over a plan";
    const VARIABLES: &'static [&'static str] = &["rule", "close", "until", "quoted"];
    const CASES: &'static [&'static str] = &[
        "unknown-rule",
        "unknown-rule-close",
        "not-suppressible",
        "not-understood-no-allow",
        "not-understood-unclosed",
        "not-understood-no-rule",
        "not-understood-date",
        "not-understood-condition",
    ];
    const LABELS: &'static [LabelSlot] = &[label("comment", &[])];
    const PASS: Pass = Pass::Suppressions;
    type Params = Suppressions;

    fn compile(params: Suppressions, _: Selector) -> Result<Suppressions, CheckError> {
        Ok(params)
    }
}

impl Check for Suppressions {
    /// Never called: the engine runs only [`Pass::Plan`] kinds over a plan.
    fn run(&self, _: &CheckContext<'_, '_>, _: &mut Hits<'_>) {}
}
