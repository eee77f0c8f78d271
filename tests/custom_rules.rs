//! Custom rules end to end: the README's two examples work and are tested,
//! the generic check kinds `pattern`, `reference` and `range` do what
//! RULES.md says, and a broken custom rule is one error at its file, line
//! and column, exit status 2.

mod common;

use std::path::Path;

use common::{crate_dir, planlint_wide, write};

#[test]
fn the_readme_examples_fire_where_the_plan_expects() {
    // `planlint test` compares the findings with the plan's `# expect:`
    // comments and tests both rules' own examples.
    let output = planlint_wide(crate_dir(), &["test", "docs/custom-rules"]);
    let stdout = &output.stdout;
    assert_eq!(output.status, 0, "{stdout}{}", output.stderr);
    assert!(stdout.contains("everything as expected"), "{stdout}");

    let check = planlint_wide(
        crate_dir(),
        &["check", "--format", "compact", "docs/custom-rules"],
    );
    assert_eq!(
        check.stdout,
        "docs/custom-rules/house-rules.plan:10:30: warning[no-synergy] the title of objective `partner-pipeline` says \"synergy\"\n\
         docs/custom-rules/house-rules.plan:16:3: warning[paid-needs-budget] tactic `partner-ads` is paid (paid-social) but states no budget\n"
    );
}

/// A directory with a configuration loading `rule.yaml` and a plan.
fn project(rule: &str, plan: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".planlint.yaml",
        "custom-rules:\n  - policies/*.yaml\nrules:\n  unknown-attribute:\n    allow: [campaign]\n",
    );
    write(dir.path(), "policies/rule.yaml", rule);
    write(dir.path(), "p.plan", plan);
    dir
}

/// The lines of a compact report that belong to rule `id`.
fn findings_of(dir: &Path, id: &str) -> Vec<String> {
    let output = planlint_wide(dir, &["check", "--format", "compact", "p.plan"]);
    assert_ne!(output.status, 2, "{}", output.stderr);
    output
        .stdout
        .lines()
        .filter(|line| line.contains(&format!("[{id}]")))
        .map(str::to_string)
        .collect()
}

fn rule(id: &str, check: &str, message: &str) -> String {
    format!(
        "id: {id}\nsummary: A test rule.\nseverity: warning\nwhy: Because.\n\
         bad: 'plan \"P\" {{ }}'\ngood: 'plan \"P\" {{ }}'\ncheck:\n{check}message: \"{message}\"\n"
    )
}

/// A rule that words some of its kind's cases apart (`CASE: MESSAGE` each).
fn rule_with_cases(id: &str, check: &str, message: &str, cases: &[(&str, &str)]) -> String {
    let mut text = rule(id, check, message);
    text.push_str("cases:\n");
    for (case, case_message) in cases {
        text.push_str(&format!("  {case}:\n    message: \"{case_message}\"\n"));
    }
    text
}

const PLAN: &str = r#"plan "Synergy plan" {
  owner: @ana
  team {
    member @ana { capacity: 30d }
  }
  strategy growth "Grow"
  objective leads "Leads" { owner: @ana  supports: growth }
  tactic ads "Ads" { owner: @ana  supports: leads  budget: 60k EUR  effort: 10d  campaign: leads }
  tactic search "Search" { owner: @ana  supports: leads  budget: 70k USD  effort: 50d  campaign: growth }
  tactic days "Days" { owner: @bob  supports: leads  budget: 20k EUR  effort: 2w  campaign: [leads, lead] }
}
"#;

#[test]
fn pattern_points_at_the_value_that_matches_or_does_not() {
    let forbids = project(
        &rule(
            "no-synergy",
            "  kind: pattern\n  on: [plan, tactic]\n  key: title\n  forbids: \"(?i)synergy\"\n",
            "{name}: contains `{found}`",
        ),
        PLAN,
    );
    assert_eq!(
        findings_of(forbids.path(), "no-synergy"),
        ["p.plan:1:6: warning[no-synergy] plan \"Synergy plan\": contains `Synergy`"]
    );
    let matches = project(
        &rule(
            "owner-initials",
            "  kind: pattern\n  on: tactic\n  key: owner\n  matches: \"^@a\"\n",
            "{name}: `{key}` does not match `{pattern}`",
        ),
        PLAN,
    );
    assert_eq!(
        findings_of(matches.path(), "owner-initials"),
        ["p.plan:10:31: warning[owner-initials] tactic `days`: `owner` does not match `^@a`"]
    );
}

