//! Printing an agreement to PDF: A4 pages, the base-14 Helvetica fonts in
//! WinAnsiEncoding (nothing embedded; see the `winansi` module for how other
//! characters are shown), line wrapping with Helvetica's glyph widths, page
//! breaks that keep a heading with its first lines, a banner on drafts and
//! superseded versions, and a footer with the version, the dates and
//! "Page n of m" on every page.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use pdf_writer::{Content, Date, Name, Pdf, Rect, Ref, Str, TextStr};

use super::winansi::{self, Font};
use super::{Agreement, AgreementStatus, Delivery, Frequency, PartyRole, SupervisionFormat};

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN_X: f32 = 64.0;
const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN_X;
/// The cursor at the top of a page (baselines are below it).
const TOP: f32 = 778.0;
/// No body baseline goes below this.
const BOTTOM: f32 = 72.0;
const BODY_SIZE: f32 = 10.5;
const BODY_LEADING: f32 = 14.5;
const HEADING_SIZE: f32 = 12.0;
const HEADING_LEADING: f32 = 16.0;
const HEADING_SPACE: f32 = 10.0;
const TITLE_SIZE: f32 = 18.0;
const FOOTER_SIZE: f32 = 8.0;
const BULLET_INDENT: f32 = 14.0;
const REGULAR: Name<'static> = Name(b"F1");
const BOLD: Name<'static> = Name(b"F2");

fn font_name(font: Font) -> Name<'static> {
    match font {
        Font::Regular => REGULAR,
        Font::Bold => BOLD,
    }
}

fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

