//! `planlint audit`: the across-plans rule, the three formats agreeing on
//! the numbers, a self-contained HTML page, atomic output, and (when
//! Chromium is installed) the page rendered in a real browser.

mod common;

use std::path::Path;
use std::process::Command;

use common::{crate_dir, file_names, lint_options, planlint, planlint_with_env};
use planlint::audit::{self, Audit};
use planlint::files::{collect_inputs, WalkOptions};
use planlint::report::audit::AuditFormat;
use planlint::rules::RuleSet;

/// The audit of the plans under `paths`, with their parts written for `format`.
fn audit_in(format: AuditFormat, paths: &[&Path]) -> Audit {
    let rules = std::sync::Arc::new(RuleSet::builtin());
    let paths: Vec<_> = paths.iter().map(|path| path.to_path_buf()).collect();
    let inputs = collect_inputs(&paths, None, WalkOptions::default())
        .unwrap()
        .inputs;
    let auditor = planlint::report::audit::auditor(format).unwrap();
    audit::collect(&inputs, |_| rules.clone(), &lint_options(), || {}, &auditor);
    auditor.finish(&rules).unwrap()
}

fn audit_of(paths: &[&Path]) -> Audit {
    audit_in(AuditFormat::Json, paths)
}

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/overbooked-across-plans"
);

#[test]
fn a_person_booked_beyond_capacity_across_two_plans_is_flagged_naming_both() {
    let audit = audit_of(&[&Path::new(FIXTURES).join("flagged")]);
    assert_eq!(audit.overbooked_across_plans.len(), 1);
    let booking = &audit.overbooked_across_plans[0];
    assert_eq!(booking.person, "maria");
    assert_eq!(booking.quarter.to_string(), "Q1 2027");
    let message = &booking.message;
    assert!(
        message.contains("45 person-days in Q1 2027 across 2 plans"),
        "{message}"
    );
    assert!(
        message.contains("flagged/emea.plan") && message.contains("flagged/partners.plan"),
        "{message}"
    );
    assert!(message.ends_with("but has 30"), "{message}");
    let tactics: Vec<&str> = booking
        .contributions
        .iter()
        .map(|c| c.tactic.as_str())
        .collect();
    assert_eq!(tactics, ["webinars", "training"]);
    assert_eq!(
        audit.counts.warnings, 1,
        "the across-plans finding counts in the totals"
    );
}

#[test]
fn work_spread_over_quarters_across_plans_is_not_flagged() {
    let audit = audit_of(&[&Path::new(FIXTURES).join("clean")]);
    assert!(
        audit.overbooked_across_plans.is_empty(),
        "{:?}",
        audit.overbooked_across_plans
    );
}

/// The rule's own `bad` and `good` examples, split into their plans.
#[test]
fn across_plans_rule_docs_examples_hold() {
    let rules = RuleSet::builtin();
    let rule = &rules.get("overbooked-across-plans").unwrap().file;
    let docs = rule.docs();
    for (example, should_fire) in [(&docs.bad, true), (&docs.good, false)] {
        let dir = tempfile::tempdir().unwrap();
        for (index, plan) in example
            .split("# plans/")
            .filter(|part| !part.trim().is_empty())
            .enumerate()
        {
            let body = plan.split_once('\n').map_or(plan, |(_, rest)| rest);
            std::fs::write(dir.path().join(format!("plan-{index}.plan")), body).unwrap();
        }
        let audit = audit_of(&[dir.path()]);
        assert_eq!(audit.files, 2);
        assert_eq!(
            !audit.overbooked_across_plans.is_empty(),
            should_fire,
            "{example}"
        );
    }
}

