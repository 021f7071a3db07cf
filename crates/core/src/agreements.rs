//! Supervision agreements: a versioned contract per relationship (or group),
//! drafted from a professional template, acknowledged by each party (today
//! the vault owner records the other parties' acknowledgements for them),
//! then read-only; printable to PDF.
//!
//! Reached through the handle [`Agreements::of`]; other domains read the
//! agreement in force with [`Agreements::current`].
//!
//! ## Storage
//!
//! One row per version in `agreements`, written only by
//! [`crate::store::agreements`]. Every section, party detail and
//! acknowledgement is one sealed JSON body under the data key of the person
//! or group the agreement is with, so erasing that person also makes their
//! agreements unreadable. The sealed value's context binds the row's
//! identity (id, person, version) and its plaintext status, timestamps and
//! dates: a body copied to another row, or a column edited on disk, makes
//! that one version damaged.
//!
//! Plaintext columns: the ids, the version number, the status, timestamps,
//! and two calendar dates (00:00 UTC of that date, in unix milliseconds):
//!
//! * `review_date`, so that [`Agreements::due_for_review`] can find the
//!   agreements falling due without decrypting every agreement on every
//!   start of the Today view;
//! * `effective_date`, because supervision before it does not count towards
//!   licensure hours and the hours log queries it.
//!
//! Both dates are also part of the sealed content (the user edits them
//! there) and compared with the columns on every read, which also covers
//! values sealed before the columns were bound. The status is checked
//! against the sealed acknowledgements in the same way (a draft cannot hold
//! every acknowledgement; an acknowledged version must hold them all).
//!
//! ## Life cycle
//!
//! ```text
//! create_draft ──▶ draft ──update──▶ draft ──acknowledge (each party)──▶ acknowledged (read-only)
//!                                                                         │
//!                  revise: new version (n+1), a draft copied from it ◀────┘
//!                  once that draft is acknowledged, version n ──▶ superseded
//! ```
//!
//! At most one draft exists per person (a unique index enforces it). The
//! parties come from the people records: the vault owner (party id
//! [`OWNER_PARTY_ID`]) and the supervisee or supervisor, or, for a group, the
//! facilitator(s) and every member. Their details can be edited in a draft;
//! the set of parties cannot. Editing a draft after someone acknowledged it
//! withdraws the acknowledgements (they acknowledged other text).
//!
//! Every acknowledgement says who entered it: the owner's own, or one the
//! owner recorded for another party ([`Acknowledgement::recorded_by_owner`]).
//!
//! ## PDF
//!
//! [`Agreements::pdf`] renders a version through the report PDF module
//! ([`crate::pdf`]): embedded, subsetted Noto fonts, so every name prints
//! as typed (Polish, Greek, Cyrillic, Arabic, Chinese), and dates in the
//! user's date order (from the settings). Nothing is written to disk except
//! by [`Agreements::save_pdf`], to a path the user chose.

mod acknowledge;
mod body;
mod drafts;
mod fee;
mod parties;
mod pdf;
mod read;
mod template;
mod types;
mod validate;

use crate::vault::Vault;

pub(crate) use acknowledge::{acknowledge_by_packet_in, PacketAcknowledged};
pub use fee::{
    currency_decimals, format_money, Fee, FeeBasis, LATE_CANCELLATION_PERCENT, MAX_FEE_MINOR,
};
pub use pdf::{agreement_document, render_pdf};
pub use types::{
    Acknowledgement, AcknowledgementInput, Agreement, AgreementContent, AgreementStatus,
    AgreementSummary, Delivery, Frequency, Party, PartyRole, ReviewDue, SupervisionFormat,
};

pub use crate::party::PartyDetails;
pub use template::{default_content, TemplateContext};

/// The party id of the vault owner in every agreement.
pub const OWNER_PARTY_ID: &str = "owner";
/// Largest text section, in UTF-8 bytes (20 KiB).
pub const MAX_SECTION_BYTES: usize = 20 * 1024;
/// Largest whole agreement (every section, party and acknowledgement), in
/// UTF-8 bytes of its JSON form (256 KiB).
pub const MAX_BODY_BYTES: usize = 256 * 1024;
/// Allowed session lengths, in minutes.
pub const SESSION_MINUTES: std::ops::RangeInclusive<u32> = 15..=480;
/// Allowed cancellation notice, in hours (up to two weeks).
pub const NOTICE_HOURS: std::ops::RangeInclusive<u32> = 0..=336;
/// The template's session length, in minutes.
pub const DEFAULT_SESSION_MINUTES: u32 = 60;
/// The template's cancellation notice, in hours.
pub const DEFAULT_NOTICE_HOURS: u32 = 24;
/// Longest look-ahead for [`Agreements::due_for_review`], in days.
pub const MAX_REVIEW_WINDOW_DAYS: u32 = 3660;
/// Most parties to one agreement (a group's facilitators and members).
pub const MAX_PARTIES: usize = 60;

