//! Case references. TEMPORARY stub: replaced by `crate::nameguard` when the
//! lead's module lands on main (same signature).

use crate::error::{Error, Result};

/// Longest case reference.
const MAX_CHARS: usize = 20;

/// A case reference: a short pseudonymous code such as "C-17": letters,
/// digits and `-_./#`, at least one digit, no spaces, at most 20
/// characters. Anything else (a name, in particular) is refused.
pub(crate) fn validate_case_reference(s: &str) -> Result<String> {
    let v = s.trim();
    if v.is_empty() {
        return Err(Error::Empty("The case reference"));
    }
    let ok_chars = v
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./#".contains(c));
    if v.chars().count() > MAX_CHARS || !ok_chars || !v.chars().any(|c| c.is_ascii_digit()) {
        return Err(Error::InvalidInput(
            "The case reference must be a short code such as \"C-17\" (letters, digits and dashes, with at least one digit, no spaces), never a name.".into(),
        ));
    }
    Ok(v.to_string())
}
