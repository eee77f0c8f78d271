//! Lints any bytes as a plan and renders the result in every format: the
//! five `check` formats, statistics, the expectations comparison of
//! `planlint test`, and an audit (its facts, then HTML, Markdown, JSON).
//! No input may panic, and the outputs keep their promises: JSON and SARIF
//! parse, and the formats meant for a terminal carry no control character.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planlint::audit;
use planlint::lint::lint_bytes;
use planlint::model::Date;
use planlint::report::audit::AuditFormat;
use planlint::report::{self, Format, HumanStyle, RenderContext};
use planlint::rules::{LintOptions, RuleSet};
use planlint::files::Input;

fuzz_target!(|data: &[u8]| {
    let rules = builtin_rules();
    let options = LintOptions {
        today: Date::from_ymd(2027, 1, 15).expect("a real date"),
    };
    let report = lint_bytes("fuzz.plan".into(), Ok(data.to_vec()), rules, &options);
    let reports = [report];
    // SARIF describes the rules of the run; describing only those that
    // fired keeps an input's cost to what it exercises.
    let catalog: Vec<_> = rules
        .rules()
        .iter()
        .map(|rule| &rule.file)
        .filter(|file| {
            reports[0]
                .findings
                .iter()
                .any(|finding| finding.rule == file.id)
        })
        .collect();
    let context = RenderContext {
        style: HumanStyle {
            color: data.first().is_some_and(|byte| byte & 1 == 1),
            width: 80,
        },
        rules: catalog.clone(),
    };
    for format in [
        Format::Human,
        Format::Compact,
        Format::Json,
        Format::Sarif,
        Format::Github,
    ] {
        let out = report::render(format, &reports, &context);
        match format {
            Format::Json | Format::Sarif => {
                serde_json::from_str::<serde_json::Value>(&out).expect("valid JSON");
            }
            Format::Human if context.style.color => {}
            _ => assert_no_control_characters(format, &out),
        }
        if matches!(format, Format::Human | Format::Json) {
            let _ = report::render_statistics(format, &reports, &catalog);
        }
    }
    let _ = planlint::expectations::compare(&reports[0]);

    let text = String::from_utf8_lossy(data).into_owned();
    let input = Input::Imported {
        name: "fuzz.plan".into(),
        origin: "fuzz.plan".into(),
        text: Ok(text),
        places: Vec::new(),
    };
    let facts = audit::facts_of(&input, rules, &options);
    for format in [AuditFormat::Html, AuditFormat::Markdown, AuditFormat::Json] {
        let auditor = report::audit::auditor(format).expect("a temporary file");
        auditor.add(0, facts.clone());
        auditor.add(1, facts.clone());
        let audit = auditor.finish(rules).expect("the spill reads back");
        let out = report::audit::render(format, &audit).expect("the report renders");
        match format {
            AuditFormat::Json => {
                serde_json::from_str::<serde_json::Value>(&out).expect("valid JSON");
            }
            _ => assert_no_control_characters_in_audit(&out),
        }
    }
});

/// Text for a terminal: lines, and nothing that moves the cursor or
/// changes colours (an escape, a NUL, a carriage return, a backspace);
/// tabs are layout.
fn assert_no_control_characters(format: Format, out: &str) {
    if let Some(c) = out
        .chars()
        .find(|&c| c.is_control() && c != '\n' && c != '\t')
    {
        panic!("{format:?} output has the control character {c:?}:\n{out}");
    }
}

fn assert_no_control_characters_in_audit(out: &str) {
    if let Some(c) = out
        .chars()
        .find(|&c| c.is_control() && c != '\n' && c != '\t')
    {
        panic!("the audit report has the control character {c:?}:\n{out}");
    }
}

/// The built-in rules, compiled once for the whole run (not per input).
fn builtin_rules() -> &'static RuleSet {
    static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
    RULES.get_or_init(RuleSet::builtin)
}
