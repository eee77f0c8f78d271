//! `planlint fmt`: one canonical layout for plans, so that a diff in review
//! shows what changed in the plan, not in its whitespace.
//!
//! The layout: two spaces of indentation per level; `key: value` with one
//! space after the colon; `KIND id "Title" {` with the closing `}` on a line
//! of its own; lists as `[a, b]`; an amount's currency one space after it.
//! Attributes stay in the order written. Several attributes written on one
//! line stay on one line when it fits in [`WIDTH`] columns, and so does a
//! block written on one line without blocks or comments inside; otherwise
//! each goes on its own line. A blank line or several between items become
//! one; a block of the plan that spans several lines is set apart from its
//! neighbours by one blank line.
//!
//! Comments are never moved away from what they annotate, because
//! suppressions and `# expect:` depend on it: a comment on its own line
//! stays right above the item after it (indented like it), a comment at the
//! end of a line stays at the end of that line (two spaces before `#`), and
//! a line that ends in a comment is never split. An attribute with a comment
//! inside (a list over several lines) is kept exactly as written.
//!
//! A plan that does not parse is not formatted: the caller reports its
//! syntax error and leaves the file alone, as `ruff format` does.

use crate::source::LineIndex;
use crate::syntax::{self, Attribute, Block, Comment, Item, Span, SyntaxError, Value, ValueKind};

/// The width lines are kept within, where the layout lets them be.
pub const WIDTH: usize = 100;

/// The plan in canonical layout, or the syntax error that prevents it.
pub fn format(source: &str) -> Result<String, SyntaxError> {
    let tree = syntax::parse(source)?;
    let mut formatter = Formatter {
        source,
        lines: LineIndex::new(source),
        comments: tree.comments,
        next_comment: 0,
        out: String::with_capacity(source.len() + source.len() / 8),
        last_line: None,
    };
    formatter.leading_comments(tree.plan.span.start, 0);
    formatter.block(&tree.plan, 0);
    formatter.leading_comments(u32::MAX, 0);
    Ok(formatter.out)
}

struct Formatter<'a> {
    source: &'a str,
    lines: LineIndex,
    comments: Vec<Comment>,
    /// The first comment not written yet (comments are in source order).
    next_comment: usize,
    out: String,
    /// The source line of the last thing written, for blank lines.
    last_line: Option<usize>,
}

