//! Gathering a person's ledger: held sessions from the schedule (with their
//! length and form, adjustments applied, group sessions the member missed
//! left out), manual entries and practice weeks; then signed-off periods
//! replaced by their snapshots.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};

use super::load::{self, Stored};
use super::{
    Hours, ItemSource, Ledger, PracticeWeek, SupervisionForm, SupervisionItem, SupervisorOfRecord,
};
use crate::agreements::{AgreementStatus, Agreements};
use crate::error::Result;
use crate::people::{People, PersonKind};
use crate::records::{Attendance, RecordStatus, Records};
use crate::schedule::{
    Occurrence, OccurrenceKey, Schedule, SessionKind, SessionStatus, MAX_RANGE_DAYS,
};
use crate::settings::VaultSettings;

/// One supervision item as the ledger has it today, with what the checks
/// need to know about it.
pub(super) struct LiveItem {
    /// The item (adjustments applied).
    pub item: SupervisionItem,
    /// For a session: its local start and end, and its record's status
    /// (`None`: no record yet, or a damaged one).
    pub session: Option<SessionFacts>,
}

/// A held session's facts.
pub(super) struct SessionFacts {
    pub local_start: NaiveDateTime,
    pub local_end: NaiveDateTime,
    pub record: Option<RecordStatus>,
}

/// Everything gathered for one person today.
pub(super) struct Live {
    pub person_id: String,
    pub counts_from: Option<NaiveDate>,
    pub items: Vec<LiveItem>,
    pub practice: Vec<PracticeWeek>,
    pub stored: Stored,
}

impl Live {
    /// The ledger with every active sign-off's period replaced by its
    /// snapshot.
    pub fn effective(&self) -> Ledger {
        let s = &self.stored;
        let mut supervision: Vec<SupervisionItem> = self
            .items
            .iter()
            .filter(|i| s.lock_of(i.item.date).is_none())
            .map(|i| i.item.clone())
            .collect();
        let mut practice: Vec<PracticeWeek> = self
            .practice
            .iter()
            .filter(|p| s.lock_of(p.week_start).is_none())
            .cloned()
            .collect();
        for (_, so) in s.sign_offs.iter().filter(|(_, so)| so.active()) {
            supervision.extend(so.supervision.iter().cloned());
            practice.extend(so.practice.iter().cloned());
        }
        supervision.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        practice.sort_by(|a, b| {
            (a.week_start, &a.setting, &a.id).cmp(&(b.week_start, &b.setting, &b.id))
        });
        Ledger {
            person_id: self.person_id.clone(),
            counts_from: self.counts_from,
            supervision,
            practice,
        }
    }
}

/// The ledger id of a held session.
pub(super) fn session_item_id(key: &OccurrenceKey) -> String {
    format!(
        "session:{}:{}",
        key.series_id,
        key.original_start.format("%Y-%m-%dT%H:%M")
    )
}

impl Hours<'_> {
    /// The ledger of one person: every held session with them (individual)
    /// or with a group they are a member of (triadic for a group of two,
    /// group otherwise; left out when the group's final record marks them
    /// absent or sending apologies), with its adjustment applied; their
    /// manual entries; their practice weeks; up to `now`, oldest first
    /// (practice by week); and the earliest effective date of their
    /// agreements. Inside a signed-off period the items and weeks are the
    /// sign-off's snapshot, whatever changed since (see [`Hours::book`] for
    /// the differences). Peer and coaching sessions are not supervision
    /// and are left out.
    ///
    /// Errors: [`crate::error::Error::NotFound`] for an unknown person,
    /// [`crate::error::Error::InvalidInput`] for a group or organisation
    /// (hours are kept per person).
    pub fn ledger(&mut self, person_id: &str, now: DateTime<Utc>) -> Result<Ledger> {
        Ok(self.live(person_id, now)?.effective())
    }

    /// Gathers everything of `person_id` as it stands today.
    pub(super) fn live(&mut self, person_id: &str, now: DateTime<Utc>) -> Result<Live> {
        let (person_id, stored) = {
            let u = self.vault.unlocked()?;
            let id = load::person(u.conn, u.ring, person_id)?;
            let stored = load::stored(u.conn, u.ring, &id)?;
            (id, stored)
        };
        let owner = VaultSettings::of(self.vault).get()?.profile;
        let supervisor = SupervisorOfRecord {
            name: String::new(),
            licence_number: owner.licence_number,
            credential: owner.professional_role,
            is_owner: true,
        };
        let adjustments: HashMap<&OccurrenceKey, &load::AdjustmentBody> = stored
            .adjustments
            .iter()
            .map(|(_, a)| (&a.key, a))
            .collect();
        let mut items = Vec::new();
        for (source, group_size) in sources(self.vault, &person_id)? {
            let records = records_of(self.vault, &source, group_size.map(|_| person_id.as_str()))?;
            for occ in held(self.vault, &source, now)? {
                let (record, attendance) = records.get(&occ.key).cloned().unwrap_or((None, None));
                if matches!(attendance, Some(Attendance::Apologies | Attendance::Absent)) {
                    continue;
                }
                let mut it = item(&occ, group_size, &supervisor);
                if let Some(a) = adjustments.get(&occ.key) {
                    adjust(&mut it, a);
                }
                items.push(LiveItem {
                    item: it,
                    session: Some(SessionFacts {
                        local_start: occ.local_start,
                        local_end: occ.local_end,
                        record,
                    }),
                });
            }
        }
        for (meta, m) in &stored.manual {
            items.push(LiveItem {
                item: SupervisionItem {
                    id: meta.id.clone(),
                    date: m.date,
                    minutes: m.minutes,
                    form: m.form,
                    group_size: m.group_size,
                    source: ItemSource::Manual {
                        entry_id: meta.id.clone(),
                    },
                    supervisor: SupervisorOfRecord {
                        name: m.supervisor_name.clone(),
                        licence_number: m.licence_number.clone(),
                        credential: m.credential.clone(),
                        is_owner: false,
                    },
                    note: (!m.note.is_empty()).then(|| m.note.clone()),
                },
                session: None,
            });
        }
        items.sort_by(|a, b| (a.item.date, &a.item.id).cmp(&(b.item.date, &b.item.id)));
        let mut practice: Vec<PracticeWeek> =
            stored.practice.iter().map(|(m, p)| p.week(&m.id)).collect();
        practice.sort_by(|a, b| {
            (a.week_start, &a.setting, &a.id).cmp(&(b.week_start, &b.setting, &b.id))
        });
        Ok(Live {
            counts_from: counts_from(self.vault, &person_id)?,
            person_id,
            items,
            practice,
            stored,
        })
    }
}

