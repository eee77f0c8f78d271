//! The one lint entry point: a plan's bytes or text, a rule set and the
//! run's options in, findings out. `check`, `test`, `audit` and the rule
//! examples all lint through here, so they cannot disagree.
//!
//! The pipeline: bytes → [`decode`] (UTF-8, size limit) → `syntax::parse` →
//! `model::build` → `RuleSet::check_plan` (checks, then suppressions). A
//! file that cannot be read, decoded or parsed is one finding of the file
//! (`unreadable-file`, `syntax-error`); the run goes on with the others.

use crate::diagnostics::{FileReport, Finding};
use crate::files::{read_input, Input, MAX_FILE_SIZE};
use crate::model::{self, Plan};
use crate::rules::{LintOptions, ReadProblem, RuleSet};
use crate::source::SourceFile;
use crate::syntax;

/// Reads and lints one input.
pub fn lint_input(input: &Input, rules: &RuleSet, options: &LintOptions) -> FileReport {
    let (name, bytes) = read_input(input);
    lint_bytes(name, bytes, rules, options)
}

/// Lints the bytes of a plan (or reports why it could not be read).
pub fn lint_bytes(
    name: String,
    bytes: Result<Vec<u8>, ReadProblem>,
    rules: &RuleSet,
    options: &LintOptions,
) -> FileReport {
    match decode(name, bytes, rules) {
        Ok(source) => {
            let findings = lint_source(&source, rules, options);
            let mut report = FileReport { source, findings };
            report.sort();
            report
        }
        Err(report) => report,
    }
}

/// Lints one file whose text has been read and decoded.
pub fn lint_source(file: &SourceFile, rules: &RuleSet, options: &LintOptions) -> Vec<Finding> {
    lint_and_inspect(file, rules, options, |_, _| ()).0
}

/// Lints one file and lets `inspect` look at the typed plan and its
/// findings before the plan is dropped (the audit keeps a small summary of
/// each plan this way, never the plan itself). `inspect` is not called when
/// the file does not parse.
pub fn lint_and_inspect<T>(
    file: &SourceFile,
    rules: &RuleSet,
    options: &LintOptions,
    inspect: impl FnOnce(&Plan<'_>, &[Finding]) -> T,
) -> (Vec<Finding>, Option<T>) {
    let syntax::Recovered {
        tree,
        text,
        errors,
        lost,
    } = syntax::parse_recovering(&file.text);
    let mut findings: Vec<Finding> = errors
        .into_iter()
        .map(|error| rules.syntax_error(error))
        .collect();
    let Some(tree) = tree else {
        return (findings, None);
    };
    // After a syntax error the plan is built from the text with the broken
    // parts blanked out (same offsets), and the rules know what was lost.
    let text = text.as_deref().unwrap_or(&file.text);
    // The build consumes the tree, freeing each block's part as it goes:
    // the plan borrows the text, not the tree.
    let plan = model::build(text, tree);
    let checked = rules.check_plan(&plan, file, &lost, options);
    // Extending an empty list would copy the checks' findings into a new
    // buffer (12 MB for a plan with 50,000 of them) while both are alive.
    if findings.is_empty() {
        findings = checked;
    } else {
        findings.extend(checked);
    }
    let inspected = inspect(&plan, &findings);
    (findings, Some(inspected))
}

/// Decodes a plan's bytes into its source text, or gives the report of why
/// it cannot be read (an `unreadable-file` finding).
pub fn decode(
    name: String,
    bytes: Result<Vec<u8>, ReadProblem>,
    rules: &RuleSet,
) -> Result<SourceFile, FileReport> {
    let bytes = match bytes {
        Ok(bytes) if bytes.len() as u64 > MAX_FILE_SIZE => Err(ReadProblem::TooLarge {
            limit_mib: MAX_FILE_SIZE / 1024 / 1024,
        }),
        other => other,
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(problem) => {
            let finding = rules.unreadable_file(problem);
            return Err(FileReport {
                source: SourceFile::new(name, ""),
                findings: vec![finding],
            });
        }
    };
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .map(<[u8]>::to_vec)
        .unwrap_or(bytes);
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(error.as_bytes()).into_owned();
            // Underline the replacement character that stands for the bad byte.
            let end = lossy[offset..]
                .chars()
                .next()
                .map_or(offset, |c| offset + c.len_utf8());
            let finding = rules.unreadable_file(ReadProblem::NotUtf8 {
                bad_bytes: crate::syntax::Span::new(offset, end),
            });
            return Err(FileReport {
                source: SourceFile::new(name, lossy),
                findings: vec![finding],
            });
        }
    };
    Ok(SourceFile::new(name, text))
}
