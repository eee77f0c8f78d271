//! The rule set of a run and the lint of one file.

use std::collections::BTreeMap;

use super::checks::{self, Check, CheckContext, Hit, Hits, KindInfo, Origin, Pass, Spot};
use super::rule_file::{EmbeddedCheck, EmbeddedRule, Partial, RuleFile, BUILTIN_RULES_JSON};
use super::suppressions;
use super::templates;
use crate::diagnostics::{BlockRef, Finding, Label, Severity};
use crate::model::{Block, Date, ExchangeRates, Plan};
use crate::source::SourceFile;
use crate::syntax::{self, LostRegion, Span};
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
    pub kind: &'static KindInfo,
    /// A preview rule left off because nothing turned preview on or
    /// selected it by id; [`RuleSet::enable_preview`] turns it on.
    held_for_preview: bool,
    /// The compiled check, for kinds run over a plan.
    check: Option<Box<dyn Check>>,
    /// A built-in preview rule's check, compiled only when preview turns
    /// the rule on (see [`load`]).
    unbuilt: Option<CheckSource>,
}

/// A rule's check before it is compiled.
#[derive(Debug)]
enum CheckSource {
    /// A built-in rule's check as `build.rs` embedded it, read straight
    /// into the kind's types: one that takes no option's value, or takes
    /// only their defaults.
    Embedded(&'static EmbeddedCheck),
    /// Any other check: its kind and its parameters as written, the
    /// options' values in place of `{ option: NAME }`.
    Written {
        kind: String,
        parameters: yaml::Value,
    },
}

impl CheckSource {
    /// The check of `file` with these options; `configured`: whether the
    /// configuration set any of them.
    fn of(
        file: &RuleFile,
        options: &BTreeMap<String, yaml::Value>,
        configured: bool,
    ) -> Result<CheckSource, (YamlPath, String)> {
        let embedded = file.embedded_check();
        if let Some(embedded) = embedded.filter(|check| !(configured && check.takes_options)) {
            return Ok(CheckSource::Embedded(embedded));
        }
        let mut parameters = file.check().clone();
        let kind = parameters
            .remove("kind")
            .and_then(|kind| kind.as_str().map(str::to_string))
            .ok_or_else(|| {
                (
                    YamlPath::root(),
                    "`check` needs a `kind`, e.g. `kind: required-key`".to_string(),
                )
            })?;
        let parameters =
            substitute_options(yaml::Value::Mapping(parameters), options, YamlPath::root())?;
        Ok(CheckSource::Written { kind, parameters })
    }

    fn kind(&self) -> &str {
        match self {
            CheckSource::Embedded(check) => check.kind,
            CheckSource::Written { kind, .. } => kind,
        }
    }

