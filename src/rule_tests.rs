//! The rule author's harness behind `planlint test` and the project's own
//! fixture and rule-doc tests, so that all of them judge the same way.
//!
//! - A plan is linted with its configuration's rules and compared, line by
//!   line, with its `# expect:` comments ([`crate::expectations`]).
//! - Every rule's own docs are tested: its `bad` example must make it fire
//!   and its `good` example must not, so the examples `planlint explain`
//!   prints can never lie. Examples are linted with every rule at its
//!   defaults and with `require-reason` on (so that
//!   `suppression-without-reason` can show itself) and preview rules on. The `bad` example of
//!   `unreadable-file` cannot be written as text and is not tested; audit
//!   rules (check kind `across-plans`) need several plans, so their examples
//!   are tested by `planlint audit`'s own tests, not here.
//! - Coverage: a rule that no plan and no example makes fire is untested,
//!   except `unreadable-file`, which no plan written as text can trigger.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use crate::config::Config;
use crate::diagnostics::FileReport;
use crate::expectations::{self, Difference};
use crate::files::Input;
use crate::lint::{lint_bytes, lint_input};
use crate::rules::{builtin_files, LintOptions, RuleFile, RuleSet};
use crate::text::count;

/// Rules whose `bad` example cannot be linted: it is a description, not a plan.
pub const UNTESTABLE_BAD_EXAMPLES: &[&str] = &["unreadable-file"];

/// Whether a rule looks across plans (`planlint audit` only): one plan
/// cannot make it fire.
pub fn runs_across_plans(file: &RuleFile) -> bool {
    file.check_kind() == Some("across-plans")
}

/// A plan's report and how it differs from its `# expect:` comments.
#[derive(Debug)]
pub struct PlanOutcome {
    pub report: FileReport,
    pub differences: Vec<Difference>,
}

impl PlanOutcome {
    /// `path:line: expected X, not reported`, one line per difference.
    pub fn lines(&self) -> Vec<String> {
        self.differences
            .iter()
            .map(|difference| format!("{}:{difference}", self.report.source.path))
            .collect()
    }
}

/// Lints one plan and compares it with its expectations.
pub fn test_plan(input: &Input, rules: &RuleSet, options: &LintOptions) -> PlanOutcome {
    let report = lint_input(input, rules, options);
    let differences = expectations::compare(&report);
    PlanOutcome {
        report,
        differences,
    }
}

/// A rule whose docs do not hold.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DocProblem {
    pub rule: String,
    pub problem: String,
}

/// What testing the rules' docs found.
#[derive(Debug, Default)]
pub struct DocOutcome {
    pub problems: Vec<DocProblem>,
    /// The rules some `bad` example makes fire.
    pub fired: BTreeSet<String>,
    /// How many rules' examples were tested.
    pub rules: usize,
    /// The rules whose examples cannot be tested on one plan.
    pub skipped: Vec<String>,
}

/// The rules examples are linted with: every rule at its defaults, and
/// suppressions required to give a reason.
pub fn example_rule_set(custom: Vec<RuleFile>) -> Result<RuleSet, String> {
    let mut rules =
        RuleSet::new(builtin_files(), custom, &BTreeMap::new()).map_err(|error| error.message)?;
    rules.set_require_reason(true);
    // A preview rule's examples are its docs too.
    rules.enable_preview();
    Ok(rules)
}

/// Tests the `bad` and `good` examples of every rule in `rules`.
pub fn test_rule_docs(rules: &RuleSet, options: &LintOptions) -> DocOutcome {
    let mut outcome = DocOutcome::default();
    for rule in rules.rules() {
        let id = rule.id();
        if runs_across_plans(&rule.file) {
            outcome.skipped.push(id.to_string());
            continue;
        }
        outcome.rules += 1;
        let docs = rule.file.docs();
        let fires = |example: &str, which: &str| {
            lint_bytes(
                format!("{id} ({which} example)"),
                Ok(example.as_bytes().to_vec()),
                rules,
                options,
            )
            .findings
            .iter()
            .any(|finding| finding.rule == id)
        };
        if !UNTESTABLE_BAD_EXAMPLES.contains(&id) {
            if fires(&docs.bad, "bad") {
                outcome.fired.insert(id.to_string());
            } else {
                outcome.problems.push(DocProblem {
                    rule: id.to_string(),
                    problem: format!("its `bad` example does not make {id} fire"),
                });
            }
        }
        if fires(&docs.good, "good") {
            outcome.problems.push(DocProblem {
                rule: id.to_string(),
                problem: format!("its `good` example makes {id} fire"),
            });
        }
    }
    outcome
}

