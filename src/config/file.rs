//! Reading one `.planlint.yaml`: the YAML is parsed into a plain value, then
//! checked key by key; each mistake names its YAML path, which
//! [`crate::yaml::locate`] turns into a line and column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use super::custom::{self, CustomRule};
use super::{Config, ConfigError, Exclusion, Selection};
use crate::diagnostics::Severity;
use crate::files::{read_limited, ReadError, MAX_CONFIG_SIZE};
use crate::rules::checks::Origin;
use crate::rules::{self, RuleFile, RuleSet, RuleSettings, SeveritySetting};
use crate::text::closest;
use crate::yaml::{self, Value, YamlPath};

const KEYS: [&str; 8] = [
    "rules",
    "preview",
    "currencies",
    "custom-rules",
    "exclude",
    "require-reason",
    "extend",
    "import",
];

/// What one configuration file and those it extends say, merged: the
/// file's own settings over those of what it extends, rule by rule.
struct Layer {
    settings: BTreeMap<String, RuleSettings>,
    custom_rules: Vec<CustomRule>,
    exclude: Vec<Exclusion>,
    require_reason: Option<bool>,
    /// `preview: true`: run the preview rules.
    preview: Option<bool>,
    /// `currencies`: exchange rates, currency by currency over those extended.
    exchange_rates: crate::model::ExchangeRates,
    import: Option<crate::import::ImportOptions>,
    /// The files extended, nearest first, as shown.
    extends: Vec<String>,
}

/// Loads and checks the configuration at `path` (absolute), shown as `display`.
pub(super) fn load(
    path: &Path,
    display: String,
    selection: &Selection,
) -> Result<Config, ConfigError> {
    let mut chain = Vec::new();
    let layer = load_layer(path, display.clone(), &mut chain)?;
    let builtin = rules::builtin_files();
    let custom_files: Vec<RuleFile> = layer
        .custom_rules
        .iter()
        .map(|rule| rule.file.clone())
        .collect();
    let settings = with_required_keys_allowed(&layer.settings, &custom_files);
    let mut rule_set = RuleSet::new(builtin, custom_files.clone(), &settings).map_err(
        // Each setting was tried on its own when read; this is a safety net.
        |error| {
            ConfigError::file(
                &display,
                format!("rule `{}`: {}", error.rule, error.message),
            )
        },
    )?;
    rule_set.set_require_reason(layer.require_reason.unwrap_or(false));
    rule_set.set_exchange_rates(layer.exchange_rates.clone());
    if layer.preview == Some(true) {
        rule_set.enable_preview();
    }
    selection.apply(&mut rule_set);
    Ok(Config {
        file: Some(display),
        extends: layer.extends,
        rules: std::sync::Arc::new(rule_set),
        custom_rules: layer
            .custom_rules
            .iter()
            .map(|rule| (rule.file.id.clone(), rule.display.clone()))
            .collect(),
        custom_files,
        exclude: layer.exclude,
        import: layer.import.unwrap_or_default(),
    })
}

