//! What the shared selector compiles to: the block kinds a rule looks at
//! (`on`) and the `when` / `unless` conditions that narrow them.

use std::collections::BTreeMap;

use regex::{Regex, RegexBuilder};

use crate::model::{Block, BlockKind, Value};
use crate::yaml;

/// Regexes in rules are refused above this compiled size: a configuration
/// error, never a hang.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// The block kinds a check applies to.
#[derive(Debug, Clone)]
pub struct BlockKinds(pub Vec<BlockKind>);

impl BlockKinds {
    /// Every kind of block.
    pub fn all() -> BlockKinds {
        BlockKinds(BlockKind::ALL.to_vec())
    }

    pub fn contains(&self, kind: BlockKind) -> bool {
        self.0.contains(&kind)
    }

    /// `an objective or a strategy`: the kinds, for messages.
    pub fn with_articles(&self) -> String {
        let names: Vec<&str> = self
            .0
            .iter()
            .map(|kind| crate::rules::words::block_kind(*kind))
            .collect();
        names.join(" or ")
    }
}

/// One expected value: `/regex/` or an exact text.
#[derive(Debug, Clone)]
enum Expected {
    Pattern(Regex),
    /// `/.*/`, which every text matches: the key is given. Compiling that
    /// regex was a twentieth of a one-file run (`missing-kpi`'s `unless`).
    Given,
    Rational(String),
}

/// `when: { channel: "/^paid-/" }` and `unless: { foundational: true }`.
#[derive(Debug, Clone, Default)]
pub struct Conditions {
    when: Vec<(String, Expected)>,
    unless: Vec<(String, Expected)>,
}

impl Conditions {
    /// Compiles `when` and `unless`, saying which condition is wrong
    /// (`when.channel`), for custom rules' errors at a line and column.
    pub fn compile_located(
        when: &BTreeMap<String, yaml::Value>,
        unless: &BTreeMap<String, yaml::Value>,
    ) -> Result<Conditions, super::CheckError> {
        fn compile_all(
            name: &str,
            map: &BTreeMap<String, yaml::Value>,
        ) -> Result<Vec<(String, Expected)>, super::CheckError> {
            map.iter()
                .map(|(key, value)| {
                    let expected =
                        compile_expected(value).map_err(|message| super::CheckError {
                            at: yaml::YamlPath::value([name, key.as_str()]),
                            message,
                        })?;
                    Ok((key.clone(), expected))
                })
                .collect()
        }
        Ok(Conditions {
            when: compile_all("when", when)?,
            unless: compile_all("unless", unless)?,
        })
    }

    /// Whether the rule applies to this block: all of `when` match and not
    /// all of `unless` do (`unless: { foundational: true, rationale: "/.*/" }`
    /// exempts justified foundational work only). A block whose value for a
    /// condition's key is invalid is not judged at all: `invalid-value`
    /// reports it, and guessing the condition either way could raise a
    /// second finding for the same cause (`foundational: yes` must not also
    /// make the tactic `unaligned-tactic`).
    pub fn applies(&self, block: &Block<'_>, source: &str) -> bool {
        let invalid = |key: &str| matches!(block.value(key), Some(Value::Invalid(_)));
        if self
            .when
            .iter()
            .chain(&self.unless)
            .any(|(key, _)| invalid(key))
        {
            return false;
        }
        let all_match = |conditions: &[(String, Expected)]| {
            conditions
                .iter()
                .all(|(key, expected)| matches(block, key, expected, source))
        };
        all_match(&self.when) && (self.unless.is_empty() || !all_match(&self.unless))
    }
}

fn compile_expected(value: &yaml::Value) -> Result<Expected, String> {
    let text = match value {
        yaml::Value::String(text) => text.clone(),
        yaml::Value::Bool(flag) => flag.to_string(),
        yaml::Value::Number(number) => number.to_string(),
        _ => {
            return Err(
                "a condition's value must be a text, a number, a boolean or a `/regex/`".into(),
            )
        }
    };
    match text
        .strip_prefix('/')
        .and_then(|rest| rest.strip_suffix('/'))
    {
        Some(".*") => Ok(Expected::Given),
        Some(pattern) if text.len() >= 2 => compile_regex(pattern).map(Expected::Pattern),
        _ => Ok(Expected::Rational(text)),
    }
}

/// Compiles a rule's regex once, refusing patterns too large to run quickly.
pub fn compile_regex(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|error| match error {
            regex::Error::CompiledTooBig(limit) => {
                format!("the regex `{pattern}` is too large (over {limit} bytes compiled)")
            }
            other => format!("invalid regex `{pattern}`: {other}"),
        })
}

/// The text a condition compares with: a string's content, otherwise the
/// value as written.
pub fn value_text<'a>(
    block: &'a Block<'_>,
    key: &str,
    source: &'a str,
) -> Option<std::borrow::Cow<'a, str>> {
    if key == "title" {
        return block.title.as_deref().map(std::borrow::Cow::Borrowed);
    }
    let attribute = block.attribute(key)?;
    Some(match &attribute.value {
        Value::Text(text) => std::borrow::Cow::Borrowed(text.as_ref()),
        _ => std::borrow::Cow::Borrowed(attribute.span.text(source)),
    })
}

fn matches(block: &Block<'_>, key: &str, expected: &Expected, source: &str) -> bool {
    let Some(text) = value_text(block, key, source) else {
        return false;
    };
    match expected {
        Expected::Pattern(regex) => regex.is_match(&text),
        Expected::Given => true,
        Expected::Rational(exact) => text == exact.as_str(),
    }
}
