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
//!
//! Variables: `{key}`, `{value}`, `{min}`, `{max}`, `{bound}` (the bound
//! broken), and for values that cannot be compared `{value-kind}` and
//! `{bound-kind}` (`an effort`, `a percentage`) or `{currency}` and
//! `{bound-currency}`. Cases: `below`, `above`, `not-comparable`,
//! `other-currency`, `not-a-quantity`.

use std::fmt;

use serde::Deserialize;

use super::{label, Check, CheckContext, CheckError, CheckKind, Hit, Hits, LabelSlot, Selector, Spot};
use crate::model::{self, schema, BlockIndex, BlockKind, Rational, Span, Value};
use crate::rules::words::{self, QuantityKind};
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
    Number(Rational),
    Percentage(Rational),
    Effort(Rational),
    Days(Rational),
    Money(Rational, String),
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
    fn comparable(&self, other: &Quantity) -> Option<(Rational, Rational)> {
        match (self, other) {
            (Quantity::Number(a), Quantity::Number(b))
            | (Quantity::Percentage(a), Quantity::Percentage(b))
            | (Quantity::Effort(a), Quantity::Effort(b))
            | (Quantity::Days(a), Quantity::Days(b)) => Some((*a, *b)),
            (Quantity::Money(a, x), Quantity::Money(b, y)) if x == y => Some((*a, *b)),
            _ => None,
        }
    }

    /// What kind of quantity it is, in the language table's words.
    fn kind(&self) -> &'static str {
        words::quantity_kind(match self {
            Quantity::Number(_) => QuantityKind::Number,
            Quantity::Percentage(_) => QuantityKind::Percentage,
            Quantity::Effort(_) => QuantityKind::Effort,
            Quantity::Days(_) => QuantityKind::CalendarDuration,
            Quantity::Money(..) => QuantityKind::Money,
        })
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
    const SUMMARY: &'static str = "a quantity (`key`) outside `min` and/or `max`, written like the key's values (`20d`, `50k EUR`, `30%`); money in another currency is reported as not comparable; points at the value";
    const OPEN_TO_CUSTOM_RULES: bool = true;
    const SELECTS_BLOCKS: bool = true;
    const VARIABLES: &'static [&'static str] = &[
        "key",
        "value",
        "min",
        "max",
        "bound",
        "value-kind",
        "bound-kind",
        "currency",
        "bound-currency",
    ];
    const CASES: &'static [&'static str] =
        &["below", "above", "not-comparable", "other-currency", "not-a-quantity"];
    const LABELS: &'static [LabelSlot] = &[
        label("below", &[]),
        label("above", &[]),
        label("not-comparable", &[]),
        label("not-a-quantity", &[]),
    ];
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

    /// What is wrong with a value, if anything: a hit with its case (also
    /// the name of its label) and the bound it breaks.
    fn judge(&self, index: BlockIndex, span: Span, value: &Quantity) -> Option<Hit> {
        for (bound, is_min) in [(&self.min, true), (&self.max, false)] {
            let Some(bound) = bound else { continue };
            let hit = |case: &'static str, label: &'static str| {
                Hit::new(index, Spot::new(span, label))
                    .case(case)
                    .var("bound", bound.written.clone())
            };
            let Some((value, limit)) = value.comparable(&bound.quantity) else {
                return Some(match (value, &bound.quantity) {
                    (Quantity::Money(_, currency), Quantity::Money(_, limit_currency)) => {
                        hit("other-currency", "not-comparable")
                            .var("currency", currency.clone())
                            .var("bound-currency", limit_currency.clone())
                    }
                    _ => hit("not-comparable", "not-comparable")
                        .var("value-kind", value.kind())
                        .var("bound-kind", bound.quantity.kind()),
                });
            };
            if is_min && value < limit {
                return Some(hit("below", "below"));
            }
            if !is_min && value > limit {
                return Some(hit("above", "above"));
            }
        }
        None
    }
}

impl Check for Range {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        for (index, block) in self.selector.blocks(context.plan, context.source) {
            let Some(attribute) = block.attribute(&self.key) else {
                continue;
            };
            for (value, span) in attribute.values() {
                if matches!(value, Value::Invalid(_)) {
                    continue;
                }
                let written = span.text(context.source);
                let hit = match Quantity::of(value) {
                    Some(quantity) => self.judge(index, span, &quantity),
                    None => Some(
                        Hit::new(index, Spot::new(span, "not-a-quantity")).case("not-a-quantity"),
                    ),
                };
                let Some(hit) = hit else {
                    continue;
                };
                let show = |bound: &Option<Bound>| {
                    bound
                        .as_ref()
                        .map_or_else(String::new, |bound| bound.written.clone())
                };
                hits.push(
                    hit.var("key", self.key.clone())
                        .var("value", written)
                        .var("min", show(&self.min))
                        .var("max", show(&self.max)),
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
            super::problem_words(invalid, None),
            crate::rules::words::expected(invalid.expected)
        )),
        value => Quantity::of(value).ok_or_else(|| {
            format!("`{written}` is not a number, percentage, effort, duration or amount of money")
        }),
    })
    .unwrap_or_else(|| Err(unreadable()))?;
    Ok(Bound { written, quantity })
}
