//! Finding the plans a run checks: the command line's paths, files as given,
//! directories walked for `*.plan` with the `ignore` crate (the walker of
//! ripgrep and ruff), so `.gitignore`, `.ignore` and `.git/info/exclude`
//! are respected unless `--no-ignore` says otherwise.
//!
//! Invariant: a walk never stops on a bad entry and never blocks. A
//! directory that cannot be read becomes an [`Input::Unreadable`] (an
//! `unreadable-file` finding of that directory) and the rest is walked;
//! symbolic links are followed, a plan reached twice is checked once, and a
//! link back into the walk (a loop) is reported once as a
//! [`Discovery::warnings`] line and not followed; only
//! regular files are read, so a FIFO or a device named `*.plan` in a tree
//! is passed over, and one named on the command line is refused at once.

use std::path::{Path, PathBuf};

use crate::files::{display_path, plain_io_error, Input, RunError};

/// The plans found, and what the user should hear about the walk.
#[derive(Debug, Default)]
pub struct Discovery {
    pub inputs: Vec<Input>,
    /// One line each, without the `planlint: warning: ` prefix.
    pub warnings: Vec<String>,
    /// The real paths of the plans found so far: a plan reached twice
    /// (through a link, or named and walked) is checked once, under the
    /// name it was first found by.
    seen: std::collections::HashSet<PathBuf>,
}

impl Discovery {
    fn add_file(&mut self, path: PathBuf) {
        let real = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if self.seen.insert(real) {
            self.inputs.push(Input::File(path));
        }
    }
}

/// How directories are walked.
#[derive(Debug, Clone, Copy)]
pub struct WalkOptions {
    /// Respect `.gitignore`, `.ignore` and `.git/info/exclude` (`--no-ignore` turns it off).
    pub respect_ignore_files: bool,
}

impl Default for WalkOptions {
    fn default() -> WalkOptions {
        WalkOptions {
            respect_ignore_files: true,
        }
    }
}

/// Expands the command line's paths: files as given, directories walked
/// for `*.plan` (hidden files and directories skipped), `-` for stdin. A
/// path that does not exist, or is neither a regular file nor a directory,
/// fails the run.
pub fn collect_inputs(
    paths: &[PathBuf],
    stdin_name: Option<&str>,
    options: WalkOptions,
) -> Result<Discovery, RunError> {
    let mut discovery = Discovery::default();
    for path in paths {
        if path.as_os_str() == "-" {
            discovery.inputs.push(Input::Stdin {
                name: stdin_name.map(str::to_string),
            });
            continue;
        }
        // `metadata` follows links: a link to a plan is the plan.
        let metadata = std::fs::metadata(path).map_err(|error| {
            RunError(format!(
                "cannot read `{}`: {}",
                path.display(),
                plain_io_error(&error)
            ))
        })?;
        if metadata.is_dir() {
            walk(path, options, &mut discovery);
        } else if metadata.is_file() {
            discovery.add_file(path.clone());
        } else {
            return Err(RunError(format!(
                "`{}` is {}, not a plan file or a directory; planlint reads only regular files \
                 (to lint what a program writes, pipe it to `planlint check -`)",
                path.display(),
                special_file_kind(&metadata)
            )));
        }
    }
    Ok(discovery)
}

fn walk(root: &Path, options: WalkOptions, discovery: &mut Discovery) {
    let respect = options.respect_ignore_files;
    let walker = ignore::WalkBuilder::new(root)
        .follow_links(true)
        .hidden(true)
        .parents(respect)
        .ignore(respect)
        .git_ignore(respect)
        .git_exclude(respect)
        // A user's global ignore file would make a run differ from machine
        // to machine (CI has none): only the repository's files count.
        .git_global(false)
        // Plans are often kept in a folder that is not (yet) a repository.
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|kind| kind.is_file());
                if is_file && entry.path().extension().is_some_and(|ext| ext == "plan") {
                    discovery.add_file(entry.into_path());
                }
            }
            Err(error) => report_walk_error(&error, discovery),
        }
    }
}

/// A walk error becomes a finding of the path (a directory or plan that
/// cannot be read) or a warning (a loop); the walk goes on either way.
fn report_walk_error(error: &ignore::Error, discovery: &mut Discovery) {
    let mut path = None;
    let mut current = error;
    loop {
        match current {
            ignore::Error::WithPath { path: at, err } => {
                path.get_or_insert_with(|| at.clone());
                current = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                current = err;
            }
            ignore::Error::Loop { ancestor, child } => {
                discovery.warnings.push(format!(
                    "`{}` links back to `{}`, which is already being walked; \
                     the link is not followed again",
                    display_path(child),
                    display_path(ancestor)
                ));
                return;
            }
            ignore::Error::Io(io) => {
                let Some(path) = path else {
                    discovery.warnings.push(plain_io_error(io));
                    return;
                };
                unreadable_path(path, io, discovery);
                return;
            }
            // A broken ignore file (a bad glob) does not stop the walk.
            other => {
                let prefix = path.map(|p| format!("`{}`: ", display_path(&p)));
                discovery
                    .warnings
                    .push(format!("{}{other}", prefix.unwrap_or_default()));
                return;
            }
        }
    }
}

