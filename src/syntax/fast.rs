//! A hand-written reader of well-formed plans: the fast path of
//! [`super::parser::parse_plan`].
//!
//! pest was about 60% of a `check`'s instructions on well-formed plans
//! (its per-rule bookkeeping, the token queue it grows and copies, then the
//! pairs walked again to build the tree), and the grammar already had every
//! habit of PERFORMANCE-NOTES.md. This reader walks the bytes once and
//! builds the same [`Block`] tree directly. `grammar/plan.pest` stays the
//! definition of the language and the only source of syntax errors: the
//! reader follows it rule by rule (same ordered choices, same greedy
//! repetitions, whitespace and comments skipped where pest skips them) and
//! gives up, `None`, at the first thing it does not accept or that the tree
//! builder would refuse (an unknown or misplaced block kind, a second
//! plan). The file is then parsed by pest, which finds and words the error
//! exactly as before. So the reader only ever needs to be right about the
//! plans it accepts: the tree it returns is the tree pest's path builds,
//! which the tests check on every plan of the repository and on thousands
//! of mutations of them.

use super::tree::{Attribute, Block, BlockKind, Body, Item, Span, Value, ValueKind};

/// The plan of a well-formed file, or `None` (pest then gives the error).
pub(super) fn parse_plan(source: &str) -> Option<Block> {
    let mut reader = Reader {
        bytes: source.as_bytes(),
        at: 0,
    };
    // file = { SOI ~ block* ~ EOI }: exactly one block, the plan.
    reader.skip();
    let keyword = reader.name()?;
    if keyword.text(source) != "plan" {
        return None;
    }
    let plan = reader.block_rest(source, BlockKind::Plan, keyword)?;
    reader.skip();
    (reader.at == reader.bytes.len()).then_some(plan)
}

