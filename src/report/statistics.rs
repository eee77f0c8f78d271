//! `--statistics`: how often each rule fired, instead of the findings.
//! Sorted by count (most frequent first), then rule id, so the biggest
//! problems of a legacy tree come first.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Format;
use crate::diagnostics::FileReport;
use crate::rules::RuleFile;

/// One rule and how many findings it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    pub rule: String,
    pub count: usize,
}

/// The number of findings of each rule, most frequent first, then by id.
pub fn rule_counts(reports: &[FileReport]) -> Vec<RuleCount> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for finding in reports.iter().flat_map(|report| &report.findings) {
        *counts.entry(finding.rule.as_str()).or_default() += 1;
    }
    let mut counts: Vec<RuleCount> = counts
        .into_iter()
        .map(|(rule, count)| RuleCount {
            rule: rule.to_string(),
            count,
        })
        .collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.rule.cmp(&b.rule)));
    counts
}

/// The counts as text (`  3  missing-kpi  An objective or tactic has no KPI.`),
/// or, for `--format json`, as an array of `{"rule", "count"}` objects.
/// Only the human, compact and json formats have a statistics form.
pub fn render_statistics(format: Format, reports: &[FileReport], rules: &[&RuleFile]) -> String {
    let counts = rule_counts(reports);
    if format == Format::Json {
        let mut out = serde_json::to_string_pretty(&counts).expect("counts serialize to JSON");
        out.push('\n');
        return out;
    }
    let count_width = counts
        .iter()
        .map(|count| count.count.to_string().len())
        .max()
        .unwrap_or(1);
    let rule_width = counts
        .iter()
        .map(|count| count.rule.len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for RuleCount { rule, count } in &counts {
        let summary = rules
            .iter()
            .find(|file| &file.id == rule)
            .map_or("", |file| file.summary.trim());
        let line = format!("{count:>count_width$}  {rule:rule_width$}  {summary}");
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