fn unreadable_path(path: PathBuf, io: &std::io::Error, discovery: &mut Discovery) {
    let is_plan = path.extension().is_some_and(|ext| ext == "plan");
    let is_dir = std::fs::symlink_metadata(&path).is_ok_and(|meta| meta.is_dir());
    if is_dir || is_plan {
        // A plan that cannot be read (a link to a plan that is gone, say)
        // is named, so it is a finding, like a directory of plans.
        discovery.inputs.push(Input::Unreadable {
            path,
            reason: plain_io_error(io),
            directory: is_dir,
        });
    } else {
        discovery.warnings.push(format!(
            "cannot read `{}`: {}",
            display_path(&path),
            plain_io_error(io)
        ));
    }
}

/// A file that is neither regular nor a directory, in words.
fn special_file_kind(metadata: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    let _ = metadata;
    "a special file"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(discovery: &Discovery) -> Vec<String> {
        discovery.inputs.iter().map(Input::name).collect()
    }

    #[test]
    fn gitignored_plans_are_skipped_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("old")).unwrap();
        std::fs::write(dir.path().join(".gitignore"), "old/\n").unwrap();
        std::fs::write(dir.path().join("a.plan"), "").unwrap();
        std::fs::write(dir.path().join("old/b.plan"), "").unwrap();
        let root = [dir.path().to_path_buf()];
        let found = collect_inputs(&root, None, WalkOptions::default()).unwrap();
        assert_eq!(names(&found).len(), 1, "{:?}", names(&found));
        assert!(names(&found)[0].ends_with("a.plan"));
        let all = WalkOptions {
            respect_ignore_files: false,
        };
        let found = collect_inputs(&root, None, all).unwrap();
        assert_eq!(found.inputs.len(), 2, "{:?}", names(&found));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_on_the_command_line_is_refused_without_opening_it() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.plan");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        let error = collect_inputs(&[fifo], None, WalkOptions::default()).unwrap_err();
        assert!(error.0.contains("is a named pipe (FIFO)"), "{}", error.0);
        // In a tree it is passed over: only regular files are read.
        let found =
            collect_inputs(&[dir.path().to_path_buf()], None, WalkOptions::default()).unwrap();
        assert!(found.inputs.is_empty(), "{:?}", names(&found));
    }

    #[test]
    fn an_unreadable_directory_becomes_a_finding_and_a_loop_a_warning() {
        // Root reads every directory, so the walker's error is built here.
        let dir = tempfile::tempdir().unwrap();
        let locked = dir.path().join("locked");
        std::fs::create_dir(&locked).unwrap();
        let denied = ignore::Error::WithDepth {
            depth: 1,
            err: Box::new(ignore::Error::WithPath {
                path: locked.clone(),
                err: Box::new(ignore::Error::Io(std::io::Error::from(
                    std::io::ErrorKind::PermissionDenied,
                ))),
            }),
        };
        let mut discovery = Discovery::default();
        report_walk_error(&denied, &mut discovery);
        let [input] = &discovery.inputs[..] else {
            panic!("{:?}", discovery.inputs);
        };
        assert!(matches!(input, Input::Unreadable { path, .. } if path == &locked));
        let rules = crate::rules::RuleSet::builtin();
        let options = crate::rules::LintOptions {
            today: crate::model::Date::from_ymd(2027, 1, 1).unwrap(),
        };
        let report = crate::lint::lint_input(input, &rules, &options);
        let [finding] = &report.findings[..] else {
            panic!("{:?}", report.findings);
        };
        assert_eq!(finding.rule, "unreadable-file");
        assert_eq!(
            finding.message,
            "cannot read this directory: permission denied; the plans in it are not checked"
        );
        let looped = ignore::Error::Loop {
            ancestor: PathBuf::from("plans"),
            child: PathBuf::from("plans/up/plans"),
        };
        report_walk_error(&looped, &mut discovery);
        assert_eq!(
            discovery.warnings,
            [
                "`plans/up/plans` links back to `plans`, which is already being walked; \
              the link is not followed again"
            ]
        );
    }
}
