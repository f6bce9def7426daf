// The body of the `pipeline` and `pipeline_mimalloc` benchmarks (one
// source, two global allocators).

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

const FIXTURES: &[(&str, &str)] = &[
    (
        "lucidon",
        include_str!("../../fixtures/text/lucidon-verwerkersovereenkomst.txt"),
    ),
    (
        "lucrasoft",
        include_str!("../../fixtures/text/lucrasoft-data-pro-statement.txt"),
    ),
];

fn pipeline(c: &mut Criterion) {
    let opts = dpa::Options::default();
    let mut group = c.benchmark_group("text_to_model");
    for (name, text) in FIXTURES {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| dpa::analyze_str(black_box(text), &opts))
        });
    }
    let total: usize = FIXTURES.iter().map(|(_, t)| t.len()).sum();
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("both", |b| {
        b.iter(|| {
            for (_, text) in FIXTURES {
                black_box(dpa::analyze_str(black_box(text), &opts));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
