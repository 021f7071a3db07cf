//! The hours book: the ledger with everything the hours screen shows
//! around it (manual entries in full, entry states, sign-offs, their log
//! and the changes since sign-off).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::book_types::{
    ChangeKind, ChangeSinceSignOff, EntryState, FormMinutes, HoursBook, SignOffEvent,
    SignOffLogEntry,
};
use super::ledger::Live;
use super::review::adjusted_item_id;
use super::signoff::hash_matches;
use super::{Hours, SupervisionItem};
use crate::error::Result;

fn fm(i: &SupervisionItem) -> FormMinutes {
    FormMinutes {
        form: i.form,
        minutes: i.minutes,
    }
}

/// The differences between each active sign-off's snapshot and the items
/// of its period today.
fn changes(live: &Live) -> Vec<ChangeSinceSignOff> {
    let mut out = Vec::new();
    for (meta, so) in live.stored.sign_offs.iter().filter(|(_, s)| s.active()) {
        let now: BTreeMap<&str, &SupervisionItem> = live
            .items
            .iter()
            .filter(|i| so.from <= i.item.date && i.item.date <= so.to)
            .map(|i| (i.item.id.as_str(), &i.item))
            .collect();
        let signed: BTreeMap<&str, &SupervisionItem> =
            so.supervision.iter().map(|i| (i.id.as_str(), i)).collect();
        for (id, s) in &signed {
            match now.get(id) {
                None => out.push(ChangeSinceSignOff {
                    sign_off_id: meta.id.clone(),
                    date: s.date,
                    item_id: (*id).to_string(),
                    kind: ChangeKind::Removed,
                    signed: Some(fm(s)),
                    now: None,
                }),
                Some(n) if fm(n) != fm(s) => out.push(ChangeSinceSignOff {
                    sign_off_id: meta.id.clone(),
                    date: s.date,
                    item_id: (*id).to_string(),
                    kind: ChangeKind::Changed,
                    signed: Some(fm(s)),
                    now: Some(fm(n)),
                }),
                Some(_) => {}
            }
        }
        for (id, n) in &now {
            if !signed.contains_key(id) {
                out.push(ChangeSinceSignOff {
                    sign_off_id: meta.id.clone(),
                    date: n.date,
                    item_id: (*id).to_string(),
                    kind: ChangeKind::Added,
                    signed: None,
                    now: Some(fm(n)),
                });
            }
        }
    }
    out.sort_by(|a, b| (a.date, &a.item_id).cmp(&(b.date, &b.item_id)));
    out
}

fn entry<'a>(states: &'a mut BTreeMap<String, EntryState>, id: &str) -> &'a mut EntryState {
    states.entry(id.to_string()).or_insert_with(|| EntryState {
        entry_id: id.to_string(),
        review: None,
        adjustment: None,
        locked_by: None,
    })
}

impl Hours<'_> {
    /// Everything the hours screen shows for one person: the ledger (see
    /// [`Hours::ledger`]), the manual entries in full, each entry's review,
    /// adjustment and lock, the sign-offs with their log, and what changed
    /// in signed-off periods since they were signed.
    pub fn book(&mut self, person_id: &str, now: DateTime<Utc>) -> Result<HoursBook> {
        let live = self.live(person_id, now)?;
        let ledger = live.effective();
        let s = &live.stored;
        let mut states: BTreeMap<String, EntryState> = BTreeMap::new();
        for (_, r) in &s.reviews {
            entry(&mut states, &r.entry_id).review = Some(r.review());
        }
        for (_, a) in &s.adjustments {
            entry(&mut states, &adjusted_item_id(a)).adjustment = Some(a.adjustment());
        }
        let dated = ledger
            .supervision
            .iter()
            .map(|i| (i.id.as_str(), i.date))
            .chain(
                ledger
                    .practice
                    .iter()
                    .map(|p| (p.id.as_str(), p.week_start)),
            );
        for (id, date) in dated {
            if let Some((m, _)) = s.lock_of(date) {
                entry(&mut states, id).locked_by = Some(m.id.clone());
            }
        }
        let mut damaged = s.damaged;
        let mut sign_offs = Vec::new();
        let mut log = Vec::new();
        for (meta, so) in &s.sign_offs {
            if !hash_matches(meta, so) {
                damaged += 1;
                continue;
            }
            let line = |event, at, text: &str| SignOffLogEntry {
                sign_off_id: meta.id.clone(),
                from: so.from,
                to: so.to,
                event,
                at,
                text: text.to_string(),
            };
            log.push(line(SignOffEvent::Signed, so.signed_at, &so.signed_name));
            for a in &so.addenda {
                log.push(line(SignOffEvent::Addendum, a.added_at, &a.text));
            }
            if let Some(r) = &so.reopened {
                log.push(line(SignOffEvent::Reopened, r.reopened_at, &r.reason));
            }
            sign_offs.push(so.sign_off(meta));
        }
        sign_offs.sort_by_key(|s| (s.from, s.signed_at));
        log.sort_by_key(|l| l.at);
        let mut manual: Vec<_> = s.manual.iter().map(|(m, b)| b.entry(m)).collect();
        manual.sort_by(|a, b| (a.date, a.start, &a.id).cmp(&(b.date, b.start, &b.id)));
        Ok(HoursBook {
            changes: changes(&live),
            ledger,
            manual,
            entries: states.into_values().collect(),
            sign_offs,
            log,
            damaged,
        })
    }
}
