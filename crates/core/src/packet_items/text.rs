//! Plain-text renderings of what a packet carries from the supervisor's
//! records: the text an acknowledgement request asks the supervisee to read
//! (an agreement version, a final record) and a session summary. Dates are
//! written "4 December 2026" (unambiguous in either vault, whatever its
//! date order). The same content always renders to the same text, so a
//! request can be compared with the agreement as it stands at import.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::agreements::{format_money, AgreementContent, FeeBasis, PartyRole};
use crate::records::{ActionItemInput, ActionOwner, SessionRecord};

/// A date as packets write it: "4 December 2026".
pub(super) fn day(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// A period: "1–30 November 2026" style, written out in full.
pub(super) fn period(from: NaiveDate, to: NaiveDate) -> String {
    format!("{} – {}", day(from), day(to))
}

fn section(out: &mut String, heading: &str, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    let _ = write!(out, "\n\n{heading}\n{text}");
}

fn list(out: &mut String, heading: &str, items: &[String]) {
    let items: Vec<&String> = items.iter().filter(|i| !i.trim().is_empty()).collect();
    if items.is_empty() {
        return;
    }
    let _ = write!(out, "\n\n{heading}");
    for i in items {
        let _ = write!(out, "\n- {}", i.trim());
    }
}

fn role(r: PartyRole) -> &'static str {
    match r {
        PartyRole::Supervisor => "supervisor",
        PartyRole::Supervisee => "supervisee",
        PartyRole::Facilitator => "facilitator",
        PartyRole::Member => "group member",
    }
}

/// The text of an agreement version, every section under its heading.
pub(super) fn agreement(version: u32, c: &AgreementContent) -> String {
    let mut out = format!("{} (version {version})", c.title.trim());
    let parties: Vec<String> = c
        .parties
        .iter()
        .map(|p| {
            let mut line = format!("{} ({})", p.name, role(p.role));
            if !p.licence_number.is_empty() {
                let _ = write!(line, ", {} {}", p.licence_body, p.licence_number);
            }
            line
        })
        .collect();
    list(&mut out, "Parties", &parties);
    section(&mut out, "Purpose", &c.purpose);
    section(&mut out, "Model of supervision", &c.model);
    section(&mut out, "Functions of supervision", &c.functions);
    section(&mut out, "Learning goals", &c.learning_goals);
    let frequency = format!(
        "{:?}, sessions of {} minutes. {}",
        c.frequency, c.session_minutes, c.frequency_notes
    );
    section(&mut out, "Frequency", &frequency);
    let delivery: Vec<String> = c.delivery.iter().map(|d| format!("{d:?}")).collect();
    let format = format!("{:?}; {}. {}", c.format, delivery.join(", "), c.location);
    section(&mut out, "Format and place", &format);
    section(&mut out, "Availability between sessions", &c.availability);
    section(&mut out, "Methods", &c.methods);
    section(&mut out, "Evaluation", &c.evaluation);
    section(&mut out, "Roles of supervisors", &c.supervisor_roles);
    section(&mut out, "Informing clients", &c.informing_clients);
    let fee = match c.fee.amount_minor {
        Some(minor) => format!(
            "{} {}, {}; late cancellation {}%.",
            format_money(minor, &c.fee.currency),
            c.fee.currency,
            match c.fee.basis {
                FeeBasis::PerSession => "per session",
                FeeBasis::PerHour => "per hour",
            },
            c.fee.late_cancellation_percent
        ),
        None => String::new(),
    };
    section(&mut out, "Fees", &format!("{} {fee}", c.fees));
    section(&mut out, "Invoicing", &c.invoicing_party);
    let cancellation = format!(
        "Notice: {} hours. {} {}",
        c.cancellation_notice_hours, c.late_cancellation_fee, c.cancellation_policy
    );
    section(&mut out, "Cancellation", &cancellation);
    section(&mut out, "Record keeping", &c.record_keeping);
    section(&mut out, "Ethics and insurance", &c.ethics_and_insurance);
    section(&mut out, "Confidentiality", &c.confidentiality);
    section(&mut out, "Exceptions to confidentiality", &c.confidentiality_exceptions);
    section(&mut out, "Handling an exception", &c.exception_handling);
    section(&mut out, "Concerns and disagreements", &c.concerns_and_disagreements);
    section(&mut out, "Review and ending", &c.review_and_ending);
    let dates = format!(
        "Effective from: {}. Review: {}.",
        c.effective_date.map_or_else(|| "not set".into(), day),
        c.review_date.map_or_else(|| "not set".into(), day)
    );
    section(&mut out, "Dates", &dates);
    out
}

