//! Every rule's own documentation is tested: its `bad` example must make it
//! fire and its `good` example must not, so the examples `planlint explain`
//! prints can never lie. Also checks each file's id is its file name.

mod common;

use common::{crate_dir, lint_options, planlint_wide};
use planlint::rule_tests;
use planlint::rules::{RuleSet, BUILTIN_RULE_FILES};

/// The check `planlint test` runs on every rule's docs ([`planlint::rule_tests`]).
#[test]
fn bad_examples_fire_and_good_examples_do_not() {
    let rules = rule_tests::example_rule_set(Vec::new()).expect("built-in rules compile");
    let outcome = rule_tests::test_rule_docs(&rules, &lint_options());
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
        outcome.fired.len() + rule_tests::UNTESTABLE_BAD_EXAMPLES.len(),
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
            file.docs().why.trim().len() > 80,
            "{stem}: `why` should explain the rule"
        );
        assert!(
            file.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{stem}: ids are kebab-case"
        );
    }
}

/// Whether `text` is what `template` renders to: each `{placeholder}` may
/// stand for any text.
fn renders_to(template: &str, text: &str) -> bool {
    let pattern = format!("^{}$", template_pattern(template));
    regex::Regex::new(&pattern).unwrap().is_match(text)
}

/// A regex for what a template can render to: any text for a placeholder,
/// an optional group for an optional part `{?name:text}`.
fn template_pattern(template: &str) -> String {
    let is_name = |name: &str| {
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    let mut pattern = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        pattern.push_str(&regex::escape(&rest[..open]));
        let inside = &rest[open + 1..];
        if let Some((name, body)) = inside
            .strip_prefix('?')
            .and_then(|body| body.split_once(':'))
        {
            if is_name(name) {
                let mut depth = 0;
                let end = body.char_indices().find_map(|(index, c)| match c {
                    '{' => {
                        depth += 1;
                        None
                    }
                    '}' if depth == 0 => Some(index),
                    '}' => {
                        depth -= 1;
                        None
                    }
                    _ => None,
                });
                if let Some(end) = end {
                    pattern.push_str(&format!("(?:{})?", template_pattern(&body[..end])));
                    rest = &body[end + 1..];
                    continue;
                }
            }
        }
        let Some(close) = inside.find('}') else {
            pattern.push_str(&regex::escape(&rest[open..]));
            rest = "";
            break;
        };
        if is_name(&inside[..close]) {
            pattern.push_str("(?s:.*)");
        } else {
            pattern.push_str(&regex::escape(&rest[open..open + close + 2]));
        }
        rest = &inside[close + 1..];
    }
    pattern.push_str(&regex::escape(rest));
    pattern
}

/// The templates `planlint explain RULE` prints after `prefix` (`help: `,
/// `fix (safe): `), run from `dir`.
fn explained(dir: &std::path::Path, rule: &str, prefix: &str) -> Vec<String> {
    let output = planlint_wide(dir, &["explain", rule]);
    assert_eq!(output.status, 0, "explain {rule}: {}", output.stderr);
    output
        .stdout
        .lines()
        .filter_map(|line| {
            let line = line.trim_start();
            let line = match line.strip_prefix("when ") {
                Some(rest) => rest.split_once(": ")?.1,
                None => line,
            };
            line.strip_prefix(prefix).map(str::to_string)
        })
        .collect()
}

fn explained_helps(dir: &std::path::Path, rule: &str) -> Vec<String> {
    explained(dir, rule, "help: ")
}

/// What `explain` prints is what findings say: every finding on the
/// fixtures, the examples and the custom-rule examples carries a help that
/// one of its rule's help templates, as `explain` prints them, renders to.
#[test]
fn the_help_explain_prints_is_the_help_findings_carry() {
    let mut rules_seen = std::collections::BTreeSet::new();
    for dir in ["fixtures", "examples", "docs/custom-rules"] {
        let dir = crate_dir().join(dir);
        let output = planlint_wide(&dir, &["check", "--format", "json", "."]);
        let findings: serde_json::Value = serde_json::from_str(&output.stdout)
            .unwrap_or_else(|error| panic!("{error}: {}", output.stderr));
        let mut helps = std::collections::BTreeMap::new();
        for finding in findings.as_array().unwrap() {
            let rule = finding["rule"].as_str().unwrap().to_string();
            if let Some(fix) = finding["fix"].as_object() {
                let safety = fix["safety"].as_str().unwrap();
                let message = fix["message"].as_str().unwrap();
                let templates = explained(&dir, &rule, &format!("fix ({safety}): "));
                assert!(
                    templates.iter().any(|template| renders_to(template, message)),
                    "{rule}: a {safety} fix {message:?} that explain does not list as {safety}: {templates:?}"
                );
            }
            let Some(help) = finding["help"].as_str() else {
                continue;
            };
            let templates = helps
                .entry(rule.clone())
                .or_insert_with(|| explained_helps(&dir, &rule));
            assert!(
                templates.iter().any(|template| renders_to(template, help)),
                "{rule}: the finding's help {help:?} is none of what explain prints: {templates:?}"
            );
            rules_seen.insert(rule);
        }
    }
    // Most rules have a finding in these trees (the others: audit-only and
    // rules whose findings carry no help).
    assert!(rules_seen.len() >= 28, "{rules_seen:?}");
    assert!(rules_seen.contains("no-synergy"), "custom rules included");
}
