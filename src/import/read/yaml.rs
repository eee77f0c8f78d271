//! YAML exports (read through [`crate::yaml`]).
//!
//! The shape (README, "Importing legacy plans"): either a list of
//! activities, or a mapping with plan-level keys (`title`, `owner`,
//! `period`, `budget`, `challenge`, `sales-cycle`, any other key is kept as
//! an attribute of the plan) and these lists:
//!
//! - `activities` (or `tactics`, `campaigns`, `rows`, `items`): one mapping
//!   per activity, its keys read like a spreadsheet's headers;
//! - `objectives` (or `goals`): mappings with `title`, `owner`, `strategy`,
//!   `kpi`, `target`, `baseline`, `due`, `stage`, `source`, or plain names;
//! - `team` (or `people`, `members`): mappings with `name` (or `partner` for
//!   an agency), `capacity`, `role`, `lead-time`, or plain names;
//! - `strategies`: names.
//!
//! A mapping whose only key holds such a mapping (`plan: {…}`) is read as
//! that mapping. A list value (`objectives: [a, b]` on an activity) is a
//! list of names.

use crate::yaml::{self, Mapping, Value};

use crate::import::columns::compact;
use crate::import::plan::ids;
use crate::import::table::{Cell, Column, PlanField, Row, Source, Table};
use crate::import::{base_name, file_stem, ImportError};

const ACTIVITY_KEYS: &[&str] = &[
    "activities",
    "tactics",
    "campaigns",
    "rows",
    "items",
    "programs",
    "programmes",
    "initiatives",
    "planitems",
];
const OBJECTIVE_KEYS: &[&str] = &["objectives", "goals"];
const TEAM_KEYS: &[&str] = &["team", "people", "members"];
const STRATEGY_KEYS: &[&str] = &["strategies", "pillars"];

/// How deep an export may nest (an activity list needs four or five levels).
const MAX_NESTING: usize = 64;

/// The first line where the nesting may pass [`MAX_NESTING`], found before
/// parsing: the YAML parser takes seconds on 100,000 levels before it
/// refuses them. An upper bound: flow brackets open outside quotes, plus
/// a block line's indentation and the `- ` items that open on it.
fn too_deep(text: &str) -> Option<usize> {
    let mut flow_depth: usize = 0;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let mut items = 0;
        let mut rest = trimmed;
        while let Some(after) = rest
            .strip_prefix("- ")
            .or_else(|| rest.strip_prefix('-').filter(|after| after.is_empty()))
        {
            items += 1;
            rest = after.trim_start_matches(' ');
        }
        let mut quote = None;
        for c in rest.chars() {
            match (quote, c) {
                (Some(open), c) if c == open => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '[' | '{') => {
                    flow_depth += 1;
                    if flow_depth + indent / 2 + items > MAX_NESTING {
                        return Some(index + 1);
                    }
                }
                (None, ']' | '}') => flow_depth = flow_depth.saturating_sub(1),
                _ => {}
            }
        }
        // Two columns of indentation per level is the narrowest YAML anyone writes.
        if flow_depth + indent / 2 + items > MAX_NESTING {
            return Some(index + 1);
        }
    }
    None
}

