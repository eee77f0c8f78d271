//! Imports any bytes as a workbook (.xlsx, or .ods for an input of odd
//! length), through the import API the command uses; a plan that comes out is
//! linted. No input may panic, hang or exhaust memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planlint::import::ImportOptions;

mod common;

fuzz_target!(|data: &[u8]| {
    // Workbooks are zip files: keep the seeds' first bytes intact and pick
    // the format from the length instead.
    let name = if data.len() % 2 == 1 {
        "fuzz.ods"
    } else {
        "fuzz.xlsx"
    };
    common::import_and_lint(name, data, &ImportOptions::default());
});
