//! What editors rely on: a plan read from stdin under `--stdin-filename`
//! (an unsaved buffer), and 1-based lines and character columns that are
//! right on lines with tabs, emoji and CRLF endings.

mod common;

use common::{crate_dir, planlint, planlint_with_stdin, write, MIXED_PLAN};

/// A plan written on Windows with tabs for indentation and emoji in its
/// text. Two findings: a tactic without a KPI (its header, on line 12,
/// after one tab) and an unknown key (`colur`, on line 15, after two tabs,
/// an emoji and another tab).
const CRLF_PLAN: &str = "plan \"Émoji 🎉 plan\" {\r\n\
    \towner: @ana\r\n\
    \tperiod: 2027-Q1..2027-Q4\r\n\
    \tchallenge: \"Win back 🏆 churned accounts\"\r\n\
    \tstrategy retention \"Keep our customers\"\r\n\
    \tteam { member @ana { capacity: 60d } }\r\n\
    \tobjective winback \"Win back lapsed customers\" {\r\n\
    \t\towner: @ana\r\n\
    \t\tsupports: retention\r\n\
    \t\tkpi won-back { stage: closed\ttarget: 40  due: 2027-Q4  source: salesforce }\r\n\
    \t}\r\n\
    \ttactic calls \"Call 📞 now\" {\r\n\
    \t\towner: @ana\r\n\
    \t\tsupports: winback\r\n\
    \t\taudience: \"🎯 left\"\tcolur: blue\r\n\
    \t\twhen: 2027-Q1..2027-Q2\r\n\
    \t\teffort: 20d\r\n\
    \t}\r\n\
    }\r\n";

