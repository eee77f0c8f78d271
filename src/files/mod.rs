//! The file system: finding plan files, reading them (with the size limit),
//! writing atomically, and the words for IO errors. `lint` takes the bytes
//! from here.

use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

use crate::model::Date;
use crate::rules::ReadProblem;

pub mod discover;
pub mod spill;

pub use self::discover::{collect_inputs, Discovery, WalkOptions};

/// Plans larger than this are refused as unreadable (spans are `u32`).
pub const MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// Configuration files larger than this are refused before they are read
/// whole (a real one is a few hundred bytes).
pub const MAX_CONFIG_SIZE: u64 = 1024 * 1024;

/// Custom rule files larger than this are refused before they are read.
pub const MAX_RULE_SIZE: u64 = 1024 * 1024;

/// Baselines larger than this are refused before they are read (a
/// baseline of 100,000 findings is about 25 MiB).
pub const MAX_BASELINE_SIZE: u64 = 64 * 1024 * 1024;

/// Why [`read_limited`] read nothing.
#[derive(Debug)]
pub enum ReadError {
    /// The file system refused.
    Io(std::io::Error),
    /// The file is larger than the limit (in bytes).
    TooLarge(u64),
    /// The file is not UTF-8 text.
    NotText,
}

impl ReadError {
    /// The reason in plain words, naming the file as `what` (such as
    /// "configurations").
    pub fn reason(&self, what: &str) -> String {
        match self {
            ReadError::Io(error) => plain_io_error(error),
            ReadError::TooLarge(limit) => format!(
                "the file is larger than {}; planlint reads {what} up to that size",
                size_in_words(*limit)
            ),
            ReadError::NotText => "the file is not UTF-8 text".into(),
        }
    }
}

/// `1 MiB`, `64 MiB`.
fn size_in_words(bytes: u64) -> String {
    format!("{} MiB", bytes / 1024 / 1024)
}

/// Reads a text file of at most `limit` bytes, without ever holding more
/// than `limit + 1` bytes of it: a huge file is refused, not loaded.
pub fn read_limited(path: &Path, limit: u64) -> Result<String, ReadError> {
    let bytes = read_bytes_limited(path, limit)?;
    String::from_utf8(bytes).map_err(|_| ReadError::NotText)
}

/// [`read_limited`] for files that need not be text (workbooks, legacy
/// CSV in any encoding).
pub fn read_bytes_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(bytes)
}

/// The path with links and `..` resolved, when it exists.
pub fn canonical(path: &Path) -> std::io::Result<PathBuf> {
    std::fs::canonicalize(path)
}

/// The size of the regular file at `path` (links followed); `None` for
/// anything else, or nothing.
pub fn regular_file_size(path: &Path) -> Option<u64> {
    std::fs::metadata(path)
        .ok()
        .filter(std::fs::Metadata::is_file)
        .map(|metadata| metadata.len())
}

/// What a path names, links followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Directory,
    /// A file of this many bytes.
    File(u64),
    /// Nothing that can be read: not there, or not allowed.
    Nothing,
}

/// What `path` names. Allocates nothing for a path shorter than 384 bytes
/// (std builds its C string on the stack): the binary chooses its
/// allocator with it, before allocating.
pub fn named(path: &Path) -> Named {
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_dir() => Named::Directory,
        Ok(metadata) => Named::File(metadata.len()),
        Err(_) => Named::Nothing,
    }
}

/// Whether anything is at `path`, a dangling link included (so nothing is
/// ever written over it unasked).
pub fn something_is_at(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Creates a directory and its missing parents (`import -o new/dir/`).
pub fn create_directories(path: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(path)
}

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
    /// A path found while walking that could not be read (a directory
    /// without permission, a link to a plan that is gone): an
    /// `unreadable-file` finding of that path.
    Unreadable {
        path: PathBuf,
        /// Why, in the file system's words.
        reason: String,
        directory: bool,
    },
}

