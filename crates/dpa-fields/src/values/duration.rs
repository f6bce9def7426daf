//! Parser: `duration` values.
