//! Fixtures for the invoice tests: the records fixture's weekly sessions
//! (Mondays 10:00 London from 5 January 2026), an agreement in force with a
//! structured fee, the owner's profile, held sessions and cancellations.
#![allow(dead_code, unused_imports)]

use chrono::{DateTime, Duration, Utc};
use confidant_core::agreements::{AcknowledgementInput, Agreements, Fee, FeeBasis, PartyDetails};
use confidant_core::schedule::{CancelInput, CancelledBy, Schedule};
use confidant_core::settings::VaultSettings;
use confidant_core::vault::Vault;

#[path = "../records_fixture/mod.rs"]
pub mod records;

pub use records::{date, day, now, utc, world, World};

pub const OWNER: &str = "Dana Whitfield";

pub fn fee(amount: u64, currency: &str, basis: FeeBasis, late: u32) -> Fee {
    Fee {
        amount_minor: Some(amount),
        currency: currency.into(),
        basis,
        late_cancellation_percent: late,
    }
}

pub fn owner() -> PartyDetails {
    PartyDetails {
        name: OWNER.into(),
        professional_role: "Clinical supervisor".into(),
        organisation: "Whitfield Supervision Ltd".into(),
        licence_number: "SW-88213".into(),
        licence_body: "Social Work England".into(),
    }
}

/// An agreement in force with `person_id` setting `fee` (acknowledged on
/// 1 December 2025); also sets the owner's profile.
pub fn agree(v: &mut Vault, person_id: &str, fee: Fee) {
    let at = utc(2025, 12, 1, 10);
    VaultSettings::of(v)
        .set_profile(&owner(), at)
        .expect("profile");
    let draft = Agreements::of(v)
        .create_draft(person_id, &owner(), at)
        .expect("draft");
    let mut content = draft.content.clone();
    content.fee = fee;
    let draft = Agreements::of(v)
        .update(&draft.id, &content, at)
        .expect("fee saved");
    for p in &draft.content.parties {
        Agreements::of(v)
            .acknowledge(
                &draft.id,
                &AcknowledgementInput {
                    party_id: p.party_id.clone(),
                    typed_name: p.name.clone(),
                    date: at.date_naive(),
                },
                at,
            )
            .expect("acknowledged");
    }
}

impl World {
    /// Cancels session `i`: by `by`, `hours_before` its start.
    pub fn cancel(&mut self, i: usize, by: CancelledBy, hours_before: i64) {
        let start: DateTime<Utc> = self.keys[i].original_start.and_utc(); // London = UTC in winter
        Schedule::of(&mut self.v)
            .cancel(
                &self.keys[i],
                &CancelInput {
                    by,
                    reason: "Unwell".into(),
                    notice_hours: None,
                },
                start - Duration::hours(hours_before),
            )
            .expect("cancelled");
    }
}
