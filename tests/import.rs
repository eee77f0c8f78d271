//! `planlint import`: the legacy-plan fixtures under `fixtures/import/`
//! become plans that parse, whose findings are the plans' real problems,
//! with the same ids on every run; the command writes safely.
//!
//! `fixtures/import/emea-field-plan-2027.xlsx` is made by
//! [`emea_workbook`] (rust_xlsxwriter); `UPDATE_FIXTURES=1 cargo test --test
//! import` rewrites it, and a test checks that it still holds what the
//! code says.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{crate_dir, file_names, lint_options, planlint};
use planlint::diagnostics::FileReport;
use planlint::import::{self, command::summary_text, ImportOptions, ImportedPlan};
use planlint::rules::RuleSet;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Formula, Workbook};

const CSV: &str = "fixtures/import/field-marketing-2027.csv";
const XLSX: &str = "fixtures/import/emea-field-plan-2027.xlsx";
const YAML: &str = "fixtures/import/brand-content-export.yaml";

fn import_fixture(path: &str) -> Vec<ImportedPlan> {
    let bytes = std::fs::read(crate_dir().join(path)).unwrap();
    import::import_bytes(path, &bytes, &ImportOptions::default()).unwrap()
}

fn lint(plan: &ImportedPlan) -> FileReport {
    planlint::lint::lint_bytes(
        format!("{}.plan", plan.file_stem),
        Ok(plan.text.clone().into_bytes()),
        &RuleSet::builtin(),
        &lint_options(),
    )
}

/// Findings by rule id.
fn counts(report: &FileReport) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for finding in &report.findings {
        *counts.entry(finding.rule.to_string()).or_default() += 1;
    }
    counts
}

/// The line of each finding of a rule, as text.
fn lines_of(report: &FileReport, rule: &str) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|finding| finding.rule == rule)
        .map(|finding| {
            let line = report.source.line(finding.primary.span.start);
            report.source.line_text(line).trim().to_string()
        })
        .collect()
}

/// Every generated plan parses with planlint's own parser, and each cell
/// kept as text is exactly one `invalid-value` finding.
fn assert_parses_and_shows_bad_cells(plan: &ImportedPlan) -> FileReport {
    if let Err(error) = planlint::syntax::parse(&plan.text) {
        panic!(
            "{} does not parse: {error:?}\n{}",
            plan.file_stem, plan.text
        );
    }
    let report = lint(plan);
    let counts = counts(&report);
    assert!(!counts.contains_key("syntax-error"), "{counts:?}");
    assert_eq!(
        counts.get("invalid-value").copied().unwrap_or(0),
        plan.summary.unreadable_cells,
        "{}: one invalid-value finding per cell kept as text\n{}",
        plan.file_stem,
        plan.text
    );
    report
}

fn snapshot(name: &str, input: &str, plan: &ImportedPlan) {
    insta::assert_snapshot!(format!("{name}_plan"), plan.text);
    insta::assert_snapshot!(
        format!("{name}_summary"),
        summary_text(input, "stdout", plan)
    );
}

#[test]
fn csv_activity_list() {
    let plans = import_fixture(CSV);
    assert_eq!(plans.len(), 1);
    let plan = &plans[0];
    snapshot("csv", CSV, plan);
    let report = assert_parses_and_shows_bad_cells(plan);
    let counts = counts(&report);
    // An activity list with no objectives: no plan owner, and not one
    // tactic serves an objective: one finding at the plan's header, with
    // every tactic labelled.
    assert_eq!(counts.get("unowned-plan"), Some(&1));
    assert_eq!(counts.get("unaligned-tactic"), Some(&1));
    let unaligned = report
        .findings
        .iter()
        .find(|finding| finding.rule == "unaligned-tactic")
        .unwrap();
    assert_eq!(unaligned.secondary.len(), plan.summary.tactics);
    assert_eq!(plan.summary.objectives, 0);
    assert_eq!(
        lines_of(&report, "missing-kpi"),
        [
            "tactic try-tiktok \"Try TikTok\" {   # row 7",
            "tactic webinar-follow-up-emails \"Webinar follow-up emails\" {   # row 9"
        ]
    );
    assert_eq!(
        lines_of(&report, "invalid-value"),
        [
            "target: \"lots\"",
            "when: \"Q5\"",
            "owner: \"Sam / Lee\"",
            "effort: \"lots\"",
            "budget: \"TBD\""
        ]
    );
    // Columns planlint does not know are `x-` keys: no unknown-attribute noise.
    assert_eq!(counts.get("unknown-attribute"), None);
}