impl Formatter<'_> {
    fn text(&self, span: Span) -> &str {
        span.text(self.source)
    }

    fn line(&self, offset: u32) -> usize {
        self.lines.line(offset)
    }

    /// Writes one output line at `depth`.
    fn write_line(&mut self, depth: usize, text: &str) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
        self.out.push_str(text.trim_end());
        self.out.push('\n');
    }

    /// One blank line where the source had one or more before `offset`.
    fn keep_blank_line(&mut self, offset: u32) {
        let line = self.line(offset);
        if self.last_line.is_some_and(|last| line > last + 1) {
            self.blank_line();
        }
    }

    fn blank_line(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") && !self.out.ends_with("{\n") {
            self.out.push('\n');
        }
    }

    /// Writes the comments on their own lines before `offset`, at `depth`.
    fn leading_comments(&mut self, offset: u32, depth: usize) {
        while let Some(comment) = self.comments.get(self.next_comment).copied() {
            if comment.span.start >= offset {
                break;
            }
            self.keep_blank_line(comment.span.start);
            let text = self.text(comment.span).to_string();
            self.write_line(depth, &text);
            self.last_line = Some(self.line(comment.span.start));
            self.next_comment += 1;
        }
    }

    /// The comment at the end of the line where `end` is, if any: it is
    /// appended to that line's output (`text`).
    fn trailing_comment(&mut self, end: u32, text: &mut String) {
        let line = self.line(end);
        if let Some(comment) = self.comments.get(self.next_comment).copied() {
            if comment.span.start >= end && self.line(comment.span.start) == line {
                text.push_str("  ");
                text.push_str(self.text(comment.span));
                self.next_comment += 1;
            }
        }
    }

    fn has_comment_within(&self, span: Span) -> bool {
        self.comments[self.next_comment..]
            .iter()
            .take_while(|comment| comment.span.start < span.end)
            .any(|comment| comment.span.start >= span.start)
    }

    fn block(&mut self, block: &Block, depth: usize) {
        let header = self.header(block);
        let Some(body) = &block.body else {
            let mut line = header;
            self.trailing_comment(block.span.end, &mut line);
            self.write_line(depth, &line);
            self.last_line = Some(self.line(block.span.end));
            return;
        };
        if let Some(mut line) = self
            .one_line_block(block, depth)
            .or_else(|| self.one_line_block_with_comment(block))
        {
            self.trailing_comment(block.span.end, &mut line);
            self.write_line(depth, &line);
            self.last_line = Some(self.line(block.span.end));
            return;
        }
        let mut line = format!("{header} {{");
        self.trailing_comment(body.open.end, &mut line);
        self.write_line(depth, &line);
        self.last_line = Some(self.line(body.open.end));
        self.items(&body.items, depth + 1, depth == 0);
        self.leading_comments(body.close.start, depth + 1);
        let mut line = "}".to_string();
        self.trailing_comment(body.close.end, &mut line);
        self.write_line(depth, &line);
        self.last_line = Some(self.line(body.close.end));
    }

    /// `tactic webinars "Webinars"`.
    fn header(&self, block: &Block) -> String {
        let mut header = self.text(block.keyword).to_string();
        for part in [block.id, block.title].into_iter().flatten() {
            header.push(' ');
            header.push_str(self.text(part));
        }
        header
    }

    /// The block on one line, when it was written on one line, holds no
    /// block or comment, and fits.
    fn one_line_block(&self, block: &Block, depth: usize) -> Option<String> {
        let body = block.body.as_ref()?;
        let one_line = self.line(block.keyword.start) == self.line(body.close.end);
        let only_attributes = body
            .items
            .iter()
            .all(|item| matches!(item, Item::Attribute(_)));
        if !one_line
            || !only_attributes
            || self.has_comment_within(Span::new(body.open.start as usize, body.close.end as usize))
        {
            return None;
        }
        let attributes: Vec<String> = body
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Attribute(attribute) => Some(self.attribute(attribute)),
                Item::Block(_) => None,
            })
            .collect();
        let line = if attributes.is_empty() {
            format!("{} {{}}", self.header(block))
        } else {
            format!("{} {{ {} }}", self.header(block), attributes.join("  "))
        };
        (depth * 2 + line.chars().count() <= WIDTH).then_some(line)
    }

    /// A block written on one line that the layout would split (it holds
    /// blocks, or does not fit), when a comment ends its line: kept exactly
    /// as written, because a line that ends in a comment is never split
    /// (the comment may be a suppression or an `# expect:` for that line).
    fn one_line_block_with_comment(&self, block: &Block) -> Option<String> {
        let line = self.line(block.keyword.start);
        let comment = self.comments.get(self.next_comment)?;
        let ends_in_comment = line == self.line(block.span.end)
            && comment.span.start >= block.span.end
            && self.line(comment.span.start) == line;
        ends_in_comment.then(|| self.text(block.span).to_string())
    }

    /// The items of a body: runs of attributes written on one line are a
    /// group; each group or block is written in turn with its comments.
    fn items(&mut self, items: &[Item], depth: usize, in_plan: bool) {
        let mut index = 0;
        let mut previous_was_tall = false;
        while index < items.len() {
            let start = item_span(&items[index]).start;
            let group_end = self.group_end(items, index);
            let tall = matches!(&items[index], Item::Block(block) if self.is_tall(block, depth));
            if in_plan && index > 0 && (tall || previous_was_tall) {
                self.blank_line();
            } else if index > 0 {
                let first = self
                    .comments
                    .get(self.next_comment)
                    .map_or(start, |comment| comment.span.start.min(start));
                self.keep_blank_line(first);
            }
            self.leading_comments(start, depth);
            match &items[index] {
                Item::Block(block) => self.block(block, depth),
                Item::Attribute(_) => self.attribute_group(&items[index..group_end], depth),
            }
            previous_was_tall = tall;
            index = group_end;
        }
    }

    /// Where the group of attributes starting at `index` ends: the
    /// attributes that follow it on the same source line.
    fn group_end(&self, items: &[Item], index: usize) -> usize {
        let Item::Attribute(first) = &items[index] else {
            return index + 1;
        };
        let mut line = self.line(first.value.span.end);
        let mut end = index + 1;
        while let Some(Item::Attribute(next)) = items.get(end) {
            if self.line(next.key.start) != line {
                break;
            }
            line = self.line(next.value.span.end);
            end += 1;
        }
        end
    }

    /// Whether a block takes several lines once formatted.
    fn is_tall(&self, block: &Block, depth: usize) -> bool {
        block.body.is_some() && self.one_line_block(block, depth).is_none()
    }

    /// Attributes written on one line: kept on one line when it fits (or
    /// when the line ends in a comment, which must stay with all of them),
    /// otherwise one per line.
    fn attribute_group(&mut self, group: &[Item], depth: usize) {
        let attributes: Vec<&Attribute> = group
            .iter()
            .filter_map(|item| match item {
                Item::Attribute(attribute) => Some(attribute),
                Item::Block(_) => None,
            })
            .collect();
        let Some(last) = attributes.last() else {
            return;
        };
        let end = last.value.span.end;
        let texts: Vec<String> = attributes
            .iter()
            .map(|attribute| self.attribute(attribute))
            .collect();
        let mut line = texts.join("  ");
        let mut trailing = String::new();
        self.trailing_comment(end, &mut trailing);
        let fits = depth * 2 + line.chars().count() <= WIDTH;
        if fits || !trailing.is_empty() || texts.len() == 1 {
            line.push_str(&trailing);
            self.write_line(depth, &line);
        } else {
            for text in &texts {
                self.write_line(depth, text);
            }
        }
        self.last_line = Some(self.line(end));
    }

    /// `key: value`; as written when a comment sits inside it.
    fn attribute(&self, attribute: &Attribute) -> String {
        let span = Span::new(
            attribute.key.start as usize,
            attribute.value.span.end as usize,
        );
        if self.has_comment_within(span) {
            return self.text(span).to_string();
        }
        format!(
            "{}: {}",
            self.text(attribute.key),
            self.value(&attribute.value)
        )
    }

    fn value(&self, value: &Value) -> String {
        match &value.kind {
            ValueKind::List(items) => {
                let items: Vec<String> = items.iter().map(|item| self.value(item)).collect();
                format!("[{}]", items.join(", "))
            }
            ValueKind::String => self.text(value.span).to_string(),
            // `20k   EUR` → `20k EUR`; other values have no spaces.
            _ => self
                .text(value.span)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

fn item_span(item: &Item) -> Span {
    match item {
        Item::Attribute(attribute) => attribute.key.cover(attribute.value.span),
        Item::Block(block) => block.span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lays_out_blocks_attributes_and_comments() {
        let source = "# A plan\nplan   \"P\"{owner:@ana\n\n\n   period:  2027-Q1..2027-Q4 # the year\n tactic a \"A\" { owner: @ana   budget: 20k   EUR }\n  tactic b \"B\" {\n# first\n      supports: [x,y]\n  }\n}\n";
        let expected = "# A plan\nplan \"P\" {\n  owner: @ana\n\n  period: 2027-Q1..2027-Q4  # the year\n  tactic a \"A\" { owner: @ana  budget: 20k EUR }\n\n  tactic b \"B\" {\n    # first\n    supports: [x, y]\n  }\n}\n";
        assert_eq!(format(source).unwrap(), expected);
        assert_eq!(
            format(expected).unwrap(),
            expected,
            "formatting twice changes nothing"
        );
    }

    #[test]
    fn a_line_that_ends_in_a_comment_is_never_split() {
        let long = "x".repeat(90);
        let source = format!("plan \"P\" {{\n  owner: @ana  challenge: \"{long}\"   # planlint: allow(x) -- why\n}}\n");
        let formatted = format(&source).unwrap();
        assert!(
            formatted.contains(&format!("owner: @ana  challenge: \"{long}\"  # planlint")),
            "{formatted}"
        );
    }

    #[test]
    fn a_one_line_block_that_ends_in_a_comment_is_never_split() {
        let source = "plan \"P\" {\n  team { member @ana { capacity: 4d } }   # planlint: allow(x) -- why\n}\n";
        let formatted = format(source).unwrap();
        assert!(
            formatted
                .contains("  team { member @ana { capacity: 4d } }  # planlint: allow(x) -- why\n"),
            "{formatted}"
        );
        assert_eq!(format(&formatted).unwrap(), formatted);
    }

    #[test]
    fn a_plan_that_does_not_parse_is_refused() {
        assert!(format("plan \"P\" {").is_err());
    }
}
