//! Benchmark placeholder (owned by the stage that measures it).

fn main() {}
