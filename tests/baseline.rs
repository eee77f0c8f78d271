//! Baselines (`--write-baseline`, `--baseline`): recorded findings stay
//! hidden when lines are inserted above them, new ones are reported, and
//! fixed ones drop out of a rewritten baseline.

mod common;

use common::{file_names, planlint, write, MIXED_PLAN};

/// The mixed plan with `extra` inserted after its first line.
fn with_lines_inserted(extra: &str) -> String {
    let (first, rest) = MIXED_PLAN.split_once('\n').unwrap();
    format!("{first}\n{extra}{rest}")
}

#[test]
fn a_baseline_hides_recorded_findings_after_lines_are_inserted_above_them() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "plans/mixed.plan", MIXED_PLAN);
    let check_against_baseline = || {
        planlint(
            dir.path(),
            &[
                "check",
                "--baseline",
                "planlint-baseline.json",
                "--format",
                "compact",
                "plans",
            ],
        )
    };

    let written = planlint(
        dir.path(),
        &[
            "check",
            "--write-baseline",
            "planlint-baseline.json",
            "plans",
        ],
    );
    assert_eq!(written.status, 0, "recording errors still exits 0");
    assert_eq!(written.stdout, "");
    assert_eq!(
        written.stderr,
        "Recorded 2 problems in 1 file in the baseline `planlint-baseline.json`.\n"
    );
    let baseline = std::fs::read_to_string(dir.path().join("planlint-baseline.json")).unwrap();
    insta::assert_snapshot!(baseline);

    // Comments and a strategy above every finding move them down three lines.
    write(
        dir.path(),
        "plans/mixed.plan",
        &with_lines_inserted("  # Reviewed in January.\n  # Still to do: measure the calls.\n  strategy growth \"Grow\"\n"),
    );
    let before = planlint(dir.path(), &["check", "--format", "compact", "plans"]);
    assert!(
        before.stdout.starts_with("plans/mixed.plan:15:3:"),
        "{}",
        before.stdout
    );
    let run = check_against_baseline();
    assert_eq!(run.status, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "No problems found in 1 file.\n2 problems recorded in the baseline were not reported.\n"
    );

    // A new finding is reported, the recorded ones are not.
    let edited = std::fs::read_to_string(dir.path().join("plans/mixed.plan"))
        .unwrap()
        .replace(
            "    colour: blue\n",
            "    colour: blue\n    flavour: mint\n",
        );
    write(dir.path(), "plans/mixed.plan", &edited);
    let run = check_against_baseline();
    assert_eq!(run.status, 0, "a new warning alone does not fail the run");
    let reported: Vec<_> = run.stdout.lines().collect();
    assert_eq!(reported.len(), 1, "{}", run.stdout);
    assert!(
        reported[0].starts_with("plans/mixed.plan:20:5: warning[unknown-attribute] `flavour`"),
        "{}",
        run.stdout
    );
}

#[test]
fn matching_counts_identical_findings() {
    let dir = tempfile::tempdir().unwrap();
    let naming =
        |names: &str| MIXED_PLAN.replace("supports: winback", &format!("supports: [{names}]"));
    write(dir.path(), "mixed.plan", &naming("nope"));
    assert_eq!(
        planlint(
            dir.path(),
            &["check", "--write-baseline", "baseline.json", "."]
        )
        .status,
        0
    );
    // Naming `nope` twice gives two findings with the same file, rule,
    // block and message as the recorded one: exactly one of them is new.
    write(dir.path(), "mixed.plan", &naming("nope, nope"));
    let all = planlint(dir.path(), &["check", "--format", "compact", "."]);
    let unknown = |run: &common::Run| {
        run.stdout
            .lines()
            .filter(|line| line.contains("[unknown-reference]"))
            .count()
    };
    assert_eq!(unknown(&all), 2, "{}", all.stdout);
    let run = planlint(
        dir.path(),
        &[
            "check",
            "--baseline",
            "baseline.json",
            "--format",
            "compact",
            ".",
        ],
    );
    assert_eq!(unknown(&run), 1, "{}", run.stdout);
    assert_eq!(run.status, 1);
}

#[test]
fn fixed_findings_drop_out_of_a_rewritten_baseline() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "mixed.plan", MIXED_PLAN);
    planlint(
        dir.path(),
        &["check", "--write-baseline", "baseline.json", "."],
    );
    write(
        dir.path(),
        "mixed.plan",
        &MIXED_PLAN.replace("    colour: blue\n", ""),
    );
    let rewritten = planlint(
        dir.path(),
        &[
            "check",
            "--baseline",
            "baseline.json",
            "--write-baseline",
            "baseline.json",
            ".",
        ],
    );
    assert_eq!(rewritten.status, 0);
    let baseline = std::fs::read_to_string(dir.path().join("baseline.json")).unwrap();
    assert!(baseline.contains("missing-kpi"), "{baseline}");
    assert!(!baseline.contains("unknown-attribute"), "{baseline}");
    // The write left no temporary file behind.
    assert_eq!(file_names(dir.path()), ["baseline.json", "mixed.plan"]);
}

#[test]
fn paths_are_relative_to_the_baseline_so_any_directory_matches() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "plans/q1/mixed.plan", MIXED_PLAN);
    planlint(
        dir.path(),
        &["check", "--write-baseline", "baseline.json", "plans"],
    );
    let baseline = std::fs::read_to_string(dir.path().join("baseline.json")).unwrap();
    assert!(
        baseline.contains("\"file\":\"plans/q1/mixed.plan\""),
        "{baseline}"
    );
    // Run from inside the plans directory, on the one file.
    let run = planlint(
        &dir.path().join("plans/q1"),
        &["check", "--baseline", "../../baseline.json", "mixed.plan"],
    );
    assert_eq!(run.status, 0, "{}", run.stdout);
}

#[test]
fn an_unusable_baseline_fails_the_run() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "mixed.plan", MIXED_PLAN);
    let missing = planlint(dir.path(), &["check", "--baseline", "nope.json", "."]);
    assert_eq!(missing.status, 2);
    assert_eq!(
        missing.stderr,
        "planlint: error: cannot read the baseline `nope.json`: no such file or directory\n"
    );
    write(dir.path(), "old.json", "{\"version\": 7, \"findings\": []}");
    let old = planlint(dir.path(), &["check", "--baseline", "old.json", "."]);
    assert_eq!(old.status, 2);
    assert!(old.stderr.contains("version 7"), "{}", old.stderr);
    let unwritable = planlint(
        dir.path(),
        &[
            "check",
            "--write-baseline",
            "no/such/dir/baseline.json",
            ".",
        ],
    );
    assert_eq!(unwritable.status, 2);
}
