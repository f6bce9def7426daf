//! Parser: `country` values.
