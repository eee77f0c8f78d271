//! The planlint hooks, run by the real pre-commit framework (from PyPI)
//! the way a plan repository uses them: a temporary git repository whose
//! `.pre-commit-config.yaml` points at a hook repository, with
//! `--max-warnings 4` in its `args`. A bad plan is refused, a good one is
//! committed, and six plans with one warning each are refused: both hooks
//! are `require_serial`, so one planlint run counts all six warnings
//! (pre-commit would otherwise split them into a batch per CPU, and each
//! batch would pass on its own).
//!
//! - `language: rust` (`.pre-commit-hooks.yaml`): the hook repository is a
//!   clean clone of this one at HEAD; pre-commit builds planlint with
//!   `cargo install` (network access to crates.io, minutes the first time).
//! - `language: python` (`pre-commit-mirror/`, the planlint-pre-commit
//!   repository): the hook repository is a git repository of that template;
//!   pre-commit installs it with pip, which installs planlint's wheel. The
//!   wheel comes from `PLANLINT_WHEELS` (a directory with the wheel `.ci/run`
//!   builds with maturin and a setuptools wheel), with no package index and
//!   no Rust toolchain on the PATH: it proves the hook needs no Rust.
//!
//! They run when `PLANLINT_PRE_COMMIT` names the pre-commit executable
//! (`.ci/run` installs it in `.ci/venv` and sets it), or when `pre-commit` is
//! on the PATH; the Python hook also needs `PLANLINT_WHEELS`. Otherwise they
//! are skipped with a message. They test what is committed: uncommitted
//! changes are not in the clone.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{crate_dir, CLEAN_PLAN, MIXED_PLAN, WARNINGS_PLAN};

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

fn skip(why: &str) {
    eprintln!("SKIPPED: {why}");
}

/// What a commit printed, and whether it went through.
fn try_commit(plans: &Path, environment: &dyn Fn(&mut Command)) -> (bool, String) {
    run(git(plans).args(["add", "."]));
    let mut commit = git(plans);
    commit.args(["commit", "--quiet", "-m", "plans"]);
    environment(&mut commit);
    let output = commit.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

/// A plan repository using the hook `planlint` of the hook repository at
/// `rev`, with `--max-warnings 4`: a bad plan is refused, a good one is
/// committed, six plans with one warning each are refused.
fn exercise_hook(
    pre_commit: &Path,
    work: &Path,
    hook_repo: &Path,
    rev: &str,
    environment: &dyn Fn(&mut Command),
) {
    let plans = work.join("plans");
    std::fs::create_dir(&plans).unwrap();
    run(git(&plans).args(["init", "--quiet"]));
    std::fs::write(
        plans.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: planlint\n        args: [--max-warnings, \"4\"]\n",
            hook_repo.display()
        ),
    )
    .unwrap();
    let mut install = Command::new(pre_commit);
    install.current_dir(&plans).arg("install");
    environment(&mut install);
    run(&mut install);

    // A plan with an error (a tactic without a KPI): the commit is refused.
    std::fs::write(plans.join("q1.plan"), MIXED_PLAN).unwrap();
    // Not a plan: `files: \.plan$` keeps it away from planlint.
    std::fs::write(plans.join("notes.md"), "# Notes { not a plan\n").unwrap();
    let (committed, output) = try_commit(&plans, environment);
    assert!(
        !committed,
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
    let (committed, output) = try_commit(&plans, environment);
    assert!(committed && output.contains("Passed"), "{output}");
    run(git(&plans).args(["rev-parse", "--verify", "HEAD"]));

    // Six plans with one warning each, against `--max-warnings 4`.
    let one_warning = WARNINGS_PLAN.replace("    flavour: mint\n", "");
    for number in 1..=6 {
        std::fs::write(plans.join(format!("team-{number}.plan")), &one_warning).unwrap();
    }
    let (committed, output) = try_commit(&plans, environment);
    assert!(
        !committed,
        "six warnings passed --max-warnings 4 (split into batches?):\n{output}"
    );
    assert!(
        output.contains("too many warnings: 6, and --max-warnings allows 4"),
        "one run saw all six plans:\n{output}"
    );
}

#[test]
fn the_rust_hook_builds_planlint_and_guards_commits() {
    let Some(pre_commit) = find_pre_commit() else {
        return skip(
            "pre-commit is not installed. `.ci/run` installs it in .ci/venv and runs this test; \
             or put `pre-commit` on the PATH.",
        );
    };
    let this_repo = crate_dir();
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
    let home = work.path().join("pre-commit-home");
    let environment = |command: &mut Command| {
        command.env("PRE_COMMIT_HOME", &home);
        fast_release_build(command);
    };
    exercise_hook(&pre_commit, work.path(), &clone, &rev, &environment);
}

/// Keeps cargo's build between runs (only the dependencies are reused: the
/// planlint clone is new each time) and builds without optimisation: the
/// hook is the same, the test minutes faster. `.ci/run` builds the wheel
/// with the same settings, so the two share their dependencies.
fn fast_release_build(command: &mut Command) {
    command
        .env(
            "CARGO_TARGET_DIR",
            crate_dir().join("target").join("pre-commit-hook"),
        )
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "256")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0");
}

#[test]
fn the_python_hook_installs_the_wheel_without_rust() {
    let Some(pre_commit) = find_pre_commit() else {
        return skip("pre-commit is not installed (see the rust hook's test).");
    };
    let Some(wheels) = std::env::var_os("PLANLINT_WHEELS").map(PathBuf::from) else {
        return skip(
            "PLANLINT_WHEELS names no directory of wheels; `.ci/run` builds planlint's \
             wheel with maturin and runs this test.",
        );
    };
    let work = tempfile::tempdir().unwrap();

    // The planlint-pre-commit repository, from its template.
    let mirror = work.path().join("planlint-pre-commit");
    std::fs::create_dir(&mirror).unwrap();
    for name in [".pre-commit-hooks.yaml", "pyproject.toml", "README.md"] {
        std::fs::copy(
            crate_dir().join("pre-commit-mirror").join(name),
            mirror.join(name),
        )
        .unwrap();
    }
    run(git(&mirror).args(["init", "--quiet"]));
    run(git(&mirror).args(["add", "."]));
    run(git(&mirror).args(["commit", "--quiet", "-m", "planlint-pre-commit"]));
    let rev = run(git(&mirror).args(["rev-parse", "HEAD"]))
        .trim()
        .to_string();

    // No cargo or rustc anywhere on the PATH: the hook must not build.
    let path = std::env::var_os("PATH").unwrap_or_default();
    let without_rust = std::env::join_paths(
        std::env::split_paths(&path)
            .filter(|dir| !dir.join("cargo").exists() && !dir.join("rustc").exists()),
    )
    .unwrap();
    let home = work.path().join("pre-commit-home");
    let environment = |command: &mut Command| {
        command
            .env("PRE_COMMIT_HOME", &home)
            .env("PATH", &without_rust)
            .env("PIP_NO_INDEX", "1")
            .env("PIP_FIND_LINKS", &wheels)
            .env_remove("CARGO")
            .env_remove("RUSTC");
    };
    exercise_hook(&pre_commit, work.path(), &mirror, &rev, &environment);
}

#[test]
fn the_mirror_pins_this_version_of_planlint() {
    let pyproject =
        std::fs::read_to_string(crate_dir().join("pre-commit-mirror/pyproject.toml")).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        pyproject.contains(&format!("version = \"{version}\"\n"))
            && pyproject.contains(&format!("dependencies = [\"planlint=={version}\"]")),
        "pre-commit-mirror/pyproject.toml must pin planlint {version}"
    );
}
