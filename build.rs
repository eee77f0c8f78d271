//! Embeds every `rules/*.yaml` in the binary, sorted by file name.
use std::{env, fs, path::Path};

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
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let stem = path.file_stem().unwrap().to_string_lossy();
        code.push_str(&format!(
            "    ({stem:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("builtin_rules.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
