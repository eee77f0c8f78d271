//! The `human` format: miette's graphical report for each finding, the rule
//! id as its code, then a summary line.
//!
//! The handler is built explicitly (never miette's global hook, which sniffs
//! the terminal), so the CLI and the snapshot tests render the same way.

use std::borrow::Cow;
use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::Totals;
use crate::diagnostics::{FileReport, Finding, Severity};
use crate::source::SourceFile;
use crate::text::{printable, printable_line, PrintableText};

/// How the human report looks: colour and width.
#[derive(Debug, Clone, Copy)]
pub struct HumanStyle {
    pub color: bool,
    pub width: usize,
}

impl Default for HumanStyle {
    fn default() -> HumanStyle {
        HumanStyle {
            color: false,
            width: 80,
        }
    }
}

fn handler(style: &HumanStyle) -> GraphicalReportHandler {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_urls(false)
        .without_syntax_highlighting()
}

/// Renders an error of the run itself (an invalid configuration or custom
/// rule) the way findings look: message, snippet, help.
pub fn render_error(error: &dyn Diagnostic, style: &HumanStyle) -> String {
    let mut out = String::new();
    if handler(style).render_report(&mut out, error).is_err() {
        out = format!("{error}\n");
    }
    out
}

/// Renders every finding of every report, then the summary line.
pub fn render_human(reports: &[FileReport], style: &HumanStyle) -> String {
    let mut out = Vec::new();
    write_human(reports, style, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("reports are text")
}

/// Writes every finding of every report to `out` as it is rendered, then
/// the summary line.
pub fn write_human(
    reports: &[FileReport],
    style: &HumanStyle,
    sink: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let handler = handler(style);
    // One finding at a time: miette renders into a `fmt::Write`.
    let mut out = String::new();
    for report in reports {
        let shown = Shown::of(&report.source);
        for finding in &report.findings {
            let diagnostic = FindingDiagnostic {
                finding,
                shown: &shown,
                source: Window {
                    file: shown.file(&report.source),
                },
            };
            // Rendering into a String cannot fail for lack of space; a
            // failure would be a miette bug, so fall back to the message.
            if handler.render_report(&mut out, &diagnostic).is_err() {
                out.push_str(&printable(&finding.message));
                out.push('\n');
            }
            out.push('\n');
            sink.write_all(out.as_bytes())?;
            out.clear();
        }
    }
    out.push_str(&Totals::of(reports).summary());
    out.push('\n');
    sink.write_all(out.as_bytes())
}

/// A plan's source as the report shows it: control characters and escape
/// sequences replaced by visible ones ([`PrintableText`]), so that a plan
/// cannot drive the reader's terminal; spans are moved to match. The file
/// name is made printable too.
struct Shown {
    /// `None` when the source and its name need no change (the common case).
    changed: Option<(SourceFile, PrintableText)>,
}

impl Shown {
    fn of(source: &SourceFile) -> Shown {
        let text = PrintableText::new(&source.text);
        let path = printable_line(&source.path);
        if text.is_unchanged() && matches!(path, Cow::Borrowed(_)) {
            return Shown { changed: None };
        }
        let file = SourceFile::new(path.into_owned(), text.text.clone());
        Shown {
            changed: Some((file, text)),
        }
    }

    fn file<'a>(&'a self, original: &'a SourceFile) -> &'a SourceFile {
        self.changed.as_ref().map_or(original, |(file, _)| file)
    }

    fn span(&self, span: crate::syntax::Span) -> SourceSpan {
        let Some((_, text)) = &self.changed else {
            return to_source_span(span);
        };
        let start = text.offset(span.start as usize);
        let end = text.offset(span.end as usize);
        SourceSpan::new(start.into(), end - start)
    }
}

/// A finding seen through miette's `Diagnostic` trait.
struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    shown: &'a Shown,
    source: Window<'a>,
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("FindingDiagnostic")
            .field(&self.finding.rule)
            .finish()
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&printable(&self.finding.message))
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.finding
            .help
            .as_ref()
            .map(|help| Box::new(printable(help).into_owned()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary = &self.finding.primary;
        let text = |text: &Option<String>| text.as_deref().map(|text| printable(text).into_owned());
        let primary =
            LabeledSpan::new_primary_with_span(text(&primary.text), self.shown.span(primary.span));
        let secondary = self.finding.secondary.iter().map(move |label| {
            LabeledSpan::new_with_span(text(&label.text), self.shown.span(label.span))
        });
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

fn to_source_span(span: crate::syntax::Span) -> SourceSpan {
    SourceSpan::new((span.start as usize).into(), span.len())
}

/// Gives miette only the lines around a span, with their real line numbers
/// and the file's name, so that rendering a finding near the end of a large
/// file does not rescan it from the start.
struct Window<'a> {
    file: &'a SourceFile,
}

impl SourceCode for Window<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let text = &self.file.text;
        let start = span.offset().min(text.len());
        let end = (span.offset() + span.len()).min(text.len());
        let first_line = self
            .file
            .line(start as u32)
            .saturating_sub(context_lines_before + 1);
        let last_line = self.file.line(end as u32) + context_lines_after;
        let window_start = self.file.line_start(first_line + 1);
        let window_end = if last_line >= self.file.line_count() {
            text.len()
        } else {
            self.file.line_start(last_line + 1)
        };
        let window = &text[window_start..window_end];
        let local = SourceSpan::new((start - window_start).into(), end - start);
        let contents = window.read_span(&local, context_lines_before, context_lines_after)?;
        let absolute = SourceSpan::new(
            (contents.span().offset() + window_start).into(),
            contents.span().len(),
        );
        // miette counts the column in bytes; planlint counts characters
        // (the header `file:line:col` must agree with the other formats).
        let column = self.file.line_column(absolute.offset() as u32).column - 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.file.path.clone(),
            contents.data(),
            absolute,
            contents.line() + first_line,
            column,
            contents.line_count(),
        )))
    }
}
