//! The JSON Schema of `.planlint.yaml`, generated from what the
//! configuration reader accepts: its settings ([`super::file`]'s keys) and,
//! for `rules`, every built-in rule with its options, each option typed by
//! the kind of its default. Editors use it (through the
//! `# yaml-language-server: $schema=…` line) to complete and check a
//! configuration; CI validates the repository's configurations with it.
//! The checked-in `planlint.schema.json` is kept equal to it by a test.
//!
//! The reader stays the authority: it also knows the custom rules a
//! configuration loads, which a static schema cannot list (an editor flags
//! a custom rule's id under `rules:`; planlint accepts it).

use serde_json::{json, Map, Value as Json};

use crate::rules::{self, RuleFile};
use crate::yaml::Value;

/// Where the schema is published (the file `planlint.schema.json` at the
/// repository's root).
pub const SCHEMA_URL: &str =
    "https://raw.githubusercontent.com/planlint/planlint/main/planlint.schema.json";

/// The schema, as pretty JSON with a final newline.
pub fn json_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&json_schema()).expect("the schema serializes");
    text.push('\n');
    text
}

/// The schema of a `.planlint.yaml`.
pub fn json_schema() -> Json {
    let paths = |what: &str| {
        json!({
            "description": what,
            "oneOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } }
            ]
        })
    };
    let mut rule_properties = Map::new();
    for file in rules::builtin_files() {
        if file.is_configurable() {
            rule_properties.insert(file.id.clone(), rule_schema(&file));
        }
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_URL,
        "title": "planlint configuration (.planlint.yaml)",
        "description": "Rule severities and options, custom rules, exclusions and suppression policy for planlint, the marketing-plan linter.",
        "type": ["object", "null"],
        "additionalProperties": false,
        "properties": {
            "rules": {
                "description": "Rule ids mapped to a severity (error, warning, info, off) or to settings: `severity` and the rule's options. `planlint rules` lists them.",
                "type": ["object", "null"],
                "additionalProperties": false,
                "properties": rule_properties,
            },
            "custom-rules": paths("Globs of custom rule files, relative to this file."),
            "exclude": paths("Globs of plans and directories not to lint, relative to this file."),
            "require-reason": {
                "description": "Every suppression must give a reason after `--`.",
                "type": "boolean"
            },
            "preview": {
                "description": "Also run the rules still in preview (`planlint rules` marks them), as `--preview` does.",
                "type": "boolean"
            },
            "currencies": {
                "description": "Exchange rates for sums over several currencies: a currency code mapped to what one unit of it is worth in another, e.g. `USD: 0.92 EUR`. Not dated: one planning rate for every plan under this file.",
                "type": "object",
                "additionalProperties": {
                    "type": "string",
                    "pattern": "^[0-9][0-9_]*(\\.[0-9]+)? [A-Z]{3}$"
                },
                "propertyNames": { "pattern": "^[A-Z]{3}$" }
            },
            "import": {
                "description": "How `audit --import` reads the legacy files under this configuration, as `planlint import`'s options would (`map`, `year`, `currency`, `date-order`, ...).",
                "type": "object"
            },
            "extend": {
                "description": "A configuration file this one adds to (relative to this file, inside its repository): its settings apply under this file's, rule by rule.",
                "type": "string"
            }
        }
    })
}

fn severity(with_off: bool) -> Json {
    let mut names = vec!["error", "warning", "info"];
    if with_off {
        names.push("off");
    }
    json!({ "type": "string", "enum": names })
}

fn rule_schema(file: &RuleFile) -> Json {
    let mut settings = Map::new();
    settings.insert("severity".into(), severity(true));
    for (name, default) in &file.options {
        settings.insert(name.clone(), option_schema(default));
    }
    json!({
        "description": format!(
            "{}{} (default: {})",
            if file.preview { "(preview) " } else { "" },
            file.summary,
            file.severity.as_str()
        ),
        "oneOf": [
            severity(true),
            {
                "type": "object",
                "additionalProperties": false,
                "properties": settings,
            }
        ]
    })
}

/// An option's value is of the same kind as its default (what the reader
/// checks before trying the value with the rule).
fn option_schema(default: &Value) -> Json {
    let shown = serde_json::to_value(default).unwrap_or(Json::Null);
    let kind = match default {
        Value::Sequence(_) => json!({ "type": "array" }),
        Value::Mapping(_) => json!({ "type": "object" }),
        Value::Bool(_) => json!({ "type": "boolean" }),
        Value::Null => json!({}),
        _ => json!({ "type": ["string", "number"] }),
    };
    let mut schema = kind.as_object().cloned().unwrap_or_default();
    schema.insert("default".into(), shown);
    Json::Object(schema)
}
