//! A party's printed details: name and professional identity as they appear
//! on agreements and, later, on records and letters. The vault owner's own
//! details are kept in the settings; everyone else's come from their people
//! record.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::validate::{single_line, LICENCE_NUMBER_CHARS, SHORT_CHARS};

/// Details of a party as printed in the agreement. Used as input for the
/// vault owner, whose details are not in a people record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PartyDetails {
    /// Full name.
    pub name: String,
    /// Professional role, e.g. "Clinical supervisor".
    pub professional_role: String,
    /// Organisation, if any.
    pub organisation: String,
    /// Licence or registration number.
    pub licence_number: String,
    /// The body that issued it.
    pub licence_body: String,
}

impl PartyDetails {
    /// Checked and trimmed: one-line fields within their limits.
    pub fn normalised(&self) -> Result<PartyDetails> {
        Ok(PartyDetails {
            name: single_line("A party's name", &self.name, SHORT_CHARS)?,
            professional_role: single_line(
                "A party's professional role",
                &self.professional_role,
                SHORT_CHARS,
            )?,
            organisation: single_line("A party's organisation", &self.organisation, SHORT_CHARS)?,
            licence_number: single_line(
                "A party's licence number",
                &self.licence_number,
                LICENCE_NUMBER_CHARS,
            )?,
            licence_body: single_line("A party's licensing body", &self.licence_body, SHORT_CHARS)?,
        })
    }
}
