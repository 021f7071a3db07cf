//! [`Records`]: starting, reading, saving, finalising a session record, its
//! addenda and the hand-recorded acknowledgement.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use uuid::Uuid;

use super::body::{self, ActionBody, AddendumBody, RecordBody};
use super::validate::{self, Ctx};
use super::{
    content_hash, missing_for_final, ActionItemInput, AddendumInput, Finalisation,
    HandAcknowledgement, HashInput, RecordContent, RecordStatus, SessionRecord,
    HAND_ACKNOWLEDGEMENT_LABEL,
};
use crate::error::{Error, Result};
use crate::people::{People, PersonKind};
use crate::schedule::{Occurrence, OccurrenceKey, Schedule, SessionStatus};
use crate::store::{self, records as rows};
use crate::validate::{long_text, required_line, NAME_CHARS};
use crate::vault::Vault;

/// Session records of a vault: `Records::of(&mut vault)`.
pub struct Records<'a> {
    pub(super) vault: &'a mut Vault,
}

/// Who a record is with: a group's members (empty for one supervisee).
pub(super) struct Party {
    pub group: bool,
    pub members: Vec<String>,
}

pub(super) fn parse_id(what: &str, id: &str) -> Result<String> {
    crate::validate::id_string(what, id)
}

fn stale() -> Error {
    Error::InvalidInput(
        "This record was saved in another window after you opened it, so this save was refused and nothing was changed. Reload the record to see the latest version."
            .into(),
    )
}

fn final_read_only() -> Error {
    Error::ReadOnly(
        "This record is final and can no longer be edited. Add a dated addendum instead.",
    )
}

impl<'a> Records<'a> {
    /// The records of `vault`.
    pub fn of(vault: &'a mut Vault) -> Self {
        Records { vault }
    }

    /// The occurrence `key` names, read through the schedule.
    pub(super) fn occurrence(&mut self, key: &OccurrenceKey) -> Result<Occurrence> {
        parse_id("That session series'", &key.series_id)?;
        Schedule::of(self.vault).occurrence(key)
    }

    /// Whether `person_id` is a group, and its members.
    pub(super) fn party(&mut self, person_id: &str) -> Result<Party> {
        let p = People::of(self.vault).get(person_id)?;
        let group = p.fields.kind == PersonKind::Group;
        Ok(Party {
            group,
            members: if group { p.fields.members } else { Vec::new() },
        })
    }

    /// A record with its addenda and action items, opened; `full` content
    /// (every member's note) alongside the viewer's record.
    pub(super) fn load(
        &mut self,
        id: &str,
        viewer: Option<&str>,
    ) -> Result<(SessionRecord, RecordContent, rows::RecordMeta)> {
        let id = parse_id("That record's", id)?;
        let u = self.vault.unlocked()?;
        let row = rows::record_get::<RecordBody>(u.conn, u.ring, &id)?
            .ok_or(Error::NotFound("That session record"))?;
        let meta = row.meta.clone();
        let addenda = rows::addenda_of(u.conn, u.ring, &id)?;
        let actions = rows::actions_of_record(u.conn, u.ring, &id)?;
        let (record, full) = body::assemble_record(row, addenda, actions, viewer)?;
        Ok((record, full, meta))
    }

    fn check_viewer(&mut self, person_id: &str, viewer: Option<&str>) -> Result<Option<String>> {
        let Some(v) = viewer else { return Ok(None) };
        let v = parse_id("That member's", v)?;
        let party = self.party(person_id)?;
        if !party.group || !party.members.contains(&v) {
            return Err(Error::InvalidInput(
                "That person is not a member of this record's group.".into(),
            ));
        }
        Ok(Some(v))
    }

    /// One record as `member_id` sees it: a group member sees only their
    /// own note and member addenda; `None` is the group's own view (no
    /// member's) or a record with one supervisee.
    pub fn get(&mut self, id: &str, member_id: Option<&str>) -> Result<SessionRecord> {
        let (record, _, _) = self.load(id, None)?;
        if member_id.is_none() {
            return Ok(record);
        }
        let viewer = self.check_viewer(&record.person_id, member_id)?;
        Ok(self.load(id, viewer.as_deref())?.0)
    }

