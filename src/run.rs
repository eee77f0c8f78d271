//! Running a lint over files: finding plan files, reading and decoding
//! them, and linting each with the run's rule set. The only stage that does
//! file IO besides the command line itself.
//!
//! Invariant: a file that cannot be read or decoded becomes an
//! `unreadable-file` finding of that file; the run goes on with the others.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diagnostics::FileReport;
use crate::model::Date;
use crate::rules::{LintOptions, RuleSet};
use crate::source::SourceFile;

/// Plans larger than this are refused as unreadable (spans are `u32`).
pub const MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// A plan to lint: a path on disk, or text read from stdin, named by
/// `--stdin-filename` (which also selects its configuration).
#[derive(Debug, Clone)]
pub enum Input {
    File(PathBuf),
    Stdin {
        name: Option<String>,
    },
    /// A plan converted from a legacy file (`audit --import`): its text, the
    /// name it goes by in reports, and the file it came from (whose
    /// directory selects its configuration).
    Imported {
        name: String,
        origin: PathBuf,
        text: String,
    },
}

impl Input {
    /// The name the plan goes by in reports.
    pub fn name(&self) -> String {
        match self {
            Input::File(path) => display_path(path),
            Input::Stdin { name } => name.clone().unwrap_or_else(|| "<stdin>".into()),
            Input::Imported { name, .. } => name.clone(),
        }
    }
}

/// A problem with the run itself (exit status 2), not with a plan.
#[derive(Debug)]
pub struct RunError(pub String);

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Expands the command line's paths: files as given, directories walked for
/// `*.plan` (hidden directories skipped), `-` for stdin.
pub fn collect_inputs(paths: &[PathBuf], stdin_name: Option<&str>) -> Result<Vec<Input>, RunError> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin {
                name: stdin_name.map(str::to_string),
            });
            continue;
        }
        let metadata = std::fs::metadata(path).map_err(|error| {
            RunError(format!(
                "cannot read `{}`: {}",
                path.display(),
                plain_io_error(&error)
            ))
        })?;
        if !metadata.is_dir() {
            inputs.push(Input::File(path.clone()));
            continue;
        }
        let walker = walkdir::WalkDir::new(path)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
        for entry in walker {
            let entry = entry
                .map_err(|error| RunError(format!("cannot walk `{}`: {error}", path.display())))?;
            if entry.file_type().is_file()
                && entry.path().extension().is_some_and(|ext| ext == "plan")
            {
                inputs.push(Input::File(entry.path().to_path_buf()));
            }
        }
    }
    Ok(inputs)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|name| name.starts_with('.') && name != "." && name != "..")
}

/// Reads and lints one input.
pub fn lint_input(input: &Input, rules: &RuleSet, options: &LintOptions) -> FileReport {
    let (name, bytes) = read_input(input);
    lint_bytes(name, bytes, rules, options)
}

/// Lints the bytes of a plan (or reports why it could not be read).
pub fn lint_bytes(
    name: String,
    bytes: Result<Vec<u8>, String>,
    rules: &RuleSet,
    options: &LintOptions,
) -> FileReport {
    match decode(name, bytes, rules) {
        Ok(source) => {
            let findings = rules.lint(&source, options);
            let mut report = FileReport { source, findings };
            report.sort();
            report
        }
        Err(report) => report,
    }
}

/// Reads an input's bytes (a file or stdin), limited to [`MAX_FILE_SIZE`].
pub fn read_input(input: &Input) -> (String, Result<Vec<u8>, String>) {
    match input {
        Input::File(path) => (display_path(path), read_file(path)),
        Input::Imported { name, text, .. } => (name.clone(), Ok(text.clone().into_bytes())),
        Input::Stdin { .. } => {
            let mut bytes = Vec::new();
            let result = std::io::stdin()
                .take(MAX_FILE_SIZE + 1)
                .read_to_end(&mut bytes)
                .map(|_| bytes);
            (input.name(), result.map_err(|error| plain_io_error(&error)))
        }
    }
}

/// Decodes a plan's bytes into its source text, or gives the report of why
/// it cannot be read (an `unreadable-file` finding).
pub fn decode(
    name: String,
    bytes: Result<Vec<u8>, String>,
    rules: &RuleSet,
) -> Result<SourceFile, FileReport> {
    let bytes = match bytes {
        Ok(bytes) if bytes.len() as u64 > MAX_FILE_SIZE => Err(format!(
            "the file is larger than {} MiB; planlint reads plans up to that size",
            MAX_FILE_SIZE / 1024 / 1024
        )),
        other => other,
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(reason) => {
            let finding = rules.unreadable_file(format!("cannot read this plan: {reason}"), 0);
            return Err(FileReport {
                source: SourceFile::new(name, ""),
                findings: vec![finding],
            });
        }
    };
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .map(<[u8]>::to_vec)
        .unwrap_or(bytes);
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let finding = rules.unreadable_file(
                format!(
                    "this plan is not valid UTF-8 text: byte {offset} is not part of any character"
                ),
                offset,
            );
            let mut finding = finding;
            // Underline the replacement character that stands for the bad byte.
            let end = lossy[offset..]
                .chars()
                .next()
                .map_or(offset, |c| offset + c.len_utf8());
            finding.primary.span = crate::syntax::Span::new(offset, end);
            finding.primary.text = Some("not UTF-8".into());
            return Err(FileReport {
                source: SourceFile::new(name, lossy),
                findings: vec![finding],
            });
        }
    };
    Ok(SourceFile::new(name, text))
}

fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|error| plain_io_error(&error))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| plain_io_error(&error))?;
    Ok(bytes)
}

/// Paths as the user gave them, with `/` separators and no leading `./`.
pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}

fn plain_io_error(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}

/// Today's date from the system clock (UTC).
pub fn today() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    Date::from_ymd(1970, 1, 1)
        .expect("the epoch exists")
        .add_days((seconds / 86_400) as i64)
}

/// Writes a file atomically: to a temporary file in the same directory,
/// then renamed over the target, so a reader never sees half a file and an
/// interrupted run leaves the old file intact. Refuses to replace an
/// existing file unless `overwrite`.
pub fn write_atomically(path: &Path, contents: &[u8], overwrite: bool) -> Result<(), String> {
    if !overwrite && path.exists() {
        return Err(format!(
            "`{}` already exists; pass --force to replace it",
            path.display()
        ));
    }
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let temporary = directory.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result =
        std::fs::write(&temporary, contents).and_then(|()| std::fs::rename(&temporary, path));
    if let Err(error) = result {
        let _ = std::fs::remove_file(&temporary);
        return Err(format!(
            "cannot write `{}`: {}",
            path.display(),
            plain_io_error(&error)
        ));
    }
    Ok(())
}
