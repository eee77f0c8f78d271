//! Custom rules: rule files (RULES.md, "The rule file") found by a
//! configuration's `custom-rules` globs, relative to the configuration file.
//!
//! A broken custom rule is a configuration error at its line and column:
//! bad YAML, an unknown or missing field and a wrong type come located from
//! serde_yaml; an id that clashes with another rule, an unknown check kind,
//! an invalid regex or a bad parameter are located by their YAML path.

use std::path::{Path, PathBuf};

use super::file::{compile_glob, read_error_words, Reader};
use super::ConfigError;
use crate::rules::checks::Origin;
use crate::rules::{self, RuleFile, RuleSettings};
use crate::run::{read_limited, MAX_RULE_SIZE};
use crate::yaml::YamlPath;

/// A custom rule and the file it came from.
#[derive(Debug)]
pub(super) struct CustomRule {
    pub file: RuleFile,
    /// The rule file, as shown to the user.
    pub display: String,
}

/// Loads every rule file the globs match, in path order.
pub(super) fn load(
    config: &Reader<'_>,
    dir: &Path,
    globs: &[(String, YamlPath)],
    builtin: &[RuleFile],
) -> Result<Vec<CustomRule>, ConfigError> {
    let mut rules: Vec<CustomRule> = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    for (glob, at) in globs {
        let matcher = compile_glob(glob)
            .map_err(|message| config.error(at.clone(), format!("invalid glob: {message}")))?
            .compile_matcher();
        let files = matching_files(dir, glob, &matcher);
        if files.is_empty() {
            return Err(config
                .error(at.clone(), format!("`{glob}` matches no file"))
                .with_help(
                    "Paths in `custom-rules` are relative to the configuration file's directory.",
                ));
        }
        for path in files {
            if seen.contains(&path) {
                continue;
            }
            let display = display_beside(config.file, dir, &path);
            let rule = load_rule(&path, display, builtin, &rules)?;
            seen.push(path);
            rules.push(rule);
        }
    }
    Ok(rules)
}

/// The files under the glob's fixed leading directories that it matches.
fn matching_files(dir: &Path, glob: &str, matcher: &globset::GlobMatcher) -> Vec<PathBuf> {
    let glob = glob.trim_end_matches('/');
    // Walk only below the part of the glob without wildcards.
    let fixed: Vec<&str> = glob
        .split('/')
        .take_while(|part| !part.contains(['*', '?', '[', '{']))
        .collect();
    let prefix = fixed.join("/");
    let base = dir.join(&prefix);
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&base)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
    {
        let Ok(below) = entry.path().strip_prefix(&base) else {
            continue;
        };
        let below = below.to_string_lossy().replace('\\', "/");
        let candidate = match (prefix.is_empty(), below.is_empty()) {
            (true, _) => below,
            (false, true) => prefix.clone(),
            (false, false) => format!("{prefix}/{below}"),
        };
        if matcher.is_match(&candidate) {
            files.push(entry.path().to_path_buf());
        }
    }
    files
}

/// A rule file's path as shown: beside the configuration file's as shown.
fn display_beside(config_display: &str, dir: &Path, path: &Path) -> String {
    let config_dir = Path::new(config_display)
        .parent()
        .unwrap_or_else(|| Path::new(""));
    match path.strip_prefix(dir) {
        Ok(relative) => crate::run::display_path(&config_dir.join(relative)),
        Err(_) => crate::run::display_path(path),
    }
}

fn load_rule(
    path: &Path,
    display: String,
    builtin: &[RuleFile],
    earlier: &[CustomRule],
) -> Result<CustomRule, ConfigError> {
    let text = read_limited(path, MAX_RULE_SIZE).map_err(|error| {
        ConfigError::file(
            &display,
            format!(
                "cannot read this custom rule: {}",
                read_error_words(&error, "rule files")
            ),
        )
    })?;
    let reader = Reader {
        file: &display,
        text: &text,
    };
    let file =
        RuleFile::parse(&text).map_err(|error| ConfigError::from_yaml(&display, &text, &error))?;
    let id_at = YamlPath::value(["id"]);
    let id = file.id.as_str();
    let kebab = !id.is_empty()
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !kebab {
        return Err(reader
            .error(id_at, format!("`{id}` is not a rule id"))
            .with_help(
            "Rule ids are kebab-case: lower-case words joined by `-`, e.g. `paid-needs-budget`.",
        ));
    }
    if builtin.iter().any(|rule| rule.id == id) {
        return Err(reader
            .error(id_at, format!("`{id}` is the id of a built-in rule"))
            .with_help(format!(
                "Give the custom rule an id of its own; to change `{id}`, set its severity or options under `rules:` in the configuration."
            )));
    }
    if let Some(other) = earlier.iter().find(|rule| rule.file.id == id) {
        return Err(reader
            .error(
                id_at,
                format!(
                    "`{id}` is also the id of the custom rule in {}",
                    other.display
                ),
            )
            .with_help("Each rule needs an id of its own."));
    }
    if let Err(error) = rules::check_settings(&file, Origin::Custom, &RuleSettings::default()) {
        return Err(reader.error(error.at, error.message));
    }
    Ok(CustomRule { file, display })
}
