//! Lists across records: a person's records, their case references, open
//! action items, and the held sessions still without a final record.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, Utc};

use super::body::{self, ActionBody, RecordBody};
use super::handle::{parse_id, Records};
use super::{
    ActionItem, ActionStatus, CaseEntry, CaseHistory, RecordStatus, RecordSummary, RecordToWrite,
    TO_WRITE_WINDOW_DAYS,
};
use crate::error::{Error, Result};
use crate::people::{People, PersonKind};
use crate::schedule::{Schedule, SessionKind, SessionStatus};
use crate::store::{self, records as rows};

impl Records<'_> {
    /// A person's (or group's) records, newest session first. A damaged
    /// record is listed with `damaged: true`; it never fails the list.
    pub fn for_person(&mut self, person_id: &str) -> Result<Vec<RecordSummary>> {
        let person_id = parse_id("That person's", person_id)?;
        let u = self.vault.unlocked()?;
        let mut open: HashMap<String, u32> = HashMap::new();
        for a in rows::actions_of_person::<ActionBody>(u.conn, u.ring, &person_id, Some("open"))? {
            if a.body.is_ok() {
                *open.entry(a.meta.record_id).or_default() += 1;
            }
        }
        let addenda = rows::addenda_counts(u.conn, &person_id)?;
        Ok(
            rows::records_of_person::<RecordBody>(u.conn, u.ring, &person_id)?
                .into_iter()
                .map(|r| {
                    let m = r.meta;
                    let status = body::record_status(&m.status);
                    let kind = body::parse_kind(&m.kind);
                    let ok = r.body.ok().filter(|_| status.is_some() && kind.is_some());
                    RecordSummary {
                        key: crate::schedule::OccurrenceKey {
                            series_id: m.series_id,
                            original_start: m.original_start,
                        },
                        person_id: m.person_id,
                        kind: kind.unwrap_or(SessionKind::Individual),
                        session_date: m.session_date,
                        status: status.unwrap_or(RecordStatus::Draft),
                        updated_at: m.updated_at,
                        first_item: ok
                            .as_ref()
                            .and_then(|b| b.content.agenda_items.first())
                            .map(|i| crate::journal::first_line(&i.text))
                            .unwrap_or_default(),
                        agenda_items: ok
                            .as_ref()
                            .map_or(0, |b| b.content.agenda_items.len() as u32),
                        open_actions: ok
                            .as_ref()
                            .map_or(0, |_| open.get(&m.id).copied().unwrap_or(0)),
                        addenda: ok
                            .as_ref()
                            .map_or(0, |_| addenda.get(&m.id).copied().unwrap_or(0)),
                        damaged: ok.is_none(),
                        id: m.id,
                    }
                })
                .collect(),
        )
    }

    /// The final records of the groups `member_id` belongs to, newest
    /// session first: what the member's page lists as their group sessions,
    /// each to be opened in the member's own view (their own note and
    /// addenda only). Drafts stay with the group until they are final.
    pub fn group_records_of(&mut self, member_id: &str) -> Result<Vec<RecordSummary>> {
        let member_id = parse_id("That person's", member_id)?;
        let groups: Vec<String> = People::of(self.vault)
            .list()?
            .into_iter()
            .filter(|p| p.kind == PersonKind::Group && !p.damaged)
            .map(|p| p.id)
            .collect();
        let mut out = Vec::new();
        for group in groups {
            let members = People::of(self.vault).get(&group)?.fields.members;
            if members.contains(&member_id) {
                out.extend(
                    self.for_person(&group)?
                        .into_iter()
                        .filter(|r| r.status == RecordStatus::Final && !r.damaged),
                );
            }
        }
        out.sort_by_key(|r| std::cmp::Reverse(r.session_date));
        Ok(out)
    }

    /// A supervisee's case references, each with its consultations across
    /// sessions (oldest first): from their own records and from the group
    /// records where a consultation is theirs. Damaged records are left out
    /// (the records list shows them).
    pub fn case_references(&mut self, person_id: &str) -> Result<Vec<CaseHistory>> {
        let person_id = parse_id("That person's", person_id)?;
        let u = self.vault.unlocked()?;
        let mut by_ref: BTreeMap<String, Vec<CaseEntry>> = BTreeMap::new();
        let own = rows::records_of_person::<RecordBody>(u.conn, u.ring, &person_id)?;
        let groups = rows::records_of_kind::<RecordBody>(
            u.conn,
            u.ring,
            body::kind_str(SessionKind::Group),
        )?;
        for r in own.into_iter().chain(groups) {
            let Ok(b) = r.body else { continue };
            let Some(status) = body::record_status(&r.meta.status) else {
                continue;
            };
            let in_own = r.meta.person_id == person_id;
            for c in b.content.consultations {
                let theirs = match &c.supervisee_id {
                    Some(s) => s == &person_id,
                    None => in_own,
                };
                // A group record of the person's own group is read twice
                // (as theirs and as a group record): keep one entry.
                let entries = by_ref.entry(c.case_reference.clone()).or_default();
                if theirs
                    && !entries
                        .iter()
                        .any(|e| e.record_id == r.meta.id && e.consultation == c)
                {
                    entries.push(CaseEntry {
                        record_id: r.meta.id.clone(),
                        session_date: r.meta.session_date,
                        status,
                        consultation: c,
                    });
                }
            }
        }
        Ok(by_ref
            .into_iter()
            .filter(|(_, e)| !e.is_empty())
            .map(|(case_reference, mut entries)| {
                entries.sort_by_key(|a| a.session_date);
                CaseHistory {
                    case_reference,
                    entries,
                }
            })
            .collect())
    }

    /// The open action items of a relationship, oldest session first.
    pub fn open_actions(&mut self, person_id: &str) -> Result<Vec<ActionItem>> {
        let person_id = parse_id("That person's", person_id)?;
        let u = self.vault.unlocked()?;
        Ok(
            rows::actions_of_person::<ActionBody>(u.conn, u.ring, &person_id, Some("open"))?
                .into_iter()
                .filter_map(|r| body::action_item(r).ok())
                .collect(),
        )
    }

    /// Marks an action item open, done or dropped; the change is dated in
    /// its history. An item of a final record keeps its content as agreed
    /// (only its current status changes); an item of a draft record is
    /// changed in the draft too (the draft's revision goes up, so a window
    /// still editing the draft reloads it before its next save).
    pub fn set_action_status(
        &mut self,
        id: &str,
        status: ActionStatus,
        now: DateTime<Utc>,
    ) -> Result<ActionItem> {
        let id = parse_id("That action item's", id)?;
        let u = self.vault.unlocked()?;
        let row = rows::action_get::<ActionBody>(u.conn, u.ring, &id)?
            .ok_or(Error::NotFound("That action item"))?;
        let record = rows::record_get::<RecordBody>(u.conn, u.ring, &row.meta.record_id)?
            .ok_or(Error::NotFound("That action item's record"))?;
        let mut meta = row.meta.clone();
        let mut b = row.body?;
        if meta.status == body::status_str(status) {
            return body::action_item(rows::ActionRow { meta, body: Ok(b) });
        }
        let now = body::stored(now).max(meta.updated_at);
        b.history.push(super::StatusChange { status, at: now });
        meta.status = body::status_str(status).into();
        meta.updated_at = now;
        let draft = match body::record_status(&record.meta.status) {
            Some(RecordStatus::Draft) => {
                let mut rb = record.body?;
                for a in rb.content.action_items.iter_mut().filter(|a| a.id == id) {
                    a.status = status;
                }
                let m = rows::RecordMeta {
                    revision: record.meta.revision + 1,
                    updated_at: now.max(record.meta.updated_at),
                    ..record.meta.clone()
                };
                Some((m, record.meta.revision, rb))
            }
            Some(RecordStatus::Final) => None,
            None => return Err(Error::Integrity(rows::WHAT.into())),
        };
        let ring = &*u.ring;
        store::write(u.conn, |tx| {
            if let Some((m, expected, rb)) = &draft {
                if !rows::record_replace(tx, ring, m, *expected, rb)? {
                    return Err(Error::InvalidInput(
                        "The record changed while this was being saved. Try again.".into(),
                    ));
                }
            }
            rows::action_put(tx, ring, &meta, &b)
        })?;
        body::action_item(rows::ActionRow { meta, body: Ok(b) })
    }

    /// Held sessions of the last [`TO_WRITE_WINDOW_DAYS`] days before `now`
    /// without a final record (with the draft's id when one was started),
    /// oldest first.
    pub fn to_write(&mut self, now: DateTime<Utc>) -> Result<Vec<RecordToWrite>> {
        let from = now - Duration::days(TO_WRITE_WINDOW_DAYS);
        let list = Schedule::of(self.vault).occurrences(from, now, None)?;
        let u = self.vault.unlocked()?;
        let mut out = Vec::new();
        for o in list.occurrences {
            if o.status != SessionStatus::Held || o.start > now {
                continue;
            }
            let row = rows::record_of_occurrence::<RecordBody>(
                u.conn,
                u.ring,
                &o.key.series_id,
                o.key.original_start,
            )?;
            let draft_id = match row {
                Some(r) if r.meta.status == "final" && r.body.is_ok() => continue,
                Some(r) => Some(r.meta.id),
                None => None,
            };
            out.push(RecordToWrite {
                key: o.key,
                person_id: o.person_id,
                kind: o.kind,
                start: o.start,
                draft_id,
            });
        }
        out.sort_by_key(|a| a.start);
        Ok(out)
    }
}