#[test]
fn html_markdown_and_json_report_the_same_numbers() {
    let root = crate_dir();
    let dir = tempfile::tempdir().unwrap();
    let mut reports = Vec::new();
    for format in ["html", "markdown", "json"] {
        let out = dir.path().join(format!("report.{format}"));
        let output = planlint(
            root,
            &[
                "audit",
                "--today",
                "2027-01-15",
                "--format",
                format,
                "-o",
                out.to_str().unwrap(),
                "examples",
                "fixtures/overbooked-across-plans/flagged",
            ],
        );
        assert_eq!(output.status, 0, "{}", output.stderr);
        reports.push(std::fs::read_to_string(out).unwrap());
    }
    let json: serde_json::Value = serde_json::from_str(&reports[2]).unwrap();
    let headline = &json["headline"];
    assert_eq!(json["schema"], 1);
    // The model's values as `report::values` writes them: quarters as in
    // plans, exact numbers as numbers, a period as its first and last.
    let activities = json["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|plan| {
            plan["path"]
                .as_str()
                .unwrap()
                .ends_with("activity-list-2027.plan")
        })
        .unwrap();
    assert_eq!(activities["load"]["2027-Q1"], 55.0);
    assert_eq!(activities["capacity"], 50.0);
    assert_eq!(
        activities["period"],
        serde_json::json!({"first": "2027-Q1", "last": "2027-Q4"})
    );
    assert_eq!(headline["plans"], 4);
    let errors = headline["errors"].as_u64().unwrap();
    let warnings = headline["warnings"].as_u64().unwrap();
    let random = headline["random_acts"].as_u64().unwrap();
    let tactics = headline["tactics"].as_u64().unwrap();
    // One of the warnings is the complete plan's waiver that missing-kpi's
    // exemption of justified foundational work made redundant (see
    // STALE_SPEC_WAIVER in tests/examples.rs).
    assert_eq!((errors, warnings, random, tactics), (10, 9, 3, 10));
    let markdown = &reports[1];
    assert!(
        markdown.contains("- 10 errors, 9 warnings, 1 info"),
        "{markdown}"
    );
    assert!(markdown.contains("**3 of 10** tactics are random acts of marketing (30.0%)"));
    let html = &reports[0];
    assert!(html.contains("<div class=\"tile error\"><b>10</b>errors</div>"));
    assert!(html.contains("<div class=\"tile warning\"><b>9</b>warnings</div>"));
    assert!(html.contains("3 of 10 (30.0%)"));
    // Scores agree, worst first, and every plan links to its section.
    let scores: Vec<u64> = json["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|plan| plan["score"].as_u64().unwrap())
        .collect();
    let mut sorted = scores.clone();
    sorted.sort();
    assert_eq!(scores, sorted);
    for index in 0..4 {
        assert!(
            html.contains(&format!("href=\"#plan-{index}\""))
                && html.contains(&format!("id=\"plan-{index}\""))
        );
        assert!(markdown.contains(&format!("(#plan-{index})")));
    }
    assert!(
        markdown.contains("`overbooked-across-plans`: @maria is booked 45 person-days in Q1 2027")
    );
    assert!(
        html.contains("overbooked-across-plans</code>: @maria is booked 45 person-days in Q1 2027")
    );
}

#[test]
fn html_is_self_contained() {
    let audit = audit_in(AuditFormat::Html, &[&crate_dir().join("examples")]);
    let html = planlint::report::audit::render(AuditFormat::Html, &audit).unwrap();
    let without_namespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    for external in ["http://", "https://", "<script", "<link", "@import", "url("] {
        assert!(
            !without_namespace.contains(external),
            "the report must not load {external}"
        );
    }
    assert!(
        html.matches("<svg").count() >= 2,
        "a chart for the audit and one per plan with work"
    );
    assert!(html.contains("Q1 2027") && html.contains("scheduled") && html.contains("capacity"));
    assert!(html.contains("@media print"));
}

