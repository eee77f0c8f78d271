//! The one place that names the YAML library.
//!
//! `serde_yaml` is archived upstream (`0.9.34+deprecated`); the product names
//! it, so we keep it, but every other module goes through these re-exports so
//! that moving to a maintained fork with the same API is a one-line change.
//!
//! `serde_yaml` keeps no positions on [`Value`]s, yet configuration errors
//! must name the line and column of the offending YAML. [`locate`] finds
//! them: it walks the document with serde to the node a [`YamlPath`] names
//! and raises an error there, to which serde_yaml attaches the position of
//! the event it was reading.

use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
pub use serde_yaml::{from_value, to_string, Error, Location, Mapping, Value};

/// How deep collections may nest in any YAML planlint reads
/// (configurations, rule files, imported exports). serde_yaml stops at 128
/// levels only after libyaml has read the whole document, which takes
/// minutes for a document nested 100,000 deep; [`from_str`] refuses it first.
pub const MAX_DEPTH: usize = 100;

/// Parses YAML, after checking that it nests at most [`MAX_DEPTH`] deep.
pub fn from_str<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Error> {
    if let Some(line) = too_deep(text, MAX_DEPTH) {
        return Err(de::Error::custom(format!(
            "this YAML nests deeper than {MAX_DEPTH} levels (on line {line}); planlint reads YAML up to that depth"
        )));
    }
    serde_yaml::from_str(text)
}

/// The first line on which `text` nests deeper than `limit`, by a quick
/// scan that never builds the document: block levels (indentation, and
/// `- `/`? ` indicators that open a collection on the same line) plus flow
/// levels (`[` and `{`). Quoted scalars, comments and block scalars (`|`,
/// `>`) are skipped, so a bracket in a string does not count. It may
/// overcount a little (an indentation step is not always a new level),
/// never undercount what libyaml would nest.
fn too_deep(text: &str, limit: usize) -> Option<usize> {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    let mut quote: Option<u8> = None;
    // The indentation of a block scalar's header line, while in its body.
    let mut block_scalar: Option<usize> = None;
    for (index, line) in text.split('\n').enumerate() {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        let blank = bytes[indent..].iter().all(|b| b.is_ascii_whitespace());
        if let Some(header) = block_scalar {
            if blank || indent > header {
                continue;
            }
            block_scalar = None;
        }
        if blank && quote.is_none() {
            continue;
        }
        let mut position = indent;
        if quote.is_none() && flow == 0 {
            while indents.last().is_some_and(|&open| open >= indent) {
                indents.pop();
            }
            indents.push(indent);
            // `- - x` and `? ` open a collection each, on one line.
            while bytes.get(position).is_some_and(|&b| b == b'-' || b == b'?')
                && bytes.get(position + 1).is_none_or(|&b| b == b' ')
            {
                indents.push(position + 1);
                position += 2;
                while bytes.get(position) == Some(&b' ') {
                    position += 1;
                }
            }
        }
        let mut token_start = true;
        let mut last = b' ';
        while position < bytes.len() {
            let byte = bytes[position];
            position += 1;
            if let Some(open) = quote {
                if open == b'"' && byte == b'\\' {
                    position += 1;
                } else if byte == open {
                    if open == b'\'' && bytes.get(position) == Some(&b'\'') {
                        position += 1;
                    } else {
                        quote = None;
                        token_start = false;
                    }
                }
                continue;
            }
            match byte {
                b'#' if last == b' ' || last == b'\t' || position == 1 => break,
                b'"' | b'\'' if token_start => quote = Some(byte),
                b'[' | b'{' if token_start || flow > 0 => {
                    flow += 1;
                    if indents.len() + flow > limit {
                        return Some(index + 1);
                    }
                }
                b']' | b'}' if flow > 0 => flow -= 1,
                _ => {}
            }
            token_start = matches!(byte, b' ' | b'\t' | b'[' | b'{' | b',' | b':' | b'-' | b'?')
                || (flow > 0 && token_start && byte == b' ');
            last = byte;
        }
        if indents.len() + flow > limit {
            return Some(index + 1);
        }
        if quote.is_none() && flow == 0 {
            let content = line.trim_end();
            let content = match content.find(" #") {
                Some(comment) => content[..comment].trim_end(),
                None => content,
            };
            let header = content
                .rsplit(' ')
                .next()
                .is_some_and(is_block_scalar_header);
            if header {
                block_scalar = Some(indent);
            }
        }
    }
    None
}

