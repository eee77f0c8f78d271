//! What the audit keeps of one plan: counts, loads and a few findings with
//! their source lines, extracted while the plan is in memory and small
//! enough that thousands of plans fit (the plans themselves are dropped).

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::diagnostics::{Finding, Severity};
use crate::model::schedule::Schedule;
use crate::model::{BlockIndex, BlockKind, Plan, Quarter, QuarterRange, Rational, Value};
use crate::source::SourceFile;

/// How many findings of each plan the audit keeps, worst first.
pub const TOP_FINDINGS_PER_PLAN: usize = 20;

#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct SeverityCounts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl SeverityCounts {
    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    pub fn merge(&mut self, other: SeverityCounts) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
    }
}

/// Tactics that are random acts of marketing, by symptom. A tactic with
/// several symptoms counts once in `any`.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct RandomActs {
    /// `unaligned-tactic`: serves no objective.
    pub unaligned: usize,
    /// `missing-kpi` on a tactic: not measured.
    pub unmeasured: usize,
    /// `unowned-tactic`: nobody is accountable.
    pub unowned: usize,
    pub any: usize,
}

/// One finding as the report shows it: where, what, and the line itself.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FindingLine {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub line: usize,
    pub column: usize,
    /// The plan's line the finding points at, as written.
    pub source_line: String,
    /// For a plan imported from a spreadsheet (`audit --import`), the cell
    /// the line was made from: `sheet` (null for CSV), `row`, `column`
    /// (letters) and `header`; null for plan files.
    pub cell: Option<crate::import::CellPlace>,
}

/// Effort one person owns in one quarter through one tactic.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Booking {
    pub person: String,
    pub quarter: Quarter,
    pub effort: Rational,
    pub tactic: String,
    pub line: usize,
}

/// A member or partner and the capacity their team declares for them.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Declared {
    pub capacity: Rational,
    pub line: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanFacts {
    pub path: String,
    pub title: Option<String>,
    pub owner: Option<String>,
    /// False when the plan could not be read or parsed: only its finding counts.
    pub parsed: bool,
    pub tactics: usize,
    pub random_acts: RandomActs,
    pub counts: SeverityCounts,
    pub by_rule: BTreeMap<String, usize>,
    /// Findings about blocks, by the owner of the block (or of the plan).
    pub by_owner: BTreeMap<String, usize>,
    /// Findings about tactics (and their KPIs), by the tactic's first quarter.
    pub by_quarter: BTreeMap<Quarter, usize>,
    /// Effort scheduled per quarter (each tactic's effort spread over its `when`).
    pub load: BTreeMap<Quarter, Rational>,
    /// The team's capacity per quarter, when the team states one.
    pub capacity: Option<Rational>,
    /// The plan's `period`, when valid: the quarters its capacity counts for.
    pub period: Option<QuarterRange>,
    pub bookings: Vec<Booking>,
    pub people: BTreeMap<String, Declared>,
    /// The worst findings, at most [`TOP_FINDINGS_PER_PLAN`].
    pub top_findings: Vec<FindingLine>,
    pub score: u32,
    /// The points the findings cost before the floor at 0: orders plans
    /// that all score 0 (worst first).
    pub points_lost: usize,
}

/// The points a plan's findings cost: 10 per error, 3 per warning, 1 per info.
pub fn points_lost(counts: SeverityCounts) -> usize {
    10 * counts.errors + 3 * counts.warnings + counts.infos
}

/// The documented score: a plan starts at 100 and loses 10 points per
/// error, 3 per warning and 1 per info, down to 0.
pub fn score(counts: SeverityCounts) -> u32 {
    100u32.saturating_sub(points_lost(counts).min(100) as u32)
}

fn finding_line(source: &SourceFile, finding: &Finding) -> FindingLine {
    let at = source.line_column(finding.primary.span.start);
    FindingLine {
        rule: finding.rule.clone(),
        severity: finding.severity,
        message: finding.message.clone(),
        line: at.line,
        column: at.column,
        source_line: source
            .line_text(at.line)
            .trim_end()
            .chars()
            .take(200)
            .collect(),
        cell: None,
    }
}

/// Facts of a file that did not parse (or could not be read).
pub fn unparsed(source: &SourceFile, findings: &[Finding]) -> PlanFacts {
    let mut facts = empty(source.path.clone());
    count_findings(&mut facts, source, findings);
    facts
}

fn empty(path: String) -> PlanFacts {
    PlanFacts {
        path,
        title: None,
        owner: None,
        parsed: false,
        tactics: 0,
        random_acts: RandomActs::default(),
        counts: SeverityCounts::default(),
        by_rule: BTreeMap::new(),
        by_owner: BTreeMap::new(),
        by_quarter: BTreeMap::new(),
        load: BTreeMap::new(),
        capacity: None,
        period: None,
        bookings: Vec::new(),
        people: BTreeMap::new(),
        top_findings: Vec::new(),
        score: 100,
        points_lost: 0,
    }
}

fn count_findings(facts: &mut PlanFacts, source: &SourceFile, findings: &[Finding]) {
    for finding in findings {
        facts.counts.add(finding.severity);
        *facts.by_rule.entry(finding.rule.clone()).or_insert(0) += 1;
    }
    let mut worst: Vec<&Finding> = findings.iter().collect();
    worst.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(a.primary.span.start.cmp(&b.primary.span.start))
    });
    facts.top_findings = worst
        .into_iter()
        .take(TOP_FINDINGS_PER_PLAN)
        .map(|finding| finding_line(source, finding))
        .collect();
    facts.score = score(facts.counts);
    facts.points_lost = points_lost(facts.counts);
}

