//! The import's file system: reading inputs and writing plans. Writes are
//! atomic (a temporary file in the destination's directory, renamed over
//! it), and an existing file is replaced only when asked to (`--force`).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::ImportError;
use crate::run::MAX_FILE_SIZE;

/// The bytes of an input, up to [`MAX_FILE_SIZE`].
pub fn read_input(path: &Path) -> Result<Vec<u8>, ImportError> {
    let shown = crate::run::display_path(path);
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
        return Err(ImportError(format!(
            "`{}` already exists; pass --force to replace it",
            crate::run::display_path(path)
        )));
    }
    Ok(())
}

/// Writes `text` to `path` atomically: readers see the old file or the new
/// one, never a part. Without `force`, an existing file is left alone (even
/// one created since [`check_destination`]).
pub fn write_atomically(path: &Path, text: &str, force: bool) -> Result<(), ImportError> {
    let shown = crate::run::display_path(path);
    let failed = |error: std::io::Error| {
        ImportError(format!(
            "cannot write `{shown}`: {}",
            plain_io_error(&error)
        ))
    };
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plan".into());
    let mut temporary = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&directory)
        .map_err(failed)?;
    temporary.write_all(text.as_bytes()).map_err(failed)?;
    temporary.as_file().sync_all().map_err(failed)?;
    set_permissions(temporary.as_file(), path).map_err(failed)?;
    let persisted = if force {
        temporary.persist(path)
    } else {
        temporary.persist_noclobber(path)
    };
    persisted.map_err(|error| {
        if error.error.kind() == std::io::ErrorKind::AlreadyExists {
            ImportError(format!(
                "`{shown}` already exists; pass --force to replace it"
            ))
        } else {
            failed(error.error)
        }
    })?;
    Ok(())
}

/// A temporary file is private (0600); the plan gets the permissions of the
/// file it replaces, or the usual 0644.
fn set_permissions(file: &std::fs::File, destination: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = match std::fs::metadata(destination) {
            Ok(existing) => existing.permissions(),
            Err(_) => std::fs::Permissions::from_mode(0o644),
        };
        file.set_permissions(permissions)?;
    }
    #[cfg(not(unix))]
    {
        let _ = (file, destination);
    }
    Ok(())
}

fn plain_io_error(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}
