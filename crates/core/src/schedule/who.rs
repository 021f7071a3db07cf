//! Who can have sessions of which kind, and what a new series starts from
//! (the agreement in force). These rules live here, not in the UI, so the
//! form and the core cannot disagree.
//!
//! Who can be scheduled:
//!
//! | record | relation | session kinds |
//! |---|---|---|
//! | person | I supervise them, they supervise me | individual, peer, coaching |
//! | person | neither (a contact) | none |
//! | group | any | group, peer |
//! | organisation | — | none |
//!
//! Archived records and records that fail their integrity check cannot be
//! scheduled. The kind and relation are read from the person's sealed
//! (authenticated) record, never from a plaintext column.

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::{
    Pattern, Recurrence, RecurrenceEnd, SessionKind, Weekday, DEFAULT_DURATION_MINUTES,
    DEFAULT_NOTICE_HOURS,
};
use crate::agreements::{AgreementContent, Frequency};
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::people::{self, PersonKind, PersonSummary, Relation};

/// The session kinds a record of `kind` with `relation` can have (empty:
/// they cannot be scheduled).
pub fn session_kinds_for(kind: PersonKind, relation: Relation) -> Vec<SessionKind> {
    match (kind, relation) {
        (PersonKind::Organisation, _) | (PersonKind::Person, Relation::None) => Vec::new(),
        (PersonKind::Person, _) => vec![
            SessionKind::Individual,
            SessionKind::Peer,
            SessionKind::Coaching,
        ],
        (PersonKind::Group, _) => vec![SessionKind::Group, SessionKind::Peer],
    }
}

/// Someone sessions can be scheduled with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SchedulablePerson {
    /// Their record id.
    pub person_id: String,
    /// Their name.
    pub name: String,
    /// Person or group.
    pub person_kind: PersonKind,
    /// How the vault owner relates to them.
    pub relation: Relation,
    /// The session kinds they can have, the usual one first.
    pub session_kinds: Vec<SessionKind>,
}

/// The people list filtered to those who can be scheduled.
pub(crate) fn schedulable(list: Vec<PersonSummary>) -> Vec<SchedulablePerson> {
    list.into_iter()
        .filter(|p| !p.archived && !p.damaged)
        .filter_map(|p| {
            let kinds = session_kinds_for(p.kind, p.relation);
            (!kinds.is_empty()).then_some(SchedulablePerson {
                person_id: p.id,
                name: p.name,
                person_kind: p.kind,
                relation: p.relation,
                session_kinds: kinds,
            })
        })
        .collect()
}

/// Checks that `person_id` can have sessions of `kind`, from their opened
/// record. `NotFound`, an integrity error, or a specific `InvalidInput`.
pub(crate) fn check_person(
    conn: &Connection,
    ring: &KeyRing,
    person_id: &str,
    kind: SessionKind,
) -> Result<()> {
    let person = people::load(conn, ring, person_id)?.ok_or(Error::NotFound("That person"))?;
    if person.archived {
        return Err(Error::InvalidInput(
            "That person is archived. Restore them before scheduling sessions with them.".into(),
        ));
    }
    let (pk, relation) = (person.fields.kind, person.fields.relation);
    if session_kinds_for(pk, relation).contains(&kind) {
        return Ok(());
    }
    let message = match (pk, relation) {
        (PersonKind::Organisation, _) => {
            "Sessions are with a person or a group, not an organisation."
        }
        (PersonKind::Person, Relation::None) => {
            "Sessions are with someone you supervise or who supervises you; this person is a contact. Change how you relate to them under People first."
        }
        (PersonKind::Group, _) => {
            "An individual or coaching session is with one person; choose a group session for a group."
        }
        (PersonKind::Person, _) => "A group session is with a group; choose the group.",
    };
    Err(Error::InvalidInput(message.into()))
}

/// What the form for new sessions with someone starts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScheduleDefaults {
    /// Length of a session, in minutes.
    pub duration_minutes: u32,
    /// The repeat rule the agreement's frequency gives (no end), or `None`
    /// when there is no agreement in force.
    pub recurrence: Option<Recurrence>,
    /// Cancellation notice, in hours (for late cancellations).
    pub notice_hours: u32,
    /// The version of the agreement these come from, if any.
    pub agreement_version: Option<u32>,
    /// Plain-language note for the form, when the agreement set them.
    pub note: Option<String>,
}

/// The defaults for a first session on `first_date`: from the agreement in
/// force (`content` and its version) when there is one, else one hour, no
/// repeat and [`DEFAULT_NOTICE_HOURS`]. Weekly and fortnightly repeat on the
/// first date's weekday; monthly on the same weekday of the month ("2nd
/// Tuesday"), where a 5th weekday becomes "last", so no month is skipped.
pub fn defaults_from_agreement(
    agreement: Option<(&AgreementContent, u32)>,
    first_date: NaiveDate,
) -> ScheduleDefaults {
    let Some((content, version)) = agreement else {
        return ScheduleDefaults {
            duration_minutes: DEFAULT_DURATION_MINUTES,
            recurrence: None,
            notice_hours: DEFAULT_NOTICE_HOURS,
            agreement_version: None,
            note: None,
        };
    };
    let weekday = Weekday::from_chrono(first_date.weekday());
    let (pattern, interval) = match content.frequency {
        Frequency::Weekly => (
            Pattern::Weekly {
                weekdays: vec![weekday],
            },
            1,
        ),
        Frequency::Fortnightly => (
            Pattern::Weekly {
                weekdays: vec![weekday],
            },
            2,
        ),
        Frequency::Monthly => {
            let nth = ((first_date.day() - 1) / 7 + 1) as i8;
            (
                Pattern::MonthlyByWeekday {
                    week: if nth >= 5 { -1 } else { nth },
                    weekday,
                },
                1,
            )
        }
    };
    ScheduleDefaults {
        duration_minutes: content.session_minutes,
        recurrence: Some(Recurrence {
            pattern,
            interval,
            end: RecurrenceEnd::Never,
        }),
        notice_hours: content.cancellation_notice_hours,
        agreement_version: Some(version),
        note: Some(format!(
            "Length and frequency from the agreement (version {version})."
        )),
    }
}
