//! `kpi-sources`: KPIs with the same id must be read from the same `source`.
//!
//! Why: a KPI id names a measure, and several objectives and tactics may
//! track the same measure. If one reads it from the CRM and another from
//! the marketing-automation tool, the plan has two truths for one number,
//! and every review turns into an argument about whose figure is right.
//!
//! The first KPI with an id (in file order) that states a source sets the
//! source for that id; every later KPI with the same id and a different
//! source is one finding at its `source` value, with the first one as a
//! secondary label. Sources are compared ignoring case and surrounding
//! spaces (`Salesforce` and `salesforce` are the same system).
//!
//! One cause, one finding: a KPI without a `source` (`kpi-without-source`)
//! or with an invalid one is skipped, and so is a second KPI with the same
//! id in the same block (`duplicate-id` reports that).

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::{Check, CheckContext, CheckError, CheckKind, Hit, Hits, Selector, label, LabelSlot, Spot};
use crate::rules::words;
use crate::model::{BlockIndex, BlockKind, Span, Value};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KpiSources {}

/// The KPI that set an id's source.
struct FirstSource {
    parent: Option<BlockIndex>,
    normalized: String,
    written: String,
    span: Span,
}

impl CheckKind for KpiSources {
    const NAME: &'static str = "kpi-sources";
    const SUMMARY: &'static str = "one KPI is read from one source (`conflicting-kpi-sources`)";
    const VARIABLES: &'static [&'static str] = &["source", "other-source", "other-block", "line"];
    /// The other reading is in a KPI of the plan itself, not of a block.
    const CASES: &'static [&'static str] = &["top-level"];
    const LABELS: &'static [LabelSlot] = &[label("source", &[]), label("other-source", &[])];
    type Params = KpiSources;

    fn compile(params: KpiSources, _: Selector) -> Result<KpiSources, CheckError> {
        Ok(params)
    }
}

impl Check for KpiSources {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        let plan = context.plan;
        // Sized once: growing them rehashed every KPI id several times.
        let kpis = plan.blocks_of(BlockKind::Kpi).count();
        let mut first_by_id: HashMap<&str, FirstSource> = HashMap::with_capacity(kpis);
        let mut seen_in_parent: HashSet<(&str, Option<BlockIndex>)> =
            HashSet::with_capacity(kpis);
        for (index, kpi) in plan.blocks_of(BlockKind::Kpi) {
            let Some(id) = kpi.id else { continue };
            if !seen_in_parent.insert((id, kpi.parent)) {
                continue; // a duplicate-id
            }
            let Some(attribute) = kpi.attribute("source") else {
                continue;
            };
            let written = match &attribute.value {
                Value::Word(word) => word.to_string(),
                Value::Text(text) => text.to_string(),
                _ => continue, // invalid: reported by invalid-value
            };
            let normalized = written.trim().to_lowercase();
            let Some(first) = first_by_id.get(id) else {
                first_by_id.insert(
                    id,
                    FirstSource {
                        parent: kpi.parent,
                        normalized,
                        written,
                        span: attribute.span,
                    },
                );
                continue;
            };
            if first.normalized == normalized {
                continue;
            }
            let line = context.lines.line(first.span.start);
            let mut hit = Hit::new(index, Spot::new(attribute.span, "source"))
            .var("source", written.clone())
            .var("other-source", first.written.clone())
            .var("line", line.to_string());
            hit = match first.parent {
                Some(parent) => hit.var("other-block", words::block_name(plan.block(parent))),
                None => hit.case("top-level"),
            };
            hit.secondary.push(Spot::new(first.span, "other-source"));
            hits.push(hit);
        }
    }
}
