//! The rule files' `message`, `help` and `fix` templates: checked once when
//! a rule is loaded, rendered for every finding. This is the one place a
//! finding's words are put together.
//!
//! A placeholder `{name}` is filled, in this order, by a variable of the
//! hit (each check kind declares the ones it provides), by the block the
//! finding is about (`{kind}`, `{id}`, `{title}`, `{name}`), or by one of
//! that block's attributes (`{audience}`). Loading a rule refuses a
//! placeholder nothing can fill, at its line and column, so a finding never
//! shows a `{typo}`.
//!
//! `{?name:text}` is an optional part: `text` (with its own placeholders)
//! is written only when `name` has a value that is not empty, so that a
//! rule file words a clause that only some findings need
//! (`{?rates: (converted at {rates})}`) instead of the check writing it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use super::checks::{KindInfo, ListItem, ListVariable, Pass};
use super::rule_file::RuleFile;
use crate::model::{schema, Block, Value};
use crate::yaml::{self, YamlPath};

/// What a block gives every template of a rule that checks plans.
pub const BLOCK_VARIABLES: &[&str] = &["kind", "id", "title", "name"];

/// A template, read: plain text, placeholders and optional parts.
#[derive(Debug, PartialEq)]
enum Piece<'t> {
    Text(&'t str),
    Placeholder(&'t str),
    /// `{?name:text}`: `text`, when `name` has a value that is not empty.
    Optional(&'t str, Vec<Piece<'t>>),
}

/// How deep optional parts may nest; deeper `{?` is plain text, so that a
/// custom rule's template cannot exhaust the stack.
const NESTING_LIMIT: usize = 4;

fn parse(template: &str) -> Vec<Piece<'_>> {
    parse_nested(template, 0)
}

fn parse_nested(template: &str, depth: usize) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut text_start = 0;
    let mut at = 0;
    while let Some(found) = template[at..].find('{') {
        let open = at + found;
        let inside = &template[open + 1..];
        let optional = (depth < NESTING_LIMIT)
            .then(|| optional_part(inside, depth))
            .flatten();
        let Some((piece, length)) = optional.or_else(|| placeholder(inside)) else {
            at = open + 1;
            continue;
        };
        if text_start < open {
            pieces.push(Piece::Text(&template[text_start..open]));
        }
        pieces.push(piece);
        // Past the piece's closing brace.
        at = open + 1 + length + 1;
        text_start = at;
    }
    if text_start < template.len() {
        pieces.push(Piece::Text(&template[text_start..]));
    }
    pieces
}

/// `name}` after a `{`, with the length up to its closing brace.
fn placeholder(inside: &str) -> Option<(Piece<'_>, usize)> {
    // Only as far as a name goes: looking further for a `}` after every
    // `{` would make a long template quadratic.
    let length = inside
        .bytes()
        .take_while(|&byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
        .count();
    let name = &inside[..length];
    (inside[length..].starts_with('}') && is_placeholder_name(name))
        .then_some((Piece::Placeholder(name), length))
}

/// The longest template a rule may have, in bytes (the longest built-in
/// one is under 300): reading a template is linear only up to a constant
/// per optional part, so a custom rule's cannot be made arbitrarily costly.
const TEMPLATE_LIMIT: usize = 2_000;

fn too_long(template: &str) -> Option<String> {
    (template.len() > TEMPLATE_LIMIT).then(|| {
        format!(
            "this template is {} bytes long; a template is at most {TEMPLATE_LIMIT}",
            template.len()
        )
    })
}

/// `?name:text}` after a `{`, with the length up to its closing brace
/// (the text may hold placeholders and braces of its own).
fn optional_part(inside: &str, depth: usize) -> Option<(Piece<'_>, usize)> {
    let body = inside.strip_prefix('?')?;
    let colon = body.find(':')?;
    let name = &body[..colon];
    if !is_placeholder_name(name) {
        return None;
    }
    let text = &body[colon + 1..];
    let mut open_braces = 0usize;
    for (index, character) in text.char_indices() {
        match character {
            '{' => open_braces += 1,
            '}' if open_braces == 0 => {
                let piece = Piece::Optional(name, parse_nested(&text[..index], depth + 1));
                return Some((piece, 1 + colon + 1 + index));
            }
            '}' => open_braces -= 1,
            _ => {}
        }
    }
    None
}

/// The names a template's placeholders and optional parts use, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    fn collect<'t>(pieces: &[Piece<'t>], names: &mut Vec<&'t str>) {
        for piece in pieces {
            match piece {
                Piece::Text(_) => {}
                Piece::Placeholder(name) => names.push(name),
                Piece::Optional(name, inner) => {
                    names.push(name);
                    collect(inner, names);
                }
            }
        }
    }
    let mut names = Vec::new();
    collect(&parse(template), &mut names);
    names
}

