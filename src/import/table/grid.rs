//! Rows of cells (a CSV file, a sheet) → a [`Source`]: finds the header row
//! and reads what is above it.
//!
//! Real activity lists often start with a title block above the table
//! (`FY27 EMEA field marketing`, `Owner: Maria López`, `Budget | 250k EUR`).
//! The header row is the first row, among the first [`HEADER_SEARCH_ROWS`]
//! that are not empty, with a cell that names the activities. Above it, a
//! line whose label is a plan field (owner, period, budget, challenge, …)
//! becomes that field; the first other line becomes the title; the rest is
//! kept as comments.

use crate::import::columns::{self, ColumnMap, Context, Field, Recognised};
use crate::import::table::{column_letters, Cell, Column, PlanField, Row, Source, Table};
use crate::import::{Level, Note};

/// How far down a sheet the header row is looked for (non-empty rows).
const HEADER_SEARCH_ROWS: usize = 20;

/// One row of a grid with its number as a spreadsheet shows it (1-based).
#[derive(Debug, Clone)]
pub struct GridRow {
    pub number: usize,
    pub cells: Vec<Cell>,
}

/// Where a grid comes from, for notes and names.
pub struct GridOrigin {
    pub origin: String,
    pub file_name: String,
    pub sheet: Option<String>,
    pub default_title: String,
    pub file_stem: String,
    /// The index of the grid's first column in the sheet (for letters).
    pub first_column: usize,
}

/// Why a grid has no activity table: the row that looked most like a
/// header, and the `--map` that would name its activity column.
pub struct NoActivityColumn {
    pub headers: Vec<String>,
    pub suggested_map: Option<String>,
}

/// How much a row looks like a header: the number of different columns
/// planlint knows among its cells; `None` when none names the activities
/// (a table needs that column).
fn header_score(row: &GridRow, map: &ColumnMap) -> Option<usize> {
    let mut fields = Vec::new();
    for cell in row.cells.iter().filter(|cell| !cell.is_empty()) {
        if let Recognised::Field(field, _) =
            columns::recognise(&cell.as_text(), Context::Activities, map)
        {
            if !fields.contains(&field) {
                fields.push(field);
            }
        }
    }
    fields.contains(&Field::Title).then_some(fields.len())
}

fn filled_texts(row: &GridRow) -> Vec<String> {
    row.cells
        .iter()
        .filter(|cell| !cell.is_empty())
        .map(|cell| cell.as_text().into_owned())
        .collect()
}

/// The header row: among the first [`HEADER_SEARCH_ROWS`] non-empty rows,
/// the one with the most known headers that names the activities (the
/// first of equals). Title rows above it score nothing.
fn find_header_row(rows: &[GridRow], map: &ColumnMap) -> Result<usize, NoActivityColumn> {
    let candidates = || {
        rows.iter()
            .enumerate()
            .filter(|(_, row)| row.cells.iter().any(|cell| !cell.is_empty()))
            .take(HEADER_SEARCH_ROWS)
    };
    let best = candidates()
        .filter_map(|(index, row)| header_score(row, map).map(|score| (score, index)))
        .max_by_key(|&(score, index)| (score, std::cmp::Reverse(index)));
    if let Some((_, index)) = best {
        return Ok(index);
    }
    // No row names the activities: show the row with the most cells, which
    // is the header a person would point at.
    let headers = candidates()
        .max_by_key(|(index, row)| (filled_texts(row).len(), std::cmp::Reverse(*index)))
        .map(|(_, row)| filled_texts(row))
        .unwrap_or_default();
    let suggested_map = columns::suggest_title_map(&headers, map);
    Err(NoActivityColumn {
        headers,
        suggested_map,
    })
}

