//! The audit as Markdown: the same sections and numbers as the HTML page,
//! with the charts as tables.

use std::fmt::Write;

use super::{
    percent, plan_owner, rollup_owner, severity_counts, symptoms, NOBODY_OVERBOOKED, SCORE_RULE,
};
use crate::audit::Audit;

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

pub fn render(audit: &Audit) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Marketing plan audit\n");
    let _ = writeln!(
        out,
        "- **{}** plans\n- {}\n- **{} of {}** tactics are random acts of marketing ({}): {}\n",
        audit.files,
        severity_counts(&audit.counts),
        audit.random_acts.any,
        audit.tactics,
        percent(audit.random_share()),
        symptoms(&audit.random_acts)
    );
    let _ = writeln!(out, "## Plans, worst first\n\n{SCORE_RULE}\n");
    let _ = writeln!(
        out,
        "| score | plan | owner | errors | warnings | random acts |\n|---:|---|---|---:|---:|---:|"
    );
    for (index, plan) in audit.plans.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {} | [{}](#plan-{index}) | {} | {} | {} | {} of {} |",
            plan.score,
            cell(&plan.path),
            plan_owner(plan),
            plan.counts.errors,
            plan.counts.warnings,
            plan.random_acts.any,
            plan.tactics
        );
    }
    let _ = writeln!(
        out,
        "\n## By rule\n\n| rule | findings | plans |\n|---|---:|---:|"
    );
    for rollup in &audit.by_rule {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} |",
            rollup.rule, rollup.findings, rollup.plans
        );
    }
    let _ = writeln!(out, "\n## By owner\n\n| owner | findings |\n|---|---:|");
    for (owner, count) in &audit.by_owner {
        let _ = writeln!(out, "| {} | {count} |", cell(&rollup_owner(owner)));
    }
    let _ = writeln!(out, "\n## By quarter: effort against capacity\n\n| quarter | scheduled | capacity | effort in plans without capacity | findings |\n|---|---:|---:|---:|---:|");
    for rollup in &audit.by_quarter {
        let over = if rollup.scheduled > rollup.capacity {
            " (over)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "| {} | {}{over} | {} | {} | {} |",
            rollup.quarter, rollup.scheduled, rollup.capacity, rollup.unplanned, rollup.findings
        );
    }
    let _ = writeln!(out, "\n## People booked across plans\n");
    if audit.overbooked_across_plans.is_empty() {
        let _ = writeln!(out, "{NOBODY_OVERBOOKED}");
    }
    for booking in &audit.overbooked_across_plans {
        let _ = writeln!(
            out,
            "- `overbooked-across-plans`: {}. Capacity declared in {} line {}.",
            booking.message, booking.declared_in.0, booking.declared_in.1
        );
        for contribution in &booking.contributions {
            let _ = writeln!(
                out,
                "  - {} line {}: tactic `{}`, {} person-days",
                contribution.plan, contribution.line, contribution.tactic, contribution.effort
            );
        }
    }
    let _ = writeln!(out, "\n## Top findings\n");
    for (path, finding) in &audit.top_findings {
        let _ = writeln!(
            out,
            "- **{}** `{}` {}:{}:{}: {}\n  ```\n  {}\n  ```",
            finding.severity,
            finding.rule,
            path,
            finding.line,
            finding.column,
            finding.message,
            finding.source_line
        );
    }
    let _ = writeln!(out, "\n## Each plan");
    for (index, plan) in audit.plans.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n<a id=\"plan-{index}\"></a>\n### {} (score {})\n\n{}; {} of {} tactics are random acts.\n",
            plan.path, plan.score, severity_counts(&plan.counts), plan.random_acts.any, plan.tactics
        );
        for finding in &plan.top_findings {
            let _ = writeln!(
                out,
                "- line {}: **{}** `{}` {}",
                finding.line, finding.severity, finding.rule, finding.message
            );
        }
        let total = plan.counts.total();
        if total > plan.top_findings.len() {
            let _ = writeln!(
                out,
                "- … and {} more (`planlint check {}`)",
                total - plan.top_findings.len(),
                plan.path
            );
        }
    }
    out
}
