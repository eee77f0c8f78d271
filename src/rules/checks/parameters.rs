//! Reading a rule's `check` parameters into a kind's typed `Params`, with
//! every mistake at its place, and the block selector the generic kinds
//! share (`on`, `when`, `unless`).
//!
//! Why here and not in serde: a custom rule's author needs the line and
//! column of a misspelt parameter and a "did you mean". serde's own
//! `deny_unknown_fields` says only "unknown field" in English at the whole
//! mapping, so unknown keys are found here, against the field names the
//! `Params` type declares (read from its `Deserialize` impl, see
//! [`field_names`]); what remains (a wrong type) is located by
//! `yaml::from_value_located`.

use std::collections::BTreeMap;

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde::Deserialize;

use super::conditions::{BlockKinds, Conditions};
use super::CheckError;
use crate::model::{Block, BlockIndex, Plan};
use crate::yaml::{self, YamlPath};

/// The parameters every selecting kind shares: which blocks it judges.
#[derive(Debug, Clone)]
pub struct Selector {
    /// `on: tactic` or `on: [objective, tactic]`.
    pub on: BlockKinds,
    /// `when: { channel: "/^paid-/" }`, `unless: { foundational: true }`.
    pub conditions: Conditions,
}

/// The selector's keys, taken out of a `check` before the kind's own
/// parameters are read.
pub const SELECTOR_KEYS: [&str; 3] = ["on", "when", "unless"];

impl Selector {
    /// Every block: what kinds that do not select blocks are given.
    pub fn everything() -> Selector {
        Selector {
            on: BlockKinds::all(),
            conditions: Conditions::default(),
        }
    }

    /// The blocks judged, with their indices: those of the kinds in `on`
    /// to which the conditions apply.
    pub fn blocks<'plan, 'src>(
        &'plan self,
        plan: &'plan Plan<'src>,
        source: &'plan str,
    ) -> impl Iterator<Item = (BlockIndex, &'plan Block<'src>)> + 'plan {
        plan.blocks.iter().enumerate().filter(move |(_, block)| {
            self.on.contains(block.kind) && self.conditions.applies(block, source)
        })
    }

    /// A built-in rule's selector from the JSON object `build.rs` embedded
    /// (`checks::compile_embedded`).
    pub fn from_json(json: &str) -> Result<Selector, CheckError> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Written {
            on: BlockKinds,
            #[serde(default)]
            when: BTreeMap<String, yaml::Value>,
            #[serde(default)]
            unless: BTreeMap<String, yaml::Value>,
        }
        let written: Written = serde_json::from_str(json)
            .map_err(|error| CheckError::from(format!("the selector: {error}")))?;
        let conditions = Conditions::compile_located(&written.when, &written.unless)?;
        Ok(Selector {
            on: written.on,
            conditions,
        })
    }

    /// Takes `on`, `when` and `unless` out of `params` and compiles them.
    pub fn take(params: &mut yaml::Mapping) -> Result<Selector, CheckError> {
        let mut take = |key: &str| params.remove(key);
        let on = take("on").ok_or_else(|| CheckError {
            at: YamlPath::root(),
            message: "this check needs `on`: the kinds of block it looks at, e.g. `on: tactic`"
                .into(),
        })?;
        let on: BlockKinds = located(on, "on")?;
        let when: BTreeMap<String, yaml::Value> = match take("when") {
            Some(value) => located(value, "when")?,
            None => BTreeMap::new(),
        };
        let unless: BTreeMap<String, yaml::Value> = match take("unless") {
            Some(value) => located(value, "unless")?,
            None => BTreeMap::new(),
        };
        let conditions = Conditions::compile_located(&when, &unless)?;
        Ok(Selector { on, conditions })
    }
}

/// One parameter's value, with a mistake located below `name`.
fn located<T: DeserializeOwned>(value: yaml::Value, name: &str) -> Result<T, CheckError> {
    yaml::from_value_located(value).map_err(|(at, message)| CheckError {
        at: at.under(&YamlPath::value([name])),
        message: format!("`{name}`: {message}"),
    })
}

/// Reads `params` (a mapping, `kind` and the selector already taken out)
/// as `T`: an unknown key is refused at that key, with the closest known
/// one; a wrong value at that value.
pub fn read<T: DeserializeOwned>(params: yaml::Mapping) -> Result<T, CheckError> {
    let known = field_names::<T>();
    for key in params.keys() {
        let Some(name) = key.as_str() else {
            return Err(CheckError::from("parameter names must be text".to_string()));
        };
        if !known.contains(&name) {
            return Err(CheckError {
                at: YamlPath::key([name]),
                message: unknown_parameter(name, known),
            });
        }
    }
    yaml::from_value_located(yaml::Value::Mapping(params)).map_err(|(at, message)| {
        let message = match at.steps.first() {
            Some(yaml::Step::Key(name)) => format!("`{name}`: {message}"),
            _ => message,
        };
        CheckError { at, message }
    })
}