/// `|`, `>`, with chomping and indentation indicators (`|-`, `>+2`).
fn is_block_scalar_header(token: &str) -> bool {
    let mut chars = token.chars();
    matches!(chars.next(), Some('|' | '>'))
        && chars.all(|c| c == '-' || c == '+' || c.is_ascii_digit())
}

/// One step into a YAML document: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A node of a YAML document: the path to it, and whether the last key
/// itself is meant (an unknown key) or its value (a wrong value).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct YamlPath {
    pub steps: Vec<Step>,
    /// Point at the last key rather than at its value.
    pub at_key: bool,
}

impl YamlPath {
    /// The whole document.
    pub fn root() -> YamlPath {
        YamlPath::default()
    }

    /// The value under these keys.
    pub fn value<'a>(keys: impl IntoIterator<Item = &'a str>) -> YamlPath {
        YamlPath {
            steps: keys.into_iter().map(|key| Step::Key(key.into())).collect(),
            at_key: false,
        }
    }

    /// The last of these keys itself.
    pub fn key<'a>(keys: impl IntoIterator<Item = &'a str>) -> YamlPath {
        YamlPath {
            at_key: true,
            ..YamlPath::value(keys)
        }
    }

    /// This path one key deeper, pointing at the value.
    pub fn then(mut self, key: &str) -> YamlPath {
        self.steps.push(Step::Key(key.into()));
        self.at_key = false;
        self
    }

    /// This path one item deeper.
    pub fn item(mut self, index: usize) -> YamlPath {
        self.steps.push(Step::Index(index));
        self.at_key = false;
        self
    }

    /// This path below `prefix` (`check` + `forbids` = `check.forbids`).
    pub fn under(mut self, prefix: &YamlPath) -> YamlPath {
        let mut steps = prefix.steps.clone();
        steps.append(&mut self.steps);
        self.steps = steps;
        if self.steps.len() == prefix.steps.len() {
            self.at_key = prefix.at_key || self.at_key;
        }
        self
    }
}

impl fmt::Display for YamlPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, step) in self.steps.iter().enumerate() {
            match step {
                Step::Key(key) if index == 0 => write!(f, "{key}")?,
                Step::Key(key) => write!(f, ".{key}")?,
                Step::Index(item) => write!(f, "[{item}]")?,
            }
        }
        Ok(())
    }
}

/// Deserialises `value` into `T`, saying where a mistake is: the path to
/// the offending node (from `serde_path_to_error`) and serde's complaint.
/// Callers word unknown keys themselves, before this, so the complaint is
/// about a value's type or shape.
pub fn from_value_located<T: de::DeserializeOwned>(value: Value) -> Result<T, (YamlPath, String)> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let mut path = YamlPath::root();
        for segment in error.path().iter() {
            path = match segment {
                serde_path_to_error::Segment::Map { key } => path.then(key),
                serde_path_to_error::Segment::Seq { index } => path.item(*index),
                _ => path,
            };
        }
        (path, strip_locations(&error.into_inner().to_string()))
    })
}

/// A place in a text: byte offset, 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub offset: usize,
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The position of a 1-based line and character column in `text`.
    pub fn at(text: &str, line: usize, column: usize) -> Position {
        let mut offset = 0;
        for _ in 1..line {
            match text[offset..].find('\n') {
                Some(newline) => offset += newline + 1,
                None => break,
            }
        }
        let rest = &text[offset..];
        let line_end = rest.find('\n').unwrap_or(rest.len());
        offset += rest[..line_end]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_end, |(index, _)| index);
        Position {
            offset,
            line,
            column,
        }
    }
}

