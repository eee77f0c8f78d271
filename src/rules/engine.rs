//! The rule set of a run and the lint of one file.

use std::collections::BTreeMap;

use super::checks::{self, Check, CheckContext, Hit, Origin};
use super::rule_file::{RuleFile, BUILTIN_RULES_JSON};
use super::suppressions;
use crate::diagnostics::{BlockRef, Finding, Label, Severity};
use crate::model::{self, Block, Date, Plan, Value};
use crate::source::SourceFile;
use crate::syntax::{self, Span};
use crate::yaml::{self, YamlPath};

/// A rule's severity as configured: one of the three, or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeveritySetting {
    Off,
    On(Severity),
}

/// What a configuration says about one rule.
#[derive(Debug, Clone, Default)]
pub struct RuleSettings {
    pub severity: Option<SeveritySetting>,
    /// Option values overriding the rule's defaults.
    pub options: BTreeMap<String, yaml::Value>,
}

/// Per-run settings that are not about rules.
#[derive(Debug, Clone, Copy)]
pub struct LintOptions {
    /// The date `until` on suppressions is compared with.
    pub today: Date,
}

/// A rule ready to run: its file, its effective severity and options, its compiled check.
#[derive(Debug)]
pub struct LoadedRule {
    pub file: RuleFile,
    pub origin: Origin,
    /// `None` when the rule is off for this run.
    pub severity: Option<Severity>,
    pub options: BTreeMap<String, yaml::Value>,
    check: Option<Box<dyn Check>>,
}

impl LoadedRule {
    pub fn id(&self) -> &str {
        &self.file.id
    }

    pub fn is_enabled(&self) -> bool {
        self.severity.is_some()
    }
}

/// Every rule of a run, built-in and custom, in id order.
#[derive(Debug)]
pub struct RuleSet {
    rules: Vec<LoadedRule>,
    /// `require-reason: true`: a suppression without `-- reason` is a
    /// `suppression-without-reason` finding.
    require_reason: bool,
}

/// A problem with a rule file or its settings, for the configuration error report.
#[derive(Debug, Clone)]
pub struct RuleError {
    pub rule: String,
    pub message: String,
    /// Where in the rule file: `check.forbids`, or the root for the whole rule.
    pub at: YamlPath,
}

impl RuleSet {
    /// The built-in rules with their defaults.
    pub fn builtin() -> RuleSet {
        RuleSet::new(builtin_files(), Vec::new(), &BTreeMap::new())
            .expect("built-in rules compile with their defaults (tested)")
    }

    /// Built-in and custom rules with the configured settings applied.
    pub fn new(
        builtin: Vec<RuleFile>,
        custom: Vec<RuleFile>,
        settings: &BTreeMap<String, RuleSettings>,
    ) -> Result<RuleSet, RuleError> {
        let mut rules = Vec::new();
        let files = builtin
            .into_iter()
            .map(|file| (file, Origin::BuiltIn))
            .chain(custom.into_iter().map(|file| (file, Origin::Custom)));
        for (file, origin) in files {
            let rule_settings = settings.get(&file.id).cloned().unwrap_or_default();
            rules.push(load(file, origin, &rule_settings)?);
        }
        rules.sort_by(|a, b| a.file.id.cmp(&b.file.id));
        Ok(RuleSet {
            rules,
            require_reason: false,
        })
    }

    /// Whether suppressions must give a reason (`require-reason` in the configuration).
    pub fn set_require_reason(&mut self, require: bool) {
        self.require_reason = require;
    }

    pub fn requires_reason(&self) -> bool {
        self.require_reason
    }

    pub fn rules(&self) -> &[LoadedRule] {
        &self.rules
    }

    pub fn get(&self, id: &str) -> Option<&LoadedRule> {
        self.rules
            .binary_search_by(|rule| rule.file.id.as_str().cmp(id))
            .ok()
            .map(|index| &self.rules[index])
    }