/// The settings with every key a custom `required-key` rule requires added
/// to `unknown-attribute`'s `allow`: a key the team's own rule demands is a
/// key of the team's language, not a typo (issue 17).
fn with_required_keys_allowed(
    settings: &BTreeMap<String, RuleSettings>,
    custom: &[RuleFile],
) -> BTreeMap<String, RuleSettings> {
    let mut required: Vec<String> = Vec::new();
    for file in custom {
        if file.check_kind() != Some("required-key") {
            continue;
        }
        let keys = match file.check().get("key") {
            Some(Value::String(key)) => vec![key.clone()],
            Some(Value::Sequence(keys)) => keys
                .iter()
                .filter_map(|key| key.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        };
        // A kind of child block (`kpi`) is no attribute; the language's own
        // keys are known already.
        required.extend(keys.into_iter().filter(|key| {
            crate::model::BlockKind::from_keyword(key).is_none()
                && crate::model::schema::key_spec(key).is_none()
        }));
    }
    let mut settings = settings.clone();
    if required.is_empty() {
        return settings;
    }
    let entry = settings.entry("unknown-attribute".to_string()).or_default();
    let mut allow = match entry.options.get("allow") {
        Some(Value::Sequence(items)) => items.clone(),
        _ => Vec::new(),
    };
    for key in required {
        let key = Value::String(key);
        if !allow.contains(&key) {
            allow.push(key);
        }
    }
    entry
        .options
        .insert("allow".to_string(), Value::Sequence(allow));
    settings
}

/// Reads one file and, first, what it extends. `chain` holds the real
/// paths of the files being read, to catch a cycle.
fn load_layer(
    path: &Path,
    display: String,
    chain: &mut Vec<PathBuf>,
) -> Result<Layer, ConfigError> {
    let text = read_limited(path, MAX_CONFIG_SIZE).map_err(|error| {
        ConfigError::file(
            &display,
            format!(
                "cannot read the configuration: {}",
                read_error_words(&error, "configurations")
            ),
        )
    })?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let reader = Reader {
        file: &display,
        text: &text,
    };
    let value: Value = yaml::from_str(&text).map_err(|error| reader.yaml_error(&error))?;
    let top =
        match value {
            Value::Null => yaml::Mapping::new(),
            Value::Mapping(mapping) => mapping,
            _ => return Err(reader
                .error(YamlPath::root(), "a configuration is a mapping of settings")
                .with_help(
                    "Start from:\n  rules:\n    missing-kpi: warning\n  exclude:\n    - archive/**",
                )),
        };
    for key in top.keys() {
        let name = reader.key_name(key, &YamlPath::root())?;
        if !KEYS.contains(&name) {
            return Err(reader
                .error(YamlPath::key([name]), format!("unknown setting `{name}`"))
                .with_help(suggest(name, KEYS, "The settings are")));
        }
    }

    chain.push(crate::files::canonical(path).unwrap_or_else(|_| path.to_path_buf()));
    let mut layer = match top.get("extend") {
        Some(value) => {
            let (base, base_display) = extended_file(&reader, &dir, value, chain)?;
            let mut layer = load_layer(&base, base_display.clone(), chain)?;
            layer.extends.insert(0, base_display);
            layer
        }
        None => Layer {
            settings: BTreeMap::new(),
            custom_rules: Vec::new(),
            exclude: Vec::new(),
            require_reason: None,
            preview: None,
            exchange_rates: crate::model::ExchangeRates::default(),
            import: None,
            extends: Vec::new(),
        },
    };
    chain.pop();

    let builtin = rules::builtin_files();
    if let Some(value) = top.get("custom-rules") {
        let globs = reader.strings(value, YamlPath::value(["custom-rules"]), "custom-rules")?;
        let inherited = std::mem::take(&mut layer.custom_rules);
        layer.custom_rules = custom::load(&reader, &dir, &globs, &builtin, inherited)?;
    }
    if let Some(value) = top.get("exclude") {
        let globs = reader.strings(value, YamlPath::value(["exclude"]), "exclude")?;
        let shown_dir = Path::new(&display)
            .parent()
            .map(crate::files::display_path)
            .filter(|shown| !shown.is_empty())
            .unwrap_or_else(|| ".".into());
        layer.exclude.push(Exclusion {
            dir: dir.clone(),
            shown_dir,
            set: reader.glob_set(&globs, "exclude")?,
            globs: globs.into_iter().map(|(glob, _)| glob).collect(),
        });
    }
    match top.get("require-reason") {
        None => {}
        Some(Value::Bool(flag)) => layer.require_reason = Some(*flag),
        Some(_) => {
            return Err(reader.error(
                YamlPath::value(["require-reason"]),
                "`require-reason` is `true` or `false`",
            ))
        }
    }
    match top.get("preview") {
        None => {}
        Some(Value::Bool(flag)) => layer.preview = Some(*flag),
        Some(_) => {
            return Err(reader
                .error(
                    YamlPath::value(["preview"]),
                    "`preview` is `true` or `false`",
                )
                .with_help("`preview: true` runs the rules that are still in preview."))
        }
    }
    if let Some(value) = top.get("currencies") {
        reader.exchange_rates(value, &mut layer.exchange_rates)?;
    }
    if let Some(value) = top.get("import") {
        layer.import = Some(reader.import_options(value)?);
    }
    let all: Vec<(&RuleFile, Origin)> = builtin
        .iter()
        .map(|file| (file, Origin::BuiltIn))
        .chain(
            layer
                .custom_rules
                .iter()
                .map(|rule| (&rule.file, Origin::Custom)),
        )
        .collect();
    if let Some(value) = top.get("rules") {
        // Rule by rule: this file's entry for a rule replaces the one it extends.
        let own = reader.rule_settings(value, &all)?;
        layer.settings.extend(own);
    }
    Ok(layer)
}

/// The file `extend: PATH` names: relative to this configuration, inside
/// its repository (the nearest directory above it with a `.git`, else its
/// own directory), not in the chain of files being read.
fn extended_file(
    reader: &Reader<'_>,
    dir: &Path,
    value: &Value,
    chain: &[PathBuf],
) -> Result<(PathBuf, String), ConfigError> {
    let at = YamlPath::value(["extend"]);
    let Value::String(written) = value else {
        return Err(reader
            .error(at, "`extend` is the path of one configuration file")
            .with_help("For example: `extend: ../policies/planlint.yaml`"));
    };
    let relative = Path::new(written);
    let root = repository_root(dir);
    let outside = || {
        reader
            .error(
                at.clone(),
                format!("`{written}` is outside this configuration's repository"),
            )
            .with_help(format!(
                "`extend` takes a path relative to this file that stays inside `{}`; \
                 copy the shared policy into the repository (or a git submodule).",
                root.display()
            ))
    };
    if relative.is_absolute() || relative.has_root() {
        return Err(outside());
    }
    let target = crate::files::normalise_path(&dir.join(relative));
    if !target.starts_with(&root) {
        return Err(outside());
    }
    let real = crate::files::canonical(&target).map_err(|error| {
        reader.error(
            at.clone(),
            format!("cannot read `{written}`: {}", error_words(&error)),
        )
    })?;
    // A link inside the repository may lead out of it.
    let real_root = crate::files::canonical(&root).unwrap_or(root.clone());
    if !real.starts_with(&real_root) {
        return Err(outside());
    }
    if !real.is_file() {
        return Err(reader.error(at, format!("`{written}` is not a file")));
    }
    if let Some(start) = chain.iter().position(|file| file == &real) {
        let names: Vec<String> = chain[start..]
            .iter()
            .chain([&real])
            .map(|file| {
                let shown = file.strip_prefix(&real_root).unwrap_or(file);
                format!("`{}`", crate::files::display_path(shown))
            })
            .collect();
        return Err(reader
            .error(at, format!("`extend` makes a cycle: {}", names.join(" → ")))
            .with_help("A configuration cannot extend itself, directly or through others."));
    }
    let display = match Path::new(reader.file).parent() {
        Some(parent) => {
            crate::files::display_path(&crate::files::normalise_path(&parent.join(relative)))
        }
        None => written.clone(),
    };
    Ok((target, display))
}

/// The nearest directory at or above `dir` with a `.git`, else `dir`.
fn repository_root(dir: &Path) -> PathBuf {
    dir.ancestors()
        .find(|ancestor| ancestor.join(".git").exists())
        .unwrap_or(dir)
        .to_path_buf()
}

/// The configuration's text, for errors at a place in it.
pub(super) struct Reader<'a> {
    pub file: &'a str,
    pub text: &'a str,
}

