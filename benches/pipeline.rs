//! Criterion benchmarks of the three middle stages (parse, model, rules) on
//! a small plan, a large one and a pathological one (every tactic with the
//! mistakes that once made planlint quadratic: an unknown objective, an
//! unknown owner, a duplicated id, a repeated key, a suppression, all alike).
//!
//! `cargo bench --bench pipeline`; `cargo bench --bench pipeline -- parse`
//! for one stage. The plans are generated here, so the figures compare run
//! to run. Timing lives here, never in tests.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};

use planlint::model;
use planlint::rules::{LintOptions, RuleSet};
use planlint::source::SourceFile;
use planlint::syntax;

const HEAD: &str = r#"plan "Bench" {
  owner: @ana
  period: 2027-Q1..2027-Q4
  challenge: "Grow pipeline"
  budget: 900k EUR
  strategy growth "Grow"
  team {
    member @ana { capacity: 90d }
    member @ben { capacity: 90d }
  }
  objective pipeline "Pipeline" {
    owner: @ana
    supports: growth
    kpi opps { stage: opportunity  target: 120  due: 2027-Q4  source: crm }
  }
"#;

/// A plan of `tactics` tactics, clean or with every mistake in each.
fn plan(tactics: usize, pathological: bool) -> String {
    let mut text = String::from(HEAD);
    for i in 0..tactics {
        if pathological {
            text.push_str(&format!(
                "  # planlint: allow(missing-audience) -- imported\n  tactic t{} \"Tactic {i}\" {{\n    owner: @person-{i}\n    supports: objective-{i}\n    channel: email\n    channel: events\n    audience: \"IT\"\n    when: 2027-Q5\n    effort: lots\n    kpi m{} {{ stage: engagement  target: 10  due: 2027-Q4  source: {} }}\n  }}\n",
                i / 2,
                i / 2,
                ["crm", "hubspot"][i % 2],
            ));
        } else {
            text.push_str(&format!(
                "  tactic t{i} \"Tactic {i}\" {{\n    owner: @ben\n    supports: pipeline\n    channel: email\n    audience: \"Audience {i}\"\n    when: 2027-Q{}\n    effort: 1d\n    budget: 1k EUR\n    kpi m{i} {{ stage: engagement  target: 10  due: 2027-Q4  source: crm }}\n  }}\n",
                1 + i % 4
            ));
        }
    }
    text.push_str("}\n");
    text
}

fn plans() -> Vec<(&'static str, String)> {
    vec![
        ("small", plan(20, false)),
        ("large", plan(5_000, false)),
        ("pathological", plan(5_000, true)),
    ]
}

fn stages(c: &mut Criterion) {
    let rules = RuleSet::builtin();
    let options = LintOptions {
        today: model::Date::parse("2027-01-15").expect("a date"),
    };
    for (name, text) in plans() {
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(10);
        group.bench_function(BenchmarkId::new("parse", name), |b| {
            b.iter(|| syntax::parse_recovering(black_box(&text)))
        });
        let tree = syntax::parse_recovering(&text)
            .tree
            .expect("the generated plan parses");
        group.bench_function(BenchmarkId::new("model", name), |b| {
            // The build consumes its tree: each iteration gets a copy,
            // made outside the timing.
            b.iter_batched(
                || tree.clone(),
                |tree| model::build(black_box(&text), tree),
                BatchSize::LargeInput,
            )
        });
        let plan = model::build(&text, tree);
        let file = SourceFile::new("bench.plan", text.clone());
        group.bench_function(BenchmarkId::new("rules", name), |b| {
            b.iter(|| rules.check_plan(black_box(&plan), &file, &[], &options))
        });
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
