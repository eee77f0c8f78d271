//! `budget-total`: the tactics' budgets against the plan's `budget`.
//!
//! Why: spend beyond what was approved is money the plan does not have;
//! something will be cut late, and not by choice (`over-budget`). Money
//! approved with no tactic to spend it is the opposite symptom: a budget
//! nobody has planned (`unallocated-budget`, parameter `flags:
//! unallocated` with a `tolerance`, a percentage of the plan's budget that
//! may stay unassigned).
//!
//! The budgets of all tactics are added exactly and compared with the
//! plan's budget; the finding points at the plan's `budget` value and
//! labels the [`LABELLED_PARTS`] largest tactic budgets it counted (and,
//! in one more label, how many others and how much). A budget in another currency is
//! converted at the configuration's `currencies` rates (undated planning
//! rates; the label shows the rate), and the message says so. Without a
//! rate it cannot be counted: a sum over several currencies is never
//! silent, so `over-budget` then reports that the budget cannot be checked
//! (case `cannot-check`), naming those tactics, unless the budgets it could
//! count are over already (then the over-budget finding names them as not
//! counted). `unallocated` says nothing when some budget cannot be counted:
//! that is `over-budget`'s finding.
//!
//! One cause, one finding: a plan without a valid `budget` is not checked,
//! and a tactic budget that is not valid money (`invalid-value`) is skipped.

use serde::Deserialize;

use super::{
    label, Check, CheckContext, CheckError, CheckKind, Hit, Hits, LabelSlot, Selector, Spot,
    LABELLED_PARTS,
};
use crate::model::largest::Largest;
use crate::model::{BlockKind, Money, Rational, Span, Value, PLAN};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    /// `over` (the default) or `unallocated`.
    #[serde(default)]
    flags: Flags,
    /// With `unallocated`: the share of the plan's budget that may stay unassigned.
    #[serde(default)]
    tolerance: Option<crate::yaml::Value>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Flags {
    #[default]
    Over,
    Unallocated,
}

#[derive(Debug)]
pub struct BudgetTotal {
    flags: Flags,
    tolerance: Rational,
}

impl CheckKind for BudgetTotal {
    const NAME: &'static str = "budget-total";
    const SUMMARY: &'static str = "the tactics' budgets against the plan's: over it (`over-budget`), or leaving more than `tolerance` of it unassigned (`unallocated-budget`); other currencies converted at the configured rates";
    const VARIABLES: &'static [&'static str] = &[
        "total",
        "budget",
        "over",
        "currency",
        "uncounted",
        "rates",
        "others",
        "unallocated",
        "share",
        "tolerance",
    ];
    const CASES: &'static [&'static str] = &["cannot-check"];
    /// On the plan's budget, and on each tactic's: counted as written,
    /// counted converted at a configured rate, or not counted.
    const LABELS: &'static [LabelSlot] = &[
        label("budget", &[]),
        label("counted", &["tactic", "money"]),
        label("converted", &["tactic", "money", "amount", "rate"]),
        label("not-counted", &["other-currency"]),
        label("other-budgets", &["unlabelled", "unlabelled-money"]),
    ];
    type Params = Params;

    fn compile(params: Params, _: Selector) -> Result<BudgetTotal, CheckError> {
        let tolerance = match &params.tolerance {
            None => Rational::ZERO,
            Some(value) => super::parameters::percentage("tolerance", value)?,
        };
        if params.flags == Flags::Over && params.tolerance.is_some() {
            return Err(CheckError::at(
                "tolerance",
                "`tolerance` goes with `flags: unallocated`",
            ));
        }
        Ok(BudgetTotal {
            flags: params.flags,
            tolerance,
        })
    }
}

/// The tactics' budgets, as far as they can be counted in the plan's currency.
struct Tally<'a> {
    total: Rational,
    /// The largest budgets counted, for the labels.
    counted: Largest<Counted<'a>>,
    /// Rates used, `1 USD = 0.92 EUR`, each once.
    rates_used: Vec<String>,
    not_comparable: Vec<(&'a str, &'a Money, Span)>,
}

/// A tactic budget that was counted: as written, or `converted` to the
/// plan's currency.
struct Counted<'a> {
    id: &'a str,
    money: &'a Money,
    span: Span,
    converted: Option<Money>,
}

fn tally<'a>(context: &CheckContext<'a, '_>, budget: &Money) -> Tally<'a> {
    let mut tally = Tally {
        total: Rational::ZERO,
        counted: Largest::new(LABELLED_PARTS),
        rates_used: Vec::new(),
        not_comparable: Vec::new(),
    };
    for (_, tactic) in context.plan.blocks_of(BlockKind::Tactic) {
        let Some(attribute) = tactic.attribute("budget") else {
            continue;
        };
        let Value::Money(money) = &attribute.value else {
            continue;
        };
        let id = tactic.id.unwrap_or("?");
        if money.currency == budget.currency {
            tally.total = tally.total.saturating_add(money.amount);
            let counted = Counted {
                id,
                money,
                span: attribute.span,
                converted: None,
            };
            tally.counted.add(money.amount, counted);
        } else if let Some(converted) = context.rates.convert(money, &budget.currency) {
            tally.total = tally.total.saturating_add(converted.amount);
            let rate = rate_text(context, money, budget);
            let amount = converted.amount;
            let counted = Counted {
                id,
                money,
                span: attribute.span,
                converted: Some(converted),
            };
            tally.counted.add(amount, counted);
            if !tally.rates_used.contains(&rate) {
                tally.rates_used.push(rate);
            }
        } else {
            tally.not_comparable.push((id, money, attribute.span));
        }
    }
    tally
}

