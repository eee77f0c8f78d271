//! The audit as JSON: `{"schema": 1, "headline": {…}, "plans": […], …}`.
//! Fields are only ever added within a schema version.
//!
//! The document is what `serde_json::to_string_pretty` writes of it whole,
//! byte for byte, but written member by member: each plan's object is
//! serialized when the plan is linted ([`plan_part`]) and copied into the
//! `plans` array from the spill, so the document is never in memory whole.

use std::fmt::Write;
use std::io;

use serde::Serialize;

use super::Document;
use crate::audit::{Audit, PlanFacts};

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

/// A value as `to_string_pretty` writes it `depth` levels deep: every
/// line but the first indented by two spaces per level.
fn pretty(value: &impl Serialize, depth: usize) -> io::Result<String> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    let indent = "  ".repeat(depth);
    Ok(text.replace('\n', &format!("\n{indent}")))
}

/// A plan's object as the `plans` array holds it (two levels deep).
pub fn plan_part(plan: &PlanFacts) -> String {
    match pretty(plan, 2) {
        Ok(text) => format!("    {text}"),
        // The facts are plain data: serializing them cannot fail.
        Err(_) => String::new(),
    }
}

pub fn render(audit: &Audit, out: &mut Document<'_>) -> io::Result<()> {
    let headline = Headline {
        plans: audit.files,
        errors: audit.counts.errors,
        warnings: audit.counts.warnings,
        infos: audit.counts.infos,
        tactics: audit.tactics,
        random_acts: audit.random_acts.any,
        random_share: (audit.random_share() * 10.0).round() / 10.0,
    };
    out.push_str("{\n");
    member(out, "schema", &1)?;
    member(out, "headline", &headline)?;
    member(out, "files", &audit.files)?;
    member(out, "counts", &audit.counts)?;
    member(out, "tactics", &audit.tactics)?;
    member(out, "random_acts", &audit.random_acts)?;
    if audit.plans.is_empty() {
        out.push_str("  \"plans\": [],\n");
    } else {
        out.push_str("  \"plans\": [\n");
        for (index, plan) in audit.plans.iter().enumerate() {
            if index > 0 {
                out.push_str(",\n");
            }
            out.push_str(&audit.part(plan)?);
        }
        out.push_str("\n  ],\n");
    }
    member(out, "by_rule", &audit.by_rule)?;
    member(out, "by_owner", &audit.by_owner)?;
    member(out, "by_quarter", &audit.by_quarter)?;
    member(
        out,
        "overbooked_across_plans",
        &audit.overbooked_across_plans,
    )?;
    let _ = write!(
        out,
        "  \"top_findings\": {}\n}}\n",
        pretty(&audit.top_findings, 1)?
    );
    Ok(())
}

/// A member of the document but the last.
fn member(out: &mut Document<'_>, key: &str, value: &impl Serialize) -> io::Result<()> {
    let _ = writeln!(out, "  \"{key}\": {},", pretty(value, 1)?);
    Ok(())
}
