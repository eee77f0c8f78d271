//! Suppression comments (LANGUAGE.md, "Suppressions"):
//! `# planlint: allow(RULE, …) [until DATE] [-- reason]` on the line before a
//! block (the whole block) or at the end of a line (that line), and
//! `# planlint: allow-file(RULE, …)` for the whole file.
//!
//! A standalone comment applies to the next line that holds code: the block
//! that starts there, or that line alone when no block starts on it.
//! Findings of `syntax-error` and `unreadable-file` cannot be suppressed
//! (there is no plan to attach a comment to).
//!
//! After matching, each suppression that silenced nothing is reported by
//! `unused-suppression` (as is a name that is not a rule, or a comment that
//! starts with `planlint:` but is not understood), and one whose `until`
//! date has passed by `expired-suppression` only: it silences nothing.
//! When the configuration says `require-reason: true`, a suppression in
//! force that gives no `-- reason` is reported by `suppression-without-reason`.

use crate::diagnostics::{Finding, Label, Severity};
use crate::model::{Date, Plan, Span};

#[derive(Debug)]
struct Suppression<'src> {
    comment: Span,
    rules: Vec<(&'src str, bool)>,
    /// Byte range the suppression covers.
    scope: (u32, u32),
    until: Option<Date>,
    expired: bool,
    has_reason: bool,
}

/// What a `planlint:` comment says, before it is placed.
enum Directive<'src> {
    Allow {
        whole_file: bool,
        rules: Vec<&'src str>,
        until: Option<Date>,
        has_reason: bool,
    },
    NotUnderstood(String),
}

fn parse_directive(text: &str) -> Option<Directive<'_>> {
    let body = text.trim_start_matches('#').trim_start();
    let rest = body.strip_prefix("planlint:")?.trim_start();
    let (whole_file, rest) = if let Some(rest) = rest.strip_prefix("allow-file(") {
        (true, rest)
    } else if let Some(rest) = rest.strip_prefix("allow(") {
        (false, rest)
    } else {
        return Some(Directive::NotUnderstood(
            "a `planlint:` comment must say `allow(RULE, …)` or `allow-file(RULE, …)`".into(),
        ));
    };
    let Some((list, after)) = rest.split_once(')') else {
        return Some(Directive::NotUnderstood(
            "the list of rules has no closing `)`".into(),
        ));
    };
    let rules: Vec<&str> = list
        .split(',')
        .map(str::trim)
        .filter(|rule| !rule.is_empty())
        .collect();
    if rules.is_empty() {
        return Some(Directive::NotUnderstood(
            "the suppression names no rule".into(),
        ));
    }
    // Before the reason, a `#` starts another comment (`# expect: …` in
    // fixtures, a note): it cannot be part of `until DATE`.
    let after = match (after.find('#'), after.find("--")) {
        (Some(hash), dashes) if dashes.is_none_or(|dashes| hash < dashes) => &after[..hash],
        _ => after,
    };
    let (condition, reason) = match after.split_once("--") {
        Some((condition, reason)) => (condition.trim(), reason.trim()),
        None => (after.trim(), ""),
    };
    let until = if condition.is_empty() {
        None
    } else if let Some(date) = condition.strip_prefix("until") {
        let date = date.trim();
        match Date::parse(date) {
            Some(date) => Some(date),
            None => {
                return Some(Directive::NotUnderstood(format!(
                    "`{date}` after `until` is not a date written year-month-day"
                )))
            }
        }
    } else {
        return Some(Directive::NotUnderstood(format!(
            "`{condition}` is not understood; after the rules a suppression may say \
             `until YYYY-MM-DD` and `-- reason`"
        )));
    };
    Some(Directive::Allow {
        whole_file,
        rules,
        until,
        has_reason: !reason.is_empty(),
    })
}

/// Start of each line, for placing comments.
fn line_starts(source: &str) -> Vec<u32> {
    std::iter::once(0)
        .chain(
            source
                .bytes()
                .enumerate()
                .filter(|&(_, byte)| byte == b'\n')
                .map(|(index, _)| index as u32 + 1),
        )
        .collect()
}

/// The byte range of the line containing `offset`.
fn line_range(starts: &[u32], source_len: u32, offset: u32) -> (usize, (u32, u32)) {
    let line = starts.partition_point(|&start| start <= offset) - 1;
    let end = starts.get(line + 1).copied().unwrap_or(source_len);
    (line, (starts[line], end))
}

