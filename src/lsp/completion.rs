//! Completion: the keys valid on the enclosing block (and the blocks it may
//! hold), the declared ids of the right kind after `supports:` and
//! `after:`, the team's people after `owner:`, the stages after `stage:`,
//! the quarters of the plan's period after `when:` and `due:`.

use std::sync::OnceLock;

use lsp_types::{CompletionItem, CompletionItemKind, CompletionTextEdit, Position, TextEdit};
use regex::Regex;

use crate::model::schema::keys_on;
use crate::model::Quarter;
use crate::syntax::{open_braces_before, BlockKind};

use super::document::Document;
use super::position;

const STAGES: [&str; 4] = ["awareness", "engagement", "opportunity", "closed"];

pub fn completion(document: &Document, at: Position) -> Vec<CompletionItem> {
    let file = &document.source;
    let offset = position::offset(file, at);
    let line_start = file.line_start(file.line(offset as u32)).min(offset);
    let before = &file.text[line_start..offset];
    let word = before.len() - before.trim_end_matches(is_word_char).len();
    let head = &before[..before.len() - word];
    let replaced = position::range(file, crate::syntax::Span::new(offset - word, offset));
    let outline = &document.outline;
    // From the text: the block being typed in may be left out of the
    // outline (its line is a syntax error until it is finished).
    let enclosing = kind_at(&file.text, offset).or_else(|| {
        outline
            .enclosing(offset)
            .map(|index| outline.blocks[index].kind)
    });
    let item =
        |label: String, kind: CompletionItemKind, insert: String, detail: String| CompletionItem {
            label,
            kind: Some(kind),
            detail: Some(detail),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(replaced, insert))),
            ..CompletionItem::default()
        };
    if let Some(key) = value_of_key(head) {
        let kinds: &[BlockKind] = match (key, enclosing) {
            ("supports", Some(BlockKind::Objective)) => &[BlockKind::Strategy],
            ("supports", Some(BlockKind::Tactic)) => &[BlockKind::Objective],
            ("supports", _) => &[BlockKind::Strategy, BlockKind::Objective],
            ("after", _) => &[BlockKind::Tactic],
            ("owner", _) => &[BlockKind::Member, BlockKind::Partner],
            ("stage", _) => {
                return STAGES
                    .iter()
                    .map(|stage| {
                        let text = stage.to_string();
                        let detail = "funnel stage".to_string();
                        item(text.clone(), CompletionItemKind::ENUM_MEMBER, text, detail)
                    })
                    .collect();
            }
            ("when" | "due", _) => {
                return plan_quarters(document)
                    .into_iter()
                    .map(|quarter| {
                        let detail = "a quarter of the plan's period".to_string();
                        item(quarter.clone(), CompletionItemKind::VALUE, quarter, detail)
                    })
                    .collect();
            }
            _ => return Vec::new(),
        };
        let person = key == "owner";
        let mut declared = document.outline.ids_of(kinds);
        for block in document.clean_outline.ids_of(kinds) {
            if !declared.iter().any(|known| known.id == block.id) {
                declared.push(block);
            }
        }
        return declared
            .into_iter()
            .filter_map(|block| {
                let id = block.id.as_ref()?;
                let text = if person { format!("@{id}") } else { id.clone() };
                let detail = match &block.title {
                    Some(title) => format!("{} \"{title}\"", block.kind),
                    None => block.description.clone(),
                };
                Some(item(
                    text.clone(),
                    CompletionItemKind::REFERENCE,
                    text,
                    detail,
                ))
            })
            .collect();
    }
    let at_key = head.trim_end().is_empty() || head.trim_end().ends_with('{');
    let Some(kind) = enclosing.filter(|_| at_key) else {
        return Vec::new();
    };
    let block = outline
        .enclosing(offset)
        .map(|index| &outline.blocks[index])
        .filter(|block| block.kind == kind);
    let keys = keys_on(kind)
        .filter(|key| block.is_none_or(|block| block.attribute(key).is_none()))
        .map(|key| {
            let detail = format!("key of {}", crate::rules::words::block_kind(kind));
            item(
                key.to_string(),
                CompletionItemKind::PROPERTY,
                format!("{key}: "),
                detail,
            )
        });
    let blocks = kind.allowed_children().iter().map(|child| {
        let detail = format!("block inside {}", crate::rules::words::block_kind(kind));
        let keyword = child.keyword().to_string();
        item(
            keyword.clone(),
            CompletionItemKind::KEYWORD,
            format!("{keyword} "),
            detail,
        )
    });
    keys.chain(blocks).collect()
}

/// The quarters of the plan's `period` (at most 40: ten years).
fn plan_quarters(document: &Document) -> Vec<String> {
    let Some(period) = document
        .outline
        .blocks
        .first()
        .and_then(|plan| plan.attribute("period"))
    else {
        return Vec::new();
    };
    let Some((first, last)) = period.value.split_once("..") else {
        return Vec::new();
    };
    let (Some(first), Some(last)) = (Quarter::parse(first.trim()), Quarter::parse(last.trim()))
    else {
        return Vec::new();
    };
    (first.ordinal()..=last.ordinal())
        .take(40)
        .map(Quarter::from_ordinal)
        // As written in a plan (`Display` is for people: `Q1 2027`).
        .map(|quarter| format!("{}-Q{}", quarter.year, quarter.number))
        .collect()
}

/// The kind of the innermost block open at `offset`, read from the text:
/// the first word before its `{`.
fn kind_at(text: &str, offset: usize) -> Option<BlockKind> {
    let open = *open_braces_before(text, offset).last()?;
    let header = text.get(..open)?;
    let start = header.rfind(['{', '}', '\n']).map_or(0, |at| at + 1);
    let keyword = header[start..].split_whitespace().next()?;
    BlockKind::from_keyword(keyword)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '@')
}

/// The key whose value the cursor is in: `supports: ` or `after: [a, `.
fn value_of_key(head: &str) -> Option<&str> {
    static KEY: OnceLock<Regex> = OnceLock::new();
    let key = KEY.get_or_init(|| {
        Regex::new(r"([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(\[[^\]]*)?$").expect("a valid regex")
    });
    key.captures(head)
        .and_then(|captures| captures.get(1))
        .map(|key| key.as_str())
}
