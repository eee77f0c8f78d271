//! Renderers of the audit report: `html` (one self-contained file with
//! inline SVG charts), `markdown`, `json`. All three show the same numbers
//! from the same [`crate::audit::Audit`]. Each plan's part of the report is
//! made when the plan is linted ([`auditor`]) and the report is streamed to
//! its output ([`write`]): an audit's memory does not grow with its plans'
//! findings or the size of the report.

mod chart;
mod html;
mod json;
mod markdown;

use std::io;

use crate::audit::{Audit, Auditor};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AuditFormat {
    /// One self-contained HTML file: no network, no scripts, printable.
    Html,
    Markdown,
    /// A stable JSON document (see the README for its schema).
    Json,
}

impl AuditFormat {
    fn name(self) -> &'static str {
        match self {
            AuditFormat::Html => "html",
            AuditFormat::Markdown => "markdown",
            AuditFormat::Json => "json",
        }
    }
}

/// An [`Auditor`] whose plans' parts are written for `format`: each plan's
/// section (HTML, Markdown) or object (JSON), made when the plan is linted.
pub fn auditor(format: AuditFormat) -> io::Result<Auditor> {
    let part_of: crate::audit::PartOf = match format {
        AuditFormat::Html => Box::new(html::plan_part),
        AuditFormat::Markdown => Box::new(markdown::plan_part),
        AuditFormat::Json => Box::new(json::plan_part),
    };
    Auditor::new(format.name(), part_of)
}

/// Writes the audit to `out` as it goes: the totals, then each plan's part
/// as read back from the spill, never the whole document in memory. The
/// HTML and Markdown reports show plan text (titles, owners, source lines),
/// so their control characters are replaced by visible ones
/// (`text::printable`): the report may be read in a terminal or a viewer
/// that obeys escape sequences. JSON escapes them itself.
pub fn write(format: AuditFormat, audit: &Audit, out: &mut dyn io::Write) -> io::Result<()> {
    if audit.parts_kind() != format.name() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "the audit's plans were written for {}, not {}",
                audit.parts_kind(),
                format.name()
            ),
        ));
    }
    let mut document = Document::new(out, format != AuditFormat::Json);
    let rendered = match format {
        AuditFormat::Html => html::render(audit, &mut document),
        AuditFormat::Markdown => markdown::render(audit, &mut document),
        AuditFormat::Json => json::render(audit, &mut document),
    };
    document.finish(rendered)
}

/// The audit as one string (see [`write`]).
pub fn render(format: AuditFormat, audit: &Audit) -> io::Result<String> {
    let mut bytes = Vec::new();
    write(format, audit, &mut bytes)?;
    String::from_utf8(bytes).map_err(io::Error::other)
}

/// A report being written: text gathers in a buffer that goes to the
/// output, made printable if asked (the renderers write no control
/// character but line feeds: whatever else the document has came from a
/// plan), every [`Document::CHUNK`] bytes.
pub struct Document<'a> {
    out: &'a mut dyn io::Write,
    buffer: String,
    printable: bool,
    /// The first failure to write; later text is dropped.
    error: Option<io::Error>,
}

impl<'a> Document<'a> {
    const CHUNK: usize = 64 * 1024;

    fn new(out: &'a mut dyn io::Write, printable: bool) -> Document<'a> {
        Document {
            out,
            buffer: String::with_capacity(Document::CHUNK),
            printable,
            error: None,
        }
    }

    pub fn push_str(&mut self, text: &str) {
        self.buffer.push_str(text);
        if self.buffer.len() >= Document::CHUNK {
            self.flush_buffer();
        }
    }

    fn flush_buffer(&mut self) {
        if self.error.is_none() {
            let text = if self.printable {
                crate::text::printable(&self.buffer)
            } else {
                std::borrow::Cow::Borrowed(self.buffer.as_str())
            };
            if let Err(error) = self.out.write_all(text.as_bytes()) {
                self.error = Some(error);
            }
        }
        self.buffer.clear();
    }

    /// Writes what is left; the renderer's result, else the first failure
    /// to write.
    fn finish(mut self, rendered: io::Result<()>) -> io::Result<()> {
        rendered?;
        self.flush_buffer();
        match self.error.take() {
            Some(error) => Err(error),
            None => self.out.flush(),
        }
    }
}

impl std::fmt::Write for Document<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.push_str(text);
        Ok(())
    }
}

/// How a plan's score is made, under the table of plans.
const SCORE_RULE: &str =
    "Score: a plan starts at 100 and loses 10 points per error, 3 per warning \
     and 1 per info (never below 0); plans are ordered by the points they lose.";

