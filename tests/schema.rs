//! The checked-in JSON Schema of `.planlint.yaml` (`planlint.schema.json`)
//! is the one planlint generates from its settings and rules: a new rule or
//! option fails this test until the file is regenerated with
//! `PLANLINT_UPDATE_SCHEMA=1 cargo test --test schema`. CI validates the
//! repository's configurations against the file with `check-jsonschema`.

mod common;

use common::crate_dir;

#[test]
fn the_checked_in_schema_is_the_generated_one() {
    let path = crate_dir().join("planlint.schema.json");
    let generated = planlint::config::schema::json_schema_text();
    if std::env::var_os("PLANLINT_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "planlint.schema.json is out of date: run `PLANLINT_UPDATE_SCHEMA=1 cargo test --test schema`"
    );
}

#[test]
fn the_schema_names_every_configurable_rule_and_its_options() {
    let schema = planlint::config::schema::json_schema();
    let rules = schema["properties"]["rules"]["properties"]
        .as_object()
        .unwrap();
    for file in planlint::rules::builtin_files() {
        let entry = rules.get(&file.id);
        assert_eq!(entry.is_some(), file.is_configurable(), "{}", file.id);
        if let Some(entry) = entry {
            let settings = entry["oneOf"][1]["properties"].as_object().unwrap();
            for option in file.options.keys() {
                assert!(settings.contains_key(option), "{}: {option}", file.id);
            }
        }
    }
    assert_eq!(schema["properties"]["rules"]["additionalProperties"], false);
}
