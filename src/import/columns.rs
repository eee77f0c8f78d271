//! Recognising columns by their headers.
//!
//! Headers are compared case- and spacing-insensitively (`Start Date`,
//! `start_date` and `StartDate` are one header) against the synonyms real
//! activity lists use. A unit or currency in the header (`Budget (k€)`,
//! `Effort (hours)`, `Cost EUR`) is read as a hint for the column's cells.
//! `--map 'Column Name=key'` overrides all of it.

use std::fmt;

use crate::model::schema::key;

/// What a column (or a YAML key) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The name of the activity (objective, person, plan…): the block's title.
    Title,
    Owner,
    /// A quarter, a range of quarters, a month, a date or a year.
    When,
    Start,
    End,
    Budget,
    /// The objectives a tactic supports, by name.
    Objective,
    /// The strategy an objective (or a row's objective) supports, by name.
    Strategy,
    /// The name of a KPI.
    Kpi,
    Target,
    Baseline,
    /// When a KPI's target is due.
    Due,
    Stage,
    /// A KPI's system of record.
    Source,
    Channel,
    Audience,
    Effort,
    Rationale,
    Foundational,
    /// The activities that must be done first, by name.
    After,
    /// People who work on an activity besides its owner.
    Team,
    // Plan-level fields.
    Period,
    Challenge,
    SalesCycle,
    // Team fields (YAML `team:`).
    Partner,
    Capacity,
    Role,
    LeadTime,
}

impl Field {
    /// The name `--map` uses for it: the plan's own key where the field is
    /// one (from the model's key table), else a name of import's own.
    pub fn key(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Owner => key::OWNER,
            Field::When => key::WHEN,
            Field::Start => "start",
            Field::End => "end",
            Field::Budget => key::BUDGET,
            Field::Objective => "objective",
            Field::Strategy => "strategy",
            Field::Kpi => "kpi",
            Field::Target => key::TARGET,
            Field::Baseline => key::BASELINE,
            Field::Due => key::DUE,
            Field::Stage => key::STAGE,
            Field::Source => key::SOURCE,
            Field::Channel => key::CHANNEL,
            Field::Audience => key::AUDIENCE,
            Field::Effort => key::EFFORT,
            Field::Rationale => key::RATIONALE,
            Field::Foundational => key::FOUNDATIONAL,
            Field::After => key::AFTER,
            Field::Team => "team",
            Field::Period => key::PERIOD,
            Field::Challenge => key::CHALLENGE,
            Field::SalesCycle => key::SALES_CYCLE,
            Field::Partner => "partner",
            Field::Capacity => key::CAPACITY,
            Field::Role => key::ROLE,
            Field::LeadTime => key::LEAD_TIME,
        }
    }
}

/// Which table a header belongs to: each knows its own fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Activities,
    Objectives,
    Team,
    Plan,
}

