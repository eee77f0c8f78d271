//! The plans of the workspace: `overbooked-across-plans` while you type.
//!
//! At start (and when the client reports plans or configurations created,
//! changed or deleted) the workspace folders are walked as `check` walks a
//! directory (`discover`: ignore files respected, hidden entries skipped)
//! and each plan on disk is linted once, in parallel, for its
//! [`PlanFacts`] (bookings and declared capacities; the audit's summary,
//! never the text). An open document counts with its editor text instead
//! (its facts come from its own lint). After every lint the bookings of
//! all of them are added up ([`across_plans::overbooked`], the audit's
//! function) and each open document concerned gets the finding on the
//! tactics it contributes, with the other plans' tactics as related
//! information. Nothing is walked or read per keystroke.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Position, Range, Uri,
};
use rayon::prelude::*;
use serde_json::Value;

use crate::audit::{self, across_plans, CrossPlanBooking, PlanFacts};
use crate::config::ConfigFinder;
use crate::diagnostics::Severity;
use crate::files::discover::{collect_inputs, WalkOptions};
use crate::files::{self, Input};
use crate::rules::{LintOptions, RuleSet};
use crate::syntax::BlockKind;

use super::diagnostics::SOURCE;
use super::document::{file_path, Document};
use super::position;

pub const RULE: &str = "overbooked-across-plans";

/// Plans larger than this are left out of the workspace walk: a plan is a
/// few kilobytes, and a folder of huge generated files must not stall the
/// server at start (such a plan still counts once it is opened).
const MAX_WALKED_PLAN_SIZE: u64 = 16 * 1024 * 1024;

/// At most this many plans on disk are read (a workspace opened on a home
/// directory); the rest are left out.
const MAX_WALKED_PLANS: usize = 5_000;

/// The workspace folders and the facts of the plans in them, as on disk.
#[derive(Default)]
pub struct Workspace {
    roots: Vec<PathBuf>,
    /// By [`key`]; each facts' `path` is that key, displayed.
    on_disk: HashMap<PathBuf, PlanFacts>,
}

impl Workspace {
    /// The folders the client names in `initialize`: its workspace
    /// folders, else its root (`rootUri`, or the older `rootPath`).
    pub fn from_initialize(params: &Value) -> Workspace {
        let uri_path = |value: &Value| {
            let uri: Uri = value.as_str()?.parse().ok()?;
            file_path(&uri)
        };
        let mut roots: Vec<PathBuf> = params
            .get("workspaceFolders")
            .and_then(Value::as_array)
            .map(|folders| {
                folders
                    .iter()
                    .filter_map(|folder| uri_path(&folder["uri"]))
                    .collect()
            })
            .unwrap_or_default();
        if roots.is_empty() {
            roots.extend(params.get("rootUri").and_then(uri_path));
        }
        if roots.is_empty() {
            roots.extend(
                params
                    .get("rootPath")
                    .and_then(Value::as_str)
                    .map(PathBuf::from),
            );
        }
        Workspace {
            roots,
            on_disk: HashMap::new(),
        }
    }

    /// Walks every folder again and reads each plan found.
    pub fn scan(&mut self, configs: &mut ConfigFinder, options: &LintOptions) {
        // One root at a time: a folder that is gone leaves the others.
        let found: Vec<Input> = self
            .roots
            .iter()
            .filter_map(|root| {
                collect_inputs(std::slice::from_ref(root), None, WalkOptions::default()).ok()
            })
            .flat_map(|discovery| discovery.inputs)
            .collect();
        let plans: Vec<PathBuf> = found
            .into_iter()
            .filter_map(|input| match input {
                Input::File(path) => Some(path),
                _ => None,
            })
            .filter(|path| small_enough(path))
            .take(MAX_WALKED_PLANS)
            .collect();
        let work: Vec<(PathBuf, Arc<RuleSet>)> = plans
            .into_iter()
            .filter_map(|path| Some((path.clone(), rules_for(configs, &path)?)))
            .collect();
        self.on_disk = work
            .par_iter()
            .map(|(path, rules)| {
                let key = key(path);
                let facts = facts_on_disk(path, &key, rules, options);
                (key, facts)
            })
            .collect();
    }

