//! Error recovery: one syntax error must not hide the rest of the plan.
//!
//! pest stops at the first error, so recovery works on the text: after a
//! failed parse, the part of the plan that holds the error (a line, or a
//! whole block with its body) is blanked out (every character but line
//! breaks made a space, so every offset stays where it was) and the text is
//! parsed again, until it parses or [`ERROR_LIMIT`] errors were found. What
//! was blanked is a [`LostRegion`]: later stages know the plan is partial
//! and where (see ARCHITECTURE.md for what each rule does then).
//!
//! Before pest is asked, two mistakes are placed where a person would fix
//! them, not where the parser gave up:
//! - a string whose closing quote is missing swallows the lines after it
//!   until the next `"`; a string that runs over a line that looks like
//!   code (`owner: @lee`, a block header, a lone `}`) is the culprit, and
//!   the error points at its opening quote;
//! - a block whose `}` is missing makes the parser complain at the end of
//!   the file about the outermost block; the block left open is found from
//!   the indentation (its `}` is the first one indented less than it).

use std::ops::Range;

use super::tree::{BlockKind, SyntaxTree};
use super::{Span, SyntaxError};
use crate::source::LineIndex;

/// At most this many syntax errors are reported per file.
pub const ERROR_LIMIT: usize = 20;

/// A part of the plan that did not parse and was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LostRegion {
    /// The bytes left out (whole lines).
    pub span: Span,
    /// When the region is one whole block: its kind and id, read from its
    /// header, so a reference to it is not reported as unknown.
    pub block: Option<(BlockKind, Option<String>)>,
}

/// The outcome of parsing with recovery.
#[derive(Debug)]
pub struct Recovered {
    /// The tree of what parsed; `None` when nothing could be recovered.
    pub tree: Option<SyntaxTree>,
    /// The text the tree was parsed from, when regions were blanked out
    /// (same length as the source, so spans agree).
    pub text: Option<String>,
    pub errors: Vec<SyntaxError>,
    pub lost: Vec<LostRegion>,
}

/// Parses `source`, recovering from syntax errors.
pub fn parse_recovering(source: &str) -> Recovered {
    // The first failure is kept: the first step need not parse it again
    // (a whole parse of the plan, at every keystroke in the editor).
    let mut failure = match super::parse(source) {
        Ok(tree) => {
            return Recovered {
                tree: Some(tree),
                text: None,
                errors: Vec::new(),
                lost: Vec::new(),
            }
        }
        Err(error) => Some(error),
    };
    let mut text = source.to_string();
    let mut errors = Vec::new();
    let mut lost = Vec::new();
    while errors.len() < ERROR_LIMIT {
        let step = match next_error(&text, failure.take()) {
            Ok(tree) => {
                return Recovered {
                    tree: Some(tree),
                    text: Some(text),
                    errors,
                    lost,
                }
            }
            Err(step) => step,
        };
        // A plan-less file after recovery only repeats the first error.
        if step.error.case == "no-plan" && !errors.is_empty() {
            break;
        }
        let Some(region) = step
            .region
            .filter(|region| !is_blank(&text[region.clone()]))
        else {
            errors.push(*step.error);
            break; // no way on: nothing left to blank
        };
        errors.push(*step.error);
        lost.push(LostRegion {
            span: Span::new(region.start, region.end),
            block: step
                .whole_block
                .then(|| header_of(&text[region.clone()]))
                .flatten(),
        });
        blank(&mut text, region);
    }
    Recovered {
        tree: None,
        text: Some(text),
        errors,
        lost,
    }
}

/// One error and the region to leave out to get past it.
struct Step {
    error: Box<SyntaxError>,
    region: Option<Range<usize>>,
    /// Whether the region is a whole block (header and body).
    whole_block: bool,
}

/// The next error of `text` and how to get past it; `failure` is what
/// parsing this very text gave, when that is known already.
fn next_error(text: &str, failure: Option<SyntaxError>) -> Result<SyntaxTree, Step> {
    let lines = LineIndex::new(text);
    let structure = Structure::of(text);
    if let Some(step) = runaway_string(text, &lines, &structure) {
        return Err(step);
    }
    if let Some(step) = unreadable_value(text, &lines, &structure) {
        return Err(step);
    }
    let parsed = match failure {
        Some(error) => Err(error),
        None => super::parse(text),
    };
    match parsed {
        Ok(tree) => Ok(tree),
        Err(error) if matches!(error.case, "too-deep" | "no-plan") => Err(Step {
            error: Box::new(error),
            region: None,
            whole_block: false,
        }),
        Err(error) if error.opened.is_some() => Err(unclosed_block(text, &lines, &structure)
            .unwrap_or_else(|| line_step(error, text, &lines, &structure))),
        Err(error) => Err(line_step(error, text, &lines, &structure)),
    }
}

