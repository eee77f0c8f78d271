//! `after-order`: a tactic must not start before the tactics it comes
//! `after` have ended, and `after` links must not go round in a circle.
//!
//! Why: sequence is what turns a list of activities into a plan (the
//! website before the campaign that sends people to it). A tactic whose
//! first quarter is earlier than the last quarter of a tactic it comes
//! after is out of order; the same quarter is fine, since quarters are
//! the plan's grain. A circle of `after` (`a` after `b`, `b` after `a`)
//! leaves no tactic that can start first.
//!
//! Circles are found as the strongly connected components of the `after`
//! graph (Tarjan's algorithm, iterative so a long chain cannot overflow the
//! stack). Each tangle is reported once, at the `after` value of its first
//! tactic in file order (the item naming the next tactic of the shortest
//! circle back to it), with every other `after` link of the tangle as a
//! secondary label. Links inside a tangle are not also checked for quarter
//! order: the circle is the one cause. An order finding points at the
//! `after` item, with the earlier tactic's `when` as a secondary label.
//!
//! One cause, one finding: names that resolve to nothing
//! (`unknown-reference`), names of blocks that are not tactics, and invalid
//! values are skipped; a tactic without a valid `when` is not checked for
//! order (it can still be part of a circle).

use std::collections::VecDeque;

use serde::Deserialize;

use super::{ListItem, Check, CheckContext, CheckError, CheckKind, Hit, Hits, Selector, label, LabelSlot, Spot};
use crate::model::{BlockIndex, BlockKind, Plan, Span};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AfterOrder {}

/// One `after` link: tactic `from` (a node) comes after tactic `to`.
#[derive(Debug, Clone, Copy)]
struct Link {
    to: usize,
    /// The `after` item naming `to`.
    span: Span,
}

/// The `after` graph over the plan's tactics, nodes in file order.
struct Graph {
    tactics: Vec<BlockIndex>,
    links: Vec<Vec<Link>>,
}

impl Graph {
    fn of(plan: &Plan<'_>) -> Graph {
        let tactics: Vec<BlockIndex> = plan
            .blocks_of(BlockKind::Tactic)
            .map(|(index, _)| index)
            .collect();
        let node_of = |block: BlockIndex| tactics.binary_search(&block).ok();
        let links = tactics
            .iter()
            .map(|&tactic| {
                let mut links: Vec<Link> = Vec::new();
                for (reference, span) in plan.block(tactic).references("after") {
                    if reference.target.is_none() {
                        continue; // reported by unknown-reference
                    }
                    // The first tactic of that name (a KPI may share the id).
                    let Some(to) = plan
                        .named(reference.name)
                        .iter()
                        .copied()
                        .find(|&block| plan.block(block).kind == BlockKind::Tactic)
                        .and_then(node_of)
                    else {
                        continue;
                    };
                    if links.iter().all(|link| link.to != to) {
                        links.push(Link { to, span });
                    }
                }
                links
            })
            .collect();
        Graph { tactics, links }
    }

    /// The strongly connected component of every node (Tarjan, iterative).
    fn components(&self) -> Vec<usize> {
        const UNSEEN: usize = usize::MAX;
        let count = self.tactics.len();
        let mut order = vec![UNSEEN; count];
        let mut low = vec![0; count];
        let mut on_stack = vec![false; count];
        let mut stack = Vec::new();
        let mut component = vec![UNSEEN; count];
        let mut next_order = 0;
        let mut next_component = 0;
        for root in 0..count {
            if order[root] != UNSEEN {
                continue;
            }
            // (node, index of the next link to follow)
            let mut work = vec![(root, 0)];
            order[root] = next_order;
            low[root] = next_order;
            next_order += 1;
            stack.push(root);
            on_stack[root] = true;
            while let Some(&mut (node, ref mut next)) = work.last_mut() {
                if let Some(link) = self.links[node].get(*next) {
                    *next += 1;
                    let to = link.to;
                    if order[to] == UNSEEN {
                        order[to] = next_order;
                        low[to] = next_order;
                        next_order += 1;
                        stack.push(to);
                        on_stack[to] = true;
                        work.push((to, 0));
                    } else if on_stack[to] {
                        low[node] = low[node].min(order[to]);
                    }
                    continue;
                }
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    low[parent] = low[parent].min(low[node]);
                }
                if low[node] == order[node] {
                    while let Some(member) = stack.pop() {
                        on_stack[member] = false;
                        component[member] = next_component;
                        if member == node {
                            break;
                        }
                    }
                    next_component += 1;
                }
            }
        }
        component
    }

    /// The shortest circle from `start` back to it within its component, as
    /// the links followed (breadth first, links in file order).
    fn shortest_circle(&self, start: usize, component: &[usize]) -> Vec<(usize, Link)> {
        let mut reached_by: Vec<Option<(usize, Link)>> = vec![None; self.tactics.len()];
        let mut queue = VecDeque::from([start]);
        while let Some(node) = queue.pop_front() {
            for &link in &self.links[node] {
                if component[link.to] != component[start] {
                    continue;
                }
                if link.to == start {
                    let mut circle = vec![(node, link)];
                    let mut at = node;
                    while at != start {
                        let Some((from, via)) = reached_by[at] else {
                            break;
                        };
                        circle.push((from, via));
                        at = from;
                    }
                    circle.reverse();
                    return circle;
                }
                if reached_by[link.to].is_none() {
                    reached_by[link.to] = Some((node, link));
                    queue.push_back(link.to);
                }
            }
        }
        Vec::new()
    }
}

