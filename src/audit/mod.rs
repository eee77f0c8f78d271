//! `planlint audit`: lint a tree of plans and summarise it for the people
//! who own them: a headline, a score per plan, rollups by rule, owner and
//! quarter, effort against capacity per quarter, people booked beyond their
//! capacity across plans, and the worst findings with their lines.
//!
//! Plans are linted in parallel (rayon); of each plan only its
//! [`facts::PlanFacts`] are kept, never its text or model, so memory grows
//! with the number of findings kept (a bounded few per plan), not with the
//! size of the plans. Rendering lives in `report::audit`.

pub mod across_plans;
pub mod facts;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::files::{read_input, Input};
use crate::lint::{decode, lint_and_inspect};
use crate::model::{Quarter, Rational};
use crate::rules::{LintOptions, RuleSet};
pub use across_plans::CrossPlanBooking;
pub use facts::{FindingLine, PlanFacts, RandomActs, SeverityCounts};

/// How many findings the report lists as the worst overall.
pub const TOP_FINDINGS: usize = 25;

/// Lints one input and keeps its facts.
pub fn facts_of(input: &Input, rules: &RuleSet, options: &LintOptions) -> PlanFacts {
    let mut facts = facts_of_text(input, rules, options);
    // A plan imported from a spreadsheet: its findings point at cells.
    if let Input::Imported { places, .. } = input {
        for finding in &mut facts.top_findings {
            finding.cell = finding
                .line
                .checked_sub(1)
                .and_then(|index| places.get(index).cloned().flatten());
        }
    }
    facts
}

fn facts_of_text(input: &Input, rules: &RuleSet, options: &LintOptions) -> PlanFacts {
    let (name, bytes) = read_input(input);
    match decode(name, bytes, rules) {
        Err(report) => facts::unparsed(&report.source, &report.findings),
        Ok(source) => {
            let (findings, facts) = lint_and_inspect(&source, rules, options, |plan, findings| {
                facts::of_plan(&source, plan, findings)
            });
            facts.unwrap_or_else(|| facts::unparsed(&source, &findings))
        }
    }
}

/// Lints every input in parallel, calling `progress` after each plan.
pub fn collect(
    inputs: &[Input],
    rules_for: impl Fn(&Input) -> std::sync::Arc<RuleSet> + Sync,
    options: &LintOptions,
    progress: impl Fn() + Sync,
) -> Vec<PlanFacts> {
    inputs
        .par_iter()
        .map(|input| {
            let facts = facts_of(input, &rules_for(input), options);
            progress();
            facts
        })
        .collect()
}

/// A rule's count across the audit.
#[derive(Debug, Clone, Serialize)]
pub struct RuleRollup {
    pub rule: String,
    pub findings: usize,
    pub plans: usize,
}

/// Scheduled effort against capacity in one quarter, over all plans.
#[derive(Debug, Clone, Serialize)]
pub struct QuarterRollup {
    pub quarter: Quarter,
    pub scheduled: Rational,
    /// Sum of the capacities of the plans that state one.
    pub capacity: Rational,
    /// Effort of plans that state no capacity (not comparable).
    pub unplanned: Rational,
    pub findings: usize,
}

impl QuarterRollup {
    fn empty(quarter: Quarter) -> QuarterRollup {
        QuarterRollup {
            quarter,
            scheduled: Rational::ZERO,
            capacity: Rational::ZERO,
            unplanned: Rational::ZERO,
            findings: 0,
        }
    }
}

/// The whole audit, ready to render.
#[derive(Debug, Clone, Serialize)]
pub struct Audit {
    pub files: usize,
    pub counts: SeverityCounts,
    pub tactics: usize,
    pub random_acts: RandomActs,
    /// Worst score first.
    pub plans: Vec<PlanFacts>,
    pub by_rule: Vec<RuleRollup>,
    pub by_owner: Vec<(String, usize)>,
    pub by_quarter: Vec<QuarterRollup>,
    pub overbooked_across_plans: Vec<CrossPlanBooking>,
    pub top_findings: Vec<(String, FindingLine)>,
}