/// Imports a fixture of `fixtures/import/` with no flags, snapshots its
/// plan and summary, and checks that it parses and shows its bad cells.
fn real_sheet(name: &str) -> (ImportedPlan, String, FileReport) {
    let path = format!("fixtures/import/{name}");
    let plans = import_fixture(&path);
    assert_eq!(plans.len(), 1, "{name}");
    let plan = plans.into_iter().next().unwrap();
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    snapshot(&stem.replace('-', "_"), &path, &plan);
    let report = assert_parses_and_shows_bad_cells(&plan);
    assert_eq!(counts(&report).get("unknown-attribute"), None, "{name}");
    let summary = summary_text(&path, "stdout", &plan);
    (plan, summary, report)
}

#[test]
fn weekly_calendar_with_sections_repeated_headers_and_crlf() {
    let (plan, summary, _) = real_sheet("weekly-blog-calendar.csv");
    // The title row above the header is a comment; rows are the
    // spreadsheet's although the file has CRLF line ends.
    assert!(plan.text.contains("# Sol & Masa - BLOG GUIDELINES"));
    assert!(plan
        .text
        .contains("\"Which Cheese Melts Best in a Quesadilla?\" {   # row 3"));
    assert!(
        summary.contains("1 section row left out, not activities: row 12 (\"Week 4\")"),
        "{summary}"
    );
    assert!(
        summary.contains("the header is repeated in row 9; left out"),
        "{summary}"
    );
    assert!(
        summary.contains("column N (\"Published date\"): dates read day-first"),
        "{summary}"
    );
    assert_eq!(plan.summary.tactics, 8);
    assert!(!plan.text.contains("\"Week 4\""));
    // `Intern` is the owner; `1/10/25` is read day-first because `26/9/25` is.
    assert!(plan.text.contains("owner: @ana"));
    assert!(plan.text.contains("when: 2025-Q4"));
    // Cells beyond the header are kept.
    assert!(plan.text.contains("x-column-o: \"Tomás\""), "{}", plan.text);
}

#[test]
fn german_plan_in_windows_1252_with_calendar_weeks() {
    let (plan, summary, _) = real_sheet("kampagnenplan-dach-2027.csv");
    assert!(plan.text.contains("plan \"Kampagnenplan DACH 2027\""));
    assert!(
        plan.text
            .contains("plan \"Kampagnenplan DACH 2027\" {\n  owner: @jurgen-weiss\n"),
        "{}",
        plan.text
    );
    // KW 12 of 2027 is in March; KW 45 in November.
    assert!(plan.text.contains("when: 2027-Q1"));
    assert!(plan.text.contains("when: 2027-Q4"));
    assert!(plan.text.contains("budget: 12500 EUR"));
    assert!(summary.contains(
        "warning: fixtures/import/kampagnenplan-dach-2027.csv, row 9, column F (\"Budget (EUR)\"): `ca. 20.000` is not an amount"
    ), "{summary}");
}

#[test]
fn spanish_and_french_headers() {
    let (plan, summary, _) = real_sheet("calendario-marketing-2027.csv");
    assert_eq!(plan.summary.tactics, 4);
    assert!(plan.text.contains("owner: @lucia-fernandez"));
    assert!(plan.text.contains("audience: \"Pymes de hostelería\""));
    // 01/06/2027 to 15/07/2027, day-first as 18/04/2027 proves.
    assert!(plan.text.contains("when: 2027-Q2..2027-Q3"));
    assert!(
        summary.contains("row 5, column G (\"Presupuesto (EUR)\"): `—` is not an amount"),
        "{summary}"
    );
    let (plan, _, _) = real_sheet("plan-actions-2027.csv");
    assert_eq!(plan.summary.tactics, 3);
    // T2: the second trimestre.
    assert!(plan.text.contains("when: 2027-Q2"));
    assert!(plan.text.contains("audience: \"DSI de PME\""));
}

