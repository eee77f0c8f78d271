//! Hostile legacy files (issue 15): workbooks whose cell references are
//! absurd or whose corners are far apart, a cell of megabytes, a sheet of
//! too many rows, YAML nested very deep, thousands of identical titles.
//! Each is refused (or imported) quickly with a clear message: no abort,
//! no allocation of gibibytes, no hang.

use std::io::{Cursor, Read, Write};
use std::time::{Duration, Instant};

use planlint::import::{self, ImportOptions};

/// A workbook made by rust_xlsxwriter, with its first sheet's XML (and,
/// when given, its shared strings) replaced: a valid package around a
/// crafted part.
fn workbook_with(sheet_xml: &str, shared_strings: Option<&str>) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "Activity").unwrap();
    sheet.write_string(1, 0, "Webinar").unwrap();
    let original = workbook.save_to_buffer().unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(original)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).unwrap();
        let content = match name.as_str() {
            "xl/worksheets/sheet1.xml" => sheet_xml.as_bytes().to_vec(),
            "xl/sharedStrings.xml" => {
                shared_strings.map_or(content, |text| text.as_bytes().to_vec())
            }
            _ => content,
        };
        out.start_file(name, options).unwrap();
        out.write_all(&content).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn sheet(rows: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    )
}

/// Imports `bytes` as `name`, within a few seconds; the error's text.
fn refused(name: &str, bytes: &[u8]) -> String {
    let started = Instant::now();
    let result = import::import_bytes(name, bytes, &ImportOptions::default());
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{name} took {:?}",
        started.elapsed()
    );
    match result {
        Ok(plans) => panic!("{name} imported: {}", plans[0].text),
        Err(error) => error.0,
    }
}

const HEADER_ROW: &str = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Activity</t></is></c></row>"#;

#[test]
fn far_apart_corners_do_not_allocate_the_rectangle_between_them() {
    let rows = format!(
        r#"{HEADER_ROW}<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>stray</t></is></c></row>"#
    );
    let error = refused("far.xlsx", &workbook_with(&sheet(&rows), None));
    assert!(error.starts_with("`far.xlsx`: a sheet (xl/worksheets/sheet1.xml): its cells reach from row 1 to row 1048576"), "{error}");
    assert!(error.contains("Ctrl+End"), "{error}");
}

#[test]
fn an_absurd_cell_reference_is_refused() {
    let reference = format!("{}1", "XFD".repeat(20));
    let rows = format!(r#"{HEADER_ROW}<row r="2"><c r="{reference}"><v>1</v></c></row>"#);
    let error = refused("absurd.xlsx", &workbook_with(&sheet(&rows), None));
    assert!(error.contains("is not a cell of a spreadsheet"), "{error}");
    let dimension = format!(
        r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{reference}:A1"/><sheetData>{HEADER_ROW}</sheetData></worksheet>"#
    );
    let error = refused("dimension.xlsx", &workbook_with(&dimension, None));
    assert!(error.contains("is not a range of cells"), "{error}");
}

#[test]
fn a_huge_cell_is_refused() {
    let huge = "a".repeat(2 * 1024 * 1024);
    let strings = format!(
        r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>Activity</t></si><si><t>{huge}</t></si></sst>"#
    );
    let rows = r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>"#;
    let error = refused("huge.xlsx", &workbook_with(&sheet(rows), Some(&strings)));
    assert!(
        error.contains("holds a cell of 2048 KiB of text; planlint reads cells up to 1024 KiB"),
        "{error}"
    );
}

#[test]
fn too_many_identical_rows_are_refused() {
    let mut rows = String::from(HEADER_ROW);
    for _ in 0..150_000 {
        rows.push_str(r#"<row><c t="inlineStr"><is><t>Webinar</t></is></c></row>"#);
    }
    let error = refused("rows.xlsx", &workbook_with(&sheet(&rows), None));
    assert!(
        error.contains("it has 150001 rows; planlint reads sheets of up to 100000 rows"),
        "{error}"
    );
}

#[test]
fn a_workbook_within_the_limits_still_imports() {
    let rows = format!(
        r#"{HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>Webinar</t></is></c></row>"#
    );
    let plans = import::import_bytes(
        "fine.xlsx",
        &workbook_with(&sheet(&rows), None),
        &ImportOptions::default(),
    )
    .unwrap();
    assert!(
        plans[0].text.contains("tactic webinar \"Webinar\""),
        "{}",
        plans[0].text
    );
}

#[test]
fn yaml_nested_very_deep_is_refused_quickly() {
    let depth = 100_000;
    let text = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
    let error = refused("deep.yaml", text.as_bytes());
    assert!(error.contains("nested"), "{error}");
    let text = (0..depth)
        .map(|level| format!("{}- \n", " ".repeat(level % 4000)))
        .collect::<String>();
    let error = refused("deep-block.yaml", text.as_bytes());
    assert!(error.contains("nested"), "{error}");
}

#[test]
fn forty_thousand_identical_titles_import_quickly() {
    let mut csv = String::from("Activity,Quarter\n");
    for _ in 0..40_000 {
        csv.push_str("Webinar,Q1 2027\n");
    }
    let started = Instant::now();
    let plans =
        import::import_bytes("same.csv", csv.as_bytes(), &ImportOptions::default()).unwrap();
    // Was 72 s; a few seconds at most in a debug build.
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    assert!(plans[0].text.contains("tactic webinar-40000 \"Webinar\""));
}

#[test]
fn a_csv_of_more_rows_than_the_limit_is_refused_before_it_is_read() {
    // The limit is a sheet's (100,000 rows): a CSV of a million rows would
    // need gibibytes as a plan; it is refused with its row count instead.
    let mut csv = String::from("Activity,Quarter\n");
    for row in 0..100_000 {
        csv.push_str(&format!("Webinar {row},Q1 2027\n"));
    }
    let error = refused("big.csv", csv.as_bytes());
    assert_eq!(
        error,
        "`big.csv` has 100001 rows; planlint imports up to 100000 rows from one file (a plan of more activities is better split into several files)"
    );
    // One row fewer is imported.
    let fits = csv.replacen("Webinar 0,Q1 2027\n", "", 1);
    let plans =
        import::import_bytes("fits.csv", fits.as_bytes(), &ImportOptions::default()).unwrap();
    assert!(plans[0]
        .text
        .contains("tactic webinar-99999 \"Webinar 99999\""));
}
