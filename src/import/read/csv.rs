//! CSV (and tab-separated) activity lists, read with the `csv` crate.
//!
//! Spreadsheet exports come in several encodings and dialects: UTF-8 with or
//! without a byte order mark, UTF-16 ("Unicode text"), Windows-1252 (Excel's
//! "CSV" on Windows); commas, or semicolons where the comma is the decimal
//! separator. The encoding is taken from the byte order mark, else UTF-8,
//! else Windows-1252 (with a note); the delimiter is the one of `,` `;` tab
//! that the first lines use most.

use super::workbook_limits::MAX_ROWS;
use crate::import::columns;
use crate::import::table::grid::{self, GridOrigin, GridRow};
use crate::import::table::{Cell, Source};
use crate::import::{base_name, file_stem, ImportError, ImportOptions, Level, Note};

pub fn read(
    path: &str,
    bytes: &[u8],
    delimiter: Option<u8>,
    options: &ImportOptions,
    notes: &mut Vec<Note>,
) -> Result<Source, ImportError> {
    let text = one_line_ending(&decode(path, bytes, notes));
    let delimiter = delimiter.unwrap_or_else(|| sniff_delimiter(&text));
    let scan = scan_rows(&text, delimiter);
    let rows = scan.rows(&text);
    if rows > MAX_ROWS as usize {
        return Err(ImportError(format!(
            "`{path}` has {rows} rows; planlint imports up to {MAX_ROWS} rows from one file (a plan of more activities is better split into several files)"
        )));
    }
    if let Some(row) = scan.unclosed_quote_row {
        return Err(ImportError(format!(
            "`{path}`, row {row}: a quote (\") opens a cell that is never closed, so every later row would be read as part of that cell; close the quote or remove it, then import again"
        )));
    }
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| {
            let line = error
                .position()
                .map(|position| format!(" (line {})", position.line()))
                .unwrap_or_default();
            ImportError(format!(
                "`{path}` is not a readable CSV file{line}: {error}"
            ))
        })?;
        // The row a spreadsheet shows: line ends inside quoted cells do not
        // count, blank lines do (the csv crate's own line count does neither).
        // The crate's position is where it started reading, before the
        // blank lines it skips.
        let mut start = record.position().map_or(0, |position| position.byte()) as usize;
        while text.as_bytes().get(start) == Some(&b'\n') {
            start += 1;
        }
        let number = scan.row_at(start);
        rows.push(GridRow {
            number,
            cells: record.iter().map(Cell::text).collect(),
        });
    }
    let stem = file_stem(path);
    let from = GridOrigin {
        origin: path.to_string(),
        file_name: base_name(path).to_string(),
        sheet: None,
        default_title: stem.to_string(),
        file_stem: stem.to_string(),
        first_column: 0,
    };
    grid::to_source(rows, from, &options.column_map).map_err(|error| {
        ImportError(columns::no_activity_column_message(
            &format!("`{path}`"),
            &error.headers,
            error.suggested_map.as_deref(),
        ))
    })
}

