//! Agendas: assembled from open action items, the items the last record did
//! not reach, the items added by hand, a supervisee's goals due for a
//! check-in (from `goals`) and the contact notes since the last record (from
//! `contacts`); the items added by hand are saved sealed per session.

use chrono::{DateTime, NaiveDate, Utc};

use super::body::{AgendaBody, RecordBody};
use super::handle::Records;
use super::validate::{self, Ctx};
use super::{
    ActionStatus, Agenda, AgendaContact, AgendaGoal, AgendaItem, AgendaParts, CarriedItem,
};
use crate::error::Result;
use crate::people::{People, PersonKind, Relation};
use crate::schedule::OccurrenceKey;
use crate::store::{self, records as rows};
use crate::{contacts, goals};

/// How far back an agenda looks for contact notes when the person has no
/// earlier record.
pub const CONTACTS_WINDOW_DAYS: i64 = 90;

/// Active goals of `person_id` due for a check-in on the session's date.
fn goals_due(
    conn: &rusqlite::Connection,
    ring: &crate::keys::KeyRing,
    person_id: &str,
    session_date: NaiveDate,
) -> Result<Vec<AgendaGoal>> {
    Ok(
        goals::due_for_check_in(conn, ring, Some(person_id), session_date)?
            .into_iter()
            .map(|g| AgendaGoal {
                id: g.goal.id.clone(),
                title: g.goal.fields.title.clone(),
                date: g.next_check_in,
            })
            .collect(),
    )
}

/// Contact notes from the last record's session date (or the
/// [`CONTACTS_WINDOW_DAYS`] before this session when there is none) up to
/// the session's date, oldest first. A note that cannot be opened is listed
/// as damaged rather than left out.
fn contacts_between(
    conn: &rusqlite::Connection,
    ring: &crate::keys::KeyRing,
    person_id: &str,
    last_date: Option<NaiveDate>,
    session_date: NaiveDate,
) -> Result<Vec<AgendaContact>> {
    let since = last_date.unwrap_or(session_date - chrono::Duration::days(CONTACTS_WINDOW_DAYS));
    Ok(contacts::contacts_since(conn, ring, person_id, since)?
        .into_iter()
        .filter_map(|note| match note.fields {
            Some(f) if f.date <= session_date => Some(AgendaContact {
                id: note.id,
                summary: contact_summary(&f),
                date: f.date,
            }),
            Some(_) => None,
            None => Some(AgendaContact {
                id: note.id,
                summary: "A contact note that failed its integrity check".into(),
                date: note.created_at.date_naive(),
            }),
        })
        .collect())
}

/// "Phone: client disclosed self-harm…" — the mode and the first line of the
/// issue, at most 120 characters.
fn contact_summary(f: &contacts::ContactInput) -> String {
    let mode = match f.mode {
        contacts::ContactMode::Phone => "Phone",
        contacts::ContactMode::Message => "Message",
        contacts::ContactMode::Video => "Video",
        contacts::ContactMode::InPerson => "In person",
    };
    let first = f.issue.lines().next().unwrap_or("").trim();
    let mut issue: String = first.chars().take(120).collect();
    if first.chars().count() > 120 || f.issue.trim().lines().count() > 1 {
        issue.push('…');
    }
    format!("{mode}: {issue}")
}

/// Builds an agenda from its parts (pure):
/// - `open_actions`: the action items still open, agreed in a session on or
///   before this one's date (never this session's own record), oldest first;
/// - `carried_over`: the last record's agenda items marked `carry_over`;
/// - `items`: the items added by hand, as saved (`saved` says whether they
///   ever were);
/// - `goals_due`, `contacts`: as given.
pub fn assemble(parts: AgendaParts) -> Agenda {
    let own_record = parts.record_id.clone();
    let mut open_actions: Vec<_> = parts
        .actions
        .into_iter()
        .filter(|a| a.status == ActionStatus::Open)
        .filter(|a| a.session_date <= parts.session_date)
        .filter(|a| Some(&a.record_id) != own_record.as_ref())
        .collect();
    open_actions.sort_by_key(|a| a.session_date);
    let carried_over = parts
        .last_record
        .map(|(record_id, session_date, items)| {
            items
                .into_iter()
                .filter(|i| i.carry_over)
                .map(|item| CarriedItem {
                    record_id: record_id.clone(),
                    session_date,
                    item,
                })
                .collect()
        })
        .unwrap_or_default();
    Agenda {
        key: parts.key,
        person_id: parts.person_id,
        open_actions,
        carried_over,
        saved: parts.own_items.is_some(),
        items: parts.own_items.unwrap_or_default(),
        goals_due: parts.goals_due,
        contacts: parts.contacts,
        record_id: parts.record_id,
        brought: parts.brought,
    }
}

