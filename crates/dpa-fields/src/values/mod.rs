//! Dutch (and English) value parsers: each returns the normalized value and
//! the byte range it was read from. Vocabularies live in data tables.

pub mod clean;
pub mod country;
pub mod date;
pub mod duration;
pub mod email;
pub mod kvk;
pub mod legal_form;
pub mod numbers;
pub mod phone;
pub mod postcode;