pub fn to_source(
    rows: Vec<GridRow>,
    from: GridOrigin,
    map: &ColumnMap,
) -> Result<Source, NoActivityColumn> {
    let header_index = match find_header_row(&rows, map) {
        Ok(index) => index,
        Err(error) => return month_grid(&rows, &from, map).ok_or(error),
    };
    let (plan_fields, comments) = title_block(&rows[..header_index], &from.origin, map);

    let header_row = &rows[header_index];
    let width = rows[header_index..]
        .iter()
        .map(|row| {
            row.cells
                .iter()
                .rposition(|cell| !cell.is_empty())
                .map_or(0, |last| last + 1)
        })
        .max()
        .unwrap_or(0);
    let columns: Vec<Column> = (0..width)
        .map(|index| {
            let header = header_row
                .cells
                .get(index)
                .map(|cell| cell.as_text().into_owned())
                .unwrap_or_default();
            let letters = column_letters(from.first_column + index);
            let place = if header.is_empty() {
                format!("column {letters}")
            } else {
                format!("column {letters} (\"{header}\")")
            };
            Column {
                header,
                place,
                fallback_key: format!("x-column-{}", letters.to_ascii_lowercase()),
            }
        })
        .collect();
    let title_column = header_row.cells.iter().position(|cell| {
        matches!(
            columns::recognise(&cell.as_text(), Context::Activities, map),
            Recognised::Field(Field::Title, _)
        )
    });
    let mut data_rows = Vec::new();
    let mut sections = Vec::new();
    let mut repeated_headers = Vec::new();
    for row in &rows[header_index + 1..] {
        match kind_of(row, header_row, title_column) {
            RowKind::Data => data_rows.push(Row {
                label: format!("row {}", row.number),
                cells: row.cells.clone(),
            }),
            RowKind::Section(label) => sections.push((row.number, label)),
            RowKind::RepeatedHeader => repeated_headers.push(row.number),
        }
    }
    let notes = skipped_row_notes(&from.origin, &sections, &repeated_headers);
    Ok(Source {
        origin: from.origin,
        file_name: from.file_name,
        sheet: from.sheet,
        default_title: from.default_title,
        file_stem: from.file_stem,
        plan_fields,
        comments,
        activities: Table {
            columns,
            rows: data_rows,
        },
        objectives: None,
        team: None,
        strategies: Vec::new(),
        notes,
    })
}

/// The rows above the header: a line whose label is a plan field (owner,
/// period, budget, …) becomes that field; the first other line the title;
/// the rest comments.
fn title_block(rows: &[GridRow], origin: &str, map: &ColumnMap) -> (Vec<PlanField>, Vec<String>) {
    let origin_place = |number: usize| format!("{origin}, row {number}");
    let mut plan_fields = Vec::new();
    let mut comments = Vec::new();
    let mut title_seen = false;
    for row in rows {
        let filled: Vec<String> = row
            .cells
            .iter()
            .filter(|cell| !cell.is_empty())
            .map(|cell| cell.as_text().into_owned())
            .collect();
        let (label, value, rest): (String, Option<Cell>, Vec<String>) = match filled.as_slice() {
            [] => continue,
            [only] => match only.split_once(':') {
                Some((label, value)) if !value.trim().is_empty() && label.len() <= 40 => (
                    label.trim().to_string(),
                    Some(Cell::text(value)),
                    Vec::new(),
                ),
                _ => (only.clone(), None, Vec::new()),
            },
            [label, ..] => {
                let value_cell = row
                    .cells
                    .iter()
                    .filter(|cell| !cell.is_empty())
                    .nth(1)
                    .cloned();
                (
                    label.trim_end_matches(':').trim().to_string(),
                    value_cell,
                    filled[2..].to_vec(),
                )
            }
        };
        let field = match columns::recognise(&label, Context::Plan, map) {
            Recognised::Field(field, _) => Some(field),
            Recognised::Attribute(_) => None,
        };
        match (field, value) {
            (Some(_), Some(cell)) if rest.is_empty() => plan_fields.push(PlanField {
                label,
                cell,
                place: origin_place(row.number),
            }),
            (_, None) if !title_seen => {
                title_seen = true;
                plan_fields.push(PlanField {
                    label: "title".into(),
                    cell: Cell::text(&label),
                    place: origin_place(row.number),
                });
            }
            _ => comments.push(filled.join(" | ")),
        }
    }

    (plan_fields, comments)
}

