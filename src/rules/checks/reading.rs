//! `reading`: the findings of reading a file, for `unreadable-file` (the
//! file cannot be read, is too large, or is not UTF-8) and `syntax-error`
//! (the text does not parse).
//!
//! Not a check over a plan: there is no plan yet. The engine makes these
//! hits when a file cannot be decoded or parsed and renders them with the
//! rule's templates like any other; declaring the kind here is what lets
//! loading a rule check those templates against the variables below.
//!
//! Variables: `{reason}` (why the file could not be read, in the words of
//! the file system), `{limit}` (the size limit in MiB), `{offset}` (the
//! first byte that is not UTF-8), `{problem}` and `{fix}` (the parser's
//! account of a syntax error and what to do about it).

use serde::Deserialize;

use super::{Check, CheckContext, CheckError, CheckKind, Hit, Pass, Selector};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reading {}

impl CheckKind for Reading {
    const NAME: &'static str = "reading";
    const SUMMARY: &'static str =
        "reading and parsing a file (`unreadable-file`, `syntax-error`); not a check over a plan";
    const VARIABLES: &'static [&'static str] = &["reason", "limit", "offset", "problem", "fix"];
    const CASES: &'static [&'static str] = &["too-large", "not-utf8"];
    const PASS: Pass = Pass::Reading;
    type Params = Reading;

    fn compile(params: Reading, _: Selector) -> Result<Reading, CheckError> {
        Ok(params)
    }
}

impl Check for Reading {
    /// Never called: the engine runs only [`Pass::Plan`] kinds over a plan.
    fn run(&self, _: &CheckContext<'_, '_>, _: &mut Vec<Hit>) {}
}
