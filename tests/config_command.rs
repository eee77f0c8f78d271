//! `.planlint.yaml` end to end: discovery (nearest wins, whatever the
//! working directory), `--config`, severities and options, `exclude`,
//! `--select`/`--ignore`, `require-reason`, and every kind of mistake as one
//! error at its file, line and column with exit status 2.

mod common;

use common::{crate_dir, planlint, planlint_wide, planlint_with_stdin, write, Run};

/// A plan whose only problem is an objective without a KPI (line 5).
const NO_KPI: &str = r#"plan "P" {
  owner: @ana
  challenge: "A new competitor"
  strategy growth "Grow"
  objective leads "Leads" {
    owner: @ana
    supports: growth
  }
  tactic webinars "Webinars" {
    owner: @ana
    supports: leads
    audience: "IT directors"
    kpi signups { stage: engagement  target: 300  due: 2027-Q1  source: hubspot }
  }
}
"#;

/// `rule severity` for each finding of a compact report, sorted.
fn compact_findings(output: &Run) -> Vec<String> {
    let mut findings: Vec<String> = output
        .stdout
        .lines()
        .filter_map(|line| {
            let (_, rest) = line.split_once(": ")?;
            let (severity, rest) = rest.split_once('[')?;
            let (rule, _) = rest.split_once(']')?;
            Some(format!("{rule} {severity}"))
        })
        .collect();
    findings.sort();
    findings
}

#[test]
fn the_nearest_configuration_wins_from_any_working_directory() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, ".planlint.yaml", "rules:\n  missing-kpi: off\n");
    write(root, "a.plan", NO_KPI);
    write(
        root,
        "team/.planlint.yaml",
        "rules:\n  missing-kpi: warning\n",
    );
    write(root, "team/q1/b.plan", NO_KPI);

    let from_root = planlint(root, &["check", "--format", "compact", "."]);
    assert_eq!(from_root.status, 0, "{}", from_root.stderr);
    assert_eq!(compact_findings(&from_root), ["missing-kpi warning"]);
    assert!(from_root
        .stdout
        .starts_with("team/q1/b.plan:5:3: warning[missing-kpi]"));

    // The same plan from its own directory and from elsewhere, by absolute path.
    let from_inside = planlint(
        &root.join("team/q1"),
        &["check", "--format", "compact", "b.plan"],
    );
    assert_eq!(compact_findings(&from_inside), ["missing-kpi warning"]);
    let absolute = root.join("team/q1/b.plan");
    let from_elsewhere = planlint(
        &std::env::temp_dir(),
        &["check", "--format", "compact", absolute.to_str().unwrap()],
    );
    assert_eq!(compact_findings(&from_elsewhere), ["missing-kpi warning"]);
    // And through `..`: the path's own directory counts, not how it is written.
    let dotted = planlint(
        &root.join("team"),
        &["check", "--format", "compact", "../team/q1/b.plan"],
    );
    assert_eq!(compact_findings(&dotted), ["missing-kpi warning"]);
}

#[test]
fn stdin_uses_the_configuration_of_its_filename() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "quiet/.planlint.yaml",
        "rules:\n  missing-kpi: off\n",
    );
    let quiet = planlint_with_stdin(
        dir.path(),
        &[
            "check",
            "--format",
            "compact",
            "--stdin-filename",
            "quiet/draft.plan",
            "-",
        ],
        NO_KPI.as_bytes(),
    );
    assert_eq!(quiet.status, 0);
    assert_eq!(quiet.stdout, "");
    let loud = planlint_with_stdin(
        dir.path(),
        &[
            "check",
            "--format",
            "compact",
            "--stdin-filename",
            "draft.plan",
            "-",
        ],
        NO_KPI.as_bytes(),
    );
    assert_eq!(loud.status, 1);
}

#[test]
fn config_flag_applies_one_configuration_to_every_plan() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "team/.planlint.yaml",
        "rules:\n  missing-kpi: off\n",
    );
    write(dir.path(), "team/a.plan", NO_KPI);
    write(dir.path(), "ci.yaml", "rules:\n  missing-kpi: info\n");
    let output = planlint(
        dir.path(),
        &[
            "check", "--format", "compact", "--config", "ci.yaml", "team",
        ],
    );
    assert_eq!(compact_findings(&output), ["missing-kpi info"]);

    let missing = planlint(dir.path(), &["check", "--config", "nope.yaml", "team"]);
    assert_eq!(missing.status, 2);
    assert!(missing
        .stderr
        .contains("nope.yaml: cannot read the configuration"));
}