impl Input {
    /// The name the plan goes by in reports.
    pub fn name(&self) -> String {
        match self {
            Input::File(path) => display_path(path),
            Input::Stdin { name } => name.clone().unwrap_or_else(|| "<stdin>".into()),
            Input::Imported { name, .. } => name.clone(),
            Input::Unreadable { path, .. } => display_path(path),
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

/// Reads an input's bytes (a file or stdin), limited to [`MAX_FILE_SIZE`].
pub fn read_input(input: &Input) -> (String, Result<Vec<u8>, ReadProblem>) {
    let io = |error: std::io::Error| ReadProblem::Io {
        reason: plain_io_error(&error),
    };
    match input {
        Input::File(path) => (display_path(path), read_file(path).map_err(io)),
        Input::Imported { name, text, .. } => (
            name.clone(),
            text.clone()
                .map(String::into_bytes)
                .map_err(|reason| ReadProblem::Io { reason }),
        ),
        Input::Stdin { .. } => {
            let mut bytes = Vec::new();
            let result = std::io::stdin()
                .take(MAX_FILE_SIZE + 1)
                .read_to_end(&mut bytes)
                .map(|_| bytes);
            (input.name(), result.map_err(io))
        }
        Input::Unreadable {
            path,
            reason,
            directory,
        } => {
            let reason = reason.clone();
            let problem = if *directory {
                ReadProblem::Directory { reason }
            } else {
                ReadProblem::Io { reason }
            };
            (display_path(path), Err(problem))
        }
    }
}

fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    // Room for the file as it is now (plus the byte `read_to_end` reads to
    // see the end), so a large plan is not read into a buffer of up to
    // twice its size; `take` still bounds a file that grows meanwhile.
    let size = file.metadata().map_or(0, |metadata| metadata.len());
    let mut bytes = Vec::with_capacity(size.min(MAX_FILE_SIZE) as usize + 1);
    file.take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes)?;
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

/// Today's date on the local calendar (the system's time zone, `TZ` if
/// set): a waiver `until 2027-06-30` lasts to the end of that day where the
/// team is, not in UTC. Falls back to UTC when no time zone can be found.
pub fn today() -> Date {
    let now = jiff::Timestamp::now().to_zoned_datetime(local_time_zone());
    let date = now.date();
    Date::from_ymd(
        i32::from(date.year()),
        date.month().unsigned_abs().into(),
        date.day().unsigned_abs().into(),
    )
    .unwrap_or_else(|| {
        Date::from_ymd(1970, 1, 1)
            .expect("the epoch exists")
            .add_days(now.timestamp().as_second().div_euclid(86_400))
    })
}

/// The system's time zone. Without `TZ`, read from `/etc/localtime`
/// itself: jiff would first list every zone of the time zone database
/// (a walk of `/usr/share/zoneinfo`, about a third of a one-file run's
/// time), though a date needs only the zone's offsets.
fn local_time_zone() -> jiff::tz::TimeZone {
    if std::env::var_os("TZ").is_none() {
        let zone = std::fs::read("/etc/localtime")
            .ok()
            .and_then(|bytes| jiff::tz::TimeZone::tzif("localtime", &bytes).ok());
        if let Some(zone) = zone {
            return zone;
        }
    }
    jiff::tz::TimeZone::system()
}

/// Why [`write_atomically`] wrote nothing.
#[derive(Debug)]
pub enum WriteError {
    /// The file exists, and replacing it was not asked for.
    Exists,
    /// The file exists, is not one planlint wrote (not a baseline, for a
    /// baseline), and replacing it was not asked for.
    NotWrittenByPlanlint,
    /// The file is one this run reads (a plan being linted): never replaced.
    IsAnInput,
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
            WriteError::NotWrittenByPlanlint => format!(
                "{what} already exists and planlint did not write it; \
                 choose another file, or pass --force to replace it"
            ),
            WriteError::IsAnInput => format!(
                "cannot write {what}: it is one of the plans this run reads, \
                 and planlint never replaces those; choose another file"
            ),
            WriteError::NoFileName => format!("cannot write {what}: it names no file"),
            WriteError::Io(error) => format!("cannot write {what}: {}", plain_io_error(error)),
        }
    }
}

