//! The check kinds: the Rust behind the rules.
//!
//! A rule (`rules/<id>.yaml`) names one check kind and its parameters. Kinds
//! are few and generic where they can be (a key is required, a reference
//! must name a kind of block), specialised only where arithmetic, time or
//! graphs need code (capacity per quarter, budgets, dates, the `after`
//! graph). Each kind lives in its own file with a doc comment saying what
//! it does and why, and has two steps:
//! `compile` (validate parameters once, with `deny_unknown_fields`) and
//! `run` (a pure function of the plan: no IO, no panics).

mod conditions;
mod parameters;

use serde::de::DeserializeOwned;

use super::rule_file::{EmbeddedCheck, EmbeddedParameters};
use crate::diagnostics::Fix;
use crate::model::{BlockIndex, BlockKind, Date, ExchangeRates, Plan};
use crate::source::LineIndex;
use crate::syntax::Span;
use crate::yaml::{self, YamlPath};

pub use conditions::{BlockKinds, Conditions};
pub use parameters::Selector;

/// Declares every check kind, once: its module and type. The list makes the
/// dispatch by name ([`compile`]), the table of kinds ([`KINDS`]: "did you
/// mean", the README's table, template checks). Adding a kind is its file
/// and one line here.
macro_rules! check_kinds {
    ($($module:ident::$kind:ident),* $(,)?) => {
        $(mod $module;)*

        /// Every check kind, in the order of the list.
        pub const KINDS: &[KindInfo] = &[$(KindInfo::of::<$module::$kind>()),*];
    };
}

check_kinds! {
    required_key::RequiredKey,
    pattern::Pattern,
    reference::ReferenceCheck,
    range::Range,
    compare::Compare,
    child_count::ChildCount,
    lag_known::LagKnown,
    due_after_start::DueAfterStart,
    capacity_known::CapacityKnown,
    partner_lead_time::PartnerLeadTime,
    funnel_gap::FunnelGap,
    sales_capacity::SalesCapacity,
    quiet_quarter::QuietQuarter,
    alignment::Alignment,
    team_capacity::TeamCapacity,
    member_capacity::MemberCapacity,
    budget_total::BudgetTotal,
    within_period::WithinPeriod,
    time_lag::TimeLag,
    kpi_sources::KpiSources,
    after_order::AfterOrder,
    unreferenced::Unreferenced,
    overlapping_duplicates::OverlappingDuplicates,
    invalid_value::InvalidValues,
    unknown_attribute::UnknownAttribute,
    unknown_reference::UnknownReference,
    duplicate_id::DuplicateId,
    reading::FileReading,
    suppressions::Suppressions,
    across_plans::AcrossPlans,
}

pub use invalid_value::problem_words;

/// Where a kind's hits come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// A check run over each plan by the engine.
    Plan,
    /// Reading and parsing a file (`syntax-error`, `unreadable-file`).
    Reading,
    /// Matching suppression comments with the findings of a plan.
    Suppressions,
    /// The audit, over all plans at once (`overbooked-across-plans`).
    AcrossPlans,
}

/// What every check kind declares, in the style of selene's `Lint`.
pub trait CheckKind: Check + Sized + 'static {
    /// The name rules give as `check.kind`.
    const NAME: &'static str;
    /// One line for the README's table of kinds.
    const SUMMARY: &'static str;
    /// Whether custom rules may use it (the generic kinds).
    const OPEN_TO_CUSTOM_RULES: bool = false;
    /// Whether it takes the shared selector (`on`, `when`, `unless`).
    const SELECTS_BLOCKS: bool = false;
    /// The template variables its hits provide, besides the block's own.
    const VARIABLES: &'static [&'static str];
    /// Situations worded apart, besides the rule's main `message`: each is a
    /// `cases.<name>` entry of the rule file with its own message and help.
    const CASES: &'static [&'static str] = &[];
    /// The labels its hits put on the plan, each worded by the rule file's
    /// `labels.<name>` template.
    const LABELS: &'static [LabelSlot] = &[];
    /// The words its hits name for the rule file's `words` table to word.
    const WORDS: &'static [&'static str] = &[];
    /// Where its hits come from.
    const PASS: Pass = Pass::Plan;
    /// The kind's own parameters (`deny_unknown_fields`, kebab-case).
    type Params: DeserializeOwned;
    /// Validates the parameters once per run. `selector` is the shared one
    /// for kinds that select blocks, every block otherwise.
    fn compile(params: Self::Params, selector: Selector) -> Result<Self, CheckError>;
}

