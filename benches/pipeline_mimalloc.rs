//! The `pipeline` benchmark with mimalloc as the global allocator, as in
//! the `dpa` binary: text → full model on the two customer fixtures.
//!
//! Run: `cargo bench --bench pipeline_mimalloc`.

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

include!("shared/pipeline_body.rs");
