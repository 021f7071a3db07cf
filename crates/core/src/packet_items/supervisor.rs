//! What a supervisor sends a supervisee: session summaries and action items
//! of final records, requests to acknowledge an agreement version or a
//! final record, signed-off hours and evaluations.

use chrono::{DateTime, Utc};

use super::{text, Peer};
use crate::agreements::{AgreementStatus, Agreements};
use crate::error::{Error, Result};
use crate::evaluations::{EvaluationKind, Evaluations};
use crate::hours::{Hours, SignOff};
use crate::packets::items::{AckTarget, FormTotal, ItemBody, SharedRating};
use crate::packets::view::{SendCandidate, SendSource};
use crate::records::{RecordStatus, Records, SessionRecord};
use crate::vault::Vault;

fn candidate(source: SendSource, kind: &str, title: String, date: chrono::NaiveDate) -> SendCandidate {
    SendCandidate {
        source,
        kind_label: kind.into(),
        title,
        date: Some(date),
        last_sent: None,
    }
}

/// The title of an acknowledgement request for an agreement version.
fn agreement_title(title: &str, version: u32) -> String {
    format!("{} (version {version})", title.trim())
}

/// The title of a record's acknowledgement request.
fn record_title(r: &SessionRecord) -> String {
    format!("Session record, {}", text::day(r.session_date))
}

/// Everything this vault can send to the supervisee `person_id`.
pub(super) fn candidates(
    vault: &mut Vault,
    person_id: &str,
    now: DateTime<Utc>,
) -> Result<Vec<SendCandidate>> {
    let mut out = Vec::new();
    let summaries = Records::of(vault).for_person(person_id)?;
    for s in summaries
        .iter()
        .filter(|s| !s.damaged && s.status == RecordStatus::Final)
    {
        let Ok(r) = Records::of(vault).get(&s.id, None) else {
            continue;
        };
        let day = text::day(r.session_date);
        out.push(candidate(
            SendSource::SessionSummary {
                record_id: r.id.clone(),
            },
            "Session summary",
            format!("Summary of the session of {day}"),
            r.session_date,
        ));
        if !r.content.action_items.is_empty() {
            out.push(candidate(
                SendSource::ActionItems {
                    record_id: r.id.clone(),
                },
                "Action items",
                format!("Action items from the session of {day}"),
                r.session_date,
            ));
        }
        let by_packet = r.acknowledgement.as_ref().is_some_and(|a| !a.recorded_by_hand);
        if let (Some(f), false) = (&r.finalisation, by_packet) {
            out.push(candidate(
                SendSource::AckRequest {
                    target: AckTarget::Record {
                        id: r.id.clone(),
                        content_hash: f.content_hash.clone(),
                    },
                },
                "Acknowledgement request",
                record_title(&r),
                r.session_date,
            ));
        }
    }
    let versions = Agreements::of(vault).list(person_id)?;
    for v in versions
        .iter()
        .filter(|v| !v.damaged && v.status != AgreementStatus::Superseded)
    {
        let Ok(a) = Agreements::of(vault).get(&v.id) else {
            continue;
        };
        let theirs = a.acknowledgements.iter().find(|k| k.party_id == person_id);
        if theirs.is_some_and(|k| k.via_packet.is_some()) {
            continue;
        }
        if a.content.parties.iter().all(|p| p.party_id != person_id) {
            continue;
        }
        out.push(candidate(
            SendSource::AckRequest {
                target: AckTarget::Agreement {
                    id: a.id.clone(),
                    version: a.version,
                },
            },
            "Acknowledgement request",
            agreement_title(&a.content.title, a.version),
            a.updated_at.date_naive(),
        ));
    }
    let book = Hours::of(vault).book(person_id, now)?;
    for s in book.sign_offs.iter().filter(|s| s.reopened.is_none()) {
        out.push(candidate(
            SendSource::SignedHours {
                sign_off_id: s.id.clone(),
            },
            "Signed hours",
            format!("Signed-off hours, {}", text::period(s.from, s.to)),
            s.to,
        ));
    }
    let evaluations = Evaluations::of(vault).list(person_id)?;
    for e in &evaluations.evaluations {
        out.push(candidate(
            SendSource::Evaluation {
                evaluation_id: e.id.clone(),
            },
            "Evaluation",
            evaluation_title(e.kind, e.date),
            e.date,
        ));
    }
    Ok(out)
}

fn evaluation_title(kind: EvaluationKind, date: chrono::NaiveDate) -> String {
    let kind = match kind {
        EvaluationKind::Midpoint => "Midpoint evaluation",
        EvaluationKind::Final => "Final evaluation",
    };
    format!("{kind}, {}", text::day(date))
}

fn elsewhere(what: &str, name: &str) -> Error {
    Error::InvalidInput(format!("{what} is not one of {name}'s, so it cannot be sent to them."))
}

/// A final record of `peer`'s.
fn final_record(vault: &mut Vault, peer: &Peer, record_id: &str) -> Result<SessionRecord> {
    let r = Records::of(vault).get(record_id, None)?;
    if r.person_id != peer.id {
        return Err(elsewhere("That session record", &peer.name));
    }
    if r.status != RecordStatus::Final {
        return Err(Error::InvalidInput(
            "That session record is still a draft; only a final record can be sent.".into(),
        ));
    }
    Ok(r)
}

