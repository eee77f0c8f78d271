//! Stage 1: source text → syntax tree.
//!
//! Owns the pest grammar (`grammar/plan.pest`) and turns its pairs into our own
//! small tree of byte spans. Nothing outside this module sees a pest type.
//!
//! Invariants:
//! - every node carries the byte span of its source text; strings are not
//!   copied, later stages slice the source with the span;
//! - the tree is structurally valid: exactly one `plan` block at the top,
//!   every block kind known and nested where LANGUAGE.md allows it;
//! - errors name a situation (`SyntaxError::case`) and its variables, never
//!   pest rule names; their words are `rules/syntax-error.yaml`'s.

mod errors;
mod fast;
mod parser;
mod recover;
pub(crate) mod scan;
mod tree;

pub use recover::{parse_recovering, LostRegion, Recovered, ERROR_LIMIT};
pub use scan::{open_braces_before, Comment, NESTING_LIMIT};
pub use tree::*;

/// A syntax error: where parsing stopped and which situation it is. Its
/// words are `syntax-error`'s: `case` names one of the rule file's `cases`
/// and `vars` fill its templates (the rules stage renders them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// One of [`SYNTAX_ERROR_CASES`].
    pub case: &'static str,
    /// The template variables of the case, e.g. `found`, `key`.
    pub vars: Vec<(&'static str, String)>,
    /// Variables worded by `rules/syntax-error.yaml`'s `words`: one of
    /// [`SYNTAX_ERROR_WORDS`], or several alternatives (`wanted`).
    pub words: Vec<(&'static str, Vec<&'static str>)>,
    /// Where parsing stopped (an unterminated string: its opening quote).
    pub span: Span,
    /// The label on the spot, one of [`SYNTAX_ERROR_LABELS`], worded by
    /// `rules/syntax-error.yaml`'s `labels`.
    pub label: &'static str,
    /// The `{` of a block left open, when that is the problem.
    pub opened: Option<Span>,
}

impl SyntaxError {
    pub(crate) fn new(case: &'static str, span: Span, label: &'static str) -> SyntaxError {
        SyntaxError {
            case,
            vars: Vec::new(),
            words: Vec::new(),
            span,
            label,
            opened: None,
        }
    }

    pub(crate) fn var(mut self, name: &'static str, value: impl Into<String>) -> SyntaxError {
        self.vars.push((name, value.into()));
        self
    }

    /// What was found instead: the text, or the end of the line or file.
    pub(crate) fn found(self, found: Found) -> SyntaxError {
        match found {
            Found::Text(text) => self.var("found", text),
            Found::EndOfLine => self.words("found", vec!["end-of-line"]),
            Found::EndOfFile => self.words("found", vec!["end-of-file"]),
        }
    }

    pub(crate) fn words(mut self, name: &'static str, words: Vec<&'static str>) -> SyntaxError {
        self.words.push((name, words));
        self
    }
}

/// What the parser found where it stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    /// A word or character, in backticks.
    Text(String),
    EndOfLine,
    EndOfFile,
}

/// Every situation the parser tells apart, each worded by a case of
/// `rules/syntax-error.yaml`; the rest (`expected`: what pest expected,
/// in the parser's words) is the rule's main message.
pub const SYNTAX_ERROR_CASES: &[&str] = &[
    "list-value",
    "missing-value",
    "unclosed-block",
    "unclosed-block-at-end",
    "unclosed-unnamed-block",
    "unclosed-unnamed-block-at-end",
    "list-separator",
    "colon-after-key",
    "unmatched-close",
    "expected-plan",
    "after-plan",
    "too-deep",
    "unterminated-string",
    "runaway-string",
    "bad-value",
    "never-closed",
    "never-closed-unnamed",
    "second-plan",
    "no-plan",
    "unknown-kind-in-leaf",
    "unknown-kind-close",
    "unknown-kind",
    "missing-colon",
    "misplaced-at-top",
    "misplaced",
];

/// The variables the cases use.
/// Every label the parser puts on the spot of an error.
pub const SYNTAX_ERROR_LABELS: &[&str] = &[
    "value-expected",
    "brace-expected",
    "separator-expected",
    "colon-expected",
    "unmatched",
    "plan-expected",
    "unexpected",
    "not-understood",
    "second-plan",
    "no-plan",
    "not-a-plan",
    "kind-here",
    "string-never-closed",
    "not-a-value",
    "never-closed",
    "too-deep",
];

/// Every word the parser names for `rules/syntax-error.yaml` to word: what
/// it found, and what it wanted (`{wanted}`, alternatives joined by `or`).
pub const SYNTAX_ERROR_WORDS: &[&str] = &[
    "end-of-file",
    "end-of-line",
    "close-brace",
    "colon",
    "value",
    "item",
    "plan-block",
    "list-separator",
    "something-else",
    "at-top",
    "in-plan",
    "in-team",
    "in-objective-or-tactic",
];

pub const SYNTAX_ERROR_VARIABLES: &[&str] = &[
    "found",
    "key",
    "kind",
    "line",
    "wanted",
    "limit",
    "word",
    "parent",
    "allowed",
    "suggestion",
    "value",
    "belongs",
];

/// Parses one plan file.
pub fn parse(source: &str) -> Result<SyntaxTree, SyntaxError> {
    let scanned = scan::scan(source)?;
    let plan = parser::parse_plan(source)?;
    Ok(SyntaxTree {
        plan,
        comments: scanned.comments,
    })
}