/// `{quarter}`, `{other-source}`: a word of letters, digits and dashes.
/// Anything else between braces (`{ … }` in an example) is plain text.
fn is_placeholder_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// What fills a template: the hit's variables (a label's own first) and
/// lists, and the block the finding is about.
pub struct Fillers<'a> {
    pub vars: &'a [&'a [(&'static str, String)]],
    pub lists: &'a [ListVariable],
    /// Variables that name words of `dictionary`, the rule's `words`.
    pub words: &'a [(&'static str, Vec<&'static str>)],
    pub dictionary: &'a BTreeMap<String, String>,
    /// The rule's `labels`, which word the items of some lists.
    pub labels: &'a BTreeMap<String, String>,
    pub block: Option<&'a Block<'a>>,
    pub source: &'a str,
}

/// Fills a template from the first of `vars` that has each placeholder,
/// then the lists, then the block. A placeholder nothing fills (an
/// attribute the block does not have) becomes empty; loading has made sure
/// it can be filled.
pub fn render(template: &str, fillers: &Fillers<'_>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    write_pieces(&parse(template), &mut out, &|name| fillers.lookup(name));
    // A finding keeps its words for the whole run: without the room the
    // string grew into (a plan with 50,000 findings held 5 MB of it).
    out.shrink_to_fit();
    out
}

impl Fillers<'_> {
    /// `a`, `a and b`, `a, b and c`, `a, b, c and 12 more`; a series:
    /// `a, and b`, `a, b, and c`.
    fn join_list(&self, list: &ListVariable) -> String {
        let mut items: Vec<String> = list.items.iter().map(|item| self.item(item)).collect();
        if list.more > 0 {
            items.push(format!("{} more", list.more));
        }
        let last_joint = if list.series { ", and " } else { " and " };
        match items.split_last() {
            Some((last, rest)) if !rest.is_empty() => {
                format!("{}{last_joint}{last}", rest.join(", "))
            }
            Some((last, _)) => last.clone(),
            None => String::new(),
        }
    }

    fn item(&self, item: &ListItem) -> String {
        match item {
            ListItem::Text(text) => text.clone(),
            ListItem::Worded { label, vars } => {
                let template = self.labels.get(*label).map_or("", String::as_str);
                let mut all_vars = vec![vars.as_slice()];
                all_vars.extend_from_slice(self.vars);
                render(
                    template,
                    &Fillers {
                        vars: &all_vars,
                        ..*self
                    },
                )
            }
        }
    }
}

fn write_pieces(pieces: &[Piece<'_>], out: &mut String, lookup: &dyn Fn(&str) -> Option<String>) {
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Placeholder(name) => out.push_str(&lookup(name).unwrap_or_default()),
            Piece::Optional(name, inner) => {
                if lookup(name).is_some_and(|value| !value.is_empty()) {
                    write_pieces(inner, out, lookup);
                }
            }
        }
    }
}

impl Fillers<'_> {
    fn lookup(&self, name: &str) -> Option<String> {
        let mut provided = self.vars.iter().flat_map(|vars| vars.iter());
        if let Some((_, value)) = provided.find(|(var, _)| *var == name) {
            return Some(value.clone());
        }
        if let Some((_, words)) = self.words.iter().find(|(var, _)| *var == name) {
            let worded: Vec<&str> = words
                .iter()
                .map(|word| self.dictionary.get(*word).map_or(*word, String::as_str))
                .collect();
            return Some(worded.join(" or "));
        }
        if let Some(list) = self.lists.iter().find(|list| list.name == name) {
            return Some(self.join_list(list));
        }
        self.block
            .and_then(|block| block_value(name, block, self.source))
    }
}

fn block_value(name: &str, block: &Block<'_>, source: &str) -> Option<String> {
    match name {
        "kind" => Some(block.kind.keyword().to_string()),
        "id" => Some(block.id.unwrap_or_default().to_string()),
        "title" => Some(block.title.as_deref().unwrap_or_default().to_string()),
        "name" => Some(super::words::block_name(block)),
        key => block
            .attribute(key)
            .map(|attribute| match &attribute.value {
                Value::Text(text) => text.to_string(),
                _ => attribute.span.text(source).to_string(),
            }),
    }
}

