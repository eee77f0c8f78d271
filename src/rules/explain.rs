//! `planlint explain RULE`: a rule's documentation, straight from its file.

use super::RuleFile;

pub fn explain(rule: &RuleFile) -> String {
    let mut out = format!(
        "{} ({})\n\n{}\n",
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
    if !rule.is_configurable() {
        out.push_str("\nThis rule cannot be turned off or suppressed.\n");
    }
    for (heading, body) in [("Why", &rule.why), ("Bad", &rule.bad), ("Good", &rule.good)] {
        out.push_str(&format!("\n{heading}:\n"));
        for line in body.trim_end().lines() {
            if line.is_empty() {
                out.push('\n');
            } else {
                out.push_str(&format!("  {line}\n"));
            }
        }
    }
    out
}