    /// Starts the record of a held session (or returns the one already
    /// started). Its agenda items come from the session's agenda.
    pub fn start(&mut self, key: &OccurrenceKey, now: DateTime<Utc>) -> Result<SessionRecord> {
        let occ = self.occurrence(key)?;
        if occ.status != SessionStatus::Held {
            return Err(Error::InvalidInput(
                "A record can only be written for a session marked as held. Mark the session as held first.".into(),
            ));
        }
        {
            let u = self.vault.unlocked()?;
            if let Some(row) = rows::record_of_occurrence::<RecordBody>(
                u.conn,
                u.ring,
                &key.series_id,
                key.original_start,
            )? {
                let id = row.meta.id;
                return self.get(&id, None);
            }
        }
        let agenda = self.agenda(key)?;
        let agenda_items = agenda
            .carried_over
            .into_iter()
            .map(|c| c.item)
            .chain(agenda.items)
            .map(|mut i| {
                i.carry_over = false;
                i
            })
            .collect();
        let content = RecordContent {
            agenda_items,
            ..RecordContent::default()
        };
        let now = body::stored(now);
        let meta = rows::RecordMeta {
            id: Uuid::new_v4().to_string(),
            person_id: occ.person_id.clone(),
            series_id: key.series_id.clone(),
            original_start: key.original_start,
            session_date: occ.local_start.date(),
            kind: body::kind_str(occ.kind).to_string(),
            status: body::record_status_str(RecordStatus::Draft).into(),
            revision: 1,
            created_at: now,
            updated_at: now,
        };
        let stored = RecordBody {
            content,
            finalisation: None,
            acknowledgement: None,
        };
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| rows::record_insert(tx, ring, &meta, &stored))?;
        self.get(&meta.id, None)
    }

    /// Replaces a draft's content (autosave). `revision` is the revision the
    /// content was based on; an older one is refused. New action items get
    /// ids (returned in the record's content: send them back next time).
    pub fn save_draft(
        &mut self,
        id: &str,
        revision: u32,
        content: &RecordContent,
        now: DateTime<Utc>,
    ) -> Result<SessionRecord> {
        let (record, full, meta) = self.load(id, None)?;
        if record.status == RecordStatus::Final {
            return Err(final_read_only());
        }
        if revision != record.revision {
            return Err(stale());
        }
        let party = self.party(&record.person_id)?;
        let ctx = Ctx {
            members: &party.members,
            group: party.group,
            session_date: record.session_date,
        };
        // Members' own notes merge per member: every read but the member's
        // own leaves the others out, so a note missing from a save is kept
        // (sent with empty text, it is removed).
        let mut merged = content.clone();
        merged.member_notes = full.member_notes;
        for n in &content.member_notes {
            match merged
                .member_notes
                .iter_mut()
                .find(|m| m.member_id == n.member_id.trim())
            {
                Some(m) => m.text = n.text.clone(),
                None => merged.member_notes.push(n.clone()),
            }
        }
        let mut content = validate::content(&ctx, &merged)?;
        for a in &content.action_items {
            if !a.id.is_empty() && !record.action_items.iter().any(|x| x.id == a.id) {
                return Err(Error::InvalidInput(
                    "An action item does not belong to this record. Reload the record.".into(),
                ));
            }
        }
        for a in content.action_items.iter_mut().filter(|a| a.id.is_empty()) {
            a.id = Uuid::new_v4().to_string();
        }
        let now = body::stored(now).max(meta.updated_at);
        let new_meta = rows::RecordMeta {
            revision: revision + 1,
            updated_at: now,
            ..meta
        };
        let stored = RecordBody {
            content: content.clone(),
            finalisation: None,
            acknowledgement: None,
        };
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| {
            if !rows::record_replace(tx, ring, &new_meta, revision, &stored)? {
                return Err(stale());
            }
            sync_actions(tx, ring, &new_meta, &content.action_items, now)
        })?;
        self.get(&new_meta.id, None)
    }

    /// What a record still needs before it can be finalised (empty when it
    /// can be; see [`missing_for_final`]).
    pub fn missing_for_final(&mut self, id: &str) -> Result<Vec<String>> {
        let (record, full, _) = self.load(id, None)?;
        if record.status == RecordStatus::Final {
            return Ok(Vec::new());
        }
        let party = self.party(&record.person_id)?;
        Ok(missing_for_final(&full, &party.members))
    }

    /// Finalises a draft: the supervisor's typed name, the date `now`, and
    /// the content hash. Refused, naming what is missing, when a required
    /// part is empty (see [`missing_for_final`]).
    pub fn finalise(
        &mut self,
        id: &str,
        signed_name: &str,
        now: DateTime<Utc>,
    ) -> Result<SessionRecord> {
        let (record, full, meta) = self.load(id, None)?;
        if record.status == RecordStatus::Final {
            return Err(final_read_only());
        }
        let signed_name = required_line("The supervisor's name", signed_name, NAME_CHARS)?;
        let party = self.party(&record.person_id)?;
        let missing = missing_for_final(&full, &party.members);
        if !missing.is_empty() {
            return Err(Error::InvalidInput(format!(
                "This record cannot be finalised yet. Still needed: {}.",
                missing.join("; ")
            )));
        }
        let now = body::stored(now).max(meta.updated_at);
        let hash = content_hash(&HashInput {
            record_id: &meta.id,
            person_id: &meta.person_id,
            series_id: &meta.series_id,
            original_start: meta.original_start,
            session_date: meta.session_date,
            content: &full,
            signed_name: &signed_name,
            finalised_at: now,
        });
        let new_meta = rows::RecordMeta {
            status: body::record_status_str(RecordStatus::Final).into(),
            revision: meta.revision + 1,
            updated_at: now,
            ..meta.clone()
        };
        let stored = RecordBody {
            content: full,
            finalisation: Some(Finalisation {
                signed_name,
                finalised_at: now,
                content_hash: hash,
            }),
            acknowledgement: None,
        };
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| {
            if !rows::record_replace(tx, ring, &new_meta, meta.revision, &stored)? {
                return Err(stale());
            }
            Ok(())
        })?;
        self.get(&new_meta.id, None)
    }

    /// Adds a dated addendum to a final record; the original stays as it
    /// was. A member's own addendum (group records) is seen only in their
    /// view. Returns the record in the group's own view (or, for a
    /// member's addendum, that member's view).
    pub fn add_addendum(
        &mut self,
        id: &str,
        input: &AddendumInput,
        now: DateTime<Utc>,
    ) -> Result<SessionRecord> {
        let (record, _, meta) = self.load(id, None)?;
        if record.status != RecordStatus::Final {
            return Err(Error::InvalidInput(
                "This record is still a draft: change it directly. Addenda are for final records."
                    .into(),
            ));
        }
        let member = self.check_viewer(&record.person_id, input.member_id.as_deref())?;
        let text = long_text("The addendum", &input.text, validate::TEXT_BYTES, true)?
            .trim()
            .to_string();
        let author = required_line("The addendum's author", &input.author, NAME_CHARS)?;
        let now = body::stored(now);
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| {
            let seq = rows::next_addendum_seq(tx, &meta.id)?;
            let m = rows::AddendumMeta {
                id: Uuid::new_v4().to_string(),
                record_id: meta.id.clone(),
                person_id: meta.person_id.clone(),
                seq,
                created_at: now,
            };
            rows::addendum_insert(
                tx,
                ring,
                &m,
                &AddendumBody {
                    text,
                    author,
                    member_id: member.clone(),
                },
            )
        })?;
        Ok(self.load(&meta.id, member.as_deref())?.0)
    }

    /// Records the supervisee's acknowledgement of a final record, entered
    /// by the supervisor by hand (labelled so). `date` is when they
    /// acknowledged it: not before the session, not after today.
    pub fn acknowledge_by_hand(
        &mut self,
        id: &str,
        name: &str,
        date: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<SessionRecord> {
        let (record, full, meta) = self.load(id, None)?;
        if record.status != RecordStatus::Final {
            return Err(Error::InvalidInput(
                "Only a final record can be acknowledged. Finalise it first.".into(),
            ));
        }
        if record.acknowledgement.is_some() {
            return Err(Error::ReadOnly(
                "The supervisee's acknowledgement of this record is already recorded.",
            ));
        }
        let name = required_line("The supervisee's name", name, NAME_CHARS)?;
        crate::validate::date("The acknowledgement date", Some(date))?;
        if date < record.session_date || date > (now + Duration::days(1)).date_naive() {
            return Err(Error::InvalidInput(
                "The acknowledgement date must be between the session and today.".into(),
            ));
        }
        let now = body::stored(now).max(meta.updated_at);
        let new_meta = rows::RecordMeta {
            revision: meta.revision + 1,
            updated_at: now,
            ..meta.clone()
        };
        let stored = RecordBody {
            content: full,
            finalisation: record.finalisation,
            acknowledgement: Some(HandAcknowledgement {
                name,
                date,
                recorded_by_hand: true,
                label: HAND_ACKNOWLEDGEMENT_LABEL.to_string(),
                recorded_at: now,
                packet_id: None,
            }),
        };
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| {
            if !rows::record_replace(tx, ring, &new_meta, meta.revision, &stored)? {
                return Err(stale());
            }
            Ok(())
        })?;
        self.get(&new_meta.id, None)
    }
}

