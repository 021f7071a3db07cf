//! Checking and normalising what the user typed, before anything is
//! written: lengths, ranges, dates, control characters, and that the
//! parties of an agreement stay the ones it was drafted with. The text and
//! date rules are the shared ones of [`crate::validate`].

use chrono::{DateTime, NaiveDate, Utc};

use super::{
    AcknowledgementInput, AgreementContent, AgreementStatus, Party, PartyDetails, PartyRole,
    MAX_SECTION_BYTES, NOTICE_HOURS, SESSION_MINUTES,
};
use crate::error::{Error, Result};
use crate::validate::{self as rules, single_line, LINE_CHARS, SHORT_CHARS};

/// A record id in canonical form (see [`crate::validate::id`]).
pub(super) fn parse_id(what: &str, id: &str) -> Result<String> {
    rules::id_string(what, id)
}

/// The error for a change to a version that is no longer a draft.
pub(super) fn read_only(status: AgreementStatus) -> Error {
    Error::ReadOnly(match status {
        AgreementStatus::Superseded => {
            "This version of the agreement has been superseded and is read-only."
        }
        _ => "This version of the agreement is in force and read-only. Revise it to make changes in a new version.",
    })
}

/// The error for drafting or revising an agreement with an archived person.
pub(super) fn archived() -> Error {
    Error::InvalidInput(
        "This person is archived. Restore them before drafting or revising an agreement.".into(),
    )
}

/// A text section: the shared rules for long text (line endings
/// normalised, newlines and tabs allowed, no other control characters), at
/// most [`MAX_SECTION_BYTES`], trimmed.
pub(super) fn section(what: &'static str, value: &str) -> Result<String> {
    Ok(rules::long_text(what, value, MAX_SECTION_BYTES, false)?
        .trim()
        .to_string())
}

pub(super) fn details(d: &PartyDetails) -> Result<PartyDetails> {
    d.normalised()
}

fn party_details(p: &Party) -> PartyDetails {
    PartyDetails {
        name: p.name.clone(),
        professional_role: p.professional_role.clone(),
        organisation: p.organisation.clone(),
        licence_number: p.licence_number.clone(),
        licence_body: p.licence_body.clone(),
    }
}

pub(super) fn with_details(party_id: &str, role: PartyRole, d: PartyDetails) -> Party {
    Party {
        party_id: party_id.to_string(),
        role,
        name: d.name,
        professional_role: d.professional_role,
        organisation: d.organisation,
        licence_number: d.licence_number,
        licence_body: d.licence_body,
    }
}