    /// A plan on disk was created, changed or deleted: read it again. A
    /// new one means walking again (whether the walk finds it is the
    /// ignore files' say).
    pub fn refresh(&mut self, path: &Path, configs: &mut ConfigFinder, options: &LintOptions) {
        let key = key(path);
        if files::regular_file_size(path).is_none() {
            self.on_disk.remove(&key);
            return;
        }
        if !self.on_disk.contains_key(&key) {
            if self.roots.iter().any(|root| path.starts_with(root)) {
                self.scan(configs, options);
            }
            return;
        }
        match rules_for(configs, path).filter(|_| small_enough(path)) {
            Some(rules) => {
                let facts = facts_on_disk(path, &key, &rules, options);
                self.on_disk.insert(key, facts);
            }
            None => {
                self.on_disk.remove(&key);
            }
        }
    }

    /// The `overbooked-across-plans` diagnostics of each open document
    /// that has some, by URI; the plans on disk count as they are there,
    /// the open ones with the editor's text.
    pub fn diagnostics<'a>(
        &self,
        open: impl Iterator<Item = &'a Document> + Clone,
    ) -> HashMap<String, Vec<Diagnostic>> {
        let open_keys: HashSet<String> = open
            .clone()
            .filter_map(|document| document.facts.as_ref())
            .map(|facts| facts.path.clone())
            .collect();
        let plans: Vec<&PlanFacts> = self
            .on_disk
            .values()
            .filter(|facts| !open_keys.contains(&facts.path))
            .chain(open.clone().filter_map(|document| document.facts.as_ref()))
            .collect();
        let bookings = across_plans::overbooked(plans.iter().copied());
        let mut found: HashMap<String, Vec<Diagnostic>> = HashMap::new();
        if bookings.is_empty() {
            return found;
        }
        for document in open {
            let Some(facts) = &document.facts else {
                continue;
            };
            for booking in &bookings {
                if booking.contributions.iter().any(|c| c.plan == facts.path) {
                    let diagnostics = self.diagnostics_in(document, &facts.path, booking);
                    found
                        .entry(document.uri.as_str().to_string())
                        .or_default()
                        .extend(diagnostics);
                }
            }
        }
        found
    }

    /// The finding at each tactic of `document` that contributes to the
    /// booking, unless its configuration turns the rule off.
    fn diagnostics_in(
        &self,
        document: &Document,
        plan: &str,
        booking: &CrossPlanBooking,
    ) -> Vec<Diagnostic> {
        let mut shown = booking.clone();
        for contribution in &mut shown.contributions {
            contribution.plan = self.display(&contribution.plan);
        }
        let Some(finding) = document.rules.render_unattached(RULE, shown.hit(), "") else {
            return Vec::new();
        };
        let mut message = finding.message;
        if let Some(help) = finding.help {
            message.push('\n');
            message.push_str(&help);
        }
        let related: Vec<DiagnosticRelatedInformation> = booking
            .contributions
            .iter()
            .filter(|c| c.plan != plan)
            .filter_map(|c| {
                let uri: Uri = path_uri(Path::new(&c.plan))?;
                let line = c.line.saturating_sub(1) as u32;
                Some(DiagnosticRelatedInformation {
                    location: Location::new(
                        uri,
                        Range::new(Position::new(line, 0), Position::new(line, 0)),
                    ),
                    message: format!(
                        "`{}` books {} person-days of @{} in {}",
                        c.tactic, c.effort, booking.person, booking.quarter
                    ),
                })
            })
            .collect();
        booking
            .contributions
            .iter()
            .filter(|c| c.plan == plan)
            .map(|c| Diagnostic {
                range: tactic_range(document, &c.tactic, c.line),
                severity: Some(match finding.severity {
                    Severity::Error => DiagnosticSeverity::ERROR,
                    Severity::Warning => DiagnosticSeverity::WARNING,
                    Severity::Info => DiagnosticSeverity::INFORMATION,
                }),
                code: Some(NumberOrString::String(RULE.to_string())),
                source: Some(SOURCE.to_string()),
                message: message.clone(),
                related_information: (!related.is_empty()).then(|| related.clone()),
                ..Diagnostic::default()
            })
            .collect()
    }

    /// A plan as the finding's message names it: relative to the
    /// workspace folder it is in.
    fn display(&self, plan: &str) -> String {
        let path = Path::new(plan);
        self.roots
            .iter()
            .filter_map(|root| path.strip_prefix(key(root)).ok())
            .min_by_key(|relative| relative.as_os_str().len())
            .map_or_else(|| plan.to_string(), files::display_path)
    }
}

