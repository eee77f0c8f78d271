//! `range`: a number, percentage, effort, duration or amount of money must
//! lie within `min` and/or `max` (inclusive), written in the key's own type:
//! `20d` for an effort, `50k EUR` for a budget, `30%` for a target.
//!
//! Why: house limits ("no tactic over 50k EUR without a business case", "no
//! tactic over 40 person-days") are numbers a plan can be checked against.
//! The bounds are read by the plan language's own parser, as if written
//! under the key on the first kind of block in `on`, so `2w` is 10
//! person-days under `effort` and 14 days under `sales-cycle`, exactly as in
//! a plan. Points at the value.
//!
//! A money value in another currency than the bounds cannot be compared:
//! it is reported as such rather than skipped, since the limit is then not
//! enforced. One cause, one finding: invalid values (`invalid-value`) and
//! missing keys (`required-key` rules) are left alone.

use std::fmt;

use serde::Deserialize;

use super::{Check, CheckContext, CheckError, CheckKind, Hit, Selector};
use crate::diagnostics::Label;
use crate::model::{self, schema, BlockKind, Exact, Value};
use crate::yaml;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    key: String,
    #[serde(default)]
    min: Option<yaml::Value>,
    #[serde(default)]
    max: Option<yaml::Value>,
}

/// A comparable quantity: the unit is part of what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Quantity {
    Number(Exact),
    Percentage(Exact),
    Effort(Exact),
    Days(Exact),
    Money(Exact, String),
}

impl Quantity {
    fn of(value: &Value<'_>) -> Option<Quantity> {
        Some(match value {
            Value::Number(number) => Quantity::Number(*number),
            Value::Percentage(percentage) => Quantity::Percentage(*percentage),
            Value::Effort(effort) => Quantity::Effort(effort.person_days),
            Value::Duration(duration) => Quantity::Days(duration.days),
            Value::Money(money) => Quantity::Money(money.amount, money.currency.clone()),
            _ => return None,
        })
    }

    /// The magnitude, when `self` and `other` are of one kind and unit.
    fn comparable(&self, other: &Quantity) -> Option<(Exact, Exact)> {
        match (self, other) {
            (Quantity::Number(a), Quantity::Number(b))
            | (Quantity::Percentage(a), Quantity::Percentage(b))
            | (Quantity::Effort(a), Quantity::Effort(b))
            | (Quantity::Days(a), Quantity::Days(b)) => Some((*a, *b)),
            (Quantity::Money(a, x), Quantity::Money(b, y)) if x == y => Some((*a, *b)),
            _ => None,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Quantity::Number(_) => "a number",
            Quantity::Percentage(_) => "a percentage",
            Quantity::Effort(_) => "an effort",
            Quantity::Days(_) => "a calendar duration",
            Quantity::Money(..) => "an amount of money",
        }
    }
}

/// A bound as written in the rule and as understood.
#[derive(Debug)]
struct Bound {
    written: String,
    quantity: Quantity,
}

impl fmt::Display for Bound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.written)
    }
}

#[derive(Debug)]
pub struct Range {
    selector: Selector,
    key: String,
    min: Option<Bound>,
    max: Option<Bound>,
}

impl CheckKind for Range {
    const NAME: &'static str = "range";
    const SUMMARY: &'static str = "a quantity must lie within `min` and/or `max`";
    const OPEN_TO_CUSTOM_RULES: bool = true;
    const SELECTS_BLOCKS: bool = true;
    const VARIABLES: &'static [&'static str] = &["key", "value", "min", "max", "problem"];
    type Params = Params;

    fn compile(params: Params, selector: Selector) -> Result<Range, CheckError> {
        // Bounds are typed as the key is on the first kind of block it belongs on.
        let kind = selector
            .on
            .0
            .iter()
                .copied()
                .find(|&kind| schema::keys_on(kind).any(|key| key == params.key))
                .unwrap_or(BlockKind::Plan);
        let bound = |name: &str, value: &Option<yaml::Value>| {
            value
                .as_ref()
                .map(|value| parse_bound(value, &params.key, kind))
                .transpose()
                .map_err(|message| CheckError::at(name, message))
        };
        let min = bound("min", &params.min)?;
        let max = bound("max", &params.max)?;
        match (&min, &max) {
            (None, None) => {
                return Err(CheckError::from(
                    "a `range` check needs `min`, `max` or both".to_string(),
                ))
            }
            (Some(min), Some(max)) => match min.quantity.comparable(&max.quantity) {
                None => {
                    return Err(CheckError::at(
                        "max",
                        format!(
                        "`max: {max}` is {}, but `min: {min}` is {}; write both in the same unit",
                        max.quantity.kind(),
                        min.quantity.kind()
                    ),
                    ))
                }
                Some((low, high)) if low > high => {
                    return Err(CheckError::at(
                        "max",
                        format!("`max: {max}` is below `min: {min}`"),
                    ))
                }
                Some(_) => {}
            },
            _ => {}
        }
        Ok(Range {
            selector,
            key: params.key,
            min,
            max,
        })
    }
}

