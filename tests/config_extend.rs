//! `extend:` in `.planlint.yaml` (a shared policy under a team's file,
//! merged rule by rule, cycles and escapes refused at their line), and
//! `planlint config`, which shows the result; completions and man page.

mod common;

use std::path::Path;

use common::{crate_dir, planlint, planlint_wide, write};

/// A repository (a `.git` directory marks its root) with a company policy
/// and a team configuration that extends it.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    write(
        dir.path(),
        "planlint-policy.yaml",
        "rules:\n  missing-kpi: warning\n  unknown-attribute:\n    allow: [region]\n  unowned-plan: info\n\
         custom-rules:\n  - policy-rules/*.yaml\nexclude:\n  - archive/**\nrequire-reason: true\n",
    );
    let policy =
        std::fs::read_to_string(crate_dir().join("docs/custom-rules/policies/no-synergy.yaml"))
            .unwrap();
    write(dir.path(), "policy-rules/no-synergy.yaml", &policy);
    write(
        dir.path(),
        "team/.planlint.yaml",
        "extend: ../planlint-policy.yaml\nrules:\n  missing-kpi: error\n  no-synergy: off\n",
    );
    dir
}

fn settings(dir: &Path, path: &str) -> serde_json::Value {
    let run = planlint(dir, &["config", "--format", "json", path]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

fn rule<'a>(settings: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    settings["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|rule| rule["id"] == id)
        .unwrap_or_else(|| panic!("no rule {id} in {settings}"))
}

#[test]
fn a_team_file_adds_to_the_policy_it_extends_rule_by_rule() {
    let dir = repository();
    write(dir.path(), "team/q1.plan", "plan \"Q1\" { }\n");
    let team = settings(dir.path(), "team/q1.plan");
    assert_eq!(team["file"], "team/.planlint.yaml");
    assert_eq!(team["extends"], serde_json::json!(["planlint-policy.yaml"]));
    // The team's entry wins for its rules; the policy's stand for the rest.
    assert_eq!(rule(&team, "missing-kpi")["severity"], "error");
    assert_eq!(rule(&team, "no-synergy")["severity"], "off");
    assert_eq!(rule(&team, "unowned-plan")["severity"], "info");
    assert_eq!(
        rule(&team, "unknown-attribute")["options"]["allow"],
        serde_json::json!(["region"])
    );
    assert_eq!(team["require-reason"], true);

    // The policy's `exclude` is relative to the policy's own file.
    write(dir.path(), "archive/old.plan", "plan \"Old\" { }\n");
    write(
        dir.path(),
        "archive/.planlint.yaml",
        "extend: ../team/.planlint.yaml\n",
    );
    let archived = planlint(dir.path(), &["check", "archive/old.plan"]);
    assert_eq!(archived.status, 0, "{}", archived.stderr);
    assert!(archived.stderr.contains("excluded"), "{}", archived.stderr);

    let check = planlint(
        dir.path(),
        &["check", "--format", "compact", "team/q1.plan"],
    );
    assert!(
        check.stdout.contains("info[unowned-plan]"),
        "the policy's severity: {}",
        check.stdout
    );
}

#[test]
fn a_cycle_is_an_error_at_its_line() {
    let dir = repository();
    write(
        dir.path(),
        "planlint-policy.yaml",
        "# the company policy\nrules:\n  missing-kpi: warning\nextend: team/.planlint.yaml\n",
    );
    write(dir.path(), "team/q1.plan", "plan \"Q1\" { }\n");
    let run = planlint_wide(dir.path(), &["check", "team/q1.plan"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "`extend` makes a cycle: `team/.planlint.yaml` → `planlint-policy.yaml` → `team/.planlint.yaml`"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("[planlint-policy.yaml:4:9]"),
        "at the `extend` of the file that closes it: {}",
        run.stderr
    );
}

#[test]
fn extend_stays_inside_the_repository() {
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "secret.yaml", "password: hunter2\n");
    let dir = repository();
    write(dir.path(), "team/q1.plan", "plan \"Q1\" { }\n");
    let secret = outside.path().join("secret.yaml");
    for (written, line) in [
        (secret.display().to_string(), "[team/.planlint.yaml:2:9]"),
        ("../../escape.yaml".to_string(), "[team/.planlint.yaml:2:9]"),
    ] {
        write(
            dir.path(),
            "team/.planlint.yaml",
            &format!("rules: {{}}\nextend: {written}\n"),
        );
        let run = planlint_wide(dir.path(), &["check", "team/q1.plan"]);
        assert_eq!(run.status, 2, "{written}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("is outside this configuration's repository"),
            "{written}: {}",
            run.stderr
        );
        assert!(run.stderr.contains(line), "{written}: {}", run.stderr);
        assert!(!run.stderr.contains("hunter2"), "{}", run.stderr);
    }

    // A link inside the repository that leads out of it is refused too.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&secret, dir.path().join("team/shared.yaml")).unwrap();
        write(dir.path(), "team/.planlint.yaml", "extend: shared.yaml\n");
        let run = planlint_wide(dir.path(), &["check", "team/q1.plan"]);
        assert_eq!(run.status, 2, "{}", run.stderr);
        assert!(run.stderr.contains("is outside"), "{}", run.stderr);
        assert!(!run.stderr.contains("hunter2"), "{}", run.stderr);
    }
}

#[test]
fn config_shows_the_file_and_every_rules_settings() {
    let dir = repository();
    let run = planlint(dir.path(), &["config", "team"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[..4],
        [
            "Configuration for `team`: team/.planlint.yaml",
            "  extends planlint-policy.yaml",
            "require-reason: true",
            "exclude: archive/** (relative to .)",
        ],
        "{}",
        run.stdout
    );
    let line_of = |id: &str| {
        lines
            .iter()
            .find(|line| line.trim_start().starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("{id} in {}", run.stdout))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        line_of("missing-kpi"),
        "missing-kpi error require-for: [\"objective\",\"tactic\"]"
    );
    assert_eq!(
        line_of("no-synergy"),
        "no-synergy off (custom, policy-rules/no-synergy.yaml)"
    );
    let bare = tempfile::tempdir().unwrap();
    let defaults = planlint(bare.path(), &["config"]);
    assert!(
        defaults
            .stdout
            .starts_with("Configuration for `.`: none found"),
        "{}",
        defaults.stdout
    );
}

#[test]
fn completions_and_the_man_page_cover_every_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let bash = planlint(dir.path(), &["completions", "bash"]);
    assert_eq!(bash.status, 0);
    assert!(
        bash.stdout.contains("complete -F _planlint"),
        "{}",
        bash.stdout
    );
    let man = planlint(dir.path(), &["manpage"]);
    assert_eq!(man.status, 0);
    assert!(man.stdout.contains(".TH planlint 1"), "{}", man.stdout);
    for subcommand in ["check", "config", "import", "audit", "explain"] {
        assert!(bash.stdout.contains(subcommand), "bash: {subcommand}");
        assert!(man.stdout.contains(subcommand), "man: {subcommand}");
    }
}