fn adjust(it: &mut SupervisionItem, a: &load::AdjustmentBody) {
    if let Some(m) = a.minutes {
        it.minutes = m;
    }
    if let Some(f) = a.form {
        it.form = f;
        if matches!(
            f,
            SupervisionForm::Individual | SupervisionForm::DirectObservation
        ) {
            it.group_size = None;
        }
    }
    it.note = Some(format!("Adjusted: {}", a.reason));
}

/// The person's own id (no group size) and each group they belong to, with
/// the group's number of members.
fn sources(vault: &mut crate::vault::Vault, person_id: &str) -> Result<Vec<(String, Option<u32>)>> {
    let mut out = vec![(person_id.to_string(), None)];
    let groups: Vec<String> = People::of(vault)
        .list()?
        .into_iter()
        .filter(|p| p.kind == PersonKind::Group && !p.damaged)
        .map(|p| p.id)
        .collect();
    for group in groups {
        let members = People::of(vault).get(&group)?.fields.members;
        if members.iter().any(|m| m == person_id) {
            out.push((
                group,
                Some(u32::try_from(members.len()).unwrap_or(u32::MAX)),
            ));
        }
    }
    Ok(out)
}

type RecordFacts = (Option<RecordStatus>, Option<Attendance>);

/// The records of one person or group by session: status, and for a group
/// (`member` set) that member's attendance in the final record.
fn records_of(
    vault: &mut crate::vault::Vault,
    id: &str,
    member: Option<&str>,
) -> Result<HashMap<OccurrenceKey, RecordFacts>> {
    let mut out = HashMap::new();
    for r in Records::of(vault).for_person(id)? {
        if r.damaged {
            continue;
        }
        let attendance = match (member, r.status) {
            (Some(m), RecordStatus::Final) => {
                Records::of(vault).get(&r.id, None).ok().and_then(|rec| {
                    rec.content
                        .attendance
                        .iter()
                        .find(|a| a.member_id == m)
                        .map(|a| a.attendance)
                })
            }
            _ => None,
        };
        out.insert(r.key, (Some(r.status), attendance));
    }
    Ok(out)
}

/// Held individual and group sessions of one people record, up to `now`,
/// read in windows of the schedule's longest query.
fn held(vault: &mut crate::vault::Vault, id: &str, now: DateTime<Utc>) -> Result<Vec<Occurrence>> {
    let series = Schedule::of(vault).series_list(Some(id))?.series;
    let Some(first) = series.iter().map(|s| s.first_start).min() else {
        return Ok(Vec::new());
    };
    let last = series
        .iter()
        .map(|s| s.last_end.unwrap_or(now).min(now))
        .max()
        .unwrap_or(now);
    let mut out = Vec::new();
    let mut from = first;
    while from <= last {
        let to = from + Duration::days(MAX_RANGE_DAYS);
        let list = Schedule::of(vault).occurrences(from, to, Some(id))?;
        out.extend(list.occurrences.into_iter().filter(|o| {
            o.status == SessionStatus::Held
                && matches!(o.kind, SessionKind::Individual | SessionKind::Group)
                && o.start >= from
                && o.start <= now
        }));
        from = to;
    }
    Ok(out)
}

fn item(
    occ: &Occurrence,
    group_size: Option<u32>,
    supervisor: &SupervisorOfRecord,
) -> SupervisionItem {
    let minutes = u32::try_from((occ.end - occ.start).num_minutes()).unwrap_or(0);
    let form = match (occ.kind, group_size) {
        (SessionKind::Group, Some(2)) => SupervisionForm::Triadic,
        (SessionKind::Group, _) => SupervisionForm::Group,
        _ => SupervisionForm::Individual,
    };
    SupervisionItem {
        id: session_item_id(&occ.key),
        date: occ.local_start.date(),
        minutes,
        form,
        group_size: if form == SupervisionForm::Individual {
            None
        } else {
            group_size
        },
        source: ItemSource::Session {
            key: occ.key.clone(),
        },
        supervisor: supervisor.clone(),
        note: None,
    }
}

/// The earliest effective date of the person's agreements in force or
/// superseded (drafts and damaged versions do not count).
fn counts_from(vault: &mut crate::vault::Vault, person_id: &str) -> Result<Option<NaiveDate>> {
    Ok(Agreements::of(vault)
        .list(person_id)?
        .into_iter()
        .filter(|a| !a.damaged && a.status != AgreementStatus::Draft)
        .filter_map(|a| a.effective_date)
        .min())
}
