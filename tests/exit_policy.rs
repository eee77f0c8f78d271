//! Exit status and summaries: `--max-warnings`, `--quiet`, `--statistics`
//! (CLI.md, "Exit status").

mod common;

use common::{planlint, write, MIXED_PLAN, WARNINGS_PLAN};

fn warnings_only() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "warnings.plan", WARNINGS_PLAN);
    dir
}

#[test]
fn warnings_alone_do_not_fail_the_run() {
    let dir = warnings_only();
    let run = planlint(
        dir.path(),
        &["check", "--format", "compact", "warnings.plan"],
    );
    assert_eq!(run.status, 0);
    assert_eq!(run.stdout.lines().count(), 2);
}

#[test]
fn max_warnings_fails_only_above_the_limit() {
    let dir = warnings_only();
    let args = |max: &'static str| {
        [
            "check",
            "--format",
            "compact",
            "--max-warnings",
            max,
            "warnings.plan",
        ]
    };
    let at_limit = planlint(dir.path(), &args("2"));
    assert_eq!(at_limit.status, 0, "{}", at_limit.stderr);
    assert_eq!(
        at_limit.stderr,
        "Found 2 problems (2 warnings) in 1 file.\n"
    );

    let over = planlint(dir.path(), &args("1"));
    assert_eq!(over.status, 1);
    insta::assert_snapshot!(over.stderr, @r"
    Found 2 problems (2 warnings) in 1 file.
    planlint: too many warnings: 2, and --max-warnings allows 1.
    ");
    assert_eq!(planlint(dir.path(), &args("0")).status, 1);
}

#[test]
fn max_warnings_must_be_a_number() {
    let dir = warnings_only();
    let run = planlint(
        dir.path(),
        &["check", "--max-warnings", "some", "warnings.plan"],
    );
    assert_eq!(run.status, 2);
}

#[test]
fn quiet_shows_errors_only() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "mixed.plan", MIXED_PLAN);
    let run = planlint(
        dir.path(),
        &["check", "--quiet", "--format", "compact", "mixed.plan"],
    );
    assert_eq!(run.status, 1);
    insta::assert_snapshot!(run.stdout, @"mixed.plan:12:3: error[missing-kpi] tactic `calls` has no KPI");
    assert_eq!(run.stderr, "Found 1 problem (1 error) in 1 file.\n");

    let dir = warnings_only();
    let run = planlint(
        dir.path(),
        &["check", "-q", "--color", "never", "warnings.plan"],
    );
    assert_eq!(run.status, 0);
    assert_eq!(run.stdout, "No problems found in 1 file.\n");
}

#[test]
fn quiet_does_not_hide_warnings_from_the_exit_policy() {
    let dir = warnings_only();
    let run = planlint(
        dir.path(),
        &[
            "check",
            "-q",
            "--max-warnings",
            "0",
            "--format",
            "compact",
            "warnings.plan",
        ],
    );
    assert_eq!(run.status, 1);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("too many warnings: 2"),
        "{}",
        run.stderr
    );
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a/mixed.plan", MIXED_PLAN);
    write(dir.path(), "a/warnings.plan", WARNINGS_PLAN);
    write(dir.path(), "b/mixed.plan", MIXED_PLAN);
    let run = planlint(
        dir.path(),
        &["check", "--statistics", "--color", "never", "."],
    );
    assert_eq!(run.status, 1);
    // Most frequent first, then by rule id; the summary follows on stdout.
    insta::assert_snapshot!(run.stdout, @r"
    4  unknown-attribute  A key the language does not define, or a key on the wrong kind of block.
    2  missing-kpi        An objective or tactic has no KPI.
    Found 6 problems (2 errors, 4 warnings) in 3 files.
    ");

    let run = planlint(
        dir.path(),
        &["check", "--statistics", "--format", "json", "."],
    );
    assert_eq!(run.status, 1);
    let counts: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        counts,
        serde_json::json!([
            {"rule": "unknown-attribute", "count": 4},
            {"rule": "missing-kpi", "count": 2},
        ])
    );
    assert_eq!(
        run.stderr,
        "Found 6 problems (2 errors, 4 warnings) in 3 files.\n"
    );
}

#[test]
fn statistics_need_a_format_that_can_carry_them() {
    let dir = warnings_only();
    for format in ["sarif", "github"] {
        let run = planlint(
            dir.path(),
            &["check", "--statistics", "--format", format, "."],
        );
        assert_eq!(run.status, 2, "{format}");
        assert!(run.stderr.contains("--statistics"), "{}", run.stderr);
    }
}

/// A reader that stops early (`planlint check … | head`) closes the pipe:
/// planlint's writes then fail, and the run ends with its exit status,
/// not killed by SIGPIPE (the process starts with the signal's default
/// action, as a shell gives it). On Linux with glibc the binary has its
/// own entry point (src/main.rs), which must keep that.
#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_the_run_with_a_status_not_a_signal() {
    use std::io::Read;
    use std::os::unix::process::ExitStatusExt;
    use std::process::Stdio;
    let mut child = common::command(common::crate_dir(), &["check", "fixtures", "examples"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the planlint binary runs");
    let mut first = [0u8; 64];
    let mut stdout = child.stdout.take().expect("piped");
    stdout.read_exact(&mut first).expect("the report starts");
    drop(stdout);
    let status = child.wait().expect("planlint ends");
    assert_eq!(status.signal(), None, "killed by a signal: {status:?}");
    assert!(matches!(status.code(), Some(1 | 2)), "{status:?}");
}
