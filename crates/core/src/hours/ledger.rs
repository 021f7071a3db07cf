//! Gathering a person's ledger: held sessions from the schedule, with their
//! length and form.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::{Hours, ItemSource, Ledger, SupervisionForm, SupervisionItem, SupervisorOfRecord};
use crate::agreements::{AgreementStatus, Agreements};
use crate::error::{Error, Result};
use crate::people::{People, PersonKind};
use crate::schedule::{Occurrence, Schedule, SessionKind, SessionStatus, MAX_RANGE_DAYS};
use crate::settings::VaultSettings;

impl Hours<'_> {
    /// The ledger of one person: every held session with them (individual)
    /// or with a group they are a member of (triadic for a group of two,
    /// group otherwise), up to `now`, oldest first; and the earliest
    /// effective date of their agreements. Peer and coaching sessions are
    /// not supervision and are left out.
    ///
    /// Errors: [`Error::NotFound`] for an unknown person,
    /// [`Error::InvalidInput`] for a group or organisation (hours are kept
    /// per person).
    pub fn ledger(&mut self, person_id: &str, now: DateTime<Utc>) -> Result<Ledger> {
        let person_id = crate::validate::id_string("That person's", person_id)?;
        let person = People::of(self.vault).get(&person_id)?;
        if person.fields.kind != PersonKind::Person {
            return Err(Error::InvalidInput(
                "Hours are kept for a person, not for a group or an organisation.".into(),
            ));
        }
        let owner = VaultSettings::of(self.vault).get()?.profile;
        let supervisor = SupervisorOfRecord {
            name: String::new(),
            licence_number: owner.licence_number,
            credential: owner.professional_role,
            is_owner: true,
        };
        let mut supervision = Vec::new();
        for (source, group_size) in sources(self.vault, &person_id)? {
            for occ in held(self.vault, &source, now)? {
                supervision.push(item(&occ, group_size, &supervisor));
            }
        }
        supervision.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        Ok(Ledger {
            counts_from: counts_from(self.vault, &person_id)?,
            person_id,
            supervision,
            practice: Vec::new(),
        })
    }
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
        id: format!(
            "session:{}:{}",
            occ.key.series_id,
            occ.key.original_start.format("%Y-%m-%dT%H:%M")
        ),
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