#[test]
fn reference_names_what_a_value_points_at() {
    let dir = project(
        &rule_with_cases(
            "campaign-is-objective",
            "  kind: reference\n  on: tactic\n  key: campaign\n  to: objective\n",
            "`{value}` is not {to}",
            &[
                ("other-kind", "`{value}` names {names}, not {to}"),
                ("nothing", "`{value}` names nothing declared in this plan"),
                (
                    "nothing-close",
                    "`{value}` names nothing declared in this plan; did you mean `{suggestion}`?",
                ),
            ],
        ),
        PLAN,
    );
    assert_eq!(
        findings_of(dir.path(), "campaign-is-objective"),
        [
            "p.plan:9:98: warning[campaign-is-objective] `growth` names strategy `growth`, not an objective",
            "p.plan:10:101: warning[campaign-is-objective] `lead` names nothing declared in this plan; did you mean `leads`?",
        ]
    );
    // The language's own references that resolve to nothing are
    // `unknown-reference`'s finding only (one cause, one finding).
    let owners = project(
        &rule(
            "owner-is-member",
            "  kind: reference\n  on: tactic\n  key: owner\n  to: member\n",
            "`{value}` is not {to}",
        ),
        PLAN,
    );
    assert_eq!(
        findings_of(owners.path(), "owner-is-member"),
        Vec::<String>::new()
    );
    assert_eq!(findings_of(owners.path(), "unknown-reference").len(), 1);
}

#[test]
fn range_compares_in_the_keys_own_unit() {
    let budget = project(
        &rule_with_cases(
            "budget-limit",
            "  kind: range\n  on: tactic\n  key: budget\n  max: 50k EUR\n",
            "`{value}` is above the maximum of `{bound}`",
            &[(
                "other-currency",
                "`{value}` is in {currency}, but the limit `{bound}` is in {bound-currency}: they cannot be compared",
            )],
        ),
        PLAN,
    );
    assert_eq!(
        findings_of(budget.path(), "budget-limit"),
        [
            "p.plan:8:60: warning[budget-limit] `60k EUR` is above the maximum of `50k EUR`",
            "p.plan:9:66: warning[budget-limit] `70k USD` is in USD, but the limit `50k EUR` is in EUR: they cannot be compared",
        ]
    );
    // `2w` of effort is 10 person-days: inside 10d..40d; 50d is above.
    let effort = project(
        &rule(
            "effort-limit",
            "  kind: range\n  on: tactic\n  key: effort\n  min: 10d\n  max: 8w\n",
            "`{value}` is outside `{min}`..`{max}`",
        ),
        PLAN,
    );
    assert_eq!(
        findings_of(effort.path(), "effort-limit"),
        ["p.plan:9:83: warning[effort-limit] `50d` is outside `10d`..`8w`"]
    );
}

/// A bound the key could not take is refused in `invalid-value`'s words
/// (its rule file's case, without the key it starts with), followed by what
/// the key takes.
#[test]
fn a_range_bound_the_key_cannot_take_is_refused_in_invalid_values_words() {
    let stderr = rule_error(&rule(
        "budget-limit",
        "  kind: range\n  on: tactic\n  key: budget\n  max: 50k\n",
        "`{value}` is above `{max}`",
    ));
    assert!(
        stderr.contains(
            "`50k` has no currency; `budget` takes an amount of money with its currency, e.g. `20k EUR`"
        ),
        "{stderr}"
    );
    let stderr = rule_error(&rule(
        "effort-limit",
        "  kind: range\n  on: tactic\n  key: effort\n  max: 3mo\n",
        "`{value}` is above `{max}`",
    ));
    assert!(
        stderr.contains("`3mo` is not an effort; `effort` takes an effort in person-days"),
        "{stderr}"
    );
}

/// Runs `check` where `policies/rule.yaml` is `rule_text`; returns stderr,
/// asserting one error and exit status 2.
fn rule_error(rule_text: &str) -> String {
    let dir = project(rule_text, "plan \"P\" { owner: @ana }\n");
    let output = planlint_wide(dir.path(), &["check", "p.plan"]);
    let stderr = output.stderr;
    assert_eq!(output.status, 2, "{stderr}");
    assert_eq!(stderr.matches('×').count(), 1, "one error:\n{stderr}");
    stderr
}

