//! 100,000 simulation draws of a plan with ranges on seven inputs.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use preflight_planner::{simulate, Plan};

const PLAN: &str = r#"{
  "spend": {"low": 8000, "likely": 10000, "high": 12000},
  "cpc": {"low": 3, "likely": 4, "high": 6},
  "cvr": {"low": 0.015, "likely": 0.03, "high": 0.05},
  "value": {"low": 80, "likely": 120, "high": 200},
  "margin": 0.4,
  "lag_median_days": {"low": 1, "likely": 2, "high": 4},
  "lag_sigma": 1.0,
  "cannibalization": {"low": 0.1, "likely": 0.2, "high": 0.35},
  "ai_citation_share": 0.3,
  "ai_lift": {"low": 0, "likely": 0.2, "high": 0.4}
}"#;

fn monte_carlo(c: &mut Criterion) {
    let plan = Plan::from_json(PLAN).expect("benchmark plan is valid");
    let mut group = c.benchmark_group("simulate");
    group.sample_size(20);
    group.measurement_time(std::time::Duration::from_secs(10));
    group.bench_function("100k draws", |b| {
        b.iter(|| simulate(black_box(&plan), 100_000, black_box(42)).expect("simulates"))
    });
    group.finish();
}

criterion_group!(benches, monte_carlo);
criterion_main!(benches);
