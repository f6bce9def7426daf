//! Parser: `date` values.
