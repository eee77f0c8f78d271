//! Stage 3: the rule engine.
//!
//! Loads rule files (built-in ones are embedded at build time from
//! `rules/*.yaml`), compiles each rule's check once per run, runs the checks
//! over a [`crate::model::Plan`], turns their hits into
//! [`crate::diagnostics::Finding`]s with the rule's message and help, and
//! applies suppression comments.
//!
//! Invariants: rules do no IO and never see pest types; a check is compiled
//! once per run, not once per file; every finding, including the language's
//! own (`syntax-error`, `invalid-value`, …), comes from a rule with a file.

pub mod checks;
mod engine;
mod explain;
pub mod rule_file;
mod suppressions;
pub mod templates;
pub mod words;

pub use checks::problem_words;
pub use engine::{
    builtin_files, check_settings, LintOptions, LoadedRule, ReadProblem, RuleError, RuleSet,
    RuleSettings, SeveritySetting,
};
pub use explain::explain;
pub use rule_file::{Partial, RuleFile, BUILTIN_RULES_JSON, BUILTIN_RULE_FILES};
