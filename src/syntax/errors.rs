//! pest errors → [`SyntaxError`] in a marketer's words.
//!
//! pest reports the furthest position it reached and the (non-silent) rules it
//! tried there. We name those rules by the words of `syntax-error`'s rule
//! file (`SYNTAX_ERROR_WORDS`), say what was found
//! instead, and, when a `}` was expected, which block it would close.

use pest::error::{ErrorVariant, InputLocation};

use super::parser::Rule;
use super::scan::open_braces_before;
use super::{Found, Span, SyntaxError};
use crate::source::LineIndex;

/// What the parser was looking for, grouped into words a person uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Expected {
    CloseBrace,
    Colon,
    Value,
    ItemName,
    PlanBlock,
    ListSeparator,
    EndOfFile,
}

fn expected_of(rule: Rule) -> Option<Expected> {
    Some(match rule {
        Rule::close_brace => Expected::CloseBrace,
        Rule::colon => Expected::Colon,
        Rule::string
        | Rule::identifier
        | Rule::person
        | Rule::quarter_range
        | Rule::quarter
        | Rule::date
        | Rule::amount
        | Rule::number
        | Rule::list => Expected::Value,
        Rule::name | Rule::attribute_rest | Rule::block_rest | Rule::body | Rule::open_brace => {
            Expected::ItemName
        }
        Rule::comma | Rule::close_bracket => Expected::ListSeparator,
        Rule::block | Rule::file => Expected::PlanBlock,
        Rule::EOI => Expected::EndOfFile,
        _ => return None,
    })
}

pub(super) fn describe(source: &str, error: &pest::error::Error<Rule>) -> SyntaxError {
    let offset = match error.location {
        InputLocation::Pos(offset) => offset,
        InputLocation::Span((start, _)) => start,
    };
    let mut expected: Vec<Expected> = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives
            .iter()
            .filter_map(|&rule| expected_of(rule))
            .collect(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    expected.sort();
    expected.dedup();

    let found = describe_found(source, offset);
    let span = found_span(source, offset);
    let before = previous_significant(source, offset);

    // Inside a list, a missing `]` or `,` is the usual mistake.
    if before.is_some_and(|(_, c)| c == '[' || c == ',') && expected.contains(&Expected::Value) {
        return SyntaxError::new("list-value", span, "value-expected").found(found.clone());
    }

    if let Some((colon_at, ':')) = before {
        if expected.contains(&Expected::Value) {
            let key = word_before(source, colon_at);
            return SyntaxError::new("missing-value", span, "value-expected")
                .var("key", key)
                .found(found.clone());
        }
    }

    if expected.contains(&Expected::CloseBrace) {
        let opened = open_braces_before(source, offset);
        if let Some(&brace) = opened.last() {
            let kind = word_before_brace(source, brace);
            let line = LineIndex::new(source).line(brace as u32);
            let at_end = offset >= source.len();
            let case = match (kind.is_some(), at_end) {
                (true, false) => "unclosed-block",
                (true, true) => "unclosed-block-at-end",
                (false, false) => "unclosed-unnamed-block",
                (false, true) => "unclosed-unnamed-block-at-end",
            };
            let mut error = SyntaxError::new(case, span, "brace-expected")
                .var("kind", kind.unwrap_or_default())
                .var("line", line.to_string())
                .found(found.clone());
            error.opened = Some(Span::new(brace, brace + 1));
            return error;
        }
    }

    if expected.contains(&Expected::ListSeparator) && !expected.contains(&Expected::Value) {
        return SyntaxError::new("list-separator", span, "separator-expected").found(found.clone());
    }

    if expected.contains(&Expected::Colon) {
        return SyntaxError::new("colon-after-key", span, "colon-expected").found(found.clone());
    }

    if source[offset..].starts_with('}') && open_braces_before(source, offset).is_empty() {
        return SyntaxError::new("unmatched-close", span, "unmatched");
    }

    if expected.contains(&Expected::EndOfFile) || expected.contains(&Expected::PlanBlock) {
        let before_is_blank = crate::syntax::scan::only_comments_before(source, offset);
        if before_is_blank {
            return SyntaxError::new("expected-plan", span, "plan-expected").found(found.clone());
        }
        if expected == [Expected::EndOfFile] {
            return SyntaxError::new("after-plan", span, "unexpected").found(found.clone());
        }
    }

    let wanted = if expected.is_empty() {
        vec!["something-else"]
    } else {
        expected
            .iter()
            .map(|want| match want {
                Expected::CloseBrace => "close-brace",
                Expected::Colon => "colon",
                Expected::Value => "value",
                Expected::ItemName => "item",
                Expected::PlanBlock => "plan-block",
                Expected::ListSeparator => "list-separator",
                Expected::EndOfFile => "end-of-file",
            })
            .collect()
    };
    SyntaxError::new("expected", span, "not-understood")
        .words("wanted", wanted)
        .found(found.clone())
}

/// The span to underline: the character at `offset` (empty at the end of the file).
fn found_span(source: &str, offset: usize) -> Span {
    match source[offset..].chars().next() {
        Some(c) if !c.is_whitespace() => Span::new(offset, offset + c.len_utf8()),
        _ => Span::new(offset, offset),
    }
}

fn describe_found(source: &str, offset: usize) -> Found {
    let rest = &source[offset..];
    Found::Text(match rest.chars().next() {
        None => return Found::EndOfFile,
        Some('\n') | Some('\r') => return Found::EndOfLine,
        Some(c) if c.is_alphanumeric() => {
            let word: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
                .take(30)
                .collect();
            format!("`{word}`")
        }
        Some(c) => format!("`{c}`"),
    })
}

/// The last non-whitespace character before `offset`, skipping nothing else.
fn previous_significant(source: &str, offset: usize) -> Option<(usize, char)> {
    source[..offset]
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_whitespace())
}

/// The word just before `offset` (e.g. the key before a colon).
fn word_before(source: &str, offset: usize) -> &str {
    let head = source[..offset].trim_end();
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_')))
        .map_or(0, |(index, c)| index + c.len_utf8());
    &head[start..]
}

/// The block kind keyword that starts the header ending at the `{` at `brace`.
fn word_before_brace(source: &str, brace: usize) -> Option<&str> {
    let line_start = source[..brace].rfind('\n').map_or(0, |index| index + 1);
    let header = source[line_start..brace].trim_start();
    let kind: &str = header
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .next()?;
    super::BlockKind::from_keyword(kind).map(|kind| kind.keyword())
}