/// A kind as the engine and the documentation see it.
#[derive(Debug)]
pub struct KindInfo {
    pub name: &'static str,
    pub summary: &'static str,
    pub open_to_custom_rules: bool,
    pub selects_blocks: bool,
    pub variables: &'static [&'static str],
    pub cases: &'static [&'static str],
    pub labels: &'static [LabelSlot],
    pub words: &'static [&'static str],
    pub pass: Pass,
    /// The kind's own parameters, from its `Params` type.
    pub parameters: fn() -> &'static [&'static str],
    build: fn(yaml::Mapping) -> Result<Box<dyn Check>, CheckError>,
    build_embedded: fn(&EmbeddedParameters) -> Result<Box<dyn Check>, CheckError>,
}

impl KindInfo {
    const fn of<K: CheckKind>() -> KindInfo {
        KindInfo {
            name: K::NAME,
            summary: K::SUMMARY,
            open_to_custom_rules: K::OPEN_TO_CUSTOM_RULES,
            selects_blocks: K::SELECTS_BLOCKS,
            variables: K::VARIABLES,
            cases: K::CASES,
            labels: K::LABELS,
            words: K::WORDS,
            pass: K::PASS,
            parameters: parameters::field_names::<K::Params>,
            build: build::<K>,
            build_embedded: build_embedded::<K>,
        }
    }

    pub fn named(name: &str) -> Option<&'static KindInfo> {
        KINDS.iter().find(|kind| kind.name == name)
    }

    pub fn label(&self, name: &str) -> Option<&'static LabelSlot> {
        self.labels.iter().find(|slot| slot.name == name)
    }
}

/// A label a kind puts on the plan: the name its rules word in `labels:`
/// and the variables it fills besides the hit's.
#[derive(Debug)]
pub struct LabelSlot {
    pub name: &'static str,
    pub variables: &'static [&'static str],
}

/// A [`LabelSlot`], for the kinds' `LABELS` lists.
pub const fn label(name: &'static str, variables: &'static [&'static str]) -> LabelSlot {
    LabelSlot { name, variables }
}

fn build<K: CheckKind>(mut params: yaml::Mapping) -> Result<Box<dyn Check>, CheckError> {
    let selector = if K::SELECTS_BLOCKS {
        Selector::take(&mut params)?
    } else {
        Selector::everything()
    };
    let params = parameters::read::<K::Params>(params)?;
    Ok(Box::new(K::compile(params, selector)?))
}

/// [`build`] from a built-in rule's embedded JSON (see [`compile_embedded`]).
fn build_embedded<K: CheckKind>(
    parameters: &EmbeddedParameters,
) -> Result<Box<dyn Check>, CheckError> {
    let (selector, parameters) = if K::SELECTS_BLOCKS {
        (Selector::from_json(parameters.selector)?, parameters.own)
    } else {
        (Selector::everything(), parameters.all)
    };
    let parameters = serde_json::from_str(parameters)
        .map_err(|error| CheckError::from(format!("`{}`: {error}", K::NAME)))?;
    Ok(Box::new(K::compile(parameters, selector)?))
}

/// Why a check's parameters were refused, and where: a path below the
/// rule's `check` (empty for the check as a whole), so that a broken custom
/// rule is reported at its line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckError {
    pub at: YamlPath,
    pub message: String,
}

impl CheckError {
    /// An error about the value of parameter `param`.
    pub fn at(param: &str, message: impl Into<String>) -> CheckError {
        CheckError {
            at: YamlPath::value([param]),
            message: message.into(),
        }
    }
}

/// An error about the check as a whole (most built-in kinds say no more).
impl From<String> for CheckError {
    fn from(message: String) -> CheckError {
        CheckError {
            at: YamlPath::root(),
            message,
        }
    }
}

/// How many parts of a sum a finding labels: the largest ones (a quarter's
/// tactics, the tactics' budgets), and one more label says how many others
/// there are and how much they add. A quarter booked by 12,000 tactics is
/// explained by its largest few; a label for each would be a page nobody
/// reads, and held in memory 400,000 labels for a plan of 50,000 tactics.
pub const LABELLED_PARTS: usize = 10;