#[test]
fn options_change_what_a_rule_accepts() {
    let dir = tempfile::tempdir().unwrap();
    // 33 person-days in a quarter for a team of 30: 10% over.
    let plan = r#"plan "P" {
  owner: @ana
  challenge: "A new competitor"
  team {
    member @ana { capacity: 30d }
  }
  strategy growth "Grow"
  objective leads "Leads" {
    owner: @ana
    supports: growth
    kpi mqls { stage: engagement  target: 500  due: 2027-Q4  source: hubspot }
  }
  tactic webinars "Webinars" {
    owner: @ana
    supports: leads
    audience: "IT directors"
    when: 2027-Q1
    effort: 33d
    region: emea
    kpi signups { stage: engagement  target: 300  due: 2027-Q1  source: hubspot }
  }
}
"#;
    write(dir.path(), "strict/p.plan", plan);
    write(dir.path(), "lenient/p.plan", plan);
    write(
        dir.path(),
        "lenient/.planlint.yaml",
        "rules:\n  over-capacity-quarter:\n    severity: error\n    tolerance: 10%\n  overbooked-member: off\n  unknown-attribute:\n    allow: [region]\n",
    );
    let strict = planlint(dir.path(), &["check", "--format", "compact", "strict"]);
    assert_eq!(
        compact_findings(&strict),
        [
            "over-capacity-quarter error",
            "overbooked-member warning",
            "unknown-attribute warning"
        ]
    );
    let lenient = planlint(dir.path(), &["check", "--format", "compact", "lenient"]);
    assert_eq!(lenient.status, 0, "{}", lenient.stdout);
    assert_eq!(compact_findings(&lenient), Vec::<String>::new());
}

#[test]
fn exclude_applies_to_walked_and_explicit_paths() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".planlint.yaml",
        "exclude:\n  - archive/**\n  - drafts\n",
    );
    write(dir.path(), "archive/2025/old.plan", "plan \"Old\" { }\n");
    write(dir.path(), "drafts/new.plan", "plan \"Draft\" { }\n");
    write(dir.path(), "current.plan", "plan \"Now\" { }\n");

    let walked = planlint(dir.path(), &["check", "--format", "compact", "."]);
    let stdout = &walked.stdout;
    assert!(stdout.contains("current.plan:1:1"), "{stdout}");
    assert!(
        !stdout.contains("old.plan") && !stdout.contains("new.plan"),
        "{stdout}"
    );

    // A pre-commit hook passing an excluded file does not lint it.
    let explicit = planlint(
        dir.path(),
        &["check", "archive/2025/old.plan", "drafts/new.plan"],
    );
    assert_eq!(explicit.status, 0, "{}", explicit.stderr);
    assert_eq!(explicit.stdout, "");
    assert_eq!(
        explicit.stderr,
        "planlint: nothing to check: the 2 plans named are all excluded by the configuration's `exclude`.\n"
    );
    // A directory whose plans are all excluded is a run that checks nothing: a failure.
    let walked_archive = planlint(dir.path(), &["check", "archive"]);
    assert_eq!(walked_archive.status, 2, "{}", walked_archive.stderr);
    assert!(
        walked_archive
            .stderr
            .contains("the 1 plan found is excluded by the configuration's `exclude`"),
        "{}",
        walked_archive.stderr
    );
    // Relative to the configuration, not to the working directory.
    let inside = planlint(&dir.path().join("archive/2025"), &["check", "old.plan"]);
    assert_eq!(inside.status, 0);
}

#[test]
fn select_and_ignore_narrow_the_run() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "p.plan",
        "plan \"P\" {\n  ownr: @ana\n  challenge: \"A new competitor\"\n}\n",
    );
    let all = planlint(dir.path(), &["check", "--format", "compact", "p.plan"]);
    assert_eq!(
        compact_findings(&all),
        ["unknown-attribute warning", "unowned-plan error"]
    );
    let selected = planlint(
        dir.path(),
        &[
            "check",
            "--format",
            "compact",
            "--select",
            "unknown-attribute",
            "p.plan",
        ],
    );
    assert_eq!(compact_findings(&selected), ["unknown-attribute warning"]);
    assert_eq!(selected.status, 0);
    let ignored = planlint(
        dir.path(),
        &[
            "check",
            "--format",
            "compact",
            "--ignore",
            "unknown-attribute,unowned-plan",
            "p.plan",
        ],
    );
    assert_eq!(compact_findings(&ignored), Vec::<String>::new());

    let unknown = planlint(dir.path(), &["check", "--select", "unowned-plna", "p.plan"]);
    assert_eq!(unknown.status, 2);
    assert!(unknown.stderr.contains("Did you mean `unowned-plan`?"));
    let fixed = planlint(dir.path(), &["check", "--ignore", "syntax-error", "p.plan"]);
    assert_eq!(fixed.status, 2);
}

/// Runs `check` with a configuration and returns its stderr, asserting the
/// run failed with exactly one error.
fn config_error(config: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".planlint.yaml", config);
    write(dir.path(), "p.plan", NO_KPI);
    // Wide, so that messages are not wrapped.
    let output = planlint_wide(dir.path(), &["check", "p.plan"]);
    let stderr = output.stderr;
    assert_eq!(output.status, 2, "{stderr}");
    assert_eq!(output.stdout, "", "nothing is linted");
    assert_eq!(stderr.matches('×').count(), 1, "one error:\n{stderr}");
    stderr
}

