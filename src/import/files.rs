//! The import's file system: reading inputs and writing plans. Writes are
//! atomic (a temporary file in the destination's directory, renamed over
//! it), and an existing file is replaced only when asked to (`--force`).

use std::io::Read;
use std::path::Path;

use super::ImportError;
use crate::run::{display_path, plain_io_error, WriteError, MAX_FILE_SIZE};

/// The bytes of an input, up to [`MAX_FILE_SIZE`].
pub fn read_input(path: &Path) -> Result<Vec<u8>, ImportError> {
    let shown = display_path(path);
    let cannot = |error: std::io::Error| {
        ImportError(format!("cannot read `{shown}`: {}", plain_io_error(&error)))
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(ImportError(format!(
            "`{shown}` is larger than {} MiB; planlint imports files up to that size",
            MAX_FILE_SIZE / 1024 / 1024
        )));
    }
    Ok(bytes)
}

/// Refuses to replace an existing file unless `force`.
pub fn check_destination(path: &Path, force: bool) -> Result<(), ImportError> {
    if !force && std::fs::symlink_metadata(path).is_ok() {
        let shown = format!("`{}`", display_path(path));
        return Err(ImportError(WriteError::Exists.message(&shown)));
    }
    Ok(())
}

/// Writes `text` to `path` atomically ([`crate::run::write_atomically`]):
/// readers see the old file or the new one, never a part. Without `force`,
/// an existing file is left alone (even one created since
/// [`check_destination`]).
pub fn write_atomically(path: &Path, text: &str, force: bool) -> Result<(), ImportError> {
    crate::run::write_atomically(path, text.as_bytes(), force)
        .map_err(|error| ImportError(error.message(&format!("`{}`", display_path(path)))))
}