/// The headers each field is known by, compacted (lower case, letters and
/// digits only). The first list is the one the README shows.
#[rustfmt::skip]
pub const ACTIVITY_SYNONYMS: &[(Field, &[&str])] = &[
    (Field::Title, &["activity", "activityname", "tactic", "tacticname", "campaign", "campaignname", "initiative", "programme", "program", "project", "title", "name", "item", "task", "deliverable",
        "blogtitle", "posttitle", "articletitle", "contenttitle", "titletopic", "topic", "headline",
        // de, fr, es
        "kampagne", "kampagnenname", "aktion", "maßnahme", "massnahme", "projekt", "titel", "thema",
        "action", "campagne", "titre", "intitulé", "nomdelacampagne",
        "campaña", "campana", "acción", "accion", "actividad", "título", "titulo", "nombre", "tarea"]),
    (Field::Owner, &["owner", "responsible", "accountable", "lead", "dri", "assignee", "assignedto", "ownedby", "activityowner", "campaignowner", "campaignlead", "projectlead", "tacticowner",
        "writer", "author", "intern",
        "verantwortlich", "verantwortliche", "zuständig", "zustandig", "ansprechpartner", "autor",
        "responsable", "porteur", "pilote", "auteur", "encargado", "propietario"]),
    (Field::When, &["quarter", "when", "qtr", "quarters", "timing", "timeframe", "timeline", "period", "schedule", "date", "month",
        "publishdate", "publisheddate", "publicationdate", "postdate", "golivedate", "airdate",
        "quartal", "monat", "datum", "woche", "kw", "kalenderwoche",
        "trimestre", "mois", "semaine", "mes", "fecha", "semana"]),
    (Field::Start, &["start", "startdate", "from", "begin", "begins", "launch", "launchdate", "kickoff", "startquarter",
        "beginn", "startdatum", "début", "debut", "datededébut", "datededebut", "inicio", "fechainicio", "fechadeinicio"]),
    (Field::End, &["end", "enddate", "to", "until", "finish", "finishdate", "due", "duedate", "deadline", "endquarter", "completion",
        "ende", "enddatum", "fälligam", "falligam", "fin", "datedefin", "échéance", "echeance", "fechafin", "fechadefin"]),
    (Field::Budget, &["cost", "budget", "spend", "costs", "plannedspend", "plannedcost", "plannedbudget", "estimatedcost", "investment", "amount", "totalcost",
        "promobudget", "campaignbudget", "mediabudget", "adspend",
        "kosten", "betrag", "ausgaben", "coût", "cout", "montant", "presupuesto", "coste", "costo", "importe"]),
    (Field::Objective, &["objective", "goal", "objectives", "goals", "marketingobjective", "marketinggoal", "supports", "supportsobjective",
        "ziel", "ziele", "objectif", "objectifs", "objetivo", "objetivos"]),
    (Field::Strategy, &["strategy", "strategicpillar", "pillar", "strategicpriority", "strategies", "businessstrategy"]),
    (Field::Kpi, &["kpi", "metric", "kpis", "metrics", "successmetric", "measure", "measureofsuccess", "kpiname",
        "kennzahl", "indicateur", "indicador"]),
    (Field::Target, &["target", "targetvalue", "kpitarget", "goalvalue"]),
    (Field::Baseline, &["baseline", "current", "currentvalue", "startingpoint"]),
    (Field::Due, &["targetdate", "kpidue", "targetdue", "measuredby", "duequarter"]),
    (Field::Stage, &["stage", "funnelstage", "funnel"]),
    (Field::Source, &["source", "datasource", "systemofrecord", "trackedin", "measuredin", "kpisource"]),
    (Field::Channel, &["channel", "channels", "medium", "type", "activitytype", "tactictype", "campaigntype", "contenttype",
        "kanal", "canal", "typ"]),
    (Field::Audience, &["audience", "segment", "targetaudience", "persona", "targetsegment", "targetgroup", "icp", "audiences",
        "zielgruppe", "cible", "publiccible", "público", "publico", "públicoobjetivo", "publicoobjetivo", "audiencia", "segmento"]),
    (Field::Effort, &["effort", "days", "effortdays", "persondays", "mandays", "workload", "hours", "effortinhours", "manhours", "personhours",
        "aufwand", "personentage", "charge", "jourshomme", "esfuerzo"]),
    (Field::Rationale, &["rationale", "why", "justification", "reason"]),
    (Field::Foundational, &["foundational", "enabler", "enabling"]),
    (Field::After, &["after", "dependson", "dependencies", "dependency", "predecessor", "predecessors", "blockedby"]),
    (Field::Team, &["team", "members", "support", "contributors", "resources", "supportteam", "people"]),
];

#[rustfmt::skip]
const OBJECTIVE_SYNONYMS: &[(Field, &[&str])] = &[
    (Field::Title, &["objective", "goal", "title", "name"]),
    (Field::Owner, &["owner", "responsible", "accountable", "lead", "dri"]),
    (Field::Strategy, &["strategy", "supports", "pillar", "strategicpillar", "strategies"]),
    (Field::Kpi, &["kpi", "metric", "measure", "successmetric"]),
    (Field::Target, &["target", "targetvalue"]),
    (Field::Baseline, &["baseline", "current"]),
    (Field::Due, &["due", "duedate", "deadline", "targetdate", "by", "when"]),
    (Field::Stage, &["stage", "funnelstage"]),
    (Field::Source, &["source", "datasource", "systemofrecord"]),
];

#[rustfmt::skip]
const TEAM_SYNONYMS: &[(Field, &[&str])] = &[
    (Field::Title, &["name", "member", "person", "who", "employee"]),
    (Field::Partner, &["partner", "agency", "vendor", "contractor", "freelancer"]),
    (Field::Capacity, &["capacity", "availability", "daysperquarter", "capacityperquarter"]),
    (Field::Role, &["role", "jobtitle", "position", "function"]),
    (Field::LeadTime, &["leadtime", "onboarding", "briefingtime"]),
];

