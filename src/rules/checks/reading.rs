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
//! first byte that is not UTF-8), and the parser's for each situation it
//! tells apart (`syntax::SYNTAX_ERROR_CASES`; a test keeps the lists equal).

use serde::Deserialize;

use super::{label, Check, CheckContext, CheckError, CheckKind, Hits, LabelSlot, Pass, Selector};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileReading {}

impl CheckKind for FileReading {
    const NAME: &'static str = "reading";
    const SUMMARY: &'static str =
        "reading and parsing a file (`unreadable-file`, `syntax-error`); not a check over a plan";
    const VARIABLES: &'static [&'static str] = &[
        "reason", "limit", "offset", // unreadable-file
        "found", "key", "kind", "line", "wanted", "word", "parent", "allowed", "suggestion",
        "value", "belongs", "swallowed", "before", "expected", // syntax-error (the parser's, `syntax::SYNTAX_ERROR_VARIABLES`)
    ];
    const CASES: &'static [&'static str] = &[
        "too-large", "not-utf8", "directory", // unreadable-file
        "list-value", "missing-value", "unclosed-block", "unclosed-block-at-end",
        "unclosed-unnamed-block", "unclosed-unnamed-block-at-end", "list-separator",
        "colon-after-key", "unmatched-close", "expected-plan", "after-plan", "too-deep",
        "unterminated-string", "runaway-string", "bad-value", "bad-value-unknown-key", "never-closed", "never-closed-unnamed", "second-plan", "no-plan", "unknown-kind-in-leaf",
        "unknown-kind-close", "unknown-kind", "missing-colon", "misplaced-at-top", "misplaced",
    ];
    const LABELS: &'static [LabelSlot] = &[
        label("not-utf8", &[]), // unreadable-file
        // syntax-error: the parser's (`syntax::SYNTAX_ERROR_LABELS`), and the
        // `{` of a block never closed.
        label("value-expected", &[]),
        label("brace-expected", &[]),
        label("separator-expected", &[]),
        label("colon-expected", &[]),
        label("unmatched", &[]),
        label("plan-expected", &[]),
        label("unexpected", &[]),
        label("not-understood", &[]),
        label("second-plan", &[]),
        label("no-plan", &[]),
        label("not-a-plan", &[]),
        label("kind-here", &[]),
        label("string-never-closed", &[]),
        label("not-a-value", &[]),
        label("never-closed", &[]),
        label("too-deep", &[]),
        label("opened", &[]),
    ];
    /// syntax-error's: what the parser found or wanted
    /// (`syntax::SYNTAX_ERROR_WORDS`).
    const WORDS: &'static [&'static str] = crate::syntax::SYNTAX_ERROR_WORDS;
    const PASS: Pass = Pass::Reading;
    type Params = FileReading;

    fn compile(params: FileReading, _: Selector) -> Result<FileReading, CheckError> {
        Ok(params)
    }
}

impl Check for FileReading {
    /// Never called: the engine runs only [`Pass::Plan`] kinds over a plan.
    fn run(&self, _: &CheckContext<'_, '_>, _: &mut Hits<'_>) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every situation and variable of the parser is one this kind declares,
    /// so `syntax-error`'s templates are checked against all of them.
    #[test]
    fn the_parser_cases_and_variables_are_declared() {
        for case in crate::syntax::SYNTAX_ERROR_CASES {
            assert!(FileReading::CASES.contains(case), "{case}");
        }
        for name in crate::syntax::SYNTAX_ERROR_LABELS {
            assert!(FileReading::LABELS.iter().any(|slot| slot.name == *name), "{name}");
        }
        for var in crate::syntax::SYNTAX_ERROR_VARIABLES {
            assert!(FileReading::VARIABLES.contains(var), "{var}");
        }
    }
}
