//! Packets between two vaults: identities and cards, sealing, opening and
//! importing every item kind, every check of `open` (tamper, truncation,
//! size, wrong recipient, newer format, unknown sender, replay), withdrawal,
//! the sender reopening its own packet, erasure, items brought to the
//! next session's agenda, and the `age`
//! command-line tool opening a packet.

#[path = "../records_fixture/mod.rs"]
mod fixture;

use fixture::common;

mod age_cli;
mod brought;
mod checks;
mod deliver;
mod identity;
mod round_trip;
mod withdraw;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use confidant_core::packets::items::{
    AckTarget, CountedDay, FormTotal, ItemBody, SharedBand, SharedRating, SnapshotSection,
};
use confidant_core::packets::{Outgoing, Packets};
use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::store::DB_FILE;
use confidant_core::vault::{Role, Vault};

/// The fixed "now" of these tests.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 20, 15, 0)
        .single()
        .expect("time")
}

/// A calendar date.
pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// One vault in its own data folder.
pub struct Side {
    pub dir: tempfile::TempDir,
    pub v: Vault,
}

impl Side {
    pub fn new(role: Role) -> Side {
        let (dir, v) = common::unlocked_vault(role, now());
        Side { dir, v }
    }

    /// A person (not a group) in this vault.
    pub fn person(&mut self, name: &str, relation: Relation) -> String {
        People::of(&mut self.v)
            .create(
                &common::person_input(PersonKind::Person, relation, name),
                now(),
            )
            .expect("person")
            .id
    }

    pub fn packets(&mut self) -> Packets<'_> {
        Packets::of(&mut self.v)
    }

    pub fn card(&mut self) -> String {
        self.packets().identity(now()).expect("identity").card
    }

    pub fn fingerprint(&mut self) -> String {
        self.packets()
            .identity(now())
            .expect("identity")
            .fingerprint
    }

    /// Rows in the packet tables, and in every table, read through a
    /// second connection.
    pub fn counts(&self) -> (i64, i64, i64) {
        let conn = rusqlite::Connection::open(self.dir.path().join(DB_FILE)).expect("db");
        let n = |t: &str| -> i64 {
            conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                .expect("count")
        };
        (n("shared_items"), n("packets_imported"), n("packet_peers"))
    }
}

/// A supervisor (`a`) and a supervisee (`b`), each with the other as a
/// person and the other's card stored on them.
pub struct Pair {
    pub a: Side,
    pub b: Side,
    /// The supervisee, in the supervisor's vault.
    pub a_bea: String,
    /// The supervisor, in the supervisee's vault.
    pub b_sam: String,
}

pub fn pair() -> Pair {
    let mut a = Side::new(Role::Supervisor);
    let mut b = Side::new(Role::Supervisee);
    let a_bea = a.person("Bea Okafor", Relation::ISupervise);
    let b_sam = b.person("Sam Lindqvist", Relation::SupervisesMe);
    let (card_a, card_b) = (a.card(), b.card());
    a.packets()
        .set_peer(&a_bea, &card_b, now())
        .expect("a stores b");
    b.packets()
        .set_peer(&b_sam, &card_a, now())
        .expect("b stores a");
    Pair { a, b, a_bea, b_sam }
}

pub fn out(title: &str, body: ItemBody) -> Outgoing {
    Outgoing {
        title: title.into(),
        body,
        source_key: None,
    }
}

