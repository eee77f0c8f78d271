//! Baselines: adopt planlint on a repository full of old plans without
//! fixing them all first. `--write-baseline FILE` records the current
//! findings; `--baseline FILE` hides those and reports only new ones.
//!
//! A finding is recorded by its file, rule, the block it concerns (kind and
//! id) and its message, never by line or column, so that editing a plan
//! above a finding does not bring it back (a message's own mention of a
//! line, "first on line 12", is stored as "line N" for the same reason). Matching counts: if a plan had
//! one `missing-kpi` of `tactic x` and now has two identical ones, one is
//! new. A finding that was fixed is simply absent from a rewritten baseline.
//!
//! The file is JSON with a `version`, one finding per line, sorted, so that
//! its diffs in review read as "these findings were added or fixed". Paths
//! in it are relative to the baseline's own directory (with `/`), so a run
//! from another directory, or over a narrower path, still matches them.
//! Writes are atomic: a temporary file beside the baseline, then a rename.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostics::{BlockRef, FileReport, Finding};
use crate::files::{normalise_path, read_limited, MAX_BASELINE_SIZE};

/// The version of the file format this planlint reads and writes.
pub const VERSION: u32 = 1;

/// What identifies a finding across edits of its plan.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    file: String,
    rule: String,
    block: Option<BlockRef>,
    message: String,
}

/// The recorded findings, with how many of each there were.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    counts: BTreeMap<Key, usize>,
}

/// One line of the file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    file: String,
    rule: String,
    block: Option<BlockRef>,
    message: String,
    #[serde(default = "one")]
    count: usize,
}

fn one() -> usize {
    1
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    /// Checked before the rest is read (see [`Baseline::parse`]).
    #[allow(dead_code)]
    version: u32,
    findings: Vec<Entry>,
}

impl Baseline {
    /// Records every finding of the reports; `files` turns a report's path
    /// into the path the baseline stores.
    pub fn record(reports: &[FileReport], files: &FileNames) -> Baseline {
        let mut baseline = Baseline::default();
        for report in reports {
            let file = files.name(&report.source.path);
            for finding in &report.findings {
                *baseline.counts.entry(key(&file, finding)).or_default() += 1;
            }
        }
        baseline
    }

