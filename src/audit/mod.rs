//! `planlint audit`: lint a tree of plans and summarise it for the people
//! who own them: a headline, a score per plan, rollups by rule, owner and
//! quarter, effort against capacity per quarter, people booked beyond their
//! capacity across plans, and the worst findings with their lines.
//!
//! Plans are linted in parallel (rayon); each plan's [`facts::PlanFacts`]
//! go to the [`Auditor`] as soon as it is linted, which keeps a small
//! [`PlanSummary`] of it and sends its part of the report to a temporary
//! file, so memory grows by about 200 bytes per plan (and a record per
//! person named), never with the plans' text, findings or the report.
//! Rendering lives in `report::audit`.

pub mod across_plans;
pub mod facts;

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io;
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::Severity;
use crate::files::spill::{Spill, Spilled, Stored};
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

/// Lints every input in parallel, each with the rules `rules_for` gives
/// for its place among the inputs, and hands each plan's facts to `auditor`
/// as soon as the plan is linted (so they are dropped then), calling
/// `progress` after each plan.
pub fn collect(
    inputs: &[Input],
    rules_for: impl Fn(usize) -> std::sync::Arc<RuleSet> + Sync,
    options: &LintOptions,
    progress: impl Fn() + Sync,
    auditor: &Auditor,
) {
    // Room for every plan's summary at once: grown by doubling, the list
    // would keep up to half of its room empty.
    auditor.tally().plans.reserve_exact(inputs.len());
    inputs.par_iter().enumerate().for_each(|(index, input)| {
        auditor.add(index, facts_of(input, &rules_for(index), options));
        progress();
    });
}

/// What the report writes of one plan (its section, its JSON object), made
/// by the report while the plan's facts are at hand.
pub type PartOf = Box<dyn Fn(&PlanFacts) -> String + Send + Sync>;

/// Builds the audit plan by plan, in whatever order plans are linted: of
/// each plan it keeps a [`PlanSummary`] and adds its counts to the totals;
/// its part of the report, its bookings and its team's capacities go to the spill ([`crate::files::spill`]). The
/// result does not depend on the order plans are added in.
pub struct Auditor {
    part_of: PartOf,
    parts_kind: &'static str,
    tally: Mutex<Tally>,
}

impl Auditor {
    /// `parts_kind` names what `part_of` makes (a report format), so that
    /// the report is written in the format its parts were made for.
    pub fn new(parts_kind: &'static str, part_of: PartOf) -> io::Result<Auditor> {
        Ok(Auditor {
            part_of,
            parts_kind,
            tally: Mutex::new(Tally::new(Spill::new()?)),
        })
    }

    /// Adds the facts of the plan that is input number `input`.
    pub fn add(&self, input: usize, facts: PlanFacts) {
        let part = (self.part_of)(&facts);
        let across_plans = across_plans::PlanBookings::encode(&facts);
        self.tally()
            .add(input, &facts, part.as_bytes(), &across_plans);
    }

    /// How many bytes the spill holds so far: what would otherwise be kept
    /// in memory until the report is written.
    pub fn spilled(&self) -> u64 {
        self.tally().spill.written()
    }

    fn tally(&self) -> std::sync::MutexGuard<'_, Tally> {
        self.tally.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The audit of the plans added. `rules` words and grades the findings
    /// across plans (`overbooked-across-plans`), which belong to no one plan.
    /// Fails when the spill could not be written or read.
    pub fn finish(self, rules: &RuleSet) -> io::Result<Audit> {
        let tally = self
            .tally
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        tally.finish(rules, self.parts_kind)
    }
}