fn positions(json: &str) -> Vec<(String, u64, u64, u64, u64)> {
    let records: serde_json::Value = serde_json::from_str(json).unwrap();
    records
        .as_array()
        .unwrap()
        .iter()
        .map(|record| {
            (
                record["rule"].as_str().unwrap().to_string(),
                record["line"].as_u64().unwrap(),
                record["column"].as_u64().unwrap(),
                record["end_line"].as_u64().unwrap(),
                record["end_column"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn columns_count_characters_on_lines_with_tabs_emoji_and_crlf() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "windows.plan", CRLF_PLAN);
    let run = planlint(dir.path(), &["check", "--format", "json", "windows.plan"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    // Line 12 is `\ttactic calls "Call 📞 now" {`: the header starts after
    // one tab (column 2) and its 25 characters end before column 27.
    // Line 15 is `\t\taudience: "🎯 left"\tcolur: blue`: `colur` is
    // characters 22 to 26 (bytes 25 to 29: the emoji is four bytes).
    assert_eq!(
        positions(&run.stdout),
        [
            ("missing-kpi".to_string(), 12, 2, 12, 27),
            ("unknown-attribute".to_string(), 15, 22, 15, 27),
        ]
    );
    let compact = planlint(
        dir.path(),
        &["check", "--format", "compact", "windows.plan"],
    );
    insta::assert_snapshot!(compact.stdout, @r"
    windows.plan:12:2: error[missing-kpi] tactic `calls` has no KPI
    windows.plan:15:22: warning[unknown-attribute] `colur` is not a key planlint knows
    ");
    // The human report's header agrees with the machine formats.
    let human = planlint(dir.path(), &["check", "--color", "never", "windows.plan"]);
    assert!(
        human.stdout.contains("[windows.plan:12:2]"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains("[windows.plan:15:22]"),
        "{}",
        human.stdout
    );
}

#[test]
fn a_crlf_plan_and_its_lf_twin_get_the_same_positions() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "windows.plan", CRLF_PLAN);
    write(dir.path(), "unix.plan", &CRLF_PLAN.replace("\r\n", "\n"));
    let windows = planlint(dir.path(), &["check", "--format", "json", "windows.plan"]);
    let unix = planlint(dir.path(), &["check", "--format", "json", "unix.plan"]);
    assert_eq!(positions(&windows.stdout), positions(&unix.stdout));
}

#[test]
fn stdin_is_linted_under_the_given_name() {
    let dir = tempfile::tempdir().unwrap();
    let run = planlint_with_stdin(
        dir.path(),
        &[
            "check",
            "--format",
            "compact",
            "--stdin-filename",
            "plans/draft.plan",
            "-",
        ],
        MIXED_PLAN.as_bytes(),
    );
    assert_eq!(run.status, 1);
    insta::assert_snapshot!(run.stdout, @r"
    plans/draft.plan:12:3: error[missing-kpi] tactic `calls` has no KPI
    plans/draft.plan:16:5: warning[unknown-attribute] `colour` is not a key planlint knows
    ");
    assert_eq!(
        run.stderr,
        "Found 2 problems (1 error, 1 warning) in 1 file.\n"
    );
}

#[test]
fn stdin_and_the_saved_file_get_the_same_findings() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "windows.plan", CRLF_PLAN);
    let saved = planlint(dir.path(), &["check", "--format", "json", "windows.plan"]);
    let unsaved = planlint_with_stdin(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "windows.plan",
            "-",
        ],
        CRLF_PLAN.as_bytes(),
    );
    assert_eq!(saved.stdout, unsaved.stdout);
    assert_eq!(saved.status, unsaved.status);
}

#[test]
fn stdin_without_a_name_is_called_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let run = planlint_with_stdin(
        dir.path(),
        &["check", "--format", "compact", "-"],
        MIXED_PLAN.as_bytes(),
    );
    assert!(
        run.stdout.starts_with("<stdin>:12:3: error[missing-kpi]"),
        "{}",
        run.stdout
    );
}

#[test]
fn stdin_that_is_not_utf8_is_a_finding_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let run = planlint_with_stdin(
        dir.path(),
        &[
            "check",
            "--format",
            "compact",
            "--stdin-filename",
            "bad.plan",
            "-",
        ],
        b"plan \"caf\xe9\" {}\n",
    );
    assert_eq!(run.status, 1);
    assert!(
        run.stdout
            .starts_with("bad.plan:1:10: error[unreadable-file]"),
        "{}",
        run.stdout
    );
}

/// The VS Code extension's manifest names files that exist and are what
/// VS Code expects: the language `plan` for `*.plan`, its grammar and
/// configuration, and the `planlint.path` setting the client reads.
#[test]
fn the_vscode_extension_manifest_holds_together() {
    let extension = crate_dir().join("editors/vscode");
    let read_json = |file: &str| -> serde_json::Value {
        let text = std::fs::read_to_string(extension.join(file))
            .unwrap_or_else(|error| panic!("editors/vscode/{file}: {error}"));
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("editors/vscode/{file}: {error}"))
    };
    let manifest = read_json("package.json");
    let language = &manifest["contributes"]["languages"][0];
    assert_eq!(language["id"], "plan");
    assert_eq!(language["extensions"], serde_json::json!([".plan"]));
    let configuration = read_json(language["configuration"].as_str().unwrap());
    assert_eq!(configuration["comments"]["lineComment"], "#");
    let grammar = &manifest["contributes"]["grammars"][0];
    assert_eq!(grammar["language"], "plan");
    let tm_grammar = read_json(grammar["path"].as_str().unwrap());
    assert_eq!(tm_grammar["scopeName"], grammar["scopeName"]);
    let setting = &manifest["contributes"]["configuration"]["properties"]["planlint.path"];
    assert_eq!(setting["type"], "string");
    let main = manifest["main"].as_str().unwrap();
    let client = std::fs::read_to_string(extension.join(main)).unwrap();
    assert!(client.contains(r#"getConfiguration("planlint").get("path""#));
    assert!(client.contains(r#"args: ["lsp"]"#));
    // The lock file pins what `npm ci` installs in CI.
    let lock = read_json("package-lock.json");
    assert_eq!(
        lock["packages"][""]["dependencies"],
        manifest["dependencies"]
    );
}

/// The README shows the editor configurations of `editors/` verbatim, so
/// what `editors/try-neovim.sh` and the tests try is what users copy.
#[test]
fn the_readme_shows_the_editor_configurations_verbatim() {
    let root = crate_dir();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    for file in [
        "editors/neovim/planlint.lua",
        "editors/neovim/planlint-lsp.lua",
        "editors/efm-langserver/config.yaml",
        "editors/helix/languages.toml",
    ] {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        assert!(
            readme.contains(text.trim_end()),
            "README.md does not show {file} as it is"
        );
    }
}