/// The supervision agreements of an unlocked vault.
pub struct Agreements<'a> {
    vault: &'a mut Vault,
}

impl<'a> Agreements<'a> {
    /// The agreements of `vault`.
    pub fn of(vault: &'a mut Vault) -> Self {
        Agreements { vault }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::validate::{normalise_content, section, with_details};
    use super::*;
    use crate::error::Error;

    fn party(id: &str, role: PartyRole, name: &str) -> Party {
        with_details(
            id,
            role,
            PartyDetails {
                name: name.into(),
                ..PartyDetails::default()
            },
        )
    }

    fn content() -> AgreementContent {
        let parties = vec![
            party(OWNER_PARTY_ID, PartyRole::Supervisor, "Dana"),
            party(
                "0b6c4a8e-9d64-4c1e-8f00-2a4f3e1a7c11",
                PartyRole::Supervisee,
                "Sam",
            ),
        ];
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
        default_content(
            parties,
            &TemplateContext {
                format: SupervisionFormat::Individual,
                organisation: "Northside",
                licensure_plan: "",
                today,
            },
        )
    }

    #[test]
    fn the_template_passes_its_own_validation() {
        let c = content();
        assert_eq!(normalise_content(&c, &c.parties).expect("valid"), c);
        assert_eq!(c.frequency, Frequency::Monthly);
        assert_eq!(c.session_minutes, DEFAULT_SESSION_MINUTES);
        assert_eq!(c.cancellation_notice_hours, DEFAULT_NOTICE_HOURS);
    }

    #[test]
    fn parties_cannot_be_added_removed_or_recast() {
        let c = content();
        let mut more = c.clone();
        more.parties.push(party("x", PartyRole::Supervisee, "X"));
        assert!(matches!(
            normalise_content(&more, &c.parties),
            Err(Error::InvalidInput(_))
        ));
        let mut recast = c.clone();
        recast.parties[1].role = PartyRole::Supervisor;
        assert!(matches!(
            normalise_content(&recast, &c.parties),
            Err(Error::InvalidInput(_))
        ));
        let mut swapped = c.clone();
        swapped.parties.reverse();
        swapped.parties[0].licence_number = "  L-1 ".into();
        let ok = normalise_content(&swapped, &c.parties).expect("reordered is fine");
        assert_eq!(ok.parties[0].party_id, OWNER_PARTY_ID, "fixed order kept");
        assert_eq!(ok.parties[1].licence_number, "L-1");
    }

    #[test]
    fn sections_keep_newlines_and_reject_other_control_characters() {
        assert_eq!(
            section("The x section", " a\r\nb\tc \n").expect("ok"),
            "a\nb\tc"
        );
        assert!(matches!(
            section("The x section", "a\u{7}b"),
            Err(Error::InvalidInput(_))
        ));
        let big = "x".repeat(MAX_SECTION_BYTES + 1);
        assert!(matches!(
            section("The x section", &big),
            Err(Error::TooLarge { .. })
        ));
    }

    #[test]
    fn acknowledgements_stored_before_recorded_by_owner_read_as_entered_by_the_owner() {
        let owner = r#"{"party_id":"owner","role":"supervisor","typed_name":"Dana",
                        "date":"2026-11-25","recorded_at":"2026-11-25T09:00:00Z"}"#;
        let sam = owner
            .replace(r#""owner""#, r#""0b6c4a8e-9d64-4c1e-8f00-2a4f3e1a7c11""#)
            .replace("supervisor", "supervisee");
        let read = |json: &str| {
            serde_json::from_str::<Acknowledgement>(json)
                .expect("an older acknowledgement")
                .normalised()
        };
        assert!(!read(owner).recorded_by_owner, "the owner's own");
        assert!(read(&sam).recorded_by_owner, "entered by the owner for Sam");
        let explicit = sam.replace('}', r#","recorded_by_owner":false}"#);
        assert!(!read(&explicit).recorded_by_owner, "a stored value is kept");
    }
}