/// What the audit keeps of one plan once its part of the report is in the
/// spill: what the table of plans shows and what orders it. A few hundred
/// bytes, whatever the size of the plan and its findings.
#[derive(Debug, Clone)]
pub struct PlanSummary {
    pub path: Box<str>,
    pub title: Option<Box<str>>,
    pub owner: Option<Box<str>>,
    pub tactics: usize,
    /// Tactics that are random acts of marketing.
    pub random_acts: usize,
    pub counts: SeverityCounts,
    pub score: u32,
    pub points_lost: usize,
    /// The plan's place among the inputs: orders plans of the same path.
    input: usize,
    part: Stored,
    /// Its bookings and declared capacities ([`across_plans::PlanBookings`]).
    across_plans: Stored,
}

impl PlanSummary {
    /// Worst first: by the points lost, so that plans which all score 0
    /// are still ordered by how bad they are; then by path.
    fn order(&self) -> (Reverse<usize>, &str, usize) {
        (Reverse(self.points_lost), &self.path, self.input)
    }

    /// The bytes it keeps, its text included.
    pub fn bytes(&self) -> usize {
        std::mem::size_of::<PlanSummary>()
            + self.path.len()
            + self.title.as_deref().map_or(0, str::len)
            + self.owner.as_deref().map_or(0, str::len)
    }
}

/// What the audit keeps of a person (or `(no owner)`) across plans.
#[derive(Debug, Default)]
struct Person {
    /// Findings charged to them (the rollup by owner).
    findings: usize,
    /// The first plan (in the order added) that books them.
    booked_in: Option<u32>,
    /// Whether plans other than that one book them too: only then can
    /// `overbooked-across-plans` concern them, and only then are the
    /// plans' bookings and capacities read back from the spill.
    booked_in_several_plans: bool,
}

/// One of the worst findings of a plan, a candidate for the report's top
/// findings.
#[derive(Debug)]
struct Candidate {
    path: Box<str>,
    points_lost: usize,
    input: usize,
    /// Its place among its plan's worst findings.
    position: usize,
    finding: FindingLine,
}

impl Candidate {
    /// The order of the top findings within one rule and severity.
    fn order(&self) -> (&str, usize, Reverse<usize>, usize, usize) {
        (
            &self.path,
            self.finding.line,
            Reverse(self.points_lost),
            self.input,
            self.position,
        )
    }
}

/// The audit while plans are added.
struct Tally {
    spill: Spill,
    /// The first failure to write the spill, reported by `finish`.
    spill_error: Option<io::Error>,
    /// In the order added.
    plans: Vec<PlanSummary>,
    counts: SeverityCounts,
    random_acts: RandomActs,
    tactics: usize,
    /// Findings and plans per rule.
    by_rule: BTreeMap<String, (usize, usize)>,
    people: HashMap<Box<str>, Person>,
    quarters: BTreeMap<Quarter, QuarterRollup>,
    /// Findings about tactics by the tactic's first quarter; they count in
    /// the quarters some plan schedules work in or states capacity for.
    findings_by_quarter: BTreeMap<Quarter, usize>,
    /// Per rule and severity, the first [`TOP_FINDINGS`] findings in the
    /// top findings' order: whatever the rules' impact turns out to be,
    /// the top findings are among them.
    worst: BTreeMap<String, BTreeMap<Severity, Vec<Candidate>>>,
}

/// The entry of a person, made on first mention.
fn person<'a>(people: &'a mut HashMap<Box<str>, Person>, name: &str) -> &'a mut Person {
    if !people.contains_key(name) {
        people.insert(name.into(), Person::default());
    }
    people.get_mut(name).expect("the person was just added")
}

impl Tally {
    fn new(spill: Spill) -> Tally {
        Tally {
            spill,
            spill_error: None,
            plans: Vec::new(),
            counts: SeverityCounts::default(),
            random_acts: RandomActs::default(),
            tactics: 0,
            by_rule: BTreeMap::new(),
            people: HashMap::new(),
            quarters: BTreeMap::new(),
            findings_by_quarter: BTreeMap::new(),
            worst: BTreeMap::new(),
        }
    }

    fn store(&mut self, bytes: &[u8]) -> Stored {
        match self.spill.append(bytes) {
            Ok(stored) => stored,
            Err(error) => {
                self.spill_error.get_or_insert(error);
                Stored::default()
            }
        }
    }