/// What a check sees: the plan, its source text with its line index, the
/// run's date and the configuration's exchange rates.
pub struct CheckContext<'run, 'src> {
    pub plan: &'run Plan<'src>,
    pub source: &'src str,
    pub lines: &'run LineIndex,
    pub today: Date,
    pub rates: &'run ExchangeRates,
}

/// One place a check fires. The engine turns it into a finding, filling the
/// rule's `message` and `help` templates (those of `case`, when set) with
/// `vars` and the block's own.
#[derive(Debug)]
pub struct Hit {
    /// The block the finding is about.
    pub block: BlockIndex,
    pub primary: Spot,
    pub secondary: Vec<Spot>,
    /// Which of the kind's `CASES` this is; `None` for the main message.
    pub case: Option<&'static str>,
    /// Template variables this check provides, e.g. `quarter`, `scheduled`.
    pub vars: Vec<(&'static str, String)>,
    /// Template variables that list names, joined by the renderer.
    pub lists: Vec<ListVariable>,
    /// Template variables worded by the rule file's `words` table: one
    /// word, or alternatives the renderer joins with `or`.
    pub words: Vec<(&'static str, Vec<&'static str>)>,
    /// The edits that would resolve it, when the check knows them.
    pub fix: Option<Fix>,
}

impl Hit {
    pub fn new(block: BlockIndex, primary: Spot) -> Hit {
        Hit {
            block,
            primary,
            secondary: Vec::new(),
            case: None,
            vars: Vec::new(),
            lists: Vec::new(),
            words: Vec::new(),
            fix: None,
        }
    }

    /// A variable listing `items` (`` `a`, `b` and `c` ``), and `more`
    /// left out ("and 12 more").
    pub fn list(mut self, name: &'static str, items: Vec<String>, more: usize) -> Hit {
        let items = items.into_iter().map(ListItem::Text).collect();
        self.lists.push(ListVariable {
            name,
            items,
            more,
            series: false,
        });
        self
    }

    /// A variable listing steps, each worded by one of the rule's labels
    /// with its own variables, joined as a series (`a, b, and c`).
    pub fn steps(mut self, name: &'static str, steps: Vec<ListItem>) -> Hit {
        self.lists.push(ListVariable {
            name,
            items: steps,
            more: 0,
            series: true,
        });
        self
    }

    pub fn var(mut self, name: &'static str, value: impl Into<String>) -> Hit {
        self.vars.push((name, value.into()));
        self
    }

    /// Worded by the rule's `cases.<case>` templates.
    pub fn case(mut self, case: &'static str) -> Hit {
        self.case = Some(case);
        self
    }

    pub fn fix(mut self, fix: Fix) -> Hit {
        self.fix = Some(fix);
        self
    }
}

/// A template variable that lists names: the template renderer joins the
/// items (`` `webinars`, `booth` and `ads` ``, "and 12 more"), so that the
/// words of a list are the renderer's, not each check's.
#[derive(Debug, Clone)]
pub struct ListVariable {
    pub name: &'static str,
    pub items: Vec<ListItem>,
    /// Items left out of `items`.
    pub more: usize,
    /// Joined `a, and b` / `a, b, and c` (steps of a sentence), rather than
    /// `a and b` / `a, b and c` (names).
    pub series: bool,
}

/// One item of a list: a name as written, or words of the rule file (one
/// of its `labels`, filled with `vars`, then the hit's).
#[derive(Debug, Clone)]
pub enum ListItem {
    Text(String),
    Worded {
        label: &'static str,
        vars: Vec<(&'static str, String)>,
    },
}

/// A place a hit points at, worded by the rule file's `labels.<label>`
/// template, filled with `vars`, then the hit's variables, then the
/// block's. A spot without a label, or whose label the rule does not word
/// (a custom rule may leave it out), is shown as an underline alone.
#[derive(Debug, Clone)]
pub struct Spot {
    pub span: Span,
    pub label: Option<&'static str>,
    pub vars: Vec<(&'static str, String)>,
}

impl Spot {
    pub fn new(span: Span, label: &'static str) -> Spot {
        Spot {
            span,
            label: Some(label),
            vars: Vec::new(),
        }
    }

    pub fn bare(span: Span) -> Spot {
        Spot {
            span,
            label: None,
            vars: Vec::new(),
        }
    }

