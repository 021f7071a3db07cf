//! Printing an agreement to PDF, as a [`crate::pdf::Document`]: the title
//! and version, a banner and a running header on drafts and superseded
//! versions, every section under a numbered heading, every
//! acknowledgement with who entered it, and a footer with the title,
//! version, status and dates (and "Page n of m") on every page. Dates are
//! written in the user's date order.

use chrono::{DateTime, NaiveDate, Utc};

use super::{
    Acknowledgement, Agreement, AgreementStatus, Delivery, Frequency, Party, PartyRole,
    SupervisionFormat, OWNER_PARTY_ID,
};
use crate::error::Result;
use crate::pdf::{self, Block, Document};
use crate::settings::DateOrder;

/// Most characters of the title in the footer (the version and status
/// after it must stay visible).
const FOOTER_TITLE_CHARS: usize = 60;

/// Whether the vault owner entered any party's acknowledgement for them.
fn any_recorded_by_owner(a: &Agreement) -> bool {
    a.acknowledgements.iter().any(|ack| ack.recorded_by_owner)
}

/// The status as printed under the title and in the footer. "Acknowledged
/// by every party" only when every party recorded their own.
fn status_label(a: &Agreement) -> &'static str {
    match a.status {
        AgreementStatus::Draft => "Draft — not yet acknowledged",
        AgreementStatus::Acknowledged if any_recorded_by_owner(a) => "In force",
        AgreementStatus::Acknowledged => "Acknowledged by every party",
        AgreementStatus::Superseded => "Superseded by a later version",
    }
}

/// The vault owner's name as printed in the agreement.
fn owner_name(a: &Agreement) -> &str {
    a.content
        .parties
        .iter()
        .find(|p| p.party_id == OWNER_PARTY_ID)
        .map_or("the vault owner", |p| p.name.as_str())
}

/// How one acknowledgement is printed: by whom it was entered, for whom,
/// the date and the typed name.
fn acknowledgement_line(
    a: &Agreement,
    party: &Party,
    ack: &Acknowledgement,
    long_date: impl Fn(NaiveDate) -> String,
) -> String {
    if ack.recorded_by_owner {
        format!(
            "Recorded by {} for {} on {}, with the typed name “{}”.",
            owner_name(a),
            party.name,
            long_date(ack.date),
            ack.typed_name
        )
    } else {
        format!(
            "Acknowledged by typed name “{}” on {}.",
            ack.typed_name,
            long_date(ack.date)
        )
    }
}

fn role_label(role: PartyRole) -> &'static str {
    match role {
        PartyRole::Supervisor => "Supervisor",
        PartyRole::Supervisee => "Supervisee",
        PartyRole::Facilitator => "Facilitator",
        PartyRole::Member => "Group member",
    }
}

fn frequency_label(f: Frequency) -> &'static str {
    match f {
        Frequency::Weekly => "weekly",
        Frequency::Fortnightly => "every two weeks",
        Frequency::Monthly => "monthly",
    }
}

fn format_label(f: SupervisionFormat) -> &'static str {
    match f {
        SupervisionFormat::Individual => "individual supervision",
        SupervisionFormat::Group => "group supervision",
        SupervisionFormat::Peer => "peer supervision",
    }
}

fn delivery_label(d: Delivery) -> &'static str {
    match d {
        Delivery::InPerson => "in person",
        Delivery::Video => "by video",
        Delivery::Phone => "by phone",
    }
}

fn or_not_specified(text: &str) -> &str {
    if text.trim().is_empty() {
        "Not specified."
    } else {
        text
    }
}

/// The name printed for a party.
fn display_name(p: &Party) -> &str {
    if p.name.is_empty() {
        "(name to be filled in)"
    } else {
        p.name.as_str()
    }
}

/// Numbers the section headings: "1. Parties", "2. Purpose", …
struct Sections {
    blocks: Vec<Block>,
    n: usize,
}

impl Sections {
    fn heading(&mut self, text: &str) {
        self.n += 1;
        self.blocks
            .push(Block::heading(1, format!("{}. {text}", self.n)));
    }