struct Reader<'s> {
    bytes: &'s [u8],
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn span_from(&self, start: usize) -> Span {
        Span::new(start, self.at)
    }

    /// pest's implicit `WHITESPACE* ~ (COMMENT ~ WHITESPACE*)*`.
    fn skip(&mut self) {
        while let Some(byte) = self.peek() {
            match byte {
                b' ' | b'\t' | b'\n' | b'\r' => self.at += 1,
                b'#' => {
                    self.at = self.bytes[self.at..]
                        .iter()
                        .position(|&byte| byte == b'\n')
                        .map_or(self.bytes.len(), |offset| self.at + offset);
                }
                _ => break,
            }
        }
    }

    /// Advances over bytes while `accept` holds; how many it passed.
    fn take_while(&mut self, accept: impl Fn(u8) -> bool) -> usize {
        let start = self.at;
        while self.peek().is_some_and(&accept) {
            self.at += 1;
        }
        self.at - start
    }

    /// `name` and `identifier`: `ASCII_ALPHA ~ (ASCII_ALPHANUMERIC | "-" | "_")*`.
    fn name(&mut self) -> Option<Span> {
        let start = self.at;
        if !self.peek()?.is_ascii_alphabetic() {
            return None;
        }
        self.at += 1;
        self.take_while(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_');
        Some(self.span_from(start))
    }

    /// `block_rest = { block_id? ~ title? ~ body? }` after the kind keyword.
    fn block_rest(&mut self, source: &str, kind: BlockKind, keyword: Span) -> Option<Block> {
        let mut block = Block::at_keyword(kind, keyword);
        self.skip();
        block.id = match self.peek() {
            Some(b'@') => Some(self.person()?),
            Some(byte) if byte.is_ascii_alphabetic() => self.name(),
            _ => None,
        };
        self.skip();
        if self.peek() == Some(b'"') {
            block.title = Some(self.string()?);
        }
        self.skip();
        let mut body_span = None;
        if self.peek() == Some(b'{') {
            let body = self.body(source, kind)?;
            body_span = Some(body.open.cover(body.close));
            block.body = Some(body);
        }
        for part in [block.id, block.title, body_span].into_iter().flatten() {
            block.span = block.span.cover(part);
        }
        Some(block)
    }

    /// `body = { open_brace ~ item* ~ close_brace }`, each item an
    /// attribute or a block of a kind allowed in `kind`.
    fn body(&mut self, source: &str, kind: BlockKind) -> Option<Body> {
        let open = Span::new(self.at, self.at + 1);
        self.at += 1;
        let mut items = Vec::new();
        loop {
            self.skip();
            match self.peek()? {
                b'}' => break,
                byte if byte.is_ascii_alphabetic() => items.push(self.item(source, kind)?),
                _ => return None,
            }
        }
        let close = Span::new(self.at, self.at + 1);
        self.at += 1;
        Some(Body { open, close, items })
    }

    /// `item = _{ name ~ (attribute_rest | block_rest) }`.
    fn item(&mut self, source: &str, parent: BlockKind) -> Option<Item> {
        let name = self.name()?;
        self.skip();
        if self.peek() == Some(b':') {
            // attribute_rest = { colon ~ value }. A colon without a value
            // fails the file in pest too (its block_rest alternative leaves
            // the colon to nothing): give up.
            self.at += 1;
            self.skip();
            let value = self.value(true)?;
            return Some(Item::Attribute(Attribute { key: name, value }));
        }
        let kind = BlockKind::from_keyword(name.text(source))?;
        if !parent.allowed_children().contains(&kind) {
            return None;
        }
        Some(Item::Block(self.block_rest(source, kind, name)?))
    }

    /// `value = _{ string | identifier | numeric | person | list }`, all
    /// told apart by their first character; `list_value` is the same
    /// without `list`.
    fn value(&mut self, list_allowed: bool) -> Option<Value> {
        let start = self.at;
        let kind = match self.peek()? {
            b'"' => {
                self.string()?;
                ValueKind::String
            }
            byte if byte.is_ascii_alphabetic() => {
                let word = self.name()?;
                match &self.bytes[word.start as usize..word.end as usize] {
                    b"true" => ValueKind::Boolean(true),
                    b"false" => ValueKind::Boolean(false),
                    _ => ValueKind::Identifier,
                }
            }
            byte if byte.is_ascii_digit() => self.numeric(),
            b'@' => {
                self.person()?;
                ValueKind::Person
            }
            b'[' if list_allowed => self.list()?,
            _ => return None,
        };
        Some(Value {
            span: self.span_from(start),
            kind,
        })
    }

    /// `string = @{ "\"" ~ (string_text | escape)* ~ "\"" }`.
    fn string(&mut self) -> Option<Span> {
        let start = self.at;
        self.at += 1;
        loop {
            match self.peek()? {
                b'"' => break,
                // An escape takes any character; its continuation bytes,
                // if it has any, are plain string text.
                b'\\' if self.at + 1 < self.bytes.len() => self.at += 2,
                b'\\' => return None,
                _ => self.at += 1,
            }
        }
        self.at += 1;
        Some(self.span_from(start))
    }

    /// `person = @{ "@" ~ ASCII_ALPHANUMERIC ~ (ASCII_ALPHANUMERIC | "." | "_" | "-")* }`.
    fn person(&mut self) -> Option<Span> {
        let start = self.at;
        self.at += 1;
        if !self.peek()?.is_ascii_alphanumeric() {
            return None;
        }
        self.take_while(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'_' | b'-'));
        Some(self.span_from(start))
    }

    /// `numeric = _{ quarter_range | quarter | date | amount }`, at a digit.
    fn numeric(&mut self) -> ValueKind {
        let start = self.at;
        if let Some(first) = self.quarter() {
            let after_first = self.at;
            if self.bytes[self.at..].starts_with(b"..") {
                self.at += 2;
                if let Some(second) = self.quarter() {
                    return ValueKind::QuarterRange {
                        start: first,
                        end: second,
                    };
                }
            }
            self.at = after_first;
            return ValueKind::Quarter;
        }
        self.at = start;
        if self.date() {
            return ValueKind::Date;
        }
        self.at = start;
        self.amount()
    }

    /// `quarter = @{ ASCII_DIGIT+ ~ "-" ~ "Q" ~ ASCII_DIGIT+ }`; on failure
    /// the position is left anywhere (the caller resets it).
    fn quarter(&mut self) -> Option<Span> {
        let start = self.at;
        if self.take_while(|byte| byte.is_ascii_digit()) == 0 {
            return None;
        }
        if !self.bytes[self.at..].starts_with(b"-Q") {
            return None;
        }
        self.at += 2;
        if self.take_while(|byte| byte.is_ascii_digit()) == 0 {
            return None;
        }
        Some(self.span_from(start))
    }

    /// `date = @{ ASCII_DIGIT+ ~ "-" ~ ASCII_DIGIT{1,2} ~ "-" ~ ASCII_DIGIT{1,2} }`.
    fn date(&mut self) -> bool {
        if self.take_while(|byte| byte.is_ascii_digit()) == 0 {
            return false;
        }
        for _ in 0..2 {
            if self.peek() != Some(b'-') {
                return false;
            }
            self.at += 1;
            if !self.one_or_two_digits() {
                return false;
            }
        }
        true
    }

    fn one_or_two_digits(&mut self) -> bool {
        let mut digits = 0;
        while digits < 2 && self.peek().is_some_and(|byte| byte.is_ascii_digit()) {
            self.at += 1;
            digits += 1;
        }
        digits > 0
    }

    /// `amount = ${ number ~ unit? ~ (inline_space ~ currency)? }`, at a digit.
    fn amount(&mut self) -> ValueKind {
        // number = @{ ASCII_DIGIT ~ (ASCII_DIGIT | "_")* ~ ("." ~ ASCII_DIGIT+)? }
        let start = self.at;
        self.at += 1;
        self.take_while(|byte| byte.is_ascii_digit() || byte == b'_');
        if self.peek() == Some(b'.')
            && self
                .bytes
                .get(self.at + 1)
                .is_some_and(|byte| byte.is_ascii_digit())
        {
            self.at += 1;
            self.take_while(|byte| byte.is_ascii_digit());
        }
        let number = self.span_from(start);
        // unit = @{ "%" | ASCII_ALPHA+ }
        let unit_start = self.at;
        let unit = if self.peek() == Some(b'%') {
            self.at += 1;
            Some(self.span_from(unit_start))
        } else {
            (self.take_while(|byte| byte.is_ascii_alphabetic()) > 0)
                .then(|| self.span_from(unit_start))
        };
        // (inline_space ~ currency)?, currency = @{ ASCII_ALPHA_UPPER ~ ASCII_ALPHANUMERIC* }
        let before_space = self.at;
        let mut currency = None;
        if self.take_while(|byte| byte == b' ' || byte == b'\t') > 0
            && self.peek().is_some_and(|byte| byte.is_ascii_uppercase())
        {
            let currency_start = self.at;
            self.take_while(|byte| byte.is_ascii_alphanumeric());
            currency = Some(self.span_from(currency_start));
        } else {
            self.at = before_space;
        }
        ValueKind::Amount {
            number,
            unit,
            currency,
        }
    }

    /// `list = { "[" ~ (list_value ~ (comma ~ list_value)* ~ comma?)? ~ close_bracket }`.
    fn list(&mut self) -> Option<ValueKind> {
        self.at += 1;
        let mut items = Vec::new();
        self.skip();
        if self.peek()? != b']' {
            items.push(self.value(false)?);
            loop {
                self.skip();
                if self.peek()? != b',' {
                    break;
                }
                self.at += 1;
                self.skip();
                if self.peek()? == b']' {
                    break;
                }
                items.push(self.value(false)?);
            }
        }
        if self.peek()? != b']' {
            return None;
        }
        self.at += 1;
        Some(ValueKind::List(items))
    }
}

