//! `planlint fmt`: plans in their canonical layout (`planlint::format`).
//!
//! Files are rewritten atomically and only when their text changes;
//! `--check` lists the files that would change, `--diff` prints the change
//! as a unified diff, and neither writes anything. A plan that does not
//! parse is left untouched and its syntax error reported, as `ruff format`
//! does: the run then exits 2. `-` reads stdin and writes the formatted
//! plan to stdout.

use std::io::{Read, Write};
use std::path::PathBuf;

use rayon::prelude::*;

use planlint::diagnostics::FileReport;
use planlint::files::{self, Input};
use planlint::format;
use planlint::report;
use planlint::rules::{ReadProblem, RuleSet};
use planlint::source::SourceFile;
use planlint::text::count;

use super::Status;

#[derive(clap::Args, Debug)]
pub struct FmtArgs {
    /// Plan files and directories (walked for *.plan); `-` reads stdin.
    #[arg(value_name = "PATH", default_value = ".")]
    paths: Vec<PathBuf>,
    /// Write nothing; list the files that would change and exit 1 if any would.
    #[arg(long)]
    check: bool,
    /// Write nothing; print what would change as a unified diff (exit 1 if anything would).
    #[arg(long)]
    diff: bool,
}

/// What became of one file, and what to print about it (files are
/// formatted in parallel; their messages are printed in order).
enum Outcome {
    Unchanged,
    Changed { stdout: String },
    Failed { stderr: String },
}

pub fn fmt(args: FmtArgs) -> Status {
    if args.paths.iter().any(|path| path.as_os_str() == "-") {
        return fmt_stdin();
    }
    // Walked as `check` walks (git-ignored plans left alone, as ruff format does).
    let discovery = match files::collect_inputs(&args.paths, None, files::WalkOptions::default()) {
        Ok(discovery) => discovery,
        Err(error) => return super::fail(&error.to_string()),
    };
    for warning in &discovery.warnings {
        eprintln!("planlint: warning: {warning}");
    }
    let inputs = discovery.inputs;
    let outcomes: Vec<Outcome> = inputs
        .par_iter()
        .map(|input| fmt_file(input, &args))
        .collect();
    let (mut changed, mut failed) = (0, 0);
    for outcome in &outcomes {
        match outcome {
            Outcome::Unchanged => {}
            Outcome::Changed { stdout } => {
                changed += 1;
                print!("{stdout}");
            }
            Outcome::Failed { stderr } => {
                failed += 1;
                eprint!("{stderr}");
            }
        }
    }
    let unchanged = outcomes.len() - changed - failed;
    let verb = if args.check || args.diff {
        "would be reformatted"
    } else {
        "reformatted"
    };
    let mut summary = format!(
        "{} {verb}, {unchanged} already formatted",
        count(changed, "file", "files")
    );
    if failed > 0 {
        summary.push_str(&format!(
            ", {} not formatted (see above)",
            count(failed, "file", "files")
        ));
    }
    eprintln!("{summary}.");
    if failed > 0 {
        Status::Failed
    } else if changed > 0 && (args.check || args.diff) {
        Status::Findings
    } else {
        Status::Clean
    }
}

fn fmt_file(input: &Input, args: &FmtArgs) -> Outcome {
    let (name, bytes) = files::read_input(input);
    let text = match bytes.map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => {
            let stderr = format!("planlint: {name}: not UTF-8 text; not formatted\n");
            return Outcome::Failed { stderr };
        }
        Err(problem) => {
            let reason = match problem {
                ReadProblem::Io { reason } | ReadProblem::Directory { reason } => reason,
                ReadProblem::TooLarge { limit_mib } => {
                    format!("the file is larger than {limit_mib} MiB")
                }
                ReadProblem::NotUtf8 { .. } => "not UTF-8 text".into(),
            };
            let stderr = format!("planlint: cannot read {name}: {reason}\n");
            return Outcome::Failed { stderr };
        }
    };
    let formatted = match format::format(&text) {
        Ok(formatted) => formatted,
        Err(error) => {
            let stderr = syntax_error_report(&name, text, error);
            return Outcome::Failed { stderr };
        }
    };
    if formatted == text {
        return Outcome::Unchanged;
    }
    let mut stdout = String::new();
    if args.diff {
        stdout.push_str(&unified_diff(&name, &text, &formatted));
    } else if args.check {
        stdout.push_str(&format!("Would reformat: {name}\n"));
    } else if let Input::File(path) = input {
        if let Err(error) = files::write_atomically(path, formatted.as_bytes(), true) {
            let stderr = format!("planlint: {}\n", error.message(&format!("`{name}`")));
            return Outcome::Failed { stderr };
        }
    }
    Outcome::Changed { stdout }
}

/// Formats stdin to stdout; a plan that does not parse is printed back as
/// it came, with its error on stderr and exit status 2.
fn fmt_stdin() -> Status {
    let mut bytes = Vec::new();
    if let Err(error) = std::io::stdin()
        .take(files::MAX_FILE_SIZE)
        .read_to_end(&mut bytes)
    {
        return super::fail(&format!(
            "cannot read stdin: {}",
            files::plain_io_error(&error)
        ));
    }
    let Ok(text) = String::from_utf8(bytes) else {
        return super::fail("stdin is not UTF-8 text; not formatted");
    };
    let (out, status) = match format::format(&text) {
        Ok(formatted) => (formatted, Status::Clean),
        Err(error) => {
            eprint!("{}", syntax_error_report("<stdin>", text.clone(), error));
            (text, Status::Failed)
        }
    };
    let _ = std::io::stdout().write_all(out.as_bytes());
    status
}

/// Reports every syntax error of a plan that was not formatted, placed as
/// `check` places them (with recovery), or the first one.
fn syntax_error_report(name: &str, text: String, first: planlint::syntax::SyntaxError) -> String {
    let rules = RuleSet::builtin();
    let mut errors = planlint::syntax::parse_recovering(&text).errors;
    if errors.is_empty() {
        errors.push(first);
    }
    let report = FileReport {
        source: SourceFile::new(name, text),
        findings: errors
            .into_iter()
            .map(|error| rules.syntax_error(error))
            .collect(),
    };
    let style = report::HumanStyle {
        color: super::use_color_on_stderr(),
        width: super::terminal_width(supports_color::Stream::Stderr),
    };
    format!(
        "{}planlint: {name} was not formatted: it does not parse\n",
        report::render_human(&[report], &style)
    )
}

pub fn unified_diff(name: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(name, name)
        .to_string()
}
