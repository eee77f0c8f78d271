//! A [`Source`] → a plan: a row is a tactic; objectives, strategies and
//! people are created from the values that name them; ids come from titles
//! in the order the source gives them, so the same input gives the same ids.

use std::collections::{HashMap, HashSet};

use crate::import::cells::dates;
use crate::import::cells::{self, CellText, PersonName, PlanValue};
use crate::import::columns::{self, Context, Field, Hints, Recognised};
use crate::import::plan::ids::{self, IdAllocator};
use crate::import::plan::places;
use crate::import::plan::writer::{self, BlockDraft, PersonDraft, PlanDraft};
use crate::import::table::{Cell, Column, Row, Source, Table};
use crate::import::{ImportError, ImportOptions, ImportedPlan, Level, Note, Summary};
use crate::model::schema::{self, key};
use crate::model::BlockKind;

pub fn convert(mut source: Source, options: &ImportOptions) -> Result<ImportedPlan, ImportError> {
    let date_notes = read_date_columns(&mut source, options);
    let mut converter = Converter::new(&source, options);
    converter.summary.notes.extend(source.notes.iter().cloned());
    converter.year.used |= date_notes.year_used;
    converter.summary.notes.extend(date_notes.notes);
    if let Some(team) = &source.team {
        converter.team_table(team);
    }
    converter.plan_fields();
    for (cell, place) in &source.strategies {
        if let Some(name) = clean(&cell.as_text()) {
            converter.strategy_named(&name, place);
        }
    }
    if let Some(objectives) = &source.objectives {
        converter.objective_table(objectives);
    }
    converter.activities()?;
    converter.finish()
}

/// The plan key a column's cells are written under, with the column's
/// letters and header; `None` for a column without letters (YAML keys).
fn key_column((role, column): &(Role, Column)) -> Option<places::KeyColumn> {
    let key = match role {
        Role::Attribute(key) => key.as_str(),
        Role::Field(field, _) => match field {
            Field::Start => key::WHEN,
            Field::Objective | Field::Strategy => key::SUPPORTS,
            other => other.key(),
        },
    };
    let letters: String = column
        .place
        .strip_prefix("column ")?
        .chars()
        .take_while(char::is_ascii_uppercase)
        .collect();
    (!letters.is_empty()).then(|| places::KeyColumn {
        key: key.to_string(),
        letters,
        header: column.header.clone(),
    })
}

/// What reading the date columns did.
struct DateNotes {
    year_used: bool,
    notes: Vec<Note>,
}

/// Reads the dates of every activity column of dates (`when`, `start`,
/// `end`, `due`) as the column shows them ([`dates::read_column`]), and
/// says which order each column was read in.
fn read_date_columns(source: &mut Source, options: &ImportOptions) -> DateNotes {
    let year = default_year(source, options).map(|(year, _)| year);
    let mut result = DateNotes {
        year_used: false,
        notes: Vec::new(),
    };
    let table = &mut source.activities;
    for (index, column) in table.columns.iter().enumerate() {
        let is_date_column = matches!(
            columns::recognise(&column.header, Context::Activities, &options.column_map),
            Recognised::Field(Field::When | Field::Start | Field::End | Field::Due, _)
        );
        if !is_date_column {
            continue;
        }
        let mut cells: Vec<&mut Cell> = table
            .rows
            .iter_mut()
            .filter_map(|row| row.cells.get_mut(index))
            .collect();
        let read = dates::read_column(&mut cells, options.date_order, year);
        result.year_used |= read.year_used;
        if let Some(order) = read.intended {
            for row in &table.rows {
                let Some(Cell::Text(text)) = row.cells.get(index) else {
                    continue;
                };
                if dates::contradicts(text, order) {
                    result.notes.push(Note {
                        level: Level::Warning,
                        place: Some(format!("{}, {}, {}", source.origin, row.label, column.place)),
                        message: format!(
                            "`{text}` cannot be read {} like the rest of the column; check it (it is read the only way it can be)",
                            order.describe()
                        ),
                    });
                }
            }
        }
        // Year-first dates (`2027-03-31`) are read one way only: no news.
        if let (Some(order @ (dates::DateOrder::Dmy | dates::DateOrder::Mdy)), None) =
            (read.order, options.date_order)
        {
            result.notes.push(Note {
                level: Level::Info,
                place: Some(format!("{}, {}", source.origin, column.place)),
                message: format!(
                    "dates read {}, as the column's own dates show; pass --date-order to read them otherwise",
                    order.describe()
                ),
            });
        }
    }
    result
}

/// One row of the activity table with what its columns mean.
struct RowView<'r> {
    source: &'r Source,
    table: &'r Table,
    roles: &'r [(Role, Column)],
    row: &'r Row,
}

impl RowView<'_> {
    fn column_of(&self, wanted: Field) -> Option<usize> {
        self.roles
            .iter()
            .position(|(role, _)| matches!(role, Role::Field(field, _) if *field == wanted))
    }

    /// The column of `field`, when this row has something in it.
    fn filled(&self, field: Field) -> Option<usize> {
        self.column_of(field)
            .filter(|&index| !self.row.cell(index).is_empty())
    }

    fn hints_of(&self, index: usize) -> Hints {
        match &self.roles[index].0 {
            Role::Field(_, hints) => hints.clone(),
            Role::Attribute(_) => Hints::default(),
        }
    }

    fn place_of(&self, index: usize) -> String {
        self.source.place(self.row, &self.table.columns[index])
    }
}

/// How an activity column is read.
#[derive(Debug, Clone)]
enum Role {
    Field(Field, Hints),
    /// Kept as an attribute with this key.
    Attribute(String),
}

#[derive(Debug)]
struct ObjectiveEntry {
    block: BlockDraft,
    owner: Option<PlanValue>,
    /// Strategy ids, in the order first named.
    supports: Vec<String>,
    extra: Vec<(String, PlanValue)>,
    kpi: Option<BlockDraft>,
}

