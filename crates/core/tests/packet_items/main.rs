//! What goes into a packet and what importing it does, between two vaults:
//! Dana supervises Sam; Sam's own vault has Dana as their supervisor.

#[path = "../records_fixture/mod.rs"]
mod fixture;

mod exchange;
mod refusals;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use confidant_core::packets::view::{SendSource, SharedItem};
use confidant_core::packet_items::Exchange;
use confidant_core::packets::Packets;
use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::records::Records;
use confidant_core::schedule::{
    OccurrenceKey, Pattern, Recurrence, RecurrenceEnd, ReminderSetting, Schedule, SeriesInput,
    SessionKind, SessionStatus, Weekday,
};
use confidant_core::settings::VaultSettings;
use confidant_core::vault::{Role, Vault};

use fixture::{common, complete, date, day, now, utc, World};

/// Dana's vault (the records fixture: Sam Supervisee with weekly sessions
/// from Monday 5 January 2026) and Sam's own vault, with each other's
/// cards stored.
pub struct Pair {
    pub dana: World,
    pub sam_dir: tempfile::TempDir,
    pub sam: Vault,
    /// Dana as a person in Sam's vault.
    pub dana_in_sam: String,
    /// Sam's sessions with Dana, in Sam's vault.
    pub sam_keys: Vec<OccurrenceKey>,
}

impl Pair {
    /// Sam as a person in Dana's vault.
    pub fn sam_in_dana(&self) -> String {
        self.dana.person.clone()
    }
}

pub fn set_name(v: &mut Vault, name: &str) {
    let profile = confidant_core::party::PartyDetails {
        name: name.into(),
        ..Default::default()
    };
    VaultSettings::of(v)
        .set_profile(&profile, utc(2025, 12, 1, 9))
        .expect("profile");
}

pub fn pair() -> Pair {
    let mut dana = fixture::world(false);
    set_name(&mut dana.v, "Dana Whitfield");
    let (sam_dir, mut sam) = common::unlocked_vault(Role::Supervisee, utc(2025, 12, 1, 9));
    set_name(&mut sam, "Sam Okafor");
    let dana_in_sam = People::of(&mut sam)
        .create(
            &common::person_input(PersonKind::Person, Relation::SupervisesMe, "Dana Whitfield"),
            utc(2025, 12, 1, 9),
        )
        .expect("dana")
        .id;
    let first = date(2026, 1, 5).and_hms_opt(10, 0, 0).expect("t");
    let change = Schedule::of(&mut sam)
        .create(
            &SeriesInput {
                person_id: dana_in_sam.clone(),
                kind: SessionKind::Individual,
                time_zone: "Europe/London".into(),
                start: first,
                end: first + Duration::minutes(60),
                recurrence: Some(Recurrence {
                    pattern: Pattern::Weekly {
                        weekdays: vec![Weekday::Monday],
                    },
                    interval: 1,
                    end: RecurrenceEnd::Count { count: 12 },
                }),
                location: String::new(),
                reminder: ReminderSetting::Default,
                calendar_code: String::new(),
            },
            utc(2025, 12, 1, 9),
        )
        .expect("series");
    let series_id = change.series[0].id.clone();
    let sam_keys = (0..12)
        .map(|i| OccurrenceKey {
            series_id: series_id.clone(),
            original_start: first + Duration::weeks(i),
        })
        .collect();
    let mut p = Pair {
        dana,
        sam_dir,
        sam,
        dana_in_sam,
        sam_keys,
    };
    let dana_card = Packets::of(&mut p.dana.v).identity(now()).expect("id").card;
    let sam_card = Packets::of(&mut p.sam).identity(now()).expect("id").card;
    let sam_in_dana = p.sam_in_dana();
    Packets::of(&mut p.dana.v)
        .set_peer(&sam_in_dana, &sam_card, now())
        .expect("peer");
    let dana_in_sam = p.dana_in_sam.clone();
    Packets::of(&mut p.sam)
        .set_peer(&dana_in_sam, &dana_card, now())
        .expect("peer");
    p
}

impl Pair {
    /// Holds Sam's session `i` with Dana in Sam's vault.
    pub fn sam_holds(&mut self, i: usize) {
        Schedule::of(&mut self.sam)
            .set_status(&self.sam_keys[i], SessionStatus::Held, now())
            .expect("held");
    }

    /// Holds Dana's session `i` with Sam and finalises its record; returns
    /// the record's id.
    pub fn dana_finalises(&mut self, i: usize) -> String {
        self.dana.hold(i);
        let r = Records::of(&mut self.dana.v)
            .start(&self.dana.keys[i], now())
            .expect("start");
        Records::of(&mut self.dana.v)
            .save_draft(&r.id, r.revision, &complete(day(i)), now())
            .expect("save");
        Records::of(&mut self.dana.v)
            .finalise(&r.id, "Dana Whitfield", now())
            .expect("final")
            .id
    }

    /// Dana seals `sources` to Sam; the packet's bytes.
    pub fn dana_sends(&mut self, sources: Vec<SendSource>, at: DateTime<Utc>) -> Vec<u8> {
        let sam = self.sam_in_dana();
        Exchange::of(&mut self.dana.v)
            .send(&sam, sources, Vec::new(), at)
            .expect("dana sends")
            .bytes
    }

    /// Sam seals `sources` to Dana; the packet's bytes.
    pub fn sam_sends(&mut self, sources: Vec<SendSource>, at: DateTime<Utc>) -> Vec<u8> {
        let dana = self.dana_in_sam.clone();
        Exchange::of(&mut self.sam)
            .send(&dana, sources, Vec::new(), at)
            .expect("sam sends")
            .bytes
    }

    pub fn dana_shared(&mut self) -> Vec<SharedItem> {
        let sam = self.sam_in_dana();
        Packets::of(&mut self.dana.v).shared_items(&sam).expect("shared")
    }

    pub fn sam_shared(&mut self) -> Vec<SharedItem> {
        let dana = self.dana_in_sam.clone();
        Packets::of(&mut self.sam).shared_items(&dana).expect("shared")
    }
}

pub fn jan(d: u32) -> NaiveDate {
    date(2026, 1, d)
}