/// Makes the record's action-item rows match its content: updated in
/// place (a status change is dated), new ones added, removed ones deleted.
fn sync_actions(
    tx: &rusqlite::Transaction<'_>,
    ring: &crate::keys::KeyRing,
    record: &rows::RecordMeta,
    items: &[ActionItemInput],
    now: DateTime<Utc>,
) -> Result<()> {
    let existing = rows::actions_of_record::<ActionBody>(tx, ring, &record.id)?;
    for (position, a) in items.iter().enumerate() {
        let old = existing.iter().find(|x| x.meta.id == a.id);
        let (created_at, mut history) = match old {
            Some(o) => {
                let b = o
                    .body
                    .as_ref()
                    .map_err(|_| Error::Integrity(rows::WHAT_ACTION.into()))?;
                (o.meta.created_at, b.history.clone())
            }
            None => (now, Vec::new()),
        };
        if old.is_some_and(|o| o.meta.status != body::status_str(a.status)) {
            history.push(super::StatusChange {
                status: a.status,
                at: now,
            });
        }
        let m = rows::ActionMeta {
            id: a.id.clone(),
            record_id: record.id.clone(),
            person_id: record.person_id.clone(),
            session_date: record.session_date,
            position: position as u32,
            status: body::status_str(a.status).into(),
            created_at,
            updated_at: now,
        };
        let b = ActionBody {
            text: a.text.clone(),
            owner: a
                .owner
                .clone()
                .ok_or_else(|| Error::Internal("an action item without an owner".into()))?,
            due: a.due,
            history,
        };
        rows::action_put(tx, ring, &m, &b)?;
    }
    let keep: Vec<String> = items.iter().map(|a| a.id.clone()).collect();
    rows::actions_delete_except(tx, &record.id, &keep)?;
    Ok(())
}
