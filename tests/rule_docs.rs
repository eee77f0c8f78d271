//! Every rule's own documentation is tested: its `bad` example must make it
//! fire and its `good` example must not, so the examples `planlint explain`
//! prints can never lie. Also checks each file's id is its file name.

use planlint::model::Date;
use planlint::rules::{LintOptions, RuleSet, BUILTIN_RULE_FILES};
use planlint::run::lint_bytes;

fn findings_of(rules: &RuleSet, id: &str, example: &str) -> Vec<String> {
    let options = LintOptions {
        today: Date::parse("2027-01-15").unwrap(),
    };
    let report = lint_bytes(
        format!("{id}.example.plan"),
        Ok(example.as_bytes().to_vec()),
        rules,
        &options,
    );
    report
        .findings
        .into_iter()
        .map(|finding| finding.rule)
        .collect()
}

#[test]
fn bad_examples_fire_and_good_examples_do_not() {
    let rules = RuleSet::builtin();
    let mut problems = Vec::new();
    for rule in rules.rules() {
        let id = rule.id();
        // A file that is not UTF-8 cannot be written inside a YAML text.
        if id != "unreadable-file"
            && !findings_of(&rules, id, &rule.file.bad)
                .iter()
                .any(|r| r == id)
        {
            problems.push(format!("{id}: its `bad` example does not make it fire"));
        }
        let good = findings_of(&rules, id, &rule.file.good);
        if good.iter().any(|r| r == id) {
            problems.push(format!("{id}: its `good` example makes it fire"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
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
