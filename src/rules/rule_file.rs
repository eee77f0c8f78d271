//! The rule file format (RULES.md, "The rule file"), shared by built-in and
//! custom rules: one rule per YAML file, its only source of truth. `explain`
//! prints it, the engine runs its `check`, and the doc tests run its `bad`
//! and `good` examples.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostics::Severity;
use crate::yaml;

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// A built-in rule file as `build.rs` embeds it, in JSON and in four
/// parts: what a run loads at start, its check (read straight into the
/// check kind's types), the words of its findings (parsed at the rule's
/// first finding: most runs find nothing for most rules) and the prose
/// only people read (parsed when asked: [`RuleFile::docs`]).
#[derive(Debug, PartialEq)]
pub struct EmbeddedRule {
    /// The file's stem: the rule's id.
    pub stem: &'static str,
    /// What a run reads at start.
    pub run: EmbeddedRun,
    pub check: EmbeddedCheck,
    /// [`Wordings`]: `message`, `help`, `fix`, `fix-safety`, `labels`, `words`, `cases`.
    pub words: &'static str,
    /// [`Docs`]: `why`, `bad` and `good`.
    pub docs: &'static str,
}

/// The fields of a built-in rule a run reads at start, as written.
#[derive(Debug, PartialEq)]
pub struct EmbeddedRun {
    pub id: &'static str,
    pub summary: &'static str,
    pub severity: &'static str,
    pub partial: Option<&'static str>,
    pub preview: bool,
    /// The options and their defaults, a JSON object.
    pub options: &'static str,
}

impl EmbeddedRule {
    /// The rule file as a run loads it: its check, words and prose left
    /// until asked.
    pub fn load(&'static self) -> RuleFile {
        let run = &self.run;
        RuleFile {
            id: run.id.to_string(),
            summary: run.summary.to_string(),
            severity: self.named(run.severity),
            options: serde_json::from_str(run.options).unwrap_or_else(|error| self.broken(error)),
            check: yaml::Mapping::new(),
            partial: run.partial.map(|name| self.named(name)).unwrap_or_default(),
            preview: run.preview,
            why: String::new(),
            bad: String::new(),
            good: String::new(),
            message: String::new(),
            help: None,
            fix: None,
            fix_safety: None,
            labels: BTreeMap::new(),
            words: BTreeMap::new(),
            cases: BTreeMap::new(),
            embedded: Some(self),
            wordings: std::sync::OnceLock::new(),
            embedded_check: std::sync::OnceLock::new(),
        }
    }

    /// A value written as one name (`severity: warning`), read as serde
    /// reads it from the YAML.
    fn named<T: serde::de::DeserializeOwned>(&self, name: &'static str) -> T {
        let name = serde::de::value::StrDeserializer::<serde::de::value::Error>::new(name);
        T::deserialize(name).unwrap_or_else(|error| self.broken(error))
    }

    fn broken(&self, error: impl std::fmt::Display) -> ! {
        panic!("built-in rule {}: {error}", self.stem)
    }
}

/// A built-in rule's `check`. Reading parameters into a general YAML
/// mapping and then into the kind's types was most of what loading the
/// rules cost a one-file run; the split form is read straight into the
/// kind's types (`checks::compile_embedded`), to the same check (tested).
#[derive(Debug, PartialEq)]
pub struct EmbeddedCheck {
    /// The check kind's name.
    pub kind: &'static str,
    /// The whole mapping, as written: what [`RuleFile::check`] gives.
    pub whole: &'static str,
    /// Whether a parameter takes an option's value (`{ option: NAME }`).
    pub takes_options: bool,
    /// The parameters, with the options' defaults in place: the check of
    /// a run that configures none of the rule's options.
    pub parameters: EmbeddedParameters,
}

/// A built-in check's parameters (all but `kind`), each part a JSON object.
#[derive(Debug, PartialEq)]
pub struct EmbeddedParameters {
    /// Every parameter: what a kind that selects no blocks reads.
    pub all: &'static str,
    /// `on`, `when` and `unless`: the selector of a kind that selects blocks.
    pub selector: &'static str,
    /// The others: that kind's own parameters.
    pub own: &'static str,
}

/// The prose of a rule file that only people read.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Docs {
    /// The rationale, in the user's language.
    pub why: String,
    /// A plan the rule flags.
    pub bad: String,
    /// A plan the rule leaves alone.
    pub good: String,
}

/// Every word a finding of the rule says, as templates (`rules::templates`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Wordings {
    /// Template of the finding's message: the check's variables, the
    /// block's `{kind}`, `{id}`, `{title}`, `{name}` and its attributes.
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
}

