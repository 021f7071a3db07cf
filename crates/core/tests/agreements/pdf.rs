//! The printed agreement, read back with pdftotext.

use super::*;

// ----- PDF ------------------------------------------------------------------------

/// Runs `pdftotext -layout` and returns its text, failing clearly when the
/// tool is missing and when it reports any problem with the file.
pub(super) fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!("pdftotext could not be run ({e}). Install poppler-utils (apt-get install poppler-utils) to run the PDF tests.")
        });
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "pdftotext reported problems: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("pdftotext output is UTF-8")
}

/// The text without page headers and footers, whitespace collapsed, so
/// phrases that wrap across lines or pages can be searched for.
pub(super) fn body_text(text: &str) -> String {
    text.lines()
        .filter(|l| {
            !l.contains(" · Version ")
                && !l.contains("Printed ")
                && !l.contains("NOT YET ACKNOWLEDGED")
        })
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn page_count(text: &str) -> usize {
    text.split('\u{c}').filter(|p| !p.trim().is_empty()).count()
}

pub(super) fn assert_page_numbers(text: &str) {
    let pages = page_count(text);
    for n in 1..=pages {
        assert!(
            text.contains(&format!("Page {n} of {pages}")),
            "page {n} of {pages} numbered:\n{text}"
        );
    }
}

pub(super) fn save_pdf(v: &mut Vault, id: &str, out_dir: &Path, name: &str) -> (PathBuf, String) {
    let path = out_dir.join(name);
    Agreements::of(v)
        .save_pdf(id, &path, now())
        .expect("save pdf");
    let bytes = std::fs::read(&path).expect("read pdf");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF file");
    let leftovers: Vec<_> = std::fs::read_dir(out_dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".part"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary files left: {leftovers:?}"
    );
    let text = pdftotext(&path);
    (path, text)
}

#[test]
fn the_printed_agreement_has_every_heading_the_parties_exceptions_acknowledgements_and_page_numbers(
) {
    if cfg!(windows) {
        eprintln!("skipped on Windows: needs pdftotext (poppler-utils), a Linux tool");
        return;
    }
    let (_d, mut v) = vault();
    let out = tempfile::tempdir().expect("out dir");
    let sam = add_sam(&mut v);
    let draft = Agreements::of(&mut v)
        .create_draft(&sam.id, &dana(), now())
        .expect("draft");

    // The draft carries the banner.
    let (_, text) = save_pdf(&mut v, &draft.id, out.path(), "draft.pdf");
    assert!(text.contains("Draft — not yet acknowledged"), "{text}");
    assert!(
        text.contains("DRAFT — NOT YET ACKNOWLEDGED"),
        "header on every page"
    );
    assert!(body_text(&text).contains("Not yet acknowledged."));
    assert_page_numbers(&text);

    let acked_on = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    Agreements::of(&mut v)
        .acknowledge(&draft.id, &ack(OWNER_PARTY_ID, DANA, acked_on), now())
        .expect("dana");
    Agreements::of(&mut v)
        .acknowledge(&draft.id, &ack(&sam.id, "Samuel J. Okafor", today()), now())
        .expect("sam");
    let (_, text) = save_pdf(&mut v, &draft.id, out.path(), "agreement.pdf");
    let body = body_text(&text);
    assert!(
        !text.contains("Draft — not yet acknowledged"),
        "no banner once acknowledged"
    );
    for heading in [
        "Clinical supervision agreement",
        "1. Parties",
        "Purpose",
        "Model of supervision",
        "The three functions of supervision",
        "Learning goals",
        "Frequency and duration",
        "Format, modality and location",
        "Availability and emergency contact between sessions",
        "Methods",
        "Evaluation and sign-off",
        "Roles where there is more than one supervisor",
        "How clients are told about supervision",
        "Fees and invoicing",
        "Cancellation",
        "Record keeping and retention",
        "Ethics code and insurance",
        "Confidentiality",
        "Exceptions to confidentiality",
        "How an exception is handled",
        "Raising ethical concerns and disagreements",
        "Review, ending and notice",
        "Effective date and review date",
        "Acknowledgements",
    ] {
        assert!(
            body.contains(heading),
            "heading {heading:?} missing:\n{text}"
        );
    }
    for needle in [
        "Supervisor: Dana Whitfield",
        "Supervisee: Samuel Okafor",
        SAM_LICENCE,
        DANA_LICENCE,
        "Northside Family Services",
        "Sessions are held monthly, and each lasts 60 minutes.",
        "Notice needed to cancel without charge: 24 hours.",
        "serious, foreseeable and imminent harm to a client or to the public",
        "refuses to change that practice",
        "Only the minimum information necessary is disclosed",
        "discusses the concern with the supervisee first",
        "Acknowledged by typed name “Dana Whitfield” on 24 November 2026.",
        // Sam's acknowledgement was entered by Dana for him (issue 6, §5):
        // the record says so instead of "acknowledged by every party".
        "Recorded by Dana Whitfield for Samuel Okafor on 25 November 2026, with the typed name “Samuel J. Okafor”.",
        "those marked “Recorded by” were entered by Dana Whitfield on that party's behalf.",
        "This agreement takes effect on 25 November 2026.",
        "It will be reviewed on or before 25 November 2027.",
    ] {
        assert!(body.contains(needle), "{needle:?} missing:\n{text}");
    }
    assert!(text.contains("Version 1 · In force"), "footer:\n{text}");
    assert!(
        !text.to_lowercase().contains("acknowledged by every party")
            && !body.contains("Every party has acknowledged"),
        "a hand-recorded acknowledgement is never printed as every party's own:\n{text}"
    );
    assert!(text.contains("Printed 25 November 2026"), "footer:\n{text}");
    assert!(
        page_count(&text) >= 2,
        "the template runs over more than one page"
    );
    assert_page_numbers(&text);

    // Bytes without writing a file.
    let bytes = Agreements::of(&mut v).pdf(&draft.id, now()).expect("bytes");
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(bytes.trim_ascii_end().ends_with(b"%%EOF"));

    // Only an absolute path chosen by the user.
    assert!(matches!(
        Agreements::of(&mut v).save_pdf(&draft.id, Path::new("relative.pdf"), now()),
        Err(Error::InvalidInput(_))
    ));
}

#[test]
fn a_long_agreement_spans_several_pages_and_nothing_is_lost() {
    if cfg!(windows) {
        eprintln!("skipped on Windows: needs pdftotext (poppler-utils), a Linux tool");
        return;
    }
    let (_d, mut v) = vault();
    let out = tempfile::tempdir().expect("out dir");
    let sam = add_sam(&mut v);
    let draft = Agreements::of(&mut v)
        .create_draft(&sam.id, &dana(), now())
        .expect("draft");
    let mut c: AgreementContent = draft.content.clone();
    let paragraph =
        "Reflection on practice: what happened, what it meant, and what will change next time. ";
    let long = |tag: &str| {
        let mut s = format!("Start of {tag}.\n");
        while s.len() < 12_000 {
            s.push_str(paragraph);
            if s.len() % 7 == 0 {
                s.push('\n');
            }
        }
        s.push_str(&format!("\n• A bullet point in {tag} that is long enough to wrap onto a second line of the printed page for sure.\nEnd of {tag}."));
        s
    };
    c.learning_goals = long("learning goals");
    c.methods = long("methods");
    c.record_keeping = long("record keeping");
    c.review_and_ending = format!("{}\n{}", long("review"), "W".repeat(400));
    // Every character prints as typed (embedded Unicode fonts).
    c.parties[1].organisation = "Zespół Łódź → Northside".into();
    let draft = Agreements::of(&mut v)
        .update(&draft.id, &c, now())
        .expect("long update");
    let (_, text) = save_pdf(&mut v, &draft.id, out.path(), "long.pdf");
    let pages = page_count(&text);
    assert!(pages >= 8, "expected many pages, got {pages}");
    assert_page_numbers(&text);
    let body = body_text(&text);
    for tag in ["learning goals", "methods", "record keeping", "review"] {
        assert!(body.contains(&format!("Start of {tag}.")), "start of {tag}");
        assert!(body.contains(&format!("End of {tag}.")), "end of {tag}");
    }
    assert!(
        body.contains("Zespół Łódź → Northside"),
        "characters kept:\n{body}"
    );
    let ws = text.matches('W').count();
    assert!(
        ws >= 400,
        "an unbreakable word is split across lines, not cut ({ws})"
    );
    // Every line fits the page: pdftotext -layout keeps lines short.
    assert!(
        text.lines().all(|l| l.chars().count() < 200),
        "a line ran off the page"
    );
}

#[test]
fn the_printed_agreement_keeps_every_name_as_typed_and_writes_dates_in_the_users_order() {
    if cfg!(windows) {
        eprintln!("skipped on Windows: needs pdftotext (poppler-utils), a Linux tool");
        return;
    }
    let (_d, mut v) = vault();
    let out = tempfile::tempdir().expect("out dir");
    let lukasz = supervisee(&mut v, "Łukasz Żółkiewski");
    let draft = Agreements::of(&mut v)
        .create_draft(&lukasz.id, &dana(), now())
        .expect("draft");

    // The default order (the system's, which the core cannot see) prints
    // the day first; the month is written out, so it cannot be misread.
    let (_, text) = save_pdf(&mut v, &draft.id, out.path(), "default.pdf");
    let body = body_text(&text);
    assert!(
        body.contains("Supervisee: Łukasz Żółkiewski"),
        "the name is printed as typed:\n{text}"
    );
    assert!(!body.contains("Lukasz"), "no letter replaced:\n{text}");
    assert!(text.contains("Printed 25 November 2026"), "{text}");

    for (order, printed, effective) in [
        (
            DateOrder::Mdy,
            "Printed November 25, 2026",
            "takes effect on November 25, 2026.",
        ),
        (
            DateOrder::Ymd,
            "Printed 2026-11-25",
            "takes effect on 2026-11-25.",
        ),
        (
            DateOrder::Dmy,
            "Printed 25 November 2026",
            "takes effect on 25 November 2026.",
        ),
    ] {
        let mut prefs = VaultSettings::of(&mut v).preferences().expect("prefs");
        prefs.date_order = order;
        VaultSettings::of(&mut v)
            .set_preferences(&prefs, now())
            .expect("set the date order");
        let (_, text) = save_pdf(&mut v, &draft.id, out.path(), "ordered.pdf");
        assert!(
            text.contains(printed),
            "{order:?}: {printed:?} in the footer:\n{text}"
        );
        assert!(
            body_text(&text).contains(effective),
            "{order:?}: {effective:?} in the body:\n{text}"
        );
    }
}