/// What `planlint test` found: one line per failure.
#[derive(Debug, Default)]
pub struct TestRun {
    pub failures: Vec<String>,
    pub plans: usize,
    pub rules: usize,
    /// Rules that one plan cannot make fire (audit rules).
    pub skipped: BTreeSet<String>,
}

/// `planlint test`: each plan against its expectations, then the examples
/// of every rule of the configurations used (built-in ones once, custom
/// ones with their configuration), then, with `coverage`, every rule that
/// nothing made fire.
pub fn test_run(
    plans: &[(Input, Rc<Config>)],
    configs: &[Rc<Config>],
    options: &LintOptions,
    coverage: bool,
) -> Result<TestRun, String> {
    let mut failures = Vec::new();
    let mut fired = BTreeSet::new();
    for (input, config) in plans {
        let outcome = test_plan(input, &config.rules, options);
        fired.extend(
            outcome
                .report
                .findings
                .iter()
                .map(|finding| finding.rule.clone()),
        );
        failures.extend(outcome.lines());
    }
    let mut tested = BTreeSet::new();
    let mut skipped = BTreeSet::new();
    let mut doc_failures = BTreeSet::new();
    for config in configs {
        let rules = example_rule_set(config.custom_files.clone())?;
        let outcome = test_rule_docs(&rules, options);
        fired.extend(outcome.fired);
        skipped.extend(outcome.skipped);
        for problem in outcome.problems {
            let place = match config.custom_rules.get(&problem.rule) {
                Some(file) => file.clone(),
                None => format!("built-in rule {}", problem.rule),
            };
            doc_failures.insert(format!("{place}: {}", problem.problem));
        }
        tested.extend(
            config
                .rules
                .rules()
                .iter()
                .filter(|rule| !runs_across_plans(&rule.file))
                .map(|rule| rule.id().to_string()),
        );
    }
    failures.extend(doc_failures);
    if coverage {
        // A rule that only a file that cannot be read triggers
        // (`unreadable-file`) cannot be covered by plans written as text:
        // requiring it would fail every repository of custom rules.
        failures.extend(
            tested
                .iter()
                .filter(|id| !fired.contains(*id))
                .filter(|id| !UNTESTABLE_BAD_EXAMPLES.contains(&id.as_str()))
                .map(|id| format!("coverage: no plan and no example makes {id} fire")),
        );
    }
    Ok(TestRun {
        failures,
        plans: plans.len(),
        rules: tested.len(),
        skipped,
    })
}

impl TestRun {
    /// The failures, a note on what cannot be tested, and a summary line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for line in &self.failures {
            out.push_str(line);
            out.push('\n');
        }
        out.push_str(&format!(
            "note: the `bad` example of {} cannot be written as text, so it is not tested.\n",
            UNTESTABLE_BAD_EXAMPLES.join(", ")
        ));
        if !self.skipped.is_empty() {
            let names: Vec<&str> = self.skipped.iter().map(String::as_str).collect();
            out.push_str(&format!(
                "note: {} looks across plans (`planlint audit`), so one plan cannot test it.\n",
                names.join(", ")
            ));
        }
        let checked = format!(
            "Checked {} and the examples of {}",
            count(self.plans, "plan", "plans"),
            count(self.rules, "rule", "rules")
        );
        if self.failures.is_empty() {
            out.push_str(&format!("{checked}: everything as expected.\n"));
        } else {
            out.push_str(&format!(
                "{checked}: {}.\n",
                count(self.failures.len(), "difference", "differences")
            ));
        }
        out
    }
}