impl Reader<'_> {
    pub fn error(&self, at: YamlPath, message: impl Into<String>) -> ConfigError {
        ConfigError::at(self.file, self.text, &at, message)
    }

    fn yaml_error(&self, error: &yaml::Error) -> ConfigError {
        ConfigError::from_yaml(self.file, self.text, error)
    }

    /// A mapping key as text; other keys are mistakes.
    fn key_name<'v>(&self, key: &'v Value, parent: &YamlPath) -> Result<&'v str, ConfigError> {
        key.as_str()
            .ok_or_else(|| self.error(parent.clone(), format!("`{}` is not a name", show(key))))
    }

    /// A list of texts (a single text is accepted as a list of one).
    pub fn strings(
        &self,
        value: &Value,
        at: YamlPath,
        name: &str,
    ) -> Result<Vec<(String, YamlPath)>, ConfigError> {
        let wrong = |at: YamlPath| {
            self.error(at, format!("`{name}` is a list of paths or globs"))
                .with_help(format!("For example:\n  {name}:\n    - policies/*.yaml"))
        };
        match value {
            Value::String(text) => Ok(vec![(text.clone(), at)]),
            Value::Sequence(items) => items
                .iter()
                .enumerate()
                .map(|(index, item)| match item {
                    Value::String(text) => Ok((text.clone(), at.clone().item(index))),
                    _ => Err(wrong(at.clone().item(index))),
                })
                .collect(),
            _ => Err(wrong(at)),
        }
    }

    fn glob_set(&self, globs: &[(String, YamlPath)], name: &str) -> Result<GlobSet, ConfigError> {
        let mut builder = GlobSetBuilder::new();
        for (glob, at) in globs {
            builder.add(compile_glob(glob).map_err(|message| {
                self.error(at.clone(), format!("invalid glob in `{name}`: {message}"))
            })?);
        }
        builder
            .build()
            .map_err(|error| self.error(YamlPath::value([name]), error.to_string()))
    }

    /// `import:`: how `audit --import` reads the legacy files under this
    /// configuration, as `planlint import`'s options would (`map`, `year`,
    /// `currency`, `date-order`, `sheets`).
    fn import_options(&self, value: &Value) -> Result<crate::import::ImportOptions, ConfigError> {
        const IMPORT_KEYS: [&str; 5] = ["map", "year", "currency", "date-order", "sheets"];
        let example = "For example:\n  import:\n    map: { campaign_id: title, Writer: owner }\n    year: 2027\n    currency: EUR\n    date-order: dmy";
        let Value::Mapping(mapping) = value else {
            return Err(self
                .error(
                    YamlPath::value(["import"]),
                    "`import` is a mapping of import settings",
                )
                .with_help(example));
        };
        let mut reading = crate::import::ReadingArgs::default();
        for (key, item) in mapping {
            let name = self.key_name(key, &YamlPath::key(["import"]))?;
            let at = YamlPath::value(["import", name]);
            let text = |item: &Value| match item {
                Value::String(text) => Some(text.clone()),
                Value::Number(number) => Some(number.to_string()),
                _ => None,
            };
            match name {
                "map" => {
                    let Value::Mapping(columns) = item else {
                        return Err(self
                            .error(at, "`map` is a mapping of column headers to keys")
                            .with_help(example));
                    };
                    for (column, target) in columns {
                        let (Some(column), Some(target)) = (text(column), text(target)) else {
                            return Err(self
                                .error(at.clone(), "each `map` entry is `Column Header: key`")
                                .with_help(example));
                        };
                        let spec = format!("{column}={target}");
                        let mut check = crate::import::ColumnMap::default();
                        check.add(&spec).map_err(|message| {
                            self.error(YamlPath::value(["import", "map", column.as_str()]), message)
                        })?;
                        reading.map.push(spec);
                    }
                }
                "year" => match item {
                    Value::Number(number) => {
                        reading.year = number
                            .as_i64()
                            .and_then(|year| i32::try_from(year).ok())
                            .or(Some(0))
                    }
                    _ => return Err(self.error(at, "`year` is a year, e.g. 2027")),
                },
                "currency" => {
                    reading.currency = Some(text(item).ok_or_else(|| {
                        self.error(at.clone(), "`currency` is a code such as EUR")
                    })?)
                }
                "date-order" => {
                    reading.date_order =
                        Some(text(item).ok_or_else(|| {
                            self.error(at.clone(), "`date-order` is dmy, mdy or ymd")
                        })?)
                }
                "sheets" => {
                    reading.sheet = self
                        .strings(item, at, "sheets")?
                        .into_iter()
                        .map(|(sheet, _)| sheet)
                        .collect();
                }
                _ => {
                    return Err(self
                        .error(
                            YamlPath::key(["import", name]),
                            format!("unknown import setting `{name}`"),
                        )
                        .with_help(suggest(name, IMPORT_KEYS, "The import settings are")))
                }
            }
        }
        reading
            .options(crate::import::ImportOptions::default())
            .map_err(|error| self.error(YamlPath::value(["import"]), error.0))
    }

    /// `currencies:`: what one unit of a currency is worth in another
    /// (`USD: 0.92 EUR`), added to `rates`.
    fn exchange_rates(
        &self,
        value: &Value,
        rates: &mut crate::model::ExchangeRates,
    ) -> Result<(), ConfigError> {
        let example =
            "For example:\n  currencies:\n    USD: 0.92 EUR   # one USD is worth 0.92 EUR";
        let Value::Mapping(entries) = value else {
            return Err(self
                .error(
                    YamlPath::value(["currencies"]),
                    "`currencies` maps a currency to what one unit of it is worth",
                )
                .with_help(example));
        };
        for (key, worth) in entries {
            let code = self.key_name(key, &YamlPath::key(["currencies"]))?;
            let at = YamlPath::value(["currencies", code]);
            if !is_currency_code(code) {
                let mut key_at = at.clone();
                key_at.at_key = true;
                return Err(self
                    .error(key_at, format!("`{code}` is not a currency code"))
                    .with_help("A currency is its ISO 4217 code in capitals: `USD`, `GBP`."));
            }
            let written = match worth {
                Value::String(text) => text.clone(),
                other => show(other),
            };
            let parsed = written.split_once(' ').and_then(|(amount, currency)| {
                let amount = crate::model::Rational::parse_decimal(amount.trim())?;
                let currency = currency.trim();
                (is_currency_code(currency)
                    && currency != code
                    && amount > crate::model::Rational::ZERO)
                    .then(|| crate::model::Money {
                        amount,
                        currency: currency.to_string(),
                    })
            });
            let Some(money) = parsed else {
                return Err(self
                    .error(
                        at,
                        format!("`{written}` is not what one {code} is worth in another currency"),
                    )
                    .with_help(format!(
                        "Write an amount above zero and a currency code: `{code}: 0.92 EUR`."
                    )));
            };
            rates.insert(code, money);
        }
        Ok(())
    }

    /// `rules:`: a severity or a mapping of `severity` and options per rule.
    fn rule_settings(
        &self,
        value: &Value,
        all: &[(&RuleFile, Origin)],
    ) -> Result<BTreeMap<String, RuleSettings>, ConfigError> {
        let rules_path = YamlPath::value(["rules"]);
        let entries = match value {
            Value::Null => return Ok(BTreeMap::new()),
            Value::Mapping(entries) => entries,
            _ => {
                return Err(self
                    .error(
                        rules_path,
                        "`rules` maps rule ids to a severity or to settings",
                    )
                    .with_help("For example:\n  rules:\n    missing-kpi: warning"))
            }
        };
        let mut settings = BTreeMap::new();
        for (key, value) in entries {
            let id = self.key_name(key, &rules_path)?;
            let Some(&(file, origin)) = all.iter().find(|(file, _)| file.id == id) else {
                let ids = all.iter().map(|(file, _)| file.id.as_str());
                let help = match closest(id, ids) {
                    Some(close) => {
                        format!("Did you mean `{close}`? `planlint rules` lists every rule.")
                    }
                    None => "`planlint rules` lists every rule.".to_string(),
                };
                return Err(self
                    .error(
                        YamlPath::key(["rules", id]),
                        format!("there is no rule `{id}`"),
                    )
                    .with_help(help));
            };
            if !file.is_configurable() {
                return Err(self.error(
                    YamlPath::key(["rules", id]),
                    format!("`{id}` cannot be configured: a plan that cannot be read or parsed has nothing else to check"),
                ));
            }
            let at = YamlPath::value(["rules", id]);
            let rule_settings = match value {
                Value::String(text) => RuleSettings {
                    severity: Some(self.severity(text, at)?),
                    options: BTreeMap::new(),
                },
                Value::Mapping(entries) => self.rule_entry(file, origin, entries, &at)?,
                _ => {
                    return Err(self
                        .error(at, format!("`{id}` needs a severity or settings"))
                        .with_help(format!(
                            "Write `{id}: warning` (error, warning, info or off), or a mapping with `severity:` and the rule's options."
                        )))
                }
            };
            settings.insert(id.to_string(), rule_settings);
        }
        Ok(settings)
    }

    fn rule_entry(
        &self,
        file: &RuleFile,
        origin: Origin,
        entries: &yaml::Mapping,
        at: &YamlPath,
    ) -> Result<RuleSettings, ConfigError> {
        let id = &file.id;
        let mut settings = RuleSettings::default();
        for (key, value) in entries {
            let name = self.key_name(key, at)?;
            if name == "severity" {
                let Value::String(text) = value else {
                    return Err(self.error(
                        at.clone().then(name),
                        "a severity is `error`, `warning`, `info` or `off`",
                    ));
                };
                settings.severity = Some(self.severity(text, at.clone().then(name))?);
                continue;
            }
            let Some(default) = file.options.get(name) else {
                let mut names: Vec<&str> = file.options.keys().map(String::as_str).collect();
                names.insert(0, "severity");
                let help = match closest(name, names.iter().copied()) {
                    Some(close) => format!("Did you mean `{close}`?"),
                    None if names.len() == 1 => {
                        format!("`{id}` has no options; only `severity` can be set.")
                    }
                    None => format!(
                        "`{id}` takes {}.",
                        names
                            .iter()
                            .map(|name| format!("`{name}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                let mut key_at = at.clone().then(name);
                key_at.at_key = true;
                return Err(self
                    .error(key_at, format!("rule `{id}` has no option `{name}`"))
                    .with_help(help));
            };
            let value_at = at.clone().then(name);
            if let Some(expected) = shape_mismatch(default, value) {
                return Err(self
                    .error(
                        value_at,
                        format!("option `{name}` of `{id}` takes {expected}"),
                    )
                    .with_help(format!("Its default is `{name}: {}`.", show(default))));
            }
            // Try the rule with this one option, so that a wrong value is
            // reported at its own line.
            let mut trial = RuleSettings::default();
            trial.options.insert(name.to_string(), value.clone());
            if let Err(error) = rules::check_settings(file, origin, &trial) {
                return Err(self
                    .error(
                        value_at,
                        format!("option `{name}` of `{id}`: {}", error.message),
                    )
                    .with_help(format!("Its default is `{name}: {}`.", show(default))));
            }
            settings.options.insert(name.to_string(), value.clone());
        }
        Ok(settings)
    }

    fn severity(&self, text: &str, at: YamlPath) -> Result<SeveritySetting, ConfigError> {
        Ok(match text {
            "error" => SeveritySetting::On(Severity::Error),
            "warning" => SeveritySetting::On(Severity::Warning),
            "info" => SeveritySetting::On(Severity::Info),
            "off" => SeveritySetting::Off,
            other => {
                let names = ["error", "warning", "info", "off"];
                return Err(self
                    .error(at, format!("`{other}` is not a severity"))
                    .with_help(suggest(other, names, "A severity is one of")));
            }
        })
    }
}

/// What an option's value should be, when it is not the same kind of YAML
/// value as the option's default (a list where a list is expected...).
fn shape_mismatch(default: &Value, value: &Value) -> Option<&'static str> {
    let shape = |value: &Value| match value {
        Value::Sequence(_) => 1,
        Value::Mapping(_) => 2,
        Value::Bool(_) => 3,
        Value::Null => 4,
        _ => 0,
    };
    if shape(default) == shape(value) || matches!(default, Value::Null) {
        return None;
    }
    Some(match default {
        Value::Sequence(_) => "a list, e.g. `[a, b]`",
        Value::Mapping(_) => "a mapping",
        Value::Bool(_) => "`true` or `false`",
        _ => "a single value, like its default",
    })
}

/// An ISO 4217 code as plans write it: three capital letters.
fn is_currency_code(text: &str) -> bool {
    text.len() == 3 && text.bytes().all(|byte| byte.is_ascii_uppercase())
}

/// A glob relative to the configuration's directory: `*` stays within a
/// directory, `**` crosses them.
pub(super) fn compile_glob(glob: &str) -> Result<globset::Glob, String> {
    GlobBuilder::new(glob.trim_end_matches('/'))
        .literal_separator(true)
        .build()
        .map_err(|error| error.kind().to_string())
}

/// `Did you mean `x`?`, or the list of choices.
fn suggest<const N: usize>(word: &str, choices: [&str; N], intro: &str) -> String {
    match closest(word, choices) {
        Some(close) => format!("Did you mean `{close}`?"),
        None => format!(
            "{intro} {}.",
            choices
                .iter()
                .map(|choice| format!("`{choice}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A YAML value written inline, for messages.
pub(super) fn show(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Sequence(items) => format!(
            "[{}]",
            items.iter().map(show).collect::<Vec<_>>().join(", ")
        ),
        Value::Null => "~".into(),
        other => yaml::to_string(other)
            .map(|text| text.trim().replace('\n', " "))
            .unwrap_or_default(),
    }
}

/// [`error_words`] for [`read_limited`].
pub(super) fn read_error_words(error: &ReadError, what: &str) -> String {
    match error {
        ReadError::Io(error) => error_words(error),
        other => other.reason(what),
    }
}

pub(super) fn error_words(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}
