//! Supervision and practice hours: the ledger a board's rules are applied to.
//!
//! Reached through the handle [`Hours::of`]. [`Hours::ledger`] gathers, for
//! one person, every held session with them (individual) or with a group
//! they belong to (group or triadic), oldest first, with its length and
//! form, plus the date from which hours count (the earliest effective date
//! of their agreements).
//!
//! All durations are whole minutes.

mod ledger;
mod types;

use crate::vault::Vault;

pub use types::{
    ItemSource, Ledger, PracticeWeek, SupervisionForm, SupervisionItem, SupervisorOfRecord,
};

/// Supervision and practice hours of an unlocked vault.
pub struct Hours<'a> {
    vault: &'a mut Vault,
}

impl<'a> Hours<'a> {
    /// The hours of `vault`.
    pub fn of(vault: &'a mut Vault) -> Self {
        Hours { vault }
    }
}
