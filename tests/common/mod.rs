//! Helpers shared by the integration tests (each test file says `mod
//! common;`): run the built `planlint` binary in a temporary directory, with
//! relative paths, as a user or a tool would; write and list files there;
//! lint on a fixed date; and plans to lint.

#![allow(dead_code)] // each test file uses a different part of it

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use planlint::model::Date;
use planlint::rules::LintOptions;

/// Lint options with today fixed at 2027-01-15, the date the fixtures and
/// examples are written for, so that date rules and `until` on suppressions
/// give the same findings on every run.
pub fn lint_options() -> LintOptions {
    LintOptions {
        today: Date::parse("2027-01-15").expect("a valid date"),
    }
}

/// The fields of each record of the JSON format (CLI.md, "Formats", and
/// `fix`, the README's addition), sorted.
pub const JSON_RECORD_FIELDS: [&str; 10] = [
    "column",
    "end_column",
    "end_line",
    "file",
    "fix",
    "help",
    "line",
    "message",
    "rule",
    "severity",
];

/// A plan that every rule of the catalog leaves alone.
pub const CLEAN_PLAN: &str = r#"plan "Win-back" {
  owner: @ana
  period: 2027-Q1..2027-Q4
  challenge: "Win back churned accounts"
  strategy retention "Keep our customers"
  team { member @ana { capacity: 60d } }
  objective winback "Win back lapsed customers" {
    owner: @ana
    supports: retention
    kpi won-back { stage: closed  target: 40  due: 2027-Q4  source: salesforce }
  }
  tactic calls "Call lapsed customers" {
    owner: @ana
    supports: winback
    audience: "Customers who left in 2026"
    when: 2027-Q1..2027-Q2
    effort: 20d
    kpi calls-made { stage: engagement  target: 300  due: 2027-Q2  source: hubspot }
  }
}
"#;

/// The clean plan with one error (a tactic without a KPI, line 12) and one
/// warning (an unknown key, line 16).
pub const MIXED_PLAN: &str = r#"plan "Win-back" {
  owner: @ana
  period: 2027-Q1..2027-Q4
  challenge: "Win back churned accounts"
  strategy retention "Keep our customers"
  team { member @ana { capacity: 60d } }
  objective winback "Win back lapsed customers" {
    owner: @ana
    supports: retention
    kpi won-back { stage: closed  target: 40  due: 2027-Q4  source: salesforce }
  }
  tactic calls "Call lapsed customers" {
    owner: @ana
    supports: winback
    audience: "Customers who left in 2026"
    colour: blue
    when: 2027-Q1..2027-Q2
    effort: 20d
  }
}
"#;

/// The clean plan with two warnings only (unknown keys, lines 13 and 14).
pub const WARNINGS_PLAN: &str = r#"plan "Win-back" {
  owner: @ana
  period: 2027-Q1..2027-Q4
  challenge: "Win back churned accounts"
  strategy retention "Keep our customers"
  team { member @ana { capacity: 60d } }
  objective winback "Win back lapsed customers" {
    owner: @ana
    supports: retention
    kpi won-back { stage: closed  target: 40  due: 2027-Q4  source: salesforce }
  }
  tactic calls "Call lapsed customers" {
    colour: blue
    flavour: mint
    owner: @ana
    supports: winback
    audience: "Customers who left in 2026"
    when: 2027-Q1..2027-Q2
    effort: 20d
    kpi calls-made { stage: engagement  target: 300  due: 2027-Q2  source: hubspot }
  }
}
"#;

/// What a run printed and how it ended.
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Run {
        Run {
            status: output.status.code().expect("planlint exited, not killed"),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }
}

pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_planlint"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("COLUMNS", "100");
    command
}

/// Runs `planlint ARGS` in `dir` with no input.
pub fn planlint(dir: &Path, args: &[&str]) -> Run {
    planlint_with_env(dir, args, &[])
}

/// Runs `planlint ARGS` in `dir` as in a 300-column terminal, so that long
/// messages are not wrapped and can be matched whole.
pub fn planlint_wide(dir: &Path, args: &[&str]) -> Run {
    planlint_with_env(dir, args, &[("COLUMNS", "300")])
}

/// Runs `planlint ARGS` in `dir` with no input and these environment
/// variables set (over the defaults: no `NO_COLOR`, 100 columns).
pub fn planlint_with_env(dir: &Path, args: &[&str], variables: &[(&str, &str)]) -> Run {
    let output = command(dir, args)
        .envs(variables.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("the planlint binary runs");
    Run::from(output)
}

/// Runs `planlint ARGS` in `dir` with `input` on stdin.
pub fn planlint_with_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Run {
    let mut child = command(dir, args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the planlint binary runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input)
        .expect("planlint reads its stdin");
    Run::from(child.wait_with_output().expect("planlint finishes"))
}

/// The crate's root directory, where `examples/`, `fixtures/` and
/// `README.md` are.
pub fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Writes `text` to `dir/name`, creating directories on the way.
pub fn write(dir: &Path, name: &str, text: &str) {
    write_bytes(dir, name, text.as_bytes());
}

/// Writes `bytes` to `dir/name`, creating directories on the way: for files
/// that are not UTF-8 text.
pub fn write_bytes(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("the temporary directory is writable");
    }
    std::fs::write(path, bytes).expect("the temporary directory is writable");
}

/// The names of the entries of `dir`, sorted: to check what a command left
/// behind (no temporary files).
pub fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the directory is readable")
        .map(|entry| {
            let name = entry.expect("the directory is readable").file_name();
            name.to_string_lossy().into_owned()
        })
        .collect();
    names.sort();
    names
}

/// Every `*.plan` below `dir`, sorted.
pub fn plans_under(dir: &Path) -> Vec<PathBuf> {
    let mut plans: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|entry| entry.into_path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "plan"))
        .collect();
    plans.sort();
    plans
}
