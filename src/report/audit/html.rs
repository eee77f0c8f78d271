//! The audit as one self-contained HTML page: inline CSS and SVG, no
//! scripts, no fonts or images from the network; prints cleanly.

use std::fmt::Write;
use std::io;

use super::chart::{effort_chart, Bar};
use super::{
    percent, plan_owner, rollup_owner, severity_counts, symptoms, Document, NOBODY_OVERBOOKED,
    SCORE_RULE,
};
use crate::audit::{Audit, PlanFacts};
use crate::diagnostics::Severity;

/// Escaped text where `` `x` `` spans are rendered as code, as a finding's
/// message writes names and values.
fn with_code(text: &str) -> String {
    if !text.matches('`').count().is_multiple_of(2) {
        return escape(text);
    }
    text.split('`')
        .enumerate()
        .map(|(index, part)| {
            if index % 2 == 1 {
                format!("<code>{}</code>", escape(part))
            } else {
                escape(part)
            }
        })
        .collect()
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1f; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 2px solid #ddd; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; } th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e3e3e3; vertical-align: top; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
.headline { display: flex; flex-wrap: wrap; gap: 1rem; } .tile { border: 1px solid #ccc; border-radius: 6px; padding: .6rem 1rem; min-width: 9rem; }
.tile b { display: block; font-size: 1.6rem; }
.error { color: #b00020; } .warning { color: #8a5300; } .info { color: #1f5f99; }
pre { background: #f6f6f6; padding: .3rem .5rem; margin: .2rem 0; white-space: pre-wrap; }
svg.chart { width: 100%; max-width: 46rem; height: auto; } svg .scheduled { fill: #444; } svg .scheduled.over { fill: #b00020; }
svg .capacity { fill: none; stroke: #444; stroke-width: 1.5; stroke-dasharray: 4 2; } svg text { font: 12px system-ui, sans-serif; fill: #1d1d1f; }
svg .legend { font-weight: 600; } svg .quarter { font-weight: 600; }
section.plan { border-top: 1px solid #ccc; margin-top: 1.5rem; }
@media print { body { margin: 0; max-width: none; } section.plan { break-inside: avoid-page; } a { color: inherit; text-decoration: none; } }
"#;

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn quarter_bars(plan: &PlanFacts) -> Vec<Bar> {
    plan.load
        .iter()
        .map(|(&quarter, &scheduled)| Bar {
            quarter,
            scheduled,
            capacity: plan.capacity,
        })
        .collect()
}

pub fn render(audit: &Audit, out: &mut Document<'_>) -> io::Result<()> {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>planlint audit</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    );
    let _ = writeln!(out, "<h1>Marketing plan audit</h1>");
    let _ = writeln!(
        out,
        "<p>{} checked by planlint. A <em>random act of marketing</em> is a tactic \
         that serves no objective, is not measured, or has no owner.</p>",
        super::plans(audit.files)
    );
    // Headline.
    let _ = writeln!(out, "<section id=\"headline\" class=\"headline\">");
    for (label, value, class) in [
        ("plans", audit.files.to_string(), ""),
        ("errors", audit.counts.errors.to_string(), "error"),
        ("warnings", audit.counts.warnings.to_string(), "warning"),
        ("infos", audit.counts.infos.to_string(), "info"),
        (
            "tactics that are random acts",
            format!(
                "{} of {} ({})",
                audit.random_acts.any,
                audit.tactics,
                percent(audit.random_share())
            ),
            "",
        ),
    ] {
        let _ = writeln!(
            out,
            "<div class=\"tile {class}\"><b>{value}</b>{label}</div>"
        );
    }
    let _ = writeln!(out, "</section>");
    let _ = writeln!(
        out,
        "<p>Of the tactics: {}.</p>",
        symptoms(&audit.random_acts)
    );

    // Plans, worst first.
    let _ = writeln!(
        out,
        "<h2 id=\"plans\">Plans, worst first</h2>\n<p>{SCORE_RULE}</p>\n<table>\n\
         <tr><th class=\"number\">score</th><th>plan</th><th>owner</th><th class=\"number\">errors</th>\
         <th class=\"number\">warnings</th><th class=\"number\">random acts</th></tr>"
    );
    for (index, plan) in audit.plans.iter().enumerate() {
        let _ = writeln!(
            out,
            "<tr><td class=\"number\">{}</td><td><a href=\"#plan-{index}\">{}</a>{}</td><td>{}</td>\
             <td class=\"number\">{}</td><td class=\"number\">{}</td><td class=\"number\">{} of {}</td></tr>",
            plan.score,
            escape(&plan.path),
            plan.title.as_deref().map(|title| format!("<br>{}", escape(title))).unwrap_or_default(),
            escape(&plan_owner(plan.owner.as_deref())),
            plan.counts.errors,
            plan.counts.warnings,
            plan.random_acts,
            plan.tactics
        );
    }
    let _ = writeln!(out, "</table>");

    // Rollups.
    let _ = writeln!(
        out,
        "<h2 id=\"by-rule\">By rule</h2>\n<table>\n<tr><th>rule</th><th class=\"number\">findings</th>\
         <th class=\"number\">plans</th></tr>"
    );
    for rollup in &audit.by_rule {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"number\">{}</td><td class=\"number\">{}</td></tr>",
            match super::rule_words(&rollup.rule) {
                (Some(summary), id) => format!("{} <code>{}</code>", escape(&summary), escape(&id)),
                (None, id) => format!("<code>{}</code>", escape(&id)),
            },
            rollup.findings,
            rollup.plans
        );
    }
    let _ = writeln!(out, "</table>");
    let _ = writeln!(
        out,
        "<h2 id=\"by-owner\">By owner</h2>\n<p>Findings about a block count for its owner \
         (a KPI's tactic's, else the plan's).</p>\n<table>\n<tr><th>owner</th>\
         <th class=\"number\">findings</th></tr>"
    );
    for (owner, count) in &audit.by_owner {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"number\">{count}</td></tr>",
            escape(&rollup_owner(owner))
        );
    }
    let _ = writeln!(out, "</table>");

    let _ = writeln!(
        out,
        "<h2 id=\"by-quarter\">By quarter: effort against capacity</h2>\n<p>Scheduled effort of \
         the plans that state a team capacity, against the sum of those capacities \
         (person-days per quarter).</p>"
    );
    let bars: Vec<Bar> = audit
        .by_quarter
        .iter()
        .map(|rollup| Bar {
            quarter: rollup.quarter,
            scheduled: rollup.scheduled,
            capacity: Some(rollup.capacity),
        })
        .collect();
    out.push_str(&effort_chart(
        "Effort against capacity per quarter, all plans",
        &bars,
    ));
    let _ = writeln!(
        out,
        "<table>\n<tr><th>quarter</th><th class=\"number\">scheduled</th><th class=\"number\">capacity</th>\
         <th class=\"number\">effort in plans without capacity</th><th class=\"number\">findings</th></tr>"
    );
    for rollup in &audit.by_quarter {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"number\">{}</td><td class=\"number\">{}</td><td class=\"number\">{}</td>\
             <td class=\"number\">{}</td></tr>",
            rollup.quarter, rollup.scheduled, rollup.capacity, rollup.unplanned, rollup.findings
        );
    }
    let _ = writeln!(out, "</table>");

    // People across plans.
    let _ = writeln!(
        out,
        "<h2 id=\"across-plans\">People booked across plans</h2>"
    );
    if audit.overbooked_across_plans.is_empty() {
        let _ = writeln!(out, "<p>{NOBODY_OVERBOOKED}</p>");
    }
    for booking in &audit.overbooked_across_plans {
        let _ = writeln!(
            out,
            "<p class=\"warning\"><code>overbooked-across-plans</code>: {}. Capacity declared in {} line {}.</p>\n<ul>",
            escape(&booking.message),
            escape(&booking.declared_in.0),
            booking.declared_in.1
        );
        for contribution in &booking.contributions {
            let _ = writeln!(
                out,
                "<li>{} line {}: tactic <code>{}</code>, {} person-days</li>",
                escape(&contribution.plan),
                contribution.line,
                escape(&contribution.tactic),
                contribution.effort
            );
        }
        if let Some(more) = booking.not_listed {
            let _ = writeln!(out, "<li>{}</li>", escape(&super::not_listed(more)));
        }
        let _ = writeln!(out, "</ul>");
    }

    // Top findings.
    let _ = writeln!(out, "<h2 id=\"top-findings\">Top findings</h2>");
    for group in super::finding_groups(&audit.top_findings) {
        let first = &group[0].1;
        let (count, summary) = super::group_heading(group);
        let _ = writeln!(
            out,
            "<h3><span class=\"{}\">{}</span> {}: {} <code>{}</code></h3>",
            severity_class(first.severity),
            first.severity,
            count,
            summary.map(|summary| escape(&summary)).unwrap_or_default(),
            escape(&first.rule)
        );
        for (path, finding) in group {
            let _ = writeln!(
                out,
                "<p>{} — {}</p>\n<pre>{}</pre>",
                escape(&super::location(Some(path), finding)),
                with_code(&finding.message),
                escape(&finding.source_line)
            );
        }
    }

    // Per plan: each section as it was written when the plan was linted.
    let _ = writeln!(out, "<h2 id=\"per-plan\">Each plan</h2>");
    for (index, plan) in audit.plans.iter().enumerate() {
        let _ = writeln!(out, "<section class=\"plan\" id=\"plan-{index}\">");
        out.push_str(&audit.part(plan)?);
    }
    let _ = writeln!(out, "</body>\n</html>");
    Ok(())
}

/// A plan's section, but for the line that opens it (which carries the
/// plan's place in the report, known only once every plan is linted).
pub fn plan_part(plan: &PlanFacts) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<h3>{} — score {}</h3>\n<p>{}{} · {} · \
         {} of {} tactics are random acts</p>",
        escape(&plan.path),
        plan.score,
        plan.title
            .as_deref()
            .map(|title| format!("“{}” · ", escape(title)))
            .unwrap_or_default(),
        plan.owner
            .as_deref()
            .map(|owner| format!("owner @{}", escape(owner)))
            .unwrap_or_else(|| "no owner".into()),
        severity_counts(&plan.counts),
        plan.random_acts.any,
        plan.tactics
    );
    if !plan.load.is_empty() {
        out.push_str(&effort_chart(
            &format!("Effort against capacity per quarter in {}", plan.path),
            &quarter_bars(plan),
        ));
    }
    if plan.top_findings.is_empty() {
        let _ = writeln!(out, "<p>No findings.</p>");
    } else {
        let _ = writeln!(out, "<ul class=\"findings\">");
        for finding in &plan.top_findings {
            let _ = writeln!(
                out,
                "<li><span class=\"{}\">{}</span> <code>{}</code> {}: {}<pre>{}</pre></li>",
                severity_class(finding.severity),
                finding.severity,
                escape(&finding.rule),
                escape(&super::location(None, finding)),
                with_code(&finding.message),
                escape(&finding.source_line)
            );
        }
        let shown = plan.top_findings.len();
        let total = plan.counts.total();
        if total > shown {
            let _ = writeln!(
                out,
                "</ul>\n<p>… and {} more: run <code>planlint check {}</code>.</p>",
                total - shown,
                escape(&plan.path)
            );
        } else {
            let _ = writeln!(out, "</ul>");
        }
    }
    let _ = writeln!(
        out,
        "<p><a href=\"#plans\">back to the plans</a></p>\n</section>"
    );
    out
}