/// Leaves out the line of the error, or the whole block that starts on it.
/// A missing value is found where the next thing starts, often the next
/// line: the line to leave out is the key's.
fn line_step(error: SyntaxError, text: &str, lines: &LineIndex, structure: &Structure) -> Step {
    let mut at = (error.span.start as usize).min(text.len());
    if matches!(error.case, "missing-value" | "list-value") {
        at = text[..at].trim_end().len().saturating_sub(1);
    }
    let line = lines.line(at as u32);
    let (start, end) = lines.range(line);
    let (start, end) = (start as usize, end as usize);
    // A block that starts on the line goes with it, but never the outermost
    // one (the plan): then only the line is left out.
    let outermost = structure.pairs.first().map(|&(open, _)| open);
    let block_end = structure
        .pairs
        .iter()
        .find(|(open, _)| (start..end).contains(open) && Some(*open) != outermost)
        .and_then(|&(_, close)| close)
        .map(|close| lines.range(lines.line(close as u32)).1 as usize);
    Step {
        error: Box::new(error),
        region: Some(start..block_end.unwrap_or(end)),
        whole_block: block_end.is_some(),
    }
}

/// The braces and strings of a text, outside comments.
struct Structure {
    /// Each `{` with its matching `}` (`None` when never closed).
    pairs: Vec<(usize, Option<usize>)>,
    /// Each string's opening quote and closing quote (`None`: never closed),
    /// in text order; strings never overlap.
    strings: Vec<(usize, Option<usize>)>,
}

impl Structure {
    fn of(text: &str) -> Structure {
        let bytes = text.as_bytes();
        let mut pairs = Vec::new();
        let mut open = Vec::new();
        let mut strings = Vec::new();
        let mut index = 0;
        while index < bytes.len() {
            match bytes[index] {
                b'"' => {
                    let start = index;
                    index += 1;
                    loop {
                        match bytes.get(index) {
                            None => {
                                strings.push((start, None));
                                break;
                            }
                            Some(b'\\') => index += 2,
                            Some(b'"') => {
                                strings.push((start, Some(index)));
                                break;
                            }
                            Some(_) => index += 1,
                        }
                    }
                }
                b'#' => {
                    while index < bytes.len() && bytes[index] != b'\n' {
                        index += 1;
                    }
                    continue;
                }
                b'{' => {
                    open.push(pairs.len());
                    pairs.push((index, None));
                }
                b'}' => {
                    if let Some(pair) = open.pop() {
                        pairs[pair].1 = Some(index);
                    }
                }
                _ => {}
            }
            index += 1;
        }
        Structure { pairs, strings }
    }
}

/// A string that runs over lines that look like code: its closing quote
/// is missing. The error points at its opening quote; its line is left out.
fn runaway_string(text: &str, lines: &LineIndex, structure: &Structure) -> Option<Step> {
    structure.strings.iter().find_map(|&(open, close)| {
        let close = close.unwrap_or(text.len());
        let first_line = lines.line(open as u32);
        let last_line = lines.line(close as u32);
        let swallowed_line = |line: usize| {
            let (start, end) = lines.range(line);
            let end = (end as usize).min(close);
            &text[(start as usize).min(end)..end]
        };
        // Code is the best evidence; a comment will do when there is none.
        let swallowed = (first_line + 1..=last_line)
            .find(|&line| {
                let swallowed = swallowed_line(line);
                looks_like_code(swallowed) && !swallowed.trim_start().starts_with('#')
            })
            .or_else(|| {
                (first_line + 1..=last_line).find(|&line| looks_like_code(swallowed_line(line)))
            });
        let unterminated = close == text.len();
        if swallowed.is_none() && !unterminated {
            return None;
        }
        let mut error = SyntaxError::new(
            "unterminated-string",
            Span::new(open, open + 1),
            "string-never-closed",
        );
        if let Some(line) = swallowed {
            let code = swallowed_line(line).trim();
            error = SyntaxError::new(
                "runaway-string",
                Span::new(open, open + 1),
                "string-never-closed",
            )
            .var("line", line.to_string())
            .var("swallowed", code);
        }
        // Leave out the attribute the string belongs to (`challenge: "…`),
        // up to the end of its line: whatever comes before it on the line
        // (a block's header) stays.
        let (line_start, end) = lines.range(first_line);
        let before = &text[line_start as usize..open];
        let key_start = before
            .trim_end()
            .strip_suffix(':')
            .map(|head| head.trim_end())
            .map(|head| {
                head.len()
                    - head
                        .chars()
                        .rev()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                        .count()
            })
            .map_or(open, |at| line_start as usize + at);
        let end = (end as usize).min(text[..end as usize].trim_end_matches(['\n', '\r']).len());
        Some(Step {
            error: Box::new(error),
            region: Some(key_start..end),
            whole_block: false,
        })
    })
}

