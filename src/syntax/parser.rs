//! pest pairs → [`Block`] tree, plus the structural checks the generic
//! grammar leaves open (known block kinds, where each kind may nest, exactly
//! one `plan`). pest types never leave this file.

use pest::iterators::Pair;
use pest::Parser;

use super::tree::{Attribute, Block, BlockKind, Body, Item, Span, Value, ValueKind};
use super::{errors, SyntaxError};

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/plan.pest"]
struct PlanParser;

pub(super) fn parse_plan(source: &str) -> Result<Block, SyntaxError> {
    let file = PlanParser::parse(Rule::file, source)
        .map_err(|error| errors::describe(source, &error))?
        .next()
        .expect("the `file` rule always produces one pair");
    let mut plan: Option<Block> = None;
    for pair in file.into_inner() {
        if pair.as_rule() != Rule::block {
            continue; // EOI
        }
        let mut inner = pair.into_inner();
        let name = inner.next().expect("a block starts with its name");
        let rest = inner.next().expect("a block has a block_rest");
        let block = build_block(source, name, rest, None)?;
        if block.kind != BlockKind::Plan {
            return Err(misplaced(&block, None));
        }
        if let Some(first) = &plan {
            let line = crate::source::LineIndex::new(source).line(first.keyword.start);
            return Err(
                SyntaxError::new("second-plan", block.keyword, "second plan")
                    .var("line", line.to_string()),
            );
        }
        plan = Some(block);
    }
    plan.ok_or_else(|| {
        SyntaxError::new(
            "no-plan",
            Span::new(0, 0),
            "expected `plan \"Title\" { … }`",
        )
    })
}

fn span_of(pair: &Pair<'_, Rule>) -> Span {
    let span = pair.as_span();
    Span::new(span.start(), span.end())
}

fn build_block(
    source: &str,
    name: Pair<'_, Rule>,
    rest: Pair<'_, Rule>,
    parent: Option<BlockKind>,
) -> Result<Block, SyntaxError> {
    let keyword = span_of(&name);
    let Some(kind) = BlockKind::from_keyword(name.as_str()) else {
        let has_body = rest
            .clone()
            .into_inner()
            .any(|part| part.as_rule() == Rule::body);
        return Err(if has_body {
            unknown_kind(source, keyword, parent)
        } else {
            let value = rest
                .clone()
                .into_inner()
                .next()
                .map_or(keyword, |part| span_of(&part));
            missing_colon(source, keyword, value)
        });
    };
    let mut block = Block {
        kind,
        keyword,
        id: None,
        title: None,
        body: None,
        span: keyword,
    };
    for part in rest.into_inner() {
        let span = span_of(&part);
        block.span = block.span.cover(span);
        match part.as_rule() {
            Rule::identifier | Rule::person => block.id = Some(span),
            Rule::string => block.title = Some(span),
            Rule::body => block.body = Some(build_body(source, part, kind)?),
            _ => {}
        }
    }
    Ok(block)
}

fn build_body(source: &str, pair: Pair<'_, Rule>, kind: BlockKind) -> Result<Body, SyntaxError> {
    let mut open = Span::default();
    let mut close = Span::default();
    let mut items = Vec::new();
    let mut inner = pair.into_inner();
    while let Some(part) = inner.next() {
        match part.as_rule() {
            Rule::open_brace => open = span_of(&part),
            Rule::close_brace => close = span_of(&part),
            Rule::name => {
                let rest = inner.next().expect("a name is followed by its rest");
                if rest.as_rule() == Rule::attribute_rest {
                    items.push(Item::Attribute(build_attribute(part, rest)));
                    continue;
                }
                let block = build_block(source, part, rest, Some(kind))?;
                if !kind.allowed_children().contains(&block.kind) {
                    return Err(misplaced(&block, Some(kind)));
                }
                items.push(Item::Block(block));
            }
            _ => {}
        }
    }
    Ok(Body { open, close, items })
}

