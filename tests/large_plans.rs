//! Large plans (issue 11): the paths that were made linear (suggestions
//! looked up once per distinct name in a length index, suppressions swept
//! in text order, alike tactics grouped by time) must give the same
//! findings as the pair-by-pair comparisons they replaced. Each test builds
//! a plan of a few thousand tactics and checks the findings against what
//! the test computes the slow, obvious way. No timing here: the scaling
//! benchmark (`bench/scaling.py`) measures time.

mod common;

use planlint::diagnostics::Finding;
use planlint::lint::lint_source;
use planlint::rules::RuleSet;
use planlint::source::SourceFile;
use planlint::text::closest;

const HEAD: &str = r#"plan "Large" {
  owner: @ana
  period: 2027-Q1..2028-Q4
  challenge: "Grow pipeline"
  strategy growth "Grow"
  team {
    member @ana { capacity: 9000d }
    member @anna { capacity: 9000d }
    member @ben { capacity: 9000d }
  }
"#;

fn tactic(id: &str, fields: &str) -> String {
    format!(
        "  tactic {id} \"Tactic {id}\" {{\n    owner: @ben\n    channel: email\n    effort: 1d\n    budget: 1k EUR\n{fields}    kpi k-{id} {{ stage: engagement  target: 10  due: 2028-Q4  source: crm }}\n  }}\n"
    )
}

fn lint(plan: &str) -> Vec<Finding> {
    let file = SourceFile::new("large.plan", plan);
    lint_source(&file, &RuleSet::builtin(), &common::lint_options())
}

fn messages_of<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a str> {
    findings
        .iter()
        .filter(|finding| finding.rule == rule)
        .map(|finding| finding.message.as_str())
        .collect()
}

fn helps_of<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a str> {
    findings
        .iter()
        .filter(|finding| finding.rule == rule)
        .map(|finding| finding.help.as_deref().unwrap_or(""))
        .collect()
}

#[test]
fn every_misspelt_name_gets_the_suggestion_of_a_full_comparison() {
    // 100 objectives and 1,000 tactics, each supporting a name that is an
    // objective's id with one or two letters changed, or nothing alike; and
    // each tactic `after` a misspelt tactic id.
    let objectives: Vec<String> = (0..100).map(|n| format!("goal-{n:03}")).collect();
    let tactics: Vec<String> = (0..1_000).map(|n| format!("push{n}")).collect();
    let mut plan = String::from(HEAD);
    for objective in &objectives {
        plan.push_str(&format!(
            "  objective {objective} \"{objective}\" {{ owner: @ana  supports: growth\n    kpi k-{objective} {{ stage: opportunity  target: 1  due: 2028-Q4  source: crm }}\n  }}\n"
        ));
    }
    let mut supported = Vec::new();
    let mut after = Vec::new();
    for (n, id) in tactics.iter().enumerate() {
        let supports = match n % 3 {
            0 => format!("goal-{:03}x", n % 100),
            1 => format!("gaol-{:03}", (n * 7) % 100),
            _ => format!("unrelated-{n}"),
        };
        let before = format!("psuh{}", (n * 13) % 1_000);
        plan.push_str(&tactic(
            id,
            &format!("    supports: {supports}\n    after: {before}\n"),
        ));
        supported.push(supports);
        after.push((id.as_str(), before));
    }
    plan.push_str("}\n");
    let findings = lint(&plan);

    let mut expected = Vec::new();
    for (supports, (id, before)) in supported.iter().zip(&after) {
        for (name, candidates) in [
            (
                supports.as_str(),
                objectives.iter().map(String::as_str).collect::<Vec<_>>(),
            ),
            (
                before.as_str(),
                // Never the tactic itself.
                tactics
                    .iter()
                    .map(String::as_str)
                    .filter(|tactic| tactic != id)
                    .collect(),
            ),
        ] {
            expected.push(match closest(name, candidates) {
                Some(close) => format!("Did you mean `{close}`?"),
                None => format!("Declare a block with the id `{name}`, or correct the name."),
            });
        }
    }
    assert_eq!(helps_of(&findings, "unknown-reference"), expected);
    // The comparison found suggestions of every kind.
    assert!(expected.iter().any(|help| help.contains("`goal-")));
    assert!(expected.iter().any(|help| help.contains("`push")));
    assert!(expected.iter().any(|help| help.starts_with("Declare")));
}

#[test]
fn unknown_owners_get_the_closest_member() {
    let mut plan = String::from(HEAD);
    for n in 0..2_000 {
        let owner = ["anaa", "bem", "zed", "ann"][n % 4];
        plan.push_str(&tactic(&format!("t{n}"), "").replace("@ben", &format!("@{owner}")));
    }
    plan.push_str("}\n");
    let findings = lint(&plan);
    let expected: Vec<String> = (0..2_000)
        .map(|n| match n % 4 {
            0 => "Did you mean @ana?".to_string(),
            1 => "Did you mean @ben?".to_string(),
            2 => "Add `member @zed` (or `partner`) to the team, or name someone who is in it."
                .to_string(),
            _ => "Did you mean @ana?".to_string(),
        })
        .collect();
    assert_eq!(helps_of(&findings, "unknown-reference"), expected);
}

