//! What a received packet does: the plain-language effect of each item
//! (the preview), the checks made before the import, and the effects
//! applied in the import's transaction.

use chrono::{DateTime, Utc};

use super::{supervisee, supervisor, text, Peer};
use crate::agreements::{self, AcknowledgementInput, Agreements};
use crate::error::{Error, Result};
use crate::hours::{self, TheirCount, TheirCountInput};
use crate::keys::KeyRing;
use crate::packets::items::{AckTarget, ItemBody};
use crate::packets::view::{Direction, SendSource};
use crate::packets::{Opened, Packets};
use crate::people::Relation;
use crate::records::{self, Records};
use crate::vault::Vault;

/// The plain-language kind of an item.
pub(super) fn kind_label(body: &ItemBody) -> String {
    match body {
        ItemBody::JournalEntry { .. } => "Journal entry",
        ItemBody::Extract { .. } => "Extract",
        ItemBody::AgendaItem { .. } => "Agenda item",
        ItemBody::HoursCount { .. } => "Hours count",
        ItemBody::SelfAssessment { .. } => "Self-assessment",
        ItemBody::Acknowledgement { .. } => "Acknowledgement",
        ItemBody::SessionSummary { .. } => "Session summary",
        ItemBody::ActionItems { .. } => "Action items",
        ItemBody::AckRequest { .. } => "Acknowledgement request",
        ItemBody::SignedHours { .. } => "Signed hours",
        ItemBody::Evaluation { .. } => "Evaluation",
        ItemBody::ProqolBands { .. } => "ProQOL bands",
    }
    .into()
}

/// The plain-language kind of a source.
pub(super) fn source_label(source: &SendSource) -> &'static str {
    match source {
        SendSource::JournalEntry { .. } => "A journal entry",
        SendSource::Extract { .. } => "An extract",
        SendSource::AgendaItem { .. } => "An agenda item",
        SendSource::HoursCount { .. } => "An hours count",
        SendSource::SelfAssessment { .. } => "A self-assessment",
        SendSource::Acknowledgement { .. } => "An acknowledgement",
        SendSource::SessionSummary { .. } => "A session summary",
        SendSource::ActionItems { .. } => "Action items",
        SendSource::AckRequest { .. } => "An acknowledgement request",
        SendSource::SignedHours { .. } => "Signed hours",
        SendSource::Evaluation { .. } => "An evaluation",
        SendSource::ProqolBands { .. } => "ProQOL bands",
    }
}

fn refused(why: &str) -> String {
    format!("Cannot be imported: {why}")
}

/// What importing `body` from `peer` would do, in plain words.
pub(super) fn describe(vault: &mut Vault, peer: &Peer, body: &ItemBody) -> Result<(String, String)> {
    let name = &peer.name;
    let kept = format!("Kept under {name}, read-only");
    let effect = if peer.relation != Relation::ISupervise {
        match body {
            ItemBody::AckRequest { .. } => {
                format!("{kept}; you can send your acknowledgement back")
            }
            _ => kept,
        }
    } else {
        match body {
            ItemBody::Extract { .. } | ItemBody::AgendaItem { .. } => {
                format!("Added to the agenda of {name}'s next session ({})", kept.to_lowercase())
            }
            ItemBody::HoursCount { from, to, .. } => format!(
                "{name}'s count for {}, for reconciling (it replaces any count of theirs for those days)",
                text::period(*from, *to)
            ),
            ItemBody::SelfAssessment { .. } => {
                format!("{kept} (their self-assessment; your evaluations are not changed)")
            }
            ItemBody::ProqolBands { .. } => format!("{kept} (the bands only, never the answers)"),
            ItemBody::Acknowledgement { target, .. } => describe_ack(vault, peer, target)?,
            _ => kept,
        }
    };
    Ok((kind_label(body), effect))
}