pub fn read(path: &str, bytes: &[u8]) -> Result<Source, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| {
        ImportError(format!(
            "`{path}` is not UTF-8 text (byte {} is not part of any character)",
            error.valid_up_to()
        ))
    })?;
    if let Some(line) = too_deep(text) {
        return Err(ImportError(format!(
            "`{path}` is nested more than {MAX_NESTING} levels deep (line {line}); an activity list needs a few levels: planlint does not read it"
        )));
    }
    let value: Value = yaml::from_str(text).map_err(|error| {
        let place = error
            .location()
            .map(|location| format!(" at line {}, column {}", location.line(), location.column()))
            .unwrap_or_default();
        ImportError(format!("`{path}` is not valid YAML{place}: {error}"))
    })?;
    let stem = file_stem(path);
    let mut source = Source {
        origin: path.to_string(),
        file_name: base_name(path).to_string(),
        sheet: None,
        default_title: stem.to_string(),
        file_stem: stem.to_string(),
        plan_fields: Vec::new(),
        comments: Vec::new(),
        activities: Table::default(),
        objectives: None,
        team: None,
        strategies: Vec::new(),
        notes: Vec::new(),
    };
    let mapping = match value {
        Value::Sequence(items) => {
            source.activities = table("activities", "title", &items);
            return Ok(source);
        }
        Value::Mapping(mapping) => unwrap_single(mapping),
        _ => return Err(not_the_shape(path)),
    };
    let mut found_activities = false;
    for (key, value) in &mapping {
        let key = key_text(key);
        let compacted = compact(&key);
        let items = match value {
            Value::Sequence(items) => Some(items.as_slice()),
            _ => None,
        };
        match (compacted.as_str(), items) {
            (name, Some(items)) if ACTIVITY_KEYS.contains(&name) && !found_activities => {
                found_activities = true;
                source.activities = table(&key, "title", items);
            }
            (name, Some(items))
                if OBJECTIVE_KEYS.contains(&name) && source.objectives.is_none() =>
            {
                source.objectives = Some(table(&key, "title", items));
            }
            (name, Some(items)) if TEAM_KEYS.contains(&name) && source.team.is_none() => {
                source.team = Some(table(&key, "name", items));
            }
            (name, Some(items)) if STRATEGY_KEYS.contains(&name) => {
                for (index, item) in items.iter().enumerate() {
                    let title = match item {
                        Value::Mapping(fields) => fields
                            .iter()
                            .find(|(key, _)| {
                                matches!(
                                    compact(&key_text(key)).as_str(),
                                    "title" | "name" | "strategy"
                                )
                            })
                            .map_or(Cell::Empty, |(_, value)| cell(value)),
                        other => cell(other),
                    };
                    source
                        .strategies
                        .push((title, format!("{path}, {key} item {}", index + 1)));
                }
            }
            _ => source.plan_fields.push(PlanField {
                label: key.clone(),
                cell: cell(value),
                place: format!("{path}, key \"{key}\""),
            }),
        }
    }
    if !found_activities {
        return Err(not_the_shape(path));
    }
    Ok(source)
}

fn not_the_shape(path: &str) -> ImportError {
    ImportError(format!(
        "`{path}` has no list of activities: planlint reads a YAML list of activities, or a mapping with an `activities:` (or `tactics:`, `campaigns:`) list; see \"Importing legacy plans\" in the README"
    ))
}

/// `plan: { title: …, activities: […] }` → the inner mapping.
fn unwrap_single(mapping: Mapping) -> Mapping {
    if mapping.len() == 1 {
        if let Some((_, Value::Mapping(inner))) = mapping.iter().next() {
            let has_lists = inner.iter().any(|(key, value)| {
                ACTIVITY_KEYS.contains(&compact(&key_text(key)).as_str())
                    && matches!(value, Value::Sequence(_))
            });
            if has_lists {
                return inner.clone();
            }
        }
    }
    mapping
}

