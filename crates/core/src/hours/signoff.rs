//! Sign-off of a period: checks, the sealed snapshot with its content hash,
//! reopening with a reason, and correction addenda.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::book_types::{HoursBook, Reopening, ReviewStatus, SignOffAddendum, SignOffInput};
use super::ledger::Live;
use super::load::SignOffBody;
use super::reconcile::{compare, period};
use super::{Hours, PracticeWeek, SupervisionItem, NOTE_CHARS};
use crate::error::{Error, Result};
use crate::records::RecordStatus;
use crate::store::hours::{self as rows, Meta, Table};
use crate::store::{from_millis, to_millis};
use crate::validate::{self, NAME_CHARS};

/// Everything the sign-off hash covers.
#[derive(Serialize)]
struct HashInput<'a> {
    sign_off_id: &'a str,
    person_id: &'a str,
    from: NaiveDate,
    to: NaiveDate,
    supervision: &'a [SupervisionItem],
    practice: &'a [PracticeWeek],
    signed_name: &'a str,
    signed_at: DateTime<Utc>,
}

/// SHA-256, lower-case hex, of `"confidant-hours-signoff-v1\n"` followed by
/// compact JSON of the sign-off id, person, period, the snapshot's items
/// and weeks (in ledger order), the typed name and the time signed.
fn content_hash(input: &HashInput<'_>) -> String {
    let mut h = Sha256::new();
    h.update(b"confidant-hours-signoff-v1\n");
    h.update(serde_json::to_vec(input).unwrap_or_default());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Recomputes a stored sign-off's hash (true when it matches).
pub(super) fn hash_matches(meta: &Meta, body: &SignOffBody) -> bool {
    content_hash(&HashInput {
        sign_off_id: &meta.id,
        person_id: &meta.person_id,
        from: body.from,
        to: body.to,
        supervision: &body.supervision,
        practice: &body.practice,
        signed_name: &body.signed_name,
        signed_at: body.signed_at,
    }) == body.content_hash
}

fn dates(list: &[String]) -> String {
    list.join(", ")
}

/// The reasons a period cannot be signed off yet, in plain words.
fn blockers(live: &Live, from: NaiveDate, to: NaiveDate) -> Result<()> {
    if let Some((_, s)) = live
        .stored
        .sign_offs
        .iter()
        .find(|(_, s)| s.active() && s.from <= to && from <= s.to)
    {
        return Err(Error::InvalidInput(format!(
            "Part of this period is already signed off ({} to {}). Reopen that sign-off first, or choose another period.",
            s.from, s.to
        )));
    }
    let ledger = live.effective();
    let in_period = |d: NaiveDate| from <= d && d <= to;
    let returned: Vec<String> = live
        .stored
        .reviews
        .iter()
        .filter(|(_, r)| r.status == ReviewStatus::Returned)
        .filter_map(|(_, r)| {
            ledger
                .supervision
                .iter()
                .find(|i| i.id == r.entry_id)
                .map(|i| (i.date, i.form.label().to_lowercase()))
                .or_else(|| {
                    ledger
                        .practice
                        .iter()
                        .find(|p| p.id == r.entry_id)
                        .map(|p| (p.week_start, "practice week".to_string()))
                })
        })
        .filter(|(d, _)| in_period(*d))
        .map(|(d, what)| format!("{d} ({what})"))
        .collect();
    if !returned.is_empty() {
        return Err(Error::InvalidInput(format!(
            "These entries were returned and are not yet approved: {}. Approve each before signing off.",
            dates(&returned)
        )));
    }
    let records: Vec<String> = live
        .items
        .iter()
        .filter(|i| in_period(i.item.date))
        .filter_map(|i| {
            let f = i.session.as_ref()?;
            match f.record {
                Some(RecordStatus::Final) => None,
                Some(RecordStatus::Draft) => Some(format!("{} (draft)", i.item.date)),
                None => Some(format!("{} (no record)", i.item.date)),
            }
        })
        .collect();
    if !records.is_empty() {
        return Err(Error::InvalidInput(format!(
            "Held sessions in this period still need a final record: {}. Finalise them before signing off.",
            dates(&records)
        )));
    }
    let unreconciled: Vec<String> = compare(live, from, to)
        .unreconciled
        .iter()
        .map(ToString::to_string)
        .collect();
    if !unreconciled.is_empty() {
        return Err(Error::InvalidInput(format!(
            "The supervisee's count differs from the ledger on {}. Correct the entries or accept each difference with a note before signing off.",
            dates(&unreconciled)
        )));
    }
    Ok(())
}

impl Hours<'_> {
    /// Signs off a period: stores a sealed snapshot of the ledger's items
    /// and practice weeks in it, with its content hash, the typed name and
    /// the time. Entries in the period are locked from then on.
    ///
    /// Refused (naming the dates) when part of the period is already
    /// signed off, an entry in it is returned and not approved, a held
    /// session in it has no final record, or the supervisee's count
    /// differs on a date and the difference is not accepted; also for a
    /// period that ends after today.
    pub fn sign_off(&mut self, input: &SignOffInput, now: DateTime<Utc>) -> Result<HoursBook> {
        period(input.from, input.to)?;
        if input.to > now.date_naive() {
            return Err(Error::InvalidInput(
                "The period ends after today; sign off only days that have passed.".into(),
            ));
        }
        let signed_name = validate::required_line("Your name", &input.signed_name, NAME_CHARS)?;
        let live = self.live(&input.person_id, now)?;
        blockers(&live, input.from, input.to)?;
        let ledger = live.effective();
        let supervision: Vec<SupervisionItem> = ledger
            .supervision
            .into_iter()
            .filter(|i| input.from <= i.date && i.date <= input.to)
            .collect();
        let practice: Vec<PracticeWeek> = ledger
            .practice
            .into_iter()
            .filter(|p| input.from <= p.week_start && p.week_start <= input.to)
            .collect();
        let at = from_millis(to_millis(now))?;
        let meta = Meta {
            id: Uuid::new_v4().to_string(),
            person_id: live.person_id.clone(),
            created_at: at,
            updated_at: at,
        };
        let content_hash = content_hash(&HashInput {
            sign_off_id: &meta.id,
            person_id: &meta.person_id,
            from: input.from,
            to: input.to,
            supervision: &supervision,
            practice: &practice,
            signed_name: &signed_name,
            signed_at: at,
        });
        let body = SignOffBody {
            from: input.from,
            to: input.to,
            signed_name,
            signed_at: at,
            content_hash,
            supervision,
            practice,
            reopened: None,
            addenda: Vec::new(),
        };
        self.write(|tx, ring| rows::insert(tx, ring, Table::SignOffs, &meta, &body))?;
        self.book(&meta.person_id, now)
    }

    /// Reopens a sign-off: its period is unlocked; the snapshot, the reason
    /// and the date stay in the sign-off log.
    pub fn reopen_sign_off(
        &mut self,
        person_id: &str,
        sign_off_id: &str,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<HoursBook> {
        let reason = validate::paragraph("The reason", reason, NOTE_CHARS)?;
        if reason.is_empty() {
            return Err(Error::Empty("The reason"));
        }
        let at = from_millis(to_millis(now))?;
        let book = self.change_sign_off(person_id, sign_off_id, now, |body| {
            if body.reopened.is_some() {
                return Err(Error::ReadOnly("That sign-off is already reopened."));
            }
            body.reopened = Some(Reopening {
                reason,
                reopened_at: at,
            });
            Ok(())
        })?;
        crate::audit::record(
            self.vault,
            crate::audit::AuditEvent::SignOffReopened,
            "",
            now,
        )?;
        Ok(book)
    }

    /// Adds a dated correction to a sign-off (the snapshot stays as signed).
    pub fn add_sign_off_addendum(
        &mut self,
        person_id: &str,
        sign_off_id: &str,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<HoursBook> {
        let text = validate::paragraph("The correction", text, NOTE_CHARS)?;
        if text.is_empty() {
            return Err(Error::Empty("The correction"));
        }
        let at = from_millis(to_millis(now))?;
        self.change_sign_off(person_id, sign_off_id, now, |body| {
            body.addenda.push(SignOffAddendum {
                id: Uuid::new_v4().to_string(),
                text,
                added_at: at,
            });
            Ok(())
        })
    }

    fn change_sign_off(
        &mut self,
        person_id: &str,
        sign_off_id: &str,
        now: DateTime<Utc>,
        change: impl FnOnce(&mut SignOffBody) -> Result<()>,
    ) -> Result<HoursBook> {
        let id = validate::id_string("That sign-off's", sign_off_id)?;
        let live = self.live(person_id, now)?;
        let (meta, body) = live
            .stored
            .sign_offs
            .iter()
            .find(|(m, _)| m.id == id)
            .ok_or(Error::NotFound("That sign-off"))?;
        let mut body = body.clone();
        change(&mut body)?;
        let meta = Meta {
            updated_at: from_millis(to_millis(now))?.max(meta.updated_at),
            ..meta.clone()
        };
        self.write(|tx, ring| rows::replace(tx, ring, Table::SignOffs, &meta, &body))?;
        self.book(&meta.person_id, now)
    }
}
