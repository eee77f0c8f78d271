//! `invalid-value`: a value of the wrong type for its key, or a malformed
//! one (`effort: "lots"`, `when: 2027-Q5`), and a key given twice in a block.
//!
//! Why: the model cannot count what it cannot read; every rule that needs
//! the value skips it, so this is the one finding about it. The model has
//! already decided what is invalid; this check only reports it, at the value.

use serde::Deserialize;

use super::{Check, CheckContext, CheckError, CheckKind, Hit, Selector, label, LabelSlot, Spot};
use crate::diagnostics::{Fix, Safety};
use crate::model::{schema, KeyStatus, Value, ValueType};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvalidValues {}

impl CheckKind for InvalidValues {
    const NAME: &'static str = "invalid-value";
    const SUMMARY: &'static str = "every value is of its key's type, and given once (`invalid-value`)";
    const VARIABLES: &'static [&'static str] = &["key", "value", "problem", "fix", "replacement"];
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
                            .var("key", attribute.key)
                            .var(
                                "problem",
                                format!(
                                    "`{}` is given twice in {}; only the first, on line {line}, counts",
                                    attribute.key,
                                    block.describe()
                                ),
                            )
                            .var("fix", format!("Keep one `{}:` line in this block.", attribute.key)),
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
                            .var("expected", short(invalid.expected));
                        let mut hit = Hit::new(index, expected);
                        if let Some(quarter) = year_for_quarter(context, attribute.key, written) {
                            hit = hit
                                .var("replacement", quarter.clone())
                                .fix(Fix::replace(Safety::Safe, span, quarter));
                        }
                        hits.push(
                            hit
                            .var("key", attribute.key)
                            .var("value", span.text(context.source))
                            .var(
                                "problem",
                                format!("`{}`: {}", attribute.key, invalid.problem),
                            )
                            .var(
                                "fix",
                                format!("`{}` takes {}.", attribute.key, invalid.expected),
                            ),
                        );
                    }
                }
            }
        }
    }
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
