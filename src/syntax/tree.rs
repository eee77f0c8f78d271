//! The syntax tree: blocks, attributes and values with their byte spans.

/// A byte range in the source text. `u32` keeps nodes small; files are
/// limited to `u32::MAX` bytes before parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// The source text this span covers.
    pub fn text(self, source: &str) -> &str {
        &source[self.start as usize..self.end as usize]
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// A parsed file: its one `plan` block and every comment in it.
#[derive(Debug, Clone)]
pub struct SyntaxTree {
    pub plan: Block,
    pub comments: Vec<super::Comment>,
}

/// The kinds of block the language defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BlockKind {
    Plan,
    Strategy,
    Team,
    Member,
    Partner,
    Objective,
    Tactic,
    Kpi,
}

impl BlockKind {
    pub const ALL: [BlockKind; 8] = [
        BlockKind::Plan,
        BlockKind::Strategy,
        BlockKind::Team,
        BlockKind::Member,
        BlockKind::Partner,
        BlockKind::Objective,
        BlockKind::Tactic,
        BlockKind::Kpi,
    ];

    pub fn keyword(self) -> &'static str {
        match self {
            BlockKind::Plan => "plan",
            BlockKind::Strategy => "strategy",
            BlockKind::Team => "team",
            BlockKind::Member => "member",
            BlockKind::Partner => "partner",
            BlockKind::Objective => "objective",
            BlockKind::Tactic => "tactic",
            BlockKind::Kpi => "kpi",
        }
    }

    pub fn from_keyword(word: &str) -> Option<BlockKind> {
        BlockKind::ALL
            .into_iter()
            .find(|kind| kind.keyword() == word)
    }

    /// The block kinds allowed directly inside a block of this kind.
    pub fn allowed_children(self) -> &'static [BlockKind] {
        match self {
            BlockKind::Plan => &[
                BlockKind::Strategy,
                BlockKind::Team,
                BlockKind::Objective,
                BlockKind::Tactic,
            ],
            BlockKind::Team => &[BlockKind::Member, BlockKind::Partner],
            BlockKind::Objective | BlockKind::Tactic => &[BlockKind::Kpi],
            BlockKind::Strategy | BlockKind::Member | BlockKind::Partner | BlockKind::Kpi => &[],
        }
    }

    /// Where a block of this kind belongs: a word of `syntax-error`'s rule file
    /// (`in-team`, worded "inside a `team` block").
    pub fn expected_parent(self) -> &'static str {
        match self {
            BlockKind::Plan => "at-top",
            BlockKind::Strategy | BlockKind::Team | BlockKind::Objective | BlockKind::Tactic => {
                "in-plan"
            }
            BlockKind::Member | BlockKind::Partner => "in-team",
            BlockKind::Kpi => "in-objective-or-tactic",
        }
    }
}

impl std::fmt::Display for BlockKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.keyword())
    }
}

/// `KIND [ID] ["TITLE"] [{ ... }]`.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    /// The kind keyword: where "the block's header" findings point.
    pub keyword: Span,
    /// The id: a bare identifier, or a person (`@maria`) for members and partners.
    pub id: Option<Span>,
    /// The title as written, quotes included (see [`Value::string_content`]).
    pub title: Option<Span>,
    pub body: Option<Body>,
    /// From the keyword to the closing brace (or the last part of the header).
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Body {
    pub open: Span,
    pub close: Span,
    pub items: Vec<Item>,
}

impl Block {
    /// A block of `kind` known so far only by its keyword: the parsers
    /// fill in its id, title and body as they read them.
    pub(crate) fn at_keyword(kind: BlockKind, keyword: Span) -> Block {
        Block {
            kind,
            keyword,
            id: None,
            title: None,
            body: None,
            span: keyword,
        }
    }

    pub fn items(&self) -> &[Item] {
        self.body.as_ref().map_or(&[], |body| &body.items)
    }

    /// The header: from the keyword to the end of the title (or id).
    pub fn header(&self) -> Span {
        let end = self.title.or(self.id).unwrap_or(self.keyword);
        self.keyword.cover(end)
    }
}

#[derive(Debug, Clone)]
pub enum Item {
    Attribute(Attribute),
    Block(Block),
}

/// `key: value`.
#[derive(Debug, Clone)]
pub struct Attribute {
    pub key: Span,
    pub value: Value,
}

#[derive(Debug, Clone)]
pub struct Value {
    pub span: Span,
    pub kind: ValueKind,
}

/// A value as written. Interpreting it for its key (is `120d` an effort or a
/// calendar duration? is `2027-Q5` a real quarter?) is the model's job.
#[derive(Debug, Clone)]
pub enum ValueKind {
    /// A double-quoted string; the span includes the quotes.
    String,
    /// `@name`; the span includes the `@`.
    Person,
    /// A bare identifier (a reference or a bare word).
    Identifier,
    Boolean(bool),
    /// `2027-Q1`.
    Quarter,
    /// `2027-Q1..2027-Q4`: the two quarters.
    QuarterRange {
        start: Span,
        end: Span,
    },
    /// `2027-03-31`.
    Date,
    /// A number with an optional unit (`k`, `%`, `d`, `mo`, …) and currency.
    Amount {
        number: Span,
        unit: Option<Span>,
        currency: Option<Span>,
    },
    List(Vec<Value>),
}

impl Value {
    /// The content of a string literal, escapes resolved.
    /// Only meaningful for [`ValueKind::String`] spans (quotes included).
    pub fn string_content(literal: &str) -> std::borrow::Cow<'_, str> {
        let inner = literal
            .strip_prefix('"')
            .and_then(|rest| rest.strip_suffix('"'))
            .unwrap_or(literal);
        if !inner.contains('\\') {
            return std::borrow::Cow::Borrowed(inner);
        }
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        }
        std::borrow::Cow::Owned(out)
    }
}
