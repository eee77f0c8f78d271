//! The `human` format: miette's graphical report for each finding, the rule
//! id as its code, then a summary line.
//!
//! The handler is built explicitly (never miette's global hook, which sniffs
//! the terminal), so the CLI and the snapshot tests render the same way.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::Totals;
use crate::diagnostics::{FileReport, Finding, Severity};
use crate::source::SourceFile;

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
    let handler = handler(style);
    let mut out = String::new();
    for report in reports {
        for finding in &report.findings {
            let diagnostic = FindingDiagnostic {
                finding,
                source: Window {
                    file: &report.source,
                },
            };
            // Rendering into a String cannot fail for lack of space; a
            // failure would be a miette bug, so fall back to the message.
            if handler.render_report(&mut out, &diagnostic).is_err() {
                out.push_str(&finding.message);
                out.push('\n');
            }
            out.push('\n');
        }
    }
    out.push_str(&Totals::of(reports).summary());
    out.push('\n');
    out
}

/// A finding seen through miette's `Diagnostic` trait.
struct FindingDiagnostic<'a> {
    finding: &'a Finding,
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
        f.write_str(&self.finding.message)
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
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary = &self.finding.primary;
        let primary =
            LabeledSpan::new_primary_with_span(primary.text.clone(), to_source_span(primary.span));
        let secondary = self.finding.secondary.iter().map(|label| {
            LabeledSpan::new_with_span(label.text.clone(), to_source_span(label.span))
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
