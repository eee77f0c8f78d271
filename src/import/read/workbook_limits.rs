//! Limits a workbook is checked against before `calamine` reads it.
//!
//! calamine trusts a sheet: it multiplies a cell reference's letters without
//! checking (a reference of many letters overflows), and it allocates the
//! whole rectangle between the first and the last cell (`A1` and
//! `XFD1048576` are 17 billion cells). A zip of 1 MB can also unpack to a
//! cell of a gibibyte. So the parts of an `.xlsx` (and an `.ods`'s content)
//! are unpacked here first, each up to [`MAX_PART_BYTES`], and every cell
//! reference is read with checked arithmetic; a workbook beyond the limits
//! is refused with what is wrong and how to fix it, before anything large
//! is allocated. The limits are documented in the README.

use std::io::{Cursor, Read};

/// The most a sheet (or the shared strings) may unpack to.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// The most rows a sheet may have.
pub const MAX_ROWS: u32 = 100_000;
/// The most cells the rectangle from a sheet's first to its last cell may hold.
pub const MAX_CELLS: u64 = 5_000_000;
/// The longest text a cell may hold.
pub const MAX_CELL_BYTES: usize = 1024 * 1024;

/// The last column (`XFD`) and row a spreadsheet has.
const LAST_COLUMN: u32 = 16_384;
const LAST_ROW: u32 = 1_048_576;

/// Checks a workbook's bytes; `Err` says why it is refused. Files that are
/// not zip archives (`.xls`) are left to calamine.
pub fn check(bytes: &[u8]) -> Result<(), String> {
    if !bytes.starts_with(b"PK") {
        return Ok(());
    }
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // Not a readable zip: calamine says so in its own words.
        return Ok(());
    };
    for index in 0..archive.len() {
        let Ok(mut entry) = archive.by_index(index) else {
            continue;
        };
        let Ok(name) = entry.name().map(|name| name.to_string()) else {
            continue;
        };
        let is_sheet = name.starts_with("xl/worksheets/") && name.ends_with(".xml");
        let is_text = is_sheet
            || name == "xl/sharedStrings.xml"
            || name == "content.xml"
            || name.starts_with("xl/worksheets/") && name.ends_with(".bin");
        if !is_text {
            continue;
        }
        let mut part = Vec::new();
        let read = (&mut entry).take(MAX_PART_BYTES + 1).read_to_end(&mut part);
        let shown = shown_part(&name);
        if read.is_err() {
            // A damaged part (its checksum fails at its end): calamine reads
            // it as a stream and could act on what comes before the damage,
            // so it is refused here.
            return Err(format!(
                "{shown} is damaged (the workbook's archive does not unpack); open and save it again in a spreadsheet program"
            ));
        }
        if part.len() as u64 > MAX_PART_BYTES {
            return Err(format!(
                "{shown} unpacks to more than {} MiB; planlint reads sheets up to that size (save the sheet without its unused rows and columns, or split it)",
                MAX_PART_BYTES / 1024 / 1024
            ));
        }
        if let Some(bytes) = longest_text(&part).filter(|&bytes| bytes > MAX_CELL_BYTES) {
            return Err(format!(
                "{shown} holds a cell of {} KiB of text; planlint reads cells up to {} KiB",
                bytes / 1024,
                MAX_CELL_BYTES / 1024
            ));
        }
        if is_sheet {
            check_sheet(&part).map_err(|problem| format!("{shown}: {problem}"))?;
        }
    }
    Ok(())
}

/// `sheet 3 (xl/worksheets/sheet3.xml)`, `the shared texts`.
fn shown_part(name: &str) -> String {
    match name {
        "xl/sharedStrings.xml" => "the workbook's shared texts (xl/sharedStrings.xml)".into(),
        "content.xml" => "the workbook's content (content.xml)".into(),
        _ => format!("a sheet ({name})"),
    }
}

/// The longest run of bytes between two XML tags: an upper bound of the
/// longest cell text.
fn longest_text(xml: &[u8]) -> Option<usize> {
    xml.split(|&byte| byte == b'<').map(<[u8]>::len).max()
}

/// A cell reference (`B7`, `$B$7`), 1-based, with checked arithmetic;
/// `None` when it is not a cell of a spreadsheet.
pub fn parse_reference(reference: &str) -> Option<(u32, u32)> {
    let reference = reference.trim().replace('$', "");
    let letters = reference
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .count();
    let (column_part, row_part) = reference.split_at(letters);
    if !(1..=3).contains(&column_part.len())
        || !(1..=7).contains(&row_part.len())
        || !row_part.bytes().all(|byte| byte.is_ascii_digit())
    {
        return None;
    }
    let column = column_part.bytes().try_fold(0u32, |column, letter| {
        column
            .checked_mul(26)?
            .checked_add(u32::from(letter.to_ascii_uppercase() - b'A') + 1)
    })?;
    let row: u32 = row_part.parse().ok()?;
    ((1..=LAST_COLUMN).contains(&column) && (1..=LAST_ROW).contains(&row)).then_some((row, column))
}

/// The start tags `<tag …>` (the text up to `>`, after the name).
fn start_tags<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}");
    xml.match_indices(open.as_str())
        .filter_map(|(start, _)| {
            let rest = &xml[start + open.len()..];
            // `<c ` or `<c>`, not `<col`.
            if !rest.starts_with([' ', '>', '/', '\t', '\n', '\r']) {
                return None;
            }
            Some(&rest[..tag_end(rest)])
        })
        .collect()
}

