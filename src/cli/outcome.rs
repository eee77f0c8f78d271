//! What `check` does with its findings: baselines, `--quiet`,
//! `--statistics`, the summary line, and the exit policy (`--max-warnings`).
//!
//! Kept apart from argument parsing and linting so that each can change on
//! its own. The summary goes to stdout in the human format and to stderr in
//! the machine formats, so that their stdout stays parseable.

use std::io::Write;
use std::path::{Path, PathBuf};

use planlint::baseline::{self, Baseline, FileNames};
use planlint::diagnostics::{FileReport, Severity};
use planlint::report::{self, Format, RenderContext, Totals};
use planlint::text::count;

use super::Status;

/// Options about what to report and when to fail.
#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    /// Also fail (exit status 1) when there are more than N warnings.
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
    /// Print one line per rule with its number of findings, instead of the findings.
    #[arg(long)]
    statistics: bool,
    /// Report errors only: warnings and infos are not shown.
    #[arg(long, short)]
    quiet: bool,
    /// Do not report the findings recorded in FILE (written by --write-baseline).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record all current findings in FILE, report nothing, and exit 0.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Let --write-baseline replace FILE even if it is not a planlint
    /// baseline (never one of the plans being linted).
    #[arg(long, requires = "write_baseline")]
    force: bool,
}

/// The reporting of one run, prepared before linting so that a bad option
/// or an unreadable baseline fails the run at once (exit status 2).
pub struct Reporter<'a> {
    args: &'a ReportArgs,
    known: Option<(Baseline, FileNames)>,
}

impl<'a> Reporter<'a> {
    pub fn prepare(args: &'a ReportArgs, format: Format) -> Result<Reporter<'a>, String> {
        if args.statistics && matches!(format, Format::Sarif | Format::Github) {
            return Err(format!(
                "`--statistics` prints counts per rule, which the {} format cannot carry; \
                 use `--format human`, `compact` or `json` with it",
                format_name(format)
            ));
        }
        let known = match &args.baseline {
            Some(path) => Some((baseline::read(path)?, file_names(path)?)),
            None => None,
        };
        Ok(Reporter { args, known })
    }

    /// Reports the findings (or records them): writes the report to `out`
    /// (stdout, or a buffer for `--output-file`) as it is rendered, and
    /// returns the exit status and whether there was a report (none when
    /// the findings were recorded in a baseline instead); the rest goes to
    /// stderr. A failed write (a closed pipe: `planlint check | head`) is
    /// not an error of the run.
    pub fn finish(
        &self,
        format: Format,
        mut reports: Vec<FileReport>,
        context: &RenderContext<'_>,
        plans: &[PathBuf],
        out: &mut dyn Write,
    ) -> (Status, bool) {
        if let Some(path) = &self.args.write_baseline {
            return (
                write_baseline(path, &reports, self.args.force, plans),
                false,
            );
        }
        let hidden = match &self.known {
            Some((known, names)) => known.hide_recorded(&mut reports, names),
            None => 0,
        };
        let warnings = count_severity(&reports, Severity::Warning);
        if self.args.quiet {
            for report in &mut reports {
                report
                    .findings
                    .retain(|finding| finding.severity == Severity::Error);
            }
        }
        let written = if self.args.statistics {
            out.write_all(report::render_statistics(format, &reports, &context.rules).as_bytes())
        } else {
            report::write(format, &reports, context, out)
        };
        // The human report ends with the summary already; the statistics
        // and the machine formats get it here.
        let mut summary = String::new();
        if self.args.statistics || format.is_machine_readable() {
            summary.push_str(&Totals::of(&reports).summary());
            summary.push('\n');
        }
        if hidden > 0 {
            summary.push_str(&format!(
                "{} recorded in the baseline {} not reported.\n",
                count(hidden, "problem", "problems"),
                if hidden == 1 { "was" } else { "were" }
            ));
        }
        if format.is_machine_readable() {
            eprint!("{summary}");
        } else if written.is_ok() {
            let _ = out.write_all(summary.as_bytes());
        }
        let errors = count_severity(&reports, Severity::Error);
        let too_many_warnings = self.args.max_warnings.is_some_and(|max| warnings > max);
        if too_many_warnings {
            eprintln!(
                "planlint: too many warnings: {warnings}, and --max-warnings allows {}.",
                self.args.max_warnings.unwrap_or_default()
            );
        }
        let status = if errors > 0 || too_many_warnings {
            Status::Findings
        } else {
            Status::Clean
        };
        (status, true)
    }
}

fn write_baseline(path: &Path, reports: &[FileReport], force: bool, plans: &[PathBuf]) -> Status {
    let names = match file_names(path) {
        Ok(names) => names,
        Err(message) => return super::fail(&message),
    };
    let recorded = Baseline::record(reports, &names);
    if let Err(message) = baseline::write(path, &recorded, force, plans) {
        return super::fail(&message);
    }
    let files = reports
        .iter()
        .filter(|report| !report.findings.is_empty())
        .count();
    eprintln!(
        "Recorded {} in {} in the baseline `{}`.",
        count(recorded.len(), "problem", "problems"),
        count(files, "file", "files"),
        path.display()
    );
    Status::Clean
}

fn file_names(baseline: &Path) -> Result<FileNames, String> {
    let working_dir = std::env::current_dir()
        .map_err(|error| format!("cannot tell the current directory: {error}"))?;
    Ok(FileNames::new(&working_dir, baseline))
}

fn count_severity(reports: &[FileReport], severity: Severity) -> usize {
    reports
        .iter()
        .flat_map(|report| &report.findings)
        .filter(|finding| finding.severity == severity)
        .count()
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Human => "human",
        Format::Compact => "compact",
        Format::Json => "json",
        Format::Sarif => "sarif",
        Format::Github => "github",
    }
}