pub(super) fn quote_all(cells: &[String]) -> String {
    if cells.is_empty() {
        return "empty".into();
    }
    cells
        .iter()
        .map(|cell| format!("\"{cell}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `\r\n` and a lone `\r` as `\n`: the csv crate would count a CRLF file's
/// rows one short, and a spreadsheet shows one row per line end of any kind.
fn one_line_ending(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Where each row of a spreadsheet starts in the text (a line end inside a
/// quoted cell does not start one), and the row of a quoted cell that is
/// never closed (a spreadsheet would merge every later row into it).
struct RowScan {
    starts: Vec<usize>,
    unclosed_quote_row: Option<usize>,
}

impl RowScan {
    /// How many rows the text has (a last line end starts no row).
    fn rows(&self, text: &str) -> usize {
        self.starts.len() - usize::from(text.ends_with('\n'))
    }

    /// The 1-based row of the record that starts at `byte`.
    fn row_at(&self, byte: usize) -> usize {
        self.starts.partition_point(|&start| start <= byte).max(1)
    }
}

fn scan_rows(text: &str, delimiter: u8) -> RowScan {
    let delimiter = char::from(delimiter);
    let mut starts = vec![0];
    let mut opened_at = None;
    let mut at_field_start = true;
    let mut chars = text.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        if opened_at.is_some() {
            match c {
                '"' if chars.peek().map(|&(_, next)| next) == Some('"') => {
                    chars.next();
                }
                '"' => opened_at = None,
                _ => {}
            }
            at_field_start = false;
            continue;
        }
        match c {
            '"' if at_field_start => opened_at = Some(starts.len()),
            '\n' => starts.push(offset + 1),
            _ => {}
        }
        at_field_start = c == delimiter || c == '\n';
    }
    RowScan {
        starts,
        unclosed_quote_row: opened_at,
    }
}

/// The text of a CSV file. A byte order mark says the encoding; without
/// one, UTF-8 when the whole file is; else each line is read on its own:
/// UTF-8 when it is valid UTF-8, else in the Windows code page `chardetng`
/// detects from the file (Windows-1252, Windows-1250, …). A file whose
/// encoding changes midway (rows pasted from another export) keeps its
/// UTF-8 rows; a note names the rows read otherwise, and a warning each row
/// where a character could not be decoded at all.
fn decode(path: &str, bytes: &[u8], notes: &mut Vec<Note>) -> String {
    if let Some((encoding, bom_length)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return text.into_owned();
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let legacy = windows_code_page(detector.guess(None, chardetng::Utf8Detection::Deny));
    let mut text = String::with_capacity(bytes.len());
    let mut legacy_rows = Vec::new();
    let mut utf8_rows_with_accents = 0;
    for (index, line) in bytes.split_inclusive(|&byte| byte == b'\n').enumerate() {
        let row = index + 1;
        if let Ok(valid) = std::str::from_utf8(line) {
            utf8_rows_with_accents += usize::from(!valid.is_ascii());
            text.push_str(valid);
            continue;
        }
        let (decoded, had_errors) = legacy.decode_without_bom_handling(line);
        legacy_rows.push(row);
        if had_errors {
            let replaced = decoded.matches('\u{FFFD}').count();
            notes.push(Note {
                level: Level::Warning,
                place: Some(format!("{path}, row {row}")),
                message: format!(
                    "{replaced} {} cannot be read as {} and {} shown as `�`; save the file as UTF-8 and import again",
                    if replaced == 1 { "character" } else { "characters" },
                    legacy.name(),
                    if replaced == 1 { "is" } else { "are" },
                ),
            });
        }
        text.push_str(&decoded);
    }
    let message = if utf8_rows_with_accents > 0 {
        format!(
            "the encoding changes within the file: {} read as {} (the rest is UTF-8); check the accented letters of those rows",
            rows_list(&legacy_rows),
            legacy.name()
        )
    } else {
        format!(
            "not UTF-8 text; read as {} (detected from its letters; Excel writes the Windows code page of the computer for \"CSV\")",
            legacy.name()
        )
    };
    notes.push(Note {
        level: Level::Info,
        place: Some(path.to_string()),
        message,
    });
    text
}

/// The Windows code page for an ISO 8859 guess: a short file cannot tell
/// them apart, and a spreadsheet exported on Windows is in the code page.
fn windows_code_page(guess: &'static encoding_rs::Encoding) -> &'static encoding_rs::Encoding {
    use encoding_rs::*;
    match guess {
        e if e == ISO_8859_2 => WINDOWS_1250,
        e if e == ISO_8859_4 || e == ISO_8859_13 => WINDOWS_1257,
        e if e == ISO_8859_5 => WINDOWS_1251,
        e if e == ISO_8859_7 => WINDOWS_1253,
        e if e == ISO_8859_8 => WINDOWS_1255,
        e if e == ISO_8859_15 => WINDOWS_1252,
        other => other,
    }
}

/// `row 3`, `rows 3, 5 and 9`, `12 rows (3, 5, 9, …)`.
fn rows_list(rows: &[usize]) -> String {
    let shown: Vec<String> = rows.iter().take(10).map(usize::to_string).collect();
    match rows.len() {
        1 => format!("row {}", shown[0]),
        n if n <= 10 => format!("rows {}", shown.join(", ")),
        n => format!("{n} rows ({}, …)", shown.join(", ")),
    }
}

/// The delimiter the first lines use most: `,`, `;` or tab.
fn sniff_delimiter(text: &str) -> u8 {
    let head: Vec<&str> = text.lines().take(10).collect();
    let count = |delimiter: char| -> usize {
        head.iter()
            .map(|line| line.matches(delimiter).count())
            .sum()
    };
    [(b',', count(',')), (b';', count(';')), (b'\t', count('\t'))]
        .into_iter()
        .max_by_key(|&(delimiter, count)| (count, delimiter == b','))
        .map_or(b',', |(delimiter, _)| delimiter)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &[u8]) -> (Source, Vec<Note>) {
        let mut notes = Vec::new();
        let source = read(
            "plan.csv",
            text,
            None,
            &ImportOptions::default(),
            &mut notes,
        )
        .unwrap();
        (source, notes)
    }

    #[test]
    fn semicolons_and_rows_numbered_like_a_spreadsheet() {
        let (source, notes) =
            read_text(b"Activity;Notes;Cost\nWebinars;\"two\nlines\";1.500,50\n\nEmail;x;200\n");
        assert!(notes.is_empty());
        let labels: Vec<&str> = source
            .activities
            .rows
            .iter()
            .filter(|row| !row.is_empty())
            .map(|row| row.label.as_str())
            .collect();
        // Row 3 is the empty line, which a spreadsheet shows as an empty row.
        assert_eq!(labels, ["row 2", "row 4"]);
        assert_eq!(
            source.activities.rows[0].cells[2],
            Cell::Text("1.500,50".into())
        );
    }

    #[test]
    fn windows_1252_is_read_with_a_note() {
        let (source, notes) = read_text(b"Activity,Owner\nCaf\xe9 event,Jos\xe9\n");
        assert_eq!(
            source.activities.rows[0].cells[0],
            Cell::Text("Café event".into())
        );
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0]
                .message
                .contains("not UTF-8 text; read as windows-"),
            "{notes:?}"
        );
    }

    #[test]
    fn utf16_with_a_byte_order_mark() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Activity\tOwner\nBooth\tKim\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let (source, _) = read_text(&bytes);
        assert_eq!(source.activities.rows[0].cells[1], Cell::Text("Kim".into()));
    }

    #[test]
    fn crlf_rows_are_numbered_like_a_spreadsheet() {
        let (source, _) = read_text(b"Activity,Quarter\r\nA,Q1\r\n\r\nB,Q2\rC,Q3\r\n");
        let labels: Vec<&str> = source
            .activities
            .rows
            .iter()
            .map(|row| row.label.as_str())
            .collect();
        assert_eq!(labels, ["row 2", "row 4", "row 5"]);
    }

    #[test]
    fn an_unclosed_quote_is_an_error_at_its_row() {
        let mut notes = Vec::new();
        let error = read(
            "plan.csv",
            b"Activity,Notes\r\nA,fine\r\nB,\"opens here\r\nC,x\r\nD,y\r\n",
            None,
            &ImportOptions::default(),
            &mut notes,
        )
        .unwrap_err();
        assert!(
            error.0.starts_with("`plan.csv`, row 3: a quote"),
            "{}",
            error.0
        );
        // Quotes that close, doubled quotes and quotes inside a cell are fine.
        let (source, _) =
            read_text(b"Activity,Notes\nA,\"say \"\"hi\"\"\nthere\"\nB 12\" screen,x\n");
        assert_eq!(source.activities.rows.len(), 2);
    }

    #[test]
    fn a_file_mixing_utf8_and_a_code_page_is_read_line_by_line() {
        let bytes = b"Activity,Owner\nCaf\xc3\xa9 launch,Jos\xc3\xa9\nCaf\xe9 event,Ren\xe9e\n";
        let (source, notes) = read_text(bytes);
        let cell = |row: usize, column: usize| {
            source.activities.rows[row].cells[column]
                .as_text()
                .into_owned()
        };
        assert_eq!(cell(0, 0), "Café launch");
        assert_eq!(cell(0, 1), "José");
        assert_eq!(cell(1, 0), "Café event");
        assert_eq!(cell(1, 1), "Renée");
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0]
                .message
                .contains("the encoding changes within the file: row 3 read as windows-"),
            "{notes:?}"
        );
    }

    #[test]
    fn windows_1250_is_detected() {
        // "Łukasz Wójcik, Kraków" in Windows-1250.
        let bytes = b"Campaign,Owner\nTargi w Krakowie \xbf\xf3\xb3te,\xa3ukasz W\xf3jcik\nPromocja jesienna,Zofia D\xb9browska\n";
        let (source, notes) = read_text(bytes);
        assert_eq!(
            source.activities.rows[0].cells[1].as_text(),
            "Łukasz Wójcik"
        );
        assert!(notes[0].message.contains("windows-1250"), "{notes:?}");
    }

    #[test]
    fn a_file_without_an_activity_column_is_refused_with_its_headers() {
        let mut notes = Vec::new();
        let error = read(
            "team.csv",
            b"Person,Capacity\nMaria,20\n",
            None,
            &ImportOptions::default(),
            &mut notes,
        )
        .unwrap_err();
        assert!(error.0.contains("\"Person\", \"Capacity\""), "{}", error.0);
        assert!(error.0.contains("--map"));
    }
}