#[test]
fn output_files_are_not_overwritten_without_force() {
    let root = crate_dir();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("audit.md");
    std::fs::write(&out, "keep me").unwrap();
    let refused = planlint(
        root,
        &[
            "audit",
            "--format",
            "markdown",
            "-o",
            out.to_str().unwrap(),
            "examples",
        ],
    );
    assert_eq!(refused.status, 2);
    assert!(refused.stderr.contains("--force"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    let forced = planlint(
        root,
        &[
            "audit",
            "--format",
            "markdown",
            "--force",
            "-o",
            out.to_str().unwrap(),
            "examples",
        ],
    );
    assert_eq!(forced.status, 0);
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .starts_with("# Marketing plan audit"));
    let leftovers = file_names(dir.path());
    assert_eq!(
        leftovers.len(),
        1,
        "no temporary file left behind: {leftovers:?}"
    );
}

#[test]
fn markdown_report_of_the_examples() {
    let audit = audit_in(
        AuditFormat::Markdown,
        &[
            Path::new("examples"),
            Path::new("fixtures/overbooked-across-plans/flagged"),
        ],
    );
    let markdown = planlint::report::audit::render(AuditFormat::Markdown, &audit).unwrap();
    insta::assert_snapshot!(markdown);
}

/// Renders the HTML report in headless Chromium and checks the charts and
/// the per-plan sections are in the DOM it builds. Skipped when Chromium is
/// not installed, unless PLANLINT_REQUIRE_CHROMIUM is set (as in CI).
#[test]
fn html_report_renders_in_chromium() {
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|path| Path::new(path).exists());
    let Some(chromium) = chromium else {
        assert!(
            std::env::var_os("PLANLINT_REQUIRE_CHROMIUM").is_none(),
            "PLANLINT_REQUIRE_CHROMIUM is set but Chromium is not installed"
        );
        eprintln!("Chromium not installed: skipping the browser test");
        return;
    };
    let root = crate_dir();
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("audit.html");
    let output = planlint(
        root,
        &[
            "audit",
            "-o",
            report.to_str().unwrap(),
            "examples",
            "fixtures/overbooked-across-plans/flagged",
        ],
    );
    assert_eq!(output.status, 0);
    let profile = dir.path().join("profile");
    let rendered = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            &format!("--user-data-dir={}", profile.display()),
            "--dump-dom",
            &format!("file://{}", report.display()),
        ])
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&rendered.stdout);
    assert!(dom.contains("<svg"), "the charts are in the rendered page");
    assert!(dom.contains("class=\"scheduled"), "bars are drawn");
    for index in 0..4 {
        assert!(
            dom.contains(&format!("id=\"plan-{index}\"")),
            "plan section {index} rendered"
        );
    }
    assert!(dom.contains("People booked across plans"));
}

