//! The parser and the model on every value type of LANGUAGE.md, on
//! comments, and on malformed input (message and position pinned).

use planlint::diagnostics::Finding;
use planlint::model::{self, Rational, Value};
use planlint::rules::RuleSet;
use planlint::source::SourceFile;
use planlint::syntax::{self, BlockKind};

/// Parses `plan "P" { key: VALUE }` and returns the model's value for `key` on the plan.
fn typed(key: &str, value: &str, on: &str) -> String {
    let text = match on {
        "plan" => format!("plan \"P\" {{ {key}: {value} }}"),
        "tactic" => format!("plan \"P\" {{ tactic t {{ {key}: {value} }} }}"),
        "kpi" => format!("plan \"P\" {{ tactic t {{ kpi k {{ {key}: {value} }} }} }}"),
        "partner" => format!("plan \"P\" {{ team {{ partner @p {{ {key}: {value} }} }} }}"),
        _ => unreachable!(),
    };
    let tree = syntax::parse(&text).unwrap_or_else(|error| panic!("{text}: {error:?}"));
    let plan = model::build(&text, &tree);
    let block = plan
        .blocks
        .iter()
        .find(|block| block.has(key))
        .expect("the key is on a block");
    describe(block.value(key).unwrap())
}

fn describe(value: &Value<'_>) -> String {
    match value {
        Value::Text(text) => format!("text {text:?}"),
        Value::Word(word) => format!("word {word}"),
        Value::Reference(reference) => format!("reference {}", reference.name),
        Value::Person(person) => format!("person {}", person.name),
        Value::Boolean(flag) => format!("boolean {flag}"),
        Value::Number(number) => format!("number {}", exact(*number)),
        Value::Percentage(number) => format!("percentage {}", exact(*number)),
        Value::Effort(effort) => format!("effort {} person-days", exact(effort.person_days)),
        Value::Duration(duration) => format!("duration {} days", exact(duration.days)),
        Value::Money(money) => format!("money {} {}", exact(money.amount), money.currency),
        Value::Quarter(quarter) => format!("quarter {quarter}"),
        Value::QuarterRange(range) => format!("range {} to {}", range.first, range.last),
        Value::Date(date) => format!("date {date}"),
        Value::Stage(stage) => format!("stage {stage:?}"),
        Value::List(items) => format!(
            "list [{}]",
            items
                .iter()
                .map(|item| describe(&item.value))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Invalid(invalid) => {
            format!("invalid: {}", planlint::rules::problem_words(invalid, None))
        }
    }
}

/// Rational values as `n/d` so the test sees the arithmetic, not a rounding.
fn exact(value: Rational) -> String {
    if value.is_integer() {
        value.numerator().to_string()
    } else {
        format!("{}/{}", value.numerator(), value.denominator())
    }
}

#[test]
fn every_value_type_is_read_for_its_key() {
    let cases = [
        (
            "challenge",
            "\"say \\\"hi\\\"\"",
            "plan",
            "text \"say \\\"hi\\\"\"",
        ),
        (
            "challenge",
            "\"two\n  lines\\nand a break\"",
            "plan",
            "text \"two\\n  lines\\nand a break\"",
        ),
        ("target", "120", "kpi", "number 120"),
        ("target", "1.5", "kpi", "number 3/2"),
        ("target", "1_200", "kpi", "number 1200"),
        ("target", "15k", "kpi", "number 15000"),
        ("target", "2M", "kpi", "number 2000000"),
        ("target", "30%", "kpi", "percentage 30"),
        ("baseline", "2.5%", "kpi", "percentage 5/2"),
        ("effort", "40d", "tactic", "effort 40 person-days"),
        ("effort", "2w", "tactic", "effort 10 person-days"),
        ("effort", "16h", "tactic", "effort 2 person-days"),
        ("effort", "1h", "tactic", "effort 1/8 person-days"),
        ("lead-time", "120d", "partner", "duration 120 days"),
        ("lead-time", "6w", "partner", "duration 42 days"),
        ("lead-time", "3mo", "partner", "duration 90 days"),
        ("budget", "20k EUR", "plan", "money 20000 EUR"),
        ("budget", "1.2M USD", "plan", "money 1200000 USD"),
        ("budget", "950 GBP", "plan", "money 950 GBP"),
        ("when", "2027-Q1", "tactic", "quarter Q1 2027"),
        (
            "when",
            "2027-Q1..2027-Q4",
            "tactic",
            "range Q1 2027 to Q4 2027",
        ),
        ("due", "2027-03-31", "kpi", "date 2027-03-31"),
        ("due", "2027-Q3", "kpi", "quarter Q3 2027"),
        ("owner", "@lee.chen", "tactic", "person lee.chen"),
        ("supports", "pipeline", "tactic", "reference pipeline"),
        (
            "supports",
            "[pipeline, brand]",
            "tactic",
            "list [reference pipeline, reference brand]",
        ),
        (
            "supports",
            "[pipeline, brand,]",
            "tactic",
            "list [reference pipeline, reference brand]",
        ),
        ("foundational", "true", "tactic", "boolean true"),
        ("foundational", "false", "tactic", "boolean false"),
        ("channel", "paid-social", "tactic", "word paid-social"),
        (
            "channel",
            "\"paid social\"",
            "tactic",
            "text \"paid social\"",
        ),
        ("stage", "opportunity", "kpi", "stage Opportunity"),
        // A key of the team's own: read by the look of its value.
        ("region", "emea", "tactic", "word emea"),
        (
            "score",
            "[1, 2.5, 30%]",
            "tactic",
            "list [number 1, number 5/2, percentage 30]",
        ),
    ];
    for (key, value, on, expected) in cases {
        assert_eq!(typed(key, value, on), expected, "{key}: {value}");
    }
}

#[test]
fn wrong_and_malformed_values_are_invalid_not_errors() {
    let cases = [
        (
            "effort",
            "\"lots\"",
            "tactic",
            "invalid: `\"lots\"` is a string",
        ),
        ("when", "Q1", "tactic", "invalid: `Q1` is a bare word"),
        (
            "when",
            "2027-Q5",
            "tactic",
            "invalid: `2027-Q5` is not a quarter: quarters are Q1 to Q4, not Q5",
        ),
        (
            "when",
            "2027-Q3..2027-Q1",
            "tactic",
            "invalid: the range ends (Q1 2027) before it starts (Q3 2027)",
        ),
        (
            "due",
            "2027-02-29",
            "kpi",
            "invalid: `2027-02-29` is not a date in the calendar",
        ),
        (
            "due",
            "3027-Q1",
            "kpi",
            "invalid: `3027-Q1` is outside the years 1900 to 2199",
        ),
        (
            "when",
            "20277-Q1",
            "tactic",
            "invalid: `20277-Q1` is outside the years 1900 to 2199",
        ),
        (
            "due",
            "20277-01-01",
            "kpi",
            "invalid: `20277-01-01` is outside the years 1900 to 2199",
        ),
        ("effort", "40", "tactic", "invalid: `40` has no unit"),
        ("effort", "3mo", "tactic", "invalid: `3mo` is not an effort"),
        (
            "lead-time",
            "16h",
            "partner",
            "invalid: `16h` is not a calendar duration",
        ),
        ("budget", "20k", "plan", "invalid: `20k` has no currency"),
        (
            "budget",
            "20k EURO",
            "plan",
            "invalid: `EURO` is not a currency code",
        ),
        (
            "target",
            "99999999999999999999",
            "kpi",
            "invalid: `99999999999999999999` is too large a number",
        ),
        (
            "stage",
            "interest",
            "kpi",
            "invalid: `interest` is not a funnel stage",
        ),
        (
            "foundational",
            "yes",
            "tactic",
            "invalid: `yes` is a bare word",
        ),
    ];
    for (key, value, on, expected) in cases {
        assert_eq!(typed(key, value, on), expected, "{key}: {value}");
    }
}

#[test]
fn comments_are_kept_with_spans_and_several_attributes_share_a_line() {
    let text = "# top\nplan \"P\" { owner: @a  period: 2027-Q1  # trailing\r\n  challenge: \"has # no comment\"\n}\n";
    let tree = syntax::parse(text).unwrap();
    let comments: Vec<(&str, bool)> = tree
        .comments
        .iter()
        .map(|comment| (comment.span.text(text), comment.own_line))
        .collect();
    assert_eq!(comments, [("# top", true), ("# trailing", false)]);
    let plan = model::build(text, &tree);
    let keys: Vec<&str> = plan
        .plan()
        .attributes
        .iter()
        .map(|attribute| attribute.key)
        .collect();
    assert_eq!(keys, ["owner", "period", "challenge"]);
}

#[test]
fn blocks_keep_kind_id_title_and_spans() {
    let text = "plan \"P\" {\n  team core { member @kim { capacity: 30d } }\n  strategy growth \"Grow\"\n  tactic t {}\n}";
    let tree = syntax::parse(text).unwrap();
    let plan = model::build(text, &tree);
    let summary: Vec<(BlockKind, Option<&str>, Option<&str>)> = plan
        .blocks
        .iter()
        .map(|block| (block.kind, block.id, block.title.as_deref()))
        .collect();
    assert_eq!(
        summary,
        [
            (BlockKind::Plan, None, Some("P")),
            (BlockKind::Team, Some("core"), None),
            (BlockKind::Member, Some("kim"), None),
            (BlockKind::Strategy, Some("growth"), Some("Grow")),
            (BlockKind::Tactic, Some("t"), None),
        ]
    );
    let tactic = &plan.blocks[4];
    assert_eq!(tactic.header.text(text), "tactic t");
    assert_eq!(tactic.span.text(text), "tactic t {}");
    assert_eq!(plan.blocks[2].parent, Some(1));
}

/// (input, expected message fragment, line, column of the primary span)
const MALFORMED: &[(&str, &str, usize, usize)] = &[
    ("", "this file has no `plan` block", 1, 1),
    ("{", "expected a `plan` block, found `{`", 1, 1),
    (
        "plan \"P\" {",
        "expected `}` to close the `plan` block opened on line 1",
        1,
        11,
    ),
    (
        "plan \"P\" {\n  tactic t {\n    owner: @a\n",
        "expected `}` to close the `tactic` block opened on line 2",
        4,
        1,
    ),
    (
        "plan \"P\" {\n  challenge: \"open\n}\n",
        "unterminated string",
        2,
        14,
    ),
    (
        "plan \"P\" {\n  owner:\n}",
        "expected a value after `owner:`, found `}`",
        3,
        1,
    ),
    (
        "plan \"P\" {\n  owner @a\n}",
        "expected `:` after `owner`",
        2,
        8,
    ),
    (
        "plan \"P\" {\n  supports: [a b]\n}",
        "expected `,` or `]` in the list, found `b`",
        2,
        16,
    ),
    (
        "plan \"P\" {\n  supports: [a,\n}",
        "expected a value in the list, found `}`",
        3,
        1,
    ),
    (
        "plan \"P\" {\n  campaign c {}\n}",
        "`campaign` is not a kind of block",
        2,
        3,
    ),
    (
        "plan \"P\" {\n  tactic t { tactic u {} }\n}",
        "a `tactic` block cannot stand inside a `tactic` block",
        2,
        14,
    ),
    (
        "tactic t {}",
        "a `tactic` block cannot stand at the top of the file",
        1,
        1,
    ),
    (
        "plan \"P\" {}\nplan \"Q\" {}",
        "a second `plan` block starts here (the first is on line 1)",
        2,
        1,
    ),
    ("plan \"P\" {}\n}", "this `}` closes no block", 2, 1),
    (
        "plan \"P\" { owner: = }",
        "expected a value after `owner:`, found `=`",
        1,
        19,
    ),
];

/// The `syntax-error` finding a plan gets, worded by the rule's file.
fn syntax_error_of(input: &str) -> Finding {
    let error = syntax::parse(input).expect_err(input);
    RuleSet::builtin().syntax_error(error)
}

#[test]
fn malformed_input_gets_a_plain_message_at_the_right_spot() {
    let unfilled = regex::Regex::new(r"\{[a-z-]+\}").unwrap();
    for &(input, message, line, column) in MALFORMED {
        let error = syntax_error_of(input);
        assert!(
            error.message.contains(message),
            "{input:?}: got {:?}",
            error.message
        );
        let file = SourceFile::new("p.plan", input);
        let at = file.line_column(error.primary.span.start);
        assert_eq!(
            (at.line, at.column),
            (line, column),
            "{input:?}: {}",
            error.message
        );
        assert!(
            error.help.as_ref().is_some_and(|help| {
                !unfilled.is_match(help) && !unfilled.is_match(&error.message)
            }),
            "{input:?}: a syntax error says what to do, every placeholder filled: {:?}",
            error.help
        );
        for internal in [
            "block_rest",
            "attribute_rest",
            "EOI",
            "identifier",
            "amount",
        ] {
            assert!(
                !error.message.contains(internal),
                "{input:?}: no grammar rule names"
            );
        }
    }
}

#[test]
fn nesting_is_limited_before_pest_recurses() {
    let deep = format!("plan \"P\" {}", "{".repeat(200_000));
    let error = syntax_error_of(&deep);
    assert!(
        error.message.contains("nested more than"),
        "{}",
        error.message
    );
}
