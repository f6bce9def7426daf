//! The literal automaton of a pattern pool: the shared flat-table
//! Aho-Corasick walk of `dpa-literals`.

pub(crate) use dpa_literals::Literals;

#[cfg(test)]
pub(crate) use dpa_literals::testing::{assert_finds_all, generated_texts};
