//! Parser: `numbers` values.