#[derive(Debug)]
struct TacticEntry {
    block: BlockDraft,
    /// owner, supports, channel, audience, when, effort, budget.
    head: Vec<(String, PlanValue)>,
    after: Option<PendingAfter>,
    /// foundational, rationale, then columns planlint does not know.
    tail: Vec<(String, PlanValue)>,
    kpi: Option<BlockDraft>,
}

#[derive(Debug)]
struct PendingAfter {
    names: Vec<String>,
    cell: Cell,
    place: String,
}

struct Converter<'a> {
    source: &'a Source,
    options: &'a ImportOptions,
    summary: Summary,
    ids: IdAllocator,
    year: DefaultYear,
    head: PlanHead,
    drafts: Drafts,
    /// The activity columns by the key their cells are written under, for
    /// pointing findings at cells ([`places`]).
    key_columns: Vec<places::KeyColumn>,
}

/// The year of quarters written without one, where it comes from, and
/// whether any cell needed it (then the summary says so).
struct DefaultYear {
    year: Option<(i32, &'static str)>,
    used: bool,
}

/// What the plan block itself gets: its title, attributes (with the field
/// each came from, if any) and comments for what has no attribute.
#[derive(Default)]
struct PlanHead {
    title: Option<String>,
    attributes: Vec<(Option<Field>, String, PlanValue)>,
    extra_comments: Vec<String>,
}

/// The blocks made so far, each kind with an index from the name a cell
/// gives it to its place, so a name written twice makes one block.
#[derive(Default)]
struct Drafts {
    people: Vec<PersonDraft>,
    person_index: HashMap<String, usize>,
    strategies: Vec<BlockDraft>,
    strategy_index: HashMap<String, usize>,
    objectives: Vec<ObjectiveEntry>,
    objective_index: HashMap<String, usize>,
    tactics: Vec<TacticEntry>,
    tactic_titles: HashMap<String, String>,
    tactic_ids: HashSet<String>,
}

/// Whitespace collapsed; `None` when nothing is left.
fn clean(text: &str) -> Option<String> {
    let cleaned = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!cleaned.is_empty()).then_some(cleaned)
}

/// How titles are compared: case and spacing do not matter.
fn title_key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A key the language gives tactics, or a KPI block's: a column of another
/// meaning must not be written under it.
fn is_tactic_key(candidate: &str) -> bool {
    candidate == "kpi" || schema::keys_on(BlockKind::Tactic).any(|known| known == candidate)
}

fn is_total_row(title: &str) -> bool {
    matches!(
        ids::kebab(title).as_str(),
        "total" | "totals" | "grand-total" | "sum" | "subtotal" | "sub-total" | "total-budget"
    )
}

fn references(ids: &[String]) -> PlanValue {
    match ids {
        [one] => PlanValue::Raw(one.clone()),
        many => PlanValue::Raw(format!("[{}]", many.join(", "))),
    }
}

