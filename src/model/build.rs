//! Builds a [`Plan`] from a syntax tree: interprets every value for its key
//! and resolves references. Never fails: what cannot be understood is kept
//! as [`Value::Invalid`] or [`KeyStatus`] facts for the language rules.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use super::quantity::{CalendarDuration, Effort, Money, Rational};
use super::schema::{self, ValueType};
use super::time::{Date, Quarter, QuarterRange, FIRST_YEAR, LAST_YEAR};
use super::{
    Attribute, Block, BlockIndex, BlockKind, Declarations, Expected, InvalidValue, KeyStatus,
    Person, Plan, Problem, Reference, Shape, Spanned, Stage, Value,
};
use crate::syntax::{self, Span, SyntaxTree, ValueKind};

/// Takes the tree by value: each block's part of the tree is freed as soon
/// as its part of the model is built, so that a large plan's tree and model
/// are not both whole in memory at once.
pub fn build(source: &str, tree: SyntaxTree) -> Plan<'_> {
    let mut builder = Builder {
        source,
        blocks: Vec::new(),
    };
    builder.add_block(tree.plan, None);
    builder.blocks.shrink_to_fit();
    // Sized once (most blocks have an id): growing it rehashed every id.
    let names = Declarations::with_capacity(builder.blocks.len());
    let mut plan = Plan {
        blocks: builder.blocks,
        comments: tree.comments,
        names,
        people: Declarations::default(),
    };
    for (index, block) in plan.blocks.iter().enumerate() {
        let Some(id) = block.id else { continue };
        let table = match block.kind {
            BlockKind::Member | BlockKind::Partner => &mut plan.people,
            _ => &mut plan.names,
        };
        table.add(id, index);
    }
    resolve_references(&mut plan);
    plan
}

struct Builder<'src> {
    source: &'src str,
    blocks: Vec<Block<'src>>,
}

