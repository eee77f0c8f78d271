//! `planlint fmt`: the formatter's three properties on every fixture,
//! example and a generated corpus, and the command line.
//!
//! Properties: formatting twice equals formatting once; the formatted plan
//! gets the same findings (rule, severity and block; positions move); every
//! comment is still there, in order.

mod common;

use std::path::PathBuf;

use common::{crate_dir, lint_options, planlint, planlint_with_stdin, plans_under, write};
use planlint::format::format;
use planlint::lint::lint_bytes;
use planlint::rules::RuleSet;

/// What a plan's findings say, without where: (rule, severity, block).
fn findings(text: &str, rules: &RuleSet) -> Vec<String> {
    let report = lint_bytes(
        "p.plan".into(),
        Ok(text.as_bytes().to_vec()),
        rules,
        &lint_options(),
    );
    let mut found: Vec<String> = report
        .findings
        .iter()
        .map(|finding| format!("{} {} {:?}", finding.rule, finding.severity, finding.block))
        .collect();
    found.sort();
    found
}

fn comments(text: &str) -> Vec<String> {
    planlint::syntax::parse(text)
        .map(|tree| {
            tree.comments
                .iter()
                .map(|comment| comment.span.text(text).trim_end().to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn check_properties(name: &str, text: &str, rules: &RuleSet) -> bool {
    let Ok(once) = format(text) else {
        return false; // does not parse: fmt leaves it alone (tested below)
    };
    let twice = format(&once)
        .unwrap_or_else(|error| panic!("{name}: formatted text does not parse: {error:?}\n{once}"));
    assert_eq!(once, twice, "{name}: formatting twice differs from once");
    assert_eq!(
        findings(text, rules),
        findings(&once, rules),
        "{name}: findings changed\n{once}"
    );
    assert_eq!(
        comments(text),
        comments(&once),
        "{name}: comments changed\n{once}"
    );
    true
}

fn repository_plans() -> Vec<PathBuf> {
    let mut dirs = vec![
        crate_dir().join("fixtures"),
        crate_dir().join("examples"),
        crate_dir().join("docs"),
    ];
    let shared = crate_dir().join("../shared/examples");
    if shared.is_dir() {
        dirs.push(shared);
    }
    dirs.iter().flat_map(|dir| plans_under(dir)).collect()
}

#[test]
fn formatting_is_idempotent_and_keeps_findings_and_comments_on_every_plan() {
    let rules = RuleSet::builtin();
    let mut formatted = 0;
    for path in repository_plans() {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        if check_properties(&path.display().to_string(), &text, &rules) {
            formatted += 1;
        }
    }
    assert!(formatted > 60, "{formatted} plans formatted");
}

/// A small deterministic generator (xorshift), so the corpus is the same
/// on every run.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// The plan with its layout scrambled: runs of spaces widened, some line
/// breaks doubled, spaces added around `:`, `{`, `}` and `,`; strings and
/// comments untouched.
fn scramble(text: &str, noise: &mut Noise) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut in_string = false;
    let mut in_comment = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_comment {
            out.push(c);
            in_comment = c != '\n';
            continue;
        }
        if in_string {
            out.push(c);
            in_string = escaped || c != '"';
            escaped = !escaped && c == '\\';
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '#' => {
                in_comment = true;
                out.push(c);
            }
            ' ' => out.push_str(&" ".repeat(1 + (noise.next() % 3) as usize)),
            '\n' if noise.next().is_multiple_of(4) => out.push_str("\n\n"),
            '{' | '}' | ',' | '[' | ']' if noise.next().is_multiple_of(2) => {
                out.push(' ');
                out.push(c);
                out.push(' ');
            }
            _ => out.push(c),
        }
    }
    out
}

#[test]
fn the_properties_hold_on_a_generated_corpus_of_a_thousand_plans() {
    let rules = RuleSet::builtin();
    let sources: Vec<String> = repository_plans()
        .iter()
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .filter(|text| format(text).is_ok())
        .collect();
    let mut noise = Noise(0x9e37_79b9_7f4a_7c15);
    let mut checked = 0;
    for i in 0..1000 {
        let source = &sources[i % sources.len()];
        let scrambled = scramble(source, &mut noise);
        if check_properties(&format!("generated plan {i}"), &scrambled, &rules) {
            checked += 1;
        }
    }
    assert!(checked > 900, "{checked} of 1000 generated plans parsed");
}

const UNFORMATTED: &str = "plan   \"P\" {\n  owner:@ana\n    challenge: \"x\"\n}\n";
const FORMATTED: &str = "plan \"P\" {\n  owner: @ana\n  challenge: \"x\"\n}\n";

#[test]
fn fmt_rewrites_only_what_changes() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.plan", UNFORMATTED);
    write(dir.path(), "b.plan", FORMATTED);
    let before = std::fs::metadata(dir.path().join("b.plan"))
        .unwrap()
        .modified()
        .unwrap();
    let run = planlint(dir.path(), &["fmt", "."]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.plan")).unwrap(),
        FORMATTED
    );
    let after = std::fs::metadata(dir.path().join("b.plan"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after, "an already formatted file is not written");
    assert!(
        run.stderr
            .contains("1 file reformatted, 1 already formatted"),
        "{}",
        run.stderr
    );
}

#[test]
fn fmt_check_and_diff_write_nothing_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.plan", UNFORMATTED);
    let check = planlint(dir.path(), &["fmt", "--check", "a.plan"]);
    assert_eq!(check.status, 1);
    assert_eq!(check.stdout, "Would reformat: a.plan\n");
    let diff = planlint(dir.path(), &["fmt", "--diff", "a.plan"]);
    assert_eq!(diff.status, 1);
    assert!(
        diff.stdout.starts_with("--- a.plan\n+++ a.plan\n"),
        "{}",
        diff.stdout
    );
    assert!(diff.stdout.contains("-  owner:@ana\n"), "{}", diff.stdout);
    assert!(diff.stdout.contains("+  owner: @ana\n"), "{}", diff.stdout);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.plan")).unwrap(),
        UNFORMATTED
    );
    write(dir.path(), "a.plan", FORMATTED);
    assert_eq!(
        planlint(dir.path(), &["fmt", "--check", "a.plan"]).status,
        0
    );
}