impl Position {
    /// The position of a serde_yaml location, by its byte offset: libyaml
    /// also ends a line at a lone `\r`, planlint only at `\n` (the rule of
    /// every line number it shows), so its own line and column are not used.
    pub fn of_location(text: &str, location: &Location) -> Position {
        let offset = location.index().min(text.len());
        if !text.is_char_boundary(offset) {
            return Position::at(text, location.line(), location.column());
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        Position {
            offset,
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

/// Where a YAML error happened, and its message without the location that
/// serde_yaml appends (the report shows the location with the source).
pub fn error_parts(text: &str, error: &Error) -> (String, Option<Position>) {
    let position = error
        .location()
        .map(|location| Position::of_location(text, &location));
    let message = error.to_string();
    let message = strip_locations(&message);
    (message, position)
}

/// Removes every ` at line N column M` from a serde_yaml message.
fn strip_locations(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(" at line ") {
        out.push_str(&rest[..at]);
        let after = &rest[at + " at line ".len()..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let tail = &after[digits..];
        match tail.strip_prefix(" column ") {
            Some(column) if digits > 0 => {
                rest = column.trim_start_matches(|c: char| c.is_ascii_digit());
            }
            _ => {
                out.push_str(" at line ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The position of the node `path` names in the YAML `text`, if it exists.
pub fn locate(text: &str, path: &YamlPath) -> Option<Position> {
    let seek = Seek {
        steps: &path.steps,
        at_key: path.at_key,
    };
    let error = seek
        .deserialize(serde_yaml::Deserializer::from_str(text))
        .err()?;
    if !error.to_string().contains(FOUND) {
        return None;
    }
    let location = error.location()?;
    Some(Position::of_location(text, &location))
}

/// The error [`Seek`] raises at the node it looks for.
const FOUND: &str = "\u{0}planlint-found-it";

/// Walks down `steps`; at the end raises [`FOUND`] while the deserializer is
/// on the node, so that serde_yaml attaches the node's position.
struct Seek<'p> {
    steps: &'p [Step],
    at_key: bool,
}

impl<'de> DeserializeSeed<'de> for Seek<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seek<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML node")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((Step::Key(wanted), rest)) = self.steps.split_first() else {
            return Err(found());
        };
        let here = rest.is_empty() && self.at_key;
        while let Some(matched) = map.next_key_seed(KeySeed {
            wanted,
            raise: here,
        })? {
            if matched {
                return map.next_value_seed(Seek {
                    steps: rest,
                    at_key: self.at_key,
                });
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((&Step::Index(wanted), rest)) = self.steps.split_first() else {
            return Err(found());
        };
        let mut index = 0;
        loop {
            if index == wanted {
                return seq
                    .next_element_seed(Seek {
                        steps: rest,
                        at_key: self.at_key,
                    })
                    .map(|_| ());
            }
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
            index += 1;
        }
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.scalar()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.scalar()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.scalar()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.scalar()
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.scalar()
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.scalar()
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.scalar()
    }
    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        // A tagged value (`!tag x`): point at it as a whole.
        Err(found())
    }
}

impl Seek<'_> {
    /// A scalar is the node looked for only when no steps are left.
    fn scalar<E: de::Error>(self) -> Result<(), E> {
        if self.steps.is_empty() {
            Err(found())
        } else {
            Ok(())
        }
    }
}

fn found<E: de::Error>() -> E {
    E::custom(FOUND)
}

/// Reads a mapping key and says whether it is the one wanted; raises
/// [`FOUND`] on it when the key itself is the node looked for.
struct KeySeed<'w> {
    wanted: &'w str,
    raise: bool,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = bool;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mapping key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<bool, E> {
        self.compare(key)
    }
    fn visit_bool<E: de::Error>(self, key: bool) -> Result<bool, E> {
        self.compare(&key.to_string())
    }
    fn visit_i64<E: de::Error>(self, key: i64) -> Result<bool, E> {
        self.compare(&key.to_string())
    }
    fn visit_u64<E: de::Error>(self, key: u64) -> Result<bool, E> {
        self.compare(&key.to_string())
    }
    fn visit_f64<E: de::Error>(self, key: f64) -> Result<bool, E> {
        self.compare(&key.to_string())
    }
    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        self.compare("~")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(false)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(false)
    }
}

impl KeySeed<'_> {
    fn compare<E: de::Error>(&self, key: &str) -> Result<bool, E> {
        let matched = key == self.wanted;
        if matched && self.raise {
            return Err(found());
        }
        Ok(matched)
    }
}

/// The extent of the YAML token that starts at `offset`: a quoted scalar to
/// its closing quote, a plain scalar or key to the end of its word(s).
pub fn token_len(text: &str, offset: usize) -> usize {
    let rest = &text[offset.min(text.len())..];
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let mut chars = line.char_indices();
    match chars.next() {
        None => 0,
        Some((_, quote @ ('"' | '\''))) => {
            let mut escaped = false;
            for (index, c) in chars {
                if quote == '"' && c == '\\' && !escaped {
                    escaped = true;
                    continue;
                }
                if c == quote && !escaped {
                    return index + 1;
                }
                escaped = false;
            }
            line.len()
        }
        Some((_, open @ ('[' | '{'))) => {
            // A flow collection on one line: up to its matching bracket.
            let close = if open == '[' { ']' } else { '}' };
            let mut depth = 0;
            for (index, c) in line.char_indices() {
                if c == open {
                    depth += 1;
                } else if c == close {
                    depth -= 1;
                    if depth == 0 {
                        return index + 1;
                    }
                }
            }
            1
        }
        Some(_) => {
            let bytes = line.as_bytes();
            let mut end = line.len();
            for (index, c) in line.char_indices() {
                let next_is_space = bytes.get(index + 1).is_none_or(|b| *b == b' ');
                let stop = match c {
                    ',' | ']' | '}' => true,
                    ':' => next_is_space,
                    '#' => index > 0 && bytes[index - 1] == b' ',
                    _ => false,
                };
                if stop {
                    end = index;
                    break;
                }
            }
            line[..end].trim_end().len().max(1).min(line.len())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\
rules:
  missing-kpi: warnin
  over-capacity-quarter:
    severity: error
    tolerance: 10%
custom-rules: [a/*.yaml, \"b/*.yaml\"]
";

    fn at(path: &YamlPath) -> Option<(usize, usize)> {
        locate(TEXT, path).map(|position| (position.line, position.column))
    }

    #[test]
    fn finds_keys_and_values() {
        assert_eq!(at(&YamlPath::key(["rules", "missing-kpi"])), Some((2, 3)));
        assert_eq!(
            at(&YamlPath::value(["rules", "missing-kpi"])),
            Some((2, 16))
        );
        assert_eq!(
            at(&YamlPath::value([
                "rules",
                "over-capacity-quarter",
                "tolerance"
            ])),
            Some((5, 16))
        );
        assert_eq!(
            at(&YamlPath::value(["custom-rules"]).item(1)),
            Some((6, 26))
        );
        assert_eq!(at(&YamlPath::key(["custom-rules"])), Some((6, 1)));
        assert_eq!(at(&YamlPath::key(["nothing"])), None);
        assert_eq!(
            at(&YamlPath::value(["rules", "missing-kpi", "deeper"])),
            None
        );
    }

    #[test]
    fn offsets_count_characters_in_columns() {
        let text = "a: \"é\"\nb: x\n";
        let position = Position::at(text, 2, 4);
        assert_eq!(&text[position.offset..], "x\n");
    }

    #[test]
    fn strips_serde_yaml_locations() {
        assert_eq!(
            strip_locations("did not find expected key at line 3 column 5, while parsing a block mapping at line 1 column 1"),
            "did not find expected key, while parsing a block mapping"
        );
    }

    #[test]
    fn depth_is_checked_before_parsing() {
        let deep_flow = format!("a: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        let started = std::time::Instant::now();
        let error = from_str::<Value>(&deep_flow).unwrap_err().to_string();
        assert!(
            error.contains("deeper than 100 levels (on line 1)"),
            "{error}"
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        let deep_block = "- ".repeat(5_000) + "x\n";
        assert!(from_str::<Value>(&deep_block).is_err());
        let deep_indent: String = (0..150)
            .map(|depth| format!("{}k:\n", " ".repeat(depth)))
            .collect();
        assert!(too_deep(&deep_indent, MAX_DEPTH).is_some());
        // Brackets in strings, comments and block scalars do not nest.
        let shallow = format!(
            "a: \"{0}\"\nb: '{0}'\nc: x # {0}\nd: |\n  {0}\n  plan {{\ne: [[x], {{k: v}}]\n",
            "[".repeat(500)
        );
        assert_eq!(too_deep(&shallow, MAX_DEPTH), None);
        assert!(from_str::<Value>(&shallow).is_ok());
        let nested = format!("{}1{}", "[".repeat(99), "]".repeat(99));
        assert!(from_str::<Value>(&nested).is_ok());
        for rule in crate::rules::BUILTIN_RULE_FILES {
            assert_eq!(too_deep(rule.1, 10), None, "{}", rule.0);
        }
    }

    #[test]
    fn token_lengths() {
        assert_eq!(token_len("missing-kpi: warnin\n", 0), "missing-kpi".len());
        assert_eq!(token_len("\"a: b\" x", 0), 6);
        assert_eq!(token_len("a/*.yaml, b", 0), 8);
        assert_eq!(token_len("10% # comment", 0), 3);
        assert_eq!(token_len("[objectve, [x]] # c", 0), 15);
    }
}