#[test]
fn month_first_dates_and_month_names() {
    let (plan, summary, _) = real_sheet("us-content-calendar-2014.csv");
    assert!(
        summary.contains("column D (\"Published date\"): dates read month-first"),
        "{summary}"
    );
    // 07/01/14 is July (07/21/14 proves month-first); `Oct 3` takes the
    // file name's year.
    let whens: Vec<&str> = plan
        .text
        .lines()
        .filter(|line| line.contains("when:"))
        .map(str::trim)
        .collect();
    assert_eq!(
        whens,
        [
            "when: 2014-Q3",
            "when: 2014-Q3",
            "when: 2014-Q4",
            "when: 2014-Q4"
        ]
    );
    assert!(plan.text.contains("owner: @megan-ross"));
    assert!(plan.text.contains("budget: 2500 USD"));
}

#[test]
fn code_pages_and_titles_in_any_script() {
    let (plan, summary, _) = real_sheet("plan-marketingowy-2027.csv");
    assert!(plan
        .text
        .contains("member @lukasz-wojcik \"Łukasz Wójcik\""));
    assert!(summary.contains("read as windows-1250"), "{summary}");
    let (plan, _, _) = real_sheet("global-launches-2027.csv");
    for id in [
        "tactic zapusk-v-rossii-vebinary \"Запуск в России: вебинары\"",
        "tactic ekdelose-pelaton-athena \"Εκδήλωση πελατών Αθήνα\"",
        "tactic dong-jing-zhan-shi-hui-chu-zhan \"東京 展示会 出展\"",
        "tactic dong-jing-zhan-shi-hui-chu-zhan-2 \"東京 展示会 出展\"",
    ] {
        assert!(plan.text.contains(id), "{id}\n{}", plan.text);
    }
}

#[test]
fn a_month_grid_is_one_activity_per_cell() {
    let (plan, summary, _) = real_sheet("content-grid-2027.csv");
    assert_eq!(plan.summary.tactics, 10);
    assert!(summary.contains("read as a calendar grid"), "{summary}");
    assert!(plan.text.contains(
        "tactic which-browsers-are-supported \"Which browsers are supported?\" {   # row 5, column D (\"FAQ\")\n    channel: faq\n    when: 2027-Q1"
    ), "{}", plan.text);
    assert!(plan.text.contains("plan \"Content calendar 2027\""));
}

#[test]
fn snake_case_headers_and_the_currency_in_a_name() {
    let path = "fixtures/import/promo/campaign_plan.csv";
    let bytes = std::fs::read(crate_dir().join(path)).unwrap();
    let error = import::import_bytes(path, &bytes, &ImportOptions::default()).unwrap_err();
    assert!(
        error.0.contains("run again with --map 'campaign_id=title'"),
        "{}",
        error.0
    );
    let mut options = ImportOptions::default();
    options.column_map.add("campaign_id=title").unwrap();
    let plans = import::import_bytes(path, &bytes, &options).unwrap();
    let plan = &plans[0];
    snapshot("promo_campaign_plan", path, plan);
    assert_parses_and_shows_bad_cells(plan);
    // `promo_budget_aed`: a budget, in dirhams.
    assert!(plan.text.contains("budget: 40k AED"), "{}", plan.text);
    assert!(plan.text.contains("when: 2027-Q1"));
    assert!(plan.text.contains("x-discount-pct: \"15\""));
}

#[test]
fn excel_workbook_one_plan_per_sheet() {
    let plans = import_fixture(XLSX);
    let titles: Vec<&str> = plans.iter().map(|plan| plan.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "EMEA field marketing plan 2027 – DACH",
            "emea-field-plan-2027: Nordics"
        ]
    );
    let stems: Vec<&str> = plans.iter().map(|plan| plan.file_stem.as_str()).collect();
    assert_eq!(
        stems,
        ["emea-field-plan-2027-dach", "emea-field-plan-2027-nordics"]
    );
    snapshot("xlsx_dach", XLSX, &plans[0]);
    snapshot("xlsx_nordics", XLSX, &plans[1]);

    let dach = assert_parses_and_shows_bad_cells(&plans[0]);
    let dach_counts = counts(&dach);
    // The title block names an owner; the Goal column names objectives.
    assert!(!dach_counts.contains_key("unowned-plan"), "{dach_counts:?}");
    assert!(plans[0].summary.objectives >= 2);
    assert_eq!(
        lines_of(&dach, "unaligned-tactic"),
        ["tactic analyst-briefing \"Analyst briefing\" {   # row 12"]
    );
    assert_eq!(
        lines_of(&dach, "invalid-value"),
        [
            "when: \"2027-09-01 – 2027-06-01\"",
            "when: \"#REF! – 2027-11-30\""
        ]
    );

    let nordics = assert_parses_and_shows_bad_cells(&plans[1]);
    let nordic_counts = counts(&nordics);
    assert_eq!(nordic_counts.get("unowned-plan"), Some(&1));
    assert_eq!(
        lines_of(&nordics, "invalid-value"),
        ["budget: \"30000\""],
        "an amount without a currency"
    );
}

