//! The `planlint` binary end to end: exit statuses, the JSON shape of
//! CLI.md, stdin, `rules` and `explain`.

mod common;

use common::{
    planlint, planlint_with_env, planlint_with_stdin, write, write_bytes, JSON_RECORD_FIELDS,
};

/// The spec's complete plan without its waiver of `missing-kpi` on a
/// foundational tactic with a rationale, which the corrected RULES.md made
/// redundant (an `unused-suppression`; see STALE_SPEC_WAIVER in
/// tests/examples.rs): a plan with no problem at all.
fn clean() -> String {
    include_str!("../examples/fy27-emea-demand-gen.plan").replace(
        "  # planlint: allow(missing-kpi) -- measured through the pipeline objective\n",
        "",
    )
}

#[test]
fn clean_plan_exits_zero_with_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.plan", &clean());
    let output = planlint(dir.path(), &["check", "good.plan"]);
    assert_eq!(output.status, 0, "{}", output.stderr);
    assert_eq!(output.stdout, "No problems found in 1 file.\n");
}

#[test]
fn errors_exit_one_and_warnings_alone_exit_zero() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.plan", "plan \"P\" { period: 2027-Q1 }\n");
    let output = planlint(dir.path(), &["check", "bad.plan"]);
    assert_eq!(output.status, 1);
    assert!(output.stdout.contains("unowned-plan"));

    // An unknown key is a warning: reported, but the run passes.
    let warning_only = clean().replace(
        "  period: 2027-Q1..2027-Q4\n",
        "  period: 2027-Q1..2027-Q4\n  regoin: emea\n",
    );
    write(dir.path(), "bad.plan", &warning_only);
    let output = planlint(dir.path(), &["check", "bad.plan"]);
    assert_eq!(output.status, 0, "{}", output.stdout);
    assert!(output
        .stdout
        .contains("Found 1 problem (1 warning) in 1 file."));
}

#[test]
fn a_missing_path_exits_two() {
    let dir = tempfile::tempdir().unwrap();
    let output = planlint(dir.path(), &["check", "nowhere.plan"]);
    assert_eq!(output.status, 2);
    assert!(output.stderr.contains("cannot read `nowhere.plan`"));
}

#[test]
fn bad_arguments_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    let output = planlint(dir.path(), &["check", "--format", "xml"]);
    assert_eq!(output.status, 2);
}

#[test]
fn directories_are_walked_for_plans_skipping_hidden_ones() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "plans/2027/good.plan", &clean());
    write(dir.path(), "plans/notes.txt", "not a plan {");
    write(dir.path(), ".git/broken.plan", "{");
    let output = planlint(dir.path(), &["check"]);
    assert_eq!(output.status, 0, "{}", output.stdout);
    assert_eq!(output.stdout, "No problems found in 1 file.\n");
}

/// The JSON record of the finding of `rule` in a one-file plan.
fn json_finding_of(plan: &str, rule: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "p.plan", plan);
    let output = planlint(dir.path(), &["check", "--format", "json", "p.plan"]);
    let findings: serde_json::Value = serde_json::from_str(&output.stdout).unwrap();
    let found: Vec<_> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|finding| finding["rule"] == rule)
        .cloned()
        .collect();
    assert_eq!(found.len(), 1, "{}", output.stdout);
    found[0].clone()
}

#[test]
fn a_misspelt_key_carries_a_safe_fix_that_renames_it() {
    let finding = json_finding_of("plan \"B\" {\n  ownr: @x\n}\n", "unknown-attribute");
    assert_eq!(
        finding["fix"],
        serde_json::json!({
            "message": "Rename `ownr` to `owner`",
            "safety": "safe",
            "edits": [{
                "line": 2, "column": 3, "end_line": 2, "end_column": 7,
                "replacement": "owner"
            }]
        })
    );
    // Renaming would give the block `owner` twice: no fix, only the hint.
    let finding = json_finding_of(
        "plan \"B\" {\n  owner: @y\n  ownr: @x\n}\n",
        "unknown-attribute",
    );
    assert_eq!(finding["fix"], serde_json::Value::Null);
    assert!(finding["help"]
        .as_str()
        .unwrap()
        .contains("Did you mean `owner`?"));
    // No close key: no fix.
    let finding = json_finding_of("plan \"B\" {\n  colour: red\n}\n", "unknown-attribute");
    assert_eq!(finding["fix"], serde_json::Value::Null);
}

