//! Every rule's own documentation is tested: its `bad` example must make it
//! fire and its `good` example must not, so the examples `planlint explain`
//! prints can never lie. Also checks each file's id is its file name.

mod common;

use common::lint_options;
use planlint::harness;
use planlint::rules::{RuleSet, BUILTIN_RULE_FILES};

/// The check `planlint test` runs on every rule's docs ([`planlint::harness`]).
#[test]
fn bad_examples_fire_and_good_examples_do_not() {
    let rules = harness::example_rule_set(Vec::new()).expect("built-in rules compile");
    let outcome = harness::test_rule_docs(&rules, &lint_options());
    let problems: Vec<String> = outcome
        .problems
        .iter()
        .map(|problem| format!("{}: {}", problem.rule, problem.problem))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Audit-only rules need several plans: tests/audit.rs runs their examples.
    assert_eq!(
        outcome.rules + outcome.skipped.len(),
        BUILTIN_RULE_FILES.len()
    );
    // Only the rule whose bad example is not a plan goes untested.
    assert_eq!(
        outcome.fired.len() + harness::UNTESTABLE_BAD_EXAMPLES.len(),
        outcome.rules
    );
}

#[test]
fn rule_ids_match_file_names_and_docs_are_complete() {
    let rules = RuleSet::builtin();
    assert_eq!(rules.rules().len(), BUILTIN_RULE_FILES.len());
    for (stem, _) in BUILTIN_RULE_FILES {
        let rule = rules
            .get(stem)
            .unwrap_or_else(|| panic!("rules/{stem}.yaml: id differs from the file name"));
        let file = &rule.file;
        assert!(
            !file.summary.trim().is_empty() && !file.summary.contains('\n'),
            "{stem}: summary must be one line"
        );
        assert!(
            file.summary.trim_end().ends_with('.'),
            "{stem}: summary should be a sentence ending with a period"
        );
        assert!(
            file.why.trim().len() > 80,
            "{stem}: `why` should explain the rule"
        );
        assert!(
            file.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{stem}: ids are kebab-case"
        );
    }
}