/// Where a start tag ends: the first `>` outside a quoted attribute value.
/// An XML reader (calamine's) reads a value up to its closing quote, `>`
/// and `<` included, so a mangled value must be read the same way here.
fn tag_end(rest: &str) -> usize {
    let mut quote = None;
    for (index, byte) in rest.bytes().enumerate() {
        match (quote, byte) {
            (None, b'"' | b'\'') => quote = Some(byte),
            (Some(open), _) if byte == open => quote = None,
            (None, b'>') => return index,
            _ => {}
        }
    }
    rest.len()
}

/// The values of an attribute `name="…"` in the start tags `<tag …>`.
fn attribute_values<'a>(
    xml: &'a str,
    tag: &'a str,
    name: &'a str,
) -> impl Iterator<Item = &'a str> + 'a {
    let attribute = format!(" {name}=\"");
    start_tags(xml, tag).into_iter().filter_map(move |head| {
        let value_start = head.find(attribute.as_str())? + attribute.len();
        let value = &head[value_start..];
        Some(&value[..value.find('"').unwrap_or(value.len())])
    })
}

/// One sheet's references, rows and extent.
fn check_sheet(xml: &[u8]) -> Result<(), String> {
    let xml = String::from_utf8_lossy(xml);
    for dimension in attribute_values(&xml, "dimension", "ref") {
        let mut corners = dimension.split(':');
        let first = corners.next().unwrap_or("");
        let last = corners.next().unwrap_or(first);
        let (Some(first), Some(last)) = (parse_reference(first), parse_reference(last)) else {
            return Err(format!(
                "its size `{}` is not a range of cells",
                shorten(dimension)
            ));
        };
        if corners.next().is_some() || last.0 < first.0 || last.1 < first.1 {
            return Err(format!(
                "its size `{}` is not a range of cells",
                shorten(dimension)
            ));
        }
    }
    let rows = start_tags(&xml, "row").len();
    for row in attribute_values(&xml, "row", "r") {
        if !row
            .parse::<u32>()
            .is_ok_and(|row| (1..=LAST_ROW).contains(&row))
        {
            return Err(format!(
                "`{}` is not a row of a spreadsheet (rows go to {LAST_ROW})",
                shorten(row)
            ));
        }
    }
    if rows > MAX_ROWS as usize {
        return Err(format!(
            "it has {rows} rows; planlint reads sheets of up to {MAX_ROWS} rows (a plan of more activities is better split into several sheets)"
        ));
    }
    let mut extent: Option<((u32, u32), (u32, u32))> = None;
    for reference in attribute_values(&xml, "c", "r") {
        let Some((row, column)) = parse_reference(reference) else {
            return Err(format!(
                "`{}` is not a cell of a spreadsheet (columns go to XFD, rows to {LAST_ROW})",
                shorten(reference)
            ));
        };
        extent = Some(match extent {
            None => ((row, column), (row, column)),
            Some(((top, left), (bottom, right))) => (
                (top.min(row), left.min(column)),
                (bottom.max(row), right.max(column)),
            ),
        });
    }
    if let Some(((top, left), (bottom, right))) = extent {
        let cells = u64::from(bottom - top + 1) * u64::from(right - left + 1);
        if cells > MAX_CELLS {
            return Err(format!(
                "its cells reach from row {top} to row {bottom} and over {} columns ({cells} cells); planlint reads sheets of up to {MAX_CELLS} cells: delete the stray cells far from the table (Ctrl+End shows the last one)",
                right - left + 1
            ));
        }
    }
    Ok(())
}

/// A reference as shown in a message: at most 20 characters.
fn shorten(text: &str) -> String {
    if text.chars().count() <= 20 {
        return text.to_string();
    }
    let head: String = text.chars().take(20).collect();
    format!("{head}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_read_with_checked_arithmetic() {
        assert_eq!(parse_reference("A1"), Some((1, 1)));
        assert_eq!(parse_reference("$B$7"), Some((7, 2)));
        assert_eq!(parse_reference("XFD1048576"), Some((1_048_576, 16_384)));
        assert_eq!(parse_reference("XFE1"), None);
        assert_eq!(parse_reference("A1048577"), None);
        assert_eq!(parse_reference(&"Z".repeat(40)), None);
        assert_eq!(parse_reference(&format!("A{}", "9".repeat(40))), None);
        assert_eq!(parse_reference("A0"), None);
        assert_eq!(parse_reference("1A"), None);
    }

    fn sheet(body: &str) -> Vec<u8> {
        format!("<worksheet><sheetData>{body}</sheetData></worksheet>").into_bytes()
    }

    #[test]
    fn far_corners_and_absurd_references_are_refused() {
        let far = sheet(
            r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
        );
        let problem = check_sheet(&far).unwrap_err();
        assert!(problem.contains("Ctrl+End"), "{problem}");
        let absurd = sheet(&format!(
            r#"<row><c r="{}1"><v>1</v></c></row>"#,
            "Q".repeat(30)
        ));
        assert!(check_sheet(&absurd).unwrap_err().contains("is not a cell"));
        let dimension = b"<worksheet><dimension ref=\"B2:A1\"/></worksheet>";
        assert!(check_sheet(dimension).unwrap_err().contains("not a range"));
        let fine = b"<worksheet><dimension ref=\"A1:XFD1048576\"/><sheetData><row r=\"1\"><c r=\"A1\"/><c r=\"C1\"/></row><cols><col min=\"1\"/></cols></sheetData></worksheet>";
        assert_eq!(check_sheet(fine), Ok(()));
    }

    #[test]
    fn too_many_rows_are_refused() {
        let rows = "<row><c><v>1</v></c></row>".repeat(MAX_ROWS as usize + 1);
        assert!(check_sheet(&sheet(&rows)).unwrap_err().contains("rows"));
    }
}