#[test]
fn json_has_exactly_the_documented_fields_sorted() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b.plan", "plan \"B\" {\n  ownr: @x\n}\n");
    write(
        dir.path(),
        "a.plan",
        "plan \"A\" {\n  when: 2027-Q5\n  challenge: \"A new competitor\"\n}\n",
    );
    let output = planlint(
        dir.path(),
        &["check", "--format", "json", "b.plan", "a.plan"],
    );
    assert_eq!(output.status, 1);
    let findings: serde_json::Value = serde_json::from_str(&output.stdout).unwrap();
    let findings = findings.as_array().unwrap();
    for finding in findings {
        let mut keys: Vec<_> = finding.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(keys, JSON_RECORD_FIELDS);
    }
    let order: Vec<(String, u64, u64, String)> = findings
        .iter()
        .map(|finding| {
            (
                finding["file"].as_str().unwrap().to_string(),
                finding["line"].as_u64().unwrap(),
                finding["column"].as_u64().unwrap(),
                finding["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "sorted by file, line, column, rule");
    let first = &findings[0];
    assert_eq!(first["file"], "a.plan");
    assert_eq!(first["rule"], "unowned-plan");
    assert_eq!(first["severity"], "error");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(
        (first["end_line"].as_u64(), first["end_column"].as_u64()),
        (Some(1), Some(9))
    );
    assert!(first["help"].is_string());
    let unknown = findings
        .iter()
        .find(|finding| finding["rule"] == "unknown-attribute" && finding["file"] == "b.plan")
        .unwrap();
    assert_eq!(unknown["severity"], "warning");
    assert_eq!(
        (unknown["line"].as_u64(), unknown["column"].as_u64()),
        (Some(2), Some(3))
    );
    assert!(unknown["help"].as_str().unwrap().contains("`owner`"));
    // The summary goes to stderr so that stdout stays parseable.
    assert!(output.stderr.contains("Found"));
}

#[test]
fn stdin_is_linted_under_its_given_name() {
    let dir = tempfile::tempdir().unwrap();
    let output = planlint_with_stdin(
        dir.path(),
        &[
            "check",
            "--format",
            "compact",
            "--stdin-filename",
            "plans/draft.plan",
            "-",
        ],
        b"plan \"Draft\" {\n  challenge: \"A new competitor\"\n}\n",
    );
    assert_eq!(output.status, 1);
    let stdout = &output.stdout;
    assert!(
        stdout.starts_with("plans/draft.plan:1:1: error[unowned-plan] plan \"Draft\" has no owner"),
        "{stdout}"
    );
}

#[test]
fn unreadable_files_are_findings_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    write_bytes(dir.path(), "a.plan", b"plan \"Caf\xe9\" {}\n");
    write(dir.path(), "b.plan", &clean());
    let output = planlint(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(output.status, 1);
    let findings: serde_json::Value = serde_json::from_str(&output.stdout).unwrap();
    let findings = findings.as_array().unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["rule"], "unreadable-file");
    assert_eq!(findings[0]["file"], "a.plan");
    assert_eq!(
        (findings[0]["line"].as_u64(), findings[0]["column"].as_u64()),
        (Some(1), Some(10))
    );
    // The summary counts the files checked, not only those with findings.
    assert!(
        output
            .stderr
            .contains("Found 1 problem (1 error) in 2 files."),
        "{}",
        output.stderr
    );
}

#[test]
fn color_follows_the_flag_and_no_color() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.plan", "plan \"P\" {}\n");
    let always = planlint(dir.path(), &["check", "--color", "always", "bad.plan"]);
    assert!(
        always.stdout.contains('\u{1b}'),
        "colour escapes with --color always"
    );
    let never = planlint(dir.path(), &["check", "--color", "never", "bad.plan"]);
    assert!(!never.stdout.contains('\u{1b}'));
    let auto = planlint_with_env(dir.path(), &["check", "bad.plan"], &[("NO_COLOR", "1")]);
    assert!(
        !auto.stdout.contains('\u{1b}'),
        "NO_COLOR and a pipe: no colour"
    );
}

#[test]
fn rules_lists_every_rule_and_json_is_parseable() {
    let dir = tempfile::tempdir().unwrap();
    let human = planlint(dir.path(), &["rules"]);
    assert_eq!(human.status, 0);
    assert!(human
        .stdout
        .lines()
        .any(|line| line.starts_with("missing-kpi") && line.contains("error")));
    let json = planlint(dir.path(), &["rules", "--format", "json"]);
    let rules: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let ids: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|rule| rule["id"].as_str().unwrap())
        .collect();
    for id in [
        "unaligned-tactic",
        "missing-kpi",
        "unowned-plan",
        "over-capacity-quarter",
    ] {
        assert!(ids.contains(&id), "{id} listed");
    }
}

#[test]
fn explain_prints_the_rule_docs_and_unknown_rules_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    let output = planlint(dir.path(), &["explain", "over-capacity-quarter"]);
    assert_eq!(output.status, 0);
    let stdout = &output.stdout;
    for part in [
        "over-capacity-quarter (error)",
        "tolerance: 0%",
        "Why:",
        "Bad:",
        "Good:",
        "team {",
    ] {
        assert!(stdout.contains(part), "explain shows {part:?}:\n{stdout}");
    }
    let unknown = planlint(dir.path(), &["explain", "missing-kpis"]);
    assert_eq!(unknown.status, 2);
    assert!(unknown.stderr.contains("Did you mean `missing-kpi`?"));
}

/// "Did you mean" never names the block itself, a block of a kind the key
/// cannot name, or an unrelated short id (issue 10's two bad reports).
#[test]
fn did_you_mean_names_only_plausible_blocks_of_the_right_kind() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "p.plan",
        "plan \"P\" {\n  owner: @a\n  objective o \"O\" { owner: @a }\n  tactic a \"A\" { owner: @a }\n  tactic webinars \"W\" {\n    owner: @a\n    supports: webinar\n  }\n  tactic t \"T\" { owner: @a  supports: [x, y] }\n}\n",
    );
    let output = planlint(dir.path(), &["check", "--format", "json", "p.plan"]);
    let findings: serde_json::Value = serde_json::from_str(&output.stdout).unwrap();
    let helps: Vec<&str> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|finding| finding["rule"] == "unknown-reference")
        .map(|finding| finding["help"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(helps.len(), 3, "{helps:?}");
    for help in helps {
        assert!(!help.contains("Did you mean"), "{help}");
    }
}