/// One action item as a line: "Update the safety plan (supervisee, by 12
/// January 2026)".
pub(super) fn action(a: &ActionItemInput) -> String {
    let who = match &a.owner {
        Some(ActionOwner::Supervisor) => "supervisor",
        Some(ActionOwner::Supervisee) => "supervisee",
        Some(ActionOwner::Member(_)) => "group member",
        None => "",
    };
    match (who, a.due) {
        ("", None) => a.text.clone(),
        ("", Some(d)) => format!("{} (by {})", a.text, day(d)),
        (w, None) => format!("{} ({w})", a.text),
        (w, Some(d)) => format!("{} ({w}, by {})", a.text, day(d)),
    }
}

/// A session summary for the supervisee: what was brought, what was
/// decided and the key learning (not the exploration notes).
pub(super) fn summary(r: &SessionRecord) -> String {
    let mut out = format!("Supervision session of {}", day(r.session_date));
    let agenda: Vec<String> = r.content.agenda_items.iter().map(|i| i.text.clone()).collect();
    list(&mut out, "What we discussed", &agenda);
    list(&mut out, "Decisions", &r.content.decisions);
    section(&mut out, "Key learning", &r.content.key_learning);
    out
}

/// The whole text of a final record, as its acknowledgement covers it.
pub(super) fn record(r: &SessionRecord) -> String {
    let c = &r.content;
    let mut out = format!("Session record, {}", day(r.session_date));
    let agenda: Vec<String> = c.agenda_items.iter().map(|i| i.text.clone()).collect();
    list(&mut out, "Agenda", &agenda);
    section(&mut out, "Exploration", &c.exploration);
    list(&mut out, "Decisions", &c.decisions);
    section(&mut out, "Key learning", &c.key_learning);
    let functions: Vec<String> = [
        ("Normative", &c.functions.normative),
        ("Formative", &c.functions.formative),
        ("Restorative", &c.functions.restorative),
    ]
    .into_iter()
    .filter(|(_, f)| f.ticked)
    .map(|(name, f)| format!("{name}: {}", f.note).trim_end_matches([':', ' ']).to_string())
    .collect();
    list(&mut out, "Functions covered", &functions);
    let consultations: Vec<String> = c
        .consultations
        .iter()
        .map(|k| {
            format!(
                "{}: {} Tried: {} Guidance: {}",
                k.case_reference, k.presenting_issue, k.approaches_tried, k.guidance
            )
        })
        .collect();
    list(&mut out, "Case consultations", &consultations);
    let ethics: Vec<String> = c
        .ethical_decisions
        .iter()
        .map(|e| format!("{} Decision: {} Rationale: {}", e.issue, e.decision, e.rationale))
        .collect();
    list(&mut out, "Ethical decisions", &ethics);
    let wellbeing = format!("{} {}", c.wellbeing.reported, c.wellbeing.agreed);
    section(&mut out, "Wellbeing", &wellbeing);
    let feedback = [
        &c.feedback.strengths,
        &c.feedback.development,
        &c.feedback.on_supervision,
    ]
    .map(|s| s.trim().to_string())
    .to_vec();
    list(&mut out, "Feedback", &feedback);
    let actions: Vec<String> = c.action_items.iter().map(action).collect();
    list(&mut out, "Action items", &actions);
    if let Some(f) = &r.finalisation {
        let signed = format!(
            "Signed by {} on {}. Content hash {}.",
            f.signed_name,
            day(f.finalised_at.date_naive()),
            f.content_hash
        );
        section(&mut out, "Finalised", &signed);
    }
    out
}