/// The sign-off `id` of `peer`'s hours.
fn sign_off(vault: &mut Vault, peer: &Peer, id: &str, now: DateTime<Utc>) -> Result<SignOff> {
    let book = Hours::of(vault).book(&peer.id, now)?;
    let s = book
        .sign_offs
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| elsewhere("That sign-off", &peer.name))?;
    if s.reopened.is_some() {
        return Err(Error::InvalidInput(
            "That sign-off was reopened, so it no longer stands; sign the period off again first."
                .into(),
        ));
    }
    Ok(s)
}

/// The item made from `source` for the supervisee `peer`.
pub(super) fn item(
    vault: &mut Vault,
    peer: &Peer,
    source: &SendSource,
    now: DateTime<Utc>,
) -> Result<(String, ItemBody)> {
    match source {
        SendSource::SessionSummary { record_id } => {
            let r = final_record(vault, peer, record_id)?;
            Ok((
                format!("Summary of the session of {}", text::day(r.session_date)),
                ItemBody::SessionSummary {
                    session_date: r.session_date,
                    summary: text::summary(&r),
                },
            ))
        }
        SendSource::ActionItems { record_id } => {
            let r = final_record(vault, peer, record_id)?;
            if r.content.action_items.is_empty() {
                return Err(Error::InvalidInput(
                    "That session record has no action items to send.".into(),
                ));
            }
            Ok((
                format!("Action items from the session of {}", text::day(r.session_date)),
                ItemBody::ActionItems {
                    session_date: r.session_date,
                    items: r.content.action_items.iter().map(text::action).collect(),
                },
            ))
        }
        SendSource::AckRequest { target } => ack_request(vault, peer, target),
        SendSource::SignedHours { sign_off_id } => {
            let s = sign_off(vault, peer, sign_off_id, now)?;
            let mut totals: Vec<FormTotal> = Vec::new();
            for i in &s.supervision {
                let form = super::supervisee::form_name(i.form).to_string();
                match totals.iter_mut().find(|t| t.form == form) {
                    Some(t) => t.minutes += i.minutes,
                    None => totals.push(FormTotal {
                        form,
                        minutes: i.minutes,
                    }),
                }
            }
            Ok((
                format!("Signed-off hours, {}", text::period(s.from, s.to)),
                ItemBody::SignedHours {
                    from: s.from,
                    to: s.to,
                    totals,
                    signed_by: s.signed_name,
                    signed_on: s.signed_at.date_naive(),
                    hash: s.content_hash,
                },
            ))
        }
        SendSource::Evaluation { evaluation_id } => {
            let e = Evaluations::of(vault).get(evaluation_id)?;
            if e.person_id != peer.id {
                return Err(elsewhere("That evaluation", &peer.name));
            }
            Ok((
                evaluation_title(e.kind, e.date),
                ItemBody::Evaluation {
                    date: e.date,
                    ratings: e
                        .ratings
                        .iter()
                        .map(|r| SharedRating {
                            area: r.area_name.clone(),
                            rating: r.supervisor,
                            comment: r.comment.clone(),
                        })
                        .collect(),
                    comments: e.supervisor_comments,
                },
            ))
        }
        _ => Err(Error::InvalidInput(format!(
            "{} is something a supervisee sends to their supervisor; {} is your supervisee.",
            super::effects::source_label(source),
            peer.name
        ))),
    }
}

/// A request to acknowledge an agreement version or a final record of
/// `peer`'s, with its whole text.
fn ack_request(vault: &mut Vault, peer: &Peer, target: &AckTarget) -> Result<(String, ItemBody)> {
    let (title, body_text) = match target {
        AckTarget::Agreement { id, version } => {
            let a = Agreements::of(vault).get(id)?;
            if a.person_id != peer.id {
                return Err(elsewhere("That agreement", &peer.name));
            }
            if a.version != *version {
                return Err(Error::InvalidInput(format!(
                    "That agreement is now version {}, not {version}.",
                    a.version
                )));
            }
            if a.status == AgreementStatus::Superseded {
                return Err(Error::InvalidInput(
                    "That agreement version has been superseded; ask for the current one.".into(),
                ));
            }
            (
                agreement_title(&a.content.title, a.version),
                text::agreement(a.version, &a.content),
            )
        }
        AckTarget::Record { id, content_hash } => {
            let r = final_record(vault, peer, id)?;
            let hash = r.finalisation.as_ref().map(|f| f.content_hash.as_str());
            if hash != Some(content_hash.as_str()) {
                return Err(Error::InvalidInput(
                    "That record's content hash is not the one given; reload the record.".into(),
                ));
            }
            (record_title(&r), text::record(&r))
        }
    };
    Ok((
        title.clone(),
        ItemBody::AckRequest {
            target: target.clone(),
            title,
            text: body_text,
        },
    ))
}

/// The text an acknowledgement request for agreement version `id` carries,
/// as the agreement stands now.
pub(super) fn agreement_request_text(vault: &mut Vault, id: &str) -> Result<String> {
    let a = Agreements::of(vault).get(id)?;
    Ok(text::agreement(a.version, &a.content))
}
