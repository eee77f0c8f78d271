//! Findings as LSP diagnostics: the rule id as code, the severity, the help
//! after the message, the secondary labels as related information.

use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
};

use crate::diagnostics::{Finding, Severity};

use super::document::Document;
use super::position;

pub const SOURCE: &str = "planlint";

pub fn diagnostics(document: &Document) -> Vec<Diagnostic> {
    document
        .findings
        .iter()
        .map(|finding| diagnostic(document, finding))
        .collect()
}

pub fn diagnostic(document: &Document, finding: &Finding) -> Diagnostic {
    let file = &document.source;
    let mut message = finding.message.clone();
    if let Some(help) = &finding.help {
        message.push('\n');
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = finding
        .secondary
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location::new(document.uri.clone(), position::range(file, label.span)),
            message: label.text.clone().unwrap_or_else(|| "here".to_string()),
        })
        .collect();
    Diagnostic {
        range: position::range(file, finding.primary.span),
        severity: Some(match finding.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(finding.rule.clone())),
        source: Some(SOURCE.to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Diagnostic::default()
    }
}
