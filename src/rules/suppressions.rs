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

use super::checks::{Hit, Spot};
use crate::diagnostics::{Finding, Fix, Safety};
use crate::model::{Block, Date, Plan, Span};
use crate::source::{LineIndex, SourceFile};

#[derive(Debug)]
struct Suppression<'src> {
    comment: Span,
    /// The comment's text.
    text: &'src str,
    /// Whether the comment stands on a line of its own.
    own_line: bool,
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
    /// A `planlint:` comment that is not a suppression: why, as a case of
    /// `unused-suppression` (`not-understood-…`), and what it quotes.
    NotUnderstood {
        case: &'static str,
        quoted: Option<&'src str>,
    },
}

fn not_understood<'a>(case: &'static str, quoted: Option<&'a str>) -> Directive<'a> {
    Directive::NotUnderstood { case, quoted }
}

fn parse_directive(text: &str) -> Option<Directive<'_>> {
    let body = text.trim_start_matches('#').trim_start();
    let rest = body.strip_prefix("planlint:")?.trim_start();
    let (whole_file, rest) = if let Some(rest) = rest.strip_prefix("allow-file(") {
        (true, rest)
    } else if let Some(rest) = rest.strip_prefix("allow(") {
        (false, rest)
    } else {
        return Some(not_understood("not-understood-no-allow", None));
    };
    let Some((list, after)) = rest.split_once(')') else {
        return Some(not_understood("not-understood-unclosed", None));
    };
    let rules: Vec<&str> = list
        .split(',')
        .map(str::trim)
        .filter(|rule| !rule.is_empty())
        .collect();
    if rules.is_empty() {
        return Some(not_understood("not-understood-no-rule", None));
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
            None => return Some(not_understood("not-understood-date", Some(date))),
        }
    } else {
        return Some(not_understood("not-understood-condition", Some(condition)));
    };
    Some(Directive::Allow {
        whole_file,
        rules,
        until,
        has_reason: !reason.is_empty(),
    })
}

/// Removes the findings that suppressions silence, and returns the hits
/// about the suppressions themselves, with the rule each belongs to, for
/// the engine to render. `rule_status` says of a rule id whether it is
/// enabled and whether it can be suppressed (`None`: no such rule).
pub(super) fn apply(
    plan: &Plan<'_>,
    file: &SourceFile,
    today: Date,
    require_reason: bool,
    findings: &mut Vec<Finding>,
    rule_status: impl Fn(&str) -> Option<(bool, bool)>,
) -> Vec<(&'static str, Hit)> {
    let source = file.text.as_str();
    let lines = &file.lines;
    let candidates: Vec<_> = plan
        .comments
        .iter()
        .filter_map(|comment| Some((comment, parse_directive(comment.span.text(source))?)))
        .collect();
    if candidates.is_empty() {
        return Vec::new();
    }
    let source_len = source.len() as u32;
    let mut suppressions = Vec::new();
    let mut reports = Vec::new();
    for (comment, directive) in candidates {
        match directive {
            Directive::NotUnderstood { case, quoted } => {
                let mut hit = about(comment.span).case(case);
                if let Some(quoted) = quoted {
                    hit = hit.var("quoted", quoted);
                }
                reports.push(("unused-suppression", hit));
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
                    next_code_scope(plan, source, lines, comment.span.end)
                } else {
                    lines.range(lines.line(comment.span.start))
                };
                suppressions.push(Suppression {
                    comment: comment.span,
                    text: comment.span.text(source),
                    own_line: comment.own_line,
                    rules: rules.into_iter().map(|rule| (rule, false)).collect(),
                    scope,
                    until,
                    expired: until.is_some_and(|until| until < today),
                    has_reason,
                });
            }
        }
    }

    let suppressed = mark_suppressed(findings, &mut suppressions);
    let mut verdicts = suppressed.into_iter();
    findings.retain(|_| !verdicts.next().unwrap_or(false));

    for suppression in &suppressions {
        reports.extend(report_suppression(
            suppression,
            require_reason,
            &rule_status,
            source,
        ));
    }
    reports
}

/// Per finding, whether a suppression in force silences it; marks the rules
/// of each suppression that silenced something as used.
///
/// One sweep over the findings in text order: a suppression joins the
/// active set when the sweep reaches the start of its scope and leaves it
/// past its end, so each finding meets only the suppressions whose scope
/// holds it (a handful: the nested blocks around it and the file-wide
/// ones), not every suppression of the file.
fn mark_suppressed(findings: &[Finding], suppressions: &mut [Suppression<'_>]) -> Vec<bool> {
    // A scope is [start, end), and an empty one still holds its start.
    let scope = |suppression: &Suppression<'_>| {
        let (start, end) = suppression.scope;
        (start, end.max(start + 1))
    };
    let mut starts: Vec<usize> = (0..suppressions.len())
        .filter(|&index| !suppressions[index].expired)
        .collect();
    starts.sort_by_key(|&index| scope(&suppressions[index]).0);
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&index| findings[index].primary.span.start);
    let mut suppressed = vec![false; findings.len()];
    let mut next_start = 0;
    let mut active: Vec<usize> = Vec::new();
    for finding_index in order {
        let finding = &findings[finding_index];
        let at = finding.primary.span.start;
        while let Some(&index) = starts.get(next_start) {
            if scope(&suppressions[index]).0 > at {
                break;
            }
            active.push(index);
            next_start += 1;
        }
        active.retain(|&index| scope(&suppressions[index]).1 > at);
        for &index in &active {
            for (rule, used) in &mut suppressions[index].rules {
                if *rule == finding.rule {
                    *used = true;
                    suppressed[finding_index] = true;
                }
            }
        }
    }
    suppressed
}

