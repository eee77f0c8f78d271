//! The `sarif` format: SARIF 2.1.0 (the OASIS standard that GitHub code
//! scanning and many CI dashboards read), one run, every rule of the run in
//! `tool.driver.rules` with its summary, its rationale and its examples, so
//! that a code-scanning alert can explain itself.
//!
//! Checked against Microsoft's SARIF Multitool (`.ci/run`): no errors and no
//! warnings. That validator wants every message to be a sentence ending with
//! a period, a tool version and an information URI, which is why messages get
//! a full stop here that the other formats do not add.

use serde::Serialize;

use super::json::json_records;
use crate::diagnostics::{FileReport, Severity};
use crate::rules::RuleFile;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

pub fn render(reports: &[FileReport], rules: &[&RuleFile]) -> String {
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "planlint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_HOMEPAGE"),
                    rules: rules.iter().map(|rule| describe(rule)).collect(),
                },
            },
            // planlint counts columns in characters, not UTF-16 code units
            // (SARIF's default), so say so.
            column_kind: "unicodeCodePoints",
            results: results(reports, rules),
        }],
    };
    let mut out = serde_json::to_string_pretty(&log).expect("a SARIF log serializes to JSON");
    out.push('\n');
    out
}

fn results(reports: &[FileReport], rules: &[&RuleFile]) -> Vec<SarifResult> {
    json_records(reports)
        .into_iter()
        .map(|record| {
            let mut text = sentence(&record.message);
            if let Some(help) = &record.help {
                text.push(' ');
                text.push_str(&sentence(help));
            }
            SarifResult {
                rule_index: rules.iter().position(|rule| rule.id == record.rule),
                rule_id: record.rule,
                level: level(severity_named(record.severity)),
                message: Message { text },
                locations: [Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation {
                            uri: file_uri(&record.file),
                        },
                        region: Region {
                            start_line: record.line,
                            start_column: record.column,
                            end_line: record.end_line,
                            end_column: record.end_column,
                        },
                    },
                }],
            }
        })
        .collect()
}

/// A rule's metadata: the summary as the short description, the rationale as
/// the full one, and a help page made of the rationale, what to do, and the
/// rule's bad and good examples.
fn describe(rule: &RuleFile) -> ReportingDescriptor {
    let docs = rule.docs();
    let why = paragraphs(&docs.why);
    // A help template with placeholders (`{fix}`) only makes sense for one
    // finding; those results carry their own help in the message.
    let advice = rule
        .wordings()
        .help
        .as_deref()
        .filter(|help| !help.contains('{'))
        .map(sentence);
    let mut text = why.clone();
    let mut markdown = why.clone();
    if let Some(advice) = &advice {
        text.push_str(&format!("\n\nWhat to do: {advice}"));
        markdown.push_str(&format!("\n\n**What to do:** {advice}"));
    }
    for (heading, example) in [
        ("A plan this rule flags", &docs.bad),
        ("The same plan, fixed", &docs.good),
    ] {
        let example = example.trim_end();
        text.push_str(&format!("\n\n{heading}:\n\n{example}"));
        markdown.push_str(&format!("\n\n**{heading}:**\n\n```\n{example}\n```"));
    }
    ReportingDescriptor {
        id: rule.id.clone(),
        name: friendly_name(&rule.id),
        short_description: Message {
            text: sentence(&rule.summary),
        },
        full_description: Message { text: why },
        help: MultiformatMessage { text, markdown },
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: rule.preview.then_some(RuleProperties {
            preview: true,
            tags: ["preview"],
        }),
    }
}

/// SARIF's "friendly name" of a rule: its id in Pascal case
/// (`missing-kpi` → `MissingKpi`).
fn friendly_name(id: &str) -> String {
    id.split(['-', '_'])
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect()
}

/// Joins the hard-wrapped lines of each paragraph, so that viewers can wrap
/// the text themselves.
fn paragraphs(text: &str) -> String {
    text.trim()
        .split("\n\n")
        .map(|paragraph| {
            paragraph
                .lines()
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The text as a sentence ending with a period (SARIF's convention).
fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '!', '?']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

fn severity_named(name: &str) -> Severity {
    match name {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        _ => Severity::Info,
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a URI reference: relative paths stay relative (to the directory
/// planlint ran in, which code scanning takes as the repository root), an
/// absolute path becomes a `file://` URI. Characters that URIs reserve are
/// percent-encoded.
fn file_uri(path: &str) -> String {
    let mut uri = String::with_capacity(path.len() + 8);
    if path.starts_with('/') {
        uri.push_str("file://");
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(byte as char)
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'a str,
    version: &'a str,
    semantic_version: &'a str,
    information_uri: &'a str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: String,
    name: String,
    short_description: Message,
    full_description: Message,
    help: MultiformatMessage,
    default_configuration: Configuration,
    /// For a preview rule only: `preview: true`, and the tag SARIF viewers
    /// filter on.
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<RuleProperties>,
}

#[derive(Serialize)]
struct RuleProperties {
    preview: bool,
    tags: [&'static str; 1],
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
struct MultiformatMessage {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message,
    locations: [Location; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded_and_absolute_paths_are_file_uris() {
        assert_eq!(file_uri("plans/q1 plan.plan"), "plans/q1%20plan.plan");
        assert_eq!(file_uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(file_uri("/tmp/a.plan"), "file:///tmp/a.plan");
        assert_eq!(file_uri("été.plan"), "%C3%A9t%C3%A9.plan");
    }

    #[test]
    fn friendly_names_are_pascal_case() {
        assert_eq!(
            friendly_name("over-capacity-quarter"),
            "OverCapacityQuarter"
        );
        assert_eq!(friendly_name("x"), "X");
    }

    #[test]
    fn messages_become_sentences() {
        assert_eq!(sentence("no KPI"), "no KPI.");
        assert_eq!(sentence("Add one. "), "Add one.");
        assert_eq!(sentence("Really?"), "Really?");
    }

    #[test]
    fn wrapped_paragraphs_are_joined() {
        assert_eq!(paragraphs("a\nb\n\nc\n"), "a b\n\nc");
    }
}
