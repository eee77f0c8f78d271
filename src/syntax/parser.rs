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

/// Files above this size are parsed a piece at a time ([`parse_in_pieces`]):
/// pest keeps two tokens (about 80 bytes) per rule matched until the parse
/// ends, 20 times the size of the file.
const PIECEWISE_ABOVE: usize = 256 * 1024;

/// The plan of a file: read by the hand-written reader when the file is
/// well formed (the common case, several times faster), otherwise by pest,
/// which gives the syntax error.
pub(super) fn parse_plan(source: &str) -> Result<Block, SyntaxError> {
    if let Some(plan) = super::fast::parse_plan(source) {
        // Under the fuzzer (`cargo fuzz` builds with `--cfg fuzzing`), each
        // plan the reader accepts is parsed by pest too: the trees must be
        // the same, so every fuzz target also compares the two parsers.
        #[cfg(fuzzing)]
        match parse_whole(source) {
            Ok(by_pest) => assert_eq!(
                format!("{plan:?}"),
                format!("{by_pest:?}"),
                "the reader and pest read this plan differently"
            ),
            Err(error) => panic!("the reader accepted a plan pest refuses: {error:?}"),
        }
        return Ok(plan);
    }
    if source.len() > PIECEWISE_ABOVE {
        if let Some(plan) = parse_in_pieces(source) {
            return Ok(plan);
        }
    }
    parse_whole(source)
}

/// The plan of a well-formed file, parsed a piece at a time: its opening up
/// to `{`, then its items 64 at a time (each piece's spans shifted by where
/// it starts), then the end of the file. `None` at the first piece that does
/// not parse or build (or a file that is not one plan with a body): the
/// whole file is then parsed at once, which gives the same error as ever.
/// The tree is the one [`parse_whole`] builds.
pub(super) fn parse_in_pieces(source: &str) -> Option<Block> {
    let open = PlanParser::parse(Rule::plan_open, source).ok()?.next()?;
    let mut parts = open.into_inner();
    let keyword = parts.next()?;
    if keyword.as_str() != "plan" {
        return None;
    }
    let mut plan = Block::at_keyword(BlockKind::Plan, span_of(&keyword));
    let mut open_brace = None;
    for part in parts {
        let span = span_of(&part);
        match part.as_rule() {
            Rule::identifier | Rule::person => plan.id = Some(span),
            Rule::string => plan.title = Some(span),
            Rule::open_brace => open_brace = Some(span),
            _ => {}
        }
    }
    let open_brace = open_brace?;
    let mut items = Vec::new();
    let mut at = open_brace.end as usize;
    let close = loop {
        let rest = &source[at..];
        let piece = PlanParser::parse(Rule::plan_items, rest).ok()?.next()?;
        let end = at + piece.as_span().end();
        let mut inner = piece.into_inner().peekable();
        if let Some(brace) = inner.next_if(|part| part.as_rule() == Rule::close_brace) {
            let mut close = span_of(&brace);
            shift(&mut close, at as u32);
            break close;
        }
        while let Some(part) = inner.next() {
            if part.as_rule() != Rule::name {
                continue;
            }
            let after = inner.next()?;
            let mut item = if after.as_rule() == Rule::attribute_rest {
                Item::Attribute(build_attribute(part, after))
            } else {
                let block = build_block(rest, part, after, Some(BlockKind::Plan)).ok()?;
                if !BlockKind::Plan.allowed_children().contains(&block.kind) {
                    return None;
                }
                Item::Block(block)
            };
            shift_item(&mut item, at as u32);
            items.push(item);
        }
        at = end;
    };
    PlanParser::parse(Rule::file_end, &source[close.end as usize..]).ok()?;
    let body = Span::new(open_brace.start as usize, close.end as usize);
    for span in [plan.id, plan.title, Some(body)].into_iter().flatten() {
        plan.span = plan.span.cover(span);
    }
    plan.body = Some(Body {
        open: open_brace,
        close,
        items,
    });
    Some(plan)
}

/// Moves every span of a piece's item by where the piece starts.
fn shift_item(item: &mut Item, by: u32) {
    match item {
        Item::Attribute(attribute) => {
            shift(&mut attribute.key, by);
            shift_value(&mut attribute.value, by);
        }
        Item::Block(block) => {
            shift(&mut block.keyword, by);
            shift(&mut block.span, by);
            if let Some(id) = &mut block.id {
                shift(id, by);
            }
            if let Some(title) = &mut block.title {
                shift(title, by);
            }
            if let Some(body) = &mut block.body {
                shift(&mut body.open, by);
                shift(&mut body.close, by);
                for item in &mut body.items {
                    shift_item(item, by);
                }
            }
        }
    }
}

