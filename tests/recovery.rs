//! One syntax error does not hide the rest of a plan, and a block lost to
//! it never turns into a false alarm elsewhere.
//!
//! Every plan of the fixtures and examples (the project's and the shared
//! ones) is broken on purpose, one block at a time (the `:` of its first
//! attribute made `=`, which keeps every offset), and linted again. Then:
//! - the break is one `syntax-error`, on the broken line;
//! - nothing new is reported: every other finding was there before;
//! - every finding about another block, of a rule that judges each block by
//!   its own text (`partial: run` or `skip-damaged-blocks`), is still there.

mod common;

use std::collections::BTreeMap;

use common::{crate_dir, lint_options, plans_under};
use planlint::diagnostics::{BlockRef, FileReport, Finding};
use planlint::lint::lint_bytes;
use planlint::model;
use planlint::rules::{Partial, RuleSet};

fn lint(name: &str, text: &str, rules: &RuleSet) -> FileReport {
    lint_bytes(
        name.to_string(),
        Ok(text.as_bytes().to_vec()),
        rules,
        &lint_options(),
    )
}

/// (rule, line) of a finding, the identity that survives a same-length edit.
fn key(report: &FileReport, finding: &Finding) -> (String, usize) {
    (
        finding.rule.clone(),
        report.source.line(finding.primary.span.start),
    )
}

/// The byte offset of the first attribute's `:` of each block but the plan,
/// with the block (kind and id) and its line.
fn breakable_blocks(text: &str) -> Vec<(usize, BlockRef, usize)> {
    let Ok(tree) = planlint::syntax::parse(text) else {
        return Vec::new();
    };
    let plan = model::build(text, tree);
    let source = planlint::source::SourceFile::new("p.plan", text);
    plan.blocks
        .iter()
        .skip(1)
        .filter_map(|block| {
            let attribute = block.attributes.first()?;
            let colon = attribute.key_span.end as usize
                + text[attribute.key_span.end as usize..].find(':')?;
            let line = source.line(block.keyword.start);
            let block_ref = BlockRef {
                kind: block.kind.keyword().to_string(),
                id: block.id.map(str::to_string),
            };
            Some((colon, block_ref, line))
        })
        .collect()
}

#[test]
fn a_broken_block_hides_nothing_else_and_invents_nothing() {
    let rules = RuleSet::builtin();
    let policy: BTreeMap<&str, Partial> = rules
        .rules()
        .iter()
        .map(|rule| (rule.id(), rule.file.partial))
        .collect();
    let mut families_checked: BTreeMap<String, usize> = BTreeMap::new();
    let mut broken_plans = 0;
    let mut dirs = vec![crate_dir().join("fixtures"), crate_dir().join("examples")];
    let shared = crate_dir().join("../shared/examples");
    if shared.is_dir() {
        dirs.push(shared);
    }
    for path in dirs.iter().flat_map(|dir| plans_under(dir)) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = path.display().to_string();
        let before = lint(&name, &text, &rules);
        let before_keys: Vec<_> = before.findings.iter().map(|f| key(&before, f)).collect();
        for (colon, block, block_line) in breakable_blocks(&text) {
            let mut broken = text.clone();
            broken.replace_range(colon..colon + 1, "=");
            let after = lint(&name, &broken, &rules);
            let broken_line = after.source.line(colon as u32);
            let context = format!(
                "{name}, {} on line {block_line} broken at line {broken_line}",
                block.kind
            );
            let errors: Vec<_> = after
                .findings
                .iter()
                .filter(|finding| finding.rule == "syntax-error")
                .collect();
            assert_eq!(errors.len(), 1, "{context}: {errors:#?}");
            assert_eq!(
                after.source.line(errors[0].primary.span.start),
                broken_line,
                "{context}: the error is on the broken line"
            );
            let after_keys: Vec<_> = after.findings.iter().map(|f| key(&after, f)).collect();
            for finding in &after.findings {
                if finding.rule == "syntax-error" {
                    continue;
                }
                assert!(
                    before_keys.contains(&key(&after, finding)),
                    "{context}: a false alarm: {} {}",
                    finding.rule,
                    finding.message
                );
            }
            for finding in &before.findings {
                // Rules that judge each block by its own text keep their
                // findings; the others may only lose some (see ARCHITECTURE.md).
                let kept_on_partial_plans =
                    policy.get(finding.rule.as_str()).is_some_and(|partial| {
                        matches!(partial, Partial::Run | Partial::SkipDamagedBlocks)
                    });
                let about_the_broken_block = finding.block.as_ref() == Some(&block);
                let on_the_broken_line =
                    before.source.line(finding.primary.span.start) == broken_line;
                if !kept_on_partial_plans || about_the_broken_block || on_the_broken_line {
                    continue;
                }
                if finding.rule == "unused-suppression" || finding.rule.ends_with("suppression") {
                    continue;
                }
                assert!(
                    after_keys.contains(&key(&before, finding)),
                    "{context}: lost a finding about another block: {} {}",
                    finding.rule,
                    finding.message
                );
                *families_checked.entry(finding.rule.clone()).or_default() += 1;
            }
            broken_plans += 1;
        }
    }
    assert!(broken_plans > 100, "{broken_plans} plans broken");
    // The families the property was checked on, each many times.
    for family in [
        "missing-kpi",
        "unowned-tactic",
        "unaligned-tactic",
        "invalid-value",
        "duplicate-id",
        "non-smart-kpi",
    ] {
        assert!(
            families_checked.get(family).is_some_and(|count| *count > 0),
            "{family} never checked: {families_checked:?}"
        );
    }
}