/// The one name of a plan, whatever link or spelling led to it: its
/// canonical path (or the path as given, for a file not on disk).
pub fn key(path: &Path) -> PathBuf {
    files::canonical(path).unwrap_or_else(|_| files::normalise_path(path))
}

/// The facts of a document's text, under its [`key`].
pub fn named_facts(mut facts: PlanFacts, path: Option<&Path>) -> PlanFacts {
    if let Some(path) = path {
        facts.path = key(path).display().to_string();
    }
    facts
}

fn small_enough(path: &Path) -> bool {
    files::regular_file_size(path).is_some_and(|size| size <= MAX_WALKED_PLAN_SIZE)
}

/// The rules of a plan on disk; `None` when its configuration excludes it.
/// A broken configuration counts the plan with the built-in rules (the
/// editor hears of the problem when a plan under it is opened).
fn rules_for(configs: &mut ConfigFinder, path: &Path) -> Option<Arc<RuleSet>> {
    match configs.for_plan(path) {
        Ok(config) if config.excludes(path) => None,
        Ok(config) => Some(config.rules.clone()),
        Err(_) => Some(Arc::new(RuleSet::builtin())),
    }
}

fn facts_on_disk(path: &Path, key: &Path, rules: &RuleSet, options: &LintOptions) -> PlanFacts {
    let mut facts = audit::facts_of(&Input::File(path.to_path_buf()), rules, options);
    facts.path = key.display().to_string();
    // Only the bookings and capacities are used: drop the rest.
    facts.top_findings = Vec::new();
    facts
}

/// The `file:` URI of an absolute path.
pub fn path_uri(path: &Path) -> Option<Uri> {
    let text = path.to_str()?;
    let mut uri = String::from("file://");
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(byte as char);
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri.parse().ok()
}

/// Where a contributing tactic is: its header, from the document's
/// outline, else the start of its line.
fn tactic_range(document: &Document, tactic: &str, line: usize) -> Range {
    let block = document
        .outline
        .blocks
        .iter()
        .find(|block| block.kind == BlockKind::Tactic && block.id.as_deref() == Some(tactic));
    match block {
        Some(block) => position::range(&document.source, block.header),
        None => {
            let line = line.saturating_sub(1) as u32;
            Range::new(Position::new(line, 0), Position::new(line, 0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_come_from_workspace_folders_then_the_root_uri() {
        let folders = serde_json::json!({
            "workspaceFolders": [{ "uri": "file:///plans/emea", "name": "emea" },
                                 { "uri": "untitled:x", "name": "x" }],
            "rootUri": "file:///elsewhere",
        });
        assert_eq!(
            Workspace::from_initialize(&folders).roots,
            [PathBuf::from("/plans/emea")]
        );
        let root = serde_json::json!({ "workspaceFolders": null, "rootUri": "file:///plans" });
        assert_eq!(
            Workspace::from_initialize(&root).roots,
            [PathBuf::from("/plans")]
        );
        let none = serde_json::json!({ "rootUri": null });
        assert!(Workspace::from_initialize(&none).roots.is_empty());
    }

    #[test]
    fn paths_become_uris_that_read_back() {
        let path = Path::new("/tmp/my plans/été #1.plan");
        let uri = path_uri(path).unwrap();
        assert_eq!(
            uri.as_str(),
            "file:///tmp/my%20plans/%C3%A9t%C3%A9%20%231.plan"
        );
        assert_eq!(file_path(&uri).as_deref(), Some(path));
    }
}
