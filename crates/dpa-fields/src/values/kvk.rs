//! Parser: `kvk` values.