fn person_of(plan: &Plan<'_>, index: BlockIndex) -> Option<String> {
    match plan.block(index).value("owner")? {
        Value::Person(person) => Some(person.name.to_string()),
        _ => None,
    }
}

/// The owner a finding about this block is charged to: the block's own
/// owner, else its parent's (a KPI's tactic), else the plan's.
fn accountable(plan: &Plan<'_>, index: BlockIndex) -> Option<String> {
    let mut current = Some(index);
    while let Some(block) = current {
        if let Some(owner) = person_of(plan, block) {
            return Some(owner);
        }
        current = plan.block(block).parent;
    }
    None
}

/// The ids of the tactics whose headers a finding labels (one lookup per
/// tactic: a plan without objectives labels every tactic, and comparing
/// each tactic with each label grew with the square of the plan).
fn labelled_tactics<'src>(plan: &Plan<'src>, finding: &Finding) -> Vec<&'src str> {
    let labelled: HashSet<_> = finding.secondary.iter().map(|label| label.span).collect();
    plan.blocks_of(BlockKind::Tactic)
        .filter(|(_, tactic)| labelled.contains(&tactic.header))
        .filter_map(|(_, tactic)| tactic.id)
        .collect()
}

/// Extracts the facts of a parsed plan and its findings.
pub fn of_plan(source: &SourceFile, plan: &Plan<'_>, findings: &[Finding]) -> PlanFacts {
    let mut facts = empty(source.path.clone());
    facts.parsed = true;
    facts.title = plan.plan().title.as_deref().map(str::to_string);
    facts.owner = person_of(plan, crate::model::PLAN);
    facts.period = plan.plan().quarter_range("period");
    count_findings(&mut facts, source, findings);

    // Random acts, from the findings (so configuration and suppressions count).
    let mut symptoms: BTreeMap<&str, [bool; 3]> = BTreeMap::new();
    for finding in findings {
        let Some(block) = &finding.block else {
            continue;
        };
        if block.kind == "plan" && finding.rule == "unaligned-tactic" {
            // A plan without objectives: one finding, the tactics it is
            // about labelled at their headers.
            for tactic in labelled_tactics(plan, finding) {
                symptoms.entry(tactic).or_default()[0] = true;
            }
            continue;
        }
        if block.kind != "tactic" {
            continue;
        }
        let Some(id) = block.id.as_deref() else {
            continue;
        };
        let slot = match finding.rule.as_str() {
            "unaligned-tactic" => 0,
            "missing-kpi" => 1,
            "unowned-tactic" => 2,
            _ => continue,
        };
        symptoms.entry(id).or_default()[slot] = true;
    }
    for flags in symptoms.values() {
        facts.random_acts.unaligned += usize::from(flags[0]);
        facts.random_acts.unmeasured += usize::from(flags[1]);
        facts.random_acts.unowned += usize::from(flags[2]);
        facts.random_acts.any += usize::from(flags.iter().any(|&flag| flag));
    }
    facts.tactics = plan.blocks_of(BlockKind::Tactic).count();

    // Findings by owner and by quarter, through the block they concern
    // (looked up by kind and id once, not by a scan per finding).
    let mut by_ref: HashMap<(&str, Option<&str>), BlockIndex> = HashMap::new();
    for (index, block) in plan.blocks.iter().enumerate() {
        by_ref
            .entry((block.kind.keyword(), block.id))
            .or_insert(index);
    }
    for finding in findings {
        let Some(block) = &finding.block else {
            continue;
        };
        let Some(&index) = by_ref.get(&(block.kind.as_str(), block.id.as_deref())) else {
            continue;
        };
        let owner = accountable(plan, index).unwrap_or_else(|| "(no owner)".to_string());
        *facts.by_owner.entry(owner).or_insert(0) += 1;
        if let Some(tactic) = plan.enclosing(index, BlockKind::Tactic) {
            if let Some(range) = plan.block(tactic).quarter_range("when") {
                *facts.by_quarter.entry(range.first).or_insert(0) += 1;
            }
        }
    }

    // Load per quarter and per person, and declared capacities.
    let schedule = Schedule::of_plan(plan, crate::model::schedule::EVERY_SHARE);
    for (quarter, load) in schedule.quarters() {
        facts.load.insert(quarter, load.total);
        for share in load.shares.kept() {
            if let Some(person) = person_of(plan, share.tactic) {
                facts.bookings.push(Booking {
                    person,
                    quarter,
                    effort: share.share,
                    tactic: share.tactic_id.to_string(),
                    line: source.line(plan.block(share.tactic).keyword.start),
                });
            }
        }
    }
    let mut capacity = Rational::ZERO;
    let mut stated = false;
    let mut invalid = false;
    // Each person once, as the capacity rules count them.
    for (_, block) in plan.people() {
        match block.value("capacity") {
            Some(Value::Effort(effort)) => {
                capacity = capacity.saturating_add(effort.person_days);
                stated = true;
                if let Some(name) = block.id {
                    facts.people.entry(name.to_string()).or_insert(Declared {
                        capacity: effort.person_days,
                        line: source.line(block.keyword.start),
                    });
                }
            }
            Some(_) => invalid = true,
            None => {}
        }
    }
    if stated && !invalid {
        facts.capacity = Some(capacity);
    }
    facts
}