/// A hit about a suppression comment.
fn about(comment: Span) -> Hit {
    Hit::new(0, Spot::new(comment, "comment"))
}

/// What is wrong with one suppression, if anything.
fn report_suppression(
    suppression: &Suppression<'_>,
    require_reason: bool,
    rule_status: &impl Fn(&str) -> Option<(bool, bool)>,
    source: &str,
) -> Vec<(&'static str, Hit)> {
    let mut reports = Vec::new();
    if let (true, Some(until)) = (suppression.expired, suppression.until) {
        let hit = about(suppression.comment).var("until", until.to_string());
        return vec![("expired-suppression", hit)];
    }
    if require_reason && !suppression.has_reason {
        reports.push(("suppression-without-reason", about(suppression.comment)));
    }
    for &(rule, used) in &suppression.rules {
        let hit = about(suppression.comment).var("rule", rule);
        let hit = match rule_status(rule) {
            None => {
                let known = crate::rules::rule_file::BUILTIN_RULE_FILES
                    .iter()
                    .map(|(id, _)| *id);
                match crate::text::closest(rule, known) {
                    Some(close) => {
                        let hit = hit.case("unknown-rule-close").var("close", close);
                        match rename_in(suppression, rule, close) {
                            Some(fix) => hit.fix(fix),
                            None => hit,
                        }
                    }
                    None => hit
                        .case("unknown-rule")
                        .fix(removal(suppression, rule, source)),
                }
            }
            Some((_, false)) => {
                hit.case("not-suppressible")
                    .fix(removal(suppression, rule, source))
            }
            Some((false, _)) => continue, // the rule is off in this run
            Some((true, true)) if !used => hit.fix(removal(suppression, rule, source)),
            Some(_) => continue,
        };
        reports.push(("unused-suppression", hit));
    }
    reports
}

/// The scope of a standalone suppression: the block starting on the next
/// line with code, or that line alone.
fn next_code_scope(plan: &Plan<'_>, source: &str, lines: &LineIndex, after: u32) -> (u32, u32) {
    let source_len = source.len() as u32;
    let mut line = lines.line(after);
    loop {
        line += 1;
        if line > lines.count() {
            return (source_len, source_len);
        }
        let (start, end) = lines.range(line);
        let text = source[start as usize..end as usize].trim();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        let block = first_block_from(plan, start).filter(|block| block.keyword.start < end);
        return match block {
            Some(block) => (block.span.start, block.span.end),
            None => (start, end),
        };
    }
}

/// The first block (in text order) whose keyword starts at or after
/// `offset`. Blocks are stored in text order, so a binary search finds it.
fn first_block_from<'p, 'src>(plan: &'p Plan<'src>, offset: u32) -> Option<&'p Block<'src>> {
    let blocks = &plan.blocks;
    let first = blocks.partition_point(|block| block.keyword.start < offset);
    blocks.get(first)
}

/// The safe fix for a rule a suppression names in vain: the rule taken out
/// of its list, or, when it is the only one, the whole comment (with its
/// line when it stands alone, else with the spaces before it).
fn removal(suppression: &Suppression<'_>, rule: &str, source: &str) -> Fix {
    let others: Vec<&str> = suppression
        .rules
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| *name != rule)
        .collect();
    if let (false, Some(list)) = (others.is_empty(), rule_list(suppression)) {
        return Fix::replace(Safety::Safe, list, others.join(", "));
    }
    let (start, end) = (
        suppression.comment.start as usize,
        suppression.comment.end as usize,
    );
    let span = if suppression.own_line {
        let line_start = source[..start].rfind('\n').map_or(0, |at| at + 1);
        let line_end = source[end..]
            .find('\n')
            .map_or(source.len(), |at| end + at + 1);
        Span::new(line_start, line_end)
    } else {
        Span::new(source[..start].trim_end().len(), end)
    };
    Fix::replace(Safety::Safe, span, "")
}

/// The unsafe fix for a misspelt rule: the closest known one in its place
/// (it then silences that rule, which may change what is reported).
fn rename_in(suppression: &Suppression<'_>, rule: &str, close: &str) -> Option<Fix> {
    let list = rule_list(suppression)?;
    let names: Vec<&str> = suppression
        .rules
        .iter()
        .map(|(name, _)| if *name == rule { close } else { *name })
        .collect();
    Some(Fix::replace(Safety::Unsafe, list, names.join(", ")))
}

/// Where the rule list inside `allow(…)` is.
fn rule_list(suppression: &Suppression<'_>) -> Option<Span> {
    let open = suppression.text.find('(')? + 1;
    let close = open + suppression.text[open..].find(')')?;
    let start = suppression.comment.start as usize;
    Some(Span::new(start + open, start + close))
}