    fn add(&mut self, input: usize, plan: &PlanFacts, part: &[u8], across_plans: &[u8]) {
        // Plans are counted in u32 (a person's first plan): 4 billion plans
        // are beyond what the file system gives an audit.
        let id = u32::try_from(self.plans.len()).unwrap_or(u32::MAX);
        let summary = PlanSummary {
            path: plan.path.as_str().into(),
            title: plan.title.as_deref().map(Into::into),
            owner: plan.owner.as_deref().map(Into::into),
            tactics: plan.tactics,
            random_acts: plan.random_acts.any,
            counts: plan.counts,
            score: plan.score,
            points_lost: plan.points_lost,
            input,
            part: self.store(part),
            across_plans: self.store(across_plans),
        };
        self.add_counts(plan);
        self.add_people(id, plan);
        self.add_worst(plan, input);
        self.plans.push(summary);
    }

    fn add_counts(&mut self, plan: &PlanFacts) {
        self.counts.merge(plan.counts);
        self.tactics += plan.tactics;
        self.random_acts.unaligned += plan.random_acts.unaligned;
        self.random_acts.unmeasured += plan.random_acts.unmeasured;
        self.random_acts.unowned += plan.random_acts.unowned;
        self.random_acts.any += plan.random_acts.any;
        for (rule, &count) in &plan.by_rule {
            if !self.by_rule.contains_key(rule) {
                self.by_rule.insert(rule.clone(), (0, 0));
            }
            if let Some(entry) = self.by_rule.get_mut(rule) {
                entry.0 += count;
                entry.1 += 1;
            }
        }
        let quarters = &mut self.quarters;
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
            *self.findings_by_quarter.entry(quarter).or_insert(0) += count;
        }
    }

    /// Findings by owner, and who is booked in several plans.
    fn add_people(&mut self, id: u32, plan: &PlanFacts) {
        for (owner, &count) in &plan.by_owner {
            person(&mut self.people, owner).findings += count;
        }
        for booking in &plan.bookings {
            let person = person(&mut self.people, &booking.person);
            match person.booked_in {
                None => person.booked_in = Some(id),
                Some(first) if first != id => person.booked_in_several_plans = true,
                Some(_) => {}
            }
        }
    }

    fn add_worst(&mut self, plan: &PlanFacts, input: usize) {
        for (position, finding) in plan.top_findings.iter().enumerate() {
            if !self.worst.contains_key(&finding.rule) {
                self.worst.insert(finding.rule.clone(), BTreeMap::new());
            }
            let Some(by_severity) = self.worst.get_mut(&finding.rule) else {
                continue;
            };
            let group = by_severity.entry(finding.severity).or_default();
            let order = (
                plan.path.as_str(),
                finding.line,
                Reverse(plan.points_lost),
                input,
                position,
            );
            let at = group.partition_point(|kept| kept.order() < order);
            // Copied only when it is among the first so far.
            if at < TOP_FINDINGS {
                group.truncate(TOP_FINDINGS - 1);
                group.insert(
                    at,
                    Candidate {
                        path: plan.path.as_str().into(),
                        points_lost: plan.points_lost,
                        input,
                        position,
                        finding: finding.clone(),
                    },
                );
            }
        }
    }

    fn finish(self, rules: &RuleSet, parts_kind: &'static str) -> io::Result<Audit> {
        if let Some(error) = self.spill_error {
            return Err(error);
        }
        let parts = self.spill.finish()?;
        let across_plans_severity = rules
            .get("overbooked-across-plans")
            .and_then(|rule| rule.severity);
        let mut plans = self.plans;
        // The order is total (the input index is unique): an unstable sort
        // gives the same order without a copy of the summaries.
        plans.sort_unstable_by(|a, b| a.order().cmp(&b.order()));
        let booked_in_several_plans: BTreeSet<&str> = self
            .people
            .iter()
            .filter(|(_, person)| person.booked_in_several_plans)
            .map(|(name, _)| &**name)
            .collect();
        let mut overbooked = match across_plans_severity {
            Some(_) => overbooked(&plans, &booked_in_several_plans, &parts)?,
            None => Vec::new(),
        };
        for booking in &mut overbooked {
            booking.message = rules
                .render_unattached("overbooked-across-plans", booking.hit(), "")
                .map(|finding| finding.message)
                .unwrap_or_default();
        }
        let mut counts = self.counts;
        let mut by_rule = self.by_rule;
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
        // The names move into the rollup, not copied: one per person
        // named in any plan; its room is taken once.
        let owners = self.people.values().filter(|person| person.findings > 0);
        let mut by_owner: Vec<(String, usize)> = Vec::with_capacity(owners.count());
        by_owner.extend(
            self.people
                .into_iter()
                .filter(|(_, person)| person.findings > 0)
                .map(|(name, person)| (name.into_string(), person.findings)),
        );
        // Names are unique: the unstable sort gives the same order, in place.
        by_owner.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let top_findings = top_findings(self.worst, &by_rule);
        let mut quarters = self.quarters;
        for (quarter, count) in self.findings_by_quarter {
            if let Some(rollup) = quarters.get_mut(&quarter) {
                rollup.findings = count;
            }
        }
        Ok(Audit {
            files: plans.len(),
            counts,
            tactics: self.tactics,
            random_acts: self.random_acts,
            plans,
            by_rule,
            by_owner,
            by_quarter: quarters.into_values().collect(),
            overbooked_across_plans: overbooked,
            top_findings,
            parts,
            parts_kind,
        })
    }
}