/// One item of every kind, each text carrying `marker`.
pub fn every_kind(marker: &str) -> Vec<Outgoing> {
    let m = |s: &str| format!("{s} {marker}");
    let rating = SharedRating {
        area: m("Ethics"),
        rating: Some(4),
        comment: m("Sound judgement"),
    };
    vec![
        out(
            "Journal entry",
            ItemBody::JournalEntry {
                title: m("After the Tuesday session"),
                template: m("Gibbs' reflective cycle"),
                sections: vec![SnapshotSection {
                    heading: m("Feelings"),
                    text: m("I felt unsettled when the client left early."),
                }],
                tags: vec![m("endings")],
                written_on: day(2026, 11, 24),
            },
        ),
        out(
            "Extract",
            ItemBody::Extract {
                entry_title: m("After the Tuesday session"),
                text: m("The pause before she left."),
                written_on: day(2026, 11, 24),
            },
        ),
        out(
            "Agenda item",
            ItemBody::AgendaItem {
                text: m("Talk about early endings"),
            },
        ),
        out(
            "Hours count",
            ItemBody::HoursCount {
                from: day(2026, 11, 1),
                to: day(2026, 11, 30),
                days: vec![CountedDay {
                    date: day(2026, 11, 10),
                    minutes: 60,
                    form: m("individual"),
                }],
            },
        ),
        out(
            "Self-assessment",
            ItemBody::SelfAssessment {
                evaluation_ref: Some("e-1".into()),
                ratings: vec![rating.clone()],
                comment: m("Growing in confidence"),
            },
        ),
        out(
            "Acknowledgement",
            ItemBody::Acknowledgement {
                target: AckTarget::Agreement {
                    id: "ag-1".into(),
                    version: 2,
                },
                typed_name: m("Bea Okafor"),
                date: day(2026, 11, 29),
            },
        ),
        out(
            "Session summary",
            ItemBody::SessionSummary {
                session_date: day(2026, 11, 24),
                summary: m("We looked at endings."),
            },
        ),
        out(
            "Action items",
            ItemBody::ActionItems {
                session_date: day(2026, 11, 24),
                items: vec![m("Read the chapter on endings")],
            },
        ),
        out(
            "Acknowledgement request",
            ItemBody::AckRequest {
                target: AckTarget::Record {
                    id: "r-1".into(),
                    content_hash: "ab".repeat(32),
                },
                title: m("Session record, 24 November 2026"),
                text: m("The record's text."),
            },
        ),
        out(
            "Signed hours",
            ItemBody::SignedHours {
                from: day(2026, 10, 1),
                to: day(2026, 10, 31),
                totals: vec![FormTotal {
                    form: m("group"),
                    minutes: 120,
                }],
                signed_by: m("Sam Lindqvist"),
                signed_on: day(2026, 11, 2),
                hash: "cd".repeat(32),
            },
        ),
        out(
            "Evaluation",
            ItemBody::Evaluation {
                date: day(2026, 11, 20),
                ratings: vec![rating],
                comments: m("A good term."),
            },
        ),
        out(
            "ProQOL bands",
            ItemBody::ProqolBands {
                taken_on: day(2026, 11, 15),
                compassion_satisfaction: SharedBand::High,
                burnout: SharedBand::Average,
                secondary_traumatic_stress: SharedBand::Low,
            },
        ),
    ]
}

/// An import that lands nothing beyond the shared items.
pub fn no_effects(
    _tx: &rusqlite::Transaction<'_>,
    _ring: &confidant_core::keys::KeyRing,
    _opened: &confidant_core::packets::Opened,
) -> confidant_core::Result<Vec<String>> {
    Ok(Vec::new())
}

const B64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (written here, independently of the core's).
pub fn b64url(bytes: &[u8]) -> String {
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = String::new();
    for &b in bytes {
        bits = (bits << 8) | u32::from(b);
        n += 8;
        while n >= 6 {
            n -= 6;
            out.push(B64URL[((bits >> n) & 63) as usize] as char);
        }
    }
    if n > 0 {
        out.push(B64URL[((bits << (6 - n)) & 63) as usize] as char);
    }
    out
}

/// Decodes base64url without padding.
pub fn unb64url(text: &str) -> Vec<u8> {
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in text.bytes() {
        let v = B64URL.iter().position(|&x| x == c).expect("base64url") as u32;
        bits = (bits << 6) | v;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    out
}

/// Encrypts `plain` with the `age` crate to the recipient `age1…`.
pub fn age_encrypt(recipient: &str, plain: &[u8]) -> Vec<u8> {
    use std::io::Write;
    use std::str::FromStr;
    let r = age::x25519::Recipient::from_str(recipient).expect("recipient");
    let e = age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient))
        .expect("encryptor");
    let mut out = Vec::new();
    let mut w = e.wrap_output(&mut out).expect("wrap");
    w.write_all(plain).expect("write");
    w.finish().expect("finish");
    out
}

/// Decrypts with the `age` crate and the secret `AGE-SECRET-KEY-1…`.
pub fn age_decrypt(secret: &str, bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    use std::str::FromStr;
    let id = age::x25519::Identity::from_str(secret).expect("identity");
    let d = age::Decryptor::new_buffered(bytes).expect("decryptor");
    let mut r = d
        .decrypt(std::iter::once(&id as &dyn age::Identity))
        .expect("decrypt");
    let mut out = Vec::new();
    r.read_to_end(&mut out).expect("read");
    out
}
