//! Every built-in rule's `bad` example must make it fire and its `good`
//! example must not (RULES.md, "Every rule has"; `planlint explain` prints
//! them, so they must be true). `unreadable-file` is the exception: its
//! `bad` example describes bytes that a YAML text cannot hold.

use planlint::model::Date;
use planlint::rules::{LintOptions, RuleSet};
use planlint::run::lint_bytes;

#[test]
fn bad_examples_fire_and_good_examples_do_not() {
    let rules = RuleSet::builtin();
    let options = LintOptions {
        today: Date::parse("2027-01-15").unwrap(),
    };
    let mut problems = Vec::new();
    for rule in rules.rules() {
        let id = rule.id();
        for (name, example, should_fire) in [
            ("bad", &rule.file.bad, true),
            ("good", &rule.file.good, false),
        ] {
            if id == "unreadable-file" && should_fire {
                continue;
            }
            let report = lint_bytes(
                format!("{id}.{name}.plan"),
                Ok(example.clone().into_bytes()),
                &rules,
                &options,
            );
            let fires = report.findings.iter().any(|finding| finding.rule == id);
            if fires != should_fire {
                problems.push(format!(
                    "{id}: its `{name}` example {}",
                    if should_fire {
                        "does not make it fire"
                    } else {
                        "makes it fire"
                    }
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