    /// Keeps only the rules `keep` accepts (`--select`, `--ignore`); the
    /// others are turned off for the run.
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        for rule in &mut self.rules {
            if rule.file.is_configurable() && !keep(&rule.file.id) {
                rule.severity = None;
            }
        }
    }

    fn severity_of(&self, id: &str) -> Option<Severity> {
        self.get(id).and_then(|rule| rule.severity)
    }

    /// Lints one file whose text has been read and decoded.
    pub fn lint(&self, file: &SourceFile, options: &LintOptions) -> Vec<Finding> {
        self.lint_and_inspect(file, options, |_, _| ()).0
    }

    /// Lints one file and lets `inspect` look at the typed plan and its
    /// findings before the plan is dropped (the audit keeps a small summary
    /// of each plan this way, never the plan itself). `inspect` is not
    /// called when the file does not parse.
    pub fn lint_and_inspect<T>(
        &self,
        file: &SourceFile,
        options: &LintOptions,
        inspect: impl FnOnce(&Plan<'_>, &[Finding]) -> T,
    ) -> (Vec<Finding>, Option<T>) {
        let tree = match syntax::parse(&file.text) {
            Ok(tree) => tree,
            Err(error) => return (vec![self.syntax_error(error)], None),
        };
        let plan = model::build(&file.text, &tree);
        let context = CheckContext {
            plan: &plan,
            source: &file.text,
            today: options.today,
        };
        let mut findings = Vec::new();
        let mut hits = Vec::new();
        for rule in &self.rules {
            let (Some(severity), Some(check)) = (rule.severity, &rule.check) else {
                continue;
            };
            hits.clear();
            check.run(&context, &mut hits);
            findings.extend(
                hits.drain(..)
                    .map(|hit| finding_from_hit(rule, severity, hit, &plan, &file.text)),
            );
        }
        suppressions::apply(
            &plan,
            &file.text,
            options.today,
            self.require_reason,
            &mut findings,
            |id| {
                self.get(id)
                    .map(|rule| (rule.is_enabled(), rule.file.is_configurable()))
            },
            |id| self.severity_of(id),
        );
        let inspected = inspect(&plan, &findings);
        (findings, Some(inspected))
    }

    pub fn syntax_error(&self, error: syntax::SyntaxError) -> Finding {
        Finding {
            rule: "syntax-error".into(),
            severity: self.severity_of("syntax-error").unwrap_or(Severity::Error),
            message: error.message,
            help: error.help,
            primary: Label::new(error.span, error.label),
            secondary: error
                .opened
                .map(|brace| Label::new(brace, "opened here, never closed"))
                .into_iter()
                .collect(),
            block: None,
        }
    }

    /// The finding for a file that cannot be read or decoded.
    pub fn unreadable_file(&self, message: String, offset: usize) -> Finding {
        Finding {
            rule: "unreadable-file".into(),
            severity: self
                .severity_of("unreadable-file")
                .unwrap_or(Severity::Error),
            message,
            help: Some(
                "Save the plan as UTF-8 text (most editors have an encoding option), \
                 or check that the file exists and can be read."
                    .into(),
            ),
            primary: Label::bare(Span::new(offset, offset)),
            secondary: Vec::new(),
            block: None,
        }
    }
}

/// Parses the embedded rule files, in the JSON form `build.rs` gave them
/// (the same values as their YAML, tested; several times faster to parse,
/// which matters for a single-file run). They are tested to parse.
pub fn builtin_files() -> Vec<RuleFile> {
    BUILTIN_RULES_JSON
        .iter()
        .map(|(stem, json)| {
            serde_json::from_str(json)
                .unwrap_or_else(|error| panic!("built-in rule {stem}: {error}"))
        })
        .collect()
}

/// Checks that a rule compiles with these settings, without keeping it: how
/// the configuration tries each option it overrides.
pub fn check_settings(
    file: &RuleFile,
    origin: Origin,
    settings: &RuleSettings,
) -> Result<(), RuleError> {
    load(file.clone(), origin, settings).map(|_| ())
}