impl Range {

    /// What is wrong with a value, as (label, problem), if anything.
    fn judge(&self, value: &Quantity, written: &str) -> Option<(String, String)> {
        for (bound, is_min) in [(&self.min, true), (&self.max, false)] {
            let Some(bound) = bound else { continue };
            let Some((value, limit)) = value.comparable(&bound.quantity) else {
                let problem = match (value, &bound.quantity) {
                    (Quantity::Money(_, currency), Quantity::Money(_, limit_currency)) => format!(
                        "`{written}` is in {currency}, but the limit `{bound}` is in {limit_currency}: they cannot be compared"
                    ),
                    _ => format!(
                        "`{written}` is {}, but the limit `{bound}` is {}: they cannot be compared",
                        value.kind(),
                        bound.quantity.kind()
                    ),
                };
                return Some((format!("not comparable with `{bound}`"), problem));
            };
            if is_min && value < limit {
                return Some((
                    format!("below `{bound}`"),
                    format!("`{written}` is below the minimum of `{bound}`"),
                ));
            }
            if !is_min && value > limit {
                return Some((
                    format!("above `{bound}`"),
                    format!("`{written}` is above the maximum of `{bound}`"),
                ));
            }
        }
        None
    }
}

impl Check for Range {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Vec<Hit>) {
        for (index, block) in self.selector.blocks(context.plan, context.source) {
            let Some(attribute) = block.attribute(&self.key) else {
                continue;
            };
            for (value, span) in attribute.values() {
                if matches!(value, Value::Invalid(_)) {
                    continue;
                }
                let written = span.text(context.source);
                let problem = match Quantity::of(value) {
                    Some(quantity) => self.judge(&quantity, written),
                    None => Some((
                        "not a quantity".to_string(),
                        format!("`{written}` is not a number, percentage, effort or amount"),
                    )),
                };
                let Some((label, problem)) = problem else {
                    continue;
                };
                let show = |bound: &Option<Bound>| {
                    bound
                        .as_ref()
                        .map_or_else(String::new, |bound| bound.written.clone())
                };
                hits.push(
                    Hit::new(index, Label::new(span, label))
                        .var("key", self.key.clone())
                        .var("value", written)
                        .var("min", show(&self.min))
                        .var("max", show(&self.max))
                        .var("problem", problem),
                );
            }
        }
    }
}

/// Reads a bound with the plan language's parser, as the value of `key` on
/// a block of `kind`.
fn parse_bound(value: &yaml::Value, key: &str, kind: BlockKind) -> Result<Bound, String> {
    let written = match value {
        yaml::Value::String(text) => text.trim().to_string(),
        yaml::Value::Number(number) => number.to_string(),
        _ => {
            return Err(format!(
                "a bound must be written like a value of `{key}`, e.g. `20d`, `50k EUR`, `30%` or `120`"
            ))
        }
    };
    let unreadable = || {
        format!("`{written}` is not a value planlint can read; write it as in a plan, e.g. `20d`, `50k EUR`, `30%` or `120`")
    };
    if written.is_empty() || written.contains(['\n', '{', '}', '#', '"']) {
        return Err(unreadable());
    }
    let quantity = model::read_value(kind, key, &written, |value| match value {
        Value::Invalid(invalid) => Err(format!(
            "{}; `{key}` takes {}",
            invalid.problem, invalid.expected
        )),
        value => Quantity::of(value).ok_or_else(|| {
            format!("`{written}` is not a number, percentage, effort, duration or amount of money")
        }),
    })
    .unwrap_or_else(|_| Err(unreadable()))?;
    Ok(Bound { written, quantity })
}
