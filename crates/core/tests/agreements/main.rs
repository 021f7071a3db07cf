//! Supervision agreements through the vault, as the commands drive them:
//! scenario S2, versioning and acknowledgement, review reminders, printing
//! (checked with `pdftotext`), tampering, plaintext on disk and bad input.

#[path = "../common/mod.rs"]
mod common;

mod damage;
mod disk;
mod invalid;
mod pdf;
mod review;
mod s2;

// Helpers one section defines and another uses.
use self::{damage::*, disk::*};

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, Days, Months, NaiveDate, TimeZone, Utc};
use confidant_core::agreements::{
    AcknowledgementInput, Agreement, AgreementContent, AgreementStatus, Agreements, Delivery,
    Frequency, PartyDetails, PartyRole, SupervisionFormat, MAX_SECTION_BYTES, OWNER_PARTY_ID,
};
use confidant_core::people::People;
use confidant_core::people::{Person, PersonKind, Relation};
use confidant_core::settings::{DateOrder, VaultSettings};
use confidant_core::store::DB_FILE;
use confidant_core::vault::{Role, Vault};
use confidant_core::Error;
use rusqlite::Connection;

const SAM: &str = "Samuel Okafor";
const DANA: &str = "Dana Whitfield";
const SAM_LICENCE: &str = "SW-0042917";
const DANA_LICENCE: &str = "LCSW-S 58213";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0)
        .single()
        .expect("time")
}

fn today() -> NaiveDate {
    now().date_naive()
}

fn vault() -> (tempfile::TempDir, Vault) {
    common::unlocked_vault(Role::Supervisor, now())
}

use common::person_input as input;

fn supervisee(v: &mut Vault, name: &str) -> Person {
    People::of(v)
        .create(
            &input(PersonKind::Person, Relation::ISupervise, name),
            now(),
        )
        .expect("supervisee")
}

/// Dana adds Sam with his organisation, licence number and licensure plan.
fn add_sam(v: &mut Vault) -> Person {
    let org = People::of(v)
        .create(
            &input(
                PersonKind::Organisation,
                Relation::None,
                "Northside Family Services",
            ),
            now(),
        )
        .expect("organisation");
    let mut sam = input(PersonKind::Person, Relation::ISupervise, SAM);
    sam.pronouns = "he/him".into();
    sam.organisation_id = Some(org.id);
    sam.professional_role = "Social worker".into();
    sam.licence_number = SAM_LICENCE.into();
    sam.licence_body = "Texas Behavioral Health Executive Council".into();
    sam.licensure_plan = "Texas LCSW: 100 supervision hours over 24 to 48 months".into();
    sam.start_date = NaiveDate::from_ymd_opt(2026, 11, 1);
    People::of(v).create(&sam, now()).expect("sam")
}

fn dana() -> PartyDetails {
    PartyDetails {
        name: DANA.into(),
        professional_role: "Clinical supervisor".into(),
        organisation: "Whitfield Supervision".into(),
        licence_number: DANA_LICENCE.into(),
        licence_body: "Texas Behavioral Health Executive Council".into(),
    }
}

fn ack(party_id: &str, name: &str, date: NaiveDate) -> AcknowledgementInput {
    AcknowledgementInput {
        party_id: party_id.into(),
        typed_name: name.into(),
        date,
    }
}

/// Both parties acknowledge `a` (owner first), returning the result.
fn acknowledge_all(v: &mut Vault, a: &Agreement) -> Agreement {
    let mut last = None;
    for p in &a.content.parties {
        last = Some(
            Agreements::of(v)
                .acknowledge(&a.id, &ack(&p.party_id, &p.name, today()), now())
                .expect("acknowledge"),
        );
    }
    last.expect("at least one party")
}

fn is_read_only(r: &Result<impl std::fmt::Debug, Error>) -> bool {
    matches!(r, Err(Error::ReadOnly(m)) if m.contains("read-only"))
}
