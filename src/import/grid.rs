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

use super::columns::{self, ColumnMap, Context, Field, Recognised};
use super::table::{column_letters, Cell, Column, PlanField, Row, Source, Table};

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

/// Why a grid has no activity table: the headers it looked at.
pub struct NoActivityColumn {
    pub first_row: Vec<String>,
}

pub fn to_source(
    rows: Vec<GridRow>,
    from: GridOrigin,
    map: &ColumnMap,
) -> Result<Source, NoActivityColumn> {
    let names_activities = |row: &GridRow| {
        row.cells.iter().any(|cell| {
            matches!(
                columns::recognise(&cell.as_text(), Context::Activities, map),
                Recognised::Field(Field::Title, _)
            ) && !cell.is_empty()
        })
    };
    let non_empty = || {
        rows.iter()
            .enumerate()
            .filter(|(_, row)| row.cells.iter().any(|cell| !cell.is_empty()))
    };
    let Some(header_index) = non_empty()
        .take(HEADER_SEARCH_ROWS)
        .find(|(_, row)| names_activities(row))
        .map(|(index, _)| index)
    else {
        let first_row = non_empty()
            .next()
            .map(|(_, row)| {
                row.cells
                    .iter()
                    .filter(|cell| !cell.is_empty())
                    .map(|cell| cell.as_text().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        return Err(NoActivityColumn { first_row });
    };

    let origin_place = |number: usize| format!("{}, row {number}", from.origin);
    let mut plan_fields = Vec::new();
    let mut comments = Vec::new();
    let mut title_seen = false;
    for row in &rows[..header_index] {
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
                fallback_key: format!("column-{}", letters.to_ascii_lowercase()),
            }
        })
        .collect();
    let data_rows = rows[header_index + 1..]
        .iter()
        .map(|row| Row {
            label: format!("row {}", row.number),
            cells: row.cells.clone(),
        })
        .collect();
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
    })
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
        assert_eq!(error.first_row, ["Person", "Capacity"]);
    }
}
