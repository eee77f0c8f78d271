//! The file system: finding plan files, reading them (with the size limit),
//! writing atomically, and the words for IO errors. `lint` takes the bytes
//! from here.

use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

use crate::model::Date;

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
    /// A plan converted from a legacy file (`audit --import`): its text (or
    /// why the file could not be imported, an `unreadable-file` finding of
    /// it), the name it goes by in reports, and the file it came from (whose
    /// directory selects its configuration).
    Imported {
        name: String,
        origin: PathBuf,
        text: Result<String, String>,
        /// The spreadsheet cell each line of `text` came from.
        places: Vec<Option<crate::import::CellPlace>>,
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

/// Reads an input's bytes (a file or stdin), limited to [`MAX_FILE_SIZE`].
pub fn read_input(input: &Input) -> (String, Result<Vec<u8>, String>) {
    match input {
        Input::File(path) => (display_path(path), read_file(path)),
        Input::Imported { name, text, .. } => (name.clone(), text.clone().map(String::into_bytes)),
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

/// Removes `.` and resolves `..` without touching the file system: a plan
/// read from stdin has a name but maybe no file, and configuration
/// discovery and baselines must not depend on how a path was written. `..`
/// at the root stays there (`/..` is `/`); the leading `..` of a relative
/// path is kept.
pub fn normalise_path(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other),
        }
    }
    out
}

/// An IO error in plain words: the common ones without the OS error code.
pub fn plain_io_error(error: &std::io::Error) -> String {
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

/// Why [`write_atomically`] wrote nothing.
#[derive(Debug)]
pub enum WriteError {
    /// The file exists, and replacing it was not asked for.
    Exists,
    /// The path ends in no file name (`/`, `plans/..`).
    NoFileName,
    /// The file system refused.
    Io(std::io::Error),
}

impl From<std::io::Error> for WriteError {
    fn from(error: std::io::Error) -> WriteError {
        WriteError::Io(error)
    }
}

impl WriteError {
    /// The error in plain words, naming the file as `what` (such as
    /// ``the baseline `b.json` ``).
    pub fn message(&self, what: &str) -> String {
        match self {
            WriteError::Exists => format!("{what} already exists; pass --force to replace it"),
            WriteError::NoFileName => format!("cannot write {what}: it names no file"),
            WriteError::Io(error) => format!("cannot write {what}: {}", plain_io_error(error)),
        }
    }
}

/// Writes a file atomically: to a new temporary file in the same directory
/// (created, never reused), flushed to disk, then renamed over the target,
/// so a reader sees the old file or the new one, never a part, and an
/// interrupted run leaves the old file intact. Unless `overwrite`, an
/// existing file is left alone, even one created while this was writing
/// (the rename itself refuses). The file gets the permissions of the one
/// it replaces, or the usual 0644, not the temporary file's 0600. Nothing
/// is left behind on failure.
pub fn write_atomically(path: &Path, contents: &[u8], overwrite: bool) -> Result<(), WriteError> {
    // A device or a pipe (`-o /dev/null`, `-o /dev/stdout`) is written in
    // place: renaming a file over it would replace the device itself (a
    // `/dev/null` turned into a regular file breaks every program that
    // reads from it).
    if let Ok(metadata) = std::fs::metadata(path) {
        if !metadata.is_file() && !metadata.is_dir() {
            let mut device = std::fs::OpenOptions::new().write(true).open(path)?;
            device.write_all(contents)?;
            return Ok(());
        }
    }
    // A symbolic link is written through: the file it names is replaced,
    // the link stays.
    let resolved;
    let path = match std::fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_symlink() => match std::fs::canonicalize(path) {
            Ok(target) => {
                resolved = target;
                resolved.as_path()
            }
            Err(_) => path,
        },
        _ => path,
    };
    let file_name = path.file_name().ok_or(WriteError::NoFileName)?;
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temporary = tempfile::Builder::new()
        .prefix(&format!(".{}.", file_name.to_string_lossy()))
        .suffix(".tmp")
        .tempfile_in(directory)?;
    temporary.write_all(contents)?;
    temporary.as_file().sync_all()?;
    set_permissions(temporary.as_file(), path)?;
    let persisted = if overwrite {
        temporary.persist(path)
    } else {
        temporary.persist_noclobber(path)
    };
    // On failure the temporary file is dropped with the error: deleted.
    persisted.map_err(|error| match error.error.kind() {
        std::io::ErrorKind::AlreadyExists if !overwrite => WriteError::Exists,
        _ => WriteError::Io(error.error),
    })?;
    Ok(())
}

/// A temporary file is private (0600); the written file gets the
/// permissions of the file it replaces, or the usual 0644.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_written_in_place_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        write_atomically(Path::new("/dev/null"), b"report", true).unwrap();
        write_atomically(Path::new("/dev/null"), b"report", false).unwrap();
        let kind = std::fs::metadata("/dev/null").unwrap().file_type();
        assert!(kind.is_char_device(), "/dev/null must stay a device");
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.html");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("latest.html");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomically(&link, b"new", true).unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }

    #[test]
    fn paths_are_normalised_without_the_file_system() {
        let normalised = |path: &str| normalise_path(Path::new(path));
        assert_eq!(normalised("/a/./b/../c/d"), PathBuf::from("/a/c/d"));
        assert_eq!(normalised("/a/../.."), PathBuf::from("/"));
        assert_eq!(normalised("/../x"), PathBuf::from("/x"));
        assert_eq!(normalised("../../x"), PathBuf::from("../../x"));
        assert_eq!(normalised("a/../../b/./c"), PathBuf::from("../b/c"));
        assert_eq!(normalised("./a/.."), PathBuf::new());
    }

    #[test]
    fn an_atomic_write_replaces_only_when_asked_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.md");
        write_atomically(&path, b"first", false).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");

        let refused = write_atomically(&path, b"second", false).unwrap_err();
        assert!(matches!(refused, WriteError::Exists), "{refused:?}");
        assert_eq!(
            refused.message("`report.md`"),
            "`report.md` already exists; pass --force to replace it"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");

        write_atomically(&path, b"second", true).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "second");
        assert_eq!(names(dir.path()), ["report.md"], "no temporary file left");
    }

    #[test]
    fn an_atomic_write_keeps_the_replaced_files_permissions() {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("baseline.json");
            write_atomically(&path, b"{}", false).unwrap();
            let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o644, "not the temporary file's 0600");
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).unwrap();
            write_atomically(&path, b"{ }", true).unwrap();
            assert_eq!(mode(&path), 0o664);
        }
    }

    #[test]
    fn an_atomic_write_needs_a_file_name_and_a_directory() {
        let dir = tempfile::tempdir().unwrap();
        let nameless = write_atomically(&dir.path().join(".."), b"x", true).unwrap_err();
        assert_eq!(
            nameless.message("`..`"),
            "cannot write `..`: it names no file"
        );
        let nowhere = dir.path().join("no/such/dir/baseline.json");
        let missing = write_atomically(&nowhere, b"x", true).unwrap_err();
        assert_eq!(
            missing.message("`baseline.json`"),
            "cannot write `baseline.json`: no such file or directory"
        );
        assert_eq!(names(dir.path()), Vec::<String>::new());
    }
}