impl<'src> Builder<'src> {
    fn text(&self, span: Span) -> &'src str {
        span.text(self.source)
    }

    fn add_block(&mut self, block: syntax::Block, parent: Option<BlockIndex>) -> BlockIndex {
        let index = self.blocks.len();
        let id = block.id.map(|span| {
            let text = self.text(span);
            text.strip_prefix('@').unwrap_or(text)
        });
        let title = block
            .title
            .map(|span| syntax::Value::string_content(self.text(span)));
        self.blocks.push(Block {
            kind: block.kind,
            id,
            id_span: block.id,
            title,
            keyword: block.keyword,
            header: block.header(),
            span: block.span,
            parent,
            children: Vec::new(),
            attributes: Vec::new(),
        });
        let items = block.body.map(|body| body.items).unwrap_or_default();
        // Exactly the room needed: a large plan has hundreds of thousands.
        let attribute_count = items
            .iter()
            .filter(|item| matches!(item, syntax::Item::Attribute(_)))
            .count();
        let mut attributes: Vec<Attribute<'src>> = Vec::with_capacity(attribute_count);
        let mut first_keys = HashMap::new();
        for item in items {
            match item {
                syntax::Item::Block(child) => {
                    let child_index = self.add_block(child, Some(index));
                    self.blocks[index].children.push(child_index);
                }
                syntax::Item::Attribute(attribute) => {
                    let key = self.text(attribute.key);
                    let spec = schema::key_spec(key);
                    let status = if let Some(first) =
                        first_given(&attributes, &mut first_keys, key, attribute.key)
                    {
                        KeyStatus::Repeated { first }
                    } else {
                        match spec {
                            Some(spec) if spec.on.contains(&block.kind) => KeyStatus::Known,
                            Some(spec) => KeyStatus::WrongBlock {
                                belongs_on: &spec.on,
                            },
                            None => KeyStatus::Unknown {
                                suggestion: crate::text::closest(key, schema::keys_on(block.kind))
                                    .and_then(schema::key_spec)
                                    .map(|spec| &spec.key),
                            },
                        }
                    };
                    let value = match (&status, spec) {
                        (KeyStatus::Known | KeyStatus::Repeated { .. }, Some(spec)) => {
                            self.typed_value(&attribute.value, spec.value)
                        }
                        _ => self.loose_value(&attribute.value),
                    };
                    attributes.push(Attribute {
                        key,
                        key_span: attribute.key,
                        value,
                        span: attribute.value.span,
                        status,
                    });
                }
            }
        }
        self.blocks[index].attributes = attributes;
        index
    }

    /// Interprets a value for a key of the language.
    fn typed_value(&self, value: &syntax::Value, expected: ValueType) -> Value<'src> {
        let text = self.text(value.span);
        let wrong_type = || {
            invalid(
                Problem::WrongShape {
                    written: text.to_string(),
                    shape: shape(&value.kind),
                },
                expected,
            )
        };
        match expected {
            ValueType::Person => match value.kind {
                ValueKind::Person => self.person(value.span),
                _ => wrong_type(),
            },
            ValueType::Text => match value.kind {
                ValueKind::String => Value::Text(syntax::Value::string_content(text)),
                _ => wrong_type(),
            },
            ValueType::WordOrText => match value.kind {
                ValueKind::String => Value::Text(syntax::Value::string_content(text)),
                ValueKind::Identifier => Value::Word(text),
                _ => wrong_type(),
            },
            ValueType::Boolean => match value.kind {
                ValueKind::Boolean(flag) => Value::Boolean(flag),
                _ => wrong_type(),
            },
            ValueType::Stage => match text {
                "awareness" => Value::Stage(Stage::Awareness),
                "engagement" => Value::Stage(Stage::Engagement),
                "opportunity" => Value::Stage(Stage::Opportunity),
                "closed" => Value::Stage(Stage::Closed),
                _ => invalid(
                    Problem::NotAStage {
                        written: text.to_string(),
                    },
                    expected,
                ),
            },
            ValueType::References => match &value.kind {
                ValueKind::Identifier => Value::Reference(Reference {
                    name: text,
                    target: None,
                }),
                ValueKind::List(items) => Value::List(
                    items
                        .iter()
                        .map(|item| Spanned {
                            value: match item.kind {
                                ValueKind::Identifier => Value::Reference(Reference {
                                    name: self.text(item.span),
                                    target: None,
                                }),
                                _ => invalid(
                                    Problem::WrongShapeInList {
                                        written: self.text(item.span).to_string(),
                                        shape: shape(&item.kind),
                                    },
                                    expected,
                                ),
                            },
                            span: item.span,
                        })
                        .collect(),
                ),
                _ => wrong_type(),
            },
            ValueType::QuarterRange | ValueType::QuarterOrRange => match value.kind {
                ValueKind::Quarter => self.quarter(value.span, expected),
                ValueKind::QuarterRange { start, end } => self.quarter_range(start, end, expected),
                _ => wrong_type(),
            },
            ValueType::QuarterOrDate => match value.kind {
                ValueKind::Quarter => self.quarter(value.span, expected),
                ValueKind::Date => self.date(value.span, expected),
                _ => wrong_type(),
            },
            ValueType::Effort | ValueType::CalendarDuration | ValueType::Money => {
                match value.kind {
                    ValueKind::Amount {
                        number,
                        unit,
                        currency,
                    } => self.amount(number, unit, currency, expected),
                    _ => wrong_type(),
                }
            }
            ValueType::NumberOrPercentage => match value.kind {
                ValueKind::Amount {
                    number,
                    unit,
                    currency: None,
                } => match self.amount(number, unit, None, expected) {
                    value @ (Value::Number(_) | Value::Percentage(_) | Value::Invalid(_)) => value,
                    _ => wrong_type(),
                },
                _ => wrong_type(),
            },
            ValueType::Number => match value.kind {
                ValueKind::Amount {
                    number,
                    unit,
                    currency: None,
                } => match self.amount(number, unit, None, ValueType::NumberOrPercentage) {
                    value @ (Value::Number(_) | Value::Invalid(_)) => value,
                    Value::Percentage(_) => invalid(
                        Problem::Percentage {
                            written: text.to_string(),
                        },
                        expected,
                    ),
                    _ => wrong_type(),
                },
                _ => wrong_type(),
            },
        }
    }

    /// Interprets a value for a key the language does not define (custom
    /// rules may still read it): by its look alone.
    fn loose_value(&self, value: &syntax::Value) -> Value<'src> {
        let text = self.text(value.span);
        match &value.kind {
            ValueKind::String => Value::Text(syntax::Value::string_content(text)),
            ValueKind::Person => self.person(value.span),
            ValueKind::Identifier => Value::Word(text),
            ValueKind::Boolean(flag) => Value::Boolean(*flag),
            ValueKind::Quarter => self.quarter(value.span, ValueType::QuarterOrRange),
            ValueKind::QuarterRange { start, end } => {
                self.quarter_range(*start, *end, ValueType::QuarterOrRange)
            }
            ValueKind::Date => self.date(value.span, ValueType::QuarterOrDate),
            ValueKind::Amount {
                number,
                unit,
                currency,
            } => {
                let expected = match (unit.map(|unit| self.text(unit)), currency) {
                    (_, Some(_)) => ValueType::Money,
                    (Some("mo"), None) => ValueType::CalendarDuration,
                    (Some("d" | "w" | "h"), None) => ValueType::Effort,
                    _ => ValueType::NumberOrPercentage,
                };
                self.amount(*number, *unit, *currency, expected)
            }
            ValueKind::List(items) => Value::List(
                items
                    .iter()
                    .map(|item| Spanned {
                        value: self.loose_value(item),
                        span: item.span,
                    })
                    .collect(),
            ),
        }
    }

    fn person(&self, span: Span) -> Value<'src> {
        let text = self.text(span);
        Value::Person(Person {
            name: text.strip_prefix('@').unwrap_or(text),
            member: None,
        })
    }

    fn quarter(&self, span: Span, expected: ValueType) -> Value<'src> {
        match parse_quarter(self.text(span)) {
            Ok(quarter) => Value::Quarter(quarter),
            Err(problem) => invalid(problem, expected),
        }
    }

    fn quarter_range(&self, start: Span, end: Span, expected: ValueType) -> Value<'src> {
        let range = parse_quarter(self.text(start)).and_then(|first| {
            let last = parse_quarter(self.text(end))?;
            if last < first {
                return Err(Problem::RangeBackwards { first, last });
            }
            Ok(QuarterRange { first, last })
        });
        match range {
            Ok(range) => Value::QuarterRange(range),
            Err(problem) => invalid(problem, expected),
        }
    }

    fn date(&self, span: Span, expected: ValueType) -> Value<'src> {
        let text = self.text(span);
        match Date::parse(text) {
            Some(date) if (FIRST_YEAR..=LAST_YEAR).contains(&date.ymd().0) => Value::Date(date),
            Some(_) => invalid(
                Problem::OutsideYears {
                    written: text.to_string(),
                },
                expected,
            ),
            None => Value::Invalid(Box::new(InvalidValue {
                problem: Problem::NotACalendarDate {
                    written: text.to_string(),
                },
                expected: Expected::CalendarDate,
            })),
        }
    }

    /// A number with an optional unit and currency, interpreted for `expected`
    /// (one of Effort, CalendarDuration, Money, NumberOrPercentage).
    fn amount(
        &self,
        number: Span,
        unit: Option<Span>,
        currency: Option<Span>,
        expected: ValueType,
    ) -> Value<'src> {
        let number_text = self.text(number);
        let unit_text = unit.map(|unit| self.text(unit));
        let whole = Span::new(
            number.start as usize,
            currency.or(unit).unwrap_or(number).end as usize,
        );
        let written = self.text(whole);
        let invalid =
            |problem: fn(String) -> Problem| invalid(problem(written.to_string()), expected);
        let Some(amount) = Rational::parse_decimal(number_text) else {
            return invalid(|written| Problem::TooLarge { written });
        };
        let scale = |factor: i128| amount.saturating_mul(Rational::integer(factor));
        match expected {
            ValueType::Effort => {
                let person_days = match unit_text {
                    Some("d") => amount,
                    Some("w") => scale(5),
                    Some("h") => amount.saturating_mul(Rational::new(1, 8)),
                    None => return invalid(|written| Problem::NoUnit { written }),
                    Some(_) => return invalid(|written| Problem::NotAnEffort { written }),
                };
                if currency.is_some() {
                    return invalid(|written| Problem::NotAnEffort { written });
                }
                Value::Effort(Effort { person_days })
            }
            ValueType::CalendarDuration => {
                let days = match unit_text {
                    Some("d") => amount,
                    Some("w") => scale(7),
                    Some("mo") => scale(30),
                    None => return invalid(|written| Problem::NoUnit { written }),
                    Some(_) => return invalid(|written| Problem::NotADuration { written }),
                };
                if currency.is_some() {
                    return invalid(|written| Problem::NotADuration { written });
                }
                Value::Duration(CalendarDuration { days })
            }
            ValueType::Money => {
                let amount = match unit_text {
                    None => amount,
                    Some("k") => scale(1_000),
                    Some("M") => scale(1_000_000),
                    Some(_) => return invalid(|written| Problem::NotMoney { written }),
                };
                let Some(currency) = currency else {
                    return invalid(|written| Problem::NoCurrency { written });
                };
                let code = self.text(currency);
                if code.len() != 3 || !code.bytes().all(|byte| byte.is_ascii_uppercase()) {
                    return Value::Invalid(Box::new(InvalidValue {
                        problem: Problem::NotACurrencyCode {
                            written: code.to_string(),
                        },
                        expected: Expected::CurrencyCode,
                    }));
                }
                Value::Money(Box::new(Money {
                    amount,
                    currency: code.to_string(),
                }))
            }
            _ => {
                if currency.is_some() {
                    return invalid(|written| Problem::Money { written });
                }
                match unit_text {
                    None => Value::Number(amount),
                    Some("k") => Value::Number(scale(1_000)),
                    Some("M") => Value::Number(scale(1_000_000)),
                    Some("%") => Value::Percentage(amount),
                    Some(_) => invalid(|written| Problem::NotANumber { written }),
                }
            }
        }
    }
}