fn status_label(status: AgreementStatus) -> &'static str {
    match status {
        AgreementStatus::Draft => "Draft — not yet acknowledged",
        AgreementStatus::Acknowledged => "Acknowledged by every party",
        AgreementStatus::Superseded => "Superseded by a later version",
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

/// Splits encoded text into lines at most `width` points wide, breaking at
/// spaces and, for a word longer than a line, inside the word.
fn wrap(font: Font, text: &[u8], size: f32, width: f32) -> Vec<Vec<u8>> {
    let space = winansi::width(font, b" ", size);
    let mut lines = Vec::new();
    let mut current: Vec<u8> = Vec::new();
    let mut current_w = 0.0;
    for word in text.split(|&b| b == b' ').filter(|w| !w.is_empty()) {
        let word_w = winansi::width(font, word, size);
        if !current.is_empty() {
            if current_w + space + word_w <= width {
                current.push(b' ');
                current.extend_from_slice(word);
                current_w += space + word_w;
                continue;
            }
            lines.push(std::mem::take(&mut current));
        }
        let mut rest = word;
        while winansi::width(font, rest, size) > width {
            let mut n = 0;
            let mut w = 0.0;
            for &b in rest {
                let bw = winansi::width(font, &[b], size);
                if n > 0 && w + bw > width {
                    break;
                }
                w += bw;
                n += 1;
            }
            lines.push(rest[..n].to_vec());
            rest = &rest[n..];
        }
        current = rest.to_vec();
        current_w = winansi::width(font, rest, size);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// Shortens encoded text with an ellipsis so it fits `width`.
fn fit(font: Font, text: &[u8], size: f32, width: f32) -> Vec<u8> {
    if winansi::width(font, text, size) <= width {
        return text.to_vec();
    }
    let ellipsis = [0x85u8];
    let room = width - winansi::width(font, &ellipsis, size);
    let mut out = Vec::new();
    let mut w = 0.0;
    for &b in text {
        let bw = winansi::width(font, &[b], size);
        if w + bw > room {
            break;
        }
        w += bw;
        out.push(b);
    }
    out.push(ellipsis[0]);
    out
}

/// Pages being laid out, top to bottom.
struct Layout {
    pages: Vec<Content>,
    page: Content,
    y: f32,
    header: Option<&'static str>,
}

impl Layout {
    fn new(header: Option<&'static str>) -> Layout {
        let mut layout = Layout {
            pages: Vec::new(),
            page: Content::new(),
            y: TOP,
            header,
        };
        layout.page_header();
        layout
    }

    fn page_header(&mut self) {
        if let Some(h) = self.header {
            self.text_at(
                Font::Bold,
                9.0,
                MARGIN_X,
                PAGE_H - 40.0,
                &winansi::encode(h),
            );
        }
    }

    fn new_page(&mut self) {
        let done = std::mem::replace(&mut self.page, Content::new());
        self.pages.push(done);
        self.y = TOP;
        self.page_header();
    }

    fn text_at(&mut self, font: Font, size: f32, x: f32, y: f32, text: &[u8]) {
        self.page
            .begin_text()
            .set_font(font_name(font), size)
            .next_line(x, y)
            .show(Str(text))
            .end_text();
    }

    /// One line of text below the previous one, on a new page if needed.
    fn line(&mut self, font: Font, size: f32, leading: f32, x: f32, text: &[u8]) {
        if self.y - leading < BOTTOM {
            self.new_page();
        }
        self.y -= leading;
        self.text_at(font, size, x, self.y, text);
    }

    fn space(&mut self, h: f32) {
        if self.y < TOP {
            self.y -= h;
        }
    }

    /// A heading, kept on the same page as the first two lines after it.
    fn heading(&mut self, text: &str) {
        let needed = HEADING_SPACE + HEADING_LEADING + 2.0 * BODY_LEADING;
        if self.y - needed < BOTTOM {
            self.new_page();
        } else {
            self.space(HEADING_SPACE);
        }
        let encoded = winansi::encode(text);
        for l in wrap(Font::Bold, &encoded, HEADING_SIZE, TEXT_W) {
            self.line(Font::Bold, HEADING_SIZE, HEADING_LEADING, MARGIN_X, &l);
        }
    }

    /// Text that may run over several lines. Each `\n` starts a new line; a
    /// line starting with "• ", "- " or "* " is a bullet with a hanging
    /// indent; a blank line adds half a line of space.
    fn paragraph(&mut self, font: Font, text: &str) {
        for source in text.split('\n') {
            let trimmed = source.trim();
            if trimmed.is_empty() {
                self.space(BODY_LEADING / 2.0);
                continue;
            }
            let (bullet, rest) = match ["• ", "- ", "* "]
                .iter()
                .find_map(|p| trimmed.strip_prefix(p))
            {
                Some(rest) => (true, rest),
                None => (false, trimmed),
            };
            let x = if bullet {
                MARGIN_X + BULLET_INDENT
            } else {
                MARGIN_X
            };
            let lines = wrap(
                font,
                &winansi::encode(rest),
                BODY_SIZE,
                PAGE_W - MARGIN_X - x,
            );
            for (i, l) in lines.iter().enumerate() {
                self.line(font, BODY_SIZE, BODY_LEADING, x, l);
                if i == 0 && bullet {
                    self.text_at(font, BODY_SIZE, MARGIN_X + 3.0, self.y, &[0x95]);
                }
            }
        }
    }

    /// A shaded box with a bold line and a plain line (the draft banner).
    fn banner(&mut self, title: &str, detail: &str) {
        let height = 38.0;
        if self.y - height - 12.0 < BOTTOM {
            self.new_page();
        }
        let top = self.y - 8.0;
        self.page
            .save_state()
            .set_fill_gray(0.88)
            .rect(MARGIN_X, top - height, TEXT_W, height)
            .fill_nonzero()
            .restore_state();
        self.text_at(
            Font::Bold,
            12.0,
            MARGIN_X + 10.0,
            top - 15.0,
            &winansi::encode(title),
        );
        let detail = fit(Font::Regular, &winansi::encode(detail), 9.0, TEXT_W - 20.0);
        self.text_at(Font::Regular, 9.0, MARGIN_X + 10.0, top - 29.0, &detail);
        self.y = top - height - 4.0;
    }

    fn finish(mut self) -> Vec<Content> {
        self.pages.push(self.page);
        self.pages
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
    let subtitle = format!("Version {} · {}", a.version, status_label(a.status));
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
            Some(ack) => l.paragraph(
                Font::Regular,
                &format!(
                    "Acknowledged by typed name “{}” on {}.",
                    ack.typed_name,
                    long_date(ack.date)
                ),
            ),
            None => l.paragraph(Font::Regular, "Not yet acknowledged."),
        }
    }
    l.space(6.0);
    l.paragraph(
        Font::Regular,
        match a.status {
            AgreementStatus::Draft => {
                "This version is a draft. It is not in force until every party has acknowledged it."
            }
            _ => "Every party has acknowledged this version. It is read-only: changes are made in a new version.",
        },
    );
    l.finish()
}

/// Adds the footer to every page: a rule, the title, version and status,
/// the dates, and "Page n of m".
fn add_footers(pages: &mut [Content], a: &Agreement, printed: NaiveDate) {
    let total = pages.len();
    let first = format!(" · Version {} · {}", a.version, status_label(a.status));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_fits_lines_and_breaks_long_words() {
        let text = winansi::encode(
            "the quick brown fox jumps over the lazy dog "
                .repeat(20)
                .as_str(),
        );
        let lines = wrap(Font::Regular, &text, BODY_SIZE, 200.0);
        assert!(lines.len() > 5);
        for l in &lines {
            assert!(winansi::width(Font::Regular, l, BODY_SIZE) <= 200.0);
            assert!(!l.starts_with(b" ") && !l.ends_with(b" "));
        }
        let joined: Vec<u8> = lines.join(&b' ');
        assert_eq!(joined, text.trim_ascii_end());

        let long = vec![b'W'; 200];
        let lines = wrap(Font::Bold, &long, 12.0, 100.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), long);
        assert!(lines
            .iter()
            .all(|l| winansi::width(Font::Bold, l, 12.0) <= 100.0));
    }

    #[test]
    fn fit_adds_an_ellipsis_only_when_needed() {
        assert_eq!(fit(Font::Regular, b"short", 8.0, 100.0), b"short".to_vec());
        let cut = fit(Font::Regular, &[b'm'; 100], 8.0, 50.0);
        assert_eq!(cut.last(), Some(&0x85));
        assert!(winansi::width(Font::Regular, &cut, 8.0) <= 50.0);
    }
}