    /// How many findings it records.
    pub fn len(&self) -> usize {
        self.counts
            .values()
            .fold(0, |total, &count| total.saturating_add(count))
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Removes the findings the baseline records from the reports (up to
    /// the recorded count of each) and returns how many it removed.
    pub fn hide_recorded(&self, reports: &mut [FileReport], files: &FileNames) -> usize {
        let mut remaining = self.counts.clone();
        let mut hidden = 0;
        for report in reports {
            let file = files.name(&report.source.path);
            report
                .findings
                .retain(|finding| match remaining.get_mut(&key(&file, finding)) {
                    Some(count) if *count > 0 => {
                        *count -= 1;
                        hidden += 1;
                        false
                    }
                    _ => true,
                });
        }
        hidden
    }

    /// Reads a baseline file's text.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        #[derive(Deserialize)]
        struct Versioned {
            version: u32,
        }
        let versioned: Versioned = serde_json::from_str(text)
            .map_err(|error| format!("it is not a planlint baseline ({error})"))?;
        if versioned.version != VERSION {
            return Err(format!(
                "it is a baseline of version {}, and this planlint reads version {VERSION}; \
                 write it again with `--write-baseline`",
                versioned.version
            ));
        }
        let file: BaselineFile = serde_json::from_str(text)
            .map_err(|error| format!("it is not a planlint baseline ({error})"))?;
        let mut baseline = Baseline::default();
        for entry in file.findings {
            let key = Key {
                file: entry.file,
                rule: entry.rule,
                block: entry.block,
                message: entry.message,
            };
            // A count near the integer limit, twice, saturates: hiding
            // that many findings is hiding them all.
            let count = baseline.counts.entry(key).or_default();
            *count = count.saturating_add(entry.count);
        }
        Ok(baseline)
    }

    /// The file's text: sorted, one finding per line.
    pub fn to_json(&self) -> String {
        let mut out = format!("{{\n  \"version\": {VERSION},\n  \"findings\": [");
        for (index, (key, &count)) in self.counts.iter().enumerate() {
            let entry = Entry {
                file: key.file.clone(),
                rule: key.rule.clone(),
                block: key.block.clone(),
                message: key.message.clone(),
                count,
            };
            out.push_str(if index == 0 { "\n    " } else { ",\n    " });
            out.push_str(&serde_json::to_string(&entry).expect("an entry serializes to JSON"));
        }
        if !self.counts.is_empty() {
            out.push_str("\n  ");
        }
        out.push_str("]\n}\n");
        out
    }
}

fn key(file: &str, finding: &Finding) -> Key {
    Key {
        file: file.to_string(),
        rule: finding.rule.clone(),
        block: finding.block.clone(),
        message: without_line_numbers(&finding.message),
    }
}

/// Some messages point at another line ("declared twice (first on line
/// 12)"); that number moves when lines are inserted above, so the
/// baseline stores `line N` instead.
fn without_line_numbers(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find("line ") {
        let (before, after) = rest.split_at(at + "line ".len());
        out.push_str(before);
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 {
            out.push('N');
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

/// Turns the paths of reports (as the user gave them, relative to the
/// working directory or absolute) into paths relative to the baseline's
/// directory, so a baseline matches wherever planlint runs from.
#[derive(Debug, Clone)]
pub struct FileNames {
    working_dir: PathBuf,
    baseline_dir: PathBuf,
}

impl FileNames {
    /// For a baseline at `baseline` (relative to `working_dir`, which is absolute).
    pub fn new(working_dir: &Path, baseline: &Path) -> FileNames {
        let working_dir = normalise_path(working_dir);
        let baseline = normalise_path(&working_dir.join(baseline));
        let baseline_dir = baseline
            .parent()
            .map_or_else(|| working_dir.clone(), Path::to_path_buf);
        FileNames {
            working_dir,
            baseline_dir,
        }
    }

    /// The name a baseline stores for a report's path.
    pub fn name(&self, path: &str) -> String {
        let absolute = normalise_path(&self.working_dir.join(path));
        relative(&self.baseline_dir, &absolute)
    }
}

fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|part| part.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// Reads a baseline file.
pub fn read(path: &Path) -> Result<Baseline, String> {
    let text = read_limited(path, MAX_BASELINE_SIZE).map_err(|error| {
        format!(
            "cannot read the baseline `{}`: {}",
            path.display(),
            error.reason("baselines")
        )
    })?;
    Baseline::parse(&text)
        .map_err(|reason| format!("cannot use the baseline `{}`: {reason}", path.display()))
}

/// Writes a baseline file atomically ([`crate::files::write_checked`]), so
/// an interrupted run never leaves half a baseline. An existing baseline is
/// replaced; any other file only when `force`, and never one of `plans`
/// (the plans the run linted).
pub fn write(
    path: &Path,
    baseline: &Baseline,
    force: bool,
    plans: &[PathBuf],
) -> Result<(), String> {
    let replace = crate::files::Replace {
        force,
        if_written_by_planlint: Some(is_baseline_file),
        inputs: plans,
    };
    crate::files::write_checked(path, baseline.to_json().as_bytes(), replace)
        .map_err(|error| error.message(&format!("the baseline `{}`", path.display())))
}

/// Whether the file at `path` is a planlint baseline (of any version): a
/// JSON object with exactly a `version` number and a `findings` list.
pub fn is_baseline_file(path: &Path) -> bool {
    let Ok(text) = read_limited(path, MAX_BASELINE_SIZE) else {
        return false;
    };
    let Ok(serde_json::Value::Object(top)) = serde_json::from_str(&text) else {
        return false;
    };
    top.len() == 2
        && top.get("version").is_some_and(serde_json::Value::is_u64)
        && top.get("findings").is_some_and(serde_json::Value::is_array)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_relative_to_the_baseline_directory() {
        let names = FileNames::new(Path::new("/repo/plans"), Path::new("../baseline.json"));
        assert_eq!(names.name("q1.plan"), "plans/q1.plan");
        assert_eq!(names.name("./sub/../q2.plan"), "plans/q2.plan");
        assert_eq!(names.name("/elsewhere/x.plan"), "../elsewhere/x.plan");
        let names = FileNames::new(Path::new("/repo"), Path::new("baseline.json"));
        assert_eq!(names.name("plans/q1.plan"), "plans/q1.plan");
    }

    #[test]
    fn line_numbers_in_messages_are_not_part_of_the_key() {
        assert_eq!(
            without_line_numbers("declared twice (first on line 12); see line 3"),
            "declared twice (first on line N); see line N"
        );
        assert_eq!(without_line_numbers("a line of text"), "a line of text");
    }

    #[test]
    fn a_wrong_version_is_refused_with_a_reason() {
        let error = Baseline::parse(r#"{"version": 2, "findings": []}"#).unwrap_err();
        assert!(error.contains("version 2"), "{error}");
        assert!(Baseline::parse("[]").is_err());
    }

    #[test]
    fn counts_near_the_integer_limit_saturate() {
        let entry = |count: &str| {
            format!(r#"{{"file":"a.plan","rule":"r","block":null,"message":"m","count":{count}}}"#)
        };
        let text = format!(
            r#"{{"version": 1, "findings": [{}, {}, {}]}}"#,
            entry(&usize::MAX.to_string()),
            entry(&usize::MAX.to_string()),
            entry("1").replace("a.plan", "b.plan")
        );
        let baseline = Baseline::parse(&text).unwrap();
        assert_eq!(baseline.len(), usize::MAX);
        let again = Baseline::parse(&baseline.to_json()).unwrap();
        assert_eq!(again, baseline);
        // Beyond what the integer holds: refused as not a baseline.
        let text = format!(r#"{{"version": 1, "findings": [{}]}}"#, entry("1e30"));
        assert!(Baseline::parse(&text).is_err());
        let text = format!(
            r#"{{"version": 1, "findings": [{}]}}"#,
            entry("18446744073709551616")
        );
        assert!(Baseline::parse(&text).is_err());
    }

    #[test]
    fn text_round_trips() {
        let text = "{\n  \"version\": 1,\n  \"findings\": [\n    \
            {\"file\":\"a.plan\",\"rule\":\"missing-kpi\",\"block\":{\"kind\":\"tactic\",\"id\":\"x\"},\"message\":\"m\",\"count\":2},\n    \
            {\"file\":\"b.plan\",\"rule\":\"syntax-error\",\"block\":null,\"message\":\"n\",\"count\":1}\n  ]\n}\n";
        let baseline = Baseline::parse(text).unwrap();
        assert_eq!(baseline.len(), 3);
        assert_eq!(baseline.to_json(), text);
        assert_eq!(
            Baseline::default().to_json(),
            "{\n  \"version\": 1,\n  \"findings\": []\n}\n"
        );
    }
}