fn parse_quarter(text: &str) -> Result<Quarter, Problem> {
    Quarter::parse(text).ok_or_else(|| {
        let (year, number) = text.split_once("-Q").unwrap_or((text, ""));
        let year_ok = year
            .parse::<i32>()
            .is_ok_and(|year| (FIRST_YEAR..=LAST_YEAR).contains(&year));
        let written = text.to_string();
        if year_ok {
            Problem::QuarterNumber {
                written,
                number: number.to_string(),
            }
        } else {
            Problem::OutsideYears { written }
        }
    })
}

/// Where `key` was first given among a block's `attributes` so far, if it
/// was. An ordinary block has a handful of attributes, looked through in
/// order; past `SCAN_UP_TO` of them the first giving of each key is hashed in
/// `first_keys` (filled on the first call past it), so that a block of
/// thousands of keys is not checked in time quadratic in their number.
fn first_given<'src>(
    attributes: &[Attribute<'src>],
    first_keys: &mut HashMap<&'src str, Span>,
    key: &'src str,
    span: Span,
) -> Option<Span> {
    const SCAN_UP_TO: usize = 16;
    if attributes.len() < SCAN_UP_TO {
        return attributes
            .iter()
            .find(|existing| existing.key == key)
            .map(|first| first.key_span);
    }
    if first_keys.is_empty() {
        for existing in attributes {
            first_keys.entry(existing.key).or_insert(existing.key_span);
        }
    }
    match first_keys.entry(key) {
        Entry::Occupied(first) => Some(*first.get()),
        Entry::Vacant(slot) => {
            slot.insert(span);
            None
        }
    }
}