#[test]
fn yaml_export() {
    let plans = import_fixture(YAML);
    assert_eq!(plans.len(), 1);
    let plan = &plans[0];
    snapshot("yaml", YAML, plan);
    let report = assert_parses_and_shows_bad_cells(plan);
    let counts = counts(&report);
    assert!(!counts.contains_key("unowned-plan"));
    assert!(!counts.contains_key("unknown-reference"), "{counts:?}");
    // The podcast names no objective; the redesign is foundational.
    assert_eq!(
        lines_of(&report, "unaligned-tactic"),
        ["tactic podcast \"Podcast\" {   # campaigns item 3"]
    );
    assert_eq!(
        lines_of(&report, "invalid-value"),
        [
            "member @ines-duarte \"Ines Duarte\" { capacity: \"lots\" }",
            "budget: \"8000\"",
            "when: \"Q5\""
        ]
    );
}

/// Ids come from titles and their order only.
#[test]
fn reimporting_gives_the_same_ids() {
    fn ids(text: &str) -> Vec<String> {
        let tree = planlint::syntax::parse(text).unwrap();
        let plan = planlint::model::build(text, tree);
        plan.blocks
            .iter()
            .filter_map(|block| block.id.map(|id| format!("{:?} {id}", block.kind)))
            .collect()
    }
    for path in [CSV, XLSX, YAML] {
        let first = import_fixture(path);
        let second = import_fixture(path);
        for (a, b) in first.iter().zip(&second) {
            assert_eq!(a.text, b.text, "{path}: the same input gives the same plan");
        }
    }
    // Edited cells and a new column do not move any id.
    let original = std::fs::read_to_string(CSV).unwrap();
    let edited: String = original
        .lines()
        .enumerate()
        .map(|(index, line)| {
            let line = line.replace("Q5", "Q4").replace("\"20,000\"", "\"25,000\"");
            match index {
                0 => format!("{line},Status\n"),
                _ if line.starts_with(',') => format!("{line},\n"),
                _ => format!("{line},planned\n"),
            }
        })
        .collect();
    let options = ImportOptions::default();
    let before = import::import_bytes(CSV, original.as_bytes(), &options).unwrap();
    let after = import::import_bytes(CSV, edited.as_bytes(), &options).unwrap();
    assert_ne!(before[0].text, after[0].text);
    assert_eq!(ids(&before[0].text), ids(&after[0].text));
    assert!(ids(&before[0].text).contains(&"Tactic customer-newsletter-2".to_string()));
}

// ---------------------------------------------------------------------------
// The command: where plans go, and how notes name bad cells.

fn scratch_with_fixtures() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for path in [CSV, XLSX, YAML] {
        let name = Path::new(path).file_name().unwrap();
        std::fs::copy(crate_dir().join(path), dir.path().join(name)).unwrap();
    }
    dir
}

#[test]
fn a_bad_cell_is_reported_with_its_file_row_and_column() {
    let dir = scratch_with_fixtures();
    let output = planlint(dir.path(), &["import", "field-marketing-2027.csv"]);
    assert_eq!(output.status, 0, "{}", output.stderr);
    let stderr = &output.stderr;
    assert!(
        stderr.contains(
            "warning: field-marketing-2027.csv, row 5, column C (\"Quarter\"): `Q5` is not a quarter: quarters are Q1 to Q4, not Q5; kept as the text \"Q5\""
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "field-marketing-2027.csv, row 7, column B (\"OWNER\"): `Sam / Lee` names 2 people"
        ),
        "{stderr}"
    );
    let stdout = &output.stdout;
    assert!(stdout.starts_with("# Imported by `planlint import` from field-marketing-2027.csv.\n"));
    assert!(stdout.contains("    when: \"Q5\"\n"));

    let output = planlint(
        dir.path(),
        &["import", "emea-field-plan-2027.xlsx", "--sheet", "dach"],
    );
    let stderr = &output.stderr;
    assert!(
        stderr.contains(
            "warning: emea-field-plan-2027.xlsx, sheet \"DACH\", row 13, column C (\"Start\"): "
        ),
        "{stderr}"
    );
    let output = planlint(dir.path(), &["import", "brand-content-export.yaml"]);
    let stderr = &output.stderr;
    assert!(
        stderr.contains("warning: brand-content-export.yaml, campaigns item 5, key \"when\": "),
        "{stderr}"
    );
}

