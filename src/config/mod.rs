//! Configuration: `.planlint.yaml` (CLI.md, "Configuration").
//!
//! Each plan uses the nearest `.planlint.yaml` found upward from its own
//! directory (the nearest wins, not merged with those further up), or the one `--config` names for
//! the whole run. A configuration sets rules' severities and options, adds
//! custom rules (`custom-rules` globs, relative to the configuration file),
//! excludes paths (`exclude` globs, also relative to it) and may require a
//! reason on every suppression (`require-reason`), and may `extend` another
//! file in its repository (merged under it, rule by rule). Each configuration is
//! read, checked and turned into a [`RuleSet`] once per run; discovery is
//! cached per directory, so a tree of plans costs one lookup per directory.
//!
//! Invariant: every mistake in a configuration or a custom rule is one
//! [`ConfigError`] with the file, line and column of the offending YAML;
//! nothing here panics on user input. Only this module, `run` and the
//! command line touch the file system.

mod custom;
mod error;
mod file;
pub mod schema;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

use globset::GlobSet;

use crate::files::{normalise_path, Input};
use crate::rules::{RuleFile, RuleSet};

pub use error::ConfigError;

/// The name of a configuration file.
pub const FILE_NAME: &str = ".planlint.yaml";

/// One configuration, ready to use: the rule set it makes and what it excludes.
#[derive(Debug)]
pub struct Config {
    /// The file, as shown to the user; `None` for the defaults (no file found).
    pub file: Option<String>,
    /// The files it extends, nearest first, as shown to the user.
    pub extends: Vec<String>,
    /// Built-in and custom rules with this configuration's settings
    /// (shared with the audit's threads).
    pub rules: Arc<RuleSet>,
    /// The custom rules' files (id → the file as shown), for reports.
    pub custom_rules: BTreeMap<String, String>,
    /// The custom rules as written, for testing their examples.
    pub custom_files: Vec<RuleFile>,
    /// `exclude` of the file and of those it extends, each relative to its own file.
    pub exclude: Vec<Exclusion>,
    /// How `audit --import` reads legacy files here (`import:`; the
    /// nearest file that says it, through `extend`).
    pub import: crate::import::ImportOptions,
}

/// The `exclude` globs of one configuration file.
#[derive(Debug)]
pub struct Exclusion {
    /// The directory the globs are relative to (absolute).
    pub dir: PathBuf,
    /// That directory as shown to the user (`.` for the working directory).
    pub shown_dir: String,
    /// The globs as written.
    pub globs: Vec<String>,
    set: GlobSet,
}

impl Exclusion {
    fn covers(&self, path: &Path) -> bool {
        let Ok(relative) = path.strip_prefix(&self.dir) else {
            return false;
        };
        let mut prefix = PathBuf::new();
        for component in relative.components() {
            prefix.push(component);
            if self.set.is_match(&prefix) {
                return true;
            }
        }
        false
    }
}

impl Config {
    /// The built-in rules with their defaults, when no file is found.
    fn defaults(selection: &Selection) -> Config {
        let mut rules = RuleSet::builtin();
        selection.apply(&mut rules);
        Config {
            file: None,
            extends: Vec::new(),
            rules: Arc::new(rules),
            custom_rules: BTreeMap::new(),
            custom_files: Vec::new(),
            exclude: Vec::new(),
            import: crate::import::ImportOptions::default(),
        }
    }

    /// Whether `exclude` covers this path (absolute, normalised): the path
    /// itself or any directory it is in, relative to the configuration (or
    /// the one it extends that wrote the glob).
    pub fn excludes(&self, path: &Path) -> bool {
        self.exclude.iter().any(|exclusion| exclusion.covers(path))
    }
}

/// `--select`, `--ignore` and `--preview`: which rules a run keeps.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    /// `--preview`: run the preview rules too.
    pub preview: bool,
}

impl Selection {
    pub fn apply(&self, rules: &mut RuleSet) {
        if self.preview {
            rules.enable_preview();
        }
        if let Some(select) = &self.select {
            rules.enable_preview_where(|id| select.iter().any(|selected| selected == id));
        }
        if self.select.is_none() && self.ignore.is_empty() {
            return;
        }
        rules.retain(|id| {
            self.select
                .as_ref()
                .is_none_or(|select| select.iter().any(|selected| selected == id))
                && !self.ignore.iter().any(|ignored| ignored == id)
        });
    }

    /// A usage error for an id no loaded rule set knows, or one that cannot
    /// be turned off.
    pub fn check(&self, known: &BTreeSet<String>) -> Result<(), String> {
        let named = self.select.iter().flatten().chain(&self.ignore);
        for id in named {
            if !known.contains(id) {
                let hint = crate::text::closest(id, known.iter().map(String::as_str))
                    .map(|close| format!(" Did you mean `{close}`?"))
                    .unwrap_or_default();
                return Err(format!(
                    "there is no rule `{id}`.{hint} `planlint rules` lists them all."
                ));
            }
        }
        for id in &self.ignore {
            if matches!(id.as_str(), "syntax-error" | "unreadable-file") {
                return Err(format!("`{id}` cannot be turned off"));
            }
        }
        Ok(())
    }
}

/// Finds, loads and caches the configurations of a run.
#[derive(Debug)]
pub struct ConfigFinder {
    selection: Selection,
    /// `--config`: one configuration for every plan.
    fixed: Option<Rc<Config>>,
    /// The configuration that applies in each directory looked at.
    by_dir: HashMap<PathBuf, Rc<Config>>,
    /// Each configuration file loaded, by its directory.
    by_file: HashMap<PathBuf, Rc<Config>>,
    cwd: PathBuf,
}

