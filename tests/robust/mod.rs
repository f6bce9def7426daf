//! Helpers of the robustness suite (`tests/robustness.rs`).

pub mod alloc;
pub mod cases;
pub mod harness;
pub mod mutate;
pub mod pdfgen;
pub mod rng;
