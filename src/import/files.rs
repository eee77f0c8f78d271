//! The import's file system: reading inputs (up to `run::MAX_FILE_SIZE`,
//! for `import` and `audit --import` alike), finding the legacy files under
//! the paths, and writing plans. Writes are atomic (a temporary file in the
//! destination's directory, renamed over it), and an existing file is
//! replaced only when asked to (`--force`).

use std::path::Path;

use super::{ImportError, ImportOptions, ImportedPlan};
use crate::files::{
    display_path, read_bytes_limited, something_is_at, ReadError, WriteError, MAX_FILE_SIZE,
};

/// The bytes of an input, up to [`MAX_FILE_SIZE`].
pub fn read_input(path: &Path) -> Result<Vec<u8>, ImportError> {
    let shown = display_path(path);
    read_bytes_limited(path, MAX_FILE_SIZE).map_err(|error| match error {
        ReadError::TooLarge(_) => ImportError(format!(
            "`{shown}` is larger than {} MiB; planlint imports files up to that size",
            MAX_FILE_SIZE / 1024 / 1024
        )),
        other => ImportError(format!("cannot read `{shown}`: {}", other.reason("files"))),
    })
}

/// Refuses to replace an existing file unless `force`.
pub fn check_destination(path: &Path, force: bool) -> Result<(), ImportError> {
    if !force && something_is_at(path) {
        let shown = format!("`{}`", display_path(path));
        return Err(ImportError(WriteError::Exists.message(&shown)));
    }
    Ok(())
}

/// Writes `text` to `path` atomically ([`crate::files::write_atomically`]):
/// readers see the old file or the new one, never a part. Without `force`,
/// an existing file is left alone (even one created since
/// [`check_destination`]).
pub fn write_atomically(path: &Path, text: &str, force: bool) -> Result<(), ImportError> {
    crate::files::write_atomically(path, text.as_bytes(), force)
        .map_err(|error| ImportError(error.message(&format!("`{}`", display_path(path)))))
}

/// Imports one legacy file for `audit --import`: each plan's name in the
/// report (the file, and the sheet's plan title for a workbook of several)
/// with its text, or the file's name with why it could not be read or
/// imported. CellText goes through [`files::read_input`], with its size limit.
pub fn import_file(
    path: &std::path::Path,
    options: &ImportOptions,
) -> Vec<(String, Result<ImportedPlan, String>)> {
    let name = crate::files::display_path(path);
    let plans = read_input(path).and_then(|bytes| super::import_bytes(&name, &bytes, options));
    match plans {
        Ok(plans) => {
            let several = plans.len() > 1;
            plans
                .into_iter()
                .map(|plan| {
                    let plan_name = if several {
                        format!("{name} ({})", plan.title)
                    } else {
                        name.clone()
                    };
                    (plan_name, Ok(plan))
                })
                .collect()
        }
        Err(error) => vec![(name, Err(error.0))],
    }
}

/// The legacy files under the paths, for `audit --import`: files given by
/// name when `import` reads them, and in directories (hidden ones skipped)
/// every file with an extension it reads, except planlint's own
/// `.planlint.yaml`. Sorted by path within each directory.
pub fn legacy_files(paths: &[std::path::PathBuf]) -> Result<Vec<std::path::PathBuf>, String> {
    let readable = |path: &std::path::Path| {
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy())
            .unwrap_or_default();
        name != ".planlint.yaml" && super::InputKind::of(&name).is_some()
    };
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            if readable(path) {
                files.push(path.clone());
            }
            continue;
        }
        let walker = walkdir::WalkDir::new(path)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| {
                entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
            });
        for entry in walker {
            let entry =
                entry.map_err(|error| format!("cannot walk `{}`: {error}", path.display()))?;
            if entry.file_type().is_file() && readable(entry.path()) {
                files.push(entry.path().to_path_buf());
            }
        }
    }
    Ok(files)
}
