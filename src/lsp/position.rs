//! Byte offsets (what findings and the model know) to LSP positions and
//! back. LSP counts a line's characters in UTF-16 code units (its default
//! position encoding), so `é` is one unit and `🎉` two; a position past the
//! end of its line or of the text is clamped, never an error.

use lsp_types::{Position, Range};

use crate::source::SourceFile;
use crate::syntax::Span;

/// The position of a byte offset (clamped to the text, and back to the
/// start of the character it falls in).
pub fn position(file: &SourceFile, offset: usize) -> Position {
    let mut offset = offset.min(file.text.len());
    while !file.text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line = file.line(offset as u32);
    let start = file.line_start(line).min(offset);
    let character = file.text[start..offset].encode_utf16().count();
    Position::new((line - 1) as u32, character as u32)
}

pub fn range(file: &SourceFile, span: Span) -> Range {
    Range::new(
        position(file, span.start as usize),
        position(file, span.end as usize),
    )
}

/// The byte offset of a position: the end of the line when the character
/// is past it, the end of the text when the line is.
pub fn offset(file: &SourceFile, position: Position) -> usize {
    let line = position.line as usize + 1;
    if line > file.line_count() {
        return file.text.len();
    }
    let start = file.line_start(line);
    let content = file.line_text(line);
    let mut units = 0;
    for (index, character) in content.char_indices() {
        if units >= position.character as usize {
            return start + index;
        }
        units += character.len_utf16();
    }
    start + content.len()
}

/// The byte span of a range (start and end in order).
pub fn span(file: &SourceFile, range: Range) -> Span {
    let start = offset(file, range.start);
    let end = offset(file, range.end);
    Span::new(start.min(end), start.max(end))
}

/// The range covering the whole text.
pub fn whole(file: &SourceFile) -> Range {
    Range::new(Position::new(0, 0), position(file, file.text.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units() {
        let file = SourceFile::new("p.plan", "a: \"é🎉\" b\r\nc: 1\n");
        // `b` is after `a: "` (4), `é` (1), `🎉` (2), `" ` (2).
        let b = file.text.find(" b").unwrap() + 1;
        assert_eq!(position(&file, b), Position::new(0, 9));
        assert_eq!(offset(&file, Position::new(0, 9)), b);
        let c = file.text.find('c').unwrap();
        assert_eq!(position(&file, c), Position::new(1, 0));
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let file = SourceFile::new("p.plan", "ab\r\ncd");
        assert_eq!(offset(&file, Position::new(0, 99)), 2);
        assert_eq!(offset(&file, Position::new(7, 3)), file.text.len());
        assert_eq!(position(&file, 999), Position::new(1, 2));
        // Inside the emoji's two units: the offset of the character after it.
        let emoji = SourceFile::new("p.plan", "🎉x");
        assert_eq!(offset(&emoji, Position::new(0, 1)), 4);
        assert_eq!(position(&emoji, 2), Position::new(0, 0));
    }
}