impl<'a> Converter<'a> {
    fn new(source: &'a Source, options: &'a ImportOptions) -> Converter<'a> {
        Converter {
            source,
            options,
            summary: Summary::default(),
            ids: IdAllocator::new(),
            year: DefaultYear {
                year: default_year(source, options),
                used: false,
            },
            head: PlanHead::default(),
            drafts: Drafts::default(),
            key_columns: Vec::new(),
        }
    }

    fn note(&mut self, level: Level, place: Option<String>, message: String) {
        self.summary.notes.push(Note {
            level,
            place,
            message,
        });
    }

    /// Checks a reading with the model; an unreadable cell is kept as text
    /// and reported with its place.
    fn value(
        &mut self,
        kind: BlockKind,
        key: &str,
        cell: &Cell,
        place: &str,
        reading: CellText,
    ) -> PlanValue {
        let checked = reading.and_then(|text| {
            // The model judges the value as read (`2027-Q5`); the user
            // wrote `Q5`: name what they wrote, invent nothing.
            cells::accepted_as_written(kind, key, &text, &cell.as_text()).map(|()| text.clone())
        });
        match checked {
            Ok(text) => PlanValue::Raw(text),
            Err(problem) => self.unreadable(cell, place, &problem),
        }
    }

    fn unreadable(&mut self, cell: &Cell, place: &str, problem: &str) -> PlanValue {
        self.kept_as_text(cell.as_text().into_owned(), place, problem)
    }

    /// Keeps `text` (a cell, or cells that together make one value) as a
    /// string, and reports it with the place of the cell at fault.
    fn kept_as_text(&mut self, text: String, place: &str, problem: &str) -> PlanValue {
        self.summary.unreadable_cells += 1;
        self.note(
            Level::Warning,
            Some(place.to_string()),
            format!("{problem}; kept as the text {}", writer::quote(&text)),
        );
        PlanValue::Text(text)
    }

    /// Reads a time value, with the default year only when the cell has none.
    fn timed(&mut self, read: impl Fn(Option<i32>) -> CellText) -> CellText {
        match read(None) {
            Ok(text) => Ok(text),
            Err(problem) => match self.year.year {
                Some((year, _)) => {
                    let with_year = read(Some(year));
                    if with_year.is_ok() {
                        self.year.used = true;
                        with_year
                    } else {
                        Err(problem)
                    }
                }
                None => Err(problem),
            },
        }
    }

    fn person(&mut self, name: PersonName) -> String {
        if let Some(&index) = self.drafts.person_index.get(&name.id) {
            return self.drafts.people[index].id.clone();
        }
        let written = name.written.trim();
        let says_more = written != name.id && written.strip_prefix('@') != Some(name.id.as_str());
        self.drafts
            .person_index
            .insert(name.id.clone(), self.drafts.people.len());
        self.drafts.people.push(PersonDraft {
            partner: false,
            id: name.id.clone(),
            name: says_more.then(|| written.to_string()),
            attributes: Vec::new(),
        });
        name.id
    }

    fn owner(&mut self, kind: BlockKind, cell: &Cell, place: &str) -> PlanValue {
        match cells::person(cell) {
            Ok(name) => {
                let id = self.person(name);
                self.value(kind, key::OWNER, cell, place, Ok(format!("@{id}")))
            }
            Err(problem) => self.unreadable(cell, place, &problem),
        }
    }

    fn strategy_named(&mut self, name: &str, place: &str) -> String {
        let key = title_key(name);
        if let Some(&index) = self.drafts.strategy_index.get(&key) {
            return self.drafts.strategies[index].id.clone();
        }
        let id = self.ids.allocate(&ids::id_from_title(name, "strategy"));
        let mut block = BlockDraft::new("strategy", id.clone(), Some(name.to_string()));
        block.comment = Some(format!("named in {}", short_place(place)));
        self.drafts
            .strategy_index
            .insert(key, self.drafts.strategies.len());
        self.drafts.strategies.push(block);
        id
    }

    fn objective_named(&mut self, name: &str, place: &str) -> usize {
        let key = title_key(name);
        if let Some(&index) = self.drafts.objective_index.get(&key) {
            return index;
        }
        // `objective: pipeline` naming a declared objective by its id.
        let as_id = ids::kebab(name);
        if let Some(index) = self
            .drafts
            .objectives
            .iter()
            .position(|entry| entry.block.id == as_id)
        {
            return index;
        }
        let id = self.ids.allocate(&ids::id_from_title(name, "objective"));
        let mut block = BlockDraft::new("objective", id, Some(name.to_string()));
        block.comment = Some(format!("named in {}", short_place(place)));
        self.drafts
            .objective_index
            .insert(key, self.drafts.objectives.len());
        self.drafts.objectives.push(ObjectiveEntry {
            block,
            owner: None,
            supports: Vec::new(),
            extra: Vec::new(),
            kpi: None,
        });
        self.drafts.objectives.len() - 1
    }

    // -- Plan-level fields --------------------------------------------------

    fn plan_fields(&mut self) {
        let source = self.source;
        let mut seen: Vec<Field> = Vec::new();
        for field in &source.plan_fields {
            let recognised =
                columns::recognise(&field.label, Context::Plan, &self.options.column_map);
            let (kind, hints) = match recognised {
                Recognised::Field(kind, hints) if !seen.contains(&kind) => (kind, hints),
                Recognised::Field(..) => {
                    self.head.extra_comments.push(format!(
                        "{}: {}",
                        field.label,
                        field.cell.as_text()
                    ));
                    continue;
                }
                Recognised::Attribute(key) => {
                    if field.cell.is_empty() {
                        continue;
                    }
                    let key = if key.is_empty() {
                        "plan-field".to_string()
                    } else {
                        key
                    };
                    let key = self.unique_plan_key(key);
                    self.summary
                        .kept_columns
                        .push((field.label.clone(), key.clone()));
                    self.head.attributes.push((
                        None,
                        key,
                        PlanValue::Text(field.cell.as_text().into_owned()),
                    ));
                    continue;
                }
            };
            seen.push(kind);
            let cell = &field.cell;
            if cell.is_empty() {
                continue;
            }
            let place = field.place.as_str();
            let value = match kind {
                Field::Title => {
                    self.head.title = clean(&cell.as_text());
                    continue;
                }
                Field::Owner => self.owner(BlockKind::Plan, cell, place),
                Field::Period => {
                    let reading = self.timed(|year| cells::period(cell, year));
                    self.value(BlockKind::Plan, key::PERIOD, cell, place, reading)
                }
                Field::Budget => {
                    let reading = cells::money(cell, &hints, self.options.currency.as_deref());
                    self.value(BlockKind::Plan, key::BUDGET, cell, place, reading)
                }
                Field::SalesCycle => {
                    let reading = cells::calendar_duration(cell);
                    self.value(BlockKind::Plan, key::SALES_CYCLE, cell, place, reading)
                }
                _ => PlanValue::Text(cell.as_text().into_owned()),
            };
            self.head
                .attributes
                .push((Some(kind), kind.key().to_string(), value));
        }
        // The language's order: owner, period, challenge, sales-cycle, budget; then the rest.
        let rank = |field: &Option<Field>| match field {
            Some(Field::Owner) => 0,
            Some(Field::Period) => 1,
            Some(Field::Challenge) => 2,
            Some(Field::SalesCycle) => 3,
            Some(Field::Budget) => 4,
            _ => 5,
        };
        self.head
            .attributes
            .sort_by_key(|(field, _, _)| rank(field));
    }

    fn unique_plan_key(&self, key: String) -> String {
        let taken = |candidate: &str| {
            self.head
                .attributes
                .iter()
                .any(|(_, used, _)| used == candidate)
                || schema::keys_on(BlockKind::Plan).any(|known| known == candidate)
        };
        if !taken(&key) {
            return key;
        }
        (2..)
            .map(|n| format!("{key}-{n}"))
            .find(|candidate| !taken(candidate))
            .unwrap_or(key)
    }

    // -- Team ----------------------------------------------------------------

    fn team_table(&mut self, table: &Table) {
        let roles = self.roles(table, Context::Team);
        for row in &table.rows {
            if row.is_empty() {
                continue;
            }
            let filled_name = roles
                .iter()
                .enumerate()
                .find_map(|(index, (role, _))| match role {
                    Role::Field(field @ (Field::Title | Field::Partner), _)
                        if !row.cell(index).is_empty() =>
                    {
                        Some((index, *field))
                    }
                    _ => None,
                });
            let Some((name_column, field)) = filled_name else {
                let place = format!("{}, {}", self.source.origin, row.label);
                self.note(
                    Level::Warning,
                    Some(place),
                    "a team entry without a name; left out".into(),
                );
                continue;
            };
            let cell = row.cell(name_column);
            let place = self.source.place(row, &table.columns[name_column]);
            let name = match cells::person(cell) {
                Ok(name) => name,
                Err(problem) => {
                    self.note(
                        Level::Warning,
                        Some(place),
                        format!("{problem}; this team entry is left out"),
                    );
                    continue;
                }
            };
            let id = self.person(name);
            let index = self.drafts.person_index[&id];
            let kind = if field == Field::Partner {
                self.drafts.people[index].partner = true;
                BlockKind::Partner
            } else {
                BlockKind::Member
            };
            let attributes = self.person_attributes(&roles, row, name_column, kind);
            if self.drafts.people[index].attributes.is_empty() {
                self.drafts.people[index].attributes = attributes;
            }
        }
    }

    /// A team row's other cells as the person's attributes.
    fn person_attributes(
        &mut self,
        roles: &[(Role, Column)],
        row: &Row,
        name_column: usize,
        kind: BlockKind,
    ) -> Vec<(String, PlanValue)> {
        let mut attributes = Vec::new();
        for (column_index, (role, column)) in roles.iter().enumerate() {
            let cell = row.cell(column_index);
            if cell.is_empty() || column_index == name_column {
                continue;
            }
            let place = self.source.place(row, column);
            let as_text = || PlanValue::Text(cell.as_text().into_owned());
            let (key, value) = match role {
                Role::Field(Field::Capacity, hints) => {
                    let reading = cells::effort(cell, hints);
                    let value = self.value(kind, key::CAPACITY, cell, &place, reading);
                    (key::CAPACITY.to_string(), value)
                }
                Role::Field(Field::LeadTime, _) => {
                    let reading = cells::calendar_duration(cell);
                    let value = self.value(kind, key::LEAD_TIME, cell, &place, reading);
                    (key::LEAD_TIME.to_string(), value)
                }
                Role::Field(Field::Title | Field::Partner, _) => continue,
                Role::Field(other, _) => (other.key().to_string(), as_text()),
                Role::Attribute(key) => (key.clone(), as_text()),
            };
            attributes.push((key, value));
        }
        attributes
    }

    // -- Objectives declared apart --------------------------------------------

    fn objective_table(&mut self, table: &Table) {
        let roles = self.roles(table, Context::Objectives);
        let title_column = roles
            .iter()
            .position(|(role, _)| matches!(role, Role::Field(Field::Title, _)));
        for row in &table.rows {
            if row.is_empty() {
                continue;
            }
            let title = title_column.and_then(|column| clean(&row.cell(column).as_text()));
            let Some(title) = title else {
                let place = format!("{}, {}", self.source.origin, row.label);
                self.note(
                    Level::Warning,
                    Some(place),
                    "an objective without a title; left out".into(),
                );
                continue;
            };
            let id = self.ids.allocate(&ids::id_from_title(&title, "objective"));
            let mut block = BlockDraft::new("objective", id, Some(title.clone()));
            block.comment = Some(row.label.clone());
            let mut entry = ObjectiveEntry {
                block,
                owner: None,
                supports: Vec::new(),
                extra: Vec::new(),
                kpi: None,
            };
            let mut kpi_fields = Vec::new();
            for (index, (role, column)) in roles.iter().enumerate() {
                let cell = row.cell(index);
                if cell.is_empty() || Some(index) == title_column {
                    continue;
                }
                let place = self.source.place(row, column);
                match role {
                    Role::Field(Field::Owner, _) => {
                        entry.owner = Some(self.owner(BlockKind::Objective, cell, &place));
                    }
                    Role::Field(Field::Strategy, _) => {
                        for name in cells::names(cell, false) {
                            let id = self.strategy_named(&name, &place);
                            if !entry.supports.contains(&id) {
                                entry.supports.push(id);
                            }
                        }
                    }
                    Role::Field(
                        field @ (Field::Kpi
                        | Field::Target
                        | Field::Baseline
                        | Field::Due
                        | Field::Stage
                        | Field::Source),
                        _,
                    ) => kpi_fields.push((*field, index)),
                    Role::Field(other, _) => entry.extra.push((
                        other.key().to_string(),
                        PlanValue::Text(cell.as_text().into_owned()),
                    )),
                    Role::Attribute(key) => entry
                        .extra
                        .push((key.clone(), PlanValue::Text(cell.as_text().into_owned()))),
                }
            }
            let (kpi, loose) = self.kpi(row, &table.places(), &kpi_fields);
            entry.kpi = kpi;
            entry.extra.extend(loose);
            self.drafts
                .objective_index
                .entry(title_key(&title))
                .or_insert(self.drafts.objectives.len());
            self.drafts.objectives.push(entry);
        }
    }

    // -- Activities ------------------------------------------------------------

    fn roles(&mut self, table: &Table, context: Context) -> Vec<(Role, Column)> {
        let mut roles: Vec<(Role, Column)> = Vec::new();
        let mut used_keys: Vec<String> = Vec::new();
        let mut fields: Vec<Field> = Vec::new();
        for column in &table.columns {
            let recognised = columns::recognise(&column.header, context, &self.options.column_map);
            let role = match recognised {
                Recognised::Field(field, hints) if !fields.contains(&field) => {
                    fields.push(field);
                    Role::Field(field, hints)
                }
                Recognised::Field(..) => Role::Attribute(columns::attribute_key(&column.header)),
                Recognised::Attribute(key) => Role::Attribute(key),
            };
            roles.push((role, column.clone()));
        }
        // `Due` next to a KPI column is the KPI's deadline, not the activity's end.
        if fields.contains(&Field::Kpi) && !fields.contains(&Field::Due) {
            for (role, column) in &mut roles {
                let is_deadline = matches!(
                    columns::compact(&column.header).as_str(),
                    "due" | "duedate" | "deadline"
                );
                if let Role::Field(field @ Field::End, _) = role {
                    if is_deadline {
                        *field = Field::Due;
                        fields.retain(|known| *known != Field::End);
                        fields.push(Field::Due);
                        break;
                    }
                }
            }
        }
        // A column of quarters wins over start and end columns, which are kept.
        if fields.contains(&Field::When) {
            for (role, column) in &mut roles {
                if matches!(role, Role::Field(Field::Start | Field::End, _)) {
                    *role = Role::Attribute(columns::attribute_key(&column.header));
                }
            }
        }
        for (index, (role, column)) in roles.iter_mut().enumerate() {
            let Role::Attribute(key) = role else { continue };
            let mut base = if key.is_empty() {
                column.fallback_key.clone()
            } else {
                key.clone()
            };
            if !columns::is_attribute_key(&base) {
                base = format!("x-column-{}", index + 1);
            }
            let mut unique = base.clone();
            let mut n = 2;
            while used_keys.contains(&unique) || is_tactic_key(&unique) {
                unique = format!("{base}-{n}");
                n += 1;
            }
            used_keys.push(unique.clone());
            *key = unique.clone();
            // Only columns with something in them are worth a line in the summary.
            if table.rows.iter().any(|row| !row.cell(index).is_empty()) {
                self.summary
                    .kept_columns
                    .push((column.header.clone(), unique));
            }
        }
        roles
    }

    fn activities(&mut self) -> Result<(), ImportError> {
        let source = self.source;
        let table = &source.activities;
        let roles = self.roles(table, Context::Activities);
        self.key_columns = roles.iter().filter_map(key_column).collect();
        self.warn_unused_map(table);
        let title_column = self.title_column(&roles, table)?;
        for row in &table.rows {
            if row.is_empty() {
                continue;
            }
            let view = RowView {
                source,
                table,
                roles: &roles,
                row,
            };
            let Some(block) = self.tactic_block(&view, title_column) else {
                continue;
            };
            let mut entry = TacticEntry {
                block,
                head: self.tactic_head(&view),
                after: None,
                tail: Vec::new(),
                kpi: None,
            };
            entry.after = view.filled(Field::After).map(|index| PendingAfter {
                names: cells::names(row.cell(index), true),
                cell: row.cell(index).clone(),
                place: view.place_of(index),
            });
            entry.tail = self.tactic_tail(&view);
            let (kpi, loose) = self.tactic_kpi(&view);
            entry.kpi = kpi;
            entry.tail.extend(self.other_columns(&view));
            entry.tail.extend(loose);
            self.drafts.tactics.push(entry);
        }
        Ok(())
    }

    /// A note for each `--map` column the table does not have.
    fn warn_unused_map(&mut self, table: &Table) {
        for mapped in self.options.column_map.columns() {
            let present = table
                .columns
                .iter()
                .any(|column| columns::compact(&column.header) == mapped);
            if !present {
                self.note(
                    Level::Warning,
                    Some(self.source.origin.clone()),
                    format!("--map names a column `{mapped}` that this table does not have"),
                );
            }
        }
    }

    /// The column that names the activities, or the error that lists the
    /// headers and the `--map` that would work.
    fn title_column(&self, roles: &[(Role, Column)], table: &Table) -> Result<usize, ImportError> {
        if let Some(index) = roles
            .iter()
            .position(|(role, _)| matches!(role, Role::Field(Field::Title, _)))
        {
            return Ok(index);
        }
        let headers: Vec<String> = table
            .columns
            .iter()
            .map(|column| column.header.clone())
            .collect();
        let suggested = columns::suggest_title_map(&headers, &self.options.column_map);
        Err(ImportError(columns::no_activity_column_message(
            &self.source.origin,
            &headers,
            suggested.as_deref(),
        )))
    }

    /// The tactic block of a row, with its id; `None` for a total line.
    fn tactic_block(&mut self, view: &RowView<'_>, title_column: usize) -> Option<BlockDraft> {
        let row = view.row;
        let title = clean(&row.cell(title_column).as_text());
        let row_place = format!("{}, {}", view.source.origin, row.label);
        match &title {
            Some(title) if is_total_row(title) => {
                self.note(
                    Level::Info,
                    Some(row_place),
                    format!("\"{title}\" looks like a total line, not an activity; left out"),
                );
                return None;
            }
            Some(_) => {}
            None => self.note(
                Level::Warning,
                Some(row_place),
                "this row has no activity name; imported as a tactic named `untitled`".into(),
            ),
        }
        let id = self.ids.allocate(&ids::id_from_title(
            title.as_deref().unwrap_or("untitled"),
            "tactic",
        ));
        if let Some(title) = &title {
            self.drafts
                .tactic_titles
                .entry(title_key(title))
                .or_insert_with(|| id.clone());
        }
        self.drafts.tactic_ids.insert(id.clone());
        let mut block = BlockDraft::new("tactic", id, title);
        block.comment = Some(row.label.clone());
        Some(block)
    }

    /// owner, supports, channel, audience, when, effort, budget: the
    /// attributes a tactic starts with, in the order the language shows them.
    fn tactic_head(&mut self, view: &RowView<'_>) -> Vec<(String, PlanValue)> {
        let row = view.row;
        let mut head = Vec::new();
        if let Some(index) = view.filled(Field::Owner) {
            let value = self.owner(BlockKind::Tactic, row.cell(index), &view.place_of(index));
            head.push((Field::Owner.key().into(), value));
        }
        let place_of = |index: usize| view.place_of(index);
        let supports = self.supports(
            row,
            view.filled(Field::Objective),
            view.filled(Field::Strategy),
            &place_of,
        );
        if let Some(supports) = supports {
            head.push((key::SUPPORTS.into(), supports));
        }
        if let Some(index) = view.filled(Field::Channel) {
            head.push((
                Field::Channel.key().into(),
                cells::word_or_text(row.cell(index)),
            ));
        }
        if let Some(index) = view.filled(Field::Audience) {
            let text = PlanValue::Text(row.cell(index).as_text().into_owned());
            head.push((Field::Audience.key().into(), text));
        }
        let column_of = |field: Field| view.column_of(field);
        if let Some(when) = self.when(row, &column_of, &place_of) {
            head.push((Field::When.key().into(), when));
        }
        if let Some(index) = view.filled(Field::Effort) {
            let cell = row.cell(index);
            let reading = cells::effort(cell, &view.hints_of(index));
            let value = self.value(
                BlockKind::Tactic,
                key::EFFORT,
                cell,
                &place_of(index),
                reading,
            );
            head.push((Field::Effort.key().into(), value));
        }
        if let Some(index) = view.filled(Field::Budget) {
            let cell = row.cell(index);
            let reading = cells::money(
                cell,
                &view.hints_of(index),
                self.options.currency.as_deref(),
            );
            let value = self.value(
                BlockKind::Tactic,
                key::BUDGET,
                cell,
                &place_of(index),
                reading,
            );
            head.push((Field::Budget.key().into(), value));
        }
        head
    }

    /// foundational and rationale, after the head.
    fn tactic_tail(&mut self, view: &RowView<'_>) -> Vec<(String, PlanValue)> {
        let row = view.row;
        let mut tail = Vec::new();
        if let Some(index) = view.filled(Field::Foundational) {
            let cell = row.cell(index);
            let reading = cells::boolean(cell);
            let place = view.place_of(index);
            let value = self.value(BlockKind::Tactic, key::FOUNDATIONAL, cell, &place, reading);
            tail.push((Field::Foundational.key().into(), value));
        }
        if let Some(index) = view.filled(Field::Rationale) {
            let text = PlanValue::Text(row.cell(index).as_text().into_owned());
            tail.push((Field::Rationale.key().into(), text));
        }
        tail
    }

    /// The row's KPI block, and KPI values without a KPI name (kept on the
    /// tactic, where `check` reports them).
    fn tactic_kpi(&mut self, view: &RowView<'_>) -> (Option<BlockDraft>, Vec<(String, PlanValue)>) {
        let kpi_fields: Vec<(Field, usize)> = [
            Field::Kpi,
            Field::Stage,
            Field::Baseline,
            Field::Target,
            Field::Due,
            Field::Source,
        ]
        .into_iter()
        .filter_map(|field| view.filled(field).map(|index| (field, index)))
        .collect();
        let (kpi, loose) = self.kpi(view.row, &view.table.places(), &kpi_fields);
        if !loose.is_empty() {
            self.note(
                Level::Info,
                Some(format!("{}, {}", view.source.origin, view.row.label)),
                "a target or deadline without a KPI name; kept on the tactic, where `planlint check` reports it".into(),
            );
        }
        (kpi, loose)
    }

    /// Columns planlint does not read as a tactic key (`x-` attributes) and
    /// extra team columns, in column order.
    fn other_columns(&mut self, view: &RowView<'_>) -> Vec<(String, PlanValue)> {
        let mut attributes = Vec::new();
        for (index, (role, _)) in view.roles.iter().enumerate() {
            let cell = view.row.cell(index);
            if cell.is_empty() {
                continue;
            }
            match role {
                Role::Attribute(key) => {
                    attributes.push((key.clone(), PlanValue::Text(cell.as_text().into_owned())))
                }
                Role::Field(Field::Team, _) => {
                    let value = self.team_value(cell, &view.place_of(index));
                    let key = columns::attribute_key(&view.table.columns[index].header);
                    let key = if columns::is_attribute_key(&key) {
                        key
                    } else {
                        "team".into()
                    };
                    attributes.push((key, value));
                }
                Role::Field(..) => {}
            }
        }
        attributes
    }

    /// A team cell: the people it names, as references.
    fn team_value(&mut self, cell: &Cell, place: &str) -> PlanValue {
        match cells::people(cell) {
            Ok(people) if !people.is_empty() => {
                let ids: Vec<String> = people
                    .into_iter()
                    .map(|person| format!("@{}", self.person(person)))
                    .collect();
                references(&ids)
            }
            Ok(_) => PlanValue::Text(cell.as_text().into_owned()),
            Err(problem) => {
                // Not a key of the language: `check` reports the key, not
                // the value, so this cell is not counted as unreadable.
                let text = cell.as_text().into_owned();
                self.note(
                    Level::Warning,
                    Some(place.to_string()),
                    format!("{problem}; kept as the text {}", writer::quote(&text)),
                );
                PlanValue::Text(text)
            }
        }
    }

    /// `supports`: the row's objectives; its strategies are what those
    /// objectives support (or, with no objective, what the tactic names).
    fn supports(
        &mut self,
        row: &Row,
        objective_column: Option<usize>,
        strategy_column: Option<usize>,
        place_of: &dyn Fn(usize) -> String,
    ) -> Option<PlanValue> {
        let strategy_ids: Vec<String> = match strategy_column {
            Some(index) => {
                let place = place_of(index);
                cells::names(row.cell(index), false)
                    .iter()
                    .map(|name| self.strategy_named(name, &place))
                    .collect()
            }
            None => Vec::new(),
        };
        let objective_ids: Vec<String> = match objective_column {
            Some(index) => {
                let place = place_of(index);
                let names = cells::names(row.cell(index), false);
                names
                    .iter()
                    .map(|name| {
                        let objective = self.objective_named(name, &place);
                        let entry = &mut self.drafts.objectives[objective];
                        for strategy in &strategy_ids {
                            if !entry.supports.contains(strategy) {
                                entry.supports.push(strategy.clone());
                            }
                        }
                        entry.block.id.clone()
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        if !objective_ids.is_empty() {
            Some(references(&objective_ids))
        } else if !strategy_ids.is_empty() {
            Some(references(&strategy_ids))
        } else {
            None
        }
    }

    /// `when` from a column of quarters, or from start and end columns.
    fn when(
        &mut self,
        row: &Row,
        column_of: &dyn Fn(Field) -> Option<usize>,
        place_of: &dyn Fn(usize) -> String,
    ) -> Option<PlanValue> {
        if let Some(index) = column_of(Field::When) {
            let cell = row.cell(index);
            if cell.is_empty() {
                return None;
            }
            let reading = self.timed(|year| cells::when(cell, year));
            return Some(self.value(
                BlockKind::Tactic,
                key::WHEN,
                cell,
                &place_of(index),
                reading,
            ));
        }
        let start = column_of(Field::Start).filter(|&index| !row.cell(index).is_empty());
        let end = column_of(Field::End).filter(|&index| !row.cell(index).is_empty());
        if start.is_none() && end.is_none() {
            return None;
        }
        // Each cell on its own: the start's first quarter, the end's last.
        let mut read = |index: usize| {
            let cell = row.cell(index);
            self.timed(|year| cells::when(cell, year))
        };
        let first = start.map(|index| (index, read(index)));
        let last = end.map(|index| (index, read(index)));
        let text_of = |reading: &CellText, first: bool| {
            reading.as_ref().ok().map(|text| {
                let (head, tail) = text.split_once("..").unwrap_or((text, text));
                if first {
                    head.to_string()
                } else {
                    tail.to_string()
                }
            })
        };
        let combined: Result<String, (usize, String)> = match (&first, &last) {
            (Some((index, Err(problem))), _) | (_, Some((index, Err(problem)))) => {
                Err((*index, problem.clone()))
            }
            (Some((_, from)), Some((end_index, to))) => {
                let range = format!(
                    "{}..{}",
                    text_of(from, true).unwrap_or_default(),
                    text_of(to, false).unwrap_or_default()
                );
                let range = match range.split_once("..") {
                    Some((a, b)) if a == b => a.to_string(),
                    _ => range,
                };
                cells::accepted(BlockKind::Tactic, key::WHEN, &range)
                    .map(|()| range)
                    .map_err(|problem| (*end_index, problem))
            }
            (Some((_, only)), None) => Ok(text_of(only, true).unwrap_or_default()),
            (None, Some((_, only))) => Ok(text_of(only, false).unwrap_or_default()),
            (None, None) => return None,
        };
        match combined {
            Ok(text) => Some(PlanValue::Raw(text)),
            Err((index, problem)) => {
                // Both cells are kept, in one string: the value the plan cannot read.
                let kept: Vec<String> = [start, end]
                    .into_iter()
                    .flatten()
                    .map(|index| row.cell(index).as_text().into_owned())
                    .collect();
                Some(self.kept_as_text(kept.join(" – "), &place_of(index), &problem))
            }
        }
    }

    /// A KPI block from the row's KPI columns; without a KPI name, the
    /// other KPI values are returned as attributes for the block itself.
    fn kpi(
        &mut self,
        row: &Row,
        places: &[String],
        fields: &[(Field, usize)],
    ) -> (Option<BlockDraft>, Vec<(String, PlanValue)>) {
        let name = fields
            .iter()
            .find(|(field, _)| *field == Field::Kpi)
            .and_then(|&(_, index)| clean(&row.cell(index).as_text()));
        let mut attributes = Vec::new();
        for &(field, index) in fields {
            let cell = row.cell(index);
            let place = format!("{}, {}, {}", self.source.origin, row.label, places[index]);
            let reading = match field {
                Field::Kpi => continue,
                Field::Stage => cells::stage(cell),
                Field::Baseline | Field::Target => cells::number(cell),
                Field::Due => self.timed(|year| cells::due(cell, year)),
                Field::Source => {
                    attributes.push((key::SOURCE.to_string(), cells::word_or_text(cell)));
                    continue;
                }
                _ => continue,
            };
            let value = if name.is_some() {
                self.value(BlockKind::Kpi, field.key(), cell, &place, reading)
            } else {
                // Without a KPI the value stays on the tactic, where its key
                // has no meaning (`check` reports the key): kept as it reads.
                match reading.and_then(|text| {
                    cells::accepted(BlockKind::Kpi, field.key(), &text).map(|()| text)
                }) {
                    Ok(text) => PlanValue::Raw(text),
                    Err(_) => PlanValue::Text(cell.as_text().into_owned()),
                }
            };
            attributes.push((field.key().to_string(), value));
        }
        // The spec's order (stage, baseline, target, due, source), which is
        // the order of the model's key table.
        let rank =
            |written: &str| schema::keys_on(BlockKind::Kpi).position(|known| known == written);
        attributes.sort_by_key(|(key, _)| rank(key));
        match name {
            Some(name) => {
                let id = ids::id_from_title(&name, "kpi");
                let title = (id != name).then_some(name);
                let mut block = BlockDraft::new("kpi", id, title);
                block.attributes = attributes;
                (Some(block), Vec::new())
            }
            None => (None, attributes),
        }
    }

    // -- Assembly ----------------------------------------------------------------

    /// The plan text, checked to parse, with the summary and the places of
    /// its lines in the source.
    fn finish(mut self) -> Result<ImportedPlan, ImportError> {
        let (objectives, tactics) = self.finished_blocks();
        self.note_default_year();
        let source = self.source;
        let comments = self.plan_comments();
        let title = self
            .head
            .title
            .clone()
            .unwrap_or_else(|| source.default_title.clone());
        self.summary.tactics = tactics.len();
        self.summary.objectives = objectives.len();
        self.summary.strategies = self.drafts.strategies.len();
        self.summary.people = self.drafts.people.len();
        let draft = PlanDraft {
            title: title.clone(),
            comments,
            attributes: self
                .head
                .attributes
                .into_iter()
                .map(|(_, key, value)| (key, value))
                .collect(),
            strategies: self.drafts.strategies,
            team: self.drafts.people,
            objectives,
            tactics,
        };
        let text = writer::write(&draft);
        if let Err(error) = crate::syntax::parse(&text) {
            return Err(ImportError(format!(
                "{}: the plan made from it does not parse (syntax error `{}` at byte {}); this is a bug in planlint, please report it with the file",
                source.origin, error.case, error.span.start
            )));
        }
        let places = places::line_places(&text, source.sheet.as_deref(), &self.key_columns);
        Ok(ImportedPlan {
            title,
            file_stem: source.file_stem.clone(),
            text,
            summary: self.summary,
            places,
        })
    }

    /// The objectives and tactics with their attributes in the spec's order
    /// and their KPIs inside them.
    fn finished_blocks(&mut self) -> (Vec<BlockDraft>, Vec<BlockDraft>) {
        let mut block_ids: HashSet<String> = HashSet::new();
        block_ids.extend(self.drafts.strategies.iter().map(|block| block.id.clone()));
        block_ids.extend(
            self.drafts
                .objectives
                .iter()
                .map(|entry| entry.block.id.clone()),
        );
        block_ids.extend(
            self.drafts
                .tactics
                .iter()
                .map(|entry| entry.block.id.clone()),
        );
        // A KPI named like a block would capture references to that block.
        let attach_kpi = |block: &mut BlockDraft, kpi: Option<BlockDraft>| {
            if let Some(mut kpi) = kpi {
                if block_ids.contains(&kpi.id) {
                    kpi.id = format!("{}-kpi", kpi.id);
                }
                block.children.push(kpi);
            }
        };
        let mut objectives = Vec::new();
        for mut entry in std::mem::take(&mut self.drafts.objectives) {
            let mut attributes = Vec::new();
            if let Some(owner) = entry.owner {
                attributes.push((key::OWNER.to_string(), owner));
            }
            if !entry.supports.is_empty() {
                attributes.push((key::SUPPORTS.to_string(), references(&entry.supports)));
            }
            attributes.extend(entry.extra);
            entry.block.attributes = attributes;
            attach_kpi(&mut entry.block, entry.kpi);
            objectives.push(entry.block);
        }
        let mut tactics = Vec::new();
        for mut entry in std::mem::take(&mut self.drafts.tactics) {
            let mut attributes = entry.head;
            if let Some(after) = entry.after.take() {
                let value = self.after_value(&after);
                attributes.push((key::AFTER.to_string(), value));
            }
            attributes.extend(entry.tail);
            entry.block.attributes = attributes;
            attach_kpi(&mut entry.block, entry.kpi);
            tactics.push(entry.block);
        }
        (objectives, tactics)
    }

    /// Says which year quarters without one were read in, unless `--year`
    /// chose it.
    fn note_default_year(&mut self) {
        if !self.year.used || self.options.year.is_some() {
            return;
        }
        if let Some((year, reason)) = self.year.year {
            self.note(
                Level::Info,
                Some(self.source.origin.clone()),
                format!(
                    "dates written without a year (such as `Q1`) are read as {year}, the year {reason}; pass --year to read them otherwise"
                ),
            );
        }
    }

    /// Where the plan came from, then the source's own comments.
    fn plan_comments(&self) -> Vec<String> {
        let source = self.source;
        let mut comments = vec![match &source.sheet {
            Some(sheet) => format!(
                "Imported by `planlint import` from {}, sheet \"{sheet}\".",
                source.file_name
            ),
            None => format!("Imported by `planlint import` from {}.", source.file_name),
        }];
        comments.extend(source.comments.iter().cloned());
        comments.extend(self.head.extra_comments.iter().cloned());
        comments
    }

    /// `after`: names of activities, resolved to their ids by title (or id).
    fn after_value(&mut self, after: &PendingAfter) -> PlanValue {
        let mut resolved = Vec::new();
        for name in &after.names {
            if let Some(id) = self.drafts.tactic_titles.get(&title_key(name)) {
                resolved.push(id.clone());
                continue;
            }
            let as_id = ids::kebab(name);
            if self.drafts.tactic_ids.contains(&as_id) {
                resolved.push(as_id);
                continue;
            }
            // A name that matches no activity stays a name: `unknown-reference` reports it.
            let id = ids::id_from_title(name, "tactic");
            resolved.push(id);
        }
        if resolved.is_empty() {
            return self.unreadable(&after.cell, &after.place, "names no activity");
        }
        let value = references(&resolved);
        let PlanValue::Raw(text) = &value else {
            return value;
        };
        match cells::accepted(BlockKind::Tactic, "after", text) {
            Ok(()) => value,
            Err(problem) => self.unreadable(&after.cell, &after.place, &problem),
        }
    }
}

/// `row 3` from `plan.csv, row 3, column B ("Goal")`: the place without the file.
fn short_place(place: &str) -> String {
    let parts: Vec<&str> = place.split(", ").collect();
    parts
        .iter()
        .find(|part| part.starts_with("row ") || part.contains(" item "))
        .map_or_else(|| place.to_string(), |part| part.to_string())
}

/// The year of quarters written without one (`Q1`): `--year`, else the
/// plan's period when it is one year, else a single year named in the
/// sheet's name, the plan's title or the file name.
fn default_year(source: &Source, options: &ImportOptions) -> Option<(i32, &'static str)> {
    if let Some(year) = options.year {
        return Some((year, "given with --year"));
    }
    for field in &source.plan_fields {
        if let Recognised::Field(Field::Period, _) =
            columns::recognise(&field.label, Context::Plan, &options.column_map)
        {
            if let Ok(period) = cells::period(&field.cell, None) {
                let (first, last) = period.split_once("..").unwrap_or((&period, &period));
                if first.get(..4) == last.get(..4) {
                    if let Some(year) = first.get(..4).and_then(|year| year.parse().ok()) {
                        return Some((year, "of the plan's period"));
                    }
                }
            }
        }
    }
    if let Some(year) = source.sheet.as_deref().and_then(cells::year_named_in) {
        return Some((year, "in the sheet's name"));
    }
    for field in &source.plan_fields {
        if let Recognised::Field(Field::Title, _) =
            columns::recognise(&field.label, Context::Plan, &options.column_map)
        {
            if let Some(year) = cells::year_named_in(&field.cell.as_text()) {
                return Some((year, "in the plan's title"));
            }
        }
    }
    cells::year_named_in(crate::import::file_stem(&source.file_name))
        .map(|year| (year, "in the file name"))
}
