//! An open document: the editor's text (never the disk's), linted with the
//! configuration nearest to its path, and what the lint left to answer
//! requests with.

use std::path::PathBuf;
use std::sync::Arc;

use lsp_types::Uri;

use crate::audit::{facts, PlanFacts};
use crate::diagnostics::Finding;
use crate::lint;
use crate::rules::{LintOptions, RuleSet};
use crate::source::SourceFile;

use super::outline::Outline;
use super::workspace;

pub struct Document {
    pub uri: Uri,
    pub version: i32,
    pub source: SourceFile,
    pub findings: Vec<Finding>,
    /// The last outline of the plan; kept from an earlier version while the
    /// text does not parse at all (spans may then be stale: they are only
    /// compared, never used to slice the text).
    pub outline: Outline,
    /// The outline of the last version without a syntax error: while a
    /// line is being typed, recovery may leave out the block around it,
    /// and completion still needs that block and the plan's ids.
    pub clean_outline: Outline,
    /// The rules the document was linted with (for fix all).
    pub rules: Arc<RuleSet>,
    /// Whether the configuration excludes the document: then nothing is reported.
    pub excluded: bool,
    /// What the workspace adds up across plans (bookings, capacities), from
    /// the last version without a syntax error (a half-typed line must not
    /// make a person look free or booked); `None` while excluded or before
    /// any version parsed.
    pub facts: Option<PlanFacts>,
    /// The `overbooked-across-plans` diagnostics last published with it.
    pub across_plans: Vec<lsp_types::Diagnostic>,
}

impl Document {
    /// A document's new version; the outlines of the `previous` one are
    /// kept until the new text gives its own.
    pub fn new(
        uri: Uri,
        version: i32,
        text: String,
        rules: Arc<RuleSet>,
        previous: Option<Document>,
    ) -> Document {
        let (outline, clean_outline, facts, across_plans) = previous
            .map(|previous| {
                (
                    previous.outline,
                    previous.clean_outline,
                    previous.facts,
                    previous.across_plans,
                )
            })
            .unwrap_or_default();
        let path = file_path(&uri).map_or_else(
            || uri.as_str().to_string(),
            |path| path.display().to_string(),
        );
        Document {
            uri,
            version,
            source: SourceFile::new(path, text),
            findings: Vec::new(),
            outline,
            clean_outline,
            rules,
            excluded: false,
            facts,
            across_plans,
        }
    }

    /// Lints the current text.
    pub fn lint(&mut self, options: &LintOptions) {
        if self.excluded {
            self.findings.clear();
            self.facts = None;
            return;
        }
        let bytes = Ok(self.source.text.clone().into_bytes());
        let name = self.source.path.clone();
        match lint::decode(name, bytes, &self.rules) {
            Ok(source) => {
                let (findings, inspected) =
                    lint::lint_and_inspect(&source, &self.rules, options, |plan, findings| {
                        let facts = facts::of_plan(&source, plan, findings);
                        (Outline::of(plan, &source.text), facts)
                    });
                let clean = !findings
                    .iter()
                    .any(|finding| finding.rule == "syntax-error");
                self.findings = findings;
                if let Some((outline, facts)) = inspected {
                    if clean || self.facts.is_none() {
                        let path = file_path(&self.uri);
                        self.facts = Some(workspace::named_facts(facts, path.as_deref()));
                    }
                    if clean {
                        self.clean_outline = outline.clone();
                    }
                    self.outline = outline;
                }
            }
            Err(report) => self.findings = report.findings,
        }
    }
}

/// The local path of a `file:` URI (percent-decoded), if it is one.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file://host/path` names another machine; only `file:///path` is local.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let decoded = percent_decode(path)?;
    // `file:///C:/plans` on Windows.
    let decoded = match decoded.get(1..3) {
        Some(drive) if cfg!(windows) && drive.ends_with(':') => decoded[1..].to_string(),
        _ => decoded,
    };
    Some(PathBuf::from(decoded))
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = text.get(index + 1..index + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_become_paths() {
        let uri: Uri = "file:///tmp/my%20plans/q1.plan".parse().unwrap();
        assert_eq!(
            file_path(&uri),
            Some(PathBuf::from("/tmp/my plans/q1.plan"))
        );
        let untitled: Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(file_path(&untitled), None);
        let remote: Uri = "file://server/share/q1.plan".parse().unwrap();
        assert_eq!(file_path(&remote), None);
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%C3%A9t%C3%A9"), Some("été".to_string()));
    }
}
