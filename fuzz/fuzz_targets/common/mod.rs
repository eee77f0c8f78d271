//! What the import targets share: import, then lint what came out.

use planlint::import::{import_bytes, ImportOptions};
use planlint::lint::lint_bytes;
use planlint::model::Date;
use planlint::rules::{LintOptions, RuleSet};

/// Imports `bytes` as the file `name`; every plan made must parse (the
/// import's promise), so it is linted and must have no syntax error.
pub fn import_and_lint(name: &str, bytes: &[u8], options: &ImportOptions) {
    let Ok(plans) = import_bytes(name, bytes, options) else {
        return;
    };
    let rules = builtin_rules();
    let lint_options = LintOptions {
        today: Date::from_ymd(2027, 1, 15).expect("a real date"),
    };
    for plan in plans {
        let report = lint_bytes(
            format!("{}.plan", plan.file_stem),
            Ok(plan.text.clone().into_bytes()),
            rules,
            &lint_options,
        );
        if let Some(finding) = report
            .findings
            .iter()
            .find(|finding| finding.rule == "syntax-error" || finding.rule == "unreadable-file")
        {
            panic!(
                "an imported plan does not parse: {}\n{}",
                finding.message, plan.text
            );
        }
    }
}

/// The built-in rules, compiled once for the whole run (not per input).
fn builtin_rules() -> &'static RuleSet {
    static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
    RULES.get_or_init(RuleSet::builtin)
}
