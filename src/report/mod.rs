//! Stage 5: findings → text for people and tools.
//!
//! One renderer per format over the same sorted findings. Only this module
//! knows miette's handlers and the field names of machine formats.

pub mod audit;
mod compact;
mod github;
mod human;
mod json;
mod sarif;
mod statistics;
mod values;

use crate::diagnostics::{FileReport, Severity};
use crate::rules::RuleFile;
use crate::text::count;

pub use human::{render_error, render_human, HumanStyle};
pub use json::{json_records, JsonFinding};
pub use statistics::{render_statistics, rule_counts};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// miette's graphical report per finding, then a summary line.
    Human,
    /// `path:line:col: severity[rule] message`, one per line.
    Compact,
    /// A JSON array of findings (see CLI.md for the fields).
    Json,
    /// SARIF 2.1.0, with the rules' documentation (GitHub code scanning).
    Sarif,
    /// GitHub Actions workflow commands that annotate a pull request.
    Github,
}

impl Format {
    /// Whether the output is for programs: then stdout carries only the
    /// findings, and the summary line goes to stderr.
    pub fn is_machine_readable(self) -> bool {
        self != Format::Human
    }
}

/// What renderers need besides the findings.
#[derive(Debug, Clone, Default)]
pub struct RenderContext<'a> {
    pub style: HumanStyle,
    /// The rules of the run, in id order, for formats that describe them (SARIF).
    pub rules: Vec<&'a RuleFile>,
}

/// Renders every report in one format.
pub fn render(format: Format, reports: &[FileReport], context: &RenderContext<'_>) -> String {
    let mut out = Vec::new();
    write(format, reports, context, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("reports are text")
}

/// Writes every report in one format to `out` as it is rendered: the
/// report of a large plan's 50,000 findings is tens of megabytes (75 MB in
/// the human format), which need not be held whole before it is written.
pub fn write(
    format: Format,
    reports: &[FileReport],
    context: &RenderContext<'_>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Human => human::write_human(reports, &context.style, out),
        Format::Compact => out.write_all(compact::render(reports).as_bytes()),
        Format::Json => json::write(reports, out),
        Format::Sarif => sarif::write(reports, &context.rules, out),
        Format::Github => out.write_all(github::render(reports).as_bytes()),
    }
}

/// Counts by severity over all reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Every file checked, with findings or without.
    pub files: usize,
}

impl Totals {
    pub fn of(reports: &[FileReport]) -> Totals {
        let mut totals = Totals {
            files: reports.len(),
            ..Totals::default()
        };
        for report in reports {
            for finding in &report.findings {
                match finding.severity {
                    Severity::Error => totals.errors += 1,
                    Severity::Warning => totals.warnings += 1,
                    Severity::Info => totals.infos += 1,
                }
            }
        }
        totals
    }

    pub fn problems(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    /// `Found 7 problems (2 errors, 5 warnings) in 3 files.`
    pub fn summary(&self) -> String {
        if self.problems() == 0 {
            return format!(
                "No problems found in {}.",
                count(self.files, "file", "files")
            );
        }
        let mut parts = Vec::new();
        if self.errors > 0 {
            parts.push(count(self.errors, "error", "errors"));
        }
        if self.warnings > 0 {
            parts.push(count(self.warnings, "warning", "warnings"));
        }
        if self.infos > 0 {
            parts.push(count(self.infos, "info", "infos"));
        }
        format!(
            "Found {} ({}) in {}.",
            count(self.problems(), "problem", "problems"),
            parts.join(", "),
            count(self.files, "file", "files")
        )
    }
}