/// A list of mappings as a table: columns are the keys, in the order they
/// first appear; a plain item (`- Grow pipeline`) fills the `plain_key` column.
fn table(section: &str, plain_key: &str, items: &[Value]) -> Table {
    let mut table = Table::default();
    let column_of = |table: &mut Table, key: &str| -> usize {
        if let Some(index) = table.columns.iter().position(|column| column.header == key) {
            return index;
        }
        table.columns.push(Column {
            header: key.to_string(),
            place: format!("key \"{key}\""),
            fallback_key: crate::import::columns::own_key(&ids::kebab(key)),
        });
        table.columns.len() - 1
    };
    for (index, item) in items.iter().enumerate() {
        let mut cells: Vec<(usize, Cell)> = Vec::new();
        match item {
            Value::Mapping(fields) => {
                for (key, value) in fields {
                    let column = column_of(&mut table, &key_text(key));
                    cells.push((column, cell(value)));
                }
            }
            other => {
                let column = column_of(&mut table, plain_key);
                cells.push((column, cell(other)));
            }
        }
        let mut row = Row {
            label: format!("{section} item {}", index + 1),
            cells: Vec::new(),
        };
        for (column, cell) in cells {
            if row.cells.len() <= column {
                row.cells.resize(column + 1, Cell::Empty);
            }
            row.cells[column] = cell;
        }
        table.rows.push(row);
    }
    table
}

fn key_text(key: &Value) -> String {
    match key {
        Value::String(text) => text.clone(),
        other => scalar_text(other).unwrap_or_default(),
    }
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Null => Some(String::new()),
        Value::Tagged(tagged) => scalar_text(&tagged.value),
        Value::Sequence(_) | Value::Mapping(_) => None,
    }
}

/// A YAML value as a cell: a list is its items separated by `; ` (how
/// list cells are split), a mapping its compact JSON text.
fn cell(value: &Value) -> Cell {
    match value {
        Value::Null => Cell::Empty,
        Value::Bool(flag) => Cell::Bool(*flag),
        Value::Number(number) => Cell::Number(number.to_string()),
        Value::String(text) => Cell::text(text),
        Value::Tagged(tagged) => cell(&tagged.value),
        Value::Sequence(items) => {
            let texts: Vec<String> = items
                .iter()
                .map(|item| scalar_text(item).unwrap_or_else(|| compact_json(item)))
                .filter(|text| !text.trim().is_empty())
                .collect();
            Cell::text(&texts.join("; "))
        }
        Value::Mapping(_) => Cell::text(&compact_json(value)),
    }
}

fn compact_json(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| yaml::to_string(value).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapping_with_lists() {
        let source = read(
            "export.yaml",
            br#"
plan:
  title: Brand 2027
  owner: Maria
  region: EMEA
  strategies: [Grow in EMEA]
  team:
    - name: Maria
      capacity: 20d
    - Lee
  objectives:
    - Grow pipeline
  activities:
    - activity: Webinars
      objectives: [Grow pipeline, Brand]
      cost: 20000
    - activity: Booth
      notes: { po: 12 }
"#,
        )
        .unwrap();
        let labels: Vec<&str> = source
            .plan_fields
            .iter()
            .map(|field| field.label.as_str())
            .collect();
        assert_eq!(labels, ["title", "owner", "region"]);
        assert_eq!(source.strategies[0].0, Cell::Text("Grow in EMEA".into()));
        let team = source.team.unwrap();
        assert_eq!(team.rows[1].cells[0], Cell::Text("Lee".into()));
        let activities = source.activities;
        let headers: Vec<&str> = activities
            .columns
            .iter()
            .map(|column| column.header.as_str())
            .collect();
        assert_eq!(headers, ["activity", "objectives", "cost", "notes"]);
        assert_eq!(
            activities.rows[0].cells[1],
            Cell::Text("Grow pipeline; Brand".into())
        );
        assert_eq!(activities.rows[0].cells[2], Cell::Number("20000".into()));
        assert_eq!(
            activities.rows[1].cells[3],
            Cell::Text("{\"po\":12}".into())
        );
        assert_eq!(activities.rows[1].label, "activities item 2");
    }

    #[test]
    fn wrong_shapes_are_refused_with_directions() {
        let error = read("x.yaml", b"title: only a title\n").unwrap_err();
        assert!(error.0.contains("no list of activities"), "{}", error.0);
        let error = read("x.yaml", b"activities: [\n").unwrap_err();
        assert!(error.0.contains("not valid YAML at line"), "{}", error.0);
    }
}
