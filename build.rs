//! Embeds every `rules/*.yaml` in the binary, sorted by file name: as
//! written (for the docs tests and the configuration's error report), and
//! converted in four parts: what a run reads at start (id, summary,
//! severity, options: Rust values), its check (JSON, split so that a run
//! reads it straight into the check kind's types), the words of the rule's
//! findings (JSON, parsed at its first finding) and the prose only people
//! read (`why`, `bad`, `good`: JSON, parsed for `explain`, SARIF's rule
//! help, the editor's hover and the doc tests). Parsing YAML was most of a
//! single-file run's time; JSON parses several times faster, nine tenths
//! of it was words and prose that most runs never show, and reading the
//! checks through general YAML values was half of what remained. A rule
//! file that is not valid YAML fails the build.
use std::{env, fs, path::Path};

// The build script is the one place besides `src/yaml.rs` that names the
// YAML library (it cannot use the crate's modules); swapping the library
// means changing it here and in Cargo.toml's build-dependencies too.
use serde_yaml as yaml;

fn main() {
    link_for_a_quick_start();
    // Read at run time, not with `env!`: a build script compiled in another
    // checkout (a copied `target/`) would otherwise embed that checkout's rules.
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest_dir).join("rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("rules/ exists")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    files.sort();
    let mut code = String::from("/// `(file stem, contents)` of every built-in rule file.\npub static BUILTIN_RULE_FILES: &[(&str, &str)] = &[\n");
    let mut json = String::from(
        "/// Every built-in rule file as JSON, split for a run's start-up.\npub static BUILTIN_RULES_JSON: &[EmbeddedRule] = &[\n",
    );
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let stem = path.file_stem().unwrap().to_string_lossy();
        code.push_str(&format!(
            "    ({stem:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
        let text = fs::read_to_string(path).expect("rule files are readable");
        let mut fields: yaml::Mapping = yaml::from_str(&text)
            .unwrap_or_else(|error| panic!("{} is not a mapping in YAML: {error}", path.display()));
        let docs = take_fields(&mut fields, &["why", "bad", "good"]);
        let words = take_fields(&mut fields, WORDS);
        let to_json = |value: &yaml::Value| {
            serde_json::to_string(value)
                .unwrap_or_else(|error| panic!("{} has no JSON form: {error}", path.display()))
        };
        let check = embedded_check(&mut fields, to_json);
        let run = embedded_run(&mut fields, to_json);
        if let Some((key, _)) = fields.iter().next() {
            panic!("{}: unknown field {key:?}", path.display());
        }
        json.push_str(&format!(
            "    EmbeddedRule {{ stem: {stem:?}, run: {run}, check: {check}, words: {:?}, docs: {:?} }},\n",
            to_json(&yaml::Value::Mapping(words)),
            to_json(&yaml::Value::Mapping(docs))
        ));
    }
    code.push_str("];\n");
    json.push_str("];\n");
    code.push_str(&json);
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("builtin_rules.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}

/// A one-file run should cost little more than starting any process
/// (issue 11: within half a millisecond of `cat`). A position-independent
/// executable is relocated by the dynamic loader at every start: about
/// 12,800 pointers, which also copies each page holding one (a page fault
/// each), a sixth of a one-file run's instructions. Linked at a fixed
/// address, the executable needs none of that. The binary alone, on
/// Linux with glibc (the only target measured); the library, tests and
/// build scripts link as usual. The cost: the executable's own code is not
/// placed at a random address (libraries, stack and heap still are).
fn link_for_a_quick_start() {
    let target = |name: &str| env::var(name).unwrap_or_default();
    if target("CARGO_CFG_TARGET_OS") == "linux" && target("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}

/// A rule's fields that a run reads at start as `EmbeddedRun` code: Rust
/// values, not JSON to parse (parsing them was a tenth of a one-file run).
fn embedded_run(fields: &mut yaml::Mapping, to_json: impl Fn(&yaml::Value) -> String) -> String {
    let mut text = |name: &str| match fields.remove(name) {
        Some(yaml::Value::String(text)) => Some(text),
        None => None,
        Some(other) => panic!("`{name}` must be text, not {other:?}"),
    };
    let required = |value: Option<String>, name: &str| {
        value.unwrap_or_else(|| panic!("every rule has a `{name}`"))
    };
    let id = required(text("id"), "id");
    let summary = required(text("summary"), "summary");
    let severity = required(text("severity"), "severity");
    let partial = text("partial");
    let preview = match fields.remove("preview") {
        Some(yaml::Value::Bool(preview)) => preview,
        None => false,
        Some(other) => panic!("`preview` must be true or false, not {other:?}"),
    };
    let options = fields
        .remove("options")
        .unwrap_or(yaml::Value::Mapping(yaml::Mapping::new()));
    format!(
        "EmbeddedRun {{ id: {id:?}, summary: {summary:?}, severity: {severity:?}, \
         partial: {partial:?}, preview: {preview}, options: {:?} }}",
        to_json(&options)
    )
}

/// A rule's check as `EmbeddedCheck` code: whole, and its parameters as a
/// run deserializes them straight into the kind's types: all of them (for
/// a kind that selects no blocks) and split into the selector (`on`,
/// `when`, `unless`) and the others (for one that does; which kinds do is
/// the crate's to say). A check that takes a parameter from the rule's
/// options (`{ option: NAME }`) is compiled the general way instead,
/// through the configuration's values.
fn embedded_check(fields: &mut yaml::Mapping, to_json: impl Fn(&yaml::Value) -> String) -> String {
    let Some(yaml::Value::Mapping(check)) = fields.remove("check") else {
        panic!("every rule has a `check` mapping");
    };
    let defaults = match fields.get("options") {
        Some(yaml::Value::Mapping(options)) => options.clone(),
        _ => yaml::Mapping::new(),
    };
    let kind = check
        .get("kind")
        .and_then(yaml::Value::as_str)
        .expect("every built-in check names its kind");
    let mut all = yaml::Mapping::new();
    let mut selector = yaml::Mapping::new();
    let mut own = yaml::Mapping::new();
    for (key, value) in &check {
        if key.as_str() == Some("kind") {
            continue;
        }
        all.insert(key.clone(), value.clone());
        match key.as_str() {
            Some("on" | "when" | "unless") => selector.insert(key.clone(), value.clone()),
            _ => own.insert(key.clone(), value.clone()),
        };
    }
    let whole = yaml::Value::Mapping(check.clone());
    let takes_options = with_defaults(whole.clone(), &defaults) != whole;
    let json = |mapping| to_json(&with_defaults(yaml::Value::Mapping(mapping), &defaults));
    format!(
        "EmbeddedCheck {{ kind: {kind:?}, whole: {:?}, takes_options: {takes_options}, \
         parameters: EmbeddedParameters {{ all: {:?}, selector: {:?}, own: {:?} }} }}",
        to_json(&whole),
        json(all),
        json(selector),
        json(own)
    )
}

/// `value` with each parameter written `{ option: NAME }` replaced by the
/// option's default: the check a run without configured options compiles
/// (the engine substitutes the configured values the same way; a unit test
/// holds every built-in rule's check to the engine's).
fn with_defaults(value: yaml::Value, defaults: &yaml::Mapping) -> yaml::Value {
    match value {
        yaml::Value::Mapping(mapping) if mapping.len() == 1 && mapping.contains_key("option") => {
            let name = &mapping["option"];
            defaults.get(name).cloned().unwrap_or_else(|| {
                panic!("the check refers to option {name:?}, which the rule does not declare")
            })
        }
        yaml::Value::Mapping(mapping) => yaml::Value::Mapping(
            mapping
                .into_iter()
                .map(|(key, value)| (key, with_defaults(value, defaults)))
                .collect(),
        ),
        yaml::Value::Sequence(items) => yaml::Value::Sequence(
            items
                .into_iter()
                .map(|item| with_defaults(item, defaults))
                .collect(),
        ),
        other => other,
    }
}

/// The fields of a rule file that word its findings (`Wordings`).
const WORDS: &[&str] = &[
    "message",
    "help",
    "fix",
    "fix-safety",
    "labels",
    "words",
    "cases",
];

/// Moves the named fields out of a rule file's fields into a mapping of
/// their own.
fn take_fields(fields: &mut yaml::Mapping, names: &[&str]) -> yaml::Mapping {
    let mut taken = yaml::Mapping::new();
    for name in names {
        if let Some(value) = fields.remove(*name) {
            taken.insert(yaml::Value::String(name.to_string()), value);
        }
    }
    taken
}
