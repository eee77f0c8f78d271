//! The rule set of a run and the lint of one file.

use std::collections::BTreeMap;

use super::checks::{self, Check, CheckContext, Hit, Origin};
use super::rule_file::{RuleFile, BUILTIN_RULES_JSON};
use super::suppressions;
use crate::diagnostics::{BlockRef, Finding, Label, Severity};
use crate::model::{self, Block, Date, Plan, Value};
use crate::source::SourceFile;
use crate::syntax::{self, Span};
use crate::yaml;

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
}

/// A problem with a rule file or its settings, for the configuration error report.
#[derive(Debug, Clone)]
pub struct RuleError {
    pub rule: String,
    pub message: String,
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
        Ok(RuleSet { rules })
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
        let tree = match syntax::parse(&file.text) {
            Ok(tree) => tree,
            Err(error) => return vec![self.syntax_error(error)],
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
            &mut findings,
            |id| {
                self.get(id)
                    .map(|rule| (rule.is_enabled(), rule.file.is_configurable()))
            },
            |id| self.severity_of(id),
        );
        findings
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

fn load(file: RuleFile, origin: Origin, settings: &RuleSettings) -> Result<LoadedRule, RuleError> {
    let error = |message: String| RuleError {
        rule: file.id.clone(),
        message,
    };
    let mut options = file.options.clone();
    for (name, value) in &settings.options {
        if !options.contains_key(name) {
            return Err(error(format!("rule `{}` has no option `{name}`", file.id)));
        }
        options.insert(name.clone(), value.clone());
    }
    let severity = match settings.severity {
        None => Some(file.severity),
        Some(SeveritySetting::On(severity)) => Some(severity),
        Some(SeveritySetting::Off) => None,
    };
    let mut params = file.check.clone();
    let kind = params
        .remove("kind")
        .and_then(|kind| kind.as_str().map(str::to_string))
        .ok_or_else(|| error("`check` needs a `kind`".into()))?;
    let params = substitute_options(yaml::Value::Mapping(params), &options).map_err(error)?;
    let check = checks::compile(&kind, params, origin).map_err(error)?;
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
) -> Result<yaml::Value, String> {
    Ok(match value {
        yaml::Value::String(text) if text.starts_with('$') => {
            let name = &text[1..];
            options.get(name).cloned().ok_or_else(|| {
                format!("the check refers to `${name}`, but the rule has no option `{name}`")
            })?
        }
        yaml::Value::Mapping(mapping) => yaml::Value::Mapping(
            mapping
                .into_iter()
                .map(|(key, value)| Ok((key, substitute_options(value, options)?)))
                .collect::<Result<_, String>>()?,
        ),
        yaml::Value::Sequence(items) => yaml::Value::Sequence(
            items
                .into_iter()
                .map(|item| substitute_options(item, options))
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