#[test]
fn a_broken_custom_rule_is_one_error_at_its_line_and_column() {
    let good =
        std::fs::read_to_string(crate_dir().join("docs/custom-rules/policies/no-synergy.yaml"))
            .unwrap();
    // A template too long to read cheaply (the renderer's limit).
    let long_message = format!("message: \"{}the title of {{name}}", "{?name:".repeat(400));
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "forbids: \"(?i)synerg(y|ies|istic)\"",
            "forbids: \"(?i)synerg(y|ies\"",
            "17:12",
            "invalid regex `(?i)synerg(y|ies`",
        ),
        (
            "forbids: \"(?i)synerg(y|ies|istic)\"",
            "forbids: \"(?i)synergy\"\n  when: { channel: \"/[/\" }",
            "18:20",
            "invalid regex `[`",
        ),
        (
            "forbids: \"(?i)synerg(y|ies|istic)\"",
            "forbids: \"\\\\w{1000}{1000}\"",
            "17:12",
            "is too large",
        ),
        (
            "forbids: \"(?i)synerg(y|ies|istic)\"",
            "forbids: [synergy]",
            "17:12",
            "`forbids`: invalid type: sequence, expected a string",
        ),
        (
            "kind: pattern",
            "kind: patern",
            "14:9",
            "did you mean `pattern`?",
        ),
        (
            "kind: pattern",
            "kind: team-capacity",
            "14:9",
            "reserved for built-in rules",
        ),
        (
            "forbids:",
            "forbid:",
            "17:3",
            "unknown parameter `forbid`; did you mean `forbids`?",
        ),
        (
            "message: \"the title of {name}",
            "message: \"the title of {nme}",
            "18:10",
            "nothing fills `{nme}`; did you mean `{name}`?",
        ),
        (
            "  key: title\n",
            "  key: title\n  severity: { option: level }\n",
            "17:23",
            "the check refers to option `level`, but the rule has no such option",
        ),
        (
            "on: [plan, strategy, objective, tactic]",
            "on: [plan, stratgy]",
            "15:7",
            "unknown block kind `stratgy`",
        ),
        (
            "id: no-synergy",
            "id: missing-kpi",
            "1:5",
            "`missing-kpi` is the id of a built-in rule",
        ),
        (
            "id: no-synergy",
            "id: No_Synergy",
            "1:5",
            "is not a rule id",
        ),
        (
            "severity: warning",
            "severity: warn",
            "3:11",
            "unknown variant `warn`",
        ),
        (
            "severity: warning",
            "severty: warning",
            "3:1",
            "unknown field `severty`",
        ),
        (
            "summary: A title says \"synergy\" instead of what the work is.\n",
            "",
            "1:1",
            "missing field `summary`",
        ),
        ("  kind: pattern\n", "", "13:1", "`check` needs a `kind`"),
        (
            "message: \"the title of {name}",
            &long_message,
            "18:10",
            "a template is at most 2000",
        ),
        (
            "message: \"the title of {name}",
            "labels: { forbiden: x }\nmessage: \"the title of {name}",
            "18:11",
            "check kind `pattern` has no label `forbiden`; its labels are `no-match`, `forbidden`",
        ),
        (
            "message: \"the title of {name}",
            "labels: { forbidden: \"says {fund}\" }\nmessage: \"the title of {name}",
            "18:22",
            "nothing fills `{fund}`; did you mean `{found}`?",
        ),
        (
            "message: \"the title of {name}",
            "words: { bogus: x }\nmessage: \"the title of {name}",
            "18:10",
            "check kind `pattern` names no words to word",
        ),
        ("check:", "check: [", "13:8", "invalid type: sequence"),
    ];
    for (from, to, line_column, message) in cases {
        assert!(good.contains(from), "{from}");
        let broken = good.replacen(from, to, 1);
        let stderr = rule_error(&broken);
        assert!(
            stderr.contains(&format!("[policies/rule.yaml:{line_column}]")),
            "{to:?} should point at {line_column}:\n{stderr}"
        );
        assert!(stderr.contains(message), "{to:?}:\n{stderr}");
    }
}

#[test]
fn two_custom_rules_cannot_share_an_id() {
    let dir = project(
        &rule(
            "same",
            "  kind: required-key\n  on: plan\n  key: period\n",
            "x",
        ),
        "plan \"P\" { }\n",
    );
    write(
        dir.path(),
        "policies/second.yaml",
        &rule(
            "same",
            "  kind: required-key\n  on: plan\n  key: challenge\n",
            "y",
        ),
    );
    let output = planlint_wide(dir.path(), &["check", "p.plan"]);
    assert_eq!(output.status, 2);
    let stderr = &output.stderr;
    assert!(stderr.contains("[policies/second.yaml:1:5]"), "{stderr}");
    assert!(
        stderr.contains("also the id of the custom rule in policies/rule.yaml"),
        "{stderr}"
    );
}

