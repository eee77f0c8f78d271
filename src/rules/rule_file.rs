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
#[serde(deny_unknown_fields)]
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
    /// The check kind and its parameters; a parameter written `$name` takes
    /// the value of option `name`.
    pub check: yaml::Mapping,
    /// Template of the finding's message: `{kind}`, `{id}`, `{title}`,
    /// `{name}`, `{key}`, `{value}`, `{KEY}` and the check's own variables.
    pub message: String,
    /// Template of what to do about it.
    #[serde(default)]
    pub help: Option<String>,
}

impl RuleFile {
    pub fn parse(text: &str) -> Result<RuleFile, yaml::Error> {
        yaml::from_str(text)
    }

    /// The check kind's name.
    pub fn check_kind(&self) -> Option<&str> {
        self.check.get("kind").and_then(yaml::Value::as_str)
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
