//! `check --fix`, `--unsafe-fixes`, `--diff` and `--show-fixes`, as ruff
//! defines them: the fixes findings carry (`planlint::fix`) applied in
//! rounds, the file rewritten atomically, and what is left reported as
//! usual. `--diff` writes nothing and prints what `--fix` would change. A
//! plan read from stdin with `--fix` is printed back fixed on stdout (its
//! remaining findings counted on stderr). A plan that does not parse is
//! never touched.

use std::collections::BTreeMap;
use std::rc::Rc;

use planlint::config::Config;
use planlint::diagnostics::{FileReport, Severity};
use planlint::files::{self, Input};
use planlint::fix::{fix_plan, FixOptions};
use planlint::lint;
use planlint::rules::LintOptions;
use planlint::text::count;

use super::Status;

#[derive(clap::Args, Debug, Default)]
pub struct FixArgs {
    /// Apply the safe fixes findings carry; report what is left.
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff: apply unsafe fixes too (they may change what the plan says).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print what --fix would change as a unified diff, and write nothing.
    #[arg(long)]
    pub diff: bool,
    /// List the fixes applied, per file and rule.
    #[arg(long)]
    pub show_fixes: bool,
}

impl FixArgs {
    pub fn active(&self) -> bool {
        self.fix || self.diff
    }
}

/// What fixing the plans of a run did.
pub enum Fixing {
    /// The reports of the fixed plans, for the usual report.
    Reports(Vec<FileReport>),
    /// Done already (a diff printed, or stdin's plan printed back).
    Done(Status),
}

pub fn fix_plans(plans: &[(Input, Rc<Config>)], options: &LintOptions, args: &FixArgs) -> Fixing {
    let fix_options = FixOptions {
        unsafe_fixes: args.unsafe_fixes,
    };
    let mut reports = Vec::new();
    let mut applied: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut diffs = String::new();
    let mut stdin_text = None;
    for (input, config) in plans {
        let (name, bytes) = files::read_input(input);
        let text = match bytes.map(String::from_utf8) {
            Ok(Ok(text)) => text,
            other => {
                let bytes = other
                    .map(|decoded| decoded.map_or_else(|e| e.into_bytes(), String::into_bytes));
                reports.push(lint::lint_bytes(name, bytes, &config.rules, options));
                continue;
            }
        };
        let fixed = fix_plan(&name, &text, &config.rules, options, fix_options);
        if fixed.text != text {
            if args.diff {
                diffs.push_str(&super::fmt::unified_diff(&name, &text, &fixed.text));
            } else {
                match input {
                    Input::File(path) => {
                        if let Err(error) =
                            files::write_atomically(path, fixed.text.as_bytes(), true)
                        {
                            eprintln!("planlint: {}", error.message(&format!("`{name}`")));
                            return Fixing::Done(Status::Failed);
                        }
                    }
                    _ => stdin_text = Some(fixed.text.clone()),
                }
            }
            applied.insert(name.clone(), fixed.applied);
        }
        if matches!(input, Input::Stdin { .. }) && args.fix && !args.diff {
            stdin_text.get_or_insert(text);
        }
        reports.push(fixed.report);
    }
    let total: usize = applied.values().map(Vec::len).sum();
    if args.diff {
        print!("{diffs}");
        eprintln!("{} would be fixed.", count(total, "problem", "problems"));
        return Fixing::Done(if total > 0 {
            Status::Findings
        } else {
            Status::Clean
        });
    }
    if total > 0 {
        eprintln!(
            "Fixed {} in {}.",
            count(total, "problem", "problems"),
            count(applied.len(), "file", "files")
        );
        if args.show_fixes {
            eprint!("{}", list_fixes(&applied));
        }
    }
    if let Some(text) = stdin_text {
        print!("{text}");
        let errors = reports
            .iter()
            .flat_map(|report| &report.findings)
            .filter(|finding| finding.severity == Severity::Error)
            .count();
        let left = reports
            .iter()
            .map(|report| report.findings.len())
            .sum::<usize>();
        eprintln!(
            "{} left to fix by hand.",
            count(left, "problem", "problems")
        );
        return Fixing::Done(if errors > 0 {
            Status::Findings
        } else {
            Status::Clean
        });
    }
    Fixing::Reports(reports)
}

/// `- a.plan:` then `    2 × unknown-attribute` per rule, as ruff lists fixes.
fn list_fixes(applied: &BTreeMap<String, Vec<String>>) -> String {
    let mut out = String::new();
    for (name, rules) in applied {
        out.push_str(&format!("- {name}:\n"));
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for rule in rules {
            *counts.entry(rule).or_default() += 1;
        }
        for (rule, count) in counts {
            out.push_str(&format!("    {count} × {rule}\n"));
        }
    }
    out
}
