//! Parser: `clean` values.