    pub fn var(mut self, name: &'static str, value: impl Into<String>) -> Spot {
        self.vars.push((name, value.into()));
        self
    }
}

/// A compiled check: a pure function of the plan (no IO, no panics).
pub trait Check: Send + Sync + std::fmt::Debug {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>);
}

/// Where a check puts its hits: the engine renders each into a finding as
/// it comes, so that a rule with 50,000 hits (`duplicate-tactic` on a large
/// imported list) never holds them all beside their findings (40 MB at the
/// peak of such a plan).
pub struct Hits<'a> {
    take: &'a mut dyn FnMut(Hit),
}

impl<'a> Hits<'a> {
    pub fn new(take: &'a mut dyn FnMut(Hit)) -> Hits<'a> {
        Hits { take }
    }

    pub fn push(&mut self, hit: Hit) {
        (self.take)(hit);
    }

    pub fn extend(&mut self, hits: impl IntoIterator<Item = Hit>) {
        for hit in hits {
            self.push(hit);
        }
    }

    /// Every hit of `run`, in a list (tests).
    pub fn collect(run: impl FnOnce(&mut Hits<'_>)) -> Vec<Hit> {
        let mut all = Vec::new();
        run(&mut Hits::new(&mut |hit| all.push(hit)));
        all
    }
}

/// Who may use a check kind: custom rules get the generic ones only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    Custom,
}

/// Builds the check a rule names. `params` is the rule's `check` mapping
/// with options already substituted; `kind` has been removed from it.
pub fn compile(
    kind: &str,
    params: yaml::Value,
    origin: Origin,
) -> Result<Box<dyn Check>, CheckError> {
    let Some(info) = KindInfo::named(kind) else {
        return Err(CheckError::at("kind", unknown_kind(kind, origin)));
    };
    if origin == Origin::Custom && !info.open_to_custom_rules {
        return Err(CheckError::at(
            "kind",
            format!(
                "check kind `{kind}` is reserved for built-in rules; custom rules can use {}",
                list(&generic_kinds())
            ),
        ));
    }
    let params = match params {
        yaml::Value::Mapping(mapping) => mapping,
        yaml::Value::Null => yaml::Mapping::new(),
        _ => {
            return Err(CheckError::from(
                "`check` must be a mapping of parameters".to_string(),
            ))
        }
    };
    (info.build)(params)
}

/// Builds a built-in rule's check from the JSON `build.rs` embedded: its
/// selector and parameters read straight into the kind's types, without
/// the general mapping [`compile`] reads (and locates mistakes in: a
/// built-in rule has none, and a test holds both ways to the same check).
pub fn compile_embedded(check: &EmbeddedCheck) -> Result<Box<dyn Check>, CheckError> {
    let Some(info) = KindInfo::named(check.kind) else {
        return Err(CheckError::at(
            "kind",
            unknown_kind(check.kind, Origin::BuiltIn),
        ));
    };
    (info.build_embedded)(&check.parameters)
}

/// The kinds custom rules may use.
pub fn generic_kinds() -> Vec<&'static str> {
    KINDS
        .iter()
        .filter(|kind| kind.open_to_custom_rules)
        .map(|kind| kind.name)
        .collect()
}

fn unknown_kind(kind: &str, origin: Origin) -> String {
    let candidates: Vec<&str> = KINDS
        .iter()
        .filter(|info| origin == Origin::BuiltIn || info.open_to_custom_rules)
        .map(|info| info.name)
        .collect();
    match crate::text::closest(kind, candidates.iter().copied()) {
        Some(close) => format!("unknown check kind `{kind}`; did you mean `{close}`?"),
        None => format!(
            "unknown check kind `{kind}`; custom rules can use {}",
            list(&generic_kinds())
        ),
    }
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|item| format!("`{item}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The block kind a parameter names.
pub(crate) fn block_kind(name: &str) -> Result<BlockKind, String> {
    BlockKind::from_keyword(name).ok_or_else(|| {
        let kinds = BlockKind::ALL.map(|kind| kind.keyword());
        match crate::text::closest(name, kinds) {
            Some(close) => format!("unknown block kind `{name}`; did you mean `{close}`?"),
            None => format!(
                "unknown block kind `{name}`; the kinds are {}",
                list(&kinds)
            ),
        }
    })
}