#[test]
fn output_files_are_never_overwritten_without_force() {
    let dir = scratch_with_fixtures();
    let target = dir.path().join("plan.plan");
    std::fs::write(&target, "precious\n").unwrap();
    let before = file_names(dir.path());

    let output = planlint(
        dir.path(),
        &["import", "field-marketing-2027.csv", "-o", "plan.plan"],
    );
    assert_eq!(output.status, 2);
    assert!(
        output
            .stderr
            .contains("`plan.plan` already exists; pass --force to replace it"),
        "{}",
        output.stderr
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious\n");
    assert_eq!(
        file_names(dir.path()),
        before,
        "no temporary file is left behind"
    );

    let output = planlint(
        dir.path(),
        &[
            "import",
            "field-marketing-2027.csv",
            "-o",
            "plan.plan",
            "--force",
        ],
    );
    assert_eq!(output.status, 0, "{}", output.stderr);
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.contains("tactic quarterly-product-webinars"));
    assert_eq!(
        file_names(dir.path()),
        before,
        "replaced by a rename, nothing else"
    );
    assert!(output.stdout.is_empty());
    assert!(output
        .stderr
        .contains("→ plan.plan: plan \"field-marketing-2027\""));

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644, "not the temporary file's 0600");
    }
}

#[test]
fn out_dir_writes_one_file_per_plan_or_nothing() {
    let dir = scratch_with_fixtures();
    let out = dir.path().join("plans");
    let args = [
        "import",
        "field-marketing-2027.csv",
        "emea-field-plan-2027.xlsx",
        "brand-content-export.yaml",
        "--out-dir",
        "plans",
    ];
    let output = planlint(dir.path(), &args);
    assert_eq!(output.status, 0, "{}", output.stderr);
    assert_eq!(
        file_names(&out),
        [
            "brand-content-export.plan",
            "emea-field-plan-2027-dach.plan",
            "emea-field-plan-2027-nordics.plan",
            "field-marketing-2027.plan"
        ]
    );
    // Every written plan is what `import_bytes` makes, and parses.
    for name in file_names(&out) {
        let written = std::fs::read_to_string(out.join(&name)).unwrap();
        planlint::syntax::parse(&written).unwrap();
    }

    // One existing file stops the whole run before anything is written.
    std::fs::remove_file(out.join("field-marketing-2027.plan")).unwrap();
    std::fs::write(out.join("brand-content-export.plan"), "mine\n").unwrap();
    let output = planlint(dir.path(), &args);
    assert_eq!(output.status, 2);
    assert!(!out.join("field-marketing-2027.plan").exists());
    assert_eq!(
        std::fs::read_to_string(out.join("brand-content-export.plan")).unwrap(),
        "mine\n"
    );
    let mut with_force = args.to_vec();
    with_force.push("--force");
    let output = planlint(dir.path(), &with_force);
    assert_eq!(output.status, 0, "{}", output.stderr);
    assert_eq!(file_names(&out).len(), 4);
}

#[test]
fn several_plans_need_a_directory() {
    let dir = scratch_with_fixtures();
    for args in [
        vec!["import", "emea-field-plan-2027.xlsx"],
        vec!["import", "emea-field-plan-2027.xlsx", "-o", "x.plan"],
        vec![
            "import",
            "field-marketing-2027.csv",
            "brand-content-export.yaml",
        ],
    ] {
        let output = planlint(dir.path(), &args);
        assert_eq!(output.status, 2, "{args:?}");
        assert!(output.stdout.is_empty());
        assert!(output.stderr.contains("--out-dir DIR"), "{}", output.stderr);
    }
    assert!(!dir.path().join("x.plan").exists());
    let output = planlint(
        dir.path(),
        &["import", "emea-field-plan-2027.xlsx", "--sheet", "Nordics"],
    );
    assert_eq!(output.status, 0, "{}", output.stderr);
    assert!(output
        .stdout
        .contains("plan \"emea-field-plan-2027: Nordics\""));
}

