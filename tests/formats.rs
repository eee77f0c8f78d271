//! The shape of each output format (CLI.md, "Formats"), run as a user would:
//! the built binary, in a temporary directory, with relative paths.

mod common;

use common::{planlint, write, CLEAN_PLAN, JSON_RECORD_FIELDS, MIXED_PLAN};

fn plans() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "plans/clean.plan", CLEAN_PLAN);
    write(dir.path(), "plans/mixed.plan", MIXED_PLAN);
    dir
}

#[test]
fn compact_is_one_line_per_finding() {
    let dir = plans();
    let run = planlint(dir.path(), &["check", "--format", "compact", "plans"]);
    assert_eq!(run.status, 1);
    insta::assert_snapshot!(run.stdout, @r"
    plans/mixed.plan:12:3: error[missing-kpi] tactic `calls` has no KPI
    plans/mixed.plan:16:5: warning[unknown-attribute] `colour` is not a key planlint knows
    ");
    assert_eq!(
        run.stderr,
        "Found 2 problems (1 error, 1 warning) in 2 files.\n"
    );
}

#[test]
fn json_has_exactly_the_documented_fields() {
    let dir = plans();
    let run = planlint(dir.path(), &["check", "--format", "json", "plans"]);
    assert_eq!(run.status, 1);
    insta::assert_snapshot!(run.stdout);
    let records: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    for record in records.as_array().unwrap() {
        let mut keys: Vec<_> = record.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(keys, JSON_RECORD_FIELDS);
    }
    assert_eq!(
        run.stderr,
        "Found 2 problems (1 error, 1 warning) in 2 files.\n"
    );
}

#[test]
fn github_annotates_with_workflow_commands() {
    let dir = plans();
    let run = planlint(dir.path(), &["check", "--format", "github", "plans"]);
    assert_eq!(run.status, 1);
    insta::assert_snapshot!(run.stdout);
    assert_eq!(
        run.stderr,
        "Found 2 problems (1 error, 1 warning) in 2 files.\n"
    );
}

#[test]
fn sarif_results_point_at_relative_paths() {
    let dir = plans();
    let run = planlint(dir.path(), &["check", "--format", "sarif", "plans"]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stderr,
        "Found 2 problems (1 error, 1 warning) in 2 files.\n"
    );
    let log: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"]
        .as_str()
        .unwrap()
        .contains("sarif-schema-2.1.0"));
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    // The results are snapshotted without `ruleIndex`, and the rule
    // metadata is checked against the rule files instead: both change with
    // every rule added to the catalog.
    let mut results = runs[0]["results"].clone();
    for result in results.as_array_mut().unwrap() {
        assert!(result["ruleIndex"].is_u64());
        result.as_object_mut().unwrap().remove("ruleIndex");
    }
    insta::assert_snapshot!(serde_json::to_string_pretty(&results).unwrap());
}

#[test]
fn sarif_describes_every_rule_from_its_file() {
    let dir = plans();
    let run = planlint(dir.path(), &["check", "--format", "sarif", "plans"]);
    let log: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "planlint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(driver["informationUri"]
        .as_str()
        .unwrap()
        .starts_with("https://"));
    let rules = driver["rules"].as_array().unwrap();
    let files = planlint::rules::rule_file::BUILTIN_RULE_FILES;
    assert_eq!(rules.len(), files.len());
    for (descriptor, (_, text)) in rules.iter().zip(files) {
        let file = planlint::rules::RuleFile::parse(text).unwrap();
        assert_eq!(descriptor["id"], file.id);
        let short = descriptor["shortDescription"]["text"].as_str().unwrap();
        assert!(short.starts_with(file.summary.trim().trim_end_matches('.')));
        let docs = file.docs();
        let why_start = docs
            .why
            .split_whitespace()
            .take(5)
            .collect::<Vec<_>>()
            .join(" ");
        for text in [
            &descriptor["fullDescription"]["text"],
            &descriptor["help"]["text"],
            &descriptor["help"]["markdown"],
        ] {
            assert!(text.as_str().unwrap().starts_with(&why_start), "{text}");
        }
        assert!(descriptor["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains(docs.bad.trim_end()));
        let level = match file.severity.as_str() {
            "info" => "note",
            other => other,
        };
        assert_eq!(descriptor["defaultConfiguration"]["level"], level);
    }
    // Every result names a rule of the driver by id and index.
    for result in log["runs"][0]["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}

#[test]
fn human_prints_the_summary_on_stdout() {
    let dir = plans();
    let run = planlint(
        dir.path(),
        &["check", "--format", "human", "--color", "never", "plans"],
    );
    assert_eq!(run.status, 1);
    assert!(
        run.stdout.contains("╭─[plans/mixed.plan:12:3]"),
        "{}",
        run.stdout
    );
    assert!(run
        .stdout
        .ends_with("Found 2 problems (1 error, 1 warning) in 2 files.\n"));
    assert_eq!(run.stderr, "");
}

#[test]
fn a_clean_run_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "clean.plan", CLEAN_PLAN);
    for format in ["compact", "json", "github", "sarif"] {
        let run = planlint(dir.path(), &["check", "--format", format, "clean.plan"]);
        assert_eq!(run.status, 0, "{format}");
        assert_eq!(run.stderr, "No problems found in 1 file.\n", "{format}");
    }
    let run = planlint(dir.path(), &["check", "--format", "github", "clean.plan"]);
    assert_eq!(run.stdout, "");
}