impl ConfigFinder {
    /// Discovery per plan, or the one configuration `explicit` names.
    pub fn new(explicit: Option<&Path>, selection: Selection) -> Result<ConfigFinder, ConfigError> {
        let cwd = std::env::current_dir()
            .map(|dir| normalise_path(&dir))
            .unwrap_or_default();
        let mut configs = ConfigFinder {
            selection,
            fixed: None,
            by_dir: HashMap::new(),
            by_file: HashMap::new(),
            cwd,
        };
        if let Some(path) = explicit {
            let absolute = configs.absolute(path);
            let config = file::load(&absolute, path_for_display(path), &configs.selection)?;
            configs.fixed = Some(Rc::new(config));
        }
        Ok(configs)
    }

    /// The configuration for a plan at `path` (it need not exist: a plan
    /// from stdin is judged by the configuration of its `--stdin-filename`).
    pub fn for_plan(&mut self, path: &Path) -> Result<Rc<Config>, ConfigError> {
        let absolute = self.absolute(path);
        let dir = absolute
            .parent()
            .map_or(absolute.clone(), Path::to_path_buf);
        self.for_dir(&dir)
    }

    /// The configuration that applies in a directory given by the user, so
    /// that a broken configuration is reported even where no plan is found.
    pub fn for_directory(&mut self, dir: &Path) -> Result<Rc<Config>, ConfigError> {
        let absolute = self.absolute(dir);
        self.for_dir(&absolute)
    }

    /// The configuration for an input: a file by its path, stdin by its name.
    pub fn for_input(&mut self, input: &Input) -> Result<Rc<Config>, ConfigError> {
        match input {
            Input::File(path)
            | Input::Imported { origin: path, .. }
            | Input::Unreadable { path, .. } => self.for_plan(path),
            Input::Stdin { name: Some(name) } => self.for_plan(Path::new(name)),
            Input::Stdin { name: None } => {
                let cwd = self.cwd.clone();
                self.for_dir(&cwd)
            }
        }
    }

    /// The configuration that applies in a directory (absolute, normalised).
    pub fn for_dir(&mut self, dir: &Path) -> Result<Rc<Config>, ConfigError> {
        if let Some(fixed) = &self.fixed {
            return Ok(fixed.clone());
        }
        if let Some(config) = self.by_dir.get(dir) {
            return Ok(config.clone());
        }
        let candidate = dir.join(FILE_NAME);
        let config = if candidate.is_file() {
            let display = self.display(&candidate);
            let config = Rc::new(file::load(&candidate, display, &self.selection)?);
            self.by_file.insert(dir.to_path_buf(), config.clone());
            config
        } else {
            match dir.parent() {
                Some(parent) => self.for_dir(parent)?,
                None => Rc::new(Config::defaults(&self.selection)),
            }
        };
        self.by_dir.insert(dir.to_path_buf(), config.clone());
        Ok(config)
    }

    /// Every configuration used so far (the defaults included if used), each once.
    pub fn used(&self) -> Vec<Rc<Config>> {
        let mut seen: Vec<Rc<Config>> = Vec::new();
        for config in self.fixed.iter().chain(self.by_dir.values()) {
            if !seen.iter().any(|other| Rc::ptr_eq(other, config)) {
                seen.push(config.clone());
            }
        }
        seen.sort_by(|a, b| a.file.cmp(&b.file));
        seen
    }

    /// Every rule id of the configurations used so far, and the built-in ones.
    pub fn known_rule_ids(&self) -> BTreeSet<String> {
        let mut ids: BTreeSet<String> = crate::rules::BUILTIN_RULE_FILES
            .iter()
            .map(|(id, _)| id.to_string())
            .collect();
        for config in self.used() {
            ids.extend(config.custom_rules.keys().cloned());
        }
        ids
    }

    /// The configuration of a file, or `None` when it excludes the file.
    pub fn unless_excluded(&mut self, path: &Path) -> Result<Option<Rc<Config>>, ConfigError> {
        let config = self.for_plan(path)?;
        let absolute = self.absolute(path);
        Ok((!config.excludes(&absolute)).then_some(config))
    }

    /// Pairs each input with its configuration and drops the excluded ones.
    pub fn assign(&mut self, inputs: Vec<Input>) -> Result<Vec<(Input, Rc<Config>)>, ConfigError> {
        let mut assigned = Vec::with_capacity(inputs.len());
        for input in inputs {
            let config = self.for_input(&input)?;
            let path = match &input {
                Input::File(path)
                | Input::Imported { origin: path, .. }
                | Input::Unreadable { path, .. } => Some(self.absolute(path)),
                Input::Stdin { name: Some(name) } => Some(self.absolute(Path::new(name))),
                Input::Stdin { name: None } => None,
            };
            if path.is_some_and(|path| config.excludes(&path)) {
                continue;
            }
            assigned.push((input, config));
        }
        Ok(assigned)
    }

    fn absolute(&self, path: &Path) -> PathBuf {
        normalise_path(&self.cwd.join(path))
    }

    /// A path as the user should see it: relative to the working directory
    /// when it is below it.
    fn display(&self, absolute: &Path) -> String {
        match absolute.strip_prefix(&self.cwd) {
            Ok(relative) => path_for_display(relative),
            Err(_) => path_for_display(absolute),
        }
    }
}

fn path_for_display(path: &Path) -> String {
    crate::files::display_path(path)
}
