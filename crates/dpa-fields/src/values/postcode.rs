//! Parser: `postcode` values.
