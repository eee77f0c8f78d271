//! The rule file format (RULES.md, "The rule file"), shared by built-in and
//! custom rules: one rule per YAML file, its only source of truth. `explain`
//! prints it, the engine runs its `check`, and the doc tests run its `bad`
//! and `good` examples.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostics::Severity;
use crate::yaml;

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleFile {
    /// Kebab-case, unique, stable; equal to the file's stem.
    pub id: String,
    /// One line.
    pub summary: String,
    /// The default severity.
    pub severity: Severity,
    /// Option names with their defaults.
    #[serde(default)]
    pub options: BTreeMap<String, yaml::Value>,
    /// The rationale, in the user's language.
    pub why: String,
    /// A plan the rule flags.
    pub bad: String,
    /// A plan the rule leaves alone.
    pub good: String,
    /// The check kind and its parameters; a parameter written
    /// `{ option: NAME }` takes the value of option `NAME`.
    pub check: yaml::Mapping,
    /// Template of the finding's message: the check's variables, the
    /// block's `{kind}`, `{id}`, `{title}`, `{name}` and its attributes
    /// (see `rules::templates`).
    pub message: String,
    /// Template of what to do about it.
    #[serde(default)]
    pub help: Option<String>,
    /// Template of what the automatic fix does, for rules that offer one.
    #[serde(default)]
    pub fix: Option<String>,
    /// Whether that fix keeps the plan's meaning (`safe`) or may change it
    /// (`unsafe`); required with `fix`.
    #[serde(default)]
    pub fix_safety: Option<FixSafety>,
    /// Templates of the labels the check puts on the plan, by the names
    /// its kind gives them (`missing: "no `{key}`"`).
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Words for the names a check kind's hits use in place of text
    /// (`end-of-file: "the end of the file"`).
    #[serde(default)]
    pub words: BTreeMap<String, String>,
    /// Situations the check kind words apart, each with its own templates.
    #[serde(default)]
    pub cases: BTreeMap<String, Wording>,
    /// What the rule does when part of the plan did not parse.
    #[serde(default)]
    pub partial: Partial,
    /// A new rule on trial: it runs only when the run or configuration
    /// turns preview on, or selects it by id (README, "Preview rules").
    #[serde(default)]
    pub preview: bool,
}

/// What a rule does when part of a plan was left out after a syntax
/// error, so that a lost block never turns into a false alarm.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Partial {
    /// Runs as usual: it judges what is written, and a lost part can only
    /// hide a finding, never make one.
    Run,
    /// Says nothing about a block that lost some of its text: what it
    /// misses may be in the lost part.
    #[default]
    SkipDamagedBlocks,
    /// Says nothing about a name that a lost block declared.
    SkipLostNames,
    /// Does not run: it sums or connects the whole plan.
    Skip,
}

/// The words of one case of a rule.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Wording {
    pub message: String,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub fix: Option<String>,
    #[serde(default)]
    pub fix_safety: Option<FixSafety>,
}

/// A fix's safety as a rule file states it (ruff's terms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FixSafety {
    Safe,
    Unsafe,
}

impl FixSafety {
    pub fn as_str(self) -> &'static str {
        match self {
            FixSafety::Safe => "safe",
            FixSafety::Unsafe => "unsafe",
        }
    }
}

impl RuleFile {
    pub fn parse(text: &str) -> Result<RuleFile, yaml::Error> {
        yaml::from_str(text)
    }

    /// The check kind's name.
    pub fn check_kind(&self) -> Option<&str> {
        self.check.get("kind").and_then(yaml::Value::as_str)
    }

    /// The templates of a case (`None`: the main message, help and fix).
    /// A case the file does not word falls back to the main ones.
    pub fn wording(&self, case: Option<&str>) -> (&str, Option<&str>, Option<&str>) {
        match case.and_then(|case| self.cases.get(case)) {
            Some(wording) => (
                &wording.message,
                wording.help.as_deref(),
                wording.fix.as_deref(),
            ),
            None => (&self.message, self.help.as_deref(), self.fix.as_deref()),
        }
    }

    /// The safeties of the fixes the rule offers, in any case, each once:
    /// what `planlint rules` and `explain` show.
    pub fn fix_safeties(&self) -> Vec<FixSafety> {
        let mut safeties: Vec<FixSafety> = std::iter::once(self.fix_safety)
            .chain(self.cases.values().map(|wording| wording.fix_safety))
            .flatten()
            .collect();
        safeties.sort_by_key(|safety| *safety == FixSafety::Unsafe);
        safeties.dedup();
        safeties
    }

    /// Whether the rule can be configured or suppressed (RULES.md: not
    /// `syntax-error` nor `unreadable-file`).
    pub fn is_configurable(&self) -> bool {
        !matches!(self.id.as_str(), "syntax-error" | "unreadable-file")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The engine loads the JSON that `build.rs` made of each rule file;
    /// it must say exactly what the YAML says.
    #[test]
    fn the_json_form_of_each_rule_file_equals_its_yaml() {
        assert_eq!(BUILTIN_RULES_JSON.len(), BUILTIN_RULE_FILES.len());
        for ((stem, yaml_text), (json_stem, json_text)) in
            BUILTIN_RULE_FILES.iter().zip(BUILTIN_RULES_JSON)
        {
            assert_eq!(stem, json_stem);
            let from_yaml = RuleFile::parse(yaml_text).unwrap();
            let from_json: RuleFile = serde_json::from_str(json_text).unwrap();
            assert_eq!(from_yaml, from_json, "{stem}");
        }
    }
}
