//! The `planlint` binary end to end: exit statuses, the JSON shape of
//! CLI.md, stdin, `rules` and `explain`.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn planlint(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .output()
        .expect("the binary runs")
}

fn planlint_stdin(args: &[&str], cwd: &Path, input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const CLEAN: &str = include_str!("../examples/fy27-emea-demand-gen.plan");

#[test]
fn clean_plan_exits_zero_with_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.plan"), CLEAN).unwrap();
    let output = planlint(&["check", "good.plan"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout), "No problems found in 1 file.\n");
}

#[test]
fn errors_exit_one_and_warnings_alone_exit_zero() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.plan"),
        "plan \"P\" { period: 2027-Q1 }\n",
    )
    .unwrap();
    let output = planlint(&["check", "bad.plan"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stdout).contains("unowned-plan"));

    // An unknown key is a warning: reported, but the run passes.
    let warning_only = CLEAN.replace(
        "  period: 2027-Q1..2027-Q4\n",
        "  period: 2027-Q1..2027-Q4\n  regoin: emea\n",
    );
    std::fs::write(dir.path().join("bad.plan"), warning_only).unwrap();
    let output = planlint(&["check", "bad.plan"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
    assert!(text(&output.stdout).contains("Found 1 problem (1 warning) in 1 file."));
}

#[test]
fn a_missing_path_exits_two() {
    let dir = tempfile::tempdir().unwrap();
    let output = planlint(&["check", "nowhere.plan"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("cannot read `nowhere.plan`"));
}

#[test]
fn bad_arguments_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    let output = planlint(&["check", "--format", "xml"], dir.path());
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn directories_are_walked_for_plans_skipping_hidden_ones() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("plans/2027")).unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join("plans/2027/good.plan"), CLEAN).unwrap();
    std::fs::write(dir.path().join("plans/notes.txt"), "not a plan {").unwrap();
    std::fs::write(dir.path().join(".git/broken.plan"), "{").unwrap();
    let output = planlint(&["check"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
    assert_eq!(text(&output.stdout), "No problems found in 1 file.\n");
}

#[test]
fn json_has_exactly_the_documented_fields_sorted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("b.plan"), "plan \"B\" {\n  ownr: @x\n}\n").unwrap();
    std::fs::write(
        dir.path().join("a.plan"),
        "plan \"A\" {\n  when: 2027-Q5\n  challenge: \"A new competitor\"\n}\n",
    )
    .unwrap();
    let output = planlint(
        &["check", "--format", "json", "b.plan", "a.plan"],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(1));
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = findings.as_array().unwrap();
    let keys: Vec<Vec<String>> = findings
        .iter()
        .map(|finding| finding.as_object().unwrap().keys().cloned().collect())
        .collect();
    let mut expected = vec![
        "column",
        "end_column",
        "end_line",
        "file",
        "help",
        "line",
        "message",
        "rule",
        "severity",
    ];
    expected.sort();
    for finding_keys in &keys {
        let mut finding_keys = finding_keys.clone();
        finding_keys.sort();
        assert_eq!(finding_keys, expected);
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
    assert!(text(&output.stderr).contains("Found"));
}

#[test]
fn stdin_is_linted_under_its_given_name() {
    let dir = tempfile::tempdir().unwrap();
    let output = planlint_stdin(
        &[
            "check",
            "--format",
            "compact",
            "--stdin-filename",
            "plans/draft.plan",
            "-",
        ],
        dir.path(),
        b"plan \"Draft\" {\n  challenge: \"A new competitor\"\n}\n",
    );
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    assert!(
        stdout.starts_with("plans/draft.plan:1:1: error[unowned-plan] plan \"Draft\" has no owner"),
        "{stdout}"
    );
}

#[test]
fn unreadable_files_are_findings_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.plan"), b"plan \"Caf\xe9\" {}\n").unwrap();
    std::fs::write(dir.path().join("b.plan"), CLEAN).unwrap();
    let output = planlint(&["check", "--format", "json", "."], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = findings.as_array().unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["rule"], "unreadable-file");
    assert_eq!(findings[0]["file"], "a.plan");
    assert_eq!(
        (findings[0]["line"].as_u64(), findings[0]["column"].as_u64()),
        (Some(1), Some(10))
    );
    assert!(text(&output.stderr).contains("in 1 file"));
}

#[test]
fn color_follows_the_flag_and_no_color() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.plan"), "plan \"P\" {}\n").unwrap();
    let always = planlint(&["check", "--color", "always", "bad.plan"], dir.path());
    assert!(
        text(&always.stdout).contains('\u{1b}'),
        "colour escapes with --color always"
    );
    let never = planlint(&["check", "--color", "never", "bad.plan"], dir.path());
    assert!(!text(&never.stdout).contains('\u{1b}'));
    let auto = Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(["check", "bad.plan"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        !text(&auto.stdout).contains('\u{1b}'),
        "NO_COLOR and a pipe: no colour"
    );
}

#[test]
fn rules_lists_every_rule_and_json_is_parseable() {
    let dir = tempfile::tempdir().unwrap();
    let human = planlint(&["rules"], dir.path());
    assert_eq!(human.status.code(), Some(0));
    assert!(text(&human.stdout)
        .lines()
        .any(|line| line.starts_with("missing-kpi") && line.contains("error")));
    let json = planlint(&["rules", "--format", "json"], dir.path());
    let rules: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
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
    let output = planlint(&["explain", "over-capacity-quarter"], dir.path());
    assert_eq!(output.status.code(), Some(0));
    let stdout = text(&output.stdout);
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
    let unknown = planlint(&["explain", "missing-kpis"], dir.path());
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).contains("Did you mean `missing-kpi`?"));
}