    fn compile(self, origin: Origin) -> Result<Box<dyn Check>, checks::CheckError> {
        match self {
            CheckSource::Embedded(check) => checks::compile_embedded(check),
            CheckSource::Written { kind, parameters } => checks::compile(&kind, parameters, origin),
        }
    }
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
    /// The configuration's `currencies`, for sums over several currencies.
    exchange_rates: ExchangeRates,
}

/// Why a file could not be read as a plan.
#[derive(Debug, Clone)]
pub enum ReadProblem {
    /// Opening or reading failed; `reason` in the file system's words.
    Io { reason: String },
    /// A directory being walked for plans could not be read.
    Directory { reason: String },
    /// Larger than the size limit.
    TooLarge { limit_mib: u64 },
    /// Not UTF-8; `bad_bytes` is where decoding stopped (in the lossy text).
    NotUtf8 { bad_bytes: Span },
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
            exchange_rates: ExchangeRates::default(),
        })
    }

    /// Whether suppressions must give a reason (`require-reason` in the configuration).
    pub fn set_require_reason(&mut self, require: bool) {
        self.require_reason = require;
    }

    pub fn requires_reason(&self) -> bool {
        self.require_reason
    }

    /// The exchange rates the configuration states (`currencies`).
    pub fn set_exchange_rates(&mut self, rates: ExchangeRates) {
        self.exchange_rates = rates;
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

    /// Turns on the preview rules that were left off only because they
    /// are in preview (`--preview`, `preview: true`), at their severity.
    pub fn enable_preview(&mut self) {
        self.enable_preview_where(|_| true);
    }

    /// Turns on the preview rules `select` names: selecting a rule by id
    /// runs it, preview or not.
    pub fn enable_preview_where(&mut self, select: impl Fn(&str) -> bool) {
        for rule in &mut self.rules {
            if rule.held_for_preview && select(&rule.file.id) {
                rule.held_for_preview = false;
                rule.severity = Some(rule.file.severity);
                if let Some(source) = rule.unbuilt.take() {
                    let check = source
                        .compile(rule.origin)
                        .expect("built-in rules compile with their defaults (tested)");
                    rule.check = (rule.kind.pass == Pass::Plan).then_some(check);
                }
            }
        }
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

    /// Runs every enabled check over a plan, then applies its suppressions.
    pub fn check_plan(
        &self,
        plan: &Plan<'_>,
        file: &SourceFile,
        lost: &[LostRegion],
        options: &LintOptions,
    ) -> Vec<Finding> {
        let partial = PartialPlan::new(plan, lost);
        let source = file.text.as_str();
        let context = CheckContext {
            plan,
            source,
            lines: &file.lines,
            today: options.today,
            rates: &self.exchange_rates,
        };
        let mut findings = Vec::new();
        for rule in &self.rules {
            let (Some(severity), Some(check)) = (rule.severity, &rule.check) else {
                continue;
            };
            if partial.skips_rule(rule.file.partial) {
                continue;
            }
            // Each hit becomes its finding as it comes (see `Hits`).
            let mut render = |hit: Hit| {
                if partial.keeps(rule.file.partial, &hit) {
                    let block = plan.block(hit.block);
                    findings.push(rule.render(severity, hit, Some(block), source));
                }
            };
            check.run(&context, &mut Hits::new(&mut render));
        }
        let suppression_hits = suppressions::apply(
            plan,
            file,
            options.today,
            self.require_reason,
            &mut findings,
            |id| {
                self.get(id)
                    .map(|rule| (rule.is_enabled(), rule.file.is_configurable()))
            },
        );
        for (rule_id, hit) in suppression_hits {
            let skipped = self
                .get(rule_id)
                .is_some_and(|rule| partial.skips_rule(rule.file.partial));
            if skipped {
                continue;
            }
            if let Some(finding) = self.render_unattached(rule_id, hit, source) {
                findings.push(finding);
            }
        }
        findings
    }

    /// The finding of a hit that concerns no block (reading, suppressions,
    /// the audit), rendered with rule `rule_id`'s templates; `None` when
    /// the rule is off.
    pub fn render_unattached(&self, rule_id: &str, hit: Hit, source: &str) -> Option<Finding> {
        let rule = self.get(rule_id)?;
        Some(rule.render(rule.severity?, hit, None, source))
    }

    pub fn syntax_error(&self, error: syntax::SyntaxError) -> Finding {
        let mut hit = Hit::new(0, Spot::new(error.span, error.label));
        hit.vars = error.vars;
        hit.words = error.words;
        let case = match error.case {
            // What a key of the language takes is the language table's to say.
            "bad-value" => match bad_value_expects(&hit.vars) {
                Some(expected) => {
                    hit.vars.push(("expected", expected.to_string()));
                    Some("bad-value")
                }
                None => Some("bad-value-unknown-key"),
            },
            "expected" => None,
            case => Some(case),
        };
        hit.case = case;
        hit.secondary
            .extend(error.opened.map(|brace| Spot::new(brace, "opened")));
        self.render_always("syntax-error", hit)
    }

    /// The finding for a file that cannot be read or decoded.
    pub fn unreadable_file(&self, problem: ReadProblem) -> Finding {
        let hit = match problem {
            ReadProblem::Io { reason } => {
                Hit::new(0, Spot::bare(Span::new(0, 0))).var("reason", reason)
            }
            ReadProblem::Directory { reason } => Hit::new(0, Spot::bare(Span::new(0, 0)))
                .case("directory")
                .var("reason", reason),
            ReadProblem::TooLarge { limit_mib } => Hit::new(0, Spot::bare(Span::new(0, 0)))
                .case("too-large")
                .var("limit", limit_mib.to_string()),
            ReadProblem::NotUtf8 { bad_bytes } => Hit::new(0, Spot::new(bad_bytes, "not-utf8"))
                .case("not-utf8")
                .var("offset", bad_bytes.start.to_string()),
        };
        self.render_always("unreadable-file", hit)
    }

    /// Renders a hit of a rule that cannot be turned off.
    fn render_always(&self, rule_id: &str, hit: Hit) -> Finding {
        let rule = self
            .get(rule_id)
            .expect("the reading rules are built in and cannot be removed");
        rule.render(rule.severity.unwrap_or(Severity::Error), hit, None, "")
    }
}

impl LoadedRule {
    /// A hit as a finding: the rule's message, help and fix templates (of
    /// the hit's case) filled with the hit's variables and, for a hit about
    /// a block, the block's own.
    fn render(
        &self,
        severity: Severity,
        hit: Hit,
        block: Option<&Block<'_>>,
        source: &str,
    ) -> Finding {
        let (message, help, fix_template) = self.file.wording(hit.case);
        let wordings = self.file.wordings();
        let hit_vars: [&[(&'static str, String)]; 1] = [&hit.vars];
        let fillers = templates::Fillers {
            vars: &hit_vars,
            lists: &hit.lists,
            words: &hit.words,
            dictionary: &wordings.words,
            labels: &wordings.labels,
            block,
            source,
        };
        let render = |template: &str| templates::render(template, &fillers);
        let label = |spot: &Spot| Label {
            span: spot.span,
            text: spot
                .label
                .and_then(|name| wordings.labels.get(name))
                .map(|template| {
                    let vars: [&[(&'static str, String)]; 2] = [&spot.vars, &hit.vars];
                    templates::render(
                        template,
                        &templates::Fillers {
                            vars: &vars,
                            ..fillers
                        },
                    )
                }),
        };
        let fix = hit.fix.clone().map(|mut fix| {
            fix.message = fix_template.map(render).unwrap_or_default();
            fix
        });
        Finding {
            rule: self.file.id.clone(),
            severity,
            message: render(message),
            help: help.map(render),
            primary: label(&hit.primary),
            secondary: hit.secondary.iter().map(label).collect(),
            block: block.map(|block| BlockRef {
                kind: block.kind.keyword().to_string(),
                id: block.id.map(str::to_string),
            }),
            fix,
        }
    }
}

/// Parses the embedded rule files, in the JSON form `build.rs` gave them
/// (the same values as their YAML, tested; several times faster to parse,
/// which matters for a single-file run), their prose left until asked
/// ([`RuleFile::docs`]). They are tested to parse.
pub fn builtin_files() -> Vec<RuleFile> {
    BUILTIN_RULES_JSON.iter().map(EmbeddedRule::load).collect()
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

fn load(
    mut file: RuleFile,
    origin: Origin,
    settings: &RuleSettings,
) -> Result<LoadedRule, RuleError> {
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
    // A preview rule is off until preview is turned on, unless the
    // configuration names it with a severity (selecting it by id).
    let held_for_preview = file.preview && settings.severity.is_none();
    let severity = match settings.severity {
        None if held_for_preview => None,
        None => Some(file.severity),
        Some(SeveritySetting::On(severity)) => Some(severity),
        Some(SeveritySetting::Off) => None,
    };
    let check_path = YamlPath::key(["check"]);
    let source = CheckSource::of(&file, &options, !settings.options.is_empty())
        .map_err(|(at, message)| error(at.under(&check_path), message))?;
    // A built-in preview rule left off with its default options is tested
    // to compile: compiling it waits until preview turns it on. Most runs
    // never do, and `placeholder-text`'s regex was a quarter of a one-file
    // run's instructions.
    if origin == Origin::BuiltIn && held_for_preview && settings.options.is_empty() {
        let info =
            KindInfo::named(source.kind()).expect("built-in rules name known kinds (tested)");
        check_templates(&file, origin, info).map_err(|(at, message)| error(at, message))?;
        return Ok(LoadedRule {
            file,
            origin,
            severity,
            options,
            kind: info,
            held_for_preview,
            check: None,
            unbuilt: Some(source),
        });
    }
    let kind = KindInfo::named(source.kind());
    let check = source
        .compile(origin)
        .map_err(|check_error| error(check_error.at.under(&check_path), check_error.message))?;
    let kind = kind.expect("compiled, so the kind exists");
    check_templates(&file, origin, kind).map_err(|(at, message)| error(at, message))?;
    if origin == Origin::Custom {
        templates::fill_generic_labels(&mut file, kind);
    }
    Ok(LoadedRule {
        file,
        origin,
        severity,
        options,
        kind,
        held_for_preview,
        check: (kind.pass == Pass::Plan).then_some(check),
        unbuilt: None,
    })
}

/// Checks a rule's templates against its kind. A built-in rule's templates
/// do not depend on the configuration and are checked by every debug build
/// (the tests) and by a unit test: a release run skips them, which was a
/// quarter of a one-file run's instructions.
fn check_templates(
    file: &RuleFile,
    origin: Origin,
    kind: &KindInfo,
) -> Result<(), (YamlPath, String)> {
    if origin == Origin::Custom || cfg!(debug_assertions) {
        templates::check(file, kind)?;
    }
    Ok(())
}

/// The option a parameter written `{ option: NAME }` refers to.
fn option_reference(value: &yaml::Value) -> Option<&str> {
    let yaml::Value::Mapping(mapping) = value else {
        return None;
    };
    match mapping.iter().next() {
        Some((key, name)) if mapping.len() == 1 && key.as_str() == Some("option") => name.as_str(),
        _ => None,
    }
}

/// Whether a parameter, or one inside it, is written `{ option: NAME }`.
fn refers_to_options(value: &yaml::Value) -> bool {
    option_reference(value).is_some()
        || match value {
            yaml::Value::Mapping(mapping) => mapping.values().any(refers_to_options),
            yaml::Value::Sequence(items) => items.iter().any(refers_to_options),
            _ => false,
        }
}

/// Replaces every parameter written `{ option: NAME }` with that option's
/// value. Most checks refer to none: they are returned as they are.
fn substitute_options(
    value: yaml::Value,
    options: &BTreeMap<String, yaml::Value>,
    at: YamlPath,
) -> Result<yaml::Value, (YamlPath, String)> {
    if !refers_to_options(&value) {
        return Ok(value);
    }
    if let Some(name) = option_reference(&value) {
        return options.get(name).cloned().ok_or_else(|| {
            let known: Vec<&str> = options.keys().map(String::as_str).collect();
            let hint = crate::text::closest(name, known.iter().copied())
                .map(|close| format!("; did you mean `{close}`?"))
                .unwrap_or_default();
            (
                at.then("option"),
                format!(
                    "the check refers to option `{name}`, but the rule has no such option{hint}"
                ),
            )
        });
    }
    Ok(match value {
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

/// What was lost of a plan after syntax errors, as the rules' `partial`
/// policies need it.
struct PartialPlan<'a> {
    /// Per block: whether it lost some of its own lines.
    damaged: Vec<bool>,
    /// Per block: the kinds of its children that were lost whole.
    lost_children: Vec<Vec<&'static str>>,
    /// The ids of the blocks that were lost whole.
    lost_names: Vec<&'a str>,
    anything_lost: bool,
}

impl<'a> PartialPlan<'a> {
    fn new(plan: &Plan<'_>, lost: &'a [LostRegion]) -> PartialPlan<'a> {
        let mut damaged = vec![false; plan.blocks.len()];
        let mut lost_children = vec![Vec::new(); plan.blocks.len()];
        for region in lost {
            // The innermost block around the region lost part of its text.
            let around = plan
                .blocks
                .iter()
                .enumerate()
                .filter(|(_, block)| {
                    block.span.start <= region.span.start && region.span.end <= block.span.end
                })
                .max_by_key(|(_, block)| block.span.start)
                .map(|(index, _)| index);
            let Some(index) = around else { continue };
            match &region.block {
                // A whole child lost: the block's own lines are all there.
                Some((kind, _)) => lost_children[index].push(kind.keyword()),
                None => damaged[index] = true,
            }
        }
        PartialPlan {
            damaged,
            lost_children,
            lost_names: lost
                .iter()
                .filter_map(|region| region.block.as_ref()?.1.as_deref())
                .collect(),
            anything_lost: !lost.is_empty(),
        }
    }

    fn skips_rule(&self, policy: Partial) -> bool {
        self.anything_lost && policy == Partial::Skip
    }

    /// Whether a hit stands although part of the plan was lost.
    fn keeps(&self, policy: Partial, hit: &Hit) -> bool {
        if !self.anything_lost {
            return true;
        }
        match policy {
            Partial::Run => true,
            Partial::Skip => false,
            Partial::SkipDamagedBlocks => {
                let damaged = self.damaged.get(hit.block).copied().unwrap_or(false);
                // "has no kpi" when a kpi of the block was lost is no finding.
                let misses_a_lost_child = self.lost_children.get(hit.block).is_some_and(|kinds| {
                    hit.vars.iter().any(|(name, value)| {
                        *name == "key"
                            && kinds
                                .iter()
                                .any(|kind| value.split(" or ").any(|key| key == *kind))
                    })
                });
                !damaged && !misses_a_lost_child
            }
            Partial::SkipLostNames => !hit.vars.iter().any(|(name, value)| {
                *name == "value" && self.lost_names.contains(&value.trim_start_matches('@'))
            }),
        }
    }
}

/// What the key of a value written wrong takes, when it is a key of the language.
fn bad_value_expects(vars: &[(&'static str, String)]) -> Option<&'static str> {
    let (_, key) = vars.iter().find(|(name, _)| *name == "key")?;
    crate::model::schema::key_spec(key).map(|spec| super::words::value_type(spec.value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_rule_has_valid_templates() {
        for file in builtin_files() {
            let kind = file
                .check_kind()
                .and_then(KindInfo::named)
                .unwrap_or_else(|| panic!("{}: a known kind", file.id));
            assert_eq!(templates::check(&file, kind), Ok(()), "{}", file.id);
        }
    }

    /// A run builds a built-in rule's check from the JSON `build.rs`
    /// embedded, the options' defaults in place; a custom rule's from its
    /// YAML mapping, the options substituted by the engine. For every
    /// built-in rule both ways must build the same check.
    #[test]
    fn an_embedded_check_is_the_check_its_yaml_builds() {
        use super::super::rule_file::BUILTIN_RULE_FILES;
        for (embedded, (stem, text)) in BUILTIN_RULES_JSON.iter().zip(BUILTIN_RULE_FILES) {
            let file = RuleFile::parse(text).unwrap();
            let written = CheckSource::of(&file, &file.options, false).unwrap();
            assert!(matches!(written, CheckSource::Written { .. }), "{stem}");
            let loaded = embedded.load();
            let source = CheckSource::of(&loaded, &loaded.options, false).unwrap();
            assert!(matches!(source, CheckSource::Embedded(_)), "{stem}");
            let takes_options = refers_to_options(&yaml::Value::Mapping(file.check().clone()));
            assert_eq!(embedded.check.takes_options, takes_options, "{stem}");
            let from_yaml = written.compile(Origin::BuiltIn).unwrap();
            let from_json = source.compile(Origin::BuiltIn).unwrap();
            assert_eq!(format!("{from_yaml:?}"), format!("{from_json:?}"), "{stem}");
        }
    }

    /// A configured option reaches a check that takes it: the embedded
    /// check has only the defaults.
    #[test]
    fn a_configured_option_is_read_from_the_written_check() {
        let loaded = BUILTIN_RULES_JSON
            .iter()
            .find(|rule| rule.stem == "too-many-objectives")
            .unwrap()
            .load();
        let mut options = loaded.options.clone();
        options.insert("max".into(), yaml::Value::Number(7.into()));
        let source = CheckSource::of(&loaded, &options, true).unwrap();
        let CheckSource::Written { parameters, .. } = &source else {
            panic!("the configured option needs the written check: {source:?}");
        };
        assert_eq!(parameters.get("max"), Some(&yaml::Value::Number(7.into())));
    }

    /// A built-in preview rule's check waits for preview, then compiles
    /// and runs like any other.
    #[test]
    fn preview_rules_compile_when_preview_turns_them_on() {
        let mut rules = RuleSet::builtin();
        let waiting: Vec<String> = rules
            .rules()
            .iter()
            .filter(|rule| rule.unbuilt.is_some())
            .map(|rule| rule.file.id.clone())
            .collect();
        assert!(
            waiting.contains(&"placeholder-text".to_string()),
            "{waiting:?}"
        );
        rules.enable_preview();
        for rule in rules.rules() {
            assert!(rule.unbuilt.is_none(), "{}", rule.file.id);
            assert_eq!(
                rule.check.is_some(),
                rule.kind.pass == Pass::Plan,
                "{}",
                rule.file.id
            );
        }
        let source = SourceFile::new("p.plan", "plan \"P\" {\n  challenge: \"TBD\"\n}\n");
        let tree = syntax::parse(&source.text).expect("parses");
        let plan = crate::model::build(&source.text, tree);
        let options = LintOptions {
            today: Date::from_ymd(2027, 1, 1).expect("a real date"),
        };
        let findings = rules.check_plan(&plan, &source, &[], &options);
        assert!(
            findings
                .iter()
                .any(|finding| finding.rule == "placeholder-text"),
            "{findings:?}"
        );
    }
}
