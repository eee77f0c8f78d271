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
use crate::files::{normalise_path, read_limited, MAX_RULE_SIZE};
use crate::rules::checks::Origin;
use crate::rules::{self, RuleFile, RuleSettings};
use crate::yaml::YamlPath;

/// A custom rule and the file it came from.
#[derive(Debug)]
pub(super) struct CustomRule {
    pub file: RuleFile,
    /// The rule file, as shown to the user.
    pub display: String,
    /// The rule file (absolute).
    pub path: PathBuf,
}

/// How many directory entries one glob may look at: a glob that would walk
/// more is refused (narrow it), so none can walk a whole disk.
const MAX_ENTRIES_WALKED: usize = 100_000;

/// Loads every rule file the globs match, in path order, after the
/// `inherited` ones (from the configuration this one extends). Globs resolve
/// inside the configuration's tree ([`tree_root`]): an absolute glob or one
/// whose `..` leaves the tree is refused at its line, and so is a matched
/// file that is not a rule file (its content is never quoted).
pub(super) fn load(
    config: &Reader<'_>,
    dir: &Path,
    globs: &[(String, YamlPath)],
    builtin: &[RuleFile],
    inherited: Vec<CustomRule>,
) -> Result<Vec<CustomRule>, ConfigError> {
    let root = tree_root(dir);
    let mut seen: Vec<PathBuf> = inherited.iter().map(|rule| rule.path.clone()).collect();
    let mut rules: Vec<CustomRule> = inherited;
    for (glob, at) in globs {
        let outside = |message: String| {
            config.error(at.clone(), message).with_help(
                "Custom rules live in the configuration's repository (or, outside a git repository, below the configuration's directory); copy the rule file there.",
            )
        };
        let drive = glob.as_bytes().get(1) == Some(&b':');
        if Path::new(glob).has_root() || glob.starts_with(['/', '\\']) || drive {
            return Err(outside(format!(
                "`{glob}` is an absolute path; write it relative to the configuration file"
            )));
        }
        let matcher = compile_glob(glob)
            .map_err(|message| config.error(at.clone(), format!("invalid glob: {message}")))?
            .compile_matcher();
        let base = dir.join(fixed_prefix(glob));
        if !inside(&base, &root) {
            return Err(outside(format!(
                "`{glob}` leaves the configuration's repository ({})",
                crate::files::display_path(&root)
            )));
        }
        let files = matching_files(dir, glob, &matcher).map_err(|walked| {
            config
                .error(
                    at.clone(),
                    format!("`{glob}` looks at more than {walked} files; planlint stops there"),
                )
                .with_help(
                    "Narrow the glob to the directory of the rule files, e.g. `rules/*.yaml`.",
                )
        })?;
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
            if !inside(&path, &root) {
                return Err(outside(format!(
                    "`{glob}` matches `{display}`, which leads out of the configuration's repository"
                )));
            }
            let rule = load_rule(&path, display, builtin, &rules, |display| {
                config
                    .error(
                        at.clone(),
                        format!("`{glob}` matches `{display}`, which is not a rule file"),
                    )
                    .with_help(
                        "A rule file is YAML that starts a line with `id:`; narrow the glob to the rule files, e.g. `rules/*.yaml`.",
                    )
            })?;
            seen.push(path);
            rules.push(rule);
        }
    }
    Ok(rules)
}

/// The tree a configuration's globs stay in: the git repository the
/// configuration's directory is in (the nearest directory upward with a
/// `.git`), or the directory itself outside a repository.
fn tree_root(dir: &Path) -> PathBuf {
    let dir = crate::files::canonical(dir).unwrap_or_else(|_| dir.to_path_buf());
    dir.ancestors()
        .find(|ancestor| ancestor.join(".git").exists())
        .unwrap_or(&dir)
        .to_path_buf()
}

/// Whether `path`, with its links resolved, is `root` or below it. What
/// does not exist of it is resolved lexically, below the part that does.
fn inside(path: &Path, root: &Path) -> bool {
    let resolved = path
        .ancestors()
        .find_map(|existing| {
            let real = crate::files::canonical(existing).ok()?;
            let rest = path.strip_prefix(existing).ok()?;
            Some(normalise_path(&real.join(rest)))
        })
        .unwrap_or_else(|| normalise_path(path));
    resolved.starts_with(root)
}

/// The leading directories of a glob, up to its first wildcard.
fn fixed_prefix(glob: &str) -> String {
    let fixed: Vec<&str> = glob
        .trim_end_matches('/')
        .split('/')
        .take_while(|part| !part.contains(['*', '?', '[', '{']))
        .collect();
    fixed.join("/")
}

/// The files under the glob's fixed leading directories that it matches,
/// or `Err(limit)` when finding them would look at more than
/// [`MAX_ENTRIES_WALKED`] entries. Links to directories are not followed.
fn matching_files(
    dir: &Path,
    glob: &str,
    matcher: &globset::GlobMatcher,
) -> Result<Vec<PathBuf>, usize> {
    // Walk only below the part of the glob without wildcards.
    let prefix = fixed_prefix(glob);
    let base = dir.join(&prefix);
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(&base)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok);
    for (walked, entry) in walker.enumerate() {
        if walked >= MAX_ENTRIES_WALKED {
            return Err(MAX_ENTRIES_WALKED);
        }
        // A link to a file is a candidate (the caller checks where it
        // leads); links to directories are not walked.
        let file = entry.file_type().is_file() || entry.path_is_symlink() && entry.path().is_file();
        if !file {
            continue;
        }
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
    Ok(files)
}

/// Whether a file's text is a rule file's, as far as an error may quote it:
/// YAML with a line that starts with `id:`. Anything else a glob matched
/// (a secret, a binary) is refused without a word of its content.
fn looks_like_a_rule_file(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .lines()
        .any(|line| line.starts_with("id:"))
}

/// A rule file's path as shown: beside the configuration file's as shown.
fn display_beside(config_display: &str, dir: &Path, path: &Path) -> String {
    let config_dir = Path::new(config_display)
        .parent()
        .unwrap_or_else(|| Path::new(""));
    match path.strip_prefix(dir) {
        Ok(relative) => crate::files::display_path(&config_dir.join(relative)),
        Err(_) => crate::files::display_path(path),
    }
}

fn load_rule(
    path: &Path,
    display: String,
    builtin: &[RuleFile],
    earlier: &[CustomRule],
    not_a_rule_file: impl FnOnce(&str) -> ConfigError,
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
    if !looks_like_a_rule_file(&text) {
        return Err(not_a_rule_file(&display));
    }
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
    Ok(CustomRule {
        file,
        display,
        path: path.to_path_buf(),
    })
}
