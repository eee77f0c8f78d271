//! What the server keeps of a plan between requests: its blocks, their
//! attributes and every name used in them, owned and with byte spans. Built
//! once per lint from the typed plan (which borrows the text and is
//! dropped), and read by hover, go to definition, references, symbols,
//! completion and the suppress action.

use crate::model::{self, BlockIndex, Plan, Value};
use crate::syntax::{BlockKind, Span};

#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub blocks: Vec<BlockInfo>,
}

#[derive(Debug, Clone)]
pub struct BlockInfo {
    pub kind: BlockKind,
    pub id: Option<String>,
    pub id_span: Option<Span>,
    pub title: Option<String>,
    pub keyword: Span,
    pub header: Span,
    pub span: Span,
    pub parent: Option<BlockIndex>,
    pub attributes: Vec<AttributeInfo>,
    /// `describe()` of the model: `tactic `swag``, `member @kim`.
    pub description: String,
}

#[derive(Debug, Clone)]
pub struct AttributeInfo {
    pub key: String,
    pub key_span: Span,
    /// The value as written.
    pub value: String,
    /// The references and people in the value.
    pub names: Vec<NameUse>,
}

/// A reference (`pipeline`) or a person (`@maria`) used in a value.
#[derive(Debug, Clone)]
pub struct NameUse {
    pub name: String,
    pub span: Span,
    pub person: bool,
    /// The block it names, when the plan declares it.
    pub target: Option<BlockIndex>,
}

impl Outline {
    pub fn of(plan: &Plan<'_>, text: &str) -> Outline {
        let blocks = plan
            .blocks
            .iter()
            .map(|block| BlockInfo {
                kind: block.kind,
                id: block.id.map(str::to_string),
                id_span: block.id_span,
                title: block.title.as_ref().map(|title| title.to_string()),
                keyword: block.keyword,
                header: block.header,
                span: block.span,
                parent: block.parent,
                attributes: block
                    .attributes
                    .iter()
                    .map(|attribute| AttributeInfo {
                        key: attribute.key.to_string(),
                        key_span: attribute.key_span,
                        value: text
                            .get(attribute.span.start as usize..attribute.span.end as usize)
                            .unwrap_or_default()
                            .to_string(),
                        names: names_in(attribute),
                    })
                    .collect(),
                description: crate::rules::words::block_name(block),
            })
            .collect();
        Outline { blocks }
    }

    /// The innermost block whose body holds `offset` (past its header).
    pub fn enclosing(&self, offset: usize) -> Option<BlockIndex> {
        let offset = offset as u32;
        self.blocks
            .iter()
            .enumerate()
            .filter(|(_, block)| block.header.end <= offset && offset < block.span.end)
            .min_by_key(|(_, block)| block.span.end - block.span.start)
            .map(|(index, _)| index)
    }

    /// The attribute whose key is at `offset`.
    pub fn key_at(&self, offset: usize) -> Option<&AttributeInfo> {
        self.attributes()
            .find(|attribute| contains(attribute.key_span, offset))
    }

    /// The name used at `offset`.
    pub fn name_at(&self, offset: usize) -> Option<&NameUse> {
        self.attributes()
            .flat_map(|attribute| &attribute.names)
            .find(|name| contains(name.span, offset))
    }

    /// The block whose id is at `offset`.
    pub fn declaration_at(&self, offset: usize) -> Option<BlockIndex> {
        self.blocks
            .iter()
            .position(|block| block.id_span.is_some_and(|span| contains(span, offset)))
    }

    /// Every use of a block's name.
    pub fn uses_of(&self, target: BlockIndex) -> impl Iterator<Item = &NameUse> {
        self.attributes()
            .flat_map(|attribute| &attribute.names)
            .filter(move |name| name.target == Some(target))
    }

    pub fn attributes(&self) -> impl Iterator<Item = &AttributeInfo> {
        self.blocks.iter().flat_map(|block| &block.attributes)
    }

    /// The block a finding about `kind` `id` is on.
    pub fn find(&self, kind: &str, id: Option<&str>) -> Option<BlockIndex> {
        self.blocks
            .iter()
            .position(|block| block.kind.keyword() == kind && block.id.as_deref() == id)
    }

    /// The ids declared on blocks of these kinds, in file order, each once.
    pub fn ids_of(&self, kinds: &[BlockKind]) -> Vec<&BlockInfo> {
        let mut seen = Vec::new();
        let mut found = Vec::new();
        for block in &self.blocks {
            if let Some(id) = &block.id {
                if kinds.contains(&block.kind) && !seen.contains(&id) {
                    seen.push(id);
                    found.push(block);
                }
            }
        }
        found
    }
}

impl BlockInfo {
    pub fn attribute(&self, key: &str) -> Option<&AttributeInfo> {
        self.attributes
            .iter()
            .find(|attribute| attribute.key == key)
    }

    /// Where go to definition lands: the id, else the header.
    pub fn name_span(&self) -> Span {
        self.id_span.unwrap_or(self.header)
    }
}

/// Whether `offset` is in `span` or just at its end (where a cursor after
/// the last character of a word stands).
pub fn contains(span: Span, offset: usize) -> bool {
    span.start as usize <= offset && offset <= span.end as usize
}

fn names_in(attribute: &model::Attribute<'_>) -> Vec<NameUse> {
    attribute
        .values()
        .into_iter()
        .filter_map(|(value, span)| match value {
            Value::Reference(reference) => Some(NameUse {
                name: reference.name.to_string(),
                span,
                person: false,
                target: reference.target,
            }),
            Value::Person(person) => Some(NameUse {
                name: person.name.to_string(),
                span,
                person: true,
                target: person.member,
            }),
            _ => None,
        })
        .collect()
}