impl Records<'_> {
    /// The agenda of a session (usually a coming one).
    pub fn agenda(&mut self, key: &OccurrenceKey) -> Result<Agenda> {
        let occ = self.occurrence(key)?;
        let u = self.vault.unlocked()?;
        let actions = rows::actions_of_person(u.conn, u.ring, &occ.person_id, Some("open"))?
            .into_iter()
            .filter_map(|r| super::body::action_item(r).ok())
            .collect();
        let last = rows::last_record_before::<RecordBody>(
            u.conn,
            u.ring,
            &occ.person_id,
            key.original_start,
        )?
        .and_then(|r| {
            let b = r.body.ok()?;
            Some((r.meta.id, r.meta.session_date, b.content.agenda_items))
        });
        let own = match rows::agenda_get::<AgendaBody>(
            u.conn,
            u.ring,
            &key.series_id,
            key.original_start,
        )? {
            Some(row) => Some(row.body?.items),
            None => None,
        };
        let record_id = rows::record_of_occurrence::<RecordBody>(
            u.conn,
            u.ring,
            &key.series_id,
            key.original_start,
        )?
        .map(|r| r.meta.id);
        let last_date = last.as_ref().map(|(_, date, _)| *date);
        let session_date = occ.local_start.date();
        // Goals and contact notes belong to one supervisee: a group, a peer
        // or the owner's own supervisor has none.
        let person = People::of(self.vault).get(&occ.person_id)?;
        let supervisee = person.fields.kind == PersonKind::Person
            && person.fields.relation == Relation::ISupervise;
        let (goals_due, contacts) = if !supervisee {
            (Vec::new(), Vec::new())
        } else {
            let u = self.vault.unlocked()?;
            (
                goals_due(u.conn, u.ring, &occ.person_id, session_date)?,
                contacts_between(u.conn, u.ring, &occ.person_id, last_date, session_date)?,
            )
        };
        let u = self.vault.unlocked()?;
        let mut brought = crate::journal::brought_to(u.conn, u.ring, &occ.person_id)?;
        brought.extend(crate::packets::brought_to(u.conn, u.ring, &occ.person_id)?);
        brought.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
        Ok(assemble(AgendaParts {
            key: key.clone(),
            person_id: occ.person_id,
            session_date: occ.local_start.date(),
            actions,
            last_record: last,
            own_items: own,
            goals_due,
            contacts,
            record_id,
            brought,
        }))
    }

    /// Saves the items added by hand to a session's agenda, in the order
    /// given (add, remove and reorder by sending the new list).
    pub fn agenda_save(
        &mut self,
        key: &OccurrenceKey,
        items: &[AgendaItem],
        now: DateTime<Utc>,
    ) -> Result<Agenda> {
        let occ = self.occurrence(key)?;
        let party = self.party(&occ.person_id)?;
        let ctx = Ctx {
            members: &party.members,
            group: party.group,
            session_date: occ.local_start.date(),
        };
        let items: Vec<AgendaItem> = validate::items(&ctx, items)?
            .into_iter()
            .map(|mut i| {
                i.carry_over = false;
                i
            })
            .collect();
        let meta = rows::AgendaMeta {
            series_id: key.series_id.clone(),
            original_start: key.original_start,
            person_id: occ.person_id.clone(),
            updated_at: super::body::stored(now),
        };
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| {
            rows::agenda_put(tx, ring, &meta, &AgendaBody { items })
        })?;
        self.agenda(key)
    }
}
