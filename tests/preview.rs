//! Preview rules (issue 17): a rule file with `preview: true` runs only
//! when the run or the configuration turns preview on, or selects the rule
//! by id, so that a new rule never breaks anyone's build the day it ships.
//! The exchange rates of `over-budget` are here too: issue 17's plan of
//! 99k EUR and 48k USD against 100k EUR gets a finding with and without
//! `currencies`.

mod common;

use common::{crate_dir, lint_options, planlint, planlint_wide, plans_under, write};
use planlint::files::Input;
use planlint::lint::lint_input;
use planlint::rules::RuleSet;

/// A plan that only the preview rule `unallocated-budget` flags: 100k EUR
/// of its 300k EUR budget is assigned to no tactic.
const UNALLOCATED: &str = r#"plan "Money with no plan" {
  owner: @ana
  period: 2027-Q1..2027-Q4
  challenge: "Win back churned accounts"
  budget: 300k EUR
  strategy retention "Keep our customers"
  team { member @ana { capacity: 60d } }
  objective winback "Win back lapsed customers" {
    owner: @ana
    supports: retention
    kpi returned { stage: engagement  target: 40  due: 2027-Q4  source: salesforce }
  }
  tactic summit "Customer summit" {
    owner: @ana
    supports: winback
    channel: events
    audience: "Customers who left in 2026"
    when: 2027-Q2
    effort: 20d
    budget: 200k EUR
    kpi summit-guests { stage: engagement  target: 150  due: 2027-Q2  source: eventbrite }
  }
}
"#;

fn preview_ids(rules: &RuleSet) -> Vec<String> {
    rules
        .rules()
        .iter()
        .filter(|rule| rule.file.preview)
        .map(|rule| rule.id().to_string())
        .collect()
}

/// No plan of the repository (fixtures, examples, the judgment suite), the
/// preview rules' own fixtures included, gets a finding from a preview rule
/// when nothing turns preview on: what is clean today stays clean.
#[test]
fn no_preview_rule_fires_without_preview() {
    let rules = RuleSet::builtin();
    let preview = preview_ids(&rules);
    assert!(!preview.is_empty(), "there are preview rules to test");
    let mut plans = Vec::new();
    for dir in ["fixtures", "examples", "judgment"] {
        plans.extend(plans_under(&crate_dir().join(dir)));
    }
    assert!(plans.len() > 50, "found the repository's plans");
    for plan in plans {
        let report = lint_input(&Input::File(plan.clone()), &rules, &lint_options());
        let fired: Vec<&str> = report
            .findings
            .iter()
            .map(|finding| finding.rule.as_str())
            .filter(|rule| preview.iter().any(|id| id == rule))
            .collect();
        assert!(fired.is_empty(), "{}: {fired:?}", plan.display());
    }
}

/// The same rule set with preview on does run them: the test above is not
/// vacuous.
#[test]
fn preview_turns_preview_rules_on() {
    let mut rules = RuleSet::builtin();
    assert!(rules
        .rules()
        .iter()
        .filter(|rule| rule.file.preview)
        .all(|rule| !rule.is_enabled()));
    rules.enable_preview();
    assert!(rules.rules().iter().all(|rule| rule.is_enabled()));
}

#[test]
fn a_preview_rule_runs_with_the_flag_the_configuration_or_its_id() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "plan.plan", UNALLOCATED);
    let fires = |args: &[&str]| {
        let mut all = vec!["check", "--format", "compact"];
        all.extend(args);
        all.push("plan.plan");
        planlint(dir.path(), &all)
            .stdout
            .contains("info[unallocated-budget]")
    };
    assert!(!fires(&[]), "off by default");
    assert!(fires(&["--preview"]));
    assert!(fires(&["--select", "unallocated-budget"]), "selected by id");
    assert!(!fires(&["--preview", "--ignore", "unallocated-budget"]));
    write(dir.path(), ".planlint.yaml", "preview: true\n");
    assert!(fires(&[]), "preview: true in the configuration");
    write(
        dir.path(),
        ".planlint.yaml",
        "rules:\n  unallocated-budget: warning\n",
    );
    assert!(!fires(&[]), "now a warning");
    let run = planlint(dir.path(), &["check", "--format", "compact", "plan.plan"]);
    assert!(
        run.stdout.contains("warning[unallocated-budget]"),
        "{}",
        run.stdout
    );
    write(
        dir.path(),
        ".planlint.yaml",
        "rules:\n  unallocated-budget: { tolerance: 50% }\n",
    );
    assert!(!fires(&[]), "an option alone does not select it");
    write(dir.path(), ".planlint.yaml", "preview: yes please\n");
    let run = planlint(dir.path(), &["check", "plan.plan"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("`preview` is `true` or `false`"),
        "{}",
        run.stderr
    );
}

