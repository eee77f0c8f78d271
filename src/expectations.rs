//! The `# expect:` convention (shared/examples/README.md): a comment
//! `# expect: rule-a, rule-b` names the findings whose primary location is
//! on its own line. A plan is as expected when the (rule, line) pairs it
//! reports are exactly those, as multisets.
//!
//! Used by the project's fixture tests and by `planlint test` (through
//! [`crate::rule_tests`]), so both judge plans the same way.

use std::collections::BTreeMap;

use crate::diagnostics::FileReport;

/// One difference between what a plan expects and what was reported.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Difference {
    /// Expected on this line, not reported.
    Missing { line: usize, rule: String },
    /// Reported on this line, not expected.
    Unexpected { line: usize, rule: String },
}

impl Difference {
    pub fn line(&self) -> usize {
        match self {
            Difference::Missing { line, .. } | Difference::Unexpected { line, .. } => *line,
        }
    }
}

/// `LINE: expected RULE, not reported`; prefixed with the path, it is the
/// line `planlint test` prints.
impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Difference::Missing { line, rule } => {
                write!(f, "{line}: expected {rule}, not reported")
            }
            Difference::Unexpected { line, rule } => {
                write!(f, "{line}: reported {rule}, not expected")
            }
        }
    }
}

/// The (line, rule) pairs a plan's `# expect:` comments name, with counts.
pub fn expected(text: &str) -> BTreeMap<(usize, String), usize> {
    let mut wanted = BTreeMap::new();
    for (index, line) in text.lines().enumerate() {
        let Some(hash) = line.find('#') else { continue };
        // Like the shared checker: the first `# expect:` on the line counts.
        let Some(at) = find_expect(&line[hash..]) else {
            continue;
        };
        let list = &line[hash + at..];
        for rule in list
            .split(',')
            .map(|rule| {
                rule.trim()
                    .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
                    .next()
                    .unwrap_or("")
            })
            .take_while(|rule| !rule.is_empty())
        {
            *wanted.entry((index + 1, rule.to_string())).or_insert(0) += 1;
        }
    }
    wanted
}

/// The offset just after `expect:` in a comment `#  expect: …`.
fn find_expect(comment_and_rest: &str) -> Option<usize> {
    let mut search = 0;
    while let Some(offset) = comment_and_rest[search..].find('#') {
        let hash = search + offset;
        let after = comment_and_rest[hash + 1..].trim_start();
        if let Some(rest) = after.strip_prefix("expect:") {
            return Some(comment_and_rest.len() - rest.len());
        }
        search = hash + 1;
    }
    None
}

/// The differences between a plan's expectations and its report, by line.
pub fn compare(report: &FileReport) -> Vec<Difference> {
    let mut wanted = expected(&report.source.text);
    let mut got: BTreeMap<(usize, String), usize> = BTreeMap::new();
    for finding in &report.findings {
        let line = report.source.line(finding.primary.span.start);
        *got.entry((line, finding.rule.clone())).or_insert(0) += 1;
    }
    let mut differences = Vec::new();
    for (key, &count) in &got {
        let expected_count = wanted.remove(key).unwrap_or(0);
        for _ in expected_count..count {
            differences.push(Difference::Unexpected {
                line: key.0,
                rule: key.1.clone(),
            });
        }
        for _ in count..expected_count {
            differences.push(Difference::Missing {
                line: key.0,
                rule: key.1.clone(),
            });
        }
    }
    for ((line, rule), count) in wanted {
        for _ in 0..count {
            differences.push(Difference::Missing {
                line,
                rule: rule.clone(),
            });
        }
    }
    differences.sort_by(|a, b| (a.line(), a).cmp(&(b.line(), b)));
    differences
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lists_at_line_ends_and_alone() {
        let text = "plan \"P\" {   # expect: unowned-plan, plan-without-challenge\n# expect: missing-kpi\n}";
        let wanted = expected(text);
        assert_eq!(wanted.get(&(1, "unowned-plan".into())), Some(&1));
        assert_eq!(wanted.get(&(1, "plan-without-challenge".into())), Some(&1));
        assert_eq!(wanted.get(&(2, "missing-kpi".into())), Some(&1));
        assert_eq!(wanted.len(), 3);
    }

    #[test]
    fn ignores_comments_that_are_not_expectations() {
        assert!(expected("# we expect: nothing here\n# expected: x").is_empty());
    }
}