/// The words of the labels of the kinds open to custom rules, by kind and
/// label, for a custom rule that leaves a label unworded.
const GENERIC_LABELS: &str = include_str!("../../rules/generic/labels.yaml");

type LabelWords = BTreeMap<String, BTreeMap<String, String>>;

fn generic_labels() -> &'static LabelWords {
    static PARSED: OnceLock<LabelWords> = OnceLock::new();
    // Parsed only when a custom rule is loaded; a test parses it.
    PARSED.get_or_init(|| yaml::from_str(GENERIC_LABELS).expect("tested to parse"))
}

/// Gives each label a custom rule leaves unworded its kind's generic words.
pub fn fill_generic_labels(file: &mut RuleFile, kind: &KindInfo) {
    let Some(words) = generic_labels().get(kind.name) else {
        return;
    };
    let labels = &mut file.wordings_mut().labels;
    for (name, template) in words {
        labels
            .entry(name.clone())
            .or_insert_with(|| template.clone());
    }
}

/// Checks every template of a rule against what its kind provides: each
/// placeholder can be filled, each case is one the kind has. Returns the
/// place of the first mistake and what is wrong.
pub fn check(file: &RuleFile, kind: &KindInfo) -> Result<(), (YamlPath, String)> {
    let allowed = Allowed::for_rule(file, kind);
    let wordings = file.wordings();
    let mut templates = vec![
        (YamlPath::value(["message"]), Some(&wordings.message)),
        (YamlPath::value(["help"]), wordings.help.as_ref()),
        (YamlPath::value(["fix"]), wordings.fix.as_ref()),
    ];
    if wordings.fix.is_some() != wordings.fix_safety.is_some() {
        return Err((
            YamlPath::key(["fix"]),
            "`fix` and `fix-safety` (`safe` or `unsafe`) go together".to_string(),
        ));
    }
    for (case, wording) in &wordings.cases {
        if wording.fix.is_some() != wording.fix_safety.is_some() {
            return Err((
                YamlPath::key(["cases", case, "fix"]),
                "`fix` and `fix-safety` (`safe` or `unsafe`) go together".to_string(),
            ));
        }
        if !kind.cases.contains(&case.as_str()) {
            let message = if kind.cases.is_empty() {
                format!("check kind `{}` has no cases to word apart", kind.name)
            } else {
                format!(
                    "check kind `{}` has no case `{case}`; its cases are {}",
                    kind.name,
                    quoted(kind.cases.iter().copied())
                )
            };
            return Err((YamlPath::key(["cases", case]), message));
        }
        templates.push((
            YamlPath::value(["cases", case, "message"]),
            Some(&wording.message),
        ));
        templates.push((
            YamlPath::value(["cases", case, "help"]),
            wording.help.as_ref(),
        ));
        templates.push((
            YamlPath::value(["cases", case, "fix"]),
            wording.fix.as_ref(),
        ));
    }
    for (at, template) in templates {
        let Some(template) = template else { continue };
        if let Some(message) = too_long(template) {
            return Err((at, message));
        }
        if let Some(name) = placeholders(template)
            .into_iter()
            .find(|name| !allowed.contains(name))
        {
            return Err((at, allowed.unknown(name, kind)));
        }
    }
    check_labels(file, kind, &allowed)?;
    check_words(file, kind)
}

/// Each word the rule words is one its kind names.
fn check_words(file: &RuleFile, kind: &KindInfo) -> Result<(), (YamlPath, String)> {
    match file
        .wordings()
        .words
        .keys()
        .find(|word| !kind.words.contains(&word.as_str()))
    {
        None => Ok(()),
        Some(word) if kind.words.is_empty() => Err((
            YamlPath::key(["words", word]),
            format!("check kind `{}` names no words to word", kind.name),
        )),
        Some(word) => Err((
            YamlPath::key(["words", word]),
            format!(
                "check kind `{}` names no word `{word}`; its words are {}",
                kind.name,
                quoted(kind.words.iter())
            ),
        )),
    }
}

