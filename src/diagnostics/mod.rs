//! Stage 4: findings, the one currency between the rule engine and the reports.
//!
//! A [`Finding`] is what a rule found in one file: the rule id, its effective
//! severity, a message with the numbers that are off, a help text that says
//! what to do, a primary span (fixed per rule by RULES.md "Where a finding
//! points") and secondary labels. It knows byte spans only; line and column
//! come from [`crate::source::SourceFile`] when a report renders it.
//!
//! Invariant: findings are plain data (no miette, no JSON); `report` decides
//! how they look.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::syntax::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A span with an optional short text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub text: Option<String>,
}

impl Label {
    pub fn new(span: Span, text: impl Into<String>) -> Label {
        Label {
            span,
            text: Some(text.into()),
        }
    }

    pub fn bare(span: Span) -> Label {
        Label { span, text: None }
    }
}

/// The block a finding is about, by kind and id: stable across edits of
/// other lines, which baselines rely on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct BlockRef {
    pub kind: String,
    pub id: Option<String>,
}

/// Whether a fix may be applied without asking, as ruff defines it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Safety {
    /// Keeps the plan's meaning: applied by `--fix`.
    Safe,
    /// May change what the plan says: applied only with consent.
    Unsafe,
}

/// One text edit: the bytes of `span` replaced by `replacement` (an
/// insertion when the span is empty, a deletion when the text is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// The edits that resolve a finding, all or none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub safety: Safety,
    pub edits: Vec<Edit>,
    /// What it does, from the rule file's `fix` template (`Rename `ownr` to
    /// `owner``); empty until the engine renders it.
    pub message: String,
}

impl Fix {
    /// One replacement.
    pub fn replace(safety: Safety, span: Span, replacement: impl Into<String>) -> Fix {
        Fix {
            safety,
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
            message: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub primary: Label,
    pub secondary: Vec<Label>,
    pub block: Option<BlockRef>,
    /// How to resolve it automatically, when the rule knows.
    pub fix: Option<Fix>,
}

/// The findings of one file, with its source for rendering.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub source: crate::source::SourceFile,
    pub findings: Vec<Finding>,
}

impl FileReport {
    /// Orders findings by position, then rule id: the order every format uses.
    pub fn sort(&mut self) {
        self.findings.sort_by(|a, b| {
            (
                a.primary.span.start,
                a.primary.span.end,
                &a.rule,
                &a.message,
            )
                .cmp(&(
                    b.primary.span.start,
                    b.primary.span.end,
                    &b.rule,
                    &b.message,
                ))
        });
    }
}
