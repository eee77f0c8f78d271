//! Embeds every `rules/*.yaml` in the binary, sorted by file name: as
//! written (for `explain` and the docs tests), and converted to JSON, which
//! the engine loads on every run. Parsing YAML was most of a single-file
//! run's time (rule files are mostly prose); JSON parses several times
//! faster, and a rule file that is not valid YAML now fails the build.
use std::{env, fs, path::Path};

// The build script is the one place besides `src/yaml.rs` that names the
// YAML library (it cannot use the crate's modules); swapping the library
// means changing it here and in Cargo.toml's build-dependencies too.
use serde_yaml as yaml;

fn main() {
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
        "/// `(file stem, contents as JSON)` of every built-in rule file.\npub static BUILTIN_RULES_JSON: &[(&str, &str)] = &[\n",
    );
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let stem = path.file_stem().unwrap().to_string_lossy();
        code.push_str(&format!(
            "    ({stem:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
        let text = fs::read_to_string(path).expect("rule files are readable");
        let value: yaml::Value = yaml::from_str(&text)
            .unwrap_or_else(|error| panic!("{} is not valid YAML: {error}", path.display()));
        let converted = serde_json::to_string(&value)
            .unwrap_or_else(|error| panic!("{} has no JSON form: {error}", path.display()));
        json.push_str(&format!("    ({stem:?}, {converted:?}),\n"));
    }
    code.push_str("];\n");
    json.push_str("];\n");
    code.push_str(&json);
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("builtin_rules.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