/// `overbooked-across-plans`: the bookings and declared capacities of the
/// people booked in several plans, read back from the spill in the
/// report's order of plans (which decides, of equal capacities, the plan
/// that declares it).
fn overbooked(
    plans: &[PlanSummary],
    booked_in_several_plans: &BTreeSet<&str>,
    parts: &Spilled,
) -> io::Result<Vec<CrossPlanBooking>> {
    if booked_in_several_plans.is_empty() {
        return Ok(Vec::new());
    }
    let mut capacity: BTreeMap<&str, (Rational, &str, usize)> = BTreeMap::new();
    let mut booked: BTreeMap<(&str, Quarter), across_plans::QuarterBookings> = BTreeMap::new();
    for plan in plans.iter().filter(|plan| !plan.across_plans.is_empty()) {
        let facts = across_plans::PlanBookings::decode(&parts.read(plan.across_plans)?)
            .ok_or_else(|| io::Error::other("the audit's temporary file was changed under it"))?;
        for (name, declared) in facts.people {
            let Some(&person) = booked_in_several_plans.get(name.as_str()) else {
                continue;
            };
            let entry =
                capacity
                    .entry(person)
                    .or_insert((declared.capacity, &plan.path, declared.line));
            if declared.capacity > entry.0 {
                *entry = (declared.capacity, &plan.path, declared.line);
            }
        }
        for booking in facts.bookings {
            let Some(&person) = booked_in_several_plans.get(booking.person.as_str()) else {
                continue;
            };
            booked
                .entry((person, booking.quarter))
                .or_insert_with(|| {
                    across_plans::QuarterBookings::new(across_plans::LISTED_CONTRIBUTIONS)
                })
                .add(
                    &plan.path,
                    across_plans::Contribution {
                        plan: plan.path.to_string(),
                        tactic: booking.tactic,
                        line: booking.line,
                        effort: booking.effort,
                    },
                );
        }
    }
    Ok(across_plans::over_capacity(&capacity, booked))
}