/// A rule file. Its words and prose are read through [`RuleFile::wordings`]
/// and [`RuleFile::docs`]: the fields below that hold them are only where
/// a custom rule's YAML puts them, and empty in a built-in rule's run form.
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
    /// The check kind and its parameters; a parameter written
    /// `{ option: NAME }` takes the value of option `NAME`. Read through
    /// [`RuleFile::check`]: empty in a built-in rule's run form.
    check: yaml::Mapping,
    /// What the rule does when part of the plan did not parse.
    #[serde(default)]
    pub partial: Partial,
    /// A new rule on trial: it runs only when the run or configuration
    /// turns preview on, or selects it by id (README, "Preview rules").
    #[serde(default)]
    pub preview: bool,
    why: String,
    bad: String,
    good: String,
    message: String,
    #[serde(default)]
    help: Option<String>,
    #[serde(default)]
    fix: Option<String>,
    #[serde(default)]
    fix_safety: Option<FixSafety>,
    #[serde(default)]
    labels: BTreeMap<String, String>,
    #[serde(default)]
    words: BTreeMap<String, String>,
    #[serde(default)]
    cases: BTreeMap<String, Wording>,
    /// Where a built-in rule's words and prose are, when the run form left them out.
    #[serde(skip)]
    embedded: Option<&'static EmbeddedRule>,
    /// The words, read once.
    #[serde(skip)]
    wordings: std::sync::OnceLock<Wordings>,
    /// A built-in rule's check as written, read once when asked.
    #[serde(skip)]
    embedded_check: std::sync::OnceLock<yaml::Mapping>,
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

    /// The rationale and the examples. A built-in rule parses them from
    /// its embedded file now: a run that only lints never pays for them.
    pub fn docs(&self) -> Cow<'_, Docs> {
        match self.embedded {
            Some(embedded) => Cow::Owned(
                serde_json::from_str(embedded.docs).expect("built-in rules' prose parses (tested)"),
            ),
            None => Cow::Owned(Docs {
                why: self.why.clone(),
                bad: self.bad.clone(),
                good: self.good.clone(),
            }),
        }
    }

    /// The templates of every word the rule's findings say. A built-in
    /// rule parses them at its first finding, or when asked.
    pub fn wordings(&self) -> &Wordings {
        self.wordings.get_or_init(|| match self.embedded {
            Some(embedded) => {
                serde_json::from_str(embedded.words).expect("built-in rules' words parse (tested)")
            }
            None => Wordings {
                message: self.message.clone(),
                help: self.help.clone(),
                fix: self.fix.clone(),
                fix_safety: self.fix_safety,
                labels: self.labels.clone(),
                words: self.words.clone(),
                cases: self.cases.clone(),
            },
        })
    }

    /// The words, to be changed (a custom rule's labels completed).
    pub fn wordings_mut(&mut self) -> &mut Wordings {
        self.wordings();
        self.wordings.get_mut().expect("just read")
    }

    /// The check kind's name.
    pub fn check_kind(&self) -> Option<&str> {
        match self.embedded {
            Some(embedded) => Some(embedded.check.kind),
            None => self.check.get("kind").and_then(yaml::Value::as_str),
        }
    }

    /// The check as written: its kind and parameters. A built-in rule
    /// parses it when asked (a run compiles it from [`Self::embedded_check`]).
    pub fn check(&self) -> &yaml::Mapping {
        match self.embedded {
            Some(embedded) => self.embedded_check.get_or_init(|| {
                serde_json::from_str(embedded.check.whole)
                    .expect("built-in rules' checks parse (tested)")
            }),
            None => &self.check,
        }
    }

    /// A built-in rule's check as `build.rs` embedded it.
    pub fn embedded_check(&self) -> Option<&'static EmbeddedCheck> {
        self.embedded.map(|embedded| &embedded.check)
    }

    /// The templates of a case (`None`: the main message, help and fix).
    /// A case the file does not word falls back to the main ones.
    pub fn wording(&self, case: Option<&str>) -> (&str, Option<&str>, Option<&str>) {
        let wordings = self.wordings();
        match case.and_then(|case| wordings.cases.get(case)) {
            Some(wording) => (
                &wording.message,
                wording.help.as_deref(),
                wording.fix.as_deref(),
            ),
            None => (
                &wordings.message,
                wordings.help.as_deref(),
                wordings.fix.as_deref(),
            ),
        }
    }

    /// The safeties of the fixes the rule offers, in any case, each once:
    /// what `planlint rules` and `explain` show.
    pub fn fix_safeties(&self) -> Vec<FixSafety> {
        let wordings = self.wordings();
        let mut safeties: Vec<FixSafety> = std::iter::once(wordings.fix_safety)
            .chain(wordings.cases.values().map(|wording| wording.fix_safety))
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
    /// with its words and prose, it must say exactly what the YAML says.
    #[test]
    fn the_json_form_of_each_rule_file_equals_its_yaml() {
        assert_eq!(BUILTIN_RULES_JSON.len(), BUILTIN_RULE_FILES.len());
        for ((stem, yaml_text), embedded) in BUILTIN_RULE_FILES.iter().zip(BUILTIN_RULES_JSON) {
            assert_eq!(*stem, embedded.stem);
            let from_yaml = RuleFile::parse(yaml_text).unwrap();
            let from_json = embedded.load();
            assert_eq!(from_yaml.docs(), from_json.docs(), "{stem}");
            assert_eq!(from_yaml.wordings(), from_json.wordings(), "{stem}");
            assert_eq!(from_yaml.check_kind(), from_json.check_kind(), "{stem}");
            let written_check = from_yaml.check().clone();
            let run_form = RuleFile {
                check: yaml::Mapping::new(),
                why: String::new(),
                bad: String::new(),
                good: String::new(),
                message: String::new(),
                help: None,
                fix: None,
                fix_safety: None,
                labels: BTreeMap::new(),
                words: BTreeMap::new(),
                cases: BTreeMap::new(),
                embedded: Some(embedded),
                ..from_yaml
            };
            assert_eq!(run_form, from_json, "{stem}");
            assert_eq!(&written_check, from_json.check(), "{stem}");
        }
    }

    /// The run form leaves the words and the prose out: what makes it
    /// quick to load. They are read when asked.
    #[test]
    fn the_run_form_has_no_words_nor_prose() {
        for embedded in BUILTIN_RULES_JSON {
            let file = embedded.load();
            assert!(file.why.is_empty() && file.message.is_empty() && file.labels.is_empty());
            assert!(file.wordings.get().is_none(), "{}", embedded.stem);
            assert!(!file.wordings().message.is_empty(), "{}", embedded.stem);
            assert!(file.docs().why.len() > 80, "{}", embedded.stem);
        }
    }
}
