//! `planlint explain RULE`: a rule's documentation, straight from its file.

use super::rule_file::FixSafety;
use super::RuleFile;

pub fn explain(rule: &RuleFile) -> String {
    let preview = if rule.preview { ", preview" } else { "" };
    let mut out = format!(
        "{} ({}{preview})\n\n{}\n",
        rule.id,
        rule.severity,
        rule.summary.trim()
    );
    if !rule.options.is_empty() {
        out.push_str("\nOptions (set them in .planlint.yaml under `rules:`):\n");
        for (name, default) in &rule.options {
            let value = crate::yaml::to_string(default)
                .map(|text| text.trim().to_string())
                .unwrap_or_default();
            out.push_str(&format!("  {name}: {value}   (default)\n"));
        }
    }
    let safeties: Vec<&str> = rule
        .fix_safeties()
        .iter()
        .map(|safety| safety.as_str())
        .collect();
    if !safeties.is_empty() {
        out.push_str(&format!(
            "\nFixes: {} (`check --fix` applies safe fixes; unsafe ones also need `--unsafe-fixes`).\n",
            safeties.join(" and ")
        ));
    }
    if rule.preview {
        out.push_str(
            "\nPreview: this rule is new and runs only with `--preview`, `preview: true` in \
             .planlint.yaml, or when selected by id (`--select ID`, or a severity for it under \
             `rules:`).\n",
        );
    }
    if !rule.is_configurable() {
        out.push_str("\nThis rule cannot be turned off or suppressed.\n");
    }
    let docs = rule.docs();
    for (heading, body) in [("Why", &docs.why), ("Bad", &docs.bad), ("Good", &docs.good)] {
        section(&mut out, heading, body);
    }
    out.push_str("\nWhat it says ({placeholders} are filled in for each finding):\n");
    let wordings = rule.wordings();
    wording(
        &mut out,
        "",
        &wordings.message,
        wordings.help.as_deref(),
        fix_of(&wordings.fix, wordings.fix_safety),
    );
    for (case, case_wording) in &wordings.cases {
        wording(
            &mut out,
            &format!("when {case}: "),
            &case_wording.message,
            case_wording.help.as_deref(),
            fix_of(&case_wording.fix, case_wording.fix_safety),
        );
    }
    out
}

fn section(out: &mut String, heading: &str, body: &str) {
    out.push_str(&format!("\n{heading}:\n"));
    for line in body.trim_end().lines() {
        if line.is_empty() {
            out.push('\n');
        } else {
            out.push_str(&format!("  {line}\n"));
        }
    }
}

/// One situation's message, help and fix, one line each.
fn wording(
    out: &mut String,
    case: &str,
    message: &str,
    help: Option<&str>,
    fix: Option<(&str, FixSafety)>,
) {
    out.push_str(&format!("  {case}message: {message}\n"));
    if let Some(help) = help {
        out.push_str(&format!("  {case}help: {help}\n"));
    }
    if let Some((fix, safety)) = fix {
        out.push_str(&format!("  {case}fix ({}): {fix}\n", safety.as_str()));
    }
}

/// A fix's template with its safety, when the rule file states both.
fn fix_of(fix: &Option<String>, safety: Option<FixSafety>) -> Option<(&str, FixSafety)> {
    fix.as_deref().zip(safety)
}