/// `sales-cycle: 4 months`, `budget: EUR 5000`: an attribute whose value is
/// followed by words that are neither another attribute nor a block. pest
/// would read the extra word as a block and fail a line later; the mistake
/// is the value, so the error points at it and names the key.
fn unreadable_value(text: &str, lines: &LineIndex, structure: &Structure) -> Option<Step> {
    (1..=lines.count()).find_map(|line| {
        let (start, end) = lines.range(line);
        // Strings are in text order and never overlap: only the last one
        // opened before the line can run into it (a scan of every string
        // per line made recovery quadratic: 10,000 lines × 3,000 strings).
        let opened_before = structure
            .strings
            .partition_point(|&(open, _)| open < start as usize);
        let in_a_string = opened_before.checked_sub(1).is_some_and(|last| {
            structure.strings[last]
                .1
                .is_none_or(|close| close >= start as usize)
        });
        if in_a_string {
            return None;
        }
        let line_text = &text[start as usize..end as usize];
        let (value_at, value_end) = odd_value(line_text)?;
        let key = line_text[..value_at]
            .trim_end()
            .trim_end_matches(':')
            .trim();
        let value = line_text[value_at..value_end].trim_end();
        let at = start as usize + value_at;
        Some(Step {
            error: Box::new(
                SyntaxError::new("bad-value", Span::new(at, at + value.len()), "not-a-value")
                    .var("key", key)
                    .var("value", value),
            ),
            region: Some(start as usize..end as usize),
            whole_block: false,
        })
    })
}

/// Where the value of a `key: value …` line starts and ends, when what
/// follows the first value is not an attribute, a block, `}` or a comment.
fn odd_value(line: &str) -> Option<(usize, usize)> {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    let key_len = trimmed
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .filter(|&len| len > 0 && trimmed.as_bytes()[0].is_ascii_alphabetic())?;
    let after_key = &trimmed[key_len..];
    let value = after_key.strip_prefix(':')?.trim_start();
    let value_at = line.len() - value.len();
    let first = value_len(value)?;
    let rest = value[first..].trim_start();
    if follows_a_value(rest) {
        return None;
    }
    let end = rest
        .find(['#', '}'])
        .map_or(line.trim_end().len(), |at| line.len() - rest.len() + at);
    Some((value_at.max(indent), end.max(value_at)))
}

/// The length of the one value `text` starts with; `None` when it cannot be
/// told on this line (a string or list that goes on, nothing at all).
fn value_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let word = |from: usize, allowed: fn(u8) -> bool| {
        from + bytes[from..].iter().take_while(|&&b| allowed(b)).count()
    };
    match *bytes.first()? {
        b'"' => {
            let mut index = 1;
            while index < bytes.len() {
                match bytes[index] {
                    b'\\' => index += 2,
                    b'"' => return Some(index + 1),
                    _ => index += 1,
                }
            }
            None
        }
        b'[' => text.find(']').map(|at| at + 1),
        b'@' => Some(word(1, |b| {
            b.is_ascii_alphanumeric() || b"._-".contains(&b)
        })),
        b'0'..=b'9' => {
            let number = word(0, |b| b.is_ascii_alphanumeric() || b"_.-%".contains(&b));
            // `20k EUR`: a currency code after the amount, on the same line.
            let spaces = bytes[number..]
                .iter()
                .take_while(|&&b| b == b' ' || b == b'\t')
                .count();
            // The grammar's currency: a capital letter, then letters and digits.
            let currency_at = number + spaces;
            let code = match bytes.get(currency_at) {
                Some(b) if b.is_ascii_uppercase() => {
                    word(currency_at, |b| b.is_ascii_alphanumeric())
                }
                _ => currency_at,
            };
            Some(if spaces > 0 && code > currency_at {
                code
            } else {
                number
            })
        }
        b if b.is_ascii_alphabetic() => {
            Some(word(0, |b| b.is_ascii_alphanumeric() || b"-_".contains(&b)))
        }
        _ => None,
    }
}

