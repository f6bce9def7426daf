//! Segmentation throughput (MB/s of normalized text) on the project's
//! fixture texts: `cargo bench --bench segment`.
//!
//! The text stage runs once outside the timed loop; only
//! `dpa::segment::segment` is measured. Target: ≥ 50 MB/s on one core.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use dpa::NormalizedText;
use std::path::Path;

/// The fixture texts, normalized by the text stage (sorted by name).
fn fixtures() -> Vec<(String, NormalizedText)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/text");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    paths.sort();
    let opts = dpa::Options::default();
    paths
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            let text = dpa::extract_text(&bytes, dpa::Format::Text, &opts).ok()?;
            let name = p.file_stem()?.to_string_lossy().into_owned();
            Some((name, text))
        })
        .collect()
}

fn segment(c: &mut Criterion) {
    let docs = fixtures();
    let mut group = c.benchmark_group("segment");
    for (name, text) in &docs {
        group.throughput(Throughput::Bytes(text.text.len() as u64));
        group.bench_function(name.as_str(), |b| {
            b.iter(|| dpa::segment::segment(black_box(text)))
        });
    }
    let total: u64 = docs.iter().map(|(_, t)| t.text.len() as u64).sum();
    group.throughput(Throughput::Bytes(total));
    group.bench_function("all-fixtures", |b| {
        b.iter(|| {
            for (_, text) in &docs {
                black_box(dpa::segment::segment(black_box(text)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, segment);
criterion_main!(benches);