#[test]
fn legacy_plans_are_imported_on_the_fly_with_the_same_numbers_in_every_format() {
    let root = crate_dir();
    let mut outputs = Vec::new();
    for format in ["json", "markdown", "html"] {
        let output = planlint(
            root,
            &[
                "audit",
                "--import",
                "--today",
                "2027-01-15",
                "--format",
                format,
                "examples",
                "fixtures/import",
            ],
        );
        assert_eq!(output.status, 0, "{}", output.stderr);
        outputs.push(output.stdout);
    }
    let json: serde_json::Value = serde_json::from_str(&outputs[0]).unwrap();
    let plan_of = |path: &str| {
        json["plans"]
            .as_array()
            .unwrap()
            .iter()
            .find(|plan| plan["path"] == path)
            .unwrap_or_else(|| panic!("{path} audited"))
            .clone()
    };
    // `fixtures/import/promo/.planlint.yaml` maps `campaign_id` to the title:
    // the promotions plan is imported with no flag.
    let promo = plan_of("fixtures/import/promo/campaign_plan.csv");
    assert_eq!(promo["tactics"], 5);
    assert_eq!(promo["by_rule"]["unreadable-file"], serde_json::Value::Null);
    // Imported columns are `x-` keys: no unknown-attribute noise anywhere.
    assert_eq!(
        json["by_rule"]["unknown-attribute"],
        serde_json::Value::Null
    );
    // Findings on imported plans point at the spreadsheet's cells.
    let csv_findings = plan_of("fixtures/import/field-marketing-2027.csv")["top_findings"].clone();
    let quarter = csv_findings
        .as_array()
        .unwrap()
        .iter()
        .find(|finding| {
            finding["source_line"]
                .as_str()
                .unwrap()
                .contains("when: \"Q5\"")
        })
        .expect("the Q5 cell is a top finding");
    assert_eq!(
        quarter["cell"],
        serde_json::json!({"sheet": null, "row": 5, "column": "C", "header": "Quarter"})
    );
    assert!(
        outputs[1].contains("- row 5, column C (\"Quarter\"): **error** `invalid-value`"),
        "markdown shows the cell"
    );
    assert!(
        outputs[2].contains("row 5, column C (&quot;Quarter&quot;): "),
        "html shows the cell"
    );
    let workbook =
        plan_of("fixtures/import/emea-field-plan-2027.xlsx (emea-field-plan-2027: Nordics)");
    let budget = workbook["top_findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|finding| finding["cell"]["header"] == "Budget")
        .expect("the Nordics budget cell is a top finding");
    assert_eq!(budget["cell"]["sheet"], "Nordics");
    assert_eq!(budget["cell"]["row"], 4);
    // Plan files keep their lines.
    assert!(plan_of("examples/fy27-emea-demand-gen.plan")["top_findings"][0]["cell"].is_null());
    // The month grid: one tactic per filled cell.
    assert_eq!(
        plan_of("fixtures/import/content-grid-2027.csv")["tactics"],
        10
    );
    let paths: Vec<&str> = json["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|plan| plan["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 15, "{paths:?}");
    for legacy in [
        "field-marketing-2027.csv",
        "emea-field-plan-2027.xlsx",
        "brand-content-export.yaml",
    ] {
        assert!(
            paths.iter().any(|path| path.contains(legacy)),
            "{legacy} audited: {paths:?}"
        );
    }
    // The activity list without objectives is flagged as such once imported.
    let csv = json["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|plan| plan["path"] == "fixtures/import/field-marketing-2027.csv")
        .unwrap();
    assert_eq!(csv["random_acts"]["unaligned"], csv["tactics"]);
    let headline = &json["headline"];
    let summary = format!(
        "- {} errors, {} warnings, {} infos",
        headline["errors"], headline["warnings"], headline["infos"]
    );
    assert!(outputs[1].contains(&summary), "markdown has {summary}");
    assert!(outputs[2].contains(&format!("<b>{}</b>errors", headline["errors"])));
    // Worst first: points lost never increase down the list.
    let lost: Vec<u64> = json["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|plan| plan["points_lost"].as_u64().unwrap())
        .collect();
    assert!(lost.windows(2).all(|pair| pair[0] >= pair[1]), "{lost:?}");
}

#[test]
fn audit_import_takes_import_options_configuration_and_exclude() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let csv = "Topic,Writer,Publish Date\nSpring launch,Ana,26/3/27\nWebinar,Ana,1/4/27\n";
    common::write(root, "legacy/calendar.csv", csv);
    common::write(root, "legacy/team.csv", "Person,Capacity\nAna,20\n");
    common::write(root, "legacy/archive/old.csv", "Person,Capacity\nAna,20\n");
    common::write(root, ".planlint.yaml", "exclude:\n  - legacy/archive/**\n");
    let paths = |json: &serde_json::Value| -> Vec<String> {
        json["plans"]
            .as_array()
            .unwrap()
            .iter()
            .map(|plan| plan["path"].as_str().unwrap().to_string())
            .collect()
    };
    // A file that cannot be imported is a finding of that file, and the
    // audit's status is 1; the excluded file is not even read.
    let output = planlint(
        root,
        &[
            "audit",
            "--import",
            "--today",
            "2027-01-15",
            "--format",
            "json",
            "legacy",
        ],
    );
    assert_eq!(output.status, 1, "{}", output.stderr);
    assert!(
        output
            .stderr
            .contains("1 legacy file could not be imported"),
        "{}",
        output.stderr
    );
    let json: serde_json::Value = serde_json::from_str(&output.stdout).unwrap();
    assert_eq!(paths(&json), ["legacy/calendar.csv", "legacy/team.csv"]);
    let team = &json["plans"][1];
    assert_eq!(team["by_rule"]["unreadable-file"], 1);
    let message = team["top_findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("--map 'Person=title'"), "{message}");

    // The command line's --map makes it importable.
    let output = planlint(
        root,
        &[
            "audit",
            "--import",
            "--today",
            "2027-01-15",
            "--format",
            "json",
            "--map",
            "Person=title",
            "legacy",
        ],
    );
    assert_eq!(output.status, 0, "{}", output.stderr);

    // So does an `import:` section, which also takes the date order.
    common::write(
        root,
        ".planlint.yaml",
        "exclude:\n  - legacy/archive/**\nimport:\n  map:\n    Person: title\n  date-order: mdy\n",
    );
    let output = planlint(
        root,
        &[
            "audit",
            "--import",
            "--today",
            "2027-01-15",
            "--format",
            "json",
            "legacy",
        ],
    );
    // Month-first, `1/4/27` is the 4th of January (day-first, as `26/3/27`
    // proves without the setting, it is the 1st of April).
    assert_eq!(output.status, 0, "{}", output.stderr);
    let json: serde_json::Value = serde_json::from_str(&output.stdout).unwrap();
    assert_eq!(
        json["plans"][0]["by_quarter"]["2027-Q2"],
        serde_json::Value::Null,
        "{}",
        output.stdout
    );
    common::write(
        root,
        ".planlint.yaml",
        "import:\n  map:\n    Person: title\n",
    );
    let output = planlint(
        root,
        &[
            "audit",
            "--import",
            "--today",
            "2027-01-15",
            "--format",
            "json",
            "legacy",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&output.stdout).unwrap();
    assert!(
        json["plans"][0]["by_quarter"]["2027-Q2"].as_u64().is_some(),
        "{}",
        output.stdout
    );

    // A mistake in the section is an error at its line.
    common::write(root, ".planlint.yaml", "import:\n  date-order: sideways\n");
    let output = planlint(root, &["audit", "--import", "legacy"]);
    assert_eq!(output.status, 2);
    assert!(output.stderr.contains("date-order"), "{}", output.stderr);
    common::write(root, ".planlint.yaml", "import:\n  maps: {}\n");
    let output = planlint(root, &["audit", "--import", "legacy"]);
    assert_eq!(output.status, 2);
    assert!(
        output.stderr.contains("unknown import setting `maps`"),
        "{}",
        output.stderr
    );
}

#[test]
fn the_report_reads_for_a_head_of_marketing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::write(
        root,
        "plans/q1.plan",
        "plan \"Q1 *launch* <b>[draft]</b>\" {\n  tactic a \"A\" { owner: @ana }\n  tactic b \"B\" { owner: @ana }\n}\n",
    );
    // -o report.md picks Markdown from the extension; the summary counts
    // infos and says "1 plan".
    let output = planlint(
        root,
        &["audit", "--today", "2027-01-15", "plans", "-o", "report.md"],
    );
    assert_eq!(output.status, 0, "{}", output.stderr);
    assert!(
        output.stderr.starts_with("Audited 1 plan: "),
        "{}",
        output.stderr
    );
    assert!(output.stderr.contains(" info"), "{}", output.stderr);
    let report = std::fs::read_to_string(root.join("report.md")).unwrap();
    assert!(report.starts_with("# Marketing plan audit"), "{report}");
    assert!(report.contains("- **1 plan**"), "{report}");
    // Rules in plain words with their id; repeated findings grouped.
    assert!(
        report.contains("| An objective or tactic has no KPI. (`missing-kpi`) | 2 | 1 |"),
        "{report}"
    );
    assert!(
        report
            .contains("- **error** 2 findings: `missing-kpi` (An objective or tactic has no KPI.)"),
        "{report}"
    );
    // What a title would render as is escaped; code spans stay code.
    assert!(
        report.contains("plan \"Q1 \\*launch\\* \\<b\\>\\[draft\\]\\</b\\>\" has no owner"),
        "{report}"
    );
    assert!(report.contains("tactic `a` has no KPI"), "{report}");
    // The HTML renders code spans as code.
    let output = planlint(
        root,
        &[
            "audit",
            "--today",
            "2027-01-15",
            "plans",
            "-o",
            "report.html",
        ],
    );
    assert_eq!(output.status, 0, "{}", output.stderr);
    let html = std::fs::read_to_string(root.join("report.html")).unwrap();
    assert!(html.contains("tactic <code>a</code> has no KPI"), "{html}");
    // A format the file name contradicts is refused, nothing written.
    let output = planlint(
        root,
        &["audit", "plans", "--format", "html", "-o", "other.md"],
    );
    assert_eq!(output.status, 2);
    assert!(
        output
            .stderr
            .contains("names a Markdown file but --format asks for HTML"),
        "{}",
        output.stderr
    );
    assert!(!root.join("other.md").exists());
}

#[test]
fn audit_import_reads_legacy_files_with_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::write(root, "legacy/plan.csv", "Activity\nWebinar\n");
    // A sparse file just over the limit: no disk space, but too large.
    let huge = std::fs::File::create(root.join("legacy/huge.csv")).unwrap();
    huge.set_len(planlint::files::MAX_FILE_SIZE + 1).unwrap();
    let output = planlint(root, &["audit", "--import", "--format", "json", "legacy"]);
    assert_eq!(output.status, 1, "{}", output.stderr);
    let json: serde_json::Value = serde_json::from_str(&output.stdout).unwrap();
    let huge = json["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|plan| plan["path"] == "legacy/huge.csv")
        .unwrap();
    let message = huge["top_findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("larger than 256 MiB"), "{message}");
}

/// The plans' parts of the report wait in a temporary file: without a
/// usable one the audit stops with a message saying where it looked and
/// what to do, and writes nothing.
#[test]
fn an_audit_without_a_temporary_directory_says_so_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    let missing = dir.path().join("no-such-directory");
    let output = planlint_with_env(
        crate_dir(),
        &["audit", "-o", out.to_str().unwrap(), "examples"],
        &[("TMPDIR", missing.to_str().unwrap())],
    );
    assert_eq!(output.status, 2, "{}", output.stderr);
    assert!(
        output.stderr.contains("temporary file") && output.stderr.contains("TMPDIR"),
        "{}",
        output.stderr
    );
    assert!(!out.exists());
}

/// A plan of `tactics` tactics, each booking @maria for `effort` days in
/// Q1 2027; her team declares a capacity of 30 days.
fn maria_plan(name: &str, tactics: &[(&str, u32)]) -> String {
    let mut plan = format!(
        "plan \"{name}\" {{\n  owner: @maria\n  period: 2027-Q1..2027-Q4\n  challenge: \"Grow\"\n  \
         strategy growth \"Grow\"\n  team {{\n    member @maria {{ capacity: 30d }}\n  }}\n  \
         objective pipeline \"Pipeline\" {{\n    owner: @maria\n    supports: growth\n    \
         kpi opportunities {{ stage: engagement  target: 120  due: 2027-Q4  source: crm }}\n  }}\n"
    );
    for (id, effort) in tactics {
        plan.push_str(&format!(
            "  tactic {id} \"Tactic {id}\" {{\n    owner: @maria\n    supports: pipeline\n    \
             audience: \"IT directors\"\n    when: 2027-Q1\n    effort: {effort}d\n    \
             kpi k {{ stage: engagement  target: 10  due: 2027-Q1  source: crm }}\n  }}\n"
        ));
    }
    plan.push_str("}\n");
    plan
}

/// A person booked by many tactics of many plans: the audit lists the ten
/// largest contributions, counts the others with their effort, and the
/// message counts every plan and names those listed. It keeps no more of
/// the bookings than that (an audit of 20,000 plans sharing 200 people
/// held 470 MB of them; README, Speed).
#[test]
fn a_booking_of_many_plans_lists_its_ten_largest_contributions_and_counts_the_others() {
    let dir = tempfile::tempdir().unwrap();
    for plan in 0..12u32 {
        let tactics: Vec<(String, u32)> = (0..2)
            .map(|t| (format!("t{t}"), 1 + plan * 2 + t))
            .collect();
        let tactics: Vec<(&str, u32)> = tactics.iter().map(|(id, e)| (id.as_str(), *e)).collect();
        common::write(
            dir.path(),
            &format!("plan-{plan:02}.plan"),
            &maria_plan(&format!("Plan {plan}"), &tactics),
        );
    }
    let audit = audit_of(&[dir.path()]);
    assert_eq!(audit.overbooked_across_plans.len(), 1);
    let booking = &audit.overbooked_across_plans[0];
    // Efforts 1..=24 days: 300 in all; the ten largest are 15..=24 (195).
    assert_eq!(booking.booked.to_string(), "300");
    let listed: Vec<String> = booking
        .contributions
        .iter()
        .map(|c| c.effort.to_string())
        .collect();
    assert_eq!(
        listed,
        ["15", "16", "17", "18", "19", "20", "21", "22", "23", "24"]
    );
    let not_listed = booking.not_listed.expect("14 contributions are not listed");
    assert_eq!(not_listed.contributions, 14);
    assert_eq!(not_listed.effort.to_string(), "105");
    assert!(
        booking.message.contains("across 12 plans ("),
        "{}",
        booking.message
    );
    assert!(
        booking
            .message
            .contains("plan-11.plan and 7 more) but has 30"),
        "{}",
        booking.message
    );
    let markdown = planlint::report::audit::render(
        AuditFormat::Markdown,
        &audit_in(AuditFormat::Markdown, &[dir.path()]),
    )
    .unwrap();
    assert!(
        markdown.contains("  - and 14 more tactics, 105 person-days in all\n"),
        "{markdown}"
    );
}
