//! The audit as JSON: `{"schema": 1, "headline": {…}, "plans": […], …}`.
//! Fields are only ever added within a schema version.

use serde::Serialize;

use crate::audit::Audit;

#[derive(Serialize)]
struct Document<'a> {
    schema: u32,
    headline: Headline,
    #[serde(flatten)]
    audit: &'a Audit,
}

#[derive(Serialize)]
struct Headline {
    plans: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    tactics: usize,
    random_acts: usize,
    /// Percent of tactics that are random acts, one decimal.
    random_share: f64,
}

pub fn render(audit: &Audit) -> String {
    let document = Document {
        schema: 1,
        headline: Headline {
            plans: audit.files,
            errors: audit.counts.errors,
            warnings: audit.counts.warnings,
            infos: audit.counts.infos,
            tactics: audit.tactics,
            random_acts: audit.random_acts.any,
            random_share: (audit.random_share() * 10.0).round() / 10.0,
        },
        audit,
    };
    let mut out = serde_json::to_string_pretty(&document).expect("the audit serializes");
    out.push('\n');
    out
}
