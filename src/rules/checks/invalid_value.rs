//! `invalid-value`: a value of the wrong type for its key, or a malformed
//! one (`effort: "lots"`, `when: 2027-Q5`), and a key given twice in a block.
//!
//! Why: the model cannot count what it cannot read; every rule that needs
//! the value skips it, so this is the one finding about it. The model has
//! already decided what is invalid; this check only reports it, at the value.

use std::borrow::Cow;
use std::sync::OnceLock;

use serde::Deserialize;

use super::{label, Check, CheckContext, CheckError, CheckKind, Hit, LabelSlot, Selector, Spot};
use crate::diagnostics::{Fix, Safety};
use crate::model::time::{FIRST_YEAR, LAST_YEAR};
use crate::model::{schema, InvalidValue, KeyStatus, Problem, Value, ValueType};
use crate::rules::rule_file::{RuleFile, BUILTIN_RULES_JSON};
use crate::rules::{templates, words};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvalidValues {}

impl CheckKind for InvalidValues {
    const NAME: &'static str = "invalid-value";
    const SUMMARY: &'static str = "every value is of its key's type, and given once (`invalid-value`)";
    const VARIABLES: &'static [&'static str] = &[
        "key",
        "value",
        "written",
        "shape",
        "number",
        "first",
        "last",
        "first-year",
        "last-year",
        "expected",
        "line",
        "replacement",
    ];
    /// The main message is a value of the wrong shape (`effort: "lots"`).
    const CASES: &'static [&'static str] = &[
        "repeated",
        "wrong-shape-in-list",
        "not-a-stage",
        "percentage",
        "quarter-number",
        "outside-years",
        "range-backwards",
        "not-a-calendar-date",
        "too-large",
        "no-unit",
        "not-an-effort",
        "not-a-duration",
        "not-money",
        "no-currency",
        "not-a-currency-code",
        "money",
        "not-a-number",
    ];
    /// On a key given again (`given-again`), and on an invalid value
    /// (`expected`: `{expected}` is what the key takes, in short).
    const LABELS: &'static [LabelSlot] = &[label("given-again", &[]), label("expected", &["expected"])];
    type Params = InvalidValues;

    fn compile(params: InvalidValues, _: Selector) -> Result<InvalidValues, CheckError> {
        Ok(params)
    }
}

impl Check for InvalidValues {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Vec<Hit>) {
        for (index, block) in context.plan.blocks.iter().enumerate() {
            for attribute in &block.attributes {
                if let KeyStatus::Repeated { first } = attribute.status {
                    let line = context.lines.line(first.start);
                    hits.push(
                        Hit::new(index, Spot::new(attribute.key_span, "given-again"))
                            .case("repeated")
                            .var("key", attribute.key)
                            .var("line", line.to_string()),
                    );
                    continue;
                }
                let items: Vec<(&Value<'_>, crate::model::Span)> = match &attribute.value {
                    Value::List(items) => {
                        items.iter().map(|item| (&item.value, item.span)).collect()
                    }
                    value => vec![(value, attribute.span)],
                };
                for (value, span) in items {
                    if let Value::Invalid(invalid) = value {
                        let written = span.text(context.source);
                        let expected = Spot::new(span, "expected")
                            .var("expected", short(words::expected(invalid.expected)));
                        let mut hit = Hit::new(index, expected);
                        if let Some(quarter) = year_for_quarter(context, attribute.key, written) {
                            hit = hit
                                .var("replacement", quarter.clone())
                                .fix(Fix::replace(Safety::Safe, span, quarter));
                        }
                        hit.case = case(&invalid.problem);
                        hit.vars.extend(variables(invalid, None));
                        hits.push(
                            hit.var("key", attribute.key)
                                .var("value", span.text(context.source)),
                        );
                    }
                }
            }
        }
    }
}

