//! Invariants of ARCHITECTURE.md that the compiler cannot hold, checked on
//! the source: a later change cannot quietly break them.

mod common;

use std::path::{Path, PathBuf};

use common::crate_dir;

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|entry| entry.into_path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect()
}

/// What reaches the file system without going through `src/files/`.
const FILE_SYSTEM_CALLS: &[&str] = &[
    "std::fs",
    "fs::read",
    "fs::write",
    "fs::metadata",
    "fs::canonicalize",
    "fs::create_dir",
    "fs::remove",
    "fs::rename",
    "File::open",
    "File::create",
    "OpenOptions",
];

/// Lines of code (comments left out) under `dir`, outside `except`, that
/// mention any of `words`, as `path:line: text`.
fn lines_mentioning(dir: &Path, except: Option<&Path>, words: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for path in rust_files(dir) {
        if except.is_some_and(|except| path.starts_with(except)) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if words.iter().any(|word| code.contains(word)) {
                found.push(format!(
                    "{}:{}: {}",
                    path.display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    found
}

/// One module owns the file system (reading with the size limit, walking,
/// atomic writes, the words for IO errors): everything else asks it.
#[test]
fn only_the_files_module_touches_the_file_system() {
    let src = crate_dir().join("src");
    let offenders = lines_mentioning(&src, Some(&src.join("files")), FILE_SYSTEM_CALLS);
    assert!(
        offenders.is_empty(),
        "the file system is `src/files/`'s job; ask it instead:\n{}",
        offenders.join("\n")
    );
}

/// Serialization lives at the edges: the model knows neither JSON nor YAML
/// (the report decides how its values are written, the rules read their
/// own options).
#[test]
fn the_model_knows_no_serialization() {
    let model = crate_dir().join("src/model");
    let offenders = lines_mentioning(&model, None, &["serde", "crate::yaml"]);
    assert!(
        offenders.is_empty(),
        "the model serializes:\n{}",
        offenders.join("\n")
    );
}