impl Audit {
    /// Aggregates the facts of every plan.
    /// `rules` words and grades the findings across plans
    /// (`overbooked-across-plans`), which belong to no one plan.
    pub fn new(mut plans: Vec<PlanFacts>, rules: &RuleSet) -> Audit {
        let across_plans_severity = rules
            .get("overbooked-across-plans")
            .and_then(|rule| rule.severity);
        // Worst first: by the points lost, so that plans which all score 0
        // are still ordered by how bad they are.
        plans.sort_by(|a, b| {
            b.points_lost
                .cmp(&a.points_lost)
                .then_with(|| a.path.cmp(&b.path))
        });
        let mut overbooked = match across_plans_severity {
            Some(_) => across_plans::overbooked(&plans),
            None => Vec::new(),
        };
        for booking in &mut overbooked {
            booking.message = rules
                .render_unattached("overbooked-across-plans", booking.hit(), "")
                .map(|finding| finding.message)
                .unwrap_or_default();
        }
        let mut counts = SeverityCounts::default();
        let mut random_acts = RandomActs::default();
        let mut tactics = 0;
        let mut by_rule: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        let mut by_owner: BTreeMap<String, usize> = BTreeMap::new();
        let mut quarters: BTreeMap<Quarter, QuarterRollup> = BTreeMap::new();
        for plan in &plans {
            counts.merge(plan.counts);
            tactics += plan.tactics;
            random_acts.unaligned += plan.random_acts.unaligned;
            random_acts.unmeasured += plan.random_acts.unmeasured;
            random_acts.unowned += plan.random_acts.unowned;
            random_acts.any += plan.random_acts.any;
            for (rule, &count) in &plan.by_rule {
                let entry = by_rule.entry(rule.clone()).or_default();
                entry.0 += count;
                entry.1 += 1;
            }
            for (owner, &count) in &plan.by_owner {
                *by_owner.entry(owner.clone()).or_insert(0) += count;
            }
            for (&quarter, &load) in &plan.load {
                let rollup = quarters
                    .entry(quarter)
                    .or_insert_with(|| QuarterRollup::empty(quarter));
                match plan.capacity {
                    Some(_) => rollup.scheduled = rollup.scheduled.saturating_add(load),
                    None => rollup.unplanned = rollup.unplanned.saturating_add(load),
                }
            }
            // A team's capacity counts in every quarter of the plan's period
            // (or, without a period, in the quarters it schedules work).
            if let Some(capacity) = plan.capacity {
                let active: Vec<Quarter> = match plan.period {
                    Some(period) => period.quarters().collect(),
                    None => plan.load.keys().copied().collect(),
                };
                for quarter in active {
                    let rollup = quarters
                        .entry(quarter)
                        .or_insert_with(|| QuarterRollup::empty(quarter));
                    rollup.capacity = rollup.capacity.saturating_add(capacity);
                }
            }
            for (&quarter, &count) in &plan.by_quarter {
                if let Some(rollup) = quarters.get_mut(&quarter) {
                    rollup.findings += count;
                }
            }
        }
        if let Some(severity) = across_plans_severity {
            for booking in &overbooked {
                counts.add(severity);
                let entry = by_rule
                    .entry("overbooked-across-plans".to_string())
                    .or_default();
                entry.0 += 1;
                entry.1 = entry.1.max(booking.plans().len());
            }
        }
        let mut by_rule: Vec<RuleRollup> = by_rule
            .into_iter()
            .map(|(rule, (findings, plans))| RuleRollup {
                rule,
                findings,
                plans,
            })
            .collect();
        by_rule.sort_by(|a, b| {
            b.findings
                .cmp(&a.findings)
                .then_with(|| a.rule.cmp(&b.rule))
        });
        let mut by_owner: Vec<(String, usize)> = by_owner.into_iter().collect();
        by_owner.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut top_findings: Vec<(String, FindingLine)> = plans
            .iter()
            .flat_map(|plan| {
                plan.top_findings
                    .iter()
                    .map(move |finding| (plan.path.clone(), finding.clone()))
            })
            .collect();
        // Worst first: by severity, then by impact (the rules that fire
        // most across the plans), so the report's groups come in that order.
        let impact = |rule: &str| {
            by_rule
                .iter()
                .find(|rollup| rollup.rule == rule)
                .map_or(0, |rollup| rollup.findings)
        };
        top_findings.sort_by(|a, b| {
            b.1.severity
                .cmp(&a.1.severity)
                .then_with(|| impact(&b.1.rule).cmp(&impact(&a.1.rule)))
                .then_with(|| a.1.rule.cmp(&b.1.rule))
                .then_with(|| a.0.cmp(&b.0))
                .then_with(|| a.1.line.cmp(&b.1.line))
        });
        top_findings.truncate(TOP_FINDINGS);
        Audit {
            files: plans.len(),
            counts,
            tactics,
            random_acts,
            plans,
            by_rule,
            by_owner,
            by_quarter: quarters.into_values().collect(),
            overbooked_across_plans: overbooked,
            top_findings,
        }
    }

    /// The share of tactics that are random acts of marketing, in percent.
    pub fn random_share(&self) -> f64 {
        if self.tactics == 0 {
            0.0
        } else {
            100.0 * self.random_acts.any as f64 / self.tactics as f64
        }
    }
}