fn build_attribute(key: Pair<'_, Rule>, rest: Pair<'_, Rule>) -> Attribute {
    let value_pair = rest
        .into_inner()
        .find(|pair| pair.as_rule() != Rule::colon)
        .expect("an attribute has a value");
    Attribute {
        key: span_of(&key),
        value: build_value(value_pair),
    }
}

fn build_value(pair: Pair<'_, Rule>) -> Value {
    let span = span_of(&pair);
    let kind = match pair.as_rule() {
        Rule::string => ValueKind::String,
        Rule::person => ValueKind::Person,
        Rule::identifier => match pair.as_str() {
            "true" => ValueKind::Boolean(true),
            "false" => ValueKind::Boolean(false),
            _ => ValueKind::Identifier,
        },
        Rule::quarter => ValueKind::Quarter,
        Rule::date => ValueKind::Date,
        Rule::quarter_range => {
            let mut quarters = pair.into_inner();
            let start = quarters.next().map_or(span, |quarter| span_of(&quarter));
            let end = quarters.next().map_or(span, |quarter| span_of(&quarter));
            ValueKind::QuarterRange { start, end }
        }
        Rule::amount => {
            let mut number = span;
            let mut unit = None;
            let mut currency = None;
            for part in pair.into_inner() {
                match part.as_rule() {
                    Rule::number => number = span_of(&part),
                    Rule::unit => unit = Some(span_of(&part)),
                    Rule::currency => currency = Some(span_of(&part)),
                    _ => {}
                }
            }
            ValueKind::Amount {
                number,
                unit,
                currency,
            }
        }
        Rule::list => ValueKind::List(
            pair.into_inner()
                .filter(|part| !matches!(part.as_rule(), Rule::comma | Rule::close_bracket))
                .map(build_value)
                .collect(),
        ),
        _ => ValueKind::Identifier,
    };
    Value { span, kind }
}

fn unknown_kind(source: &str, keyword: Span, parent: Option<BlockKind>) -> SyntaxError {
    let word = keyword.text(source);
    let Some(parent) = parent else {
        return SyntaxError::new("expected-plan", keyword, "not a plan")
            .var("found", format!("`{word}`"));
    };
    let allowed = parent.allowed_children();
    let list = allowed
        .iter()
        .map(|kind| format!("`{kind}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let close = crate::text::closest(word, allowed.iter().map(|kind| kind.keyword()));
    let error = match (allowed.is_empty(), close) {
        (true, _) => SyntaxError::new("unknown-kind-in-leaf", keyword, "not understood"),
        (false, Some(close)) => SyntaxError::new("unknown-kind-close", keyword, "not understood")
            .var("suggestion", close),
        (false, None) => SyntaxError::new("unknown-kind", keyword, "not understood"),
    };
    error
        .var("word", word)
        .var("parent", parent.keyword())
        .var("allowed", list)
}

/// `owner @ana`: a word followed by a value, no body: a forgotten colon.
fn missing_colon(source: &str, keyword: Span, rest: Span) -> SyntaxError {
    let word = keyword.text(source);
    let value = if rest == keyword {
        "…"
    } else {
        rest.text(source)
    };
    SyntaxError::new(
        "missing-colon",
        Span::new(keyword.end as usize, keyword.end as usize + 1),
        "expected `:` here",
    )
    .var("word", word)
    .var("value", value)
}

fn misplaced(block: &Block, parent: Option<BlockKind>) -> SyntaxError {
    let error = match parent {
        None => SyntaxError::new(
            "misplaced-at-top",
            block.keyword,
            format!("`{}` here", block.kind),
        ),
        Some(parent) => {
            SyntaxError::new("misplaced", block.keyword, format!("`{}` here", block.kind))
                .var("parent", parent.keyword())
        }
    };
    error
        .var("kind", block.kind.keyword())
        .var("belongs", block.kind.expected_parent())
}
