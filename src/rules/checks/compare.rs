//! `compare`: one value of a block must lie above (`above`) or below
//! (`below`) another value of the same block, e.g. a KPI's `target` above
//! its `baseline` (`target-not-above-baseline`).
//!
//! Why: a goal that does not move the measure is no goal, and two values
//! of one block that contradict each other are easy to miss in review
//! because each reads well on its own. Generic, so custom rules can say
//! "`max-spend` above `budget`" too.
//!
//! Parameters: the shared selector (`on`, `when`, `unless`), `key` (the
//! value judged), and `above` or `below` (the key it is compared with).
//! Only values of the same type are compared: numbers, percentages,
//! efforts, calendar durations, money in one currency. A number against a
//! percentage, or two currencies, is not comparable and is skipped; so is
//! a block without either key (`required-key` rules report that) or with
//! an invalid value (`invalid-value` does). Points at `key`'s value, with
//! the other value as a secondary label.
//!
//! Template variables: `{key}`, `{value}` (as written), `{other-key}`,
//! `{other-value}`, `{relation}` (`above`, `below`).

use serde::Deserialize;

use super::{label, Check, CheckContext, CheckError, CheckKind, Hit, Hits, LabelSlot, Selector, Spot};
use crate::model::{Rational, Value};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    key: String,
    #[serde(default)]
    above: Option<String>,
    #[serde(default)]
    below: Option<String>,
}

#[derive(Debug)]
pub struct Compare {
    selector: Selector,
    key: String,
    other: String,
    /// `true`: `key` must be above `other`; `false`: below.
    above: bool,
}

impl CheckKind for Compare {
    const NAME: &'static str = "compare";
    const SUMMARY: &'static str = "a value (`key`) that is not `above` (or `below`) another value of the same block; points at the value";
    const OPEN_TO_CUSTOM_RULES: bool = true;
    const SELECTS_BLOCKS: bool = true;
    const VARIABLES: &'static [&'static str] =
        &["key", "value", "other-key", "other-value", "relation"];
    /// On the judged value, and on the value it is compared with.
    const LABELS: &'static [LabelSlot] = &[label("judged", &[]), label("other", &[])];
    type Params = Params;

    fn compile(params: Params, selector: Selector) -> Result<Compare, CheckError> {
        let (other, above) = match (params.above, params.below) {
            (Some(other), None) => (other, true),
            (None, Some(other)) => (other, false),
            _ => {
                return Err(CheckError::from(
                    "a `compare` check needs one of `above` or `below`: the key the value is compared with"
                        .to_string(),
                ))
            }
        };
        Ok(Compare {
            selector,
            key: params.key,
            other,
            above,
        })
    }
}

/// A value as a number, with what it may be compared with: values of the
/// same type (and, for money, the same currency).
fn magnitude<'v>(value: &'v Value<'_>) -> Option<(Rational, &'static str, Option<&'v str>)> {
    Some(match value {
        Value::Number(number) => (*number, "number", None),
        Value::Percentage(share) => (*share, "percentage", None),
        Value::Effort(effort) => (effort.person_days, "effort", None),
        Value::Duration(duration) => (duration.days, "duration", None),
        Value::Money(money) => (money.amount, "money", Some(money.currency.as_str())),
        _ => return None,
    })
}

impl Check for Compare {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        for (index, block) in self.selector.blocks(context.plan, context.source) {
            let (Some(judged), Some(other)) =
                (block.attribute(&self.key), block.attribute(&self.other))
            else {
                continue;
            };
            let (Some((value, kind, unit)), Some((other_value, other_kind, other_unit))) =
                (magnitude(&judged.value), magnitude(&other.value))
            else {
                continue;
            };
            if kind != other_kind || unit != other_unit {
                continue;
            }
            let holds = if self.above {
                value > other_value
            } else {
                value < other_value
            };
            if holds {
                continue;
            }
            let relation = if self.above { "above" } else { "below" };
            let written = judged.span.text(context.source).to_string();
            let other_written = other.span.text(context.source).to_string();
            let mut hit = Hit::new(index, Spot::new(judged.span, "judged"))
            .var("key", self.key.clone())
            .var("value", written)
            .var("other-key", self.other.clone())
            .var("other-value", other_written.clone())
            .var("relation", relation);
            hit.secondary.push(Spot::new(other.span, "other"));
            hits.push(hit);
        }
    }
}