#[test]
fn alike_tactics_name_their_first_overlapping_duplicates() {
    // 1,500 tactics on one channel for one audience, at quarters and
    // ranges that overlap some of the others and not others.
    let whens: Vec<(u32, u32)> = (0..1_500)
        .map(|n| match n % 5 {
            0 => (1, 8),
            1 => (1, 1),
            2 => (5, 6),
            3 => (n % 8 + 1, n % 8 + 1),
            _ => (3, 4),
        })
        .collect();
    let quarter = |q: u32| format!("{}-Q{}", 2027 + (q - 1) / 4, (q - 1) % 4 + 1);
    let mut plan = String::from(HEAD);
    plan.push_str("  objective o \"O\" { owner: @ana  supports: growth }\n");
    for (n, &(first, last)) in whens.iter().enumerate() {
        let when = if first == last {
            quarter(first)
        } else {
            format!("{}..{}", quarter(first), quarter(last))
        };
        plan.push_str(&tactic(
            &format!("t{n}"),
            &format!("    supports: o\n    audience: \"IT\"\n    when: {when}\n"),
        ));
    }
    plan.push_str("}\n");
    let findings = lint(&plan);

    // Pair by pair: each tactic against every earlier one.
    let mut expected = Vec::new();
    for (n, &(first, last)) in whens.iter().enumerate() {
        let earlier: Vec<usize> = (0..n)
            .filter(|&m| whens[m].0 <= last && first <= whens[m].1)
            .collect();
        if earlier.is_empty() {
            continue;
        }
        let shared_first = earlier
            .iter()
            .map(|&m| whens[m].0.max(first))
            .min()
            .unwrap();
        let shared_last = earlier.iter().map(|&m| whens[m].1.min(last)).max().unwrap();
        let mut names: Vec<String> = earlier
            .iter()
            .take(3)
            .map(|m| format!("tactic `t{m}`"))
            .collect();
        if earlier.len() > 3 {
            names.push(format!("{} more", earlier.len() - 3));
        }
        let names = match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => names[0].clone(),
        };
        let quarters = if shared_first == shared_last {
            quarter_words(shared_first)
        } else {
            format!(
                "{}–{}",
                quarter_words(shared_first),
                quarter_words(shared_last)
            )
        };
        expected.push(format!(
            "tactic `t{n}` duplicates {names}: same channel (email) and audience (\"IT\"), overlapping in {quarters}"
        ));
    }
    assert_eq!(messages_of(&findings, "duplicate-tactic"), expected);
}

/// A quarter as findings write it: `Q1 2027`.
fn quarter_words(q: u32) -> String {
    format!("Q{} {}", (q - 1) % 4 + 1, 2027 + (q - 1) / 4)
}

#[test]
fn thousands_of_suppressions_each_silence_their_own_block() {
    // Every other tactic is suppressed (standalone comment before it, or a
    // comment at the end of its `supports` line); a file-wide suppression
    // silences another rule everywhere; an unused one is reported.
    let mut plan = String::from("# planlint: allow-file(missing-audience) -- imported\n");
    plan.push_str(HEAD);
    for n in 0..2_000 {
        let mut text = tactic(&format!("t{n}"), &format!("    supports: nothing-{n}\n"));
        match n % 4 {
            0 => text.insert_str(
                0,
                "  # planlint: allow(unknown-reference) -- imported as is\n",
            ),
            1 => {
                text = text.replace(
                    &format!("nothing-{n}\n"),
                    &format!("nothing-{n}  # planlint: allow(unknown-reference) -- as is\n"),
                )
            }
            2 => text.insert_str(0, "  # planlint: allow(duplicate-id) -- none here\n"),
            _ => {}
        }
        plan.push_str(&text);
    }
    plan.push_str("}\n");
    let findings = lint(&plan);
    let unknown = messages_of(&findings, "unknown-reference");
    let expected: Vec<String> = (0..2_000)
        .filter(|n| n % 4 >= 2)
        .map(|n| format!("`nothing-{n}` names nothing declared in this plan"))
        .collect();
    assert_eq!(unknown, expected);
    assert!(messages_of(&findings, "missing-audience").is_empty());
    assert_eq!(messages_of(&findings, "unused-suppression").len(), 500);
}

/// A plan without objectives: its one `unaligned-tactic` finding names ten
/// tactics and counts the others (its message was as long as the plan's
/// list of ids), and still labels every tactic: the audit counts them.
#[test]
fn a_plan_without_objectives_names_ten_tactics_and_labels_every_one() {
    let mut plan = String::from(HEAD);
    for n in 0..2_000 {
        plan.push_str(&tactic(&format!("t{n}"), ""));
    }
    plan.push_str("}\n");
    let findings = lint(&plan);
    let unaligned: Vec<&Finding> = findings
        .iter()
        .filter(|finding| finding.rule == "unaligned-tactic")
        .collect();
    assert_eq!(unaligned.len(), 1);
    let named: Vec<String> = (0..10).map(|n| format!("`t{n}`")).collect();
    let expected_end = format!("{} and 1990 more", named.join(", "));
    assert!(
        unaligned[0].message.ends_with(&expected_end),
        "{}",
        unaligned[0].message
    );
    assert_eq!(unaligned[0].secondary.len(), 2_000);
}