/// A content calendar kept as a grid: one row per month (or week, or
/// quarter), one column per kind of content (`Blog`, `Video`, `FAQ`), each
/// cell an activity. Found when no header names the activities but one
/// header row has a time column and at least two other columns, and the
/// rows below it name times. Each filled cell becomes a row of the
/// activity table: its text the title, its column header the channel, the
/// row's time its `when`; its place is the cell's own.
fn month_grid(rows: &[GridRow], from: &GridOrigin, map: &ColumnMap) -> Option<Source> {
    let is_time = |cell: &Cell| {
        matches!(
            columns::recognise(&cell.as_text(), Context::Activities, map),
            Recognised::Field(Field::When, _)
        )
    };
    let (header_index, time_column) =
        rows.iter()
            .enumerate()
            .take(HEADER_SEARCH_ROWS)
            .find_map(|(index, row)| {
                let time_column = row.cells.iter().position(is_time)?;
                let others = row
                    .cells
                    .iter()
                    .enumerate()
                    .filter(|(column, cell)| *column != time_column && !cell.is_empty())
                    .count();
                (others >= 2).then_some((index, time_column))
            })?;
    let header = &rows[header_index];
    let names_time = |row: &GridRow| {
        row.cells
            .get(time_column)
            .is_some_and(|cell| is_section_label(&cell.as_text()))
    };
    let body = &rows[header_index + 1..];
    if !body.iter().any(names_time) {
        return None;
    }
    let letters = |index: usize| column_letters(from.first_column + index);
    let time_header = header.cells[time_column].as_text().into_owned();
    let columns = vec![
        Column {
            header: time_header.clone(),
            place: format!("column {} (\"{time_header}\")", letters(time_column)),
            fallback_key: "x-time".into(),
        },
        Column {
            header: "Activity".into(),
            place: "the cell".into(),
            fallback_key: "x-activity".into(),
        },
        Column {
            header: "Channel".into(),
            place: "its column's header".into(),
            fallback_key: "x-channel".into(),
        },
    ];
    let mut activity_rows = Vec::new();
    let mut content_columns = Vec::new();
    for row in body.iter().filter(|row| names_time(row)) {
        for (index, cell) in row.cells.iter().enumerate() {
            let kind = header
                .cells
                .get(index)
                .map(|cell| cell.as_text().into_owned());
            let Some(kind) = kind.filter(|kind| index != time_column && !kind.is_empty()) else {
                continue;
            };
            if cell.is_empty() {
                continue;
            }
            if !content_columns.contains(&kind) {
                content_columns.push(kind.clone());
            }
            activity_rows.push(Row {
                label: format!("row {}, column {} (\"{kind}\")", row.number, letters(index)),
                cells: vec![
                    row.cells[time_column].clone(),
                    cell.clone(),
                    Cell::text(&kind),
                ],
            });
        }
    }
    let (plan_fields, comments) = title_block(&rows[..header_index], &from.origin, map);
    let quoted: Vec<String> = content_columns
        .iter()
        .map(|kind| format!("\"{kind}\""))
        .collect();
    Some(Source {
        origin: from.origin.clone(),
        file_name: from.file_name.clone(),
        sheet: from.sheet.clone(),
        default_title: from.default_title.clone(),
        file_stem: from.file_stem.clone(),
        plan_fields,
        comments,
        activities: Table {
            columns,
            rows: activity_rows,
        },
        objectives: None,
        team: None,
        strategies: Vec::new(),
        notes: vec![Note {
            level: Level::Info,
            place: Some(from.origin.clone()),
            message: format!(
                "read as a calendar grid: each filled cell of the columns {} is an activity, its column the channel and \"{time_header}\" its time",
                quoted.join(", ")
            ),
        }],
    })
}

/// What a row below the header is.
#[derive(Debug, PartialEq, Eq)]
enum RowKind {
    /// An activity (or an empty row, which the conversion passes over).
    Data,
    /// A label over the rows that follow (`Week 3`, `October`, `CHRISTMAS`).
    Section(String),
    /// The header again, as long sheets repeat it.
    RepeatedHeader,
}

fn kind_of(row: &GridRow, header: &GridRow, title_column: Option<usize>) -> RowKind {
    let filled: Vec<(usize, String)> = row
        .cells
        .iter()
        .enumerate()
        .filter(|(_, cell)| !cell.is_empty())
        .map(|(index, cell)| (index, cell.as_text().into_owned()))
        .collect();
    let repeats_header = filled
        .iter()
        .filter(|(index, text)| {
            header.cells.get(*index).is_some_and(|cell| {
                !cell.is_empty() && columns::compact(&cell.as_text()) == columns::compact(text)
            })
        })
        .count();
    if repeats_header >= 2 && repeats_header * 2 >= filled.len() {
        return RowKind::RepeatedHeader;
    }
    let title_empty =
        title_column.is_none_or(|column| row.cells.get(column).is_none_or(Cell::is_empty));
    match filled.as_slice() {
        [(index, text)] if Some(*index) != title_column || is_section_label(text) => {
            RowKind::Section(text.clone())
        }
        [(_, text), ..] if title_empty && filled.len() <= 2 && is_section_label(text) => {
            RowKind::Section(text.clone())
        }
        _ => RowKind::Data,
    }
}