fn unknown_parameter(name: &str, known: &[&str]) -> String {
    if SELECTOR_KEYS.contains(&name) {
        return format!("this check kind takes no `{name}`: it does not select blocks");
    }
    match crate::text::closest(name, known.iter().copied()) {
        Some(close) => format!("unknown parameter `{name}`; did you mean `{close}`?"),
        None if known.is_empty() => format!("unknown parameter `{name}`; this check takes none"),
        None => format!(
            "unknown parameter `{name}`; this check takes {}",
            super::list(known)
        ),
    }
}

/// The field names a derived `Deserialize` struct declares: serde passes
/// them to `deserialize_struct`, which this deserializer records and then
/// refuses, so nothing is deserialised.
pub fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut recorder = FieldRecorder(&[]);
    let _ = T::deserialize(&mut recorder);
    recorder.0
}

struct FieldRecorder(&'static [&'static str]);

#[derive(Debug)]
struct Refused;

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("only the field names are read")
    }
}

impl std::error::Error for Refused {}

impl de::Error for Refused {
    fn custom<M: std::fmt::Display>(_: M) -> Refused {
        Refused
    }
}

impl<'de> Deserializer<'de> for &mut FieldRecorder {
    type Error = Refused;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Refused> {
        Err(Refused)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Refused> {
        self.0 = fields;
        Err(Refused)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// `owner` or `[target, due]`: one name or a list of them.
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "OneOrMany")]
pub struct Names(pub Vec<String>);

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl From<OneOrMany> for Names {
    fn from(names: OneOrMany) -> Names {
        match names {
            OneOrMany::One(name) => Names(vec![name]),
            OneOrMany::Many(names) => Names(names),
        }
    }
}

impl<'de> Deserialize<'de> for BlockKinds {
    /// `tactic` or `[objective, tactic]`, each a kind of block.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<BlockKinds, D::Error> {
        let Names(names) = Names::deserialize(deserializer)
            .map_err(|_| de::Error::custom("expected a kind of block or a list of them"))?;
        names
            .iter()
            .map(|name| super::block_kind(name))
            .collect::<Result<Vec<_>, _>>()
            .map(BlockKinds)
            .map_err(de::Error::custom)
    }
}

/// An option written as a percentage: `10%`, `"10%"` or `0.5%`. A bare
/// number (`10`) is refused: it could mean 10% or ten times.
fn percentage_written(value: &crate::yaml::Value) -> Option<crate::model::Rational> {
    let crate::yaml::Value::String(text) = value else {
        return None;
    };
    let number = text.trim().strip_suffix('%')?.trim();
    crate::model::Rational::parse_decimal(number)
}

/// A percentage parameter (`tolerance: 10%`). A bare number is refused with
/// the percentage it would be, so nobody's `10` is silently read as 10%.
pub(crate) fn percentage(
    param: &str,
    value: &crate::yaml::Value,
) -> Result<crate::model::Rational, CheckError> {
    percentage_written(value).ok_or_else(|| {
        let message = match value {
            crate::yaml::Value::Number(number) => {
                format!("`{param}` is a percentage: write `{number}%`, not `{number}`")
            }
            other => {
                let written = match other {
                    crate::yaml::Value::String(text) => text.clone(),
                    other => crate::yaml::to_string(other)
                        .map(|text| text.trim().to_string())
                        .unwrap_or_default(),
                };
                format!("`{param}` must be a percentage such as `10%`, not `{written}`")
            }
        };
        CheckError::at(param, message)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    #[allow(dead_code)]
    struct Example {
        key: String,
        #[serde(default)]
        point_at: Option<String>,
    }

    fn mapping(text: &str) -> yaml::Mapping {
        yaml::from_str(text).unwrap()
    }

    #[test]
    fn field_names_come_from_the_derived_impl() {
        assert_eq!(field_names::<Example>(), ["key", "point-at"]);
    }

    #[test]
    fn an_unknown_parameter_is_refused_at_its_key_with_the_closest() {
        let error = read::<Example>(mapping("key: owner\npoint-att: x")).unwrap_err();
        assert_eq!(error.at, YamlPath::key(["point-att"]));
        assert_eq!(
            error.message,
            "unknown parameter `point-att`; did you mean `point-at`?"
        );
    }

    #[test]
    fn a_wrong_type_is_refused_at_its_value() {
        let error = read::<Example>(mapping("key: [a, b]")).unwrap_err();
        assert_eq!(error.at, YamlPath::value(["key"]));
        assert!(error.message.starts_with("`key`: "), "{}", error.message);
    }

    #[test]
    fn the_selector_is_read_at_its_places() {
        let mut params = mapping("on: [tactic, objectve]\nkey: owner");
        let error = Selector::take(&mut params).unwrap_err();
        assert_eq!(error.at, YamlPath::value(["on"]));
        assert!(
            error.message.contains("did you mean `objective`"),
            "{}",
            error.message
        );
        let mut params = mapping("on: tactic\nwhen: { channel: \"/(/\" }\nkey: owner");
        let error = Selector::take(&mut params).unwrap_err();
        assert_eq!(error.at, YamlPath::value(["when", "channel"]));
        let mut params = mapping("on: tactic\nkey: owner");
        Selector::take(&mut params).unwrap();
        assert_eq!(params.len(), 1, "only the kind's own parameters are left");
    }
}