/// The README documents the format with these two files, word for word.
#[test]
fn the_readme_shows_the_examples_as_they_are() {
    let readme = std::fs::read_to_string(crate_dir().join("README.md")).unwrap();
    for file in ["paid-needs-budget.yaml", "no-synergy.yaml"] {
        let rule =
            std::fs::read_to_string(crate_dir().join("docs/custom-rules/policies").join(file))
                .unwrap();
        assert!(
            readme.contains(&format!("```yaml\n{rule}```")),
            "README.md should show docs/custom-rules/policies/{file} as it is"
        );
    }
}

#[test]
fn unless_exempts_a_block_only_when_all_its_conditions_hold() {
    // Big-budget tactics must say whom they target, unless they are in EUR
    // and owned by @ana: `days` (EUR, @bob) and `search` (USD, @ana) are
    // judged; `ads` (EUR, @ana) is exempt.
    let dir = project(
        &rule(
            "budget-needs-audience",
            "  kind: required-key\n  on: tactic\n  key: audience\n  \
             unless: { budget: \"/EUR$/\", owner: \"@ana\" }\n",
            "{name} has no audience",
        ),
        PLAN,
    );
    assert_eq!(
        findings_of(dir.path(), "budget-needs-audience"),
        [
            "p.plan:9:3: warning[budget-needs-audience] tactic `search` has no audience",
            "p.plan:10:3: warning[budget-needs-audience] tactic `days` has no audience",
        ]
    );
}

/// Issue 17: a key a custom `required-key` rule requires is a key of the
/// team's language: `unknown-attribute` does not flag it, with or without
/// an `allow` of its own, and still flags other unknown keys.
#[test]
fn a_key_a_custom_rule_requires_is_known_to_unknown_attribute() {
    let dir = tempfile::tempdir().unwrap();
    common::write(
        dir.path(),
        "rules/region.yaml",
        "id: tactic-needs-region\nsummary: A tactic names no region.\nseverity: warning\nwhy: Regions own budgets.\nbad: |\n  plan \"P\" { tactic ads \"Ads\" { channel: email } }\ngood: |\n  plan \"P\" { tactic ads \"Ads\" { channel: email  region: emea } }\ncheck:\n  kind: required-key\n  on: tactic\n  key: [region, kpi]\nmessage: \"{name} names no region\"\n",
    );
    common::write(
        dir.path(),
        "p.plan",
        "plan \"P\" {\n  tactic ads \"Ads\" { region: emea  segment: smb }\n  tactic mail \"Mail\" { channel: email }\n}\n",
    );
    for config in [
        "custom-rules: [rules/*.yaml]\n",
        "custom-rules: [rules/*.yaml]\nrules:\n  unknown-attribute:\n    allow: [campaign]\n",
    ] {
        common::write(dir.path(), ".planlint.yaml", config);
        let run = common::planlint_wide(dir.path(), &["check", "--format", "compact", "p.plan"]);
        let unknown: Vec<&str> = run
            .stdout
            .lines()
            .filter(|line| line.contains("[unknown-attribute]"))
            .collect();
        assert_eq!(unknown.len(), 1, "{config}: {}", run.stdout);
        assert!(unknown[0].contains("`segment`"), "{}", unknown[0]);
        assert!(
            run.stdout
                .contains("[tactic-needs-region] tactic `mail` names no region"),
            "{}",
            run.stdout
        );
    }
}

/// A custom rule words its labels in `labels:`; a label it leaves out gets
/// the words its kind has for every custom rule (`rules/generic/labels.yaml`).
#[test]
fn a_custom_rule_words_its_labels_or_gets_its_kinds_words() {
    let check = "  kind: pattern\n  on: plan\n  key: title\n  forbids: \"(?i)synergy\"\n";
    let generic = project(&rule("no-synergy", check, "says {found}"), PLAN);
    let output = planlint_wide(generic.path(), &["check", "p.plan"]);
    assert!(
        output.stdout.contains("╰── contains `Synergy`"),
        "{}",
        output.stdout
    );
    let own = format!(
        "{}labels:\n  forbidden: \"`{{found}}` is jargon\"\n",
        rule("no-synergy", check, "says {found}")
    );
    let worded = project(&own, PLAN);
    let output = planlint_wide(worded.path(), &["check", "p.plan"]);
    assert!(
        output.stdout.contains("╰── `Synergy` is jargon"),
        "{}",
        output.stdout
    );
}