impl Check for BudgetTotal {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        let plan = context.plan;
        let Some(budget_attribute) = plan.plan().attribute("budget") else {
            return;
        };
        let Value::Money(budget) = &budget_attribute.value else {
            return; // invalid: reported by invalid-value
        };
        let tally = tally(context, budget);
        let in_currency = |amount: Rational| {
            Money {
                amount,
                currency: budget.currency.clone(),
            }
            .to_string()
        };
        let label = Spot::new(budget_attribute.span, "budget");
        let hit = match self.flags {
            Flags::Over if tally.total > budget.amount => {
                let over = tally.total.saturating_add(budget.amount.saturating_mul(Rational::integer(-1)));
                Hit::new(PLAN, label)
                    .var("over", in_currency(over))
                    .var("uncounted", uncounted(&tally))
            }
            Flags::Over if !tally.not_comparable.is_empty() => {
                let mut currencies: Vec<&str> = tally
                    .not_comparable
                    .iter()
                    .map(|(_, money, _)| money.currency.as_str())
                    .collect();
                currencies.sort_unstable();
                currencies.dedup();
                Hit::new(PLAN, label)
                    .case("cannot-check")
                    .var("uncounted", uncounted(&tally))
                    .var("others", currencies.join(" and "))
            }
            Flags::Unallocated if tally.not_comparable.is_empty() => {
                let unallocated =
                    budget.amount.saturating_add(tally.total.saturating_mul(Rational::integer(-1)));
                let allowed = budget.amount.saturating_mul(self.tolerance.divide_by(100));
                if unallocated <= allowed || budget.amount.is_zero() {
                    return;
                }
                let share = unallocated
                    .saturating_mul(Rational::integer(100))
                    .saturating_mul(Rational::new(budget.amount.denominator(), budget.amount.numerator()));
                Hit::new(PLAN, label)
                    .var("unallocated", in_currency(unallocated))
                    .var("share", format!("{}%", share.floor()))
                    .var("tolerance", format!("{}%", self.tolerance))
            }
            _ => return,
        };
        let mut hit = hit
            .var("total", in_currency(tally.total))
            .var("budget", budget.to_string())
            .var("currency", budget.currency.clone())
            .var("rates", tally.rates_used.join(", "));
        hit.secondary = counted_labels(&tally, context, budget, budget_attribute.span, &in_currency);
        for (_, money, span) in tally.not_comparable {
            hit.secondary
                .push(Spot::new(span, "not-counted").var("other-currency", money.currency.clone()));
        }
        hits.push(hit);
    }
}

/// `1 USD = 0.92 EUR`: the rate a budget was converted at.
fn rate_text(context: &CheckContext<'_, '_>, money: &Money, budget: &Money) -> String {
    let rate = context
        .rates
        .rate(&money.currency, &budget.currency)
        .unwrap_or(Rational::ZERO);
    format!("1 {} = {rate} {}", money.currency, budget.currency)
}

/// The labels of the largest budgets counted, then, when there are more,
/// how many and how much at the plan's budget.
fn counted_labels(
    tally: &Tally<'_>,
    context: &CheckContext<'_, '_>,
    budget: &Money,
    budget_span: Span,
    in_currency: &dyn Fn(Rational) -> String,
) -> Vec<Spot> {
    let mut labels: Vec<Spot> = tally
        .counted
        .kept()
        .map(|counted| match &counted.converted {
            None => Spot::new(counted.span, "counted")
                .var("tactic", counted.id)
                .var("money", counted.money.to_string()),
            Some(converted) => Spot::new(counted.span, "converted")
                .var("tactic", counted.id)
                .var("money", counted.money.to_string())
                .var("amount", converted.to_string())
                .var("rate", rate_text(context, counted.money, budget)),
        })
        .collect();
    if tally.counted.others() > 0 {
        labels.push(
            Spot::new(budget_span, "other-budgets")
                .var("unlabelled", tally.counted.others().to_string())
                .var("unlabelled-money", in_currency(tally.counted.others_total())),
        );
    }
    labels
}

/// `{uncounted}`: the budgets that could not be counted, `` `id` (amount) ``
/// each; empty when every budget was counted.
fn uncounted(tally: &Tally<'_>) -> String {
    let named: Vec<String> = tally
        .not_comparable
        .iter()
        .map(|(id, money, _)| format!("`{id}` ({money})"))
        .collect();
    named.join(", ")
}