fn shift_value(value: &mut Value, by: u32) {
    shift(&mut value.span, by);
    match &mut value.kind {
        ValueKind::QuarterRange { start, end } => {
            shift(start, by);
            shift(end, by);
        }
        ValueKind::Amount {
            number,
            unit,
            currency,
        } => {
            shift(number, by);
            for span in [unit, currency].into_iter().flatten() {
                shift(span, by);
            }
        }
        ValueKind::List(items) => {
            for item in items {
                shift_value(item, by);
            }
        }
        _ => {}
    }
}

fn shift(span: &mut Span, by: u32) {
    span.start += by;
    span.end += by;
}

/// The whole file in one parse.
pub(super) fn parse_whole(source: &str) -> Result<Block, SyntaxError> {
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
                SyntaxError::new("second-plan", block.keyword, "second-plan")
                    .var("line", line.to_string()),
            );
        }
        plan = Some(block);
    }
    plan.ok_or_else(|| SyntaxError::new("no-plan", Span::new(0, 0), "no-plan"))
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
    let mut block = Block::at_keyword(kind, keyword);
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
        return SyntaxError::new("expected-plan", keyword, "not-a-plan")
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
        (true, _) => SyntaxError::new("unknown-kind-in-leaf", keyword, "not-understood"),
        (false, Some(close)) => SyntaxError::new("unknown-kind-close", keyword, "not-understood")
            .var("suggestion", close),
        (false, None) => SyntaxError::new("unknown-kind", keyword, "not-understood"),
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
        "colon-expected",
    )
    .var("word", word)
    .var("value", value)
}

fn misplaced(block: &Block, parent: Option<BlockKind>) -> SyntaxError {
    let error = match parent {
        None => SyntaxError::new("misplaced-at-top", block.keyword, "kind-here"),
        Some(parent) => SyntaxError::new("misplaced", block.keyword, "kind-here")
            .var("parent", parent.keyword()),
    };
    error
        .var("kind", block.kind.keyword())
        .words("belongs", vec![block.kind.expected_parent()])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every plan of the repository (fixtures, examples, hostile files) and
    /// a large generated one, each also with its body repeated to pass a
    /// piece's 64 items: read a piece at a time, the tree is the one read
    /// whole, or the file is left to the whole parse (which then fails).
    #[test]
    fn a_plan_read_in_pieces_is_the_plan_read_whole() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut sources: Vec<String> = walkdir::WalkDir::new(root)
            .into_iter()
            .filter_entry(|entry| entry.file_name() != "target" && entry.file_name() != ".git")
            .filter_map(Result::ok)
            .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "plan"))
            .filter_map(|entry| crate::files::read_limited(entry.path(), 1 << 20).ok())
            .collect();
        assert!(sources.len() > 50, "{} plans", sources.len());
        let mut large = String::from("# many\nplan \"Large\" {\n  owner: @ana\n");
        for n in 0..100 {
            large.push_str(&format!(
                "  tactic t{n} \"T\" {{ when: 2027-Q1..2027-Q2  effort: 2d  budget: 3k EUR  x: [a, @b, \"c\", 1]\n    kpi k {{ target: 10 }} }}\n  # between\n  strategy s{n} \"S\"\n"
            ));
        }
        large.push_str("}\n# the end\n");
        sources.push(large.clone());
        sources.push(large.replace("# the end", "tactic after \"the plan\" {}"));
        sources.push(large.replace("strategy s250", "stratgy s250"));
        sources.push(large.replace("effort: 2d  budget", "effort: 2d  budget:"));
        let repeated: Vec<String> = sources
            .iter()
            .filter(|source| source.len() < 8_000)
            .filter_map(|source| {
                let open = source.find("plan ")?;
                let brace = open + source[open..].find('{')?;
                let close = source.rfind('}')?;
                (brace < close).then(|| {
                    let body = &source[brace + 1..close];
                    format!(
                        "{}{}{}",
                        &source[..=brace],
                        body.repeat(70),
                        &source[close..]
                    )
                })
            })
            .collect();
        sources.extend(repeated);
        let mut pieced = 0;
        for source in &sources {
            let whole = parse_whole(source);
            match parse_in_pieces(source) {
                Some(plan) => {
                    pieced += 1;
                    let whole = whole.expect("a plan read in pieces parses whole");
                    assert_eq!(format!("{plan:?}"), format!("{whole:?}"), "{source}");
                }
                None => assert!(
                    whole.is_err() || !source.contains("plan"),
                    "read whole but not in pieces:\n{source}"
                ),
            }
        }
        assert!(pieced > sources.len() / 2, "{pieced} of {}", sources.len());
    }
}