/// Which of `rules/invalid-value.yaml`'s cases words a problem; `None`
/// for its main message (a value of the wrong shape).
fn case(problem: &Problem) -> Option<&'static str> {
    Some(match problem {
        Problem::WrongShape { .. } => return None,
        Problem::WrongShapeInList { .. } => "wrong-shape-in-list",
        Problem::NotAStage { .. } => "not-a-stage",
        Problem::Percentage { .. } => "percentage",
        Problem::QuarterNumber { .. } => "quarter-number",
        Problem::OutsideYears { .. } => "outside-years",
        Problem::RangeBackwards { .. } => "range-backwards",
        Problem::NotACalendarDate { .. } => "not-a-calendar-date",
        Problem::TooLarge { .. } => "too-large",
        Problem::NoUnit { .. } => "no-unit",
        Problem::NotAnEffort { .. } => "not-an-effort",
        Problem::NotADuration { .. } => "not-a-duration",
        Problem::NotMoney { .. } => "not-money",
        Problem::NoCurrency { .. } => "no-currency",
        Problem::NotACurrencyCode { .. } => "not-a-currency-code",
        Problem::Money { .. } => "money",
        Problem::NotANumber { .. } => "not-a-number",
    })
}

/// The variables of a problem: the text it is about (`{written}`, kept
/// short; `as_written` swaps the text the model read for what a person
/// wrote), its details, and what the place takes (`{expected}`).
fn variables(
    invalid: &InvalidValue,
    as_written: Option<(&str, &str)>,
) -> Vec<(&'static str, String)> {
    let mut vars = vec![("expected", words::expected(invalid.expected).to_string())];
    if let Some(written) = invalid.problem.written() {
        let written = match as_written {
            Some((read, person)) if read == written => person,
            _ => written,
        };
        vars.push(("written", shorten(written).into_owned()));
    }
    match &invalid.problem {
        Problem::WrongShape { shape, .. } | Problem::WrongShapeInList { shape, .. } => {
            vars.push(("shape", words::shape(*shape).to_string()));
        }
        Problem::QuarterNumber { number, .. } => vars.push(("number", number.clone())),
        Problem::OutsideYears { .. } => {
            vars.push(("first-year", FIRST_YEAR.to_string()));
            vars.push(("last-year", LAST_YEAR.to_string()));
        }
        Problem::RangeBackwards { first, last } => {
            vars.push(("first", first.to_string()));
            vars.push(("last", last.to_string()));
        }
        _ => {}
    }
    vars
}

/// What every message of `invalid-value` but `repeated` starts with: the
/// key. Notes and errors that name the key their own way leave it out.
const KEY_LEAD: &str = "`{key}`: ";