fn describe_ack(vault: &mut Vault, peer: &Peer, target: &AckTarget) -> Result<String> {
    let name = &peer.name;
    Ok(match target {
        AckTarget::Record { id, content_hash } => {
            let r = match Records::of(vault).get(id, None) {
                Ok(r) if r.person_id == peer.id => r,
                Ok(_) | Err(Error::NotFound(_)) => {
                    return Ok(refused(&format!("no record of {name}'s matches it")))
                }
                Err(e) => return Err(e),
            };
            let day = text::day(r.session_date);
            let hash = r.finalisation.as_ref().map(|f| f.content_hash.as_str());
            if hash != Some(content_hash.as_str()) {
                return Ok(refused(&format!(
                    "{name} acknowledged different text from the record of {day} as finalised"
                )));
            }
            match &r.acknowledgement {
                Some(a) if a.recorded_by_hand => format!(
                    "Replaces the acknowledgement you recorded on {name}'s behalf on the record of {day}"
                ),
                Some(_) => format!("Replaces {name}'s earlier acknowledgement of the record of {day}"),
                None => format!("Records {name}'s acknowledgement of the record of {day}"),
            }
        }
        AckTarget::Agreement { id, version } => {
            let a = match Agreements::of(vault).get(id) {
                Ok(a) if a.person_id == peer.id => a,
                Ok(_) | Err(Error::NotFound(_)) => {
                    return Ok(refused(&format!("no agreement with {name} matches it")))
                }
                Err(e) => return Err(e),
            };
            let title = format!("“{}” (version {})", a.content.title, a.version);
            if a.version != *version {
                return Ok(refused(&format!(
                    "{name} acknowledged version {version}, but the agreement is now {title}"
                )));
            }
            if let Err(e) = check_agreement_text(vault, peer, id, *version) {
                return Ok(refused(&e.to_string()));
            }
            match a.acknowledgements.iter().find(|k| k.party_id == peer.id) {
                Some(k) if k.recorded_by_owner => format!(
                    "Replaces the acknowledgement you recorded on {name}'s behalf on {title}"
                ),
                Some(_) => format!("Replaces {name}'s earlier acknowledgement of {title}"),
                None if a.awaiting.len() == 1 => format!(
                    "Records {name}'s acknowledgement of {title}, which puts it in force"
                ),
                None => format!("Records {name}'s acknowledgement of {title}"),
            }
        }
    })
}

/// Refuses an acknowledgement of agreement version `id` unless this vault
/// asked `peer` to acknowledge it and its text is unchanged since.
fn check_agreement_text(vault: &mut Vault, peer: &Peer, id: &str, version: u32) -> Result<()> {
    let asked: Option<String> = Packets::of(vault)
        .shared_items(&peer.id)?
        .into_iter()
        .filter(|s| s.direction == Direction::Sent && s.revoked_at.is_none())
        .filter_map(|s| match s.body {
            Some(ItemBody::AckRequest {
                target: AckTarget::Agreement { id: i, version: v },
                text,
                ..
            }) if i == id && v == version => Some((s.shared_at, text)),
            _ => None,
        })
        .max_by_key(|(at, _)| *at)
        .map(|(_, text)| text);
    let Some(asked) = asked else {
        return Err(Error::InvalidInput(format!(
            "You have not asked {} to acknowledge version {version} of that agreement (no request is kept here). Nothing was imported.",
            peer.name
        )));
    };
    if asked != supervisor::agreement_request_text(vault, id)? {
        return Err(Error::InvalidInput(format!(
            "The agreement changed after you asked {} to acknowledge it, so they acknowledged other text. Nothing was imported; send them a new request.",
            peer.name
        )));
    }
    Ok(())
}

/// The titles of the shared items `ids` names (received from `person_id`).
/// (sent to them, for one of this vault's own packets).
pub(super) fn revoked_titles(
    vault: &mut Vault,
    person_id: &str,
    ids: &[String],
    own: bool,
) -> Result<Vec<String>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let items = if person_id.is_empty() {
        Vec::new()
    } else {
        Packets::of(vault).shared_items(person_id)?
    };
    let way = if own { Direction::Sent } else { Direction::Received };
    Ok(ids
        .iter()
        .map(|id| {
            items
                .iter()
                .find(|s| &s.id == id && s.direction == way)
                .map_or_else(|| "An item that is not kept here".to_string(), |s| s.title.clone())
        })
        .collect())
}

/// Checked before the import's transaction: the ones that need reads
/// through other handles (an agreement acknowledgement against the request
/// this vault sent).
pub(super) struct Prepared {
    /// The sender is this vault's supervisee: their items have effects.
    effects: bool,
}