#[test]
fn a_plan_that_does_not_parse_is_left_alone_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let broken = "plan \"P\" {\n  tactic a \"A\" {\n    owner:   @ana\n}\n";
    write(dir.path(), "broken.plan", broken);
    let run = planlint(dir.path(), &["fmt", "broken.plan"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("the `tactic` block opened on line 2 is never closed"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("was not formatted"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("broken.plan")).unwrap(),
        broken
    );
}

#[test]
fn fmt_reads_stdin_and_writes_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let run = planlint_with_stdin(dir.path(), &["fmt", "-"], UNFORMATTED.as_bytes());
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.stdout, FORMATTED);
    let broken = planlint_with_stdin(dir.path(), &["fmt", "-"], b"plan \"P\" {");
    assert_eq!(broken.status, 2);
    assert_eq!(
        broken.stdout, "plan \"P\" {",
        "an unparsable plan comes back as it was"
    );
}

/// The repository's own plans are written the way `planlint fmt` writes
/// them. Left out: `examples/`, which are byte-for-byte copies of the
/// spec's examples, and plans that do not parse (the syntax-error
/// fixtures), which `fmt` leaves alone by design.
#[test]
fn the_repositorys_own_plans_are_formatted() {
    let plans: Vec<PathBuf> = ["fixtures", "docs", "judgment"]
        .iter()
        .flat_map(|dir| plans_under(&crate_dir().join(dir)))
        .collect();
    assert!(plans.len() > 90, "found only {} plans", plans.len());
    let unformatted: Vec<String> = plans
        .iter()
        .filter(|path| {
            let Ok(text) = std::fs::read_to_string(path) else {
                return false; // not UTF-8: the unreadable-file fixtures
            };
            format(&text).is_ok_and(|formatted| formatted != text)
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(
        unformatted.is_empty(),
        "run `planlint fmt` on: {unformatted:?}"
    );
}
