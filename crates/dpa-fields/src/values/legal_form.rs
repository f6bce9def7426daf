//! Parser: `legal_form` values.
