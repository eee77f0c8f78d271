//! Embeds every `rules/*.yaml` in the binary, sorted by file name: as
//! written (for the docs tests and the configuration's error report), and
//! converted to JSON in three parts: what a run loads at start (the id,
//! severity, options and check), the words of the rule's findings (parsed
//! at its first finding) and the prose only people read (`why`, `bad`,
//! `good`: parsed for `explain`, SARIF's rule help, the editor's hover and
//! the doc tests). Parsing YAML was most of a single-file run's time; JSON
//! parses several times faster, and nine tenths of it was words and prose
//! that most runs never show. A rule file that is not valid YAML fails the
//! build.
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
        let mut value: yaml::Value = yaml::from_str(&text)
            .unwrap_or_else(|error| panic!("{} is not valid YAML: {error}", path.display()));
        let docs = take_fields(&mut value, &["why", "bad", "good"], true);
        let words = take_fields(&mut value, WORDS, false);
        let to_json = |value: &yaml::Value| {
            serde_json::to_string(value)
                .unwrap_or_else(|error| panic!("{} has no JSON form: {error}", path.display()))
        };
        json.push_str(&format!(
            "    EmbeddedRule {{ stem: {stem:?}, run: {:?}, words: {:?}, docs: {:?} }},\n",
            to_json(&value),
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

/// Moves the named fields out of a rule file's value into a mapping of
/// their own. A required one (`message`, the prose) is left as an empty
/// text, so that the run form still has every field a rule file needs.
fn take_fields(rule: &mut yaml::Value, names: &[&str], all_required: bool) -> yaml::Mapping {
    let mut taken = yaml::Mapping::new();
    let Some(fields) = rule.as_mapping_mut() else {
        return taken;
    };
    for name in names {
        let required = all_required || *name == "message";
        let value = if required {
            fields
                .get_mut(*name)
                .map(|value| std::mem::replace(value, yaml::Value::String(String::new())))
        } else {
            fields.remove(*name)
        };
        if let Some(value) = value {
            taken.insert(yaml::Value::String(name.to_string()), value);
        }
    }
    taken
}
