//! Collecting a person's complete record through each domain's public
//! functions (never their tables).

use chrono::{DateTime, Duration, Utc};

use super::{SubjectAccessExport, APP_VERSION, SCHEMA_VERSION};
use crate::agreements::Agreements;
use crate::contacts::Contacts;
use crate::error::{Error, Result};
use crate::evaluations::Evaluations;
use crate::exception_log;
use crate::goals::Goals;
use crate::hours::Hours;
use crate::invoices::Invoices;
use crate::packets::Packets;
use crate::people::{People, PersonKind, Relation};
use crate::records::Records;
use crate::schedule::{Occurrence, Schedule, MAX_RANGE_DAYS};
use crate::validate;
use crate::vault::Vault;

/// How far ahead of `now` planned sessions are included.
const AHEAD_DAYS: i64 = 366;

/// The person `person_id` (a person, not a group or organisation), or the
/// error that names why not.
pub(super) fn person_to_export(v: &mut Vault, person_id: &str) -> Result<crate::people::Person> {
    let id = validate::id_string("That person's", person_id)?;
    let person = People::of(v).get(&id)?;
    match person.fields.kind {
        PersonKind::Person => Ok(person),
        PersonKind::Group => Err(Error::InvalidInput(
            "A subject-access export is about one person. A group's records are in each member's export."
                .into(),
        )),
        PersonKind::Organisation => Err(Error::InvalidInput(
            "A subject-access export is about one person, not an organisation.".into(),
        )),
    }
}

/// The groups `person_id` is a member of.
fn groups_of(v: &mut Vault, person_id: &str) -> Result<Vec<String>> {
    let groups: Vec<String> = People::of(v)
        .list()?
        .into_iter()
        .filter(|p| p.kind == PersonKind::Group && !p.damaged)
        .map(|p| p.id)
        .collect();
    let mut out = Vec::new();
    for g in groups {
        if People::of(v)
            .get(&g)?
            .fields
            .members
            .iter()
            .any(|m| m == person_id)
        {
            out.push(g);
        }
    }
    Ok(out)
}

/// Every session of `who` (a person or group) from its first series'
/// start to a year ahead, in windows the schedule accepts.
fn sessions_of(
    v: &mut Vault,
    who: &str,
    now: DateTime<Utc>,
    unreadable: &mut Vec<String>,
) -> Result<Vec<Occurrence>> {
    let list = Schedule::of(v).series_list(Some(who))?;
    for id in &list.damaged {
        unreadable.push(format!(
            "A session series ({id}) failed its integrity check; its sessions are missing."
        ));
    }
    let Some(from) = list.series.iter().map(|s| s.first_start).min() else {
        return Ok(Vec::new());
    };
    let ahead = now + Duration::days(AHEAD_DAYS);
    let to = list
        .series
        .iter()
        .map(|s| s.last_end.unwrap_or(ahead).min(ahead))
        .max()
        .unwrap_or(ahead);
    let mut out = Vec::new();
    let mut start = from;
    while start < to {
        let end = (start + Duration::days(MAX_RANGE_DAYS)).min(to);
        let found = Schedule::of(v).occurrences(start, end, Some(who))?;
        for key in &found.damaged_sessions {
            unreadable.push(format!(
                "A change to the session of {} failed its integrity check; it is missing.",
                key.original_start.format("%Y-%m-%d %H:%M")
            ));
        }
        // A window ends where the next one starts: keep sessions starting
        // in this one only, so one spanning the boundary is listed once.
        out.extend(
            found
                .occurrences
                .into_iter()
                .filter(|o| o.start >= start && (o.start < end || end == to)),
        );
        start = end;
    }
    for o in &mut out {
        // Conflicts name other people's sessions: not part of this record.
        o.conflict = false;
        o.conflicts_with.clear();
    }
    Ok(out)
}

