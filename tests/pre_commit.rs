//! The `planlint` hook of `.pre-commit-hooks.yaml`, run by the real
//! pre-commit framework (from PyPI) the way a plan repository uses it: a
//! temporary git repository whose `.pre-commit-config.yaml` points at a
//! clean clone of this repository at HEAD, with `language: rust`, so
//! pre-commit builds planlint with `cargo install` and runs it on the
//! staged plans. A bad plan is refused, a good one is committed.
//!
//! It needs `pre-commit` and network access to crates.io (cargo install
//! resolves the dependencies afresh), and takes minutes the first time (a
//! release build). It runs when `PLANLINT_PRE_COMMIT` names the
//! executable (`.ci/run` installs it in `.ci/venv` and sets it), or when
//! `pre-commit` is on the PATH; otherwise it is skipped with a message.
//! It tests what is committed: uncommitted changes are not in the clone.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{CLEAN_PLAN, MIXED_PLAN};

fn find_pre_commit() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PLANLINT_PRE_COMMIT") {
        let path = PathBuf::from(path);
        assert!(
            path.is_file(),
            "PLANLINT_PRE_COMMIT names {}, which does not exist",
            path.display()
        );
        return Some(path);
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join("pre-commit"))
        .find(|path| path.is_file())
}

/// Runs a command and returns its output, or fails the test with it.
fn run(command: &mut Command) -> String {
    let output = command.output().unwrap_or_else(|error| {
        panic!("cannot run {command:?}: {error}");
    });
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{command:?} failed:\n{text}");
    text
}

fn git(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Plan Author",
            "-c",
            "user.email=author@example.com",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        // The variables git sets for a hook must not leak into the test's
        // own repositories if the test itself runs from a hook.
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_WORK_TREE");
    command
}

#[test]
fn the_pre_commit_hook_refuses_a_bad_plan_and_accepts_a_good_one() {
    let Some(pre_commit) = find_pre_commit() else {
        eprintln!(
            "SKIPPED: pre-commit is not installed. `.ci/run` installs it in .ci/venv \
             and runs this test; or put `pre-commit` on the PATH."
        );
        return;
    };
    let this_repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().unwrap();

    // A clean clone of this repository at HEAD: what users' pre-commit sees.
    let clone = work.path().join("planlint");
    run(git(work.path())
        .args(["clone", "--quiet", "--no-hardlinks"])
        .arg(this_repo)
        .arg(&clone));
    let rev = run(git(&clone).args(["rev-parse", "HEAD"]))
        .trim()
        .to_string();

    // A plan repository that uses the hook.
    let plans = work.path().join("plans");
    std::fs::create_dir(&plans).unwrap();
    run(git(&plans).args(["init", "--quiet"]));
    std::fs::write(
        plans.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: planlint\n",
            clone.display()
        ),
    )
    .unwrap();
    let pre_commit_env = |command: &mut Command| {
        command
            .env("PRE_COMMIT_HOME", work.path().join("pre-commit-home"))
            // Keep cargo's build between runs of this test (only the
            // dependencies are reused: the planlint clone is new each time),
            // and build without LTO: the hook is the same, the test faster.
            .env(
                "CARGO_TARGET_DIR",
                this_repo.join("target").join("pre-commit-hook"),
            )
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16");
    };
    let mut install = Command::new(&pre_commit);
    install.current_dir(&plans).arg("install");
    pre_commit_env(&mut install);
    run(&mut install);

    // A plan with an error (a tactic without a KPI): the commit is refused.
    std::fs::write(plans.join("q1.plan"), MIXED_PLAN).unwrap();
    // Not a plan: `files: \.plan$` keeps it away from planlint.
    std::fs::write(plans.join("notes.md"), "# Notes { not a plan\n").unwrap();
    run(git(&plans).args(["add", "."]));
    let mut commit = git(&plans);
    commit.args(["commit", "--quiet", "-m", "Q1 plan"]);
    pre_commit_env(&mut commit);
    let refused = commit.output().unwrap();
    let output = format!(
        "{}{}",
        String::from_utf8_lossy(&refused.stdout),
        String::from_utf8_lossy(&refused.stderr)
    );
    assert!(
        !refused.status.success(),
        "the commit of a bad plan went through:\n{output}"
    );
    assert!(output.contains("planlint"), "{output}");
    assert!(output.contains("Failed"), "{output}");
    assert!(
        output.contains("missing-kpi") && output.contains("q1.plan:12:3"),
        "planlint's finding is shown:\n{output}"
    );
    assert!(!output.contains("notes.md"), "{output}");
    let no_commit = git(&plans)
        .args(["rev-parse", "--verify", "HEAD"])
        .output()
        .unwrap();
    assert!(!no_commit.status.success(), "nothing was committed");

    // The fixed plan: the commit goes through.
    std::fs::write(plans.join("q1.plan"), CLEAN_PLAN).unwrap();
    run(git(&plans).args(["add", "."]));
    let mut commit = git(&plans);
    commit.args(["commit", "--quiet", "-m", "Q1 plan"]);
    pre_commit_env(&mut commit);
    let accepted = run(&mut commit);
    assert!(accepted.contains("Passed"), "{accepted}");
    run(git(&plans).args(["rev-parse", "--verify", "HEAD"]));
}
