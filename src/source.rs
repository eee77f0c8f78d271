//! A plan's source text with its path and a line index, shared by every stage.
//!
//! Line and column numbers are computed here once per file (pest's own
//! `line_col` rescans from the start on every call). Columns count
//! characters, not bytes, so they are right for emoji and tabs; a `\r` before
//! `\n` belongs to no line's content.

use crate::syntax::Span;

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user should see it (relative when it was given relative).
    pub path: String,
    pub text: String,
    pub lines: LineIndex,
}

/// Where each line of a text starts: the one line index, built once per
/// text and shared by the reports, the checks and the suppressions.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
    len: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0u32];
        // memchr finds the newlines several bytes at a time: a byte-by-byte
        // filter was 3.5% of a `check`.
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|index| index as u32 + 1));
        LineIndex {
            starts,
            len: text.len() as u32,
        }
    }

    /// The 1-based line of a byte offset.
    pub fn line(&self, offset: u32) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }

    /// The byte range of a 1-based line, its line ending included.
    pub fn range(&self, line: usize) -> (u32, u32) {
        let line = line.clamp(1, self.starts.len());
        let end = self.starts.get(line).copied().unwrap_or(self.len);
        (self.starts[line - 1], end)
    }

    pub fn count(&self) -> usize {
        self.starts.len()
    }
}

/// A 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineColumn {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        SourceFile {
            path: path.into(),
            lines: LineIndex::new(&text),
            text,
        }
    }

    /// The 1-based line of a byte offset.
    pub fn line(&self, offset: u32) -> usize {
        self.lines.line(offset)
    }

    /// The 1-based line and character column of a byte offset.
    pub fn line_column(&self, offset: u32) -> LineColumn {
        let line = self.line(offset);
        let start = self.lines.range(line).0 as usize;
        let offset = (offset as usize).min(self.text.len());
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |prefix| prefix.chars().count())
            + 1;
        LineColumn { line, column }
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let (start, end) = self.lines.range(line);
        self.text[start as usize..end as usize].trim_end_matches(['\n', '\r'])
    }

    /// The byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.lines.range(line).0 as usize
    }

    pub fn line_count(&self) -> usize {
        self.lines.count()
    }

    /// The end of a span as a 1-based line and column (the column just past it).
    pub fn end_line_column(&self, span: Span) -> LineColumn {
        self.line_column(span.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let file = SourceFile::new("p.plan", "a: \"é🎉\" b\r\n\tc: 1\n");
        let b = file.text.find(" b").unwrap() as u32 + 1;
        assert_eq!(file.line_column(b), LineColumn { line: 1, column: 9 });
        let c = file.text.find('c').unwrap() as u32;
        assert_eq!(file.line_column(c), LineColumn { line: 2, column: 2 });
        assert_eq!(file.line_text(1), "a: \"é🎉\" b");
    }

    #[test]
    fn offset_at_end_of_text_is_on_last_line() {
        let file = SourceFile::new("p.plan", "ab\ncd");
        assert_eq!(file.line_column(5), LineColumn { line: 2, column: 3 });
        assert_eq!(file.line_count(), 2);
    }
}
