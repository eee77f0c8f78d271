//! The README's rules table is generated from `rules/`, so it cannot drift.
//! `UPDATE_README=1 cargo test --test readme` rewrites it.

mod common;

use common::lint_options;
use planlint::rules::RuleSet;

const START: &str = "<!-- rules:start -->\n";
const END: &str = "<!-- rules:end -->";

fn table() -> String {
    let rules = RuleSet::builtin();
    let mut out = String::from("| rule | default | flags |\n|---|---|---|\n");
    for rule in rules.rules() {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            rule.id(),
            rule.file.severity,
            rule.file.summary.trim().replace('|', "\\|")
        ));
    }
    out
}

#[test]
fn readme_rules_table_matches_the_rule_files() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let start = readme
        .find(START)
        .expect("README has the rules:start marker")
        + START.len();
    let end = readme.find(END).expect("README has the rules:end marker");
    let expected = table();
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{}{}", &readme[..start], expected, &readme[end..]);
        std::fs::write(path, updated).unwrap();
        return;
    }
    assert_eq!(
        &readme[start..end],
        expected,
        "the README's rules table is out of date: run `UPDATE_README=1 cargo test --test readme`"
    );
}

/// The tour's plan (the README's first `plan` code block) is a plan with no
/// random act of marketing in it.
#[test]
fn readme_tour_plan_is_clean() {
    let readme = include_str!("../README.md");
    let start = readme.find("```plan\n").expect("a plan code block") + "```plan\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let rules = RuleSet::builtin();
    let report = planlint::run::lint_bytes(
        "README.md".into(),
        Ok(readme.as_bytes()[start..end].to_vec()),
        &rules,
        &lint_options(),
    );
    let found: Vec<String> = report
        .findings
        .iter()
        .map(|finding| format!("{}: {}", finding.rule, finding.message))
        .collect();
    assert!(found.is_empty(), "{found:#?}");
}
