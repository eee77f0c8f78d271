//! CSV (and tab-separated) activity lists, read with the `csv` crate.
//!
//! Spreadsheet exports come in several encodings and dialects: UTF-8 with or
//! without a byte order mark, UTF-16 ("Unicode text"), Windows-1252 (Excel's
//! "CSV" on Windows); commas, or semicolons where the comma is the decimal
//! separator. The encoding is taken from the byte order mark, else UTF-8,
//! else Windows-1252 (with a note); the delimiter is the one of `,` `;` tab
//! that the first lines use most.

use super::grid::{self, GridOrigin, GridRow};
use super::table::{Cell, Source};
use super::{base_name, file_stem, ImportError, ImportOptions, Level, Note};

pub fn read(
    path: &str,
    bytes: &[u8],
    delimiter: Option<u8>,
    options: &ImportOptions,
    notes: &mut Vec<Note>,
) -> Result<Source, ImportError> {
    let text = decode(path, bytes, notes);
    let delimiter = delimiter.unwrap_or_else(|| sniff_delimiter(&text));
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
        // The csv crate counts record ends, not line breaks inside quoted
        // cells: its line is the row a spreadsheet shows.
        let number = record.position().map_or(1, |position| position.line()) as usize;
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
        ImportError(format!(
            "`{path}` has no column that names the activities (its first row is: {}). planlint looks for a header such as Activity, Tactic, Campaign or Name; say which column it is with --map 'Your Header=title'",
            quote_all(&error.first_row)
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

fn decode(path: &str, bytes: &[u8], notes: &mut Vec<Note>) -> String {
    if let Some((encoding, bom_length)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => {
            notes.push(Note {
                level: Level::Info,
                place: Some(path.to_string()),
                message: "not UTF-8 text; read as Windows-1252 (what Excel writes for \"CSV\" on Windows)".into(),
            });
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            text.into_owned()
        }
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
        assert!(notes[0].message.contains("Windows-1252"));
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
