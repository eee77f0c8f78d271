//! Loads a configuration with a custom rule: the input is the
//! `.planlint.yaml`, then (after a line `#%rule`) a rule file at
//! `rules/custom.yaml`. A configuration that loads lints a plan and tests
//! its rules' examples; one that fails renders its error. No input may
//! panic or hang, and no error may quote a file that is not a rule file:
//! `secret.txt`, beside the repository, must never show.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use planlint::config::{ConfigFinder, Selection};
use planlint::lint::lint_bytes;
use planlint::model::Date;
use planlint::report::{render_error, HumanStyle};
use planlint::rules::LintOptions;

const SECRET: &str = "TOP-SECRET-FUZZ-CONTENT";
const SEPARATOR: &str = "\n#%rule\n";

/// A directory holding `secret.txt` and a repository `repo/` with the
/// configuration and its rule file; made once, files rewritten each run.
fn repository() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary directory").keep();
        std::fs::write(dir.join("secret.txt"), format!("{SECRET}: [x\n")).unwrap();
        let repo = dir.join("repo");
        std::fs::create_dir_all(repo.join("rules")).unwrap();
        std::fs::write(repo.join(".git"), "").unwrap();
        repo
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (config, rule) = text.split_once(SEPARATOR).unwrap_or((text, ""));
    let repo = repository();
    let config_path = repo.join(".planlint.yaml");
    std::fs::write(&config_path, config).unwrap();
    std::fs::write(repo.join("rules/custom.yaml"), rule).unwrap();

    let options = LintOptions {
        today: Date::from_ymd(2027, 1, 15).expect("a real date"),
    };
    let loaded = ConfigFinder::new(Some(&config_path), Selection::default())
        .and_then(|mut configs| configs.for_dir(repo));
    match loaded {
        Ok(config) => {
            let plan = "plan \"P\" {\n  owner: @a\n  tactic t \"T\" { owner: @a }\n}\n";
            let _ = lint_bytes("p.plan".into(), Ok(plan.into()), &config.rules, &options);
            if let Ok(rules) = planlint::rule_tests::example_rule_set(config.custom_files.clone()) {
                let _ = planlint::rule_tests::test_rule_docs(&rules, &options);
            }
        }
        Err(error) => {
            let shown = render_error(&error, &HumanStyle::default());
            assert!(
                !shown.contains(SECRET),
                "an error quotes a file outside the repository:\n{shown}"
            );
        }
    }
});