/// The report's top findings: worst first, by severity, then by impact
/// (the rules that fire most across the plans), so the report's groups
/// come in that order; then by rule, plan and line.
fn top_findings(
    worst: BTreeMap<String, BTreeMap<Severity, Vec<Candidate>>>,
    by_rule: &[RuleRollup],
) -> Vec<(String, FindingLine)> {
    let impact = |rule: &str| {
        by_rule
            .iter()
            .find(|rollup| rollup.rule == rule)
            .map_or(0, |rollup| rollup.findings)
    };
    let mut candidates: Vec<Candidate> = worst
        .into_values()
        .flat_map(BTreeMap::into_values)
        .flatten()
        .collect();
    candidates.sort_by(|a, b| {
        b.finding
            .severity
            .cmp(&a.finding.severity)
            .then_with(|| impact(&b.finding.rule).cmp(&impact(&a.finding.rule)))
            .then_with(|| a.finding.rule.cmp(&b.finding.rule))
            .then_with(|| a.order().cmp(&b.order()))
    });
    candidates.truncate(TOP_FINDINGS);
    candidates
        .into_iter()
        .map(|candidate| (candidate.path.into_string(), candidate.finding))
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

/// The whole audit, ready to render: the totals and rollups in memory, each
/// plan's part of the report in the spill.
#[derive(Debug)]
pub struct Audit {
    pub files: usize,
    pub counts: SeverityCounts,
    pub tactics: usize,
    pub random_acts: RandomActs,
    /// Worst score first.
    pub plans: Vec<PlanSummary>,
    pub by_rule: Vec<RuleRollup>,
    pub by_owner: Vec<(String, usize)>,
    pub by_quarter: Vec<QuarterRollup>,
    pub overbooked_across_plans: Vec<CrossPlanBooking>,
    pub top_findings: Vec<(String, FindingLine)>,
    parts: Spilled,
    parts_kind: &'static str,
}

impl Audit {
    /// What the report writes of a plan, as the [`Auditor`]'s `part_of` made it.
    pub fn part(&self, plan: &PlanSummary) -> io::Result<String> {
        String::from_utf8(self.parts.read(plan.part)?).map_err(io::Error::other)
    }

    /// What its parts were made for (see [`Auditor::new`]).
    pub fn parts_kind(&self) -> &'static str {
        self.parts_kind
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn facts_of_plans() -> Vec<PlanFacts> {
        let rules = RuleSet::builtin();
        let options = LintOptions {
            today: Date::parse("2027-01-15").expect("a valid date"),
        };
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        [
            "examples/activity-list-2027.plan",
            "examples/fy27-emea-demand-gen.plan",
            "fixtures/overbooked-across-plans/flagged/emea.plan",
            "fixtures/overbooked-across-plans/flagged/partners.plan",
        ]
        .iter()
        .map(|path| facts_of(&Input::File(root.join(path)), &rules, &options))
        .collect()
    }

    /// The JSON report of `plans` added in this order (every number of the
    /// audit and every plan's part, in the report's order).
    fn report(plans: &[PlanFacts], order: &[usize]) -> String {
        use crate::report::audit::{auditor, render, AuditFormat};
        let auditor = auditor(AuditFormat::Json).unwrap();
        for &index in order {
            auditor.add(index, plans[index].clone());
        }
        let audit = auditor.finish(&RuleSet::builtin()).unwrap();
        render(AuditFormat::Json, &audit).unwrap()
    }

    #[test]
    fn a_plan_leaves_a_small_summary_in_memory_and_its_part_in_the_spill() {
        let plans = facts_of_plans();
        let activity_list = &plans[0];
        assert!(activity_list.top_findings.len() >= 5 && !activity_list.bookings.is_empty());
        let part = serde_json::to_string(activity_list).unwrap();
        let auditor = Auditor::new(
            "test",
            Box::new(|plan| serde_json::to_string(plan).unwrap()),
        )
        .unwrap();
        auditor.add(0, activity_list.clone());
        // Written when the plan is added, not when the report is.
        let across_plans = across_plans::PlanBookings::encode(activity_list);
        assert_eq!(auditor.spilled(), (part.len() + across_plans.len()) as u64);
        let tally = auditor.tally();
        let summary = &tally.plans[0];
        assert!(std::mem::size_of::<PlanSummary>() <= 160);
        assert!(
            summary.bytes() <= 300,
            "{} bytes kept of a plan whose part is {} bytes",
            summary.bytes(),
            part.len()
        );
        assert!(part.len() > 10 * summary.bytes());
    }

    #[test]
    fn the_audit_does_not_depend_on_the_order_plans_are_linted_in() {
        let plans = facts_of_plans();
        let in_order = report(&plans, &[0, 1, 2, 3]);
        assert!(in_order.contains("\"person\": \"maria\""));
        for order in [[3, 2, 1, 0], [2, 0, 3, 1], [1, 3, 0, 2]] {
            assert_eq!(
                report(&plans, &order),
                in_order,
                "added in the order {order:?}"
            );
        }
    }

    #[test]
    fn the_top_findings_are_those_of_all_findings_sorted_whole() {
        // Twenty plans with the same findings: the top findings are cut
        // from 20 x 20 candidates, and ties go to the path, then the line.
        let plans = facts_of_plans();
        let mut many = Vec::new();
        for copy in 0..20 {
            let mut plan = plans[0].clone();
            plan.path = format!("plan-{:02}.plan", 19 - copy);
            many.push(plan);
        }
        let auditor = Auditor::new("test", Box::new(|_| String::new())).unwrap();
        for (index, plan) in many.iter().enumerate() {
            auditor.add(index, plan.clone());
        }
        let audit = auditor.finish(&RuleSet::builtin()).unwrap();
        let mut all: Vec<(String, FindingLine)> = many
            .iter()
            .flat_map(|plan| {
                plan.top_findings
                    .iter()
                    .map(|finding| (plan.path.clone(), finding.clone()))
            })
            .collect();
        let impact = |rule: &str| {
            audit
                .by_rule
                .iter()
                .find(|rollup| rollup.rule == rule)
                .map_or(0, |rollup| rollup.findings)
        };
        all.sort_by(|a, b| {
            b.1.severity
                .cmp(&a.1.severity)
                .then_with(|| impact(&b.1.rule).cmp(&impact(&a.1.rule)))
                .then_with(|| a.1.rule.cmp(&b.1.rule))
                .then_with(|| a.0.cmp(&b.0))
                .then_with(|| a.1.line.cmp(&b.1.line))
        });
        all.truncate(TOP_FINDINGS);
        assert_eq!(audit.top_findings, all);
        assert_eq!(audit.plans[0].path.as_ref(), "plan-00.plan");
    }

    #[test]
    fn findings_count_in_a_quarter_whichever_plan_schedules_work_there() {
        let q1 = Quarter {
            year: 2027,
            number: 1,
        };
        let plan = |path: &str| facts::unparsed(&crate::source::SourceFile::new(path, ""), &[]);
        // The worst plan has findings about Q1 tactics but schedules no
        // effort; the other schedules Q1 work. Added in both orders, Q1's
        // row counts the findings (the report once dropped those of plans
        // ordered before the first plan that made the quarter's row).
        let mut without_effort = plan("a.plan");
        without_effort.by_quarter.insert(q1, 3);
        without_effort.points_lost = 30;
        let mut with_effort = plan("b.plan");
        with_effort.load.insert(q1, Rational::integer(10));
        with_effort.by_quarter.insert(q1, 1);
        for order in [[0, 1], [1, 0]] {
            let auditor = Auditor::new("test", Box::new(|_| String::new())).unwrap();
            let plans = [without_effort.clone(), with_effort.clone()];
            for index in order {
                auditor.add(index, plans[index].clone());
            }
            let audit = auditor.finish(&RuleSet::builtin()).unwrap();
            assert_eq!(audit.plans[0].path.as_ref(), "a.plan");
            assert_eq!(audit.by_quarter.len(), 1);
            assert_eq!(
                audit.by_quarter[0].findings, 4,
                "added in the order {order:?}"
            );
        }
    }
}