fn invalid<'src>(problem: Problem, expected: ValueType) -> Value<'src> {
    Value::Invalid(Box::new(InvalidValue {
        problem,
        expected: Expected::Type(expected),
    }))
}

/// The shape of a value as written.
fn shape(kind: &ValueKind) -> Shape {
    match kind {
        ValueKind::String => Shape::String,
        ValueKind::Person => Shape::Person,
        ValueKind::Identifier => Shape::BareWord,
        ValueKind::Boolean(_) => Shape::Boolean,
        ValueKind::Quarter => Shape::Quarter,
        ValueKind::QuarterRange { .. } => Shape::QuarterRange,
        ValueKind::Date => Shape::Date,
        ValueKind::Amount {
            currency: Some(_), ..
        } => Shape::Money,
        ValueKind::Amount { unit: Some(_), .. } => Shape::NumberWithUnit,
        ValueKind::Amount { .. } => Shape::Number,
        ValueKind::List(_) => Shape::List,
    }
}

/// Links `supports`/`after` names to blocks and owners to team members.
fn resolve_references(plan: &mut Plan<'_>) {
    let names = std::mem::take(&mut plan.names);
    let people = std::mem::take(&mut plan.people);
    for block in &mut plan.blocks {
        for attribute in &mut block.attributes {
            resolve_value(&mut attribute.value, &names, &people);
        }
    }
    plan.names = names;
    plan.people = people;
}

fn resolve_value(value: &mut Value<'_>, names: &Declarations<'_>, people: &Declarations<'_>) {
    match value {
        Value::Reference(reference) => {
            reference.target = names.first(reference.name);
        }
        Value::Person(person) => {
            person.member = people.first(person.name);
        }
        Value::List(items) => {
            for item in items {
                resolve_value(&mut item.value, names, people);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Past the first keys of a block, repeats are found through a map: the
    /// same statuses as looking through the block in order.
    #[test]
    fn a_key_repeated_in_a_block_of_many_keys_points_at_its_first_giving() {
        let mut body: Vec<String> = (0..40).map(|n| format!("x-k{n}: {n}")).collect();
        body.insert(10, "x-k3: 99".to_string()); // a repeat among the first keys
        body.push("x-k25: 99".to_string()); // a repeat of a key after them
        body.push("x-k3: 100".to_string()); // a second repeat
        body.push("owner: @a".to_string());
        body.push("owner: @b".to_string());
        let source = format!("plan \"p\" {{ tactic t {{ {} }} }}", body.join("\n"));
        let plan = build(&source, crate::syntax::parse(&source).expect("parses"));
        let (_, tactic) = plan.blocks_of(BlockKind::Tactic).next().expect("a tactic");
        let first_of = |key: &str| tactic.attribute(key).expect("given").key_span;
        let mut expected = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for attribute in &tactic.attributes {
            expected.push(if seen.insert(attribute.key) {
                None
            } else {
                Some(first_of(attribute.key))
            });
        }
        let repeated: Vec<Option<Span>> = tactic
            .attributes
            .iter()
            .map(|attribute| match attribute.status {
                KeyStatus::Repeated { first } => Some(first),
                _ => None,
            })
            .collect();
        assert_eq!(repeated, expected);
        assert_eq!(repeated.iter().flatten().count(), 4);
    }
}