/// What the section on people booked across plans says when it is empty.
const NOBODY_OVERBOOKED: &str =
    "Nobody is booked beyond their capacity when their plans are added up.";

/// The line under a booking for the contributions it does not list.
fn not_listed(more: crate::audit::across_plans::NotListed) -> String {
    let tactics = if more.contributions == 1 {
        "tactic"
    } else {
        "tactics"
    };
    format!(
        "and {} more {tactics}, {} person-days in all",
        more.contributions, more.effort
    )
}

/// `@ana` for a plan's owner, `—` for a plan without one.
fn plan_owner(owner: Option<&str>) -> String {
    owner.map_or_else(|| "—".into(), |owner| format!("@{owner}"))
}

/// `@ana` for an owner in the rollup by owner; the rollup's own entries,
/// such as `(no owner)`, as they are.
fn rollup_owner(owner: &str) -> String {
    if owner.starts_with('(') {
        owner.to_string()
    } else {
        format!("@{owner}")
    }
}

/// Where a finding is, for a person: `plan.csv, row 5, column D ("Budget")`
/// for a plan imported from a spreadsheet, `plan.plan:12:3` for a plan file
/// (without `path`: `row 5, …` or `line 12`).
fn location(path: Option<&str>, finding: &crate::audit::FindingLine) -> String {
    match (path, &finding.cell) {
        (Some(path), Some(cell)) => format!("{path}, {cell}"),
        (None, Some(cell)) => cell.to_string(),
        (Some(path), None) => format!("{path}:{}:{}", finding.line, finding.column),
        (None, None) => format!("line {}", finding.line),
    }
}

/// A rule in plain words with its id beside it, for a head of marketing:
/// `A tactic serves no objective. (unaligned-tactic)`; a custom rule (not
/// built in) by its id alone.
fn rule_words(id: &str) -> (Option<String>, String) {
    static SUMMARIES: std::sync::LazyLock<std::collections::HashMap<String, String>> =
        std::sync::LazyLock::new(|| {
            crate::rules::builtin_files()
                .into_iter()
                .map(|file| (file.id, file.summary))
                .collect()
        });
    (SUMMARIES.get(id).cloned(), id.to_string())
}

/// The top findings in groups of one rule (they come sorted by severity,
/// impact and rule), so that twelve findings of one rule read as one item
/// with its list.
fn finding_groups(
    findings: &[(String, crate::audit::FindingLine)],
) -> Vec<&[(String, crate::audit::FindingLine)]> {
    findings
        .chunk_by(|a, b| a.1.rule == b.1.rule && a.1.severity == b.1.severity)
        .collect()
}

/// A group's heading: `12 findings of unaligned-tactic: A tactic serves no objective.`
fn group_heading(group: &[(String, crate::audit::FindingLine)]) -> (String, Option<String>) {
    let first = &group[0].1;
    let (summary, _) = rule_words(&first.rule);
    (
        crate::text::count(group.len(), "finding", "findings"),
        summary,
    )
}

/// "1 plan", "3 plans".
fn plans(count: usize) -> String {
    crate::text::count(count, "plan", "plans")
}

/// Text for Markdown: outside code spans, the characters that would render
/// (`*`, `_`, `[`, `<`, `#`, …) are escaped; code spans (`` `x` ``) stay
/// code; `|` is escaped everywhere (tables) and line breaks are spaces.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let closed = text.matches('`').count().is_multiple_of(2);
    let mut in_code = false;
    for c in text.chars() {
        match c {
            '`' if closed => {
                in_code = !in_code;
                out.push(c);
            }
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '`' | '~' if !in_code => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// `12.5%` with one decimal.
fn percent(value: f64) -> String {
    format!("{value:.1}%")
}

/// "2 serve no objective, 1 has no KPI, 1 has no owner".
fn symptoms(acts: &crate::audit::RandomActs) -> String {
    let verb = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{}, {}, {}",
        verb(acts.unaligned, "serves no objective", "serve no objective"),
        verb(acts.unmeasured, "has no KPI", "have no KPI"),
        verb(acts.unowned, "has no owner", "have no owner")
    )
}

/// "10 errors, 7 warnings, 1 info".
fn severity_counts(counts: &crate::audit::SeverityCounts) -> String {
    use crate::text::count;
    format!(
        "{}, {}, {}",
        count(counts.errors, "error", "errors"),
        count(counts.warnings, "warning", "warnings"),
        count(counts.infos, "info", "infos")
    )
}