/// A value's problem in the words of `rules/invalid-value.yaml`, without
/// the key its findings start with: `import`'s notes (which name the cell)
/// and errors in rule parameters say it this way. `as_written` is the text
/// the model read and the text a person wrote, when they differ (`2027-Q5`
/// read from a cell that says `Q5`): the words name what was written.
pub fn problem_words(invalid: &InvalidValue, as_written: Option<(&str, &str)>) -> String {
    static RULE: OnceLock<RuleFile> = OnceLock::new();
    let rule = RULE.get_or_init(|| {
        BUILTIN_RULES_JSON
            .iter()
            .find(|embedded| embedded.stem == InvalidValues::NAME)
            .expect("invalid-value is a built-in rule")
            .load()
    });
    let (message, _, _) = rule.wording(case(&invalid.problem));
    let template = message.strip_prefix(KEY_LEAD).unwrap_or(message);
    let variables = variables(invalid, as_written);
    let vars: [&[(&'static str, String)]; 1] = [&variables];
    let fillers = templates::Fillers {
        vars: &vars,
        lists: &[],
        words: &[],
        dictionary: &std::collections::BTreeMap::new(),
        labels: &std::collections::BTreeMap::new(),
        block: None,
        source: "",
    };
    templates::render(template, &fillers)
}

/// Keeps messages short when a value is long.
fn shorten(text: &str) -> Cow<'_, str> {
    const LIMIT: usize = 40;
    if text.chars().count() <= LIMIT && !text.contains('\n') {
        return Cow::Borrowed(text);
    }
    let head: String = text
        .chars()
        .take_while(|&c| c != '\n')
        .take(LIMIT)
        .collect();
    Cow::Owned(format!("{head}…"))
}

/// "a quarter, e.g. …" → "a quarter" for a label.
fn short(expected: &str) -> &str {
    expected.split(", e.g.").next().unwrap_or(expected)
}

/// `Q3` where a quarter is wanted, in a plan whose `period` lies in one
/// year: `2027-Q3`, since the plan can mean no other. Nothing otherwise.
fn year_for_quarter(context: &CheckContext<'_, '_>, key: &str, written: &str) -> Option<String> {
    let takes_quarters = schema::key_spec(key).is_some_and(|spec| {
        matches!(
            spec.value,
            ValueType::QuarterRange | ValueType::QuarterOrRange | ValueType::QuarterOrDate
        )
    });
    let number = written.strip_prefix(['Q', 'q'])?;
    if !takes_quarters || !matches!(number, "1" | "2" | "3" | "4") {
        return None;
    }
    let period = context.plan.plan().quarter_range("period")?;
    (period.first.year == period.last.year).then(|| format!("{}-Q{number}", period.first.year))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::rule_file::BUILTIN_RULE_FILES;
    use crate::rules::{check_settings, RuleSettings};
    use crate::rules::checks::Origin;

    fn rule_text() -> &'static str {
        BUILTIN_RULE_FILES
            .iter()
            .find(|(stem, _)| *stem == InvalidValues::NAME)
            .map(|(_, text)| *text)
            .unwrap()
    }

    /// A case's template may only name what the kind provides: the loader
    /// refuses anything else at that template, as for any rule.
    #[test]
    fn a_placeholder_the_kind_does_not_provide_is_refused() {
        let text = rule_text().replace(
            "is not a funnel stage\"",
            "is not a funnel stage ({stages})\"",
        );
        assert_ne!(text, rule_text(), "the case to break is in the rule file");
        let file = RuleFile::parse(&text).unwrap();
        let error = check_settings(&file, Origin::BuiltIn, &RuleSettings::default())
            .expect_err("`{stages}` is no variable of invalid-value");
        assert!(
            error.message.contains("nothing fills `{stages}`"),
            "{}",
            error.message
        );
        assert_eq!(
            error.at,
            crate::yaml::YamlPath::value(["cases", "not-a-stage", "message"])
        );
        // The rule as shipped loads.
        let shipped = RuleFile::parse(rule_text()).unwrap();
        assert!(check_settings(&shipped, Origin::BuiltIn, &RuleSettings::default()).is_ok());
    }

    /// Every case the kind declares is worded in the rule file, and every
    /// message but `repeated` starts with the key, which `problem_words`
    /// leaves out for notes that name the key their own way.
    #[test]
    fn every_case_is_worded_and_starts_with_the_key() {
        let rule = RuleFile::parse(rule_text()).unwrap();
        let message = &rule.wordings().message;
        assert!(message.starts_with(KEY_LEAD), "{message}");
        for case in InvalidValues::CASES {
            let wording = rule
                .wordings()
                .cases
                .get(*case)
                .unwrap_or_else(|| panic!("case `{case}` has no wording"));
            assert_eq!(
                wording.message.starts_with(KEY_LEAD),
                *case != "repeated",
                "{case}: {}",
                wording.message
            );
        }
    }

    /// Import names the text a person wrote, not what was read from it.
    #[test]
    fn problem_words_name_what_was_written() {
        let invalid = InvalidValue {
            problem: Problem::QuarterNumber {
                written: "2027-Q5".to_string(),
                number: "5".to_string(),
            },
            expected: crate::model::Expected::Type(ValueType::QuarterOrRange),
        };
        assert_eq!(
            problem_words(&invalid, None),
            "`2027-Q5` is not a quarter: quarters are Q1 to Q4, not Q5"
        );
        assert_eq!(
            problem_words(&invalid, Some(("2027-Q5", "Q5"))),
            "`Q5` is not a quarter: quarters are Q1 to Q4, not Q5"
        );
        assert_eq!(
            problem_words(&invalid, Some(("2028-Q5", "Q5"))),
            "`2027-Q5` is not a quarter: quarters are Q1 to Q4, not Q5"
        );
    }

    /// A long value is cut in the words, at 40 characters or its first line.
    #[test]
    fn long_values_are_shortened() {
        let invalid = InvalidValue {
            problem: Problem::NotAStage {
                written: "a".repeat(50),
            },
            expected: crate::model::Expected::Type(ValueType::Stage),
        };
        assert_eq!(
            problem_words(&invalid, None),
            format!("`{}…` is not a funnel stage", "a".repeat(40))
        );
    }
}