/// Whether what follows a value on its line is something a plan allows
/// there: nothing, a comment, `}`, another `key: value`, or a block.
fn follows_a_value(rest: &str) -> bool {
    if rest.is_empty() || rest.starts_with('#') || rest.starts_with('}') {
        return true;
    }
    let word_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    if word_len == 0 {
        return false;
    }
    let after = rest[word_len..].trim_start();
    after.starts_with(':') || BlockKind::from_keyword(&rest[..word_len]).is_some()
}

/// A line that is an attribute, a block header, a comment or a lone `}`,
/// as written in plans; text inside a string rarely looks like that.
fn looks_like_code(line: &str) -> bool {
    let line = line.trim();
    if line == "}" || line.ends_with('{') || line.starts_with("# ") {
        return true;
    }
    // `objective pipeline …`: a block's header.
    let mut words = line.split_whitespace();
    if let (Some(first), Some(_)) = (words.next(), words.next()) {
        if BlockKind::from_keyword(first).is_some() {
            return true;
        }
    }
    let Some((key, value)) = line.split_once(':') else {
        return false;
    };
    let key_like = !key.is_empty()
        && key.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    key_like && value.starts_with(' ') && !value.trim().is_empty()
}

/// The innermost block left open: the first `}` indented less than the
/// line of the `{` it closes means that `{` was never closed. The error
/// names that block; its header up to the `}` is left out.
fn unclosed_block(text: &str, lines: &LineIndex, structure: &Structure) -> Option<Step> {
    let indent = |offset: usize| {
        let (start, _) = lines.range(lines.line(offset as u32));
        text[start as usize..]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .count()
    };
    let mut candidates: Vec<(usize, Option<usize>)> = structure
        .pairs
        .iter()
        .copied()
        .filter(|&(open, close)| match close {
            Some(close) => {
                indent(close) < indent(open) && lines.line(close as u32) != lines.line(open as u32)
            }
            None => false,
        })
        .collect();
    // The innermost: the one whose `{` comes last among those closed too early.
    candidates.sort_by_key(|&(open, _)| std::cmp::Reverse(open));
    let (open, close) = candidates.first().copied().or_else(|| {
        // Everything closes where it should but the end of the file comes
        // first: the innermost block still open there.
        structure
            .pairs
            .iter()
            .copied()
            .filter(|(_, close)| close.is_none())
            .max_by_key(|&(open, _)| open)
    })?;
    let open_line = lines.line(open as u32);
    let (start, _) = lines.range(open_line);
    let end = match close {
        Some(close) => lines.range(lines.line(close as u32)).0 as usize,
        None => text.len(),
    };
    let header = &text[start as usize..open];
    let kind = header.split_whitespace().next().unwrap_or_default();
    let error = match BlockKind::from_keyword(kind) {
        Some(kind) => SyntaxError::new("never-closed", Span::new(open, open + 1), "never-closed")
            .var("kind", kind.keyword()),
        None => SyntaxError::new(
            "never-closed-unnamed",
            Span::new(open, open + 1),
            "never-closed",
        ),
    }
    .var("line", open_line.to_string())
    .var("before", lines.line(end as u32).to_string());
    let mut error = error;
    error.opened = None;
    Some(Step {
        error: Box::new(error),
        region: Some(start as usize..end),
        whole_block: true,
    })
}

/// `tactic webinars "Webinars" {` → the kind and id, when the header says.
fn header_of(region: &str) -> Option<(BlockKind, Option<String>)> {
    let mut words = region.split_whitespace();
    let kind = BlockKind::from_keyword(words.next()?)?;
    let id = words
        .next()
        .filter(|word| !word.starts_with('"') && !word.starts_with('{'))
        .map(|word| word.trim_start_matches('@').to_string());
    Some((kind, id))
}

fn is_blank(text: &str) -> bool {
    text.chars().all(char::is_whitespace)
}

