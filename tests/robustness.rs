//! No input panics planlint: truncated plans, random bytes, mutated plans,
//! a 10 MB plan. Each run must end with findings (or none), never a panic.

mod common;

use common::lint_options;
use planlint::lint::lint_bytes;
use planlint::rules::RuleSet;

const EXAMPLES: [&str; 2] = [
    include_str!("../examples/fy27-emea-demand-gen.plan"),
    include_str!("../examples/activity-list-2027.plan"),
];

fn lint(rules: &RuleSet, bytes: &[u8]) -> usize {
    lint_bytes(
        "fuzz.plan".into(),
        Ok(bytes.to_vec()),
        rules,
        &lint_options(),
    )
    .findings
    .len()
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn every_truncation_of_the_examples_is_handled() {
    let rules = RuleSet::builtin();
    for example in EXAMPLES {
        for end in 0..=example.len() {
            if example.is_char_boundary(end) {
                lint(&rules, &example.as_bytes()[..end]);
            }
        }
    }
}

#[test]
fn random_bytes_are_handled() {
    let rules = RuleSet::builtin();
    let mut random = Random(0x5eed_1234_abcd_ef01);
    for _ in 0..2_000 {
        let length = random.below(300);
        let bytes: Vec<u8> = (0..length).map(|_| random.next() as u8).collect();
        assert!(
            lint(&rules, &bytes) >= 1,
            "random bytes are never a clean plan"
        );
    }
}

#[test]
fn mutated_plans_are_handled() {
    // Mutations with the characters that matter to the grammar, so that most
    // mutants get far into the parser and the model.
    const PIECES: &[&str] = &[
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "\\",
        "#",
        "@",
        "..",
        "-Q",
        "Q9",
        "\n",
        " ",
        "0",
        "9_",
        "k",
        "%",
        "EUR",
        "mo",
        "d",
        "plan",
        "tactic",
        "kpi",
        "team",
        "owner: ",
        "when: ",
        "é",
        "🎉",
        "\r\n",
        "\t",
        "# planlint: allow(",
        ") until 2027-13-40 -- ",
        "allow-file(x)",
    ];
    let rules = RuleSet::builtin();
    let mut random = Random(0xdead_beef_cafe_f00d);
    for round in 0..3_000 {
        let mut text = EXAMPLES[round % 2].to_string();
        for _ in 0..1 + random.below(4) {
            let mut at = random.below(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            if random.below(3) == 0 {
                let mut end = (at + random.below(12)).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.replace_range(at..end, "");
            } else {
                text.insert_str(at, PIECES[random.below(PIECES.len())]);
            }
        }
        lint(&rules, text.as_bytes());
    }
}

#[test]
fn a_ten_megabyte_plan_is_linted() {
    let mut text = String::from("plan \"Huge\" {\n  owner: @ana\n  challenge: \"Scale\"\n  period: 2027-Q1..2027-Q4\n  strategy growth \"Grow\"\n  team { member @ana { capacity: 999999d } }\n  objective leads \"Leads\" {\n    owner: @ana\n    supports: growth\n    kpi mqls { stage: engagement  target: 500  due: 2027-Q4  source: hubspot }\n  }\n");
    let mut index = 0;
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(&format!(
            "  tactic t{index} \"Tactic {index}\" {{\n    owner: @ana\n    supports: leads\n    audience: \"Segment {index}\"\n    when: 2027-Q{}\n    effort: 1d\n    kpi k{index} {{ stage: engagement  target: 10  due: 2027-Q4  source: hubspot }}\n  }}\n",
            index % 4 + 1
        ));
        index += 1;
    }
    text.push_str("}\n");
    let rules = RuleSet::builtin();
    let report = lint_bytes(
        "huge.plan".into(),
        Ok(text.into_bytes()),
        &rules,
        &lint_options(),
    );
    let rules_found: std::collections::BTreeSet<&str> = report
        .findings
        .iter()
        .map(|finding| finding.rule.as_str())
        .collect();
    assert!(!rules_found.contains("syntax-error"), "{rules_found:?}");
}