/// The checks made before the import (nothing is written).
pub(super) fn prepare(vault: &mut Vault, peer: &Peer, opened: &Opened) -> Result<Prepared> {
    let effects = !opened.own && peer.relation == Relation::ISupervise;
    if effects {
        for item in &opened.items {
            if let ItemBody::Acknowledgement {
                target: AckTarget::Agreement { id, version },
                ..
            } = &item.body
            {
                check_agreement_text(vault, peer, id, *version)?;
            }
        }
    }
    Ok(Prepared { effects })
}

/// Applies the effects of `opened`'s items, in the import's transaction;
/// one line per effect. Any failure fails the whole import.
pub(super) fn land(
    tx: &rusqlite::Transaction<'_>,
    ring: &KeyRing,
    peer: &Peer,
    prepared: &Prepared,
    opened: &Opened,
    now: DateTime<Utc>,
) -> Result<Vec<String>> {
    let mut effects = Vec::new();
    if !prepared.effects {
        return Ok(effects);
    }
    let name = &peer.name;
    let mut on_agenda = 0;
    for item in &opened.items {
        match &item.body {
            ItemBody::Acknowledgement {
                target: AckTarget::Record { id, content_hash },
                typed_name,
                date,
            } => {
                let done = records::acknowledge_by_packet_in(
                    tx,
                    ring,
                    id,
                    &peer.id,
                    content_hash,
                    typed_name,
                    *date,
                    &opened.packet_id,
                    now,
                )?;
                let day = text::day(done.session_date);
                effects.push(if done.replaced_by_hand {
                    format!("{name}'s own acknowledgement replaced the one you recorded on their behalf on the record of {day}.")
                } else {
                    format!("{name}'s acknowledgement of the record of {day} is recorded.")
                });
            }
            ItemBody::Acknowledgement {
                target: AckTarget::Agreement { id, version },
                typed_name,
                date,
            } => {
                let input = AcknowledgementInput {
                    party_id: peer.id.clone(),
                    typed_name: typed_name.clone(),
                    date: *date,
                };
                let done = agreements::acknowledge_by_packet_in(
                    tx,
                    ring,
                    id,
                    *version,
                    &input,
                    &opened.packet_id,
                    now,
                )?;
                let title = format!("“{}” (version {})", done.title, done.version);
                let mut line = if done.replaced_by_owner {
                    format!("{name}'s own acknowledgement replaced the one you recorded on their behalf on {title}.")
                } else {
                    format!("{name}'s acknowledgement of {title} is recorded.")
                };
                if done.now_in_force {
                    line.push_str(" The agreement is now in force.");
                }
                effects.push(line);
            }
            ItemBody::HoursCount { from, to, days } => {
                let mut counts = Vec::with_capacity(days.len());
                for d in days {
                    let form = supervisee::parse_form(&d.form).ok_or_else(|| {
                        Error::InvalidInput(format!(
                            "{name}'s hours count names a form of supervision this app does not know (“{}”). Nothing was imported.",
                            d.form
                        ))
                    })?;
                    let minutes = i32::try_from(d.minutes).map_err(|_| {
                        Error::InvalidInput(format!(
                            "{name}'s hours count for {} is too large. Nothing was imported.",
                            d.date
                        ))
                    })?;
                    counts.push(TheirCount {
                        date: d.date,
                        minutes,
                        form,
                    });
                }
                let input = TheirCountInput {
                    person_id: peer.id.clone(),
                    from: *from,
                    to: *to,
                    counts,
                };
                hours::enter_their_counts_in(tx, ring, &input, now)?;
                effects.push(format!(
                    "{name}'s count for {} is ready for reconciling.",
                    text::period(*from, *to)
                ));
            }
            ItemBody::AgendaItem { .. } | ItemBody::Extract { .. } => on_agenda += 1,
            _ => {}
        }
    }
    match on_agenda {
        0 => {}
        1 => effects.push(format!("One item is on the agenda of {name}'s next session.")),
        n => effects.push(format!("{n} items are on the agenda of {name}'s next session.")),
    }
    Ok(effects)
}
