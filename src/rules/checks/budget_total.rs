//! `budget-total`: the tactics' budgets must not add up to more than the
//! plan's `budget`.
//!
//! Why: spend beyond what was approved is money the plan does not have;
//! something will be cut late, and not by choice. The budgets of all
//! tactics in the plan's currency are added exactly and compared with the
//! plan's budget; the finding points at the plan's `budget` value and
//! labels every tactic budget it counted. Budgets in another currency
//! cannot be compared without an exchange rate the plan does not state:
//! they are not counted, and the finding names each of them as not
//! comparable (they never cause a finding on their own).
//!
//! One cause, one finding: a plan without a valid `budget` is not checked,
//! and a tactic budget that is not valid money (`invalid-value`) is skipped.

use serde::Deserialize;

use super::{Check, CheckContext, CheckError, CheckKind, Hit, Selector};
use crate::diagnostics::Label;
use crate::model::{BlockKind, Rational, Money, Value, PLAN};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetTotal {}

impl CheckKind for BudgetTotal {
    const NAME: &'static str = "budget-total";
    const SUMMARY: &'static str = "the tactics' budgets add up to no more than the plan's (`over-budget`)";
    const VARIABLES: &'static [&'static str] = &["total", "budget", "over", "currency", "uncounted", "convert"];
    type Params = BudgetTotal;

    fn compile(params: BudgetTotal, _: Selector) -> Result<BudgetTotal, CheckError> {
        Ok(params)
    }
}

impl Check for BudgetTotal {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Vec<Hit>) {
        let plan = context.plan;
        let Some(budget_attribute) = plan.plan().attribute("budget") else {
            return;
        };
        let Value::Money(budget) = &budget_attribute.value else {
            return; // invalid: reported by invalid-value
        };
        let mut total = Rational::ZERO;
        let mut counted = Vec::new();
        let mut not_comparable = Vec::new();
        for (_, tactic) in plan.blocks_of(BlockKind::Tactic) {
            let Some(attribute) = tactic.attribute("budget") else {
                continue;
            };
            let Value::Money(money) = &attribute.value else {
                continue;
            };
            let id = tactic.id.unwrap_or("?");
            if money.currency == budget.currency {
                total = total.saturating_add(money.amount);
                counted.push(Label::new(attribute.span, format!("`{id}`: {money}")));
            } else {
                not_comparable.push((id, money, attribute.span));
            }
        }
        if total <= budget.amount {
            return;
        }
        let over = total.saturating_add(budget.amount.saturating_mul(Rational::integer(-1)));
        let in_currency = |amount: Rational| {
            Money {
                amount,
                currency: budget.currency.clone(),
            }
            .to_string()
        };
        let (uncounted, convert) = if not_comparable.is_empty() {
            (String::new(), String::new())
        } else {
            let named: Vec<String> = not_comparable
                .iter()
                .map(|(id, money, _)| format!("`{id}` ({money})"))
                .collect();
            (
                format!(
                    "; not comparable with {} and not counted: {}",
                    budget.currency,
                    named.join(", ")
                ),
                format!(
                    " State every tactic budget in {} so that it can be counted.",
                    budget.currency
                ),
            )
        };
        let mut hit = Hit::new(
            PLAN,
            Label::new(
                budget_attribute.span,
                format!("the plan's budget: {budget}"),
            ),
        )
        .var("total", in_currency(total))
        .var("budget", budget.to_string())
        .var("over", in_currency(over))
        .var("currency", budget.currency.clone())
        .var("uncounted", uncounted)
        .var("convert", convert);
        hit.secondary = counted;
        for (_, money, span) in not_comparable {
            hit.secondary.push(Label::new(
                span,
                format!(
                    "{}: not comparable with the plan's {}, not counted",
                    money.currency, budget.currency
                ),
            ));
        }
        hits.push(hit);
    }
}
