//! The judgment suite (`judgment/`, see its README): would a marketing
//! leader agree with planlint's findings on plans it was not written for?
//!
//! - `judgment/good/`: plans a good marketing team would write. Any finding
//!   there is a false alarm, and fails this test.
//! - `judgment/real/`: public, real marketing plans written into the
//!   language. Every finding carries a verdict in the plan: it is listed in
//!   the line's `# expect:` comment (so the report must be exactly those),
//!   and one that is not right is qualified by a `# debatable: RULE -- why`
//!   or `# wrong: RULE -- why` comment on a line of its own just above.
//!   The precision (right findings over all findings) must stay at least
//!   85%, and the counts in `judgment/README.md` must be the measured ones.

mod common;

use std::path::{Path, PathBuf};

use common::lint_options;
use planlint::files::Input;
use planlint::lint::lint_input;
use planlint::rule_tests;
use planlint::rules::RuleSet;

const MINIMUM_PRECISION_PERCENT: usize = 85;

fn plans_in(dir: &str) -> Vec<PathBuf> {
    let mut plans: Vec<PathBuf> = std::fs::read_dir(Path::new("judgment").join(dir))
        .unwrap_or_else(|error| panic!("judgment/{dir}: {error}"))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "plan"))
        .collect();
    plans.sort();
    plans
}

#[test]
fn good_plans_get_no_finding() {
    let rules = RuleSet::builtin();
    let plans = plans_in("good");
    assert!(plans.len() >= 3, "the suite has good plans: {plans:?}");
    for plan in plans {
        let report = lint_input(&Input::File(plan.clone()), &rules, &lint_options());
        let found: Vec<String> = report
            .findings
            .iter()
            .map(|finding| {
                let line = report.source.line(finding.primary.span.start);
                format!("  {line}: {} {}", finding.rule, finding.message)
            })
            .collect();
        assert!(
            found.is_empty(),
            "false alarms on {}:\n{}",
            plan.display(),
            found.join("\n")
        );
    }
}

/// A verdict other than "right" on one finding.
#[derive(Debug, PartialEq, Eq)]
struct Verdict {
    kind: &'static str,
    rule: String,
    /// The 1-based line of the finding it qualifies.
    line: usize,
}

/// The `# debatable: RULE -- why` and `# wrong: RULE -- why` comments of a
/// plan, each attached to the next line that is not a comment.
fn verdicts(text: &str) -> Vec<Verdict> {
    let lines: Vec<&str> = text.lines().collect();
    let mut verdicts = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let comment = line.trim_start();
        for kind in ["debatable", "wrong"] {
            let Some(rest) = comment
                .strip_prefix('#')
                .map(str::trim_start)
                .and_then(|rest| rest.strip_prefix(kind))
                .and_then(|rest| rest.strip_prefix(':'))
            else {
                continue;
            };
            let (rule, why) = rest.split_once("--").unwrap_or((rest, ""));
            assert!(
                !why.trim().is_empty(),
                "line {}: a verdict says why after `--`",
                index + 1
            );
            let target = lines[index + 1..]
                .iter()
                .position(|next| !next.trim_start().starts_with('#'))
                .map(|offset| index + 1 + offset + 1)
                .unwrap_or_else(|| panic!("line {}: no line after the verdict", index + 1));
            verdicts.push(Verdict {
                kind,
                rule: rule.trim().to_string(),
                line: target,
            });
        }
    }
    verdicts
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Counts {
    findings: usize,
    debatable: usize,
    wrong: usize,
}

impl Counts {
    fn right(&self) -> usize {
        self.findings - self.debatable - self.wrong
    }

    /// `**34 findings: 32 right, 2 debatable, 0 wrong; precision 94%**`.
    fn sentence(&self) -> String {
        format!(
            "**{} findings: {} right, {} debatable, {} wrong; precision {}%**",
            self.findings,
            self.right(),
            self.debatable,
            self.wrong,
            self.right() * 100 / self.findings
        )
    }
}

#[test]
fn real_plans_report_their_verdicts_and_precision_holds() {
    let rules = RuleSet::builtin();
    let plans = plans_in("real");
    assert!(plans.len() >= 3, "the suite has real plans: {plans:?}");
    let mut counts = Counts::default();
    for plan in plans {
        let outcome = rule_tests::test_plan(&Input::File(plan.clone()), &rules, &lint_options());
        assert!(
            outcome.differences.is_empty(),
            "{}: the findings are not those the verdicts name:\n{}",
            plan.display(),
            outcome.lines().join("\n")
        );
        let report = &outcome.report;
        for verdict in verdicts(&report.source.text) {
            let found = report.findings.iter().any(|finding| {
                finding.rule == verdict.rule
                    && report.source.line(finding.primary.span.start) == verdict.line
            });
            assert!(
                found,
                "{}: the `{}` verdict on line {} names no {} finding there",
                plan.display(),
                verdict.kind,
                verdict.line,
                verdict.rule
            );
            match verdict.kind {
                "debatable" => counts.debatable += 1,
                _ => counts.wrong += 1,
            }
        }
        counts.findings += report.findings.len();
    }
    assert!(counts.findings > 0);
    assert!(
        counts.right() * 100 >= MINIMUM_PRECISION_PERCENT * counts.findings,
        "precision below {MINIMUM_PRECISION_PERCENT}%: {}",
        counts.sentence()
    );
    let readme = std::fs::read_to_string("judgment/README.md").unwrap();
    assert!(
        readme.contains(&counts.sentence()),
        "judgment/README.md must state the measured counts: {}",
        counts.sentence()
    );
}

#[test]
fn verdicts_attach_to_the_next_line_that_is_not_a_comment() {
    let text = "plan \"P\" {\n  # debatable: missing-kpi -- why\n  # wrong: unowned-tactic -- why\n  tactic t {}\n}\n";
    assert_eq!(
        verdicts(text),
        [
            Verdict {
                kind: "debatable",
                rule: "missing-kpi".into(),
                line: 4
            },
            Verdict {
                kind: "wrong",
                rule: "unowned-tactic".into(),
                line: 4
            },
        ]
    );
}