#[rustfmt::skip]
const PLAN_SYNONYMS: &[(Field, &[&str])] = &[
    (Field::Title, &["plan", "title", "name", "planname", "plantitle"]),
    (Field::Owner, &["owner", "planowner", "responsible", "accountable", "headofmarketing",
        "verantwortlich", "responsable", "propietario"]),
    (Field::Period, &["period", "year", "fiscalyear", "fy", "horizon", "timeframe", "planperiod",
        "zeitraum", "geschäftsjahr", "jahr", "période", "periode", "année", "annee", "periodo", "año"]),
    (Field::Challenge, &["challenge", "businesschallenge", "keychallenge", "opportunity", "problem"]),
    (Field::Budget, &["budget", "totalbudget", "planbudget", "marketingbudget"]),
    (Field::SalesCycle, &["salescycle", "salescyclelength"]),
];

/// A unit or currency a header gives its cells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hints {
    /// `Budget (EUR)`, `Cost €`.
    pub currency: Option<String>,
    /// `Budget (k€)`, `Cost ('000)`: amounts in thousands.
    pub thousands: bool,
    /// `Effort (hours)`, `Effort (weeks)`; days when absent.
    pub effort_unit: Option<char>,
}

/// `--map 'Column Name=key'`, in the order given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMap {
    entries: Vec<(String, Target)>,
}

/// What `--map` maps a column to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Field(Field),
    /// Keep the column as an attribute with this key.
    Attribute(String),
}

impl ColumnMap {
    /// Parses one `--map` value.
    pub fn add(&mut self, spec: &str) -> Result<(), String> {
        let Some((column, key)) = spec.rsplit_once('=') else {
            return Err(format!(
                "`--map {spec}` needs the form 'Column Name=key', e.g. --map 'Campaign Lead=owner'"
            ));
        };
        let column = compact(column);
        let key = key.trim();
        if column.is_empty() {
            return Err(format!("`--map {spec}` names no column"));
        }
        let target = match ACTIVITY_SYNONYMS
            .iter()
            .map(|(field, _)| *field)
            .find(|field| field.key() == key)
        {
            Some(field) => Target::Field(field),
            None if is_attribute_key(key) => Target::Attribute(key.to_string()),
            None => {
                let fields: Vec<&str> = ACTIVITY_SYNONYMS
                    .iter()
                    .map(|(field, _)| field.key())
                    .collect();
                return Err(format!(
                    "`--map {spec}`: `{key}` is neither a column planlint reads ({}) nor an attribute key (lower-case kebab-case, e.g. `po-number`)",
                    fields.join(", ")
                ));
            }
        };
        self.entries.push((column, target));
        Ok(())
    }

    fn lookup(&self, header: &str) -> Option<&Target> {
        let header = compact(header);
        self.entries
            .iter()
            .rev()
            .find(|(column, _)| *column == header)
            .map(|(_, target)| target)
    }

    /// The columns `--map` names, as written compacted, for "no such column" notes.
    pub fn columns(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(column, _)| column.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Field(field) => f.write_str(field.key()),
            Target::Attribute(key) => f.write_str(key),
        }
    }
}

/// What a header was recognised as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recognised {
    Field(Field, Hints),
    /// Not a column planlint reads: kept as an attribute with this key.
    Attribute(String),
}

/// Recognises a header in a context; `map` applies to activity columns only.
pub fn recognise(header: &str, context: Context, map: &ColumnMap) -> Recognised {
    let hints = hints(header);
    if context == Context::Activities {
        match map.lookup(header) {
            Some(Target::Field(field)) => return Recognised::Field(*field, hints),
            Some(Target::Attribute(key)) => return Recognised::Attribute(key.clone()),
            None => {}
        }
    }
    let synonyms = match context {
        Context::Activities => ACTIVITY_SYNONYMS,
        Context::Objectives => OBJECTIVE_SYNONYMS,
        Context::Team => TEAM_SYNONYMS,
        Context::Plan => PLAN_SYNONYMS,
    };
    let whole = compact(header);
    let without_hints = compact_without_hints(header);
    for candidate in [&whole, &without_hints] {
        if candidate.is_empty() {
            continue;
        }
        if let Some((field, _)) = synonyms
            .iter()
            .find(|(_, names)| names.contains(&candidate.as_str()))
        {
            return Recognised::Field(*field, hints);
        }
    }
    Recognised::Attribute(attribute_key(header))
}