#[test]
fn bad_arguments_and_inputs_fail_with_status_two() {
    let dir = scratch_with_fixtures();
    std::fs::write(dir.path().join("notes.txt"), "hello").unwrap();
    std::fs::write(dir.path().join("team.csv"), "Person,Capacity\nMaria,20\n").unwrap();
    for (args, message) in [
        (vec!["import", "missing.csv"], "cannot read `missing.csv`"),
        (vec!["import", "notes.txt"], "planlint imports .csv"),
        (
            vec!["import", "team.csv"],
            "no column names the activities (the headers are \"Person\", \"Capacity\"); planlint looks for a header such as Activity, Campaign, Title or Name; if the activities are in that column, run again with --map 'Person=title'",
        ),
        (
            vec!["import", "field-marketing-2027.csv", "--map", "Quarter"],
            "needs the form 'Column Name=key'",
        ),
        (
            vec!["import", "field-marketing-2027.csv", "--currency", "euro"],
            "--currency EURO",
        ),
        (
            vec!["import", "emea-field-plan-2027.xlsx", "--sheet", "Benelux"],
            "has no sheet \"Benelux\"",
        ),
    ] {
        let output = planlint(dir.path(), &args);
        assert_eq!(output.status, 2, "{args:?}");
        assert!(
            output.stderr.contains(message),
            "{args:?}: {}",
            output.stderr
        );
    }
}

#[test]
fn map_overrides_a_header() {
    let csv = "Initiative,Campaign Lead,Period,Spend\nWebinars,Lee,Q1 2027,5k EUR\n";
    let mut options = ImportOptions::default();
    options.column_map.add("Campaign Lead=owner").unwrap();
    options.column_map.add("Spend=cost-centre").unwrap();
    let plan = &import::import_bytes("x.csv", csv.as_bytes(), &options).unwrap()[0];
    assert!(plan.text.contains("    owner: @lee\n"), "{}", plan.text);
    assert!(
        plan.text.contains("    cost-centre: \"5k EUR\"\n"),
        "{}",
        plan.text
    );
    assert!(plan.text.contains("    when: 2027-Q1\n"), "{}", plan.text);
}

