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
//! - errors are in a marketer's words, never pest rule names.

mod errors;
mod parser;
pub(crate) mod scan;
mod tree;

pub use scan::{Comment, NESTING_LIMIT};
pub use tree::*;

/// A syntax error: where parsing stopped and what was expected, in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    /// Where parsing stopped (an unterminated string: its opening quote).
    pub span: Span,
    /// A short label for the spot, e.g. "expected `}` here".
    pub label: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The `{` of a block left open, when that is the problem.
    pub opened: Option<Span>,
}

/// Parses one plan file.
pub fn parse(source: &str) -> Result<SyntaxTree, SyntaxError> {
    let scanned = scan::scan(source)?;
    let plan = parser::parse_plan(source)?;
    Ok(SyntaxTree {
        plan,
        comments: scanned.comments,
    })
}
