//! `pattern`: a value must match a regex (`matches`), or must not
//! (`forbids`, or `forbids-any`: a list of plain texts, any of which is
//! forbidden, matched regardless of case and, where a text starts or ends
//! with a letter or digit, as a whole word). `key: title` checks the
//! block's title; `key` may be a list, each key checked on its own
//! (`placeholder-text` checks titles and every string a marketer writes).
//!
//! Why: teams have house rules about how things are written: campaign codes
//! in a fixed form, channel names from an agreed list, no buzzwords in
//! titles. A regex states such a rule as data, so a custom rule needs no
//! code. The regex is matched against a string's content, or against the
//! value as written for anything else (`2027-Q1`, `20k EUR`); it is compiled
//! once per run and refused above a size limit. Points at the value.
//!
//! Template variables: `{key}`, `{value}`, `{pattern}` and `{found}` (the
//! text `forbids` found). Cases: `no-match` (the value does not match
//! `matches`) and `forbidden` (it contains a match of `forbids`); a rule
//! that words neither says its main message for both.
//!
//! One cause, one finding: a block without the key is left to `required-key`
//! rules, and a value that is invalid for its key to `invalid-value`.

use regex::Regex;
use serde::Deserialize;

use super::conditions::{compile_regex, value_text};
use super::parameters::Names;
use super::{label, Check, CheckContext, CheckError, CheckKind, Hit, Hits, LabelSlot, Selector, Spot};
use crate::model::{Block, Span, Value};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "kebab-case")]
pub struct Params {
    /// An attribute, or `title` for the block's title; or a list of them.
    key: Names,
    /// The value must match this regex.
    #[serde(default)]
    matches: Option<String>,
    /// The value must not match this regex.
    #[serde(default)]
    forbids: Option<String>,
    /// Plain texts the value must not contain (a configurable list).
    #[serde(default)]
    forbids_any: Option<Vec<String>>,
}

#[derive(Debug)]
pub struct Pattern {
    selector: Selector,
    keys: Vec<String>,
    matches: Option<Regex>,
    forbids: Option<Regex>,
}

impl CheckKind for Pattern {
    const NAME: &'static str = "pattern";
    const SUMMARY: &'static str = "a value (`key`; `title` for the title) that does not match `matches` or contains a match of `forbids`; points at the value";
    const OPEN_TO_CUSTOM_RULES: bool = true;
    const SELECTS_BLOCKS: bool = true;
    const VARIABLES: &'static [&'static str] = &["key", "value", "pattern", "found"];
    const LABELS: &'static [LabelSlot] = &[label("no-match", &[]), label("forbidden", &[])];
    const CASES: &'static [&'static str] = &["no-match", "forbidden"];
    type Params = Params;

    fn compile(params: Params, selector: Selector) -> Result<Pattern, CheckError> {
        if params.forbids.is_some() && params.forbids_any.is_some() {
            return Err(CheckError::at(
                "forbids-any",
                "give `forbids` (a regex) or `forbids-any` (a list of texts), not both",
            ));
        }
        let forbids = match &params.forbids_any {
            Some(texts) if texts.is_empty() => {
                return Err(CheckError::at(
                    "forbids-any",
                    "`forbids-any` needs at least one text",
                ))
            }
            Some(texts) => Some(any_of(texts)),
            None => params.forbids.clone(),
        };
        if params.matches.is_none() && forbids.is_none() {
            return Err(CheckError::from(
                "a `pattern` check needs `matches` (a regex the value must match) \
                 or `forbids` (a regex it must not match)"
                    .to_string(),
            ));
        }
        let regex = |name: &str, pattern: &Option<String>| {
            pattern
                .as_deref()
                .map(compile_regex)
                .transpose()
                .map_err(|message| CheckError::at(name, message))
        };
        Ok(Pattern {
            selector,
            matches: regex("matches", &params.matches)?,
            forbids: regex(
                if params.forbids_any.is_some() { "forbids-any" } else { "forbids" },
                &forbids,
            )?,
            keys: params.key.0,
        })
    }
}

impl Pattern {

    /// What is wrong with `text`, if anything: the case (also the name of
    /// its label), the regex, and the forbidden text found.
    fn problem<'t>(&self, text: &'t str) -> Option<(&'static str, &Regex, &'t str)> {
        if let Some(regex) = &self.matches {
            if !regex.is_match(text) {
                return Some(("no-match", regex, ""));
            }
        }
        if let Some(regex) = &self.forbids {
            if let Some(found) = regex.find(text) {
                return Some(("forbidden", regex, found.as_str()));
            }
        }
        None
    }
}

impl Check for Pattern {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        for (index, block) in self.selector.blocks(context.plan, context.source) {
            for key in &self.keys {
                let span = if key == "title" {
                    title_span(block, context.source)
                } else {
                    block
                        .attribute(key)
                        .filter(|attribute| !matches!(attribute.value, Value::Invalid(_)))
                        .map(|attribute| attribute.span)
                };
                let (Some(span), Some(text)) = (span, value_text(block, key, context.source))
                else {
                    continue;
                };
                if let Some((case, regex, found)) = self.problem(&text) {
                    hits.push(
                        Hit::new(index, Spot::new(span, case))
                            .case(case)
                            .var("key", key.clone())
                            .var("value", text.to_string())
                            .var("pattern", regex.as_str())
                            .var("found", found),
                    );
                }
            }
        }
    }
}

/// One case-insensitive regex for any of `texts`, each taken literally and
/// bounded as a word where it starts or ends with a letter or digit (`TBD`
/// is not found in `TBDX`; `[insert` is found in `[insert name]`).
fn any_of(texts: &[String]) -> String {
    let alternatives: Vec<String> = texts
        .iter()
        .map(|text| {
            let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            let start = if word(text.chars().next()) { r"\b" } else { "" };
            let end = if word(text.chars().last()) { r"\b" } else { "" };
            format!("{start}{}{end}", regex::escape(text))
        })
        .collect();
    format!("(?i)(?:{})", alternatives.join("|"))
}

/// The title as written, quotes included: the end of the block's header.
fn title_span(block: &Block<'_>, source: &str) -> Option<Span> {
    block.title.as_ref()?;
    let header = block.header.text(source);
    let quote = header.find('"')?;
    Some(Span::new(
        block.header.start as usize + quote,
        block.header.end as usize,
    ))
}
