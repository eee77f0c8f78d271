//! Reads any bytes as a baseline file. One that is read must write back as
//! a baseline that reads the same, and hiding its findings from a report
//! must not panic whatever its counts.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use planlint::baseline::{Baseline, FileNames};
use planlint::lint::lint_bytes;
use planlint::model::Date;
use planlint::rules::{LintOptions, RuleSet};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(baseline) = Baseline::parse(text) else {
        return;
    };
    let again = Baseline::parse(&baseline.to_json()).expect("a written baseline reads back");
    assert_eq!(again, baseline);
    let _ = baseline.len();

    let rules = builtin_rules();
    let options = LintOptions {
        today: Date::from_ymd(2027, 1, 15).expect("a real date"),
    };
    let plan = "plan \"P\" {\n  tactic t \"T\" { }\n}\n";
    let mut reports = [lint_bytes(
        "a.plan".into(),
        Ok(plan.into()),
        rules,
        &options,
    )];
    let names = FileNames::new(Path::new("/repo"), Path::new("baseline.json"));
    let before: usize = reports[0].findings.len();
    let hidden = baseline.hide_recorded(&mut reports, &names);
    assert_eq!(before - hidden, reports[0].findings.len());
});

/// The built-in rules, compiled once for the whole run (not per input).
fn builtin_rules() -> &'static RuleSet {
    static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
    RULES.get_or_init(RuleSet::builtin)
}
