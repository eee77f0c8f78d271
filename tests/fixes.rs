//! `check --fix`, `--diff`, `--unsafe-fixes`, `--show-fixes` on a real
//! plan: the activity list of the shared examples with mistakes a fix can
//! undo added to it. Fixing must give back the original, byte for byte,
//! which then reports exactly what its `# expect:` comments say.

mod common;

use common::{crate_dir, planlint, planlint_with_stdin, write};
use planlint::expectations;
use planlint::files::Input;
use planlint::lint::lint_input;
use planlint::rules::RuleSet;

fn original() -> String {
    std::fs::read_to_string(crate_dir().join("examples/activity-list-2027.plan")).unwrap()
}

/// The original with misspelt keys and a quarter without its year: every
/// one has a safe fix that gives back the original line.
fn with_mistakes(original: &str) -> String {
    let mut lines: Vec<String> = original.lines().map(str::to_string).collect();
    for (line, from, to) in [
        (17, "owner:", "ownr:"),
        (29, "audience:", "audiance:"),
        (48, "when: 2027-Q2", "when: Q2"),
        (54, "owner:", "owmer:"),
    ] {
        let text = &mut lines[line - 1];
        assert!(text.contains(from), "line {line}: {text}");
        *text = text.replacen(from, to, 1);
    }
    lines.join("\n") + "\n"
}

#[test]
fn diff_shows_the_safe_fixes_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let broken = with_mistakes(&original());
    write(dir.path(), "plan.plan", &broken);
    let run = planlint(dir.path(), &["check", "--diff", "plan.plan"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    for change in [
        "-    ownr: @kim",
        "+    owner: @kim",
        "-    when: Q2",
        "+    when: 2027-Q2",
    ] {
        assert!(run.stdout.contains(change), "{change}:\n{}", run.stdout);
    }
    assert!(
        run.stderr.contains("4 problems would be fixed"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("plan.plan")).unwrap(),
        broken
    );
}

#[test]
fn fix_applies_exactly_the_safe_fixes_and_the_result_relints_as_expected() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "plan.plan", &with_mistakes(&original()));
    let run = planlint(
        dir.path(),
        &[
            "check",
            "--fix",
            "--show-fixes",
            "--format",
            "compact",
            "plan.plan",
        ],
    );
    assert_eq!(run.status, 1, "the plan's random acts of marketing remain");
    assert!(
        run.stderr.contains("Fixed 4 problems in 1 file."),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("3 × unknown-attribute"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("1 × invalid-value"), "{}", run.stderr);
    let fixed = std::fs::read_to_string(dir.path().join("plan.plan")).unwrap();
    assert_eq!(fixed, original(), "fixing gives back the original");
    let report = lint_input(
        &Input::File(dir.path().join("plan.plan")),
        &RuleSet::builtin(),
        &common::lint_options(),
    );
    assert!(expectations::compare(&report).is_empty());
}

#[test]
fn unsafe_fixes_need_consent() {
    let plan = "plan \"P\" {\n  owner: @ana\n  challenge: \"Churn\"\n  # planlint: allow(missing-kpii) -- measured by finance\n  objective o \"O\" { owner: @ana }\n}\n";
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "p.plan", plan);
    let safe = planlint(dir.path(), &["check", "--fix", "p.plan"]);
    assert_ne!(safe.status, 2, "{}", safe.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("p.plan")).unwrap(),
        plan,
        "renaming a misspelt rule is unsafe: it changes what is silenced"
    );
    let unsafe_run = planlint(dir.path(), &["check", "--fix", "--unsafe-fixes", "p.plan"]);
    assert_ne!(unsafe_run.status, 2, "{}", unsafe_run.stderr);
    assert!(std::fs::read_to_string(dir.path().join("p.plan"))
        .unwrap()
        .contains("allow(missing-kpi) -- measured"));
}

#[test]
fn an_unused_suppression_is_removed() {
    let plan = "plan \"P\" {\n  owner: @ana\n  challenge: \"Churn\"\n  # planlint: allow(unowned-plan) -- it had no owner once\n  strategy s \"S\"\n  objective o \"O\" { owner: @ana  supports: s   # planlint: allow(missing-kpi, unowned-objective) -- kpi by finance\n  }\n}\n";
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "p.plan", plan);
    let run = planlint(dir.path(), &["check", "--fix", "p.plan"]);
    assert_ne!(run.status, 2, "{}", run.stderr);
    let fixed = std::fs::read_to_string(dir.path().join("p.plan")).unwrap();
    assert!(!fixed.contains("allow(unowned-plan)"), "{fixed}");
    assert!(
        fixed.contains("# planlint: allow(missing-kpi) -- kpi by finance"),
        "{fixed}"
    );
    assert_eq!(fixed.lines().count(), plan.lines().count() - 1, "{fixed}");
}

#[test]
fn a_plan_that_does_not_parse_is_not_touched_and_stdin_is_printed_back_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let broken = "plan \"P\" {\n  ownr: @ana\n  tactic a {\n}\n";
    write(dir.path(), "p.plan", broken);
    planlint(dir.path(), &["check", "--fix", "p.plan"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("p.plan")).unwrap(),
        broken
    );
    let run = planlint_with_stdin(
        dir.path(),
        &["check", "--fix", "-"],
        b"plan \"P\" {\n  ownr: @ana\n  challenge: \"Churn\"\n}\n",
    );
    assert_eq!(
        run.stdout,
        "plan \"P\" {\n  owner: @ana\n  challenge: \"Churn\"\n}\n"
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
}

#[test]
fn a_misspelt_reference_is_an_unsafe_fix() {
    let plan = "plan \"P\" {\n  owner: @ana\n  challenge: \"Churn\"\n  team { member @ana { capacity: 20d } }\n  strategy s \"S\"\n  objective pipeline \"Pipeline\" { owner: @ana  supports: s }\n  tactic t \"T\" { owner: @anna  supports: pipline }\n}\n";
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "p.plan", plan);
    planlint(dir.path(), &["check", "--fix", "p.plan"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("p.plan")).unwrap(),
        plan,
        "naming another block changes the plan: not a safe fix"
    );
    let run = planlint(dir.path(), &["check", "--fix", "--unsafe-fixes", "p.plan"]);
    assert_ne!(run.status, 2, "{}", run.stderr);
    let fixed = std::fs::read_to_string(dir.path().join("p.plan")).unwrap();
    assert!(
        fixed.contains("owner: @ana  supports: pipeline }"),
        "{fixed}"
    );
}