/// The export of `person_id` as of `now`.
pub(super) fn gather(
    v: &mut Vault,
    person_id: &str,
    now: DateTime<Utc>,
) -> Result<SubjectAccessExport> {
    let person = person_to_export(v, person_id)?;
    let id = person.id.clone();
    let mut unreadable = Vec::new();

    let mut agreements = Vec::new();
    let mut summaries = Agreements::of(v).list(&id)?;
    summaries.sort_by_key(|s| s.version);
    for s in summaries {
        if s.damaged {
            unreadable.push(format!(
                "Version {} of the agreement failed its integrity check.",
                s.version
            ));
            continue;
        }
        agreements.push(Agreements::of(v).get(&s.id)?);
    }

    let groups = groups_of(v, &id)?;
    let mut sessions = sessions_of(v, &id, now, &mut unreadable)?;
    for g in &groups {
        sessions.extend(sessions_of(v, g, now, &mut unreadable)?);
    }
    sessions.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.key.cmp(&b.key)));

    let mut session_records = Vec::new();
    for s in Records::of(v).for_person(&id)? {
        if s.damaged {
            unreadable.push(format!(
                "The session record of {} failed its integrity check.",
                s.session_date
            ));
            continue;
        }
        session_records.push(Records::of(v).get(&s.id, None)?);
    }
    let mut group_session_records = Vec::new();
    for s in Records::of(v).group_records_of(&id)? {
        group_session_records.push(Records::of(v).get(&s.id, Some(&id))?);
    }
    let consultations = Records::of(v).case_references(&id)?;

    let exception_log = {
        let u = v.unlocked()?;
        exception_log::entries_of(u.conn, u.ring, &id)?
    };
    let contact_notes = Contacts::of(v).list(&id)?;

    let supervised = person.fields.relation == Relation::ISupervise;
    let (goals, development_stage, coaching) = if supervised {
        let list = Goals::of(v).list(Some(&id))?;
        for g in &list.damaged {
            unreadable.push(format!("A goal ({g}) failed its integrity check."));
        }
        let mut goals = Vec::new();
        for g in list.goals {
            goals.push(Goals::of(v).get(&g.goal.id)?);
        }
        let stage = Goals::of(v).stage(&id)?;
        let coaching = Goals::of(v).coaching_list(&id)?;
        (goals, Some(stage), Some(coaching))
    } else {
        (Vec::new(), None, None)
    };

    let hours_book = Hours::of(v).book(&id, now)?;
    if hours_book.damaged > 0 {
        unreadable.push(format!(
            "{} hours entries failed their integrity check.",
            hours_book.damaged
        ));
    }

    let (evaluations, supervision_checks, ending) = if supervised {
        let list = Evaluations::of(v).list(&id)?;
        for e in &list.damaged {
            unreadable.push(format!("An evaluation ({e}) failed its integrity check."));
        }
        let checks = Evaluations::of(v).checks(&id)?;
        for c in &checks.damaged {
            unreadable.push(format!(
                "A supervision check ({c}) failed its integrity check."
            ));
        }
        let ending = Evaluations::of(v).ending(&id)?;
        (list.evaluations, checks.checks, ending)
    } else {
        (Vec::new(), Vec::new(), None)
    };

    let mut invoices = Vec::new();
    for summary in Invoices::of(v).list(Some(&id))? {
        if summary.damaged {
            unreadable.push(format!(
                "An invoice ({}) failed its integrity check.",
                summary.id
            ));
        } else {
            invoices.push(Invoices::of(v).get(&summary.id)?);
        }
    }

    let mut shared_items = Vec::new();
    for item in Packets::of(v).shared_items(&id)? {
        if item.body.is_none() {
            unreadable.push(format!(
                "An item shared by packet ({}) failed its integrity check.",
                item.id
            ));
        } else {
            shared_items.push(item);
        }
    }

    Ok(SubjectAccessExport {
        schema_version: SCHEMA_VERSION,
        exported_at: now,
        app_version: APP_VERSION.to_string(),
        person,
        agreements,
        sessions,
        session_records,
        group_session_records,
        consultations,
        exception_log,
        contact_notes,
        goals,
        development_stage,
        coaching,
        hours: hours_book.ledger,
        hours_sign_offs: hours_book.sign_offs,
        evaluations,
        supervision_checks,
        ending,
        invoices,
        shared_items,
        unreadable,
    })
}