/// The `--map` that would make a header row's activity column known: the
/// first header planlint does not read whose words say it names something
/// (`… name`, `… title`, `topic`, `… id`), else the first unknown header.
/// `None` when every header is already known (or there is none).
pub fn suggest_title_map(headers: &[String], map: &ColumnMap) -> Option<String> {
    let unknown: Vec<&String> = headers
        .iter()
        .filter(|header| {
            !header.trim().is_empty()
                && matches!(
                    recognise(header, Context::Activities, map),
                    Recognised::Attribute(_)
                )
        })
        .collect();
    let names_something = |header: &&&String| {
        words(header).iter().any(|word| {
            matches!(
                word.as_str(),
                "name" | "title" | "topic" | "subject" | "id" | "headline" | "theme"
            )
        })
    };
    let chosen = unknown
        .iter()
        .find(names_something)
        .or_else(|| unknown.first())?;
    let header = chosen.trim().replace('\'', "'\\''");
    Some(format!("--map '{header}=title'"))
}

/// The error when no column names the activities: the headers found and
/// the `--map` that would work.
pub fn no_activity_column_message(
    place: &str,
    headers: &[String],
    suggested: Option<&str>,
) -> String {
    let found = if headers.is_empty() {
        "no header row".to_string()
    } else {
        let quoted: Vec<String> = headers
            .iter()
            .map(|header| format!("\"{header}\""))
            .collect();
        format!("the headers are {}", quoted.join(", "))
    };
    let fix = match suggested {
        Some(map) => format!("if the activities are in that column, run again with {map} (or put it under `import: map:` in .planlint.yaml)"),
        None => "say which column names the activities with --map 'Your Header=title'".to_string(),
    };
    format!("{place}: no column names the activities ({found}); planlint looks for a header such as Activity, Campaign, Title or Name; {fix}")
}

