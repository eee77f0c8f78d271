//! textDocument/formatting: the plan in `planlint fmt`'s canonical layout,
//! as one edit of the whole text (nothing when it already is, or when it
//! does not parse: fmt leaves such plans alone).

use lsp_types::TextEdit;

use crate::format;

use super::document::Document;
use super::position;

pub fn formatting(document: &Document) -> Option<Vec<TextEdit>> {
    let formatted = format::format(&document.source.text).ok()?;
    if formatted == document.source.text {
        return Some(Vec::new());
    }
    Some(vec![TextEdit::new(
        position::whole(&document.source),
        formatted,
    )])
}