/// `Week 3`, `W3`, `KW 12`, `Woche 4`, `Semaine 2`, `Semana 5`, a month
/// name (`October`, `Oktober 2027`), a quarter (`Q3`): a label over rows.
fn is_section_label(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    let is_number = |word: &String| word.chars().all(|c| c.is_ascii_digit());
    let week_word = |word: &str| {
        matches!(
            word,
            "week" | "wk" | "kw" | "woche" | "semaine" | "semana" | "sem"
        )
    };
    match words.as_slice() {
        [word, number] if week_word(word) && is_number(number) => true,
        [word] => {
            let (letters, digits) = word.split_at(
                word.find(|c: char| c.is_ascii_digit())
                    .unwrap_or(word.len()),
            );
            (matches!(letters, "w" | "kw" | "q")
                && !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit()))
                || crate::import::cells::month_number(word).is_some()
        }
        [month, year] => {
            crate::import::cells::month_number(month).is_some()
                && is_number(year)
                && year.len() == 4
        }
        _ => false,
    }
}

/// One note for the section rows and one for the repeated headers, naming
/// their rows, so the summary says what was left out.
fn skipped_row_notes(origin: &str, sections: &[(usize, String)], repeated: &[usize]) -> Vec<Note> {
    let mut notes = Vec::new();
    if !sections.is_empty() {
        let listed: Vec<String> = sections
            .iter()
            .map(|(number, label)| format!("{number} (\"{label}\")"))
            .collect();
        notes.push(Note {
            level: Level::Info,
            place: Some(origin.to_string()),
            message: format!(
                "{} section {} left out, not activities: {} {}",
                sections.len(),
                if sections.len() == 1 { "row" } else { "rows" },
                if sections.len() == 1 { "row" } else { "rows" },
                listed.join(", ")
            ),
        });
    }
    if !repeated.is_empty() {
        let listed: Vec<String> = repeated.iter().map(usize::to_string).collect();
        notes.push(Note {
            level: Level::Info,
            place: Some(origin.to_string()),
            message: format!(
                "the header is repeated in {} {}; left out",
                if repeated.len() == 1 { "row" } else { "rows" },
                listed.join(", ")
            ),
        });
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(number: usize, cells: &[&str]) -> GridRow {
        GridRow {
            number,
            cells: cells.iter().map(|text| Cell::text(text)).collect(),
        }
    }

    fn origin() -> GridOrigin {
        GridOrigin {
            origin: "plan.xlsx, sheet \"DACH\"".into(),
            file_name: "plan.xlsx".into(),
            sheet: Some("DACH".into()),
            default_title: "plan: DACH".into(),
            file_stem: "plan-dach".into(),
            first_column: 0,
        }
    }

    #[test]
    fn title_block_above_the_header_row() {
        let rows = vec![
            row(1, &["EMEA field marketing 2027"]),
            row(2, &[]),
            row(3, &["Owner:", "Maria López"]),
            row(4, &["Budget: 250k EUR"]),
            row(5, &["Prepared by finance", "", "draft"]),
            row(6, &["Campaign", "Quarter", "", "Region"]),
            row(7, &["Webinars", "Q1", "", "DACH", "stray"]),
        ];
        let source = to_source(rows, origin(), &ColumnMap::default())
            .ok()
            .unwrap();
        let fields: Vec<(&str, String)> = source
            .plan_fields
            .iter()
            .map(|field| (field.label.as_str(), field.cell.as_text().into_owned()))
            .collect();
        assert_eq!(
            fields,
            [
                ("title", "EMEA field marketing 2027".to_string()),
                ("Owner", "Maria López".to_string()),
                ("Budget", "250k EUR".to_string()),
            ]
        );
        assert_eq!(source.comments, ["Prepared by finance | draft"]);
        let places: Vec<&str> = source
            .activities
            .columns
            .iter()
            .map(|column| column.place.as_str())
            .collect();
        assert_eq!(
            places,
            [
                "column A (\"Campaign\")",
                "column B (\"Quarter\")",
                "column C",
                "column D (\"Region\")",
                "column E"
            ]
        );
        assert_eq!(source.activities.rows[0].label, "row 7");
    }

    #[test]
    fn a_grid_without_an_activity_column_says_what_it_saw() {
        let rows = vec![row(1, &["Person", "Capacity"]), row(2, &["Maria", "20"])];
        let Err(error) = to_source(rows, origin(), &ColumnMap::default()) else {
            panic!("no activity column expected");
        };
        assert_eq!(error.headers, ["Person", "Capacity"]);
        assert_eq!(error.suggested_map.as_deref(), Some("--map 'Person=title'"));
    }
}