/// Checks and normalises the editable content. `parties` is the fixed list
/// of parties (id and role); `input.parties` must name exactly those, in any
/// order, and supplies their details. The result keeps the fixed order.
pub(super) fn normalise_content(
    input: &AgreementContent,
    parties: &[Party],
) -> Result<AgreementContent> {
    let title = single_line("The title", &input.title, SHORT_CHARS)?;
    if title.is_empty() {
        return Err(Error::Empty("The title"));
    }
    if input.parties.len() != parties.len() {
        return Err(Error::InvalidInput(
            "The parties to an agreement cannot be added or removed; they come from the people records. Start a new draft to pick up changes."
                .into(),
        ));
    }
    let mut out_parties = Vec::with_capacity(parties.len());
    for fixed in parties {
        let mut matching = input
            .parties
            .iter()
            .filter(|p| p.party_id == fixed.party_id);
        let given = match (matching.next(), matching.next()) {
            (Some(p), None) if p.role == fixed.role => p,
            (Some(_), None) => {
                return Err(Error::InvalidInput("A party's role in an agreement cannot be changed.".into()))
            }
            (Some(_), Some(_)) => return Err(Error::InvalidInput("A party is listed twice.".into())),
            (None, _) => {
                return Err(Error::InvalidInput(
                    "The parties to an agreement cannot be added or removed; they come from the people records. Start a new draft to pick up changes."
                        .into(),
                ))
            }
        };
        out_parties.push(with_details(
            &fixed.party_id,
            fixed.role,
            details(&party_details(given))?,
        ));
    }

    if !SESSION_MINUTES.contains(&input.session_minutes) {
        return Err(Error::InvalidInput(format!(
            "Sessions must last between {} and {} minutes.",
            SESSION_MINUTES.start(),
            SESSION_MINUTES.end()
        )));
    }
    if !NOTICE_HOURS.contains(&input.cancellation_notice_hours) {
        return Err(Error::InvalidInput(format!(
            "The cancellation notice must be between {} and {} hours (two weeks).",
            NOTICE_HOURS.start(),
            NOTICE_HOURS.end()
        )));
    }
    if input.delivery.is_empty() {
        return Err(Error::InvalidInput(
            "Choose at least one way of meeting: in person, video or phone.".into(),
        ));
    }
    let mut delivery = Vec::with_capacity(input.delivery.len());
    for d in &input.delivery {
        if delivery.contains(d) {
            return Err(Error::InvalidInput(
                "A way of meeting is listed twice.".into(),
            ));
        }
        delivery.push(*d);
    }
    rules::date_range(
        ("The effective date", input.effective_date),
        ("The review date", input.review_date),
        "The review date is before the effective date.",
    )?;

    Ok(AgreementContent {
        title,
        parties: out_parties,
        purpose: section("The purpose section", &input.purpose)?,
        model: section("The model section", &input.model)?,
        functions: section("The functions section", &input.functions)?,
        learning_goals: section("The learning goals section", &input.learning_goals)?,
        frequency: input.frequency,
        session_minutes: input.session_minutes,
        frequency_notes: section("The frequency section", &input.frequency_notes)?,
        format: input.format,
        delivery,
        location: section("The location section", &input.location)?,
        availability: section("The availability section", &input.availability)?,
        methods: section("The methods section", &input.methods)?,
        evaluation: section("The evaluation section", &input.evaluation)?,
        supervisor_roles: section("The supervisors' roles section", &input.supervisor_roles)?,
        informing_clients: section("The informing clients section", &input.informing_clients)?,
        fees: section("The fees section", &input.fees)?,
        fee: input.fee.normalised()?,
        invoicing_party: single_line("The invoicing party", &input.invoicing_party, LINE_CHARS)?,
        cancellation_notice_hours: input.cancellation_notice_hours,
        late_cancellation_fee: single_line(
            "The late-cancellation fee",
            &input.late_cancellation_fee,
            LINE_CHARS,
        )?,
        cancellation_policy: section("The cancellation section", &input.cancellation_policy)?,
        record_keeping: section("The record keeping section", &input.record_keeping)?,
        ethics_and_insurance: section(
            "The ethics and insurance section",
            &input.ethics_and_insurance,
        )?,
        confidentiality: section("The confidentiality section", &input.confidentiality)?,
        confidentiality_exceptions: section(
            "The exceptions to confidentiality section",
            &input.confidentiality_exceptions,
        )?,
        exception_handling: section(
            "The handling of exceptions section",
            &input.exception_handling,
        )?,
        concerns_and_disagreements: section(
            "The concerns and disagreements section",
            &input.concerns_and_disagreements,
        )?,
        review_and_ending: section("The review and ending section", &input.review_and_ending)?,
        effective_date: input.effective_date,
        review_date: input.review_date,
    })
}

pub(super) fn normalise_ack(
    input: &AcknowledgementInput,
    now: DateTime<Utc>,
) -> Result<(String, NaiveDate)> {
    let typed = rules::required_line("The typed name", &input.typed_name, SHORT_CHARS)?;
    rules::date("The acknowledgement date", Some(input.date))?;
    // One day of slack for time zones ahead of UTC.
    let latest = now.date_naive().succ_opt().unwrap_or(NaiveDate::MAX);
    if input.date > latest {
        return Err(Error::InvalidInput(
            "The acknowledgement date is in the future.".into(),
        ));
    }
    Ok((typed, input.date))
}
