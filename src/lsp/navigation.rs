//! Hover, go to definition, find references and the outline (document
//! symbols), all answered from the document's last [`Outline`] and findings.

use lsp_types::{
    DocumentSymbol, Hover, HoverContents, Location, MarkupContent, MarkupKind, Position, SymbolKind,
};

use crate::model::schema::key_spec;
use crate::model::BlockIndex;
use crate::syntax::BlockKind;

use super::document::Document;
use super::outline::{contains, BlockInfo, NameUse};
use super::position;

/// What is under the cursor: the key's meaning, the block a name or id
/// names, and the rule of every finding there.
pub fn hover(document: &Document, at: Position) -> Option<Hover> {
    let offset = position::offset(&document.source, at);
    let outline = &document.outline;
    let mut sections = Vec::new();
    if let Some(attribute) = outline.key_at(offset) {
        sections.push(match key_spec(&attribute.key) {
            Some(spec) => {
                let on: Vec<&str> = spec.on.iter().map(|kind| kind.keyword()).collect();
                format!(
                    "**`{}`**: {}.\n\nOn {}.",
                    spec.key,
                    crate::rules::words::value_type(spec.value),
                    on.join(", ")
                )
            }
            None => format!("`{}` is not a key of the plan language.", attribute.key),
        });
    } else if let Some(name) = outline.name_at(offset) {
        sections.push(match name.target {
            Some(target) => describe(&outline.blocks[target]),
            None => undeclared(name),
        });
    } else if let Some(block) = outline.declaration_at(offset) {
        sections.push(describe(&outline.blocks[block]));
    }
    for finding in &document.findings {
        if !contains(finding.primary.span, offset) {
            continue;
        }
        if let Some(rule) = document.rules.get(&finding.rule) {
            let section = format!(
                "**`{}`**: {}\n\n{}",
                rule.file.id,
                rule.file.summary.trim(),
                rule.file.docs().why.trim()
            );
            if !sections.contains(&section) {
                sections.push(section);
            }
        }
    }
    if sections.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: sections.join("\n\n---\n\n"),
        }),
        range: None,
    })
}

/// A block in a few lines: what it is, its title, who owns it, its size.
fn describe(block: &BlockInfo) -> String {
    let mut lines = vec![format!("**{}**", block.description)];
    if let Some(title) = &block.title {
        lines.push(format!("\"{title}\""));
    }
    for key in ["owner", "role", "capacity", "when", "effort", "budget"] {
        if let Some(attribute) = block.attribute(key) {
            lines.push(format!("{key}: `{}`", attribute.value));
        }
    }
    lines.join("\n\n")
}

fn undeclared(name: &NameUse) -> String {
    if name.person {
        format!(
            "No member or partner of this plan is called @{}.",
            name.name
        )
    } else {
        format!("No block of this plan has the id `{}`.", name.name)
    }
}

/// The block a name under the cursor refers to, or whose id it is.
fn target_at(document: &Document, at: Position) -> Option<BlockIndex> {
    let offset = position::offset(&document.source, at);
    let outline = &document.outline;
    match outline.name_at(offset) {
        Some(name) => name.target,
        None => outline.declaration_at(offset),
    }
}

pub fn definition(document: &Document, at: Position) -> Option<Location> {
    let target = target_at(document, at)?;
    let span = document.outline.blocks[target].name_span();
    Some(Location::new(
        document.uri.clone(),
        position::range(&document.source, span),
    ))
}

pub fn references(document: &Document, at: Position, declaration: bool) -> Vec<Location> {
    let Some(target) = target_at(document, at) else {
        return Vec::new();
    };
    let outline = &document.outline;
    let declared = declaration.then(|| outline.blocks[target].name_span());
    declared
        .into_iter()
        .chain(outline.uses_of(target).map(|name| name.span))
        .map(|span| {
            Location::new(
                document.uri.clone(),
                position::range(&document.source, span),
            )
        })
        .collect()
}

/// The outline: the plan, its strategies, team, objectives, tactics, KPIs.
pub fn symbols(document: &Document) -> Vec<DocumentSymbol> {
    let blocks = &document.outline.blocks;
    let roots: Vec<BlockIndex> = (0..blocks.len())
        .filter(|&index| blocks[index].parent.is_none())
        .collect();
    roots
        .into_iter()
        .map(|index| symbol(document, index))
        .collect()
}

fn symbol(document: &Document, index: BlockIndex) -> DocumentSymbol {
    let blocks = &document.outline.blocks;
    let block = &blocks[index];
    let children: Vec<DocumentSymbol> = (0..blocks.len())
        .filter(|&child| blocks[child].parent == Some(index))
        .map(|child| symbol(document, child))
        .collect();
    let name = match (&block.id, &block.title) {
        (Some(id), _) if matches!(block.kind, BlockKind::Member | BlockKind::Partner) => {
            format!("@{id}")
        }
        (Some(id), _) => id.clone(),
        (None, Some(title)) => title.clone(),
        (None, None) => block.kind.keyword().to_string(),
    };
    let detail = match (&block.id, &block.title) {
        (Some(_), Some(title)) => format!("{} \"{title}\"", block.kind),
        _ => block.kind.keyword().to_string(),
    };
    let file = &document.source;
    #[allow(deprecated)] // `deprecated` is a field every literal must name.
    DocumentSymbol {
        name,
        detail: Some(detail),
        kind: symbol_kind(block.kind),
        tags: None,
        deprecated: None,
        range: position::range(file, block.span),
        selection_range: position::range(file, block.name_span()),
        children: (!children.is_empty()).then_some(children),
    }
}

fn symbol_kind(kind: BlockKind) -> SymbolKind {
    match kind {
        BlockKind::Plan => SymbolKind::MODULE,
        BlockKind::Strategy => SymbolKind::NAMESPACE,
        BlockKind::Team => SymbolKind::STRUCT,
        BlockKind::Member | BlockKind::Partner => SymbolKind::FIELD,
        BlockKind::Objective => SymbolKind::CLASS,
        BlockKind::Tactic => SymbolKind::FUNCTION,
        BlockKind::Kpi => SymbolKind::PROPERTY,
    }
}