    fn text(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::paragraph(text));
    }

    fn bold(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::bold(text));
    }

    fn space(&mut self, points: f32) {
        self.blocks.push(Block::Spacer(points));
    }
}

/// The body of `a`: every section in order.
fn body(a: &Agreement, long_date: &dyn Fn(NaiveDate) -> String) -> Vec<Block> {
    let c = &a.content;
    let mut s = Sections {
        blocks: Vec::new(),
        n: 0,
    };
    match a.status {
        AgreementStatus::Draft => s.blocks.push(Block::Banner {
            title: "Draft — not yet acknowledged".into(),
            detail: "This version is not in force until every party has acknowledged it.".into(),
        }),
        AgreementStatus::Superseded => s.blocks.push(Block::Banner {
            title: "Superseded".into(),
            detail:
                "A later version of this agreement has been acknowledged and replaces this one."
                    .into(),
        }),
        AgreementStatus::Acknowledged => {}
    }

    s.heading("Parties");
    for (i, p) in c.parties.iter().enumerate() {
        if i > 0 {
            s.space(4.0);
        }
        s.bold(format!("{}: {}", role_label(p.role), display_name(p)));
        let work: Vec<&str> = [p.professional_role.as_str(), p.organisation.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        if !work.is_empty() {
            s.text(work.join(", "));
        }
        let licence: Vec<&str> = [p.licence_number.as_str(), p.licence_body.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        let licence = if licence.is_empty() {
            "not given".to_string()
        } else {
            licence.join(", ")
        };
        s.text(format!("Licence or registration: {licence}"));
    }

    let sections: [(&str, &str); 4] = [
        ("Purpose", &c.purpose),
        ("Model of supervision", &c.model),
        ("The three functions of supervision", &c.functions),
        ("Learning goals", &c.learning_goals),
    ];
    for (title, text) in sections {
        s.heading(title);
        s.text(or_not_specified(text));
    }

    s.heading("Frequency and duration");
    s.text(format!(
        "Sessions are held {}, and each lasts {} minutes.",
        frequency_label(c.frequency),
        c.session_minutes
    ));
    if !c.frequency_notes.is_empty() {
        s.text(c.frequency_notes.as_str());
    }

    s.heading("Format, modality and location");
    let delivery: Vec<&str> = c.delivery.iter().map(|d| delivery_label(*d)).collect();
    s.text(format!(
        "Format: {}, held {}.",
        format_label(c.format),
        delivery.join(" or ")
    ));
    s.text(format!("Location: {}", or_not_specified(&c.location)));

    let sections: [(&str, &str); 5] = [
        (
            "Availability and emergency contact between sessions",
            &c.availability,
        ),
        ("Methods", &c.methods),
        ("Evaluation and sign-off", &c.evaluation),
        (
            "Roles where there is more than one supervisor",
            &c.supervisor_roles,
        ),
        (
            "How clients are told about supervision",
            &c.informing_clients,
        ),
    ];
    for (title, text) in sections {
        s.heading(title);
        s.text(or_not_specified(text));
    }

    s.heading("Fees and invoicing");
    if let Some(fee) = c.fee.describe() {
        s.text(format!("Fee: {fee}"));
    }
    if !c.fees.is_empty() {
        s.text(c.fees.as_str());
    }
    s.text(format!(
        "Invoiced to: {}",
        or_not_specified(&c.invoicing_party)
    ));

    s.heading("Cancellation");
    s.text(format!(
        "Notice needed to cancel without charge: {} hours. Late-cancellation fee: {}",
        c.cancellation_notice_hours,
        or_not_specified(&c.late_cancellation_fee)
    ));
    if !c.cancellation_policy.is_empty() {
        s.text(c.cancellation_policy.as_str());
    }

    let sections: [(&str, &str); 7] = [
        ("Record keeping and retention", &c.record_keeping),
        ("Ethics code and insurance", &c.ethics_and_insurance),
        ("Confidentiality", &c.confidentiality),
        (
            "Exceptions to confidentiality",
            &c.confidentiality_exceptions,
        ),
        ("How an exception is handled", &c.exception_handling),
        (
            "Raising ethical concerns and disagreements",
            &c.concerns_and_disagreements,
        ),
        ("Review, ending and notice", &c.review_and_ending),
    ];
    for (title, text) in sections {
        s.heading(title);
        s.text(or_not_specified(text));
    }

    s.heading("Effective date and review date");
    s.text(match c.effective_date {
        Some(d) => format!(
            "This agreement takes effect on {}. Supervision before that date does not count towards supervised hours under this agreement.",
            long_date(d)
        ),
        None => "No effective date has been set yet.".to_string(),
    });
    s.text(match c.review_date {
        Some(d) => format!("It will be reviewed on or before {}.", long_date(d)),
        None => "No review date has been set yet.".to_string(),
    });

    s.heading("Acknowledgements");
    for (i, p) in c.parties.iter().enumerate() {
        if i > 0 {
            s.space(4.0);
        }
        s.bold(format!("{}: {}", role_label(p.role), display_name(p)));
        match a
            .acknowledgements
            .iter()
            .find(|ack| ack.party_id == p.party_id)
        {
            Some(ack) => s.text(acknowledgement_line(a, p, ack, long_date)),
            None => s.text("Not yet acknowledged."),
        }
    }
    s.space(6.0);
    s.text(match a.status {
        AgreementStatus::Draft => {
            "This version is a draft. It is not in force until every party has acknowledged it."
                .to_string()
        }
        _ if any_recorded_by_owner(a) => format!(
            "Every party's acknowledgement is recorded above; those marked “Recorded by” were entered by {} on that party's behalf. This version is read-only: changes are made in a new version.",
            owner_name(a)
        ),
        _ => "Every party has acknowledged this version. It is read-only: changes are made in a new version."
            .to_string(),
    });
    s.blocks
}

/// The footer lines: the title (shortened), version and status; the dates.
fn footer(
    a: &Agreement,
    printed: NaiveDate,
    long_date: &dyn Fn(NaiveDate) -> String,
) -> Vec<String> {
    let mut title: String = a.content.title.chars().take(FOOTER_TITLE_CHARS).collect();
    if title.len() < a.content.title.len() {
        title = format!("{}…", title.trim_end());
    }
    let first = format!("{title} · Version {} · {}", a.version, status_label(a));
    let mut dates = Vec::new();
    if let Some(d) = a.content.effective_date {
        dates.push(format!("Effective {}", long_date(d)));
    }
    if let Some(d) = a.content.review_date {
        dates.push(format!("Review by {}", long_date(d)));
    }
    dates.push(format!("Printed {}", long_date(printed)));
    vec![first, dates.join(" · ")]
}

/// The document for one version of an agreement. `printed` is the date
/// shown in the footer and recorded as the document's creation date;
/// `order` is the user's date order. The document metadata names no one:
/// the title there is generic.
pub fn agreement_document(
    agreement: &Agreement,
    printed: DateTime<Utc>,
    order: DateOrder,
) -> Document {
    let long_date = |d: NaiveDate| pdf::long_date(d, order);
    let header = match agreement.status {
        AgreementStatus::Draft => Some("DRAFT — NOT YET ACKNOWLEDGED".to_string()),
        AgreementStatus::Superseded => Some("SUPERSEDED — NOT THE CURRENT AGREEMENT".to_string()),
        AgreementStatus::Acknowledged => None,
    };
    Document {
        title: agreement.content.title.clone(),
        subtitle: vec![format!(
            "Version {} · {}",
            agreement.version,
            status_label(agreement)
        )],
        header,
        footer: footer(agreement, printed.date_naive(), &long_date),
        blocks: body(agreement, &long_date),
        metadata_title: format!("Supervision agreement, version {}", agreement.version),
        created: Some(printed),
    }
}

/// Renders one version of an agreement to PDF bytes (see
/// [`agreement_document`]).
pub fn render_pdf(
    agreement: &Agreement,
    printed: DateTime<Utc>,
    order: DateOrder,
) -> Result<Vec<u8>> {
    pdf::render(&agreement_document(agreement, printed, order))
}
