//! What a supervisee sends their supervisor: journal entries (and the
//! journal's extracts and agenda items), their own count of supervision
//! hours, and acknowledgements of what the supervisor asked them to
//! acknowledge.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::{text, Peer};
use crate::error::{Error, Result};
use crate::hours::{Hours, SupervisionForm, MAX_PERIOD_DAYS};
use crate::packets::items::{AckTarget, CountedDay, ItemBody};
use crate::packets::view::{Direction, SendCandidate, SendSource, SharedItem};
use crate::packets::Packets;
use crate::settings::VaultSettings;
use crate::vault::Vault;

/// Most months offered for an hours count.
const COUNT_MONTHS: usize = 12;

/// The form as the hours ledger names it in a packet.
pub(super) fn form_name(form: SupervisionForm) -> &'static str {
    match form {
        SupervisionForm::Individual => "individual",
        SupervisionForm::Triadic => "triadic",
        SupervisionForm::Group => "group",
        SupervisionForm::DirectObservation => "direct_observation",
    }
}

/// The form a packet names, if this app knows it.
pub(super) fn parse_form(name: &str) -> Option<SupervisionForm> {
    [
        SupervisionForm::Individual,
        SupervisionForm::Triadic,
        SupervisionForm::Group,
        SupervisionForm::DirectObservation,
    ]
    .into_iter()
    .find(|f| form_name(*f) == name)
}

fn month_bounds(day: NaiveDate, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let first = day.with_day(1)?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    let last = next.pred_opt()?;
    Some((first, last.min(today)))
}

/// The title of an hours count.
fn count_title(from: NaiveDate, to: NaiveDate) -> String {
    format!("My supervision hours, {}", text::period(from, to))
}

/// The acknowledgement requests `peer` sent this vault, newest first.
fn requests(vault: &mut Vault, person_id: &str) -> Result<Vec<(SharedItem, AckTarget, String)>> {
    let mut out: Vec<(SharedItem, AckTarget, String)> = Packets::of(vault)
        .shared_items(person_id)?
        .into_iter()
        .filter(|s| s.direction == Direction::Received)
        .filter_map(|s| match &s.body {
            Some(ItemBody::AckRequest { target, title, .. }) => {
                let (target, title) = (target.clone(), title.clone());
                Some((s, target, title))
            }
            _ => None,
        })
        .collect();
    out.sort_by(|a, b| b.0.shared_at.cmp(&a.0.shared_at));
    Ok(out)
}

/// Everything this vault can send to its supervisor `person_id`.
pub(super) fn candidates(
    vault: &mut Vault,
    person_id: &str,
    now: DateTime<Utc>,
) -> Result<Vec<SendCandidate>> {
    let mut out = {
        let u = vault.unlocked()?;
        crate::journal::packet_candidates(u.conn, u.ring)?
    };
    let today = now.date_naive();
    let ledger = Hours::of(vault).ledger(person_id, now)?;
    let months: BTreeSet<(NaiveDate, NaiveDate)> = ledger
        .supervision
        .iter()
        .filter(|i| i.date <= today)
        .filter_map(|i| month_bounds(i.date, today))
        .collect();
    for (from, to) in months.into_iter().rev().take(COUNT_MONTHS) {
        out.push(SendCandidate {
            source: SendSource::HoursCount { from, to },
            kind_label: "Hours count".into(),
            title: count_title(from, to),
            date: Some(to),
            last_sent: None,
        });
    }
    let mut seen = Vec::new();
    for (shared, target, title) in requests(vault, person_id)? {
        if seen.contains(&target) {
            continue;
        }
        seen.push(target.clone());
        out.push(SendCandidate {
            source: SendSource::Acknowledgement { target },
            kind_label: "Acknowledgement".into(),
            title: format!("My acknowledgement: {title}"),
            date: Some(shared.shared_at.date_naive()),
            last_sent: None,
        });
    }
    Ok(out)
}

/// The item made from `source` for the supervisor `peer`.
pub(super) fn item(
    vault: &mut Vault,
    peer: &Peer,
    source: &SendSource,
    now: DateTime<Utc>,
) -> Result<(String, ItemBody)> {
    match source {
        SendSource::JournalEntry { .. } | SendSource::Extract { .. } | SendSource::AgendaItem { .. } => {
            let u = vault.unlocked()?;
            crate::journal::packet_item(u.conn, u.ring, source)?.ok_or_else(|| {
                Error::InvalidInput("That journal item cannot be sent.".into())
            })
        }
        SendSource::HoursCount { from, to } => hours_count(vault, peer, *from, *to, now),
        SendSource::Acknowledgement { target } => acknowledgement(vault, peer, target, now),
        SendSource::SelfAssessment { .. } => Err(Error::InvalidInput(
            "A self-assessment cannot be written in this vault yet, so there is none to send."
                .into(),
        )),
        SendSource::ProqolBands { .. } => Err(Error::InvalidInput(
            "ProQOL results cannot be sent yet.".into(),
        )),
        _ => Err(Error::InvalidInput(format!(
            "{} is something a supervisor sends to a supervisee; {} is your supervisor.",
            super::effects::source_label(source),
            peer.name
        ))),
    }
}

/// This vault's own count of supervision with `peer` from `from` to `to`.
fn hours_count(
    vault: &mut Vault,
    peer: &Peer,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(String, ItemBody)> {
    crate::validate::date_range(
        ("The first day of the count", Some(from)),
        ("The last day of the count", Some(to)),
        "The last day of the count is before its first day.",
    )?;
    if (to - from).num_days() + 1 > MAX_PERIOD_DAYS {
        return Err(Error::InvalidInput(format!(
            "An hours count covers at most {MAX_PERIOD_DAYS} days."
        )));
    }
    if to > now.date_naive() {
        return Err(Error::InvalidInput(
            "The count ends after today; count only days that have passed.".into(),
        ));
    }
    let ledger = Hours::of(vault).ledger(&peer.id, now)?;
    let mut days: Vec<CountedDay> = Vec::new();
    for i in ledger
        .supervision
        .iter()
        .filter(|i| from <= i.date && i.date <= to)
    {
        let form = form_name(i.form);
        match days.iter_mut().find(|d| d.date == i.date && d.form == form) {
            Some(d) => d.minutes += i.minutes,
            None => days.push(CountedDay {
                date: i.date,
                minutes: i.minutes,
                form: form.to_string(),
            }),
        }
    }
    days.sort_by(|a, b| (a.date, &a.form).cmp(&(b.date, &b.form)));
    Ok((count_title(from, to), ItemBody::HoursCount { from, to, days }))
}

/// The owner's acknowledgement of what `peer` asked them to acknowledge.
fn acknowledgement(
    vault: &mut Vault,
    peer: &Peer,
    target: &AckTarget,
    now: DateTime<Utc>,
) -> Result<(String, ItemBody)> {
    let (_, _, title) = requests(vault, &peer.id)?
        .into_iter()
        .find(|(_, t, _)| t == target)
        .ok_or_else(|| {
            Error::InvalidInput(format!(
                "{} has not asked you to acknowledge that (no request from them is kept here).",
                peer.name
            ))
        })?;
    let name = VaultSettings::of(vault).get()?.profile.name;
    if name.trim().is_empty() {
        return Err(Error::InvalidInput(
            "Add your name in Settings first: an acknowledgement carries it as your typed name."
                .into(),
        ));
    }
    Ok((
        format!("Acknowledgement: {title}"),
        ItemBody::Acknowledgement {
            target: target.clone(),
            typed_name: name.trim().to_string(),
            date: now.date_naive(),
        },
    ))
}
