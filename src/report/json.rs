//! The `json` format: an array of objects with exactly the fields of CLI.md,
//! 1-based lines and character columns, sorted by file, line, column, rule.

use serde::Serialize;

use crate::diagnostics::{FileReport, Fix, Safety};
use crate::source::SourceFile;

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct JsonFinding {
    pub file: String,
    pub rule: String,
    pub severity: &'static str,
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub help: Option<String>,
    /// The automatic fix, `null` when the rule offers none here.
    pub fix: Option<JsonFix>,
}

/// A fix in JSON: what it does, whether `--fix` applies it (`safe`) or only
/// `--unsafe-fixes` (`unsafe`), and its edits with 1-based positions.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct JsonFix {
    pub message: String,
    pub safety: &'static str,
    pub edits: Vec<JsonEdit>,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct JsonEdit {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub replacement: String,
}

fn json_fix(fix: &Fix, source: &SourceFile) -> JsonFix {
    JsonFix {
        message: fix.message.clone(),
        safety: match fix.safety {
            Safety::Safe => "safe",
            Safety::Unsafe => "unsafe",
        },
        edits: fix
            .edits
            .iter()
            .map(|edit| {
                let start = source.line_column(edit.span.start);
                let end = source.line_column(edit.span.end);
                JsonEdit {
                    line: start.line,
                    column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                    replacement: edit.replacement.clone(),
                }
            })
            .collect(),
    }
}

/// Every finding as a JSON record, in the documented order.
pub fn json_records(reports: &[FileReport]) -> Vec<JsonFinding> {
    let mut records: Vec<JsonFinding> = reports
        .iter()
        .flat_map(|report| {
            report.findings.iter().map(move |finding| {
                let start = report.source.line_column(finding.primary.span.start);
                let end = report.source.line_column(finding.primary.span.end);
                JsonFinding {
                    file: report.source.path.clone(),
                    rule: finding.rule.clone(),
                    severity: finding.severity.as_str(),
                    message: finding.message.clone(),
                    line: start.line,
                    column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                    help: finding.help.clone(),
                    fix: finding
                        .fix
                        .as_ref()
                        .map(|fix| json_fix(fix, &report.source)),
                }
            })
        })
        .collect();
    records.sort_by(|a, b| {
        (&a.file, a.line, a.column, &a.rule).cmp(&(&b.file, b.line, b.column, &b.rule))
    });
    records
}

pub fn write(reports: &[FileReport], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &json_records(reports))?;
    out.write_all(b"\n")
}
