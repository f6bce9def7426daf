//! Parser: `phone` values.
