//! Dutch (and English) value parsers: each returns the normalized value and
//! the byte range it was read from. Vocabularies live in data tables.