/// Lower case, letters and digits only: `Start Date` → `startdate`.
pub fn compact(header: &str) -> String {
    header
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The header's words, lower case; currency symbols are words of their own.
fn words(header: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    for c in header.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            current.push(c);
            continue;
        }
        if !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        if currency_of_symbol(c).is_some() {
            words.push(c.to_string());
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// Words that say a column's unit or currency rather than what it is.
fn is_hint_word(word: &str) -> bool {
    matches!(
        word,
        "in" | "k"
            | "000"
            | "000s"
            | "thousands"
            | "days"
            | "day"
            | "d"
            | "pd"
            | "hours"
            | "hour"
            | "h"
            | "hrs"
            | "weeks"
            | "week"
            | "w"
            | "wks"
    ) || currency_of_word(word).is_some()
        || word.chars().all(|c| currency_of_symbol(c).is_some())
}

fn compact_without_hints(header: &str) -> String {
    words(header)
        .into_iter()
        .filter(|word| !is_hint_word(word))
        .collect()
}

fn hints(header: &str) -> Hints {
    let mut hints = Hints::default();
    let words = words(header);
    for (index, word) in words.iter().enumerate() {
        let word = word.as_str();
        if let Some(code) = currency_of_word(word) {
            hints.currency = Some(code);
        } else if let Some(code) = word.chars().next().and_then(currency_of_symbol) {
            hints.currency = Some(code.to_string());
        }
        match word {
            "000" | "000s" | "thousands" => hints.thousands = true,
            // `k€`, `kEUR`, `(k)`: alone or before a currency.
            "k" => hints.thousands = true,
            "keur" | "kusd" | "kgbp" => hints.thousands = true,
            "hours" | "hour" | "hrs" | "manhours" | "personhours" => hints.effort_unit = Some('h'),
            "weeks" | "week" | "wks" => hints.effort_unit = Some('w'),
            "days" | "day" | "pd" | "persondays" | "mandays" => hints.effort_unit = Some('d'),
            "h" if index > 0 => hints.effort_unit = Some('h'),
            "w" if index > 0 => hints.effort_unit = Some('w'),
            "d" if index > 0 => hints.effort_unit = Some('d'),
            _ => {}
        }
    }
    // `Hours` on its own is an effort column in hours.
    if compact(header).contains("hours") {
        hints.effort_unit = Some('h');
    }
    hints
}

/// A currency symbol's ISO 4217 code.
pub fn currency_of_symbol(c: char) -> Option<&'static str> {
    match c {
        '€' => Some("EUR"),
        '$' => Some("USD"),
        '£' => Some("GBP"),
        '¥' => Some("JPY"),
        '₹' => Some("INR"),
        _ => None,
    }
}

/// Common ISO 4217 codes, in any case, and `keur`-style thousands.
fn currency_of_word(word: &str) -> Option<String> {
    const CODES: &[&str] = &[
        "eur", "usd", "gbp", "chf", "sek", "nok", "dkk", "pln", "czk", "huf", "jpy", "cny", "aud",
        "cad", "nzd", "inr", "brl", "mxn", "sgd", "hkd", "zar", "aed",
    ];
    let word = word
        .strip_prefix('k')
        .filter(|rest| rest.len() == 3)
        .unwrap_or(word);
    CODES.contains(&word).then(|| word.to_ascii_uppercase())
}

/// A key the language accepts: `[a-z][a-z0-9-]*`.
pub fn is_attribute_key(key: &str) -> bool {
    let mut chars = key.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The attribute key for a column planlint does not know: the header in
/// kebab-case as a user's own key, `x-` first (`PO Number` and `PO #` →
/// `x-po-number`, `2025 actuals` → `x-2025-actuals`), which
/// `unknown-attribute` never flags (LANGUAGE.md); empty when the header has
/// no letters or digits.
pub fn attribute_key(header: &str) -> String {
    // `PO #`, `# of leads`: the sign reads as "number".
    let kebab = super::plan::ids::kebab(&header.replace('#', " number "));
    if kebab.is_empty() {
        return String::new();
    }
    own_key(&kebab)
}

/// `x-` before a kebab-case name, unless it is there already.
pub fn own_key(kebab: &str) -> String {
    if kebab.starts_with("x-") {
        kebab.to_string()
    } else {
        format!("x-{kebab}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(header: &str) -> Option<Field> {
        match recognise(header, Context::Activities, &ColumnMap::default()) {
            Recognised::Field(field, _) => Some(field),
            Recognised::Attribute(_) => None,
        }
    }

    #[test]
    fn headers_are_case_and_spacing_insensitive() {
        assert_eq!(field("Activity"), Some(Field::Title));
        assert_eq!(field("  ACTIVITY NAME "), Some(Field::Title));
        assert_eq!(field("activity_name"), Some(Field::Title));
        assert_eq!(field("Start Date"), Some(Field::Start));
        assert_eq!(field("StartDate"), Some(Field::Start));
        assert_eq!(field("start-date"), Some(Field::Start));
        assert_eq!(field("Target Audience"), Some(Field::Audience));
        assert_eq!(field("Target"), Some(Field::Target));
        assert_eq!(field("KPI"), Some(Field::Kpi));
        assert_eq!(field("Responsible"), Some(Field::Owner));
        assert_eq!(field("Region"), None);
    }

    #[test]
    fn headers_carry_units_and_currencies() {
        let read = |header: &str| recognise(header, Context::Activities, &ColumnMap::default());
        let in_currency = |code: &str| Hints {
            currency: Some(code.into()),
            ..Hints::default()
        };
        let in_hours = Hints {
            effort_unit: Some('h'),
            ..Hints::default()
        };
        assert_eq!(
            read("Budget (EUR)"),
            Recognised::Field(Field::Budget, in_currency("EUR"))
        );
        assert_eq!(
            read("Cost (k€)"),
            Recognised::Field(
                Field::Budget,
                Hints {
                    thousands: true,
                    effort_unit: None,
                    ..in_currency("EUR")
                }
            )
        );
        assert_eq!(
            read("Effort (hours)"),
            Recognised::Field(Field::Effort, in_hours.clone())
        );
        assert_eq!(read("Hours"), Recognised::Field(Field::Effort, in_hours));
        assert_eq!(
            read("Spend in $"),
            Recognised::Field(Field::Budget, in_currency("USD"))
        );
    }

    #[test]
    fn map_overrides_synonyms() {
        let mut map = ColumnMap::default();
        map.add("Campaign Lead=owner").unwrap();
        map.add("Type=po-type").unwrap();
        assert_eq!(
            recognise("campaign  lead", Context::Activities, &map),
            Recognised::Field(Field::Owner, Hints::default())
        );
        assert_eq!(
            recognise("TYPE", Context::Activities, &map),
            Recognised::Attribute("po-type".into())
        );
        assert!(map.add("Type").is_err());
        assert!(map.add("Type=Not A Key").is_err());
        assert!(map.add("=owner").is_err());
    }

    #[test]
    fn unknown_headers_become_kebab_keys() {
        assert_eq!(attribute_key("PO Number"), "x-po-number");
        assert_eq!(attribute_key("Notes / Comments"), "x-notes-comments");
        assert_eq!(attribute_key("2025 actuals"), "x-2025-actuals");
        assert_eq!(attribute_key("Région"), "x-region");
        assert_eq!(attribute_key("PO #"), "x-po-number");
        assert_eq!(attribute_key("# of leads"), "x-number-of-leads");
        assert_eq!(attribute_key("x-region"), "x-region");
        assert_eq!(attribute_key("???"), "");
    }
}
