//! `unknown-reference`: a `supports`, `after` or `owner` value that names
//! nothing declared; owners must be members or partners of the team when
//! the plan has one. Suggests the closest declared name.
//!
//! Why: a misspelt name silently breaks alignment and sequencing. This is
//! the one finding for it: the alignment rules skip the block.

use serde::Deserialize;

use super::{Check, CheckContext, CheckError, CheckKind, Hit, Selector};
use crate::diagnostics::Label;
use crate::model::{KeyStatus, Span, Value};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnknownReference {}

impl CheckKind for UnknownReference {
    const NAME: &'static str = "unknown-reference";
    const SUMMARY: &'static str = "every name a plan refers to is declared (`unknown-reference`)";
    const VARIABLES: &'static [&'static str] = &["key", "value", "problem", "fix"];
    type Params = UnknownReference;

    fn compile(params: UnknownReference, _: Selector) -> Result<UnknownReference, CheckError> {
        Ok(params)
    }
}

impl Check for UnknownReference {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Vec<Hit>) {
        let plan = context.plan;
        let has_team = plan.has_team();
        for (index, block) in plan.blocks.iter().enumerate() {
            for attribute in &block.attributes {
                if attribute.status != KeyStatus::Known {
                    continue;
                }
                let values: Vec<(&Value<'_>, Span)> = match &attribute.value {
                    Value::List(items) => {
                        items.iter().map(|item| (&item.value, item.span)).collect()
                    }
                    value => vec![(value, attribute.span)],
                };
                for (value, span) in values {
                    match value {
                        Value::Reference(reference) if reference.target.is_none() => {
                            let suggestion =
                                crate::text::closest(reference.name, plan.declared_names());
                            hits.push(
                                Hit::new(index, Label::new(span, "not declared in this plan"))
                                    .var("key", attribute.key)
                                    .var("value", reference.name)
                                    .var(
                                        "problem",
                                        format!("`{}` names nothing declared in this plan", reference.name),
                                    )
                                    .var("fix", match suggestion {
                                        Some(close) => format!("Did you mean `{close}`?"),
                                        None => format!(
                                            "Declare a block with the id `{}`, or correct the name.",
                                            reference.name
                                        ),
                                    }),
                            );
                        }
                        Value::Person(person) if has_team && person.member.is_none() => {
                            let suggestion =
                                crate::text::closest(person.name, plan.declared_people());
                            hits.push(
                                Hit::new(index, Label::new(span, "not in the team"))
                                    .var("key", attribute.key)
                                    .var("value", format!("@{}", person.name))
                                    .var(
                                        "problem",
                                        format!(
                                            "@{} is not a member or partner of the team",
                                            person.name
                                        ),
                                    )
                                    .var("fix", match suggestion {
                                        Some(close) => format!("Did you mean @{close}?"),
                                        None => format!(
                                            "Add `member @{}` (or `partner`) to the team, or name someone who is in it.",
                                            person.name
                                        ),
                                    }),
                            );
                        }
                        _ => {}
                    }
                }
            }
        }
    }
}
