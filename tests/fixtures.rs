//! Every fixture plan under `fixtures/<rule-id>/` is linted with the rules
//! of its configuration (the built-in ones at their defaults, unless a
//! `.planlint.yaml` beside it says otherwise): its findings must be exactly
//! those its `# expect:` comments name (so a snapshot is never the only
//! oracle), and its rendered human report (no colour, width 80, relative
//! path) is snapshotted. The comparison is `planlint test`'s own
//! ([`planlint::rule_tests`]), so `planlint test fixtures/` agrees with this test.

mod common;

use std::path::{Path, PathBuf};

use common::lint_options;
use planlint::config::{ConfigFinder, Selection};
use planlint::files::Input;
use planlint::lint::lint_input;
use planlint::report::{render_human, HumanStyle};
use planlint::rule_tests;
use planlint::rules::RuleSet;

#[test]
fn fixtures_report_what_they_expect() {
    let mut configs = ConfigFinder::new(None, Selection::default()).expect("no --config");
    insta::glob!("../fixtures", "*/*.plan", |path| {
        let relative = relative_to_crate(path);
        let config = configs
            .for_plan(&relative)
            .unwrap_or_else(|error| panic!("{}: {error}", relative.display()));
        let outcome = rule_tests::test_plan(
            &Input::File(relative.clone()),
            &config.rules,
            &lint_options(),
        );
        assert!(
            outcome.differences.is_empty(),
            "\n{}",
            outcome.lines().join("\n")
        );
        let rendered = render_human(&[outcome.report], &HumanStyle::default());
        insta::assert_snapshot!(rendered);
    });
}

/// Every rule has a fixture directory with a plan it flags and a plan it
/// leaves alone (RULES.md, "Every rule has").
#[test]
fn every_rule_has_flagged_and_clean_fixtures() {
    let builtin = RuleSet::builtin();
    let mut configs = ConfigFinder::new(None, Selection::default()).expect("no --config");
    let mut problems = Vec::new();
    for rule in builtin.rules() {
        let id = rule.id();
        // Audit-only rules fire across plans, never in `check`: their
        // fixtures are pairs of plans under flagged/ and clean/, tested in
        // tests/audit.rs.
        if rule.file.check_kind() == Some("across-plans") {
            continue;
        }
        let dir = Path::new("fixtures").join(id);
        let plans: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                    .filter(|path| path.extension().is_some_and(|ext| ext == "plan"))
                    .collect()
            })
            .unwrap_or_default();
        let mut flags = false;
        let mut clean = false;
        for plan in &plans {
            let config = configs
                .for_plan(plan)
                .expect("fixture configurations are valid");
            let report = lint_input(&Input::File(plan.clone()), &config.rules, &lint_options());
            if report.findings.iter().any(|finding| finding.rule == id) {
                flags = true;
            } else {
                clean = true;
            }
        }
        if !flags {
            problems.push(format!(
                "{id}: no fixture in {} that it flags",
                dir.display()
            ));
        }
        if !clean {
            problems.push(format!(
                "{id}: no fixture in {} that it leaves alone",
                dir.display()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn relative_to_crate(path: &Path) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}
