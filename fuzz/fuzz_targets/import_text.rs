//! Imports any bytes as a CSV, TSV or YAML activity list (the first byte
//! picks which), through the import API the command uses; a plan that comes
//! out is linted. No input may panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planlint::import::ImportOptions;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let name = match selector % 3 {
        0 => "fuzz.csv",
        1 => "fuzz.tsv",
        _ => "fuzz.yaml",
    };
    let options = ImportOptions {
        year: (selector & 4 != 0).then_some(2027),
        currency: (selector & 8 != 0).then(|| "EUR".to_string()),
        ..ImportOptions::default()
    };
    common::import_and_lint(name, bytes, &options);
});