impl CheckKind for AfterOrder {
    const NAME: &'static str = "after-order";
    const SUMMARY: &'static str = "`after` dependencies run in order and without loops (`out-of-sequence`)";
    const VARIABLES: &'static [&'static str] = &["before", "starts", "ends", "circle", "tangled"];
    const CASES: &'static [&'static str] = &["itself", "circle", "tangled-circle"];
    /// On the `after` that closes a circle (or names its own tactic) and
    /// the circle's other links; on an `after` whose tactic starts too soon
    /// and on its predecessor's `when`.
    const LABELS: &'static [LabelSlot] = &[
        label("itself", &[]),
        label("closes-circle", &[]),
        label("link", &["from", "to"]),
        label("starts-before", &[]),
        label("ends", &[]),
        // Steps of `{circle}`: `link` words the first, these the others and
        // a tactic that names itself.
        label("step", &["from", "to"]),
        label("step-itself", &["from", "to"]),
    ];
    type Params = AfterOrder;

    fn compile(params: AfterOrder, _: Selector) -> Result<AfterOrder, CheckError> {
        Ok(params)
    }
}

impl Check for AfterOrder {
    fn run(&self, context: &CheckContext<'_, '_>, hits: &mut Hits<'_>) {
        let plan = context.plan;
        let graph = Graph::of(plan);
        let component = graph.components();
        let id_of = |node: usize| plan.block(graph.tactics[node]).id.unwrap_or("?");

        // Circles: once per component, at its first tactic in file order.
        let mut reported = vec![false; graph.tactics.len()];
        for start in 0..graph.tactics.len() {
            let circular = graph.links[start]
                .iter()
                .any(|link| component[link.to] == component[start]);
            if !circular || reported[component[start]] {
                continue;
            }
            reported[component[start]] = true;
            let circle = graph.shortest_circle(start, &component);
            let Some(&(_, first_link)) = circle.first() else {
                continue;
            };
            let steps: Vec<ListItem> = circle
                .iter()
                .enumerate()
                .map(|(step, &(from, link))| {
                    let label = match (from == link.to, step) {
                        (true, _) => "step-itself",
                        (false, 0) => "link",
                        (false, _) => "step",
                    };
                    let vars = vec![("from", id_of(from).to_string()), ("to", id_of(link.to).to_string())];
                    ListItem::Worded { label, vars }
                })
                .collect();
            let mut on_circle = vec![false; graph.tactics.len()];
            for &(from, _) in &circle {
                on_circle[from] = true;
            }
            let tangled: Vec<String> = (0..graph.tactics.len())
                .filter(|&node| component[node] == component[start] && !on_circle[node])
                .map(|node| format!("`{}`", id_of(node)))
                .collect();
            let (label, case) = if circle.len() == 1 {
                ("itself", "itself")
            } else if tangled.is_empty() {
                ("closes-circle", "circle")
            } else {
                ("closes-circle", "tangled-circle")
            };
            let mut hit = Hit::new(graph.tactics[start], Spot::new(first_link.span, label))
                .case(case)
                .steps("circle", steps)
                .var("tangled", tangled.join(", "));
            // Every other link inside the tangle, in file order.
            for (from, links) in graph.links.iter().enumerate() {
                for link in links {
                    let same_tangle = component[from] == component[start]
                        && component[link.to] == component[start];
                    if same_tangle && link.span != first_link.span {
                        hit.secondary.push(
                            Spot::new(link.span, "link")
                                .var("from", id_of(from))
                                .var("to", id_of(link.to)),
                        );
                    }
                }
            }
            hits.push(hit);
        }

        // Order: a tactic may start in the quarter its predecessor ends, not before.
        for (node, links) in graph.links.iter().enumerate() {
            let tactic = plan.block(graph.tactics[node]);
            let Some(when) = tactic.quarter_range("when") else {
                continue;
            };
            for link in links {
                if component[link.to] == component[node] {
                    continue; // inside a circle: reported above
                }
                let before = plan.block(graph.tactics[link.to]);
                let (Some(before_when), Some(before_when_attribute)) =
                    (before.quarter_range("when"), before.attribute("when"))
                else {
                    continue;
                };
                if when.first >= before_when.last {
                    continue;
                }
                let before_id = id_of(link.to);
                let mut hit = Hit::new(graph.tactics[node], Spot::new(link.span, "starts-before"))
                .var("before", before_id)
                .var("starts", when.first.to_string())
                .var("ends", before_when.last.to_string());
                hit.secondary.push(Spot::new(before_when_attribute.span, "ends"));
                hits.push(hit);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn hits_for(source: &str) -> Vec<Hit> {
        let tree = crate::syntax::parse(source).expect("the test plan parses");
        let plan = crate::model::build(source, tree);
        let lines = crate::source::LineIndex::new(source);
        let context = CheckContext {
            plan: &plan,
            source,
            lines: &lines,
            today: Date::parse("2027-01-15").unwrap(),
            rates: &crate::model::ExchangeRates::default(),
        };
        Hits::collect(|hits| AfterOrder {}.run(&context, hits))
    }

    #[test]
    fn a_long_circle_is_one_finding_without_deep_recursion() {
        let count = 10_000;
        let mut source = String::from("plan \"P\" {\n");
        for i in 0..count {
            let next = (i + 1) % count;
            source.push_str(&format!(
                "  tactic t{i} \"T\" {{ when: 2027-Q1  after: t{next} }}\n"
            ));
        }
        source.push_str("}\n");
        assert_eq!(hits_for(&source).len(), 1);
    }

    #[test]
    fn a_long_chain_in_order_is_fine() {
        let mut source = String::from("plan \"P\" {\n  tactic t0 \"T\" { when: 2027-Q1 }\n");
        for i in 1..5_000 {
            source.push_str(&format!(
                "  tactic t{i} \"T\" {{ when: 2027-Q1  after: t{} }}\n",
                i - 1
            ));
        }
        source.push_str("}\n");
        assert!(hits_for(&source).is_empty());
    }
}