#[test]
fn rules_explain_and_sarif_mark_preview_rules() {
    let dir = tempfile::tempdir().unwrap();
    let listed = planlint(dir.path(), &["rules"]).stdout;
    let line = listed
        .lines()
        .find(|line| line.starts_with("unallocated-budget "))
        .expect("listed");
    assert!(line.contains("(preview)"), "{line}");
    let missing = listed
        .lines()
        .find(|line| line.starts_with("missing-kpi "))
        .expect("listed");
    assert!(!missing.contains("(preview)"), "{missing}");
    let json: serde_json::Value =
        serde_json::from_str(&planlint(dir.path(), &["rules", "--format", "json"]).stdout).unwrap();
    let record = |id: &str| {
        json.as_array()
            .unwrap()
            .iter()
            .find(|record| record["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(record("unallocated-budget")["preview"], true);
    assert_eq!(record("missing-kpi")["preview"], false);

    let explained = planlint(dir.path(), &["explain", "unallocated-budget"]).stdout;
    assert!(
        explained.starts_with("unallocated-budget (info, preview)"),
        "{explained}"
    );
    assert!(
        explained.contains("runs only with `--preview`"),
        "{explained}"
    );

    write(dir.path(), "plan.plan", UNALLOCATED);
    let sarif: serde_json::Value = serde_json::from_str(
        &planlint(
            dir.path(),
            &["check", "--preview", "--format", "sarif", "plan.plan"],
        )
        .stdout,
    )
    .unwrap();
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .clone();
    let descriptor = |id: &str| rules.iter().find(|rule| rule["id"] == id).cloned();
    let preview = descriptor("unallocated-budget").expect("the rule is in the run");
    assert_eq!(preview["properties"]["preview"], true);
    assert_eq!(preview["properties"]["tags"][0], "preview");
    let stable = descriptor("over-budget").expect("the rule is in the run");
    assert!(stable.get("properties").is_none(), "{stable}");
}

/// Issue 17's plan: 99k EUR and 48k USD against a budget of 100k EUR.
const MIXED: &str = r#"plan "Mixed" {
  budget: 100k EUR
  tactic summit "Summit" { budget: 99k EUR }
  tactic roadshow "Roadshow" { budget: 48k USD }
}
"#;

#[test]
fn a_sum_over_two_currencies_is_never_silent() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "plan.plan", MIXED);
    let args = [
        "check",
        "--select",
        "over-budget",
        "--format",
        "compact",
        "plan.plan",
    ];
    let without_rates = planlint_wide(dir.path(), &args).stdout;
    assert!(
        without_rates.contains(
            "error[over-budget] the plan's budget of 100,000 EUR cannot be checked: `roadshow` (48,000 USD) cannot be added to EUR without an exchange rate"
        ),
        "{without_rates}"
    );
    write(
        dir.path(),
        ".planlint.yaml",
        "currencies:\n  USD: 0.92 EUR\n",
    );
    let with_rates = planlint_wide(dir.path(), &args).stdout;
    assert!(
        with_rates.contains(
            "error[over-budget] tactic budgets add up to 143,160 EUR (converted at the configured rate: 1 USD = 0.92 EUR), 43,160 EUR more than the plan's budget of 100,000 EUR"
        ),
        "{with_rates}"
    );
    // The rate stated the other way round, and through a third currency.
    write(
        dir.path(),
        ".planlint.yaml",
        "currencies:\n  EUR: 1.25 USD\n",
    );
    let inverse = planlint_wide(dir.path(), &args).stdout;
    assert!(inverse.contains("add up to 137,400 EUR"), "{inverse}");
    write(
        dir.path(),
        ".planlint.yaml",
        "currencies:\n  EUR: 0.8 GBP\n  USD: 0.8 GBP\n",
    );
    let through = planlint_wide(dir.path(), &args).stdout;
    assert!(through.contains("add up to 147,000 EUR"), "{through}");
}

#[test]
fn a_wrong_exchange_rate_is_a_configuration_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "plan.plan", MIXED);
    for (config, words) in [
        (
            "currencies:\n  USD: 0.92\n",
            "`0.92` is not what one USD is worth",
        ),
        (
            "currencies:\n  USD: -1 EUR\n",
            "`-1 EUR` is not what one USD is worth",
        ),
        (
            "currencies:\n  usd: 0.92 EUR\n",
            "`usd` is not a currency code",
        ),
        ("currencies: [USD]\n", "`currencies` maps a currency"),
    ] {
        write(dir.path(), ".planlint.yaml", config);
        let run = planlint(dir.path(), &["check", "plan.plan"]);
        assert_eq!(run.status, 2, "{config}");
        assert!(run.stderr.contains(words), "{config}: {}", run.stderr);
        assert!(run.stderr.contains(".planlint.yaml:"), "{}", run.stderr);
    }
}

/// Issue 17, item 4: a bare number where a percentage is expected is a
/// configuration error that shows the percentage it would be.
#[test]
fn a_tolerance_without_percent_is_refused_showing_the_percentage() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "plan.plan", MIXED);
    write(
        dir.path(),
        ".planlint.yaml",
        "rules:\n  over-capacity-quarter:\n    tolerance: 10\n",
    );
    let run = planlint_wide(dir.path(), &["check", "plan.plan"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("`tolerance` is a percentage: write `10%`, not `10`"),
        "{}",
        run.stderr
    );
    write(
        dir.path(),
        ".planlint.yaml",
        "rules:\n  over-capacity-quarter:\n    tolerance: 10%\n",
    );
    assert_eq!(planlint(dir.path(), &["check", "plan.plan"]).status, 1);
}