#[cfg(test)]
mod tests {
    use super::super::parser::parse_whole;

    /// Every plan of the repository (fixtures, examples, hostile files).
    fn repository_plans() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        walkdir::WalkDir::new(root)
            .into_iter()
            .filter_entry(|entry| entry.file_name() != "target" && entry.file_name() != ".git")
            .filter_map(Result::ok)
            .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "plan"))
            .filter_map(|entry| crate::files::read_limited(entry.path(), 1 << 20).ok())
            .collect()
    }

    /// The reader accepts exactly the files pest's path reads without an
    /// error, and builds the same tree.
    fn assert_same_as_pest(source: &str) -> bool {
        let fast = super::parse_plan(source);
        let pest = parse_whole(source);
        match (fast, pest) {
            (Some(fast), Ok(pest)) => {
                assert_eq!(format!("{fast:?}"), format!("{pest:?}"), "{source}");
                true
            }
            (None, Err(_)) => false,
            (Some(_), Err(error)) => {
                panic!("read a file pest refuses ({error:?}):\n{source}")
            }
            (None, Ok(_)) => panic!("refused a file pest reads:\n{source}"),
        }
    }

    #[test]
    fn every_plan_of_the_repository_reads_as_pest_reads_it() {
        let plans = repository_plans();
        assert!(plans.len() > 50, "{} plans", plans.len());
        let read = plans
            .iter()
            .filter(|plan| assert_same_as_pest(plan))
            .count();
        // Most of them are well formed; the others test syntax errors.
        assert!(read > plans.len() / 2, "{read} of {}", plans.len());
    }

    /// Small edits of every plan at pseudo-random places (the characters
    /// the grammar cares about, deleted or inserted): near misses of the
    /// language, where a hand-written reader and a grammar disagree if they
    /// ever do.
    #[test]
    fn near_misses_read_as_pest_reads_them() {
        const EDITS: &[&str] = &[
            "",
            ":",
            "\"",
            "{",
            "}",
            "[",
            "]",
            ",",
            " ",
            "#",
            "@",
            "-",
            "Q",
            "..",
            ".",
            "\n",
            "x",
            "1",
            "EUR",
            "%",
            "\\",
            "_",
            "\t",
            "é",
            "2027-Q1",
            "2027-03-31",
            " k",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move |bound: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % bound as u64) as usize
        };
        let plans: Vec<String> = repository_plans()
            .into_iter()
            .filter(|plan| plan.len() < 6_000)
            .collect();
        let (mut read, mut tried) = (0, 0);
        for plan in &plans {
            for _ in 0..60 {
                let mut at = next(plan.len() + 1);
                if next(2) == 0 {
                    // Just after the next character the grammar cares about.
                    at += plan.as_bytes()[at..]
                        .iter()
                        .position(|byte| b":{}[]\",@.-Q#\\0123456789".contains(byte))
                        .map_or(0, |offset| offset + 1);
                }
                while !plan.is_char_boundary(at) {
                    at -= 1;
                }
                let mut end = at;
                if next(2) == 0 {
                    // Delete the character there as well.
                    end = plan[at..].chars().next().map_or(at, |c| at + c.len_utf8());
                }
                let edit = EDITS[next(EDITS.len())];
                let mutated = format!("{}{edit}{}", &plan[..at], &plan[end..]);
                tried += 1;
                if assert_same_as_pest(&mutated) {
                    read += 1;
                }
            }
        }
        // Both outcomes were exercised many times.
        assert!(
            read > tried / 10 && read < tried * 9 / 10,
            "{read} of {tried}"
        );
    }
}
