//! Text → full model throughput (normalize, segment, fields, check) on the
//! two customer fixtures, in MB/s on one core, with the system allocator
//! (what a program embedding the library gets by default). Target: ≥ 10 MB/s.
//! `benches/pipeline_mimalloc.rs` runs the same with mimalloc, the
//! allocator of the `dpa` binary.
//!
//! Run: `cargo bench --bench pipeline --bench pipeline_mimalloc`.

include!("shared/pipeline_body.rs");