#[test]
fn a_typo_in_a_rule_id_is_one_error_at_its_line_and_column() {
    let stderr = config_error("rules:\n  unowned-plan: warning\n  mising-kpi: warning\n");
    assert!(stderr.contains("there is no rule `mising-kpi`"), "{stderr}");
    assert!(stderr.contains("[.planlint.yaml:3:3]"), "{stderr}");
    assert!(stderr.contains("Did you mean `missing-kpi`?"), "{stderr}");
    // The snippet shows the offending line.
    assert!(stderr.contains(" 3 │   mising-kpi: warning"), "{stderr}");
}

#[test]
fn a_broken_configuration_fails_even_without_plans() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".planlint.yaml",
        "rules:\n  mising-kpi: warning\n",
    );
    let output = planlint(dir.path(), &["check", "."]);
    assert_eq!(output.status, 2);
    assert!(output.stderr.contains("[.planlint.yaml:2:3]"));
}

#[test]
fn every_kind_of_mistake_points_at_its_yaml() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "rules:\n  missing-kpi: warnin\n",
            "2:16",
            "`warnin` is not a severity",
        ),
        (
            "rules:\n  missing-kpi:\n    severity: loud\n",
            "3:15",
            "`loud` is not a severity",
        ),
        (
            "rules:\n  missing-kpi:\n    requires-for: [tactic]\n",
            "3:5",
            "rule `missing-kpi` has no option `requires-for`",
        ),
        (
            "rules:\n  missing-kpi:\n    require-for: [objectve]\n",
            "3:18",
            "unknown block kind `objectve`",
        ),
        (
            "rules:\n  unknown-attribute: { allow: region }\n",
            "2:31",
            "takes a list",
        ),
        (
            "rules:\n  over-capacity-quarter:\n    tolerance: lots\n",
            "3:16",
            "must be a percentage such as `10%`, not `lots`",
        ),
        (
            "rules:\n  syntax-error: off\n",
            "2:3",
            "cannot be configured",
        ),
        (
            "rules:\n  unreadable-file: warning\n",
            "2:3",
            "cannot be configured",
        ),
        (
            "rules:\n  missing-kpi: 3\n",
            "2:16",
            "needs a severity or settings",
        ),
        ("rules: [missing-kpi]\n", "1:8", "`rules` maps rule ids"),
        (
            "rulez:\n  missing-kpi: off\n",
            "1:1",
            "unknown setting `rulez`",
        ),
        ("require-reason: often\n", "1:17", "`true` or `false`"),
        ("exclude:\n  - \"a/[\"\n", "2:5", "invalid glob"),
        (
            "custom-rules:\n  - rules/*.yaml\n",
            "2:5",
            "matches no file",
        ),
        (
            "rules:\n  missing-kpi: warning\n   x: y\n",
            "3:5",
            "mapping values",
        ),
        (
            "rules: {missing-kpi: warning\n",
            "2:1",
            "did not find expected",
        ),
    ];
    for (config, line_column, message) in cases {
        let stderr = config_error(config);
        assert!(
            stderr.contains(&format!("[.planlint.yaml:{line_column}]")),
            "{config:?} should point at {line_column}:\n{stderr}"
        );
        assert!(stderr.contains(message), "{config:?}:\n{stderr}");
    }
}

#[test]
fn require_reason_reports_suppressions_that_do_not_say_why() {
    let plan = r#"plan "P" {
  owner: @ana
  challenge: "A new competitor"
  strategy growth "Grow"
  tactic webinars "Webinars" {
    owner: @ana
    supports: [leads, brand, pipeline]
    audience: "IT directors"
    kpi signups { stage: engagement  target: 300  due: 2027-Q1  source: hubspot }
  }
  # planlint: allow(missing-kpi)
  objective leads "Leads" {
    owner: @ana
    supports: growth
  }
  # planlint: allow(missing-kpi) --
  objective brand "Brand" {
    owner: @ana
    supports: growth
  }
  # planlint: allow(missing-kpi) -- measured by finance
  objective pipeline "Pipeline" {
    owner: @ana
    supports: growth
  }
}
"#;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "p.plan", plan);
    let relaxed = planlint(dir.path(), &["check", "--format", "compact", "p.plan"]);
    assert_eq!(relaxed.stdout, "");
    write(dir.path(), ".planlint.yaml", "require-reason: true\n");
    let strict = planlint(dir.path(), &["check", "--format", "compact", "p.plan"]);
    assert_eq!(
        strict.stdout,
        "p.plan:11:3: warning[suppression-without-reason] this suppression does not say why\n\
         p.plan:16:3: warning[suppression-without-reason] this suppression does not say why\n"
    );
    // A warning: the run passes; the suppressions still suppress.
    assert_eq!(strict.status, 0);
}

#[test]
fn explain_and_rules_include_the_custom_rules_of_the_configuration() {
    let examples = crate_dir().join("docs/custom-rules");
    let rules = planlint(&examples, &["rules"]);
    assert_eq!(rules.status, 0);
    assert!(rules.stdout.contains("paid-needs-budget"));
    let explain = planlint(&examples, &["explain", "no-synergy"]);
    assert_eq!(explain.status, 0);
    assert!(explain
        .stdout
        .contains("Titles are what a plan review reads"));
    let elsewhere = planlint(&std::env::temp_dir(), &["explain", "no-synergy"]);
    assert_eq!(elsewhere.status, 2);
}
