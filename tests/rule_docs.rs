//! Every built-in rule's documented examples are true: its `bad` plan gets a
//! finding of that rule and its `good` plan none (RULES.md, "Every rule
//! has"; `planlint explain` prints both).

use planlint::model::Date;
use planlint::rules::{LintOptions, RuleSet};
use planlint::source::SourceFile;

#[test]
fn bad_examples_fire_and_good_examples_do_not() {
    let rules = RuleSet::builtin();
    let options = LintOptions {
        today: Date::parse("2027-01-15").unwrap(),
    };
    let fires = |id: &str, name: &str, text: &str| {
        let file = SourceFile::new(format!("{id}.{name}.plan"), text);
        rules
            .lint(&file, &options)
            .iter()
            .any(|finding| finding.rule == id)
    };
    let mut problems = Vec::new();
    for rule in rules.rules() {
        let id = rule.id();
        // A file that cannot be read has no text to put in an example.
        if id == "unreadable-file" {
            continue;
        }
        if !fires(id, "bad", &rule.file.bad) {
            problems.push(format!("{id}: its `bad` example is not flagged"));
        }
        if fires(id, "good", &rule.file.good) {
            problems.push(format!("{id}: its `good` example is flagged"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