/// When a write may replace an existing file. Every write planlint makes
/// goes through this one check ([`write_checked`]).
#[derive(Debug, Clone, Copy)]
pub struct Replace<'a> {
    /// `--force`: replace any existing file, but never an input.
    pub force: bool,
    /// Without `force`, an existing file this says planlint wrote (a
    /// baseline, read as one) is replaced; any other is refused.
    pub if_written_by_planlint: Option<fn(&Path) -> bool>,
    /// The files the run reads (the plans being linted): never replaced.
    pub inputs: &'a [PathBuf],
}

impl Replace<'static> {
    /// Replace an existing file only when forced.
    pub fn when_forced(force: bool) -> Replace<'static> {
        Replace {
            force,
            if_written_by_planlint: None,
            inputs: &[],
        }
    }
}

/// Writes a file atomically, replacing an existing one only when `overwrite`
/// (see [`write_checked`]).
pub fn write_atomically(path: &Path, contents: &[u8], overwrite: bool) -> Result<(), WriteError> {
    write_checked(path, contents, Replace::when_forced(overwrite))
}

/// The prefix of the temporary files of a write to a file named `name`:
/// hidden, and named for what they are, so that a killed run's leftovers
/// are recognised (and removed by the next write to the same file).
fn temporary_prefix(name: &str) -> String {
    format!(".{name}.planlint-")
}

/// Writes a file atomically: to a new temporary file in the same directory
/// (created, never reused), flushed to disk, then renamed over the target,
/// so a reader sees the old file or the new one, never a part, and an
/// interrupted run leaves the old file intact. An existing file is replaced
/// only as `replace` allows, and never when it is one of its inputs; when
/// replacing is not allowed, even a file created while this was writing is
/// left alone (the rename itself refuses). The file gets the permissions of
/// the one it replaces, or the usual 0644, not the temporary file's 0600.
/// Nothing is left behind on failure, and the temporary files that killed
/// runs left beside the target are removed first.
pub fn write_checked(path: &Path, contents: &[u8], replace: Replace<'_>) -> Result<(), WriteError> {
    write_checked_with(path, replace, |out| out.write_all(contents))
}

/// [`write_checked`] of what `write` writes as it goes (a report streamed
/// to its file, never whole in memory): to the temporary file, renamed over
/// `path` only once `write` has succeeded.
pub fn write_checked_with(
    path: &Path,
    replace: Replace<'_>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    if replace.inputs.iter().any(|input| same_file(path, input)) {
        return Err(WriteError::IsAnInput);
    }
    // A device or a pipe (`-o /dev/null`, `-o /dev/stdout`) is written in
    // place: renaming a file over it would replace the device itself (a
    // `/dev/null` turned into a regular file breaks every program that
    // reads from it).
    if let Ok(metadata) = std::fs::metadata(path) {
        if !metadata.is_file() && !metadata.is_dir() {
            let device = std::fs::OpenOptions::new().write(true).open(path)?;
            let mut device = std::io::BufWriter::new(device);
            write(&mut device)?;
            device.flush()?;
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
    let overwrite = match std::fs::symlink_metadata(path) {
        Err(_) => replace.force,
        Ok(_) if replace.force => true,
        Ok(_) => match replace.if_written_by_planlint {
            Some(written_by_planlint) if written_by_planlint(path) => true,
            Some(_) => return Err(WriteError::NotWrittenByPlanlint),
            None => return Err(WriteError::Exists),
        },
    };
    let prefix = temporary_prefix(&file_name.to_string_lossy());
    remove_leftovers(directory, &prefix);
    let mut temporary = tempfile::Builder::new()
        .prefix(&format!("{prefix}{}-", std::process::id()))
        .suffix(".tmp")
        .tempfile_in(directory)?;
    {
        let mut buffered = std::io::BufWriter::new(temporary.as_file_mut());
        write(&mut buffered)?;
        buffered.flush()?;
    }
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

/// Whether two paths name the same existing file (through links, and hard
/// links on Unix).
fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(first), Ok(second)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        first.dev() == second.dev() && first.ino() == second.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (first, second);
        matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(x), Ok(y)) if x == y
        )
    }
}