/// Each label the rule words is one its kind puts, and each of its
/// placeholders is filled by the label, the hit or the block.
fn check_labels(
    file: &RuleFile,
    kind: &KindInfo,
    allowed: &Allowed,
) -> Result<(), (YamlPath, String)> {
    for (name, template) in &file.wordings().labels {
        if let Some(message) = too_long(template) {
            return Err((YamlPath::value(["labels", name]), message));
        }
        let Some(slot) = kind.label(name) else {
            let message = if kind.labels.is_empty() {
                format!("check kind `{}` puts no labels to word", kind.name)
            } else {
                format!(
                    "check kind `{}` has no label `{name}`; its labels are {}",
                    kind.name,
                    quoted(kind.labels.iter().map(|slot| slot.name))
                )
            };
            return Err((YamlPath::key(["labels", name]), message));
        };
        let unfilled = placeholders(template)
            .into_iter()
            .find(|var| !allowed.contains(var) && !slot.variables.contains(var));
        if let Some(var) = unfilled {
            let mut message = allowed.unknown(var, kind);
            if !slot.variables.is_empty() {
                message.pop();
                message.push_str(&format!(
                    "; label `{name}` adds {})",
                    quoted(slot.variables.iter().map(|var| format!("{{{var}}}")))
                ));
            }
            return Err((YamlPath::value(["labels", name]), message));
        }
    }
    Ok(())
}

/// The placeholders a rule's templates may use.
struct Allowed<'a> {
    names: BTreeSet<&'a str>,
    /// Whether the findings are about a block (its attributes may be named).
    about_a_block: bool,
}

impl<'a> Allowed<'a> {
    fn for_rule(file: &'a RuleFile, kind: &KindInfo) -> Allowed<'a> {
        let mut names: BTreeSet<&str> = kind.variables.iter().copied().collect();
        let about_a_block = kind.pass == Pass::Plan;
        if about_a_block {
            names.extend(BLOCK_VARIABLES);
            names.extend(schema::KEYS.iter().map(|spec| spec.key));
            // Keys the rule itself names (`key: region`, `when: { tier: … }`).
            for (key, value) in file.check() {
                collect_words(key, &mut names);
                collect_words(value, &mut names);
            }
        }
        Allowed {
            names,
            about_a_block,
        }
    }

    fn contains(&self, name: &str) -> bool {
        self.names.contains(name) || (self.about_a_block && name.starts_with("x-"))
    }

    fn unknown(&self, name: &str, kind: &KindInfo) -> String {
        let hint = crate::text::closest(name, self.names.iter().copied())
            .map(|close| format!("; did you mean `{{{close}}}`?"))
            .unwrap_or_default();
        let provides = if kind.variables.is_empty() {
            "no variables of its own".to_string()
        } else {
            quoted(kind.variables.iter().map(|var| format!("{{{var}}}")))
        };
        let block = if self.about_a_block {
            ", besides the block's `{kind}`, `{id}`, `{title}`, `{name}` and its attributes"
        } else {
            ""
        };
        format!(
            "nothing fills `{{{name}}}`{hint} (check kind `{}` provides {provides}{block})",
            kind.name
        )
    }
}

/// Every mapping key and text value in a rule's `check`, owned by the rule
/// file so they live as long as it.
fn collect_words<'a>(value: &'a yaml::Value, names: &mut BTreeSet<&'a str>) {
    match value {
        yaml::Value::String(text) => {
            names.insert(text);
        }
        yaml::Value::Sequence(items) => items.iter().for_each(|item| collect_words(item, names)),
        yaml::Value::Mapping(mapping) => {
            for (key, value) in mapping {
                collect_words(key, names);
                collect_words(value, names);
            }
        }
        _ => {}
    }
}