fn load(file: RuleFile, origin: Origin, settings: &RuleSettings) -> Result<LoadedRule, RuleError> {
    let error = |at: YamlPath, message: String| RuleError {
        rule: file.id.clone(),
        message,
        at,
    };
    let mut options = file.options.clone();
    for (name, value) in &settings.options {
        if !options.contains_key(name) {
            return Err(error(
                YamlPath::root(),
                format!("rule `{}` has no option `{name}`", file.id),
            ));
        }
        options.insert(name.clone(), value.clone());
    }
    let severity = match settings.severity {
        None => Some(file.severity),
        Some(SeveritySetting::On(severity)) => Some(severity),
        Some(SeveritySetting::Off) => None,
    };
    let check_path = YamlPath::key(["check"]);
    let mut params = file.check.clone();
    let kind = params
        .remove("kind")
        .and_then(|kind| kind.as_str().map(str::to_string))
        .ok_or_else(|| {
            error(
                check_path.clone(),
                "`check` needs a `kind`, e.g. `kind: required-key`".into(),
            )
        })?;
    let params = substitute_options(yaml::Value::Mapping(params), &options, YamlPath::root())
        .map_err(|(at, message)| error(at.under(&check_path), message))?;
    let check = checks::compile(&kind, params, origin)
        .map_err(|check_error| error(check_error.at.under(&check_path), check_error.message))?;
    Ok(LoadedRule {
        file,
        origin,
        severity,
        options,
        check,
    })
}

/// Replaces every parameter written `$option` with that option's value.
fn substitute_options(
    value: yaml::Value,
    options: &BTreeMap<String, yaml::Value>,
    at: YamlPath,
) -> Result<yaml::Value, (YamlPath, String)> {
    Ok(match value {
        yaml::Value::String(text) if text.starts_with('$') => {
            let name = &text[1..];
            options.get(name).cloned().ok_or_else(|| {
                (
                    at,
                    format!("the check refers to `${name}`, but the rule has no option `{name}`"),
                )
            })?
        }
        yaml::Value::Mapping(mapping) => yaml::Value::Mapping(
            mapping
                .into_iter()
                .map(|(key, value)| {
                    let path = match key.as_str() {
                        Some(name) => at.clone().then(name),
                        None => at.clone(),
                    };
                    Ok((key, substitute_options(value, options, path)?))
                })
                .collect::<Result<_, _>>()?,
        ),
        yaml::Value::Sequence(items) => yaml::Value::Sequence(
            items
                .into_iter()
                .enumerate()
                .map(|(index, item)| substitute_options(item, options, at.clone().item(index)))
                .collect::<Result<_, _>>()?,
        ),
        other => other,
    })
}

fn finding_from_hit(
    rule: &LoadedRule,
    severity: Severity,
    hit: Hit,
    plan: &Plan<'_>,
    source: &str,
) -> Finding {
    let block = plan.block(hit.block);
    let render = |template: &str| render_template(template, &hit.vars, block, source);
    Finding {
        rule: rule.file.id.clone(),
        severity,
        message: render(&rule.file.message),
        help: rule.file.help.as_deref().map(render),
        primary: hit.primary.clone(),
        secondary: hit.secondary.clone(),
        block: Some(BlockRef {
            kind: block.kind.keyword().to_string(),
            id: block.id.map(str::to_string),
        }),
    }
}

/// Fills `{var}` placeholders: the check's variables first, then the
/// block's `{kind}`, `{id}`, `{title}`, `{name}`, then any attribute `{KEY}`
/// of the block. An unknown placeholder is left as written.
pub fn render_template(
    template: &str,
    vars: &[(&'static str, String)],
    block: &Block<'_>,
    source: &str,
) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        match lookup(name, vars, block, source) {
            Some(value) => out.push_str(&value),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

fn lookup(
    name: &str,
    vars: &[(&'static str, String)],
    block: &Block<'_>,
    source: &str,
) -> Option<String> {
    if let Some((_, value)) = vars.iter().find(|(var, _)| *var == name) {
        return Some(value.clone());
    }
    match name {
        "kind" => Some(block.kind.keyword().to_string()),
        "id" => Some(block.id.unwrap_or_default().to_string()),
        "title" => Some(block.title.as_deref().unwrap_or_default().to_string()),
        "name" => Some(block.describe()),
        key => block
            .attribute(key)
            .map(|attribute| match &attribute.value {
                Value::Text(text) => text.to_string(),
                _ => attribute.span.text(source).to_string(),
            }),
    }
}
