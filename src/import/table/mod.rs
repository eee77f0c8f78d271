//! Stage 2, table: what readers produce, one [`Source`] per plan, its tables
//! of cells, and where each cell came from (for notes a person can find in
//! the input); `grid` finds a sheet's table (the header row by scoring,
//! title rows above it, section rows and repeated headers, month grids).

pub(super) mod grid;

use std::borrow::Cow;

use crate::model::Date;

/// A cell's content as the reader found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A number the source stored as a number (a spreadsheet or YAML
    /// number), written in decimal (`1600`, `0.5`).
    Number(String),
    Bool(bool),
    /// A date the source stored as a date (a spreadsheet date cell).
    Date(Date),
}

impl Cell {
    /// A text cell, or `Empty` when it is only whitespace.
    pub fn text(text: &str) -> Cell {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(trimmed.to_string())
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as a person reads it.
    pub fn as_text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(text) | Cell::Number(text) => Cow::Borrowed(text),
            Cell::Bool(flag) => Cow::Owned(flag.to_string()),
            Cell::Date(date) => Cow::Owned(date.to_string()),
        }
    }
}

/// A column of a table: its header and how to name its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The header as written.
    pub header: String,
    /// Its place for notes: `column D ("Quarter")`, or `key "when"` in YAML.
    pub place: String,
    /// A short name for attribute keys when the header is empty: `column-d`, `when`.
    pub fallback_key: String,
}

/// A row of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Its place for notes and the plan's comments: `row 5`, `activities item 3`.
    pub label: String,
    /// One cell per column (missing cells are `Empty`).
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn cell(&self, column: usize) -> &Cell {
        self.cells.get(column).unwrap_or(&Cell::Empty)
    }

    pub fn is_empty(&self) -> bool {
        self.cells.iter().all(Cell::is_empty)
    }
}

/// A table: columns and rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

impl Table {
    /// Each column's place for notes.
    pub fn places(&self) -> Vec<String> {
        self.columns
            .iter()
            .map(|column| column.place.clone())
            .collect()
    }
}

/// A plan-level value (a workbook's preamble line, a YAML export's top-level key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanField {
    /// The label as written (`Owner`, `Total budget`).
    pub label: String,
    pub cell: Cell,
    /// Its place for notes.
    pub place: String,
}

/// One legacy plan as a reader found it; it becomes one `.plan`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The input as the user named it, and the sheet, for notes:
    /// `plans.xlsx, sheet "DACH"`.
    pub origin: String,
    /// The input's file name (no directories), for the plan's first comment.
    pub file_name: String,
    /// The sheet, in a workbook.
    pub sheet: Option<String>,
    /// The plan's title when the source names none.
    pub default_title: String,
    /// A file stem for the plan (see [`super::ImportedPlan::file_stem`]).
    pub file_stem: String,
    /// Plan-level values: title, owner, period, budget, ….
    pub plan_fields: Vec<PlanField>,
    /// Free text above the table (a workbook's title block), kept as comments.
    pub comments: Vec<String>,
    /// The activities: one row per tactic.
    pub activities: Table,
    /// Objectives declared apart from the activities (YAML `objectives:`).
    pub objectives: Option<Table>,
    /// The team declared apart from the activities (YAML `team:`).
    pub team: Option<Table>,
    /// Strategies declared apart (YAML `strategies:`): titles with their places.
    pub strategies: Vec<(Cell, String)>,
    /// What the reader left out or assumed (section rows, a repeated
    /// header, an encoding), for the summary.
    pub notes: Vec<super::Note>,
}

impl Source {
    /// The place of a cell for notes: `plans.xlsx, sheet "DACH", row 5, column D ("Quarter")`.
    pub fn place(&self, row: &Row, column: &Column) -> String {
        format!("{}, {}, {}", self.origin, row.label, column.place)
    }
}

/// Spreadsheet column letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_letters(index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index + 1;
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(b'A' + rest as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_like_spreadsheets() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}