fn quoted<S: AsRef<str>>(items: impl Iterator<Item = S>) -> String {
    items
        .map(|item| format!("`{}`", item.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every label of every kind open to custom rules has generic words,
    /// each a label the kind puts, using only what the label can be filled
    /// with; and no other kind has any.
    #[test]
    fn generic_label_words_cover_the_generic_kinds() {
        let words = generic_labels();
        for kind in crate::rules::checks::KINDS {
            let Some(labels) = words.get(kind.name) else {
                assert!(
                    !kind.open_to_custom_rules,
                    "{}: no generic label words",
                    kind.name
                );
                continue;
            };
            assert!(
                kind.open_to_custom_rules,
                "{} is not open to custom rules",
                kind.name
            );
            let worded: Vec<&str> = labels.keys().map(String::as_str).collect();
            let declared: Vec<&str> = kind.labels.iter().map(|slot| slot.name).collect();
            assert_eq!(
                BTreeSet::from_iter(worded),
                BTreeSet::from_iter(declared),
                "{}",
                kind.name
            );
            for (name, template) in labels {
                let slot = kind.label(name).unwrap();
                for var in placeholders(template) {
                    assert!(
                        kind.variables.contains(&var) || slot.variables.contains(&var),
                        "{}: label {name}: nothing fills {{{var}}}",
                        kind.name
                    );
                }
            }
        }
    }

    /// A built-in rule words every label its kind puts in its own file;
    /// the two rules of `reading` share its labels between them.
    #[test]
    fn built_in_rules_word_every_label_of_their_kind() {
        let files = crate::rules::builtin_files();
        let mut reading_labels = BTreeSet::new();
        for file in &files {
            let kind = file.check_kind().unwrap();
            let kind = KindInfo::named(kind).unwrap();
            if kind.name == "reading" {
                reading_labels.extend(file.wordings().labels.keys().map(String::as_str));
                continue;
            }
            for slot in kind.labels {
                assert!(
                    file.wordings().labels.contains_key(slot.name),
                    "{}: no words for label `{}`",
                    file.id,
                    slot.name
                );
            }
            for word in kind.words {
                assert!(
                    file.wordings().words.contains_key(*word),
                    "{}: no words for `{word}`",
                    file.id
                );
            }
        }
        // Of `reading`'s rules, only syntax-error's hits name words.
        let syntax_error = files.iter().find(|file| file.id == "syntax-error").unwrap();
        for word in KindInfo::named("reading").unwrap().words {
            assert!(
                syntax_error.wordings().words.contains_key(*word),
                "syntax-error: no words for `{word}`"
            );
        }
        let reading = KindInfo::named("reading").unwrap();
        for slot in reading.labels {
            assert!(
                reading_labels.contains(slot.name),
                "reading: no words for label `{}`",
                slot.name
            );
        }
    }

    #[test]
    fn placeholders_are_words_between_braces() {
        let found = placeholders("{id} has { owner: x } and {other-source}{x");
        assert_eq!(found, ["id", "other-source"]);
        let found = placeholders("{total}{?rates: (at {rates}, see `{ … }`)} {?x:}");
        assert_eq!(found, ["total", "rates", "rates", "x"]);
    }

    static NO_WORDS: BTreeMap<String, String> = BTreeMap::new();

    fn only<'a>(vars: &'a [&'a [(&'static str, String)]]) -> Fillers<'a> {
        Fillers {
            vars,
            lists: &[],
            words: &[],
            dictionary: &NO_WORDS,
            labels: &NO_WORDS,
            block: None,
            source: "",
        }
    }

    #[test]
    fn lists_are_joined_by_the_renderer() {
        let list = |items: &[&str], more| ListVariable {
            name: "names",
            items: items
                .iter()
                .map(|item| ListItem::Text(item.to_string()))
                .collect(),
            more,
            series: false,
        };
        let joined = |list: ListVariable| {
            let lists = [list];
            render(
                "{names}",
                &Fillers {
                    vars: &[],
                    lists: &lists,
                    words: &[],
                    dictionary: &BTreeMap::new(),
                    labels: &BTreeMap::new(),
                    block: None,
                    source: "",
                },
            )
        };
        assert_eq!(joined(list(&[], 0)), "");
        assert_eq!(joined(list(&["a"], 0)), "a");
        assert_eq!(joined(list(&["a", "b"], 0)), "a and b");
        assert_eq!(joined(list(&["a", "b", "c"], 0)), "a, b and c");
        assert_eq!(joined(list(&["a", "b"], 12)), "a, b and 12 more");
    }

    #[test]
    fn rendering_fills_variables_and_keeps_other_braces() {
        let vars = [("quarter", "2027-Q1".to_string())];
        assert_eq!(
            render("in {quarter}: write `team { … }`", &only(&[&vars])),
            "in 2027-Q1: write `team { … }`"
        );
        assert_eq!(render("{nothing}.", &only(&[&vars])), ".");
        let optional = "Q{?quarter: in {quarter}}{?nothing: never}{?empty: never}.";
        let with_empty = [("empty", String::new())];
        assert_eq!(
            render(optional, &only(&[&vars, &with_empty])),
            "Q in 2027-Q1."
        );
        assert_eq!(render("{?unclosed: x", &only(&[&vars])), "{?unclosed: x");
        // A custom rule cannot nest optional parts deep enough to exhaust
        // the stack: beyond the limit, `{?` is text.
        let deep = format!("{}x{}", "{?quarter:".repeat(200), "}".repeat(200));
        assert!(render(&deep, &only(&[&vars])).contains('x'));
        let label_vars = [("quarter", "2027-Q2".to_string())];
        assert_eq!(
            render("{quarter}", &only(&[&label_vars, &vars])),
            "2027-Q2",
            "a label's own variables come first"
        );
    }
}