/// Makes every character of `region` but line breaks a space, keeping
/// every offset of the text where it was.
fn blank(text: &mut String, region: Range<usize>) {
    let blanked: String = text[region.clone()]
        .chars()
        .map(|c| {
            if c == '\n' || c == '\r' {
                c.to_string()
            } else {
                " ".repeat(c.len_utf8())
            }
        })
        .collect();
    text.replace_range(region, &blanked);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors_of(source: &str) -> Vec<(&'static str, usize)> {
        let recovered = parse_recovering(source);
        let lines = LineIndex::new(source);
        recovered
            .errors
            .iter()
            .map(|error| (error.case, lines.line(error.span.start)))
            .collect()
    }

    #[test]
    fn a_broken_block_is_left_out_and_the_rest_parses() {
        let source = "plan \"P\" {\n  tactic a \"A\" {\n    owner: = \n  }\n  tactic b \"B\" { owner: @x }\n}\n";
        let recovered = parse_recovering(source);
        assert_eq!(recovered.errors.len(), 1, "{:?}", recovered.errors);
        let tree = recovered.tree.expect("the rest parses");
        let text = recovered.text.as_deref().unwrap();
        let ids: Vec<_> = tree
            .plan
            .items()
            .iter()
            .filter_map(|item| match item {
                crate::syntax::Item::Block(block) => block.id.map(|id| id.text(text)),
                crate::syntax::Item::Attribute(_) => None,
            })
            .collect();
        assert_eq!(
            ids,
            ["a", "b"],
            "the broken line of `a` is left out, not `a`"
        );
        assert_eq!(recovered.lost.len(), 1);
    }

    #[test]
    fn every_error_is_reported_up_to_the_limit() {
        let mut source = String::from("plan \"P\" {\n");
        for i in 0..30 {
            source.push_str(&format!("  tactic t{i} {{ owner: = }}\n"));
        }
        source.push_str("}\n");
        let recovered = parse_recovering(&source);
        assert_eq!(recovered.errors.len(), ERROR_LIMIT);
    }

    #[test]
    fn a_string_missing_its_quote_is_reported_at_its_quote() {
        let source = "plan \"P\" {\n  owner: @lee\n  period: 2027-Q1..2027-Q4\n  challenge: \"Atlas launches\n  sales-cycle: 120d\n  tactic a \"A\" {\n    owner: @lee\n  }\n}\n";
        assert_eq!(errors_of(source), [("runaway-string", 4)]);
        let recovered = parse_recovering(source);
        assert!(recovered.tree.is_some());
    }

    #[test]
    fn a_value_written_wrong_is_reported_at_the_value_with_its_key() {
        let source = "plan \"P\" {\n  owner: @lee\n  sales-cycle: 4 months\n  budget: EUR 5000\n  challenge: \"x\"\n}\n";
        let recovered = parse_recovering(source);
        let found: Vec<_> = recovered
            .errors
            .iter()
            .map(|error| (error.case, error.vars.clone()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "bad-value",
                    vec![
                        ("key", "sales-cycle".to_string()),
                        ("value", "4 months".to_string())
                    ]
                ),
                (
                    "bad-value",
                    vec![
                        ("key", "budget".to_string()),
                        ("value", "EUR 5000".to_string())
                    ]
                ),
            ]
        );
        assert!(recovered.tree.is_some());
    }

    #[test]
    fn values_followed_by_attributes_or_blocks_are_fine() {
        for line in [
            "  owner: @lee.chen  period: 2027-Q1..2027-Q4",
            "  budget: 20k EUR # approved",
            "  kpi k { stage: closed  target: 1_200  due: 2027-03-31 }",
            "  supports: [a, b]  audience: \"IT: directors\" }",
            "  target: 30%",
            "  challenge: \"goes on",
            "  budget: 5k Euro",
        ] {
            assert_eq!(odd_value(line), None, "{line}");
        }
        assert!(odd_value("  sales-cycle: 4 months").is_some());
    }

    #[test]
    fn the_innermost_block_left_open_is_named() {
        let source = "plan \"P\" {\n  owner: @lee\n  tactic a \"A\" {\n    owner: @lee\n    kpi k {\n      target: 5\n  }\n  tactic b \"B\" { owner: @lee }\n}\n";
        let recovered = parse_recovering(source);
        let first = &recovered.errors[0];
        assert_eq!(first.case, "never-closed");
        assert!(first.vars.contains(&("kind", "kpi".to_string())));
        assert!(first.vars.contains(&("line", "5".to_string())));
        assert_eq!(recovered.errors.len(), 1, "{:?}", recovered.errors);
        assert!(recovered.tree.is_some());
    }
}