/// Removes the temporary files (`.NAME.planlint-PID-XXXXXX.tmp`) that runs
/// killed while writing NAME left in `directory`: those whose process is
/// gone (where `/proc` tells), or older than an hour. A write still under
/// way in another run keeps its file. Best effort: what cannot be removed
/// stays.
fn remove_leftovers(directory: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(directory) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name
            .to_str()
            .and_then(|name| name.strip_prefix(prefix))
            .filter(|rest| rest.ends_with(".tmp"))
        else {
            continue;
        };
        let is_file = entry.file_type().is_ok_and(|kind| kind.is_file());
        if is_file && is_left_over(&entry.path(), rest) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether a temporary file (`rest` is its name after the prefix:
/// `PID-XXXXXX.tmp`) belongs to no running write.
fn is_left_over(path: &Path, rest: &str) -> bool {
    let pid = rest
        .split('-')
        .next()
        .and_then(|pid| pid.parse::<u32>().ok());
    let proc = Path::new("/proc/self");
    if let Some(pid) = pid {
        if pid == std::process::id() {
            return false;
        }
        if proc.exists() {
            return !Path::new(&format!("/proc/{pid}")).exists();
        }
    }
    std::fs::metadata(path)
        .and_then(|metadata| metadata.modified())
        .ok()
        .and_then(|modified| modified.elapsed().ok())
        .is_some_and(|age| age > std::time::Duration::from_secs(3600))
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
    fn a_write_replaces_an_existing_file_only_if_planlint_wrote_it_and_never_an_input() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("baseline.json");
        std::fs::write(&path, "not ours").unwrap();
        let ours: fn(&Path) -> bool = |path| std::fs::read_to_string(path).unwrap() == "ours";
        let replace = Replace {
            force: false,
            if_written_by_planlint: Some(ours),
            inputs: &[],
        };
        let refused = write_checked(&path, b"ours", replace).unwrap_err();
        assert!(matches!(refused, WriteError::NotWrittenByPlanlint));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "not ours");
        write_checked(
            &path,
            b"ours",
            Replace {
                force: true,
                ..replace
            },
        )
        .unwrap();
        write_checked(&path, b"ours", replace).unwrap();

        let plan = dir.path().join("a.plan");
        std::fs::write(&plan, "plan").unwrap();
        let inputs = [dir.path().join("./a.plan")];
        for force in [false, true] {
            let replace = Replace {
                force,
                if_written_by_planlint: None,
                inputs: &inputs,
            };
            let refused = write_checked(&plan, b"x", replace).unwrap_err();
            assert!(matches!(refused, WriteError::IsAnInput), "{refused:?}");
        }
        assert_eq!(std::fs::read_to_string(&plan).unwrap(), "plan");
        assert_eq!(names(dir.path()), ["a.plan", "baseline.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_killed_run_s_temporary_files_are_recognised_and_removed_by_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.html");
        // A process that has ended: its temporary file is a leftover.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let gone = child.id();
        child.wait().unwrap();
        let leftover = format!(".report.html.planlint-{gone}-AbC123.tmp");
        std::fs::write(dir.path().join(&leftover), "half a report").unwrap();
        // This process is running: its temporary file is a write under way.
        let running = format!(".report.html.planlint-{}-XyZ789.tmp", std::process::id());
        std::fs::write(dir.path().join(&running), "").unwrap();
        // Another file's temporary file is not this write's business.
        let other = format!(".other.html.planlint-{gone}-AbC123.tmp");
        std::fs::write(dir.path().join(&other), "").unwrap();
        write_atomically(&path, b"report", false).unwrap();
        assert_eq!(
            names(dir.path()),
            [other.as_str(), running.as_str(), "report.html"]
        );
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
