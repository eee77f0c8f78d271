//! Excel workbooks (`.xlsx`, and what `calamine` also reads: `.xlsm`,
//! `.xls`, `.xlsb`, `.ods`).
//!
//! **One plan per sheet.** Legacy workbooks usually keep one activity list
//! per tab (a region, a year, a business unit), so each sheet with an
//! activity column becomes its own plan, named after the file and the
//! sheet. Sheets without one (lookups, notes, a budget summary) are skipped
//! with a note; `--sheet NAME` picks sheets.

use std::io::Cursor;

use calamine::{Data, Reader};

use super::workbook_limits;
use crate::import::columns;
use crate::import::plan::ids;
use crate::import::read::csv::quote_all;
use crate::import::table::grid::{self, GridOrigin, GridRow};
use crate::import::table::{Cell, Source};
use crate::import::{base_name, file_stem, ImportError, ImportOptions, Level, Note};
use crate::model::Date;

pub fn read(
    path: &str,
    bytes: &[u8],
    options: &ImportOptions,
    notes: &mut Vec<Note>,
) -> Result<Vec<Source>, ImportError> {
    workbook_limits::check(bytes).map_err(|problem| ImportError(format!("`{path}`: {problem}")))?;
    let mut workbook =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|error| {
            ImportError(format!(
                "`{path}` is not a workbook planlint can read ({error})"
            ))
        })?;
    let all_sheets = workbook.sheet_names();
    for wanted in &options.sheets {
        if !all_sheets.iter().any(|name| same_sheet(name, wanted)) {
            return Err(ImportError(format!(
                "`{path}` has no sheet \"{wanted}\"; its sheets are {}",
                quote_all(&all_sheets)
            )));
        }
    }
    let chosen: Vec<String> = all_sheets
        .iter()
        .filter(|name| {
            options.sheets.is_empty()
                || options.sheets.iter().any(|wanted| same_sheet(name, wanted))
        })
        .cloned()
        .collect();
    let stem = file_stem(path);
    let mut sources = Vec::new();
    let mut skipped = Vec::new();
    for sheet in &chosen {
        let range = workbook.worksheet_range(sheet).map_err(|error| {
            ImportError(format!("`{path}`: cannot read sheet \"{sheet}\" ({error})"))
        })?;
        let (first_row, first_column) = range.start().unwrap_or((0, 0));
        let rows: Vec<GridRow> = range
            .rows()
            .enumerate()
            .map(|(index, cells)| GridRow {
                number: first_row as usize + index + 1,
                cells: cells.iter().map(cell).collect(),
            })
            .collect();
        let (default_title, sheet_stem) = if all_sheets.len() == 1 {
            (stem.to_string(), stem.to_string())
        } else {
            (
                format!("{stem}: {sheet}"),
                format!("{stem}-{}", ids::kebab(sheet)),
            )
        };
        let from = GridOrigin {
            origin: format!("{path}, sheet \"{sheet}\""),
            file_name: base_name(path).to_string(),
            sheet: Some(sheet.clone()),
            default_title,
            file_stem: sheet_stem,
            first_column: first_column as usize,
        };
        match grid::to_source(rows, from, &options.column_map) {
            Ok(source) => sources.push(source),
            Err(error) => skipped.push((sheet.clone(), error)),
        }
    }
    let explicitly_chosen = !options.sheets.is_empty();
    if sources.is_empty() || explicitly_chosen && !skipped.is_empty() {
        let Some((sheet, error)) = skipped.first() else {
            return Err(ImportError(format!("`{path}` has no sheets")));
        };
        return Err(ImportError(columns::no_activity_column_message(
            &format!("`{path}`, sheet \"{sheet}\""),
            &error.headers,
            error.suggested_map.as_deref(),
        )));
    }
    for (sheet, error) in skipped {
        notes.push(Note {
            level: Level::Info,
            place: Some(format!("{path}, sheet \"{sheet}\"")),
            message: format!(
                "no column names the activities (its headers are {}); sheet skipped",
                quote_all(&error.headers)
            ),
        });
    }
    Ok(sources)
}

fn same_sheet(name: &str, wanted: &str) -> bool {
    name.trim().eq_ignore_ascii_case(wanted.trim())
}

/// A workbook cell as planlint reads it.
fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(text) => Cell::text(text),
        Data::Int(value) => Cell::Number(value.to_string()),
        Data::Float(value) => float(*value),
        Data::Bool(flag) => Cell::Bool(*flag),
        Data::DateTime(datetime) if datetime.is_datetime() => {
            let (year, month, day, ..) = datetime.to_ymd_hms_milli();
            match Date::from_ymd(i32::from(year), u32::from(month), u32::from(day)) {
                Some(date) => Cell::Date(date),
                None => Cell::Text(format!("{year:04}-{month:02}-{day:02}")),
            }
        }
        Data::DateTime(duration) => float(duration.as_f64()),
        Data::DateTimeIso(text) | Data::DurationIso(text) => Cell::text(text),
        Data::Error(error) => Cell::Text(error.to_string()),
    }
}

/// Whole numbers without a fraction (`1600`, not `1600.0`).
fn float(value: f64) -> Cell {
    if !value.is_finite() {
        return Cell::Text(value.to_string());
    }
    if value.fract() == 0.0 && value.abs() < 1e15 {
        Cell::Number(format!("{}", value as i64))
    } else {
        Cell::Number(format!("{value}"))
    }
}
