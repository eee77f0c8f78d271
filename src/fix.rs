//! Applying the fixes findings carry (`planlint check --fix`), as ruff does.
//!
//! Safe fixes keep the plan's meaning and are applied with `--fix`; unsafe
//! ones may change it and are applied only with `--unsafe-fixes` too. Fixes
//! are applied in rounds: each round lints the text, applies every fix
//! that does not overlap one applied before it in the round, and parses
//! again; the rounds end when nothing is left to fix or after
//! [`MAX_ROUNDS`]. A plan with a syntax error is never touched, and a round
//! whose result would not parse is undone (a fix must never break a plan).

use crate::diagnostics::{FileReport, Fix, Safety};
use crate::lint::lint_bytes;
use crate::rules::{LintOptions, RuleSet};

/// Rounds of fixing before giving up on fixes that keep producing fixes.
pub const MAX_ROUNDS: usize = 10;

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixOptions {
    /// Apply unsafe fixes too.
    pub unsafe_fixes: bool,
}

/// The outcome of fixing one plan.
#[derive(Debug)]
pub struct Fixed {
    /// The fixed text (the original when nothing was fixed).
    pub text: String,
    /// The rule of every fix applied, in order.
    pub applied: Vec<String>,
    /// The findings of the fixed text: what is left to do by hand.
    pub report: FileReport,
}

/// Fixes what can be fixed in a plan's text.
pub fn fix_plan(
    name: &str,
    text: &str,
    rules: &RuleSet,
    lint_options: &LintOptions,
    options: FixOptions,
) -> Fixed {
    let lint = |text: &str| {
        lint_bytes(
            name.to_string(),
            Ok(text.as_bytes().to_vec()),
            rules,
            lint_options,
        )
    };
    let mut current = text.to_string();
    let mut report = lint(&current);
    let mut applied = Vec::new();
    if has_syntax_error(&report) {
        return Fixed {
            text: current,
            applied,
            report,
        };
    }
    for _ in 0..MAX_ROUNDS {
        let (next, fixed_rules) = apply_round(&current, &report, options);
        if fixed_rules.is_empty() {
            break;
        }
        let next_report = lint(&next);
        if has_syntax_error(&next_report) {
            break; // never hand back a plan a fix broke
        }
        current = next;
        report = next_report;
        applied.extend(fixed_rules);
    }
    Fixed {
        text: current,
        applied,
        report,
    }
}

fn has_syntax_error(report: &FileReport) -> bool {
    report
        .findings
        .iter()
        .any(|finding| finding.rule == "syntax-error")
}

/// Applies, in one pass, every allowed fix that does not overlap an
/// earlier one. Returns the new text and the rules whose fixes were applied.
fn apply_round(text: &str, report: &FileReport, options: FixOptions) -> (String, Vec<String>) {
    let mut fixes: Vec<(&Fix, &str)> = report
        .findings
        .iter()
        .filter_map(|finding| Some((finding.fix.as_ref()?, finding.rule.as_str())))
        .filter(|(fix, _)| fix.safety == Safety::Safe || options.unsafe_fixes)
        .filter(|(fix, _)| !fix.edits.is_empty())
        .collect();
    fixes.sort_by_key(|(fix, _)| fix.edits.iter().map(|edit| edit.span.start).min());
    let mut chosen: Vec<(&Fix, &str)> = Vec::new();
    let mut taken: Vec<(u32, u32)> = Vec::new();
    for (fix, rule) in fixes {
        let overlaps = fix.edits.iter().any(|edit| {
            taken.iter().any(|&(start, end)| {
                edit.span.start < end.max(start + 1)
                    && start < edit.span.end.max(edit.span.start + 1)
            })
        });
        if overlaps {
            continue; // the next round gets it, on the text this round leaves
        }
        taken.extend(
            fix.edits
                .iter()
                .map(|edit| (edit.span.start, edit.span.end)),
        );
        chosen.push((fix, rule));
    }
    let mut edits: Vec<_> = chosen
        .iter()
        .flat_map(|(fix, _)| fix.edits.iter())
        .collect();
    edits.sort_by_key(|edit| std::cmp::Reverse((edit.span.start, edit.span.end)));
    let mut out = text.to_string();
    for edit in edits {
        let (start, end) = (edit.span.start as usize, edit.span.end as usize);
        if end <= out.len() && out.is_char_boundary(start) && out.is_char_boundary(end) {
            out.replace_range(start..end, &edit.replacement);
        }
    }
    let rules = chosen
        .into_iter()
        .map(|(_, rule)| rule.to_string())
        .collect();
    (out, rules)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn options() -> LintOptions {
        LintOptions {
            today: Date::parse("2027-01-15").unwrap(),
        }
    }

    #[test]
    fn safe_fixes_are_applied_and_the_rest_is_reported() {
        let text = "plan \"P\" {\n  ownr: @ana\n  challnge: \"Churn\"\n  colour: red\n}\n";
        let fixed = fix_plan(
            "p.plan",
            text,
            &RuleSet::builtin(),
            &options(),
            FixOptions {
                unsafe_fixes: false,
            },
        );
        assert_eq!(
            fixed.text,
            "plan \"P\" {\n  owner: @ana\n  challenge: \"Churn\"\n  colour: red\n}\n"
        );
        assert_eq!(fixed.applied, ["unknown-attribute", "unknown-attribute"]);
        let left: Vec<&str> = fixed
            .report
            .findings
            .iter()
            .map(|f| f.rule.as_str())
            .collect();
        assert_eq!(left, ["unknown-attribute"], "`colour` has no fix");
    }

    #[test]
    fn a_plan_that_does_not_parse_is_not_touched() {
        let text = "plan \"P\" {\n  ownr: @ana\n  tactic a {\n}\n";
        let fixed = fix_plan(
            "p.plan",
            text,
            &RuleSet::builtin(),
            &options(),
            FixOptions { unsafe_fixes: true },
        );
        assert_eq!(fixed.text, text);
        assert!(fixed.applied.is_empty());
    }
}
