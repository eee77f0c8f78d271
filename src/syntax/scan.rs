//! A lexical pre-pass over the source, run before pest.
//!
//! One cheap byte loop that does what the grammar should not:
//! - collects comments with their spans (suppressions and the `# expect:`
//!   convention need them; the grammar skips them silently, which is faster);
//! - reports an unterminated string at its opening quote, where a person
//!   looks for the mistake, rather than wherever pest gave up;
//! - refuses nesting deeper than [`NESTING_LIMIT`], so that pest's recursive
//!   descent can never overflow the stack on hostile input.

use super::{Span, SyntaxError};

/// The deepest nesting of `{` accepted. The language needs three levels
/// (`plan` › `objective` › `kpi`); anything near this limit is not a plan.
pub const NESTING_LIMIT: usize = 32;

/// A `#` comment: the span runs from `#` to the end of the line (newline excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comment {
    pub span: Span,
    /// True when the comment is the first thing on its line.
    pub own_line: bool,
}

pub struct Scanned {
    pub comments: Vec<Comment>,
}

/// Something the lexer found, in source order.
enum Token {
    Comment(Comment),
    Open(usize),
    Close,
}

/// Walks the source, calling `on_token` for comments and braces outside strings.
/// Stops early when `on_token` returns an error. Returns the offset of an
/// unterminated string's opening quote, if there is one.
fn lex(
    source: &str,
    mut on_token: impl FnMut(Token) -> Result<(), SyntaxError>,
) -> Result<Option<usize>, SyntaxError> {
    let bytes = source.as_bytes();
    let mut index = 0;
    let mut line_has_code = false;
    while index < bytes.len() {
        match bytes[index] {
            b'"' => {
                let open = index;
                index += 1;
                loop {
                    match bytes.get(index) {
                        None => return Ok(Some(open)),
                        Some(b'\\') => index += 2,
                        Some(b'"') => break,
                        Some(_) => index += 1,
                    }
                }
                line_has_code = true;
            }
            b'#' => {
                let start = index;
                let end = memchr_newline(bytes, index);
                // A comment ending in `\r\n` does not include the `\r`.
                let text_end = if end > start && bytes[end - 1] == b'\r' {
                    end - 1
                } else {
                    end
                };
                on_token(Token::Comment(Comment {
                    span: Span::new(start, text_end),
                    own_line: !line_has_code,
                }))?;
                index = end;
                continue;
            }
            b'\n' => line_has_code = false,
            b' ' | b'\t' | b'\r' => {}
            b'{' => {
                on_token(Token::Open(index))?;
                line_has_code = true;
            }
            b'}' => {
                on_token(Token::Close)?;
                line_has_code = true;
            }
            _ => line_has_code = true,
        }
        index += 1;
    }
    Ok(None)
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&byte| byte == b'\n')
        .map_or(bytes.len(), |offset| from + offset)
}

pub fn scan(source: &str) -> Result<Scanned, SyntaxError> {
    let mut comments = Vec::new();
    let mut depth = 0usize;
    let unterminated = lex(source, |token| {
        match token {
            Token::Comment(comment) => comments.push(comment),
            Token::Open(offset) => {
                depth += 1;
                if depth > NESTING_LIMIT {
                    return Err(SyntaxError::new(
                        "too-deep",
                        Span::new(offset, offset + 1),
                        "too-deep",
                    )
                    .var("limit", NESTING_LIMIT.to_string()));
                }
            }
            Token::Close => depth = depth.saturating_sub(1),
        }
        Ok(())
    })?;
    if let Some(open) = unterminated {
        return Err(SyntaxError::new(
            "unterminated-string",
            Span::new(open, open + 1),
            "string-never-closed",
        ));
    }
    Ok(Scanned { comments })
}

/// Whether only whitespace and comments come before `offset`.
pub fn only_comments_before(source: &str, offset: usize) -> bool {
    source
        .get(..offset)
        .unwrap_or(source)
        .lines()
        .all(|line| line.trim().is_empty() || line.trim_start().starts_with('#'))
}

/// The offsets of the `{` still open at `offset` (outermost first).
/// Used to explain a parse error: "the `tactic` block opened on line 12".
pub fn open_braces_before(source: &str, offset: usize) -> Vec<usize> {
    let mut stack = Vec::new();
    let _ = lex(source.get(..offset).unwrap_or(source), |token| {
        match token {
            Token::Open(at) => stack.push(at),
            Token::Close => {
                stack.pop();
            }
            Token::Comment(_) => {}
        }
        Ok(())
    });
    stack
}
