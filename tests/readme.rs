//! The README's rules table is generated from `rules/`, and its table of
//! check kinds from the list that declares them, so they cannot drift.
//! `UPDATE_README=1 cargo test --test readme` rewrites it.

mod common;

use common::lint_options;
use planlint::rules::RuleSet;

const START: &str = "<!-- rules:start -->\n";
const END: &str = "<!-- rules:end -->";
const KINDS_START: &str = "<!-- kinds:start -->\n";
const KINDS_END: &str = "<!-- kinds:end -->";

/// The check kinds, from the one list that declares them.
fn kinds_table() -> String {
    let mut out = String::from(
        "| kind | custom rules | parameters | variables | cases | labels | what it checks |\n|---|---|---|---|---|---|---|\n",
    );
    for kind in planlint::rules::checks::KINDS {
        let mut parameters: Vec<&str> = Vec::new();
        if kind.selects_blocks {
            parameters.extend(["on", "when", "unless"]);
        }
        parameters.extend((kind.parameters)());
        let list = |items: &[&str], wrap: fn(&str) -> String| {
            if items.is_empty() {
                "—".to_string()
            } else {
                items
                    .iter()
                    .map(|item| wrap(item))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        let labels: Vec<String> = kind
            .labels
            .iter()
            .map(|slot| match slot.variables {
                [] => format!("`{}`", slot.name),
                variables => format!(
                    "`{}` ({})",
                    slot.name,
                    variables
                        .iter()
                        .map(|var| format!("`{{{var}}}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })
            .collect();
        let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} | {} |\n",
            kind.name,
            if kind.open_to_custom_rules {
                "yes"
            } else {
                "no"
            },
            list(&parameters, |name| format!("`{name}`")),
            list(kind.variables, |name| format!("`{{{name}}}`")),
            list(kind.cases, |name| format!("`{name}`")),
            list(&labels, str::to_string),
            kind.summary.replace('|', "\\|"),
        ));
    }
    out
}

/// The tests that rewrite the README take turns (they run in parallel).
static README: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Replaces (with `UPDATE_README=1`) or checks the README between markers.
fn generated_section(start_marker: &str, end_marker: &str, expected: &str, what: &str) {
    let _turn = README
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let start = readme
        .find(start_marker)
        .unwrap_or_else(|| panic!("README has the {what} start marker"))
        + start_marker.len();
    let end = readme
        .find(end_marker)
        .unwrap_or_else(|| panic!("README has the {what} end marker"));
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{}{}", &readme[..start], expected, &readme[end..]);
        std::fs::write(path, updated).unwrap();
        return;
    }
    assert_eq!(
        &readme[start..end],
        expected,
        "the README's {what} is out of date: run `UPDATE_README=1 cargo test --test readme`"
    );
}

#[test]
fn readme_kinds_table_matches_the_declared_kinds() {
    generated_section(
        KINDS_START,
        KINDS_END,
        &kinds_table(),
        "table of check kinds",
    );
}

fn table() -> String {
    let rules = RuleSet::builtin();
    let mut out = String::from("| rule | default | flags |\n|---|---|---|\n");
    for rule in rules.rules() {
        let preview = if rule.file.preview { " (preview)" } else { "" };
        out.push_str(&format!(
            "| `{}` | {}{preview} | {} |\n",
            rule.id(),
            rule.file.severity,
            rule.file.summary.trim().replace('|', "\\|")
        ));
    }
    out
}

#[test]
fn readme_rules_table_matches_the_rule_files() {
    generated_section(START, END, &table(), "rules table");
}

/// The tour's plan (the README's first `plan` code block) is a plan with no
/// random act of marketing in it.
#[test]
fn readme_tour_plan_is_clean() {
    let readme = include_str!("../README.md");
    let start = readme.find("```plan\n").expect("a plan code block") + "```plan\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let rules = RuleSet::builtin();
    let report = planlint::lint::lint_bytes(
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
