//! Parser: `email` values.
