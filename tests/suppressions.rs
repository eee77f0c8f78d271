//! Suppressions and expiring waivers at the command line (LANGUAGE.md,
//! "Suppressions"): the `until` date is inclusive, an expired waiver is
//! `expired-suppression` only (never also `unused-suppression`) and stops
//! suppressing, `--today` sets the date.

mod common;

use common::{planlint_wide, write, Run};

const WAIVER: &str = r#"plan "P" {
  owner: @ana
  challenge: "A new competitor"
  strategy growth "Grow"
  # planlint: allow(missing-kpi) until 2027-06-30 -- waiting for the new CRM
  objective leads "Leads" {
    owner: @ana
    supports: growth
  }
  tactic webinars "Webinars" {
    owner: @ana
    supports: leads
    audience: "IT directors"
    kpi signups { stage: engagement  target: 300  due: 2027-Q4  source: hubspot }
  }
}
"#;

/// Runs `check --today TODAY` on `p.plan` holding the plan `WAIVER`.
fn check_on(today: &str) -> Run {
    check_plan_on(today, WAIVER, None)
}

/// Runs `check --today TODAY` on `p.plan` holding `plan`, with
/// `.planlint.yaml` holding `config` if there is one.
fn check_plan_on(today: &str, plan: &str, config: Option<&str>) -> Run {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "p.plan", plan);
    if let Some(config) = config {
        write(dir.path(), ".planlint.yaml", config);
    }
    planlint_wide(
        dir.path(),
        &["check", "--format", "compact", "--today", today, "p.plan"],
    )
}

#[test]
fn a_waiver_holds_until_its_date_inclusive() {
    for today in ["2027-01-01", "2027-06-30"] {
        let output = check_on(today);
        assert_eq!(output.status, 0, "{today}");
        assert_eq!(output.stdout, "", "{today}");
    }
}

#[test]
fn after_its_date_a_waiver_is_expired_and_suppresses_nothing() {
    let output = check_on("2027-07-01");
    assert_eq!(output.status, 1);
    assert_eq!(
        output.stdout,
        "p.plan:5:3: warning[expired-suppression] this suppression expired on 2027-06-30; it no longer silences anything\n\
         p.plan:6:3: error[missing-kpi] objective `leads` has no KPI\n"
    );
}

#[test]
fn an_expired_waiver_that_would_suppress_nothing_is_only_expired() {
    let plan = WAIVER.replace(
        "    supports: growth\n  }\n  tactic",
        "    supports: growth\n    kpi mqls { stage: engagement  target: 500  due: 2027-Q4  source: hubspot }\n  }\n  tactic",
    );
    let output = check_plan_on("2028-01-01", &plan, None);
    assert_eq!(
        output.stdout,
        "p.plan:5:3: warning[expired-suppression] this suppression expired on 2027-06-30; it no longer silences anything\n"
    );
}

#[test]
fn today_must_be_a_date() {
    let output = check_on("2027-13-01");
    assert_eq!(output.status, 2);
    assert!(output.stderr.contains("is not a date"));
}

#[test]
fn expired_suppression_can_be_configured_like_any_rule() {
    let output = check_plan_on(
        "2027-07-01",
        WAIVER,
        Some("rules:\n  expired-suppression: error\n"),
    );
    assert!(output.stdout.contains("error[expired-suppression]"));
}