/// Whatever the cells hold, the plan parses: quotes, backslashes, braces,
/// comment signs, line breaks, other scripts, long and empty names,
/// repeated and empty headers.
#[test]
fn generated_plans_always_parse() {
    let awkward = [
        "",
        "\"quoted\"",
        "back\\slash",
        "} brace {",
        "# not a comment",
        "two\nlines",
        "tab\there",
        "市场活动",
        "café \u{1F600}",
        "true",
        "2027",
        "Q5",
        "@",
        "a,b;c",
        "very long name that goes on and on and on and on and on and on and on and on",
        "-",
        "0",
    ];
    let headers = [
        "Activity",
        "Owner",
        "When",
        "Start",
        "End",
        "Budget",
        "Goal",
        "Strategy",
        "KPI",
        "Target",
        "Due",
        "Stage",
        "Source",
        "Channel",
        "Audience",
        "Effort",
        "Why",
        "Foundational",
        "After",
        "Team",
        "",
        "Activity",
        "Notes",
        "#",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for round in 0..40 {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(headers).unwrap();
        for _ in 0..8 {
            let row: Vec<&str> = headers
                .iter()
                .map(|_| awkward[(next() % awkward.len() as u64) as usize])
                .collect();
            writer.write_record(&row).unwrap();
        }
        let bytes = writer.into_inner().unwrap();
        let plans = import::import_bytes("awkward.csv", &bytes, &ImportOptions::default())
            .unwrap_or_else(|error| panic!("round {round}: {error}"));
        for plan in &plans {
            assert_parses_and_shows_bad_cells(plan);
        }
    }
}

/// Garbage in, an error or a plan out: never a panic.
#[test]
fn any_bytes_import_without_panicking() {
    let workbook = std::fs::read(crate_dir().join(XLSX)).unwrap();
    let yaml = std::fs::read(crate_dir().join(YAML)).unwrap();
    let csv = std::fs::read(crate_dir().join(CSV)).unwrap();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let options = ImportOptions::default();
    for (name, original) in [("x.xlsx", &workbook), ("x.yaml", &yaml), ("x.csv", &csv)] {
        // Every tenth truncation, and random bytes flipped.
        for cut in (0..original.len()).step_by(original.len() / 10 + 1) {
            let _ = import::import_bytes(name, &original[..cut], &options);
        }
        for _ in 0..30 {
            let mut bytes = original.clone();
            for _ in 0..8 {
                let index = (next() % bytes.len() as u64) as usize;
                bytes[index] = (next() % 256) as u8;
            }
            if let Ok(plans) = import::import_bytes(name, &bytes, &options) {
                for plan in &plans {
                    planlint::syntax::parse(&plan.text).unwrap();
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The workbook fixture.

/// The two-sheet workbook of `fixtures/import/emea-field-plan-2027.xlsx`: a
/// DACH sheet with a title block, date cells, amounts in thousands, goals
/// and strategies; a Nordics sheet with mixed currencies and hours.
fn emea_workbook() -> Vec<u8> {
    let mut workbook = Workbook::new();
    let fixed = ExcelDateTime::from_ymd(2026, 12, 1).unwrap();
    workbook.set_properties(
        &DocProperties::new()
            .set_author("Finance")
            .set_creation_datetime(&fixed),
    );
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let day = |y, m, d| ExcelDateTime::from_ymd(y, m, d).unwrap();

    let dach = workbook.add_worksheet().set_name("DACH").unwrap();
    dach.write(0, 0, "EMEA field marketing plan 2027 – DACH")
        .unwrap();
    dach.write(2, 0, "Owner:").unwrap();
    dach.write(2, 1, "Jonas Weber").unwrap();
    dach.write(3, 0, "Budget").unwrap();
    dach.write(3, 1, "150k EUR").unwrap();
    dach.write(4, 0, "Challenge").unwrap();
    dach.write(4, 1, "A low-cost competitor is entering the mid-market")
        .unwrap();
    dach.write(5, 0, "Prepared by").unwrap();
    dach.write(5, 1, "Finance").unwrap();
    dach.write(5, 2, "v3").unwrap();
    let headers = [
        "Campaign",
        "Responsible",
        "Start",
        "End",
        "Cost (k€)",
        "Goal",
        "Strategy",
        "Metric",
        "Target",
        "Target date",
        "Segment",
        "Days",
        "Depends on",
    ];
    for (column, header) in headers.iter().enumerate() {
        dach.write(7, column as u16, *header).unwrap();
    }
    struct Activity<'a> {
        name: &'a str,
        owner: &'a str,
        start: Option<ExcelDateTime>,
        end: ExcelDateTime,
        cost: f64,
        goal: &'a str,
        strategy: &'a str,
        metric: &'a str,
        target: Option<f64>,
        due: &'a str,
        segment: &'a str,
        days: f64,
        after: &'a str,
    }
    let activities = [
        Activity {
            name: "Roadshow Munich",
            owner: "Jonas Weber",
            start: Some(day(2027, 3, 1)),
            end: day(2027, 4, 15),
            cost: 18.0,
            goal: "Grow pipeline in DACH",
            strategy: "Win the mid-market",
            metric: "Opportunities",
            target: Some(40.0),
            due: "Q4 2027",
            segment: "Mid-market manufacturers",
            days: 20.0,
            after: "",
        },
        Activity {
            name: "Partner webinar series",
            owner: "Anna Schmidt",
            start: Some(day(2027, 1, 15)),
            end: day(2027, 6, 30),
            cost: 6.5,
            goal: "Grow pipeline in DACH",
            strategy: "Win the mid-market",
            metric: "Registrations",
            target: Some(900.0),
            due: "30/06/2027",
            segment: "IT directors",
            days: 15.0,
            after: "",
        },
        Activity {
            name: "Hannover Messe booth",
            owner: "Jonas Weber",
            start: Some(day(2027, 4, 19)),
            end: day(2027, 4, 23),
            cost: 45.0,
            goal: "Brand awareness in DACH",
            strategy: "",
            metric: "Booth visits",
            target: Some(1200.0),
            due: "2027-Q2",
            segment: "Manufacturing CIOs",
            days: 30.0,
            after: "Roadshow Munich",
        },
        Activity {
            name: "Analyst briefing",
            owner: "Maria López",
            start: Some(day(2027, 9, 1)),
            end: day(2027, 6, 1),
            cost: 3.0,
            goal: "",
            strategy: "",
            metric: "",
            target: None,
            due: "",
            segment: "Industry analysts",
            days: 2.0,
            after: "",
        },
        Activity {
            name: "Customer advisory board",
            owner: "Anna Schmidt",
            start: None,
            end: day(2027, 11, 30),
            cost: 8.0,
            goal: "Grow pipeline in DACH",
            strategy: "Win the mid-market",
            metric: "NPS",
            target: Some(45.0),
            due: "2027-12-31",
            segment: "Top 20 customers",
            days: 6.0,
            after: "",
        },
    ];
    for (index, activity) in activities.iter().enumerate() {
        let row = 8 + index as u32;
        dach.write(row, 0, activity.name).unwrap();
        dach.write(row, 1, activity.owner).unwrap();
        match &activity.start {
            Some(start) => {
                dach.write_datetime_with_format(row, 2, start, &date)
                    .unwrap();
            }
            // A start date computed from a deleted cell: Excel shows #REF!.
            None => {
                dach.write_formula(row, 2, Formula::new("=#REF!+14").set_result("#REF!"))
                    .unwrap();
            }
        }
        dach.write_datetime_with_format(row, 3, &activity.end, &date)
            .unwrap();
        dach.write(row, 4, activity.cost).unwrap();
        for (column, value) in [
            (5, activity.goal),
            (6, activity.strategy),
            (7, activity.metric),
            (9, activity.due),
            (10, activity.segment),
            (12, activity.after),
        ] {
            if !value.is_empty() {
                dach.write(row, column, value).unwrap();
            }
        }
        if let Some(target) = activity.target {
            dach.write(row, 8, target).unwrap();
        }
        dach.write(row, 11, activity.days).unwrap();
    }
    let total_row = 8 + activities.len() as u32;
    dach.write(total_row, 0, "Total").unwrap();
    dach.write_formula(
        total_row,
        4,
        Formula::new("=SUM(E9:E13)").set_result("80.5"),
    )
    .unwrap();

    let nordics = workbook.add_worksheet().set_name("Nordics").unwrap();
    let headers = [
        "Tactic",
        "Owner",
        "Quarter",
        "Budget",
        "Objective",
        "KPI",
        "Target",
        "Audience",
        "Effort (hours)",
        "Country",
    ];
    for (column, header) in headers.iter().enumerate() {
        nordics.write(0, column as u16, *header).unwrap();
    }
    let rows: [[&str; 10]; 4] = [
        [
            "Stockholm CIO dinner",
            "Erik Lund",
            "Q1 2027",
            "250 000 SEK",
            "Grow pipeline in the Nordics",
            "Meetings booked",
            "25",
            "CIOs",
            "60",
            "Sweden",
        ],
        [
            "Nordic webinar",
            "Erik Lund",
            "2027-Q2",
            "€12,000",
            "Grow pipeline in the Nordics",
            "Registrations",
            "400",
            "IT directors",
            "80",
            "Denmark, Norway",
        ],
        [
            "LinkedIn thought leadership",
            "Sofie Hansen",
            "Q2–Q4",
            "30000",
            "",
            "",
            "",
            "IT managers",
            "120",
            "All",
        ],
        [
            "Oslo meetup",
            "Sofie Hansen",
            "Q3/27",
            "NOK 40,000",
            "Grow pipeline in the Nordics",
            "Attendees",
            "60",
            "Developers",
            "40",
            "Norway",
        ],
    ];
    for (index, cells) in rows.iter().enumerate() {
        let row = 1 + index as u32;
        for (column, value) in cells.iter().enumerate() {
            if value.is_empty() {
                continue;
            }
            // Numbers as numbers, the way a spreadsheet keeps them.
            match value.parse::<f64>() {
                Ok(number) => nordics.write(row, column as u16, number).unwrap(),
                Err(_) => nordics.write(row, column as u16, *value).unwrap(),
            };
        }
    }
    workbook.save_to_buffer().unwrap()
}

/// Every cell of every sheet, as calamine reads it.
fn workbook_cells(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::Reader;
    let mut workbook =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    workbook
        .sheet_names()
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|row| row.iter().map(|cell| format!("{cell:?}")).collect())
                .collect();
            (name, rows)
        })
        .collect()
}

#[test]
fn the_workbook_fixture_is_what_its_generator_makes() {
    let path = crate_dir().join(XLSX);
    let generated = emea_workbook();
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read(&path).expect("run UPDATE_FIXTURES=1 cargo test --test import");
    assert_eq!(
        workbook_cells(&committed),
        workbook_cells(&generated),
        "{XLSX} is out of date: run `UPDATE_FIXTURES=1 cargo test --test import`"
    );
}
