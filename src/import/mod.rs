//! `planlint import`: legacy plans (CSV activity lists, Excel workbooks,
//! YAML exports) → plan text.
//!
//! The data flows one way, through one folder or file per stage, each with
//! its own types:
//!
//! ```text
//! bytes ─ read ─▶ Source (rows of cells) ─ table ─▶ Table (header, activity rows)
//!       ─ columns ─▶ what each header means ─ cells ─▶ typed values (plan text)
//!       ─ plan ─▶ PlanDraft ─▶ plan text (+ the cell of each line)
//! ```
//!
//! - `read/` turns one file into one [`Source`] per plan: CSV and YAML give
//!   one plan per file, a workbook one plan per sheet that has an activity
//!   column. Encodings, row numbers and workbook limits are settled here.
//! - `table/` holds the types readers produce and finds a sheet's table
//!   (`grid`): the header row by scoring, title rows above it, section rows
//!   and repeated headers left out, calendar grids reshaped.
//! - `columns` recognises headers: the one documented table of synonyms
//!   (English, German, French, Spanish), units and currencies, `--map`.
//! - `cells/` reads a cell as the value its column needs (`dates` decides a
//!   column's date order first). The last word on whether a value is valid
//!   is planlint's own model: what it would flag as an `invalid-value` is
//!   kept as a string instead and reported here, so the linted result
//!   shows it too.
//! - `plan/` makes the plan: a row is a tactic; objectives, strategies and
//!   people are created from the values that name them; ids come from
//!   titles; `places` maps each line back to its cell.
//!
//! Invariants: nothing in a source is dropped silently (a column planlint
//! does not know becomes an `x-` attribute, a cell it cannot read stays as
//! text, a row it skips is named in a note); the same input gives the same
//! text; the text always parses. Only `files` touches the file system.

mod cells;
mod columns;
pub mod command;
mod files;
mod plan;
mod read;
mod table;

pub use cells::dates::DateOrder;
pub use columns::ColumnMap;
pub use command::{ImportArgs, ReadingArgs};
pub use files::{import_file, legacy_files};
pub use plan::places::CellPlace;
pub use table::{Cell, Column, Row, Source, Table};

use std::fmt;

/// How to read the inputs (the command line's options).
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// `--map 'Column Name=key'`.
    pub column_map: ColumnMap,
    /// `--year`: the year of quarters written without one (`Q1`).
    pub year: Option<i32>,
    /// `--currency`: the currency of amounts written without one.
    pub currency: Option<String>,
    /// `--sheet`: only these sheets of a workbook (all when empty).
    pub sheets: Vec<String>,
    /// `--date-order`: how numeric dates are read (else each column decides).
    pub date_order: Option<DateOrder>,
}

/// One plan made from an input.
#[derive(Debug, Clone)]
pub struct ImportedPlan {
    /// The plan's title.
    pub title: String,
    /// A file name for it without extension: the input's stem, and for a
    /// workbook the sheet's name too (`plans-2027-dach`).
    pub file_stem: String,
    /// The plan text.
    pub text: String,
    pub summary: Summary,
    /// The input's cell each line of `text` was made from (index 0 is line
    /// 1), for pointing findings at the spreadsheet.
    pub places: Vec<Option<CellPlace>>,
}

/// What an import did, for the summary on stderr.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub notes: Vec<Note>,
    /// Columns planlint does not know, kept as attributes: (header, key).
    pub kept_columns: Vec<(String, String)>,
    pub tactics: usize,
    pub objectives: usize,
    pub strategies: usize,
    pub people: usize,
    /// Cells kept as text because they could not be read as their type.
    pub unreadable_cells: usize,
}

/// Something the user should know about an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub level: Level,
    /// Where in the input, e.g. `plan.csv, row 5, column D ("Quarter")`.
    pub place: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Data the plan could not take as it is (kept as text, or left out).
    Warning,
    /// A reading the user may want to know about (a year assumed, a sheet skipped).
    Info,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Warning => "warning",
            Level::Info => "note",
        };
        match &self.place {
            Some(place) => write!(f, "{level}: {place}: {}", self.message),
            None => write!(f, "{level}: {}", self.message),
        }
    }
}

/// An input that cannot be imported at all (exit status 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError(pub String);

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The kinds of file `import` reads, chosen by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Csv,
    /// Tab-separated text (Excel's "Unicode text" export).
    Tsv,
    Workbook,
    Yaml,
}

impl InputKind {
    pub fn of(path: &str) -> Option<InputKind> {
        let extension = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match extension.as_str() {
            "csv" => Some(InputKind::Csv),
            "tsv" | "tab" => Some(InputKind::Tsv),
            "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => Some(InputKind::Workbook),
            "yaml" | "yml" => Some(InputKind::Yaml),
            _ => None,
        }
    }
}

/// Imports one input given as bytes. `path` names it in notes (as the user
/// gave it) and picks the reader by its extension.
pub fn import_bytes(
    path: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<Vec<ImportedPlan>, ImportError> {
    let kind = InputKind::of(path).ok_or_else(|| {
        ImportError(format!(
            "`{path}`: planlint imports .csv, .tsv, .xlsx (also .xlsm, .xls, .xlsb, .ods) and .yaml files; rename the file if it is one of those"
        ))
    })?;
    let mut early_notes = Vec::new();
    let sources = read::read(path, kind, bytes, options, &mut early_notes)?;
    let mut plans = Vec::with_capacity(sources.len());
    for (index, source) in sources.into_iter().enumerate() {
        let mut plan = plan::convert::convert(source, options)?;
        if index == 0 {
            let mut notes = std::mem::take(&mut early_notes);
            notes.append(&mut plan.summary.notes);
            plan.summary.notes = notes;
        }
        plans.push(plan);
    }
    Ok(plans)
}

/// The file name without directories.
fn base_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The file name without directories and extension.
fn file_stem(path: &str) -> &str {
    let name = base_name(path);
    match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    }
}
