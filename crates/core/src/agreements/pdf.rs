//! Printing an agreement to PDF: A4 pages (laid out by the `layout`
//! module), the base-14 Helvetica fonts in WinAnsiEncoding (nothing
//! embedded; see the `winansi` module for how other characters are shown),
//! a banner on drafts and superseded versions, every acknowledgement with
//! who entered it, and a footer with the version, the dates and
//! "Page n of m" on every page.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use pdf_writer::{Content, Date, Name, Pdf, Rect, Ref, Str, TextStr};

use super::layout::{
    fit, wrap, Layout, BOLD, FOOTER_SIZE, MARGIN_X, PAGE_H, PAGE_W, REGULAR, TEXT_W, TITLE_SIZE,
};
use super::winansi::{self, Font};
use super::{
    Acknowledgement, Agreement, AgreementStatus, Delivery, Frequency, Party, PartyRole,
    SupervisionFormat, OWNER_PARTY_ID,
};

fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

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
fn acknowledgement_line(a: &Agreement, party: &Party, ack: &Acknowledgement) -> String {
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

/// Lays out every section of `a`.
fn lay_out(a: &Agreement) -> Vec<Content> {
    let c = &a.content;
    let header = match a.status {
        AgreementStatus::Draft => Some("DRAFT — NOT YET ACKNOWLEDGED"),
        AgreementStatus::Superseded => Some("SUPERSEDED — NOT THE CURRENT AGREEMENT"),
        AgreementStatus::Acknowledged => None,
    };
    let mut l = Layout::new(header);

    for line in wrap(Font::Bold, &winansi::encode(&c.title), TITLE_SIZE, TEXT_W) {
        l.line(Font::Bold, TITLE_SIZE, 24.0, MARGIN_X, &line);
    }
    let subtitle = format!("Version {} · {}", a.version, status_label(a));
    l.line(
        Font::Regular,
        11.0,
        18.0,
        MARGIN_X,
        &winansi::encode(&subtitle),
    );
    match a.status {
        AgreementStatus::Draft => l.banner(
            "Draft — not yet acknowledged",
            "This version is not in force until every party has acknowledged it.",
        ),
        AgreementStatus::Superseded => l.banner(
            "Superseded",
            "A later version of this agreement has been acknowledged and replaces this one.",
        ),
        AgreementStatus::Acknowledged => l.space(6.0),
    }

    let mut n = 0;
    let mut heading = |l: &mut Layout, text: &str| {
        n += 1;
        l.heading(&format!("{n}. {text}"));
    };

    heading(&mut l, "Parties");
    for (i, p) in c.parties.iter().enumerate() {
        if i > 0 {
            l.space(4.0);
        }
        let name = if p.name.is_empty() {
            "(name to be filled in)"
        } else {
            p.name.as_str()
        };
        l.paragraph(Font::Bold, &format!("{}: {name}", role_label(p.role)));
        let work: Vec<&str> = [p.professional_role.as_str(), p.organisation.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        if !work.is_empty() {
            l.paragraph(Font::Regular, &work.join(", "));
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
        l.paragraph(
            Font::Regular,
            &format!("Licence or registration: {licence}"),
        );
    }

    let sections: [(&str, &str); 4] = [
        ("Purpose", &c.purpose),
        ("Model of supervision", &c.model),
        ("The three functions of supervision", &c.functions),
        ("Learning goals", &c.learning_goals),
    ];
    for (title, text) in sections {
        heading(&mut l, title);
        l.paragraph(Font::Regular, or_not_specified(text));
    }

    heading(&mut l, "Frequency and duration");
    l.paragraph(
        Font::Regular,
        &format!(
            "Sessions are held {}, and each lasts {} minutes.",
            frequency_label(c.frequency),
            c.session_minutes
        ),
    );
    if !c.frequency_notes.is_empty() {
        l.paragraph(Font::Regular, &c.frequency_notes);
    }

    heading(&mut l, "Format, modality and location");
    let delivery: Vec<&str> = c.delivery.iter().map(|d| delivery_label(*d)).collect();
    l.paragraph(
        Font::Regular,
        &format!(
            "Format: {}, held {}.",
            format_label(c.format),
            delivery.join(" or ")
        ),
    );
    l.paragraph(
        Font::Regular,
        &format!("Location: {}", or_not_specified(&c.location)),
    );

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
        heading(&mut l, title);
        l.paragraph(Font::Regular, or_not_specified(text));
    }

    heading(&mut l, "Fees and invoicing");
    if !c.fees.is_empty() {
        l.paragraph(Font::Regular, &c.fees);
    }
    l.paragraph(
        Font::Regular,
        &format!("Invoiced to: {}", or_not_specified(&c.invoicing_party)),
    );

    heading(&mut l, "Cancellation");
    l.paragraph(
        Font::Regular,
        &format!(
            "Notice needed to cancel without charge: {} hours. Late-cancellation fee: {}",
            c.cancellation_notice_hours,
            or_not_specified(&c.late_cancellation_fee)
        ),
    );
    if !c.cancellation_policy.is_empty() {
        l.paragraph(Font::Regular, &c.cancellation_policy);
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
        heading(&mut l, title);
        l.paragraph(Font::Regular, or_not_specified(text));
    }

    heading(&mut l, "Effective date and review date");
    l.paragraph(
        Font::Regular,
        &match c.effective_date {
            Some(d) => format!(
                "This agreement takes effect on {}. Supervision before that date does not count towards supervised hours under this agreement.",
                long_date(d)
            ),
            None => "No effective date has been set yet.".to_string(),
        },
    );
    l.paragraph(
        Font::Regular,
        &match c.review_date {
            Some(d) => format!("It will be reviewed on or before {}.", long_date(d)),
            None => "No review date has been set yet.".to_string(),
        },
    );

    heading(&mut l, "Acknowledgements");
    for (i, p) in c.parties.iter().enumerate() {
        if i > 0 {
            l.space(4.0);
        }
        let name = if p.name.is_empty() {
            "(name to be filled in)"
        } else {
            p.name.as_str()
        };
        l.paragraph(Font::Bold, &format!("{}: {name}", role_label(p.role)));
        match a
            .acknowledgements
            .iter()
            .find(|ack| ack.party_id == p.party_id)
        {
            Some(ack) => l.paragraph(Font::Regular, &acknowledgement_line(a, p, ack)),
            None => l.paragraph(Font::Regular, "Not yet acknowledged."),
        }
    }
    l.space(6.0);
    let closing = match a.status {
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
    };
    l.paragraph(Font::Regular, &closing);
    l.finish()
}

/// Adds the footer to every page: a rule, the title, version and status,
/// the dates, and "Page n of m".
fn add_footers(pages: &mut [Content], a: &Agreement, printed: NaiveDate) {
    let total = pages.len();
    let first = format!(" · Version {} · {}", a.version, status_label(a));
    let first_tail = winansi::encode(&first);
    let title_room = TEXT_W - winansi::width(Font::Regular, &first_tail, FOOTER_SIZE);
    let mut first_line = fit(
        Font::Regular,
        &winansi::encode(&a.content.title),
        FOOTER_SIZE,
        title_room,
    );
    first_line.extend_from_slice(&first_tail);
    let mut dates = Vec::new();
    if let Some(d) = a.content.effective_date {
        dates.push(format!("Effective {}", long_date(d)));
    }
    if let Some(d) = a.content.review_date {
        dates.push(format!("Review by {}", long_date(d)));
    }
    dates.push(format!("Printed {}", long_date(printed)));
    let second_line = winansi::encode(&dates.join(" · "));
    for (i, page) in pages.iter_mut().enumerate() {
        let number = winansi::encode(&format!("Page {} of {total}", i + 1));
        let number_w = winansi::width(Font::Regular, &number, FOOTER_SIZE);
        let second = fit(
            Font::Regular,
            &second_line,
            FOOTER_SIZE,
            TEXT_W - number_w - 12.0,
        );
        page.save_state()
            .set_stroke_gray(0.6)
            .set_line_width(0.5)
            .move_to(MARGIN_X, 56.0)
            .line_to(PAGE_W - MARGIN_X, 56.0)
            .stroke()
            .restore_state();
        for (x, y, text) in [
            (MARGIN_X, 44.0, first_line.as_slice()),
            (MARGIN_X, 32.0, second.as_slice()),
            (PAGE_W - MARGIN_X - number_w, 32.0, number.as_slice()),
        ] {
            page.begin_text()
                .set_font(REGULAR, FOOTER_SIZE)
                .next_line(x, y)
                .show(Str(text))
                .end_text();
        }
    }
}

fn pdf_date(t: DateTime<Utc>) -> Date {
    let year = u16::try_from(t.year().clamp(0, 9999)).unwrap_or(0);
    // The fields are in range by construction (chrono's own ranges).
    Date::new(year)
        .month(t.month() as u8)
        .day(t.day() as u8)
        .hour(t.hour() as u8)
        .minute(t.minute() as u8)
        .second(t.second() as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// Renders one version of an agreement to PDF bytes. `printed` is the date
/// shown in the footer and recorded as the document's creation date. The
/// document metadata names no one: the title there is generic.
pub fn render_pdf(agreement: &Agreement, printed: DateTime<Utc>) -> Vec<u8> {
    let mut pages = lay_out(agreement);
    add_footers(&mut pages, agreement, printed.date_naive());

    let catalog_id = Ref::new(1);
    let tree_id = Ref::new(2);
    let regular_id = Ref::new(3);
    let bold_id = Ref::new(4);
    let info_id = Ref::new(5);
    let page_ids: Vec<(Ref, Ref)> = (0..pages.len())
        .map(|i| {
            let base = 6 + 2 * i32::try_from(i).unwrap_or(i32::MAX / 4);
            (Ref::new(base), Ref::new(base + 1))
        })
        .collect();

    let mut pdf = Pdf::new();
    pdf.catalog(catalog_id).pages(tree_id);
    pdf.pages(tree_id)
        .kids(page_ids.iter().map(|(p, _)| *p))
        .count(i32::try_from(page_ids.len()).unwrap_or(i32::MAX));
    for (name, id) in [
        (&b"Helvetica"[..], regular_id),
        (&b"Helvetica-Bold"[..], bold_id),
    ] {
        pdf.type1_font(id)
            .base_font(Name(name))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    let title = format!("Supervision agreement, version {}", agreement.version);
    pdf.document_info(info_id)
        .title(TextStr(&title))
        .producer(TextStr("Confidant"))
        .creation_date(pdf_date(printed));
    for ((page_id, content_id), content) in page_ids.iter().zip(pages) {
        let mut page = pdf.page(*page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
            .parent(tree_id)
            .contents(*content_id);
        page.resources()
            .fonts()
            .pair(REGULAR, regular_id)
            .pair(BOLD, bold_id);
        drop(page);
        let data = content.finish();
        pdf.stream(*content_id, &data);
    }
    pdf.finish()
}
