//! The audit as Markdown: the same sections and numbers as the HTML page,
//! with the charts as tables.

use std::fmt::Write;
use std::io;

use super::{
    markdown_text, percent, plan_owner, plans, rollup_owner, rule_words, severity_counts, symptoms,
    Document, NOBODY_OVERBOOKED, SCORE_RULE,
};
use crate::audit::{Audit, PlanFacts};

fn cell(text: &str) -> String {
    markdown_text(text)
}

pub fn render(audit: &Audit, out: &mut Document<'_>) -> io::Result<()> {
    let _ = writeln!(out, "# Marketing plan audit\n");
    let _ = writeln!(
        out,
        "- **{}**\n- {}\n- **{} of {}** tactics are random acts of marketing ({}): {}\n",
        plans(audit.files),
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
            plan_owner(plan.owner.as_deref()),
            plan.counts.errors,
            plan.counts.warnings,
            plan.random_acts,
            plan.tactics
        );
    }
    let _ = writeln!(
        out,
        "\n## By rule\n\n| rule | findings | plans |\n|---|---:|---:|"
    );
    for rollup in &audit.by_rule {
        let name = match rule_words(&rollup.rule) {
            (Some(summary), id) => format!("{} (`{id}`)", markdown_text(&summary)),
            (None, id) => format!("`{id}`"),
        };
        let _ = writeln!(out, "| {name} | {} | {} |", rollup.findings, rollup.plans);
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
            markdown_text(&booking.message),
            markdown_text(&booking.declared_in.0),
            booking.declared_in.1
        );
        for contribution in &booking.contributions {
            let _ = writeln!(
                out,
                "  - {} line {}: tactic `{}`, {} person-days",
                contribution.plan, contribution.line, contribution.tactic, contribution.effort
            );
        }
        if let Some(more) = booking.not_listed {
            let _ = writeln!(out, "  - {}", super::not_listed(more));
        }
    }
    let _ = writeln!(out, "\n## Top findings\n");
    for group in super::finding_groups(&audit.top_findings) {
        let first = &group[0].1;
        let (count, summary) = super::group_heading(group);
        let _ = writeln!(
            out,
            "- **{}** {}: `{}`{}",
            first.severity,
            count,
            first.rule,
            summary
                .map(|summary| format!(" ({})", markdown_text(&summary)))
                .unwrap_or_default()
        );
        for (path, finding) in group {
            let _ = writeln!(
                out,
                "  - {}: {}\n    ```\n    {}\n    ```",
                markdown_text(&super::location(Some(path), finding)),
                markdown_text(&finding.message),
                finding.source_line
            );
        }
    }
    let _ = writeln!(out, "\n## Each plan");
    for (index, plan) in audit.plans.iter().enumerate() {
        let _ = writeln!(out, "\n<a id=\"plan-{index}\"></a>");
        out.push_str(&audit.part(plan)?);
    }
    Ok(())
}

/// A plan's section, but for its anchor (which carries the plan's place in
/// the report, known only once every plan is linted).
pub fn plan_part(plan: &PlanFacts) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "### {} (score {})\n\n{}; {} of {} tactics are random acts.\n",
        markdown_text(&plan.path),
        plan.score,
        severity_counts(&plan.counts),
        plan.random_acts.any,
        plan.tactics
    );
    for finding in &plan.top_findings {
        let _ = writeln!(
            out,
            "- {}: **{}** `{}` {}",
            markdown_text(&super::location(None, finding)),
            finding.severity,
            finding.rule,
            markdown_text(&finding.message)
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
    out
}
