//! Where each line of an imported plan came from in the spreadsheet, so a
//! finding on the plan can point at the cell a person fixes (`audit
//! --import` shows `plan.csv, row 5, column D ("Budget")`, not line 47 of
//! a text the user never saw).
//!
//! Each tactic's header carries its row (`# row 5`, or `# row 3, column B
//! ("Blog")` in a grid); the lines inside it are attributes whose key says
//! which column they were read from.

use serde::Serialize;

/// A cell of the input a line of the plan was made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellPlace {
    /// The workbook's sheet; `None` for a CSV file.
    pub sheet: Option<String>,
    /// The spreadsheet's row, 1-based.
    pub row: usize,
    /// The column's letters (`D`); `None` when the line is the row as a whole.
    pub column: Option<String>,
    /// The column's header as written.
    pub header: Option<String>,
}

impl std::fmt::Display for CellPlace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(sheet) = &self.sheet {
            write!(f, "sheet \"{sheet}\", ")?;
        }
        write!(f, "row {}", self.row)?;
        match (&self.column, &self.header) {
            (Some(column), Some(header)) if !header.is_empty() => {
                write!(f, ", column {column} (\"{header}\")")
            }
            (Some(column), _) => write!(f, ", column {column}"),
            _ => Ok(()),
        }
    }
}

/// A column of the activity table: the plan key its cells were written
/// under, its letters and its header.
#[derive(Debug, Clone)]
pub struct KeyColumn {
    pub key: String,
    pub letters: String,
    pub header: String,
}

/// `# row 5`, `# row 3, column B ("Blog")` or `# named in row 9` at the end
/// of a block header.
fn row_comment(line: &str) -> Option<(usize, Option<(String, String)>)> {
    let (_, comment) = line.rsplit_once("# ")?;
    let comment = comment
        .strip_prefix("row ")
        .or_else(|| comment.strip_prefix("named in row "))?;
    let digits: String = comment.chars().take_while(char::is_ascii_digit).collect();
    let row = digits.parse().ok()?;
    let rest = &comment[digits.len()..];
    let column = rest.strip_prefix(", column ").map(|rest| {
        let letters: String = rest.chars().take_while(char::is_ascii_uppercase).collect();
        let header = rest[letters.len()..]
            .trim()
            .trim_start_matches("(\"")
            .trim_end_matches("\")")
            .to_string();
        (letters, header)
    });
    Some((row, column))
}

/// The place of each line of `text` (index 0 is line 1): a tactic's lines
/// take its row, an attribute line the column of its key.
pub fn line_places(
    text: &str,
    sheet: Option<&str>,
    columns: &[KeyColumn],
) -> Vec<Option<CellPlace>> {
    let mut places = Vec::new();
    let mut current: Option<(usize, Option<(String, String)>)> = None;
    let mut depth_in_block = 0usize;
    // Only a tactic's attributes come from its row's columns; an objective
    // or strategy is only named there.
    let mut in_tactic = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let starts_block = ["tactic ", "objective ", "strategy "]
            .iter()
            .any(|kind| trimmed.starts_with(kind));
        if starts_block {
            current = row_comment(line);
            depth_in_block = 0;
            in_tactic = trimmed.starts_with("tactic ");
        }
        let Some((row, title_column)) = &current else {
            places.push(None);
            continue;
        };
        let key = trimmed
            .split([':', ' '])
            .next()
            .filter(|key| in_tactic && !key.is_empty() && !starts_block);
        let from_key = key.and_then(|key| columns.iter().find(|column| column.key == key));
        let (column, header) = match (from_key, title_column) {
            (Some(column), _) => (Some(column.letters.clone()), Some(column.header.clone())),
            (None, Some((letters, header))) if starts_block => {
                (Some(letters.clone()), Some(header.clone()))
            }
            _ => (None, None),
        };
        places.push(Some(CellPlace {
            sheet: sheet.map(str::to_string),
            row: *row,
            column,
            header,
        }));
        depth_in_block += line.matches('{').count();
        depth_in_block = depth_in_block.saturating_sub(line.matches('}').count());
        if depth_in_block == 0 {
            current = None;
        }
    }
    places
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_point_at_their_row_and_column() {
        let text = "plan \"p\" {\n  tactic a \"A\" {   # row 5\n    owner: @x\n    budget: 2k EUR\n    kpi k { target: 1 }\n  }\n\n  tactic b \"B\" {   # row 3, column B (\"Blog\")\n    channel: blog\n  }\n}\n";
        let columns = vec![
            KeyColumn {
                key: "budget".into(),
                letters: "D".into(),
                header: "Budget".into(),
            },
            KeyColumn {
                key: "owner".into(),
                letters: "B".into(),
                header: "Owner".into(),
            },
        ];
        let places = line_places(text, Some("DACH"), &columns);
        let shown: Vec<String> = places
            .iter()
            .map(|place| place.as_ref().map(ToString::to_string).unwrap_or_default())
            .collect();
        assert_eq!(
            shown,
            [
                "",
                "sheet \"DACH\", row 5",
                "sheet \"DACH\", row 5, column B (\"Owner\")",
                "sheet \"DACH\", row 5, column D (\"Budget\")",
                "sheet \"DACH\", row 5",
                "sheet \"DACH\", row 5",
                "",
                "sheet \"DACH\", row 3, column B (\"Blog\")",
                "sheet \"DACH\", row 3",
                "sheet \"DACH\", row 3",
                "",
            ]
        );
    }
}