#[allow(clippy::too_many_arguments)]
pub(super) fn apply(
    plan: &Plan<'_>,
    source: &str,
    today: Date,
    require_reason: bool,
    findings: &mut Vec<Finding>,
    rule_status: impl Fn(&str) -> Option<(bool, bool)>,
    severity_of: impl Fn(&str) -> Option<Severity>,
) {
    let candidates: Vec<_> = plan
        .comments
        .iter()
        .filter_map(|comment| Some((comment, parse_directive(comment.span.text(source))?)))
        .collect();
    if candidates.is_empty() {
        return;
    }
    let starts = line_starts(source);
    let source_len = source.len() as u32;
    let mut suppressions = Vec::new();
    let mut reports = Vec::new();
    let report =
        |severity: Severity, rule: &str, comment: Span, message: String, help: &str| Finding {
            rule: rule.to_string(),
            severity,
            message,
            help: Some(help.to_string()),
            primary: Label::new(comment, "this comment"),
            secondary: Vec::new(),
            block: None,
        };
    for (comment, directive) in candidates {
        match directive {
            Directive::NotUnderstood(problem) => {
                if let Some(severity) = severity_of("unused-suppression") {
                    reports.push(report(
                        severity,
                        "unused-suppression",
                        comment.span,
                        format!("this suppression is not understood: {problem}"),
                        "Write `# planlint: allow(rule-id) -- reason`, optionally with `until YYYY-MM-DD` before the reason.",
                    ));
                }
            }
            Directive::Allow {
                whole_file,
                rules,
                until,
                has_reason,
            } => {
                let scope = if whole_file {
                    (0, source_len)
                } else if comment.own_line {
                    next_code_scope(plan, source, &starts, comment.span.end)
                } else {
                    line_range(&starts, source_len, comment.span.start).1
                };
                suppressions.push(Suppression {
                    comment: comment.span,
                    rules: rules.into_iter().map(|rule| (rule, false)).collect(),
                    scope,
                    until,
                    expired: until.is_some_and(|until| until < today),
                    has_reason,
                });
            }
        }
    }

    findings.retain(|finding| {
        let at = finding.primary.span.start;
        let mut suppressed = false;
        for suppression in suppressions.iter_mut().filter(|s| !s.expired) {
            if at < suppression.scope.0 || at >= suppression.scope.1.max(suppression.scope.0 + 1) {
                continue;
            }
            for (rule, used) in &mut suppression.rules {
                if *rule == finding.rule {
                    *used = true;
                    suppressed = true;
                }
            }
        }
        !suppressed
    });

    for suppression in &suppressions {
        if suppression.expired {
            if let Some(severity) = severity_of("expired-suppression") {
                let until = suppression.until.expect("expired implies a date");
                reports.push(report(
                    severity,
                    "expired-suppression",
                    suppression.comment,
                    format!("this suppression expired on {until}; it no longer silences anything"),
                    "Fix what it was hiding, or, if the waiver still holds, move the date on and say why after `--`.",
                ));
            }
            continue;
        }
        if require_reason && !suppression.has_reason {
            if let Some(severity) = severity_of("suppression-without-reason") {
                reports.push(report(
                    severity,
                    "suppression-without-reason",
                    suppression.comment,
                    "this suppression does not say why".to_string(),
                    "Give the reason after `--`, e.g. `# planlint: allow(missing-kpi) -- measured by finance`: this project requires one for every suppression.",
                ));
            }
        }
        let Some(severity) = severity_of("unused-suppression") else {
            continue;
        };
        for &(rule, used) in &suppression.rules {
            let message = match rule_status(rule) {
                None => {
                    let known = crate::rules::rule_file::BUILTIN_RULE_FILES
                        .iter()
                        .map(|(id, _)| *id);
                    let hint = crate::text::closest(rule, known)
                        .map(|close| format!(" (did you mean `{close}`?)"))
                        .unwrap_or_default();
                    format!("`{rule}` is not a rule planlint knows{hint}")
                }
                Some((_, false)) => format!("`{rule}` cannot be suppressed"),
                Some((false, _)) => continue, // the rule is off in this run
                Some((true, true)) if !used => {
                    format!("`allow({rule})` suppresses nothing here")
                }
                Some(_) => continue,
            };
            reports.push(report(
                severity,
                "unused-suppression",
                suppression.comment,
                message,
                "Remove the rule from the comment (or the whole comment), so that it cannot hide a future problem.",
            ));
        }
    }
    findings.extend(reports);
}

/// The scope of a standalone suppression: the block starting on the next
/// line with code, or that line alone.
fn next_code_scope(plan: &Plan<'_>, source: &str, starts: &[u32], after: u32) -> (u32, u32) {
    let source_len = source.len() as u32;
    let (mut line, _) = line_range(starts, source_len, after);
    loop {
        line += 1;
        let Some(&start) = starts.get(line) else {
            return (source_len, source_len);
        };
        let end = starts.get(line + 1).copied().unwrap_or(source_len);
        let text = source[start as usize..end as usize].trim();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        let block = plan
            .blocks
            .iter()
            .find(|block| block.keyword.start >= start && block.keyword.start < end);
        return match block {
            Some(block) => (block.span.start, block.span.end),
            None => (start, end),
        };
    }
}
