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

/// One module owns the file system (reading with the size limit, walking,
/// atomic writes, the words for IO errors): everything else asks it.
#[test]
fn only_the_files_module_touches_the_file_system() {
    let src = crate_dir().join("src");
    let files_module = src.join("files");
    let mut offenders = Vec::new();
    for path in rust_files(&src) {
        if path.starts_with(&files_module) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if FILE_SYSTEM_CALLS.iter().any(|call| code.contains(call)) {
                offenders.push(format!(
                    "{}:{}: {}",
                    path.display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
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
    let mut offenders = Vec::new();
    for path in rust_files(&crate_dir().join("src/model")) {
        let text = std::fs::read_to_string(&path).unwrap();
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if ["serde", "crate::yaml", "serde_json"]
                .iter()
                .any(|word| code.contains(word))
            {
                offenders.push(format!(
                    "{}:{}: {}",
                    path.display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "the model serializes:\n{}",
        offenders.join("\n")
    );
}
