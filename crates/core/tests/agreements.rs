//! Supervision agreements through the vault, as the commands drive them:
//! scenario S2, versioning and acknowledgement, review reminders, printing
//! (checked with `pdftotext`), tampering, plaintext on disk and bad input.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, Days, Months, NaiveDate, TimeZone, Utc};
use confidant_core::agreements::{
    AcknowledgementInput, Agreement, AgreementContent, AgreementStatus, Agreements, Delivery,
    Frequency, PartyDetails, PartyRole, SupervisionFormat, MAX_SECTION_BYTES, OWNER_PARTY_ID,
};
use confidant_core::people::People;
use confidant_core::people::{Person, PersonKind, Relation};
use confidant_core::settings::{DateOrder, VaultSettings};
use confidant_core::store::DB_FILE;
use confidant_core::vault::{Role, Vault};
use confidant_core::Error;
use rusqlite::Connection;

const SAM: &str = "Samuel Okafor";
const DANA: &str = "Dana Whitfield";
const SAM_LICENCE: &str = "SW-0042917";
const DANA_LICENCE: &str = "LCSW-S 58213";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0)
        .single()
        .expect("time")
}

fn today() -> NaiveDate {
    now().date_naive()
}

fn vault() -> (tempfile::TempDir, Vault) {
    common::unlocked_vault(Role::Supervisor, now())
}

use common::person_input as input;

fn supervisee(v: &mut Vault, name: &str) -> Person {
    People::of(v)
        .create(
            &input(PersonKind::Person, Relation::ISupervise, name),
            now(),
        )
        .expect("supervisee")
}

/// Dana adds Sam with his organisation, licence number and licensure plan.
fn add_sam(v: &mut Vault) -> Person {
    let org = People::of(v)
        .create(
            &input(
                PersonKind::Organisation,
                Relation::None,
                "Northside Family Services",
            ),
            now(),
        )
        .expect("organisation");
    let mut sam = input(PersonKind::Person, Relation::ISupervise, SAM);
    sam.pronouns = "he/him".into();
    sam.organisation_id = Some(org.id);
    sam.professional_role = "Social worker".into();
    sam.licence_number = SAM_LICENCE.into();
    sam.licence_body = "Texas Behavioral Health Executive Council".into();
    sam.licensure_plan = "Texas LCSW: 100 supervision hours over 24 to 48 months".into();
    sam.start_date = NaiveDate::from_ymd_opt(2026, 11, 1);
    People::of(v).create(&sam, now()).expect("sam")
}

fn dana() -> PartyDetails {
    PartyDetails {
        name: DANA.into(),
        professional_role: "Clinical supervisor".into(),
        organisation: "Whitfield Supervision".into(),
        licence_number: DANA_LICENCE.into(),
        licence_body: "Texas Behavioral Health Executive Council".into(),
    }
}

fn ack(party_id: &str, name: &str, date: NaiveDate) -> AcknowledgementInput {
    AcknowledgementInput {
        party_id: party_id.into(),
        typed_name: name.into(),
        date,
    }
}

/// Both parties acknowledge `a` (owner first), returning the result.
fn acknowledge_all(v: &mut Vault, a: &Agreement) -> Agreement {
    let mut last = None;
    for p in &a.content.parties {
        last = Some(
            Agreements::of(v)
                .acknowledge(&a.id, &ack(&p.party_id, &p.name, today()), now())
                .expect("acknowledge"),
        );
    }
    last.expect("at least one party")
}

fn is_read_only(r: &Result<impl std::fmt::Debug, Error>) -> bool {
    matches!(r, Err(Error::ReadOnly(m)) if m.contains("read-only"))
}

// ----- S2 ----------------------------------------------------------------------

#[test]
fn s2_sam_agreement_drafted_acknowledged_revised_and_superseded() {
    let (_d, mut v) = vault();
    let sam = add_sam(&mut v);

    let draft = Agreements::of(&mut v)
        .create_draft(&sam.id, &dana(), now())
        .expect("draft");
    assert_eq!(draft.version, 1);
    assert_eq!(draft.status, AgreementStatus::Draft);
    assert_eq!(draft.person_id, sam.id);
    let c = &draft.content;
    assert_eq!(c.title, "Clinical supervision agreement");
    assert_eq!(c.format, SupervisionFormat::Individual);
    assert_eq!((c.frequency, c.session_minutes), (Frequency::Monthly, 60));
    assert_eq!(c.cancellation_notice_hours, 24);
    assert_eq!(c.delivery, vec![Delivery::InPerson, Delivery::Video]);
    assert_eq!(c.effective_date, Some(today()));
    assert_eq!(c.review_date, today().checked_add_months(Months::new(12)));

    // The parties and their licence numbers come from the people records.
    assert_eq!(c.parties.len(), 2);
    assert_eq!(c.parties[0].party_id, OWNER_PARTY_ID);
    assert_eq!(c.parties[0].role, PartyRole::Supervisor);
    assert_eq!(c.parties[0].name, DANA);
    assert_eq!(c.parties[0].licence_number, DANA_LICENCE);
    assert_eq!(c.parties[1].party_id, sam.id);
    assert_eq!(c.parties[1].role, PartyRole::Supervisee);
    assert_eq!(c.parties[1].name, SAM);
    assert_eq!(c.parties[1].licence_number, SAM_LICENCE);
    assert_eq!(c.parties[1].organisation, "Northside Family Services");
    assert!(c.invoicing_party.contains("Northside Family Services"));
    assert!(
        c.learning_goals
            .contains("Texas LCSW: 100 supervision hours"),
        "licensure plan in the goals"
    );

    // The standard confidentiality exceptions.
    let ex = &c.confidentiality_exceptions;
    assert!(ex.contains("serious, foreseeable and imminent harm to a client or to the public"));
    assert!(ex.contains("refuses to change"));
    assert!(ex.contains("minimum information necessary"));
    assert!(c
        .exception_handling
        .contains("discusses the concern with the supervisee first"));
    assert!(
        c.methods.contains("written consent"),
        "recordings need client consent"
    );
    for section in [
        &c.purpose,
        &c.model,
        &c.functions,
        &c.availability,
        &c.evaluation,
        &c.record_keeping,
    ] {
        assert!(section.len() > 100, "every section has real default text");
    }
    for function in ["Normative", "Formative", "Restorative"] {
        assert!(c.functions.contains(function));
    }
    assert_eq!(
        draft.awaiting,
        vec![OWNER_PARTY_ID.to_string(), sam.id.clone()]
    );

    // Dana acknowledges; still a draft until Sam does too.
    let half = Agreements::of(&mut v)
        .acknowledge(&draft.id, &ack(OWNER_PARTY_ID, DANA, today()), now())
        .expect("dana acknowledges");
    assert_eq!(half.status, AgreementStatus::Draft);
    assert_eq!(half.awaiting, vec![sam.id.clone()]);
    assert!(Agreements::of(&mut v)
        .current(&sam.id)
        .expect("current")
        .is_none());

    let later = now() + chrono::Duration::hours(2);
    let v1 = Agreements::of(&mut v)
        .acknowledge(&draft.id, &ack(&sam.id, "Sam Okafor", today()), later)
        .expect("sam acknowledges");
    assert_eq!(v1.status, AgreementStatus::Acknowledged);
    assert!(v1.awaiting.is_empty());
    assert_eq!(v1.acknowledgements.len(), 2);
    assert_eq!(v1.acknowledgements[1].typed_name, "Sam Okafor");
    assert_eq!(v1.acknowledgements[1].role, PartyRole::Supervisee);
    assert_eq!(v1.acknowledgements[1].recorded_at, later);
    assert_eq!(Agreements::of(&mut v).get(&v1.id).expect("get"), v1);
    assert_eq!(
        Agreements::of(&mut v).current(&sam.id).expect("current"),
        Some(v1.clone())
    );

    // Acknowledged means read-only.
    let mut edit = v1.content.clone();
    edit.session_minutes = 90;
    assert!(is_read_only(
        &Agreements::of(&mut v).update(&v1.id, &edit, later)
    ));
    assert!(is_read_only(&Agreements::of(&mut v).acknowledge(
        &v1.id,
        &ack(&sam.id, SAM, today()),
        later
    )));
    assert!(is_read_only(&Agreements::of(&mut v).discard_draft(&v1.id)));
    assert_eq!(Agreements::of(&mut v).get(&v1.id).expect("unchanged"), v1);

    // Revise: version 2, a draft copied from version 1.
    let v2 = Agreements::of(&mut v)
        .revise(&v1.id, later)
        .expect("revise");
    assert_eq!(v2.version, 2);
    assert_eq!(v2.status, AgreementStatus::Draft);
    assert_eq!(v2.content, v1.content);
    assert!(v2.acknowledgements.is_empty());
    assert!(
        matches!(
            Agreements::of(&mut v).revise(&v1.id, later),
            Err(Error::InvalidInput(_))
        ),
        "one draft at a time"
    );
    assert_eq!(
        Agreements::of(&mut v)
            .current(&sam.id)
            .expect("current")
            .map(|a| a.id),
        Some(v1.id.clone())
    );

    let mut changed = v2.content.clone();
    changed.frequency = Frequency::Fortnightly;
    changed.session_minutes = 90;
    let v2 = Agreements::of(&mut v)
        .update(&v2.id, &changed, later)
        .expect("update v2");
    assert_eq!(
        (v2.content.frequency, v2.content.session_minutes),
        (Frequency::Fortnightly, 90)
    );

    // Acknowledging version 2 supersedes version 1.
    let v2 = acknowledge_all(&mut v, &v2);
    assert_eq!(v2.status, AgreementStatus::Acknowledged);
    assert_eq!(
        Agreements::of(&mut v).get(&v1.id).expect("v1").status,
        AgreementStatus::Superseded
    );
    assert_eq!(
        Agreements::of(&mut v)
            .current(&sam.id)
            .expect("current")
            .map(|a| a.id),
        Some(v2.id.clone())
    );
    let list = Agreements::of(&mut v).list(&sam.id).expect("list");
    let versions: Vec<_> = list
        .iter()
        .map(|s| (s.version, s.status, s.damaged))
        .collect();
    assert_eq!(
        versions,
        vec![
            (2, AgreementStatus::Acknowledged, false),
            (1, AgreementStatus::Superseded, false)
        ]
    );
    assert!(list.iter().all(|s| s.person_name == SAM));
    assert!(
        matches!(
            Agreements::of(&mut v).revise(&v1.id, later),
            Err(Error::InvalidInput(_))
        ),
        "superseded"
    );
    assert!(is_read_only(
        &Agreements::of(&mut v).update(&v1.id, &changed, later)
    ));
}

#[test]
fn a_supervisor_relationship_and_a_group_get_the_right_parties() {
    let (_d, mut v) = vault();
    let mut lee = input(PersonKind::Person, Relation::SupervisesMe, "Lee Marsh");
    lee.licence_number = "LPC-S 1234".into();
    let lee = People::of(&mut v).create(&lee, now()).expect("lee");
    let a = Agreements::of(&mut v)
        .create_draft(&lee.id, &dana(), now())
        .expect("draft");
    let roles: Vec<_> = a
        .content
        .parties
        .iter()
        .map(|p| (p.party_id.clone(), p.role))
        .collect();
    assert_eq!(
        roles,
        vec![
            (lee.id.clone(), PartyRole::Supervisor),
            (OWNER_PARTY_ID.to_string(), PartyRole::Supervisee)
        ]
    );
    assert_eq!(a.content.parties[0].licence_number, "LPC-S 1234");

    // A group: the owner facilitates, every member is a party.
    let m1 = supervisee(&mut v, "Ana Ruiz");
    let m2 = supervisee(&mut v, "Ben Cho");
    let m3 = supervisee(&mut v, "Cy Park");
    let mut g = input(PersonKind::Group, Relation::ISupervise, "Tuesday group");
    g.members = vec![m1.id.clone(), m2.id.clone(), m3.id.clone()];
    let group = People::of(&mut v).create(&g, now()).expect("group");
    let a = Agreements::of(&mut v)
        .create_draft(&group.id, &dana(), now())
        .expect("group draft");
    assert_eq!(a.content.title, "Group supervision agreement");
    assert_eq!(a.content.format, SupervisionFormat::Group);
    let roles: Vec<_> = a
        .content
        .parties
        .iter()
        .map(|p| (p.name.as_str(), p.role))
        .collect();
    assert_eq!(
        roles,
        vec![
            (DANA, PartyRole::Facilitator),
            ("Ana Ruiz", PartyRole::Member),
            ("Ben Cho", PartyRole::Member),
            ("Cy Park", PartyRole::Member)
        ]
    );
    assert!(a
        .content
        .confidentiality
        .contains("Group members keep confidential"));
    // Everyone must acknowledge before it is in force.
    let mut last = a.clone();
    for (i, p) in a.content.parties.iter().enumerate() {
        assert_eq!(
            last.status,
            AgreementStatus::Draft,
            "still a draft before party {i}"
        );
        last = Agreements::of(&mut v)
            .acknowledge(&a.id, &ack(&p.party_id, &p.name, today()), now())
            .expect("acknowledge");
    }
    assert_eq!(last.status, AgreementStatus::Acknowledged);

    // A group with another facilitator: the owner is a member when they do
    // not supervise the group.
    let f = People::of(&mut v)
        .create(
            &input(PersonKind::Person, Relation::SupervisesMe, "Fay Lund"),
            now(),
        )
        .expect("facilitator");
    let mut peer = input(
        PersonKind::Group,
        Relation::SupervisesMe,
        "Consultation group",
    );
    peer.members = vec![m1.id.clone()];
    peer.facilitator_id = Some(f.id.clone());
    let peer = People::of(&mut v).create(&peer, now()).expect("peer group");
    let a = Agreements::of(&mut v)
        .create_draft(&peer.id, &dana(), now())
        .expect("draft");
    let roles: Vec<_> = a
        .content
        .parties
        .iter()
        .map(|p| (p.name.as_str(), p.role))
        .collect();
    assert_eq!(
        roles,
        vec![
            ("Fay Lund", PartyRole::Facilitator),
            (DANA, PartyRole::Member),
            ("Ana Ruiz", PartyRole::Member)
        ]
    );

    // A group with no members cannot have an agreement yet.
    let empty = People::of(&mut v)
        .create(
            &input(PersonKind::Group, Relation::ISupervise, "Empty group"),
            now(),
        )
        .expect("empty group");
    assert!(matches!(
        Agreements::of(&mut v).create_draft(&empty.id, &dana(), now()),
        Err(Error::InvalidInput(_))
    ));
}

#[test]
fn editing_a_draft_withdraws_acknowledgements_given_for_other_text() {
    let (_d, mut v) = vault();
    let sam = add_sam(&mut v);
    let a = Agreements::of(&mut v)
        .create_draft(&sam.id, &dana(), now())
        .expect("draft");
    let a = Agreements::of(&mut v)
        .acknowledge(&a.id, &ack(OWNER_PARTY_ID, DANA, today()), now())
        .expect("ack");
    assert_eq!(a.acknowledgements.len(), 1);

    // Saving the same text keeps the acknowledgement.
    let same = Agreements::of(&mut v)
        .update(&a.id, &a.content, now())
        .expect("same");
    assert_eq!(same.acknowledgements.len(), 1);

    let mut edited = a.content.clone();
    edited.location = "Room 4, Northside Family Services".into();
    let edited = Agreements::of(&mut v)
        .update(&a.id, &edited, now())
        .expect("edit");
    assert!(edited.acknowledgements.is_empty());
    assert_eq!(edited.awaiting.len(), 2);
    assert_eq!(Agreements::of(&mut v).get(&a.id).expect("get"), edited);

    // A blank party name must be filled in before anyone acknowledges.
    let jo = supervisee(&mut v, "Jo Ames");
    let blank_owner = Agreements::of(&mut v)
        .create_draft(&jo.id, &PartyDetails::default(), now())
        .expect("draft with blank owner name");
    let r = Agreements::of(&mut v).acknowledge(
        &blank_owner.id,
        &ack(&blank_owner.content.parties[1].party_id, "Jo Ames", today()),
        now(),
    );
    assert!(matches!(r, Err(Error::InvalidInput(m)) if m.contains("name of every party")));
    let mut named = blank_owner.content.clone();
    named.parties[0].name = DANA.into();
    Agreements::of(&mut v)
        .update(&blank_owner.id, &named, now())
        .expect("fill in the name");
    let jo_id = blank_owner.content.parties[1].party_id.clone();
    Agreements::of(&mut v)
        .acknowledge(&blank_owner.id, &ack(&jo_id, "Jo Ames", today()), now())
        .expect("now it can be acknowledged");

    // A discarded draft is gone; a new one can be started.
    Agreements::of(&mut v)
        .discard_draft(&a.id)
        .expect("discard");
    assert!(matches!(
        Agreements::of(&mut v).get(&a.id),
        Err(Error::NotFound(_))
    ));
    let again = Agreements::of(&mut v)
        .create_draft(&sam.id, &dana(), now())
        .expect("new draft");
    assert_eq!(
        again.version, 1,
        "a discarded draft frees its version number"
    );
}

// ----- review reminders ---------------------------------------------------------

#[test]
fn agreements_due_for_review_are_those_in_force_with_a_review_date_past_or_near() {
    let (_d, mut v) = vault();
    let day = |n: i64| {
        if n >= 0 {
            today().checked_add_days(Days::new(n as u64)).expect("date")
        } else {
            today()
                .checked_sub_days(Days::new(n.unsigned_abs()))
                .expect("date")
        }
    };
    let agreed_with =
        |v: &mut Vault, name: &str, effective: i64, review: Option<i64>| -> (Person, Agreement) {
            let p = supervisee(v, name);
            let a = Agreements::of(v)
                .create_draft(&p.id, &dana(), now())
                .expect("draft");
            let mut c = a.content.clone();
            c.effective_date = Some(day(effective));
            c.review_date = review.map(day);
            let a = Agreements::of(v).update(&a.id, &c, now()).expect("dates");
            let a = acknowledge_all(v, &a);
            (p, a)
        };
    let (_sam, sam_a) = agreed_with(&mut v, "Sam", 0, Some(365));
    let (_alex, alex_a) = agreed_with(&mut v, "Alex", -300, Some(10));
    let (_jo, jo_a) = agreed_with(&mut v, "Jo", -400, Some(-3));
    let (_no_date, _) = agreed_with(&mut v, "Nico", -30, None);
    let (lee, _) = agreed_with(&mut v, "Lee", -400, Some(-1));
    People::of(&mut v)
        .set_archived(&lee.id, true, now())
        .expect("archive lee");
    // A draft with a past review date is not in force: not listed.
    let kim = supervisee(&mut v, "Kim");
    let kim_draft = Agreements::of(&mut v)
        .create_draft(&kim.id, &dana(), now())
        .expect("kim");
    let mut c = kim_draft.content.clone();
    c.effective_date = Some(day(-60));
    c.review_date = Some(day(-1));
    Agreements::of(&mut v)
        .update(&kim_draft.id, &c, now())
        .expect("kim dates");
    // A superseded version with a past review date is not listed either;
    // its replacement is, by its own date.
    let (ria, ria_v1) = agreed_with(&mut v, "Ria", -400, Some(-5));
    let ria_v2 = Agreements::of(&mut v)
        .revise(&ria_v1.id, now())
        .expect("revise");
    let mut c = ria_v2.content.clone();
    c.review_date = Some(day(20));
    let ria_v2 = Agreements::of(&mut v)
        .update(&ria_v2.id, &c, now())
        .expect("ria dates");
    let ria_v2 = acknowledge_all(&mut v, &ria_v2);
    assert_eq!(ria_v2.person_id, ria.id);

    let due = Agreements::of(&mut v)
        .due_for_review(now(), 30)
        .expect("due");
    let got: Vec<_> = due
        .iter()
        .map(|d| (d.person_name.as_str(), d.days_until_review, d.version))
        .collect();
    assert_eq!(got, vec![("Jo", -3, 1), ("Alex", 10, 1), ("Ria", 20, 2)]);
    assert_eq!(due[0].agreement_id, jo_a.id);
    assert_eq!(due[1].agreement_id, alex_a.id);
    assert!(due.iter().all(|d| !d.damaged));

    let overdue_only = Agreements::of(&mut v)
        .due_for_review(now(), 0)
        .expect("due today");
    assert_eq!(
        overdue_only
            .iter()
            .map(|d| d.person_name.as_str())
            .collect::<Vec<_>>(),
        vec!["Jo"]
    );
    let year = Agreements::of(&mut v)
        .due_for_review(now(), 365)
        .expect("a year");
    assert_eq!(year.last().map(|d| d.agreement_id.clone()), Some(sam_a.id));
    assert!(matches!(
        Agreements::of(&mut v).due_for_review(now(), 100_000),
        Err(Error::InvalidInput(_))
    ));
}

// ----- PDF ------------------------------------------------------------------------

/// Runs `pdftotext -layout` and returns its text, failing clearly when the
/// tool is missing and when it reports any problem with the file.
fn pdftotext(path: &Path) -> String {
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
fn body_text(text: &str) -> String {
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

fn page_count(text: &str) -> usize {
    text.split('\u{c}').filter(|p| !p.trim().is_empty()).count()
}

fn assert_page_numbers(text: &str) {
    let pages = page_count(text);
    for n in 1..=pages {
        assert!(
            text.contains(&format!("Page {n} of {pages}")),
            "page {n} of {pages} numbered:\n{text}"
        );
    }
}

fn save_pdf(v: &mut Vault, id: &str, out_dir: &Path, name: &str) -> (PathBuf, String) {
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

// ----- integrity, plaintext, bad input --------------------------------------------

fn db(dir: &Path) -> Connection {
    Connection::open(dir.join(DB_FILE)).expect("open the database directly")
}

#[test]
fn a_flipped_byte_damages_only_that_version() {
    let (dir, mut v) = vault();
    let sam = add_sam(&mut v);
    let v1 = Agreements::of(&mut v)
        .create_draft(&sam.id, &dana(), now())
        .expect("draft");
    let v1 = acknowledge_all(&mut v, &v1);
    let v2 = Agreements::of(&mut v).revise(&v1.id, now()).expect("v2");
    let alex = supervisee(&mut v, "Alex Ng");
    let other = Agreements::of(&mut v)
        .create_draft(&alex.id, &dana(), now())
        .expect("other");

    let conn = db(dir.path());
    let mut body: Vec<u8> = conn
        .query_row("SELECT body FROM agreements WHERE id = ?1", [&v1.id], |r| {
            r.get(0)
        })
        .expect("body");
    let middle = body.len() / 2;
    body[middle] ^= 0x04;
    conn.execute(
        "UPDATE agreements SET body = ?2 WHERE id = ?1",
        rusqlite::params![v1.id, body],
    )
    .expect("tamper");

    assert!(matches!(
        Agreements::of(&mut v).get(&v1.id),
        Err(Error::Integrity(_))
    ));
    assert!(
        matches!(
            Agreements::of(&mut v).current(&sam.id),
            Err(Error::Integrity(_))
        ),
        "the current version is the damaged one"
    );
    assert!(matches!(
        Agreements::of(&mut v).pdf(&v1.id, now()),
        Err(Error::Integrity(_))
    ));
    assert_eq!(
        Agreements::of(&mut v)
            .get(&v2.id)
            .expect("v2 opens")
            .content,
        v1.content
    );
    assert_eq!(
        Agreements::of(&mut v).get(&other.id).expect("other opens"),
        other
    );
    let list = Agreements::of(&mut v).list(&sam.id).expect("list");
    let flags: Vec<_> = list.iter().map(|s| (s.version, s.damaged)).collect();
    assert_eq!(flags, vec![(2, false), (1, true)]);
    let msg = Agreements::of(&mut v)
        .get(&v1.id)
        .expect_err("damaged")
        .to_string();
    assert!(msg.contains("This agreement is damaged"), "{msg}");

    // A sealed body moved to another row fails too.
    let v2_body: Vec<u8> = conn
        .query_row("SELECT body FROM agreements WHERE id = ?1", [&v2.id], |r| {
            r.get(0)
        })
        .expect("body");
    conn.execute(
        "UPDATE agreements SET body = ?2 WHERE id = ?1",
        rusqlite::params![other.id, v2_body],
    )
    .expect("move");
    assert!(matches!(
        Agreements::of(&mut v).get(&other.id),
        Err(Error::Integrity(_))
    ));

    // So does an edited plaintext date or a forged status.
    conn.execute(
        "UPDATE agreements SET review_date = review_date + 86400000 WHERE id = ?1",
        [&v2.id],
    )
    .expect("date");
    assert!(matches!(
        Agreements::of(&mut v).get(&v2.id),
        Err(Error::Integrity(_))
    ));
    let bo = supervisee(&mut v, "Bo Dee");
    let d = Agreements::of(&mut v)
        .create_draft(&bo.id, &dana(), now())
        .expect("draft");
    conn.execute(
        "UPDATE agreements SET status = 'acknowledged' WHERE id = ?1",
        [&d.id],
    )
    .expect("forge");
    assert!(matches!(
        Agreements::of(&mut v).get(&d.id),
        Err(Error::Integrity(_))
    ));
}

/// Dana and `name` agree, effective 400 days ago, with the review
/// `review_days` from today; returns the person and the version in force.
fn agreed(v: &mut Vault, name: &str, review_days: i64) -> (Person, Agreement) {
    let p = supervisee(v, name);
    let a = Agreements::of(v)
        .create_draft(&p.id, &dana(), now())
        .expect("draft");
    let mut c = a.content.clone();
    c.effective_date = Some(today() - chrono::Duration::days(400));
    c.review_date = Some(today() + chrono::Duration::days(review_days));
    let a = Agreements::of(v).update(&a.id, &c, now()).expect("dates");
    (p, acknowledge_all(v, &a))
}

/// (version, damaged) of each line of `person_id`'s list, newest first.
fn list_flags(v: &mut Vault, person_id: &str) -> Vec<(u32, bool)> {
    Agreements::of(v)
        .list(person_id)
        .expect("the list never fails for one damaged version")
        .iter()
        .map(|s| (s.version, s.damaged))
        .collect()
}

/// The people list opens in full.
fn people_list_is_whole(v: &mut Vault, expected: usize) {
    let people = People::of(v).list().expect("people");
    assert_eq!(people.len(), expected);
    assert!(people.iter().all(|p| !p.damaged && !p.name.is_empty()));
}

fn flip_a_body_byte(conn: &Connection, id: &str) -> Vec<u8> {
    let body: Vec<u8> = conn
        .query_row("SELECT body FROM agreements WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .expect("body");
    let mut damaged = body.clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x10;
    conn.execute(
        "UPDATE agreements SET body = ?2 WHERE id = ?1",
        rusqlite::params![id, damaged],
    )
    .expect("tamper");
    body
}

#[test]
fn a_status_flipped_on_disk_damages_only_that_version() {
    let (dir, mut v) = vault();
    let sam = add_sam(&mut v);
    let v1 = Agreements::of(&mut v)
        .create_draft(&sam.id, &dana(), now())
        .expect("draft");
    let v1 = acknowledge_all(&mut v, &v1);
    let v2 = Agreements::of(&mut v).revise(&v1.id, now()).expect("v2");
    let v2 = acknowledge_all(&mut v, &v2);
    let (alex, other) = agreed(&mut v, "Alex Ng", 100);
    let conn = db(dir.path());

    // The version in force claims to be superseded.
    conn.execute(
        "UPDATE agreements SET status = 'superseded' WHERE id = ?1",
        [&v2.id],
    )
    .expect("flip");
    assert!(matches!(
        Agreements::of(&mut v).get(&v2.id),
        Err(Error::Integrity(_))
    ));
    assert!(
        matches!(
            Agreements::of(&mut v).current(&sam.id),
            Err(Error::Integrity(_))
        ),
        "the damaged version may be the one in force"
    );
    assert_eq!(list_flags(&mut v, &sam.id), vec![(2, true), (1, false)]);
    assert_eq!(
        Agreements::of(&mut v).get(&v1.id).expect("v1 opens").status,
        AgreementStatus::Superseded
    );
    assert_eq!(Agreements::of(&mut v).get(&other.id).expect("other"), other);
    assert_eq!(
        Agreements::of(&mut v)
            .current(&alex.id)
            .expect("alex's agreement")
            .map(|a| a.id),
        Some(other.id.clone())
    );
    people_list_is_whole(&mut v, 3);

    // Set back as it was, it opens again: the edit alone was the damage.
    conn.execute(
        "UPDATE agreements SET status = 'acknowledged' WHERE id = ?1",
        [&v2.id],
    )
    .expect("restore");
    assert_eq!(Agreements::of(&mut v).get(&v2.id).expect("v2"), v2);

    // A superseded version that claims to be in force is damaged, and does
    // not displace the version in force nor join the review list.
    conn.execute(
        "UPDATE agreements SET status = 'acknowledged', review_date = NULL WHERE id = ?1",
        [&v1.id],
    )
    .expect("flip v1");
    assert!(matches!(
        Agreements::of(&mut v).get(&v1.id),
        Err(Error::Integrity(_))
    ));
    assert_eq!(
        Agreements::of(&mut v)
            .current(&sam.id)
            .expect("current")
            .map(|a| a.id),
        Some(v2.id.clone())
    );
    assert_eq!(list_flags(&mut v, &sam.id), vec![(2, false), (1, true)]);

    // A draft forged as superseded, and a version renumbered, are damaged too.
    let d = Agreements::of(&mut v).revise(&v2.id, now()).expect("v3");
    conn.execute(
        "UPDATE agreements SET status = 'superseded' WHERE id = ?1",
        [&d.id],
    )
    .expect("forge");
    assert!(matches!(
        Agreements::of(&mut v).get(&d.id),
        Err(Error::Integrity(_))
    ));
    conn.execute(
        "UPDATE agreements SET version = 7 WHERE id = ?1",
        [&other.id],
    )
    .expect("renumber");
    assert!(matches!(
        Agreements::of(&mut v).get(&other.id),
        Err(Error::Integrity(_))
    ));
    assert_eq!(list_flags(&mut v, &alex.id), vec![(7, true)]);
    people_list_is_whole(&mut v, 3);
}

#[test]
fn a_version_moved_to_another_person_or_key_on_disk_is_damaged() {
    let (dir, mut v) = vault();
    let (sam, sam_a) = agreed(&mut v, SAM, 365);
    let (alex, alex_a) = agreed(&mut v, "Alex Ng", 365);
    let jo = supervisee(&mut v, "Jo Ames");
    let conn = db(dir.path());

    // Sam's agreement moved to Jo, who has none.
    conn.execute(
        "UPDATE agreements SET person_id = ?2 WHERE id = ?1",
        [&sam_a.id, &jo.id],
    )
    .expect("move");
    assert!(matches!(
        Agreements::of(&mut v).get(&sam_a.id),
        Err(Error::Integrity(_))
    ));
    let jo_list = Agreements::of(&mut v).list(&jo.id).expect("jo's list");
    assert_eq!(jo_list.len(), 1);
    assert!(jo_list[0].damaged);
    assert_eq!(jo_list[0].person_name, "Jo Ames");
    assert!(matches!(
        Agreements::of(&mut v).current(&jo.id),
        Err(Error::Integrity(_))
    ));
    // Gone from Sam's list, as deleting the row would; never shown as his.
    assert!(Agreements::of(&mut v)
        .list(&sam.id)
        .expect("sam's list")
        .is_empty());
    assert_eq!(
        Agreements::of(&mut v).get(&alex_a.id).expect("alex"),
        alex_a
    );
    people_list_is_whole(&mut v, 3);

    // Back with Sam, but with the key column naming Alex's key: the key is
    // taken from the person's authenticated key record, and a column that
    // disagrees is damage.
    conn.execute(
        "UPDATE agreements SET person_id = ?2,
                key_id = (SELECT key_id FROM people WHERE id = ?3) WHERE id = ?1",
        [&sam_a.id, &sam.id, &alex.id],
    )
    .expect("other key");
    assert!(matches!(
        Agreements::of(&mut v).get(&sam_a.id),
        Err(Error::Integrity(_))
    ));
    conn.execute(
        "UPDATE agreements SET key_id = (SELECT key_id FROM people WHERE id = ?2) WHERE id = ?1",
        [&sam_a.id, &sam.id],
    )
    .expect("restore");
    assert_eq!(Agreements::of(&mut v).get(&sam_a.id).expect("sam"), sam_a);

    // Alex's body copied over Sam's row, key column and all: the row's
    // identity and the key in the sealed header no longer fit.
    conn.execute(
        "UPDATE agreements SET (body, key_id) =
           (SELECT body, key_id FROM agreements WHERE id = ?2) WHERE id = ?1",
        [&sam_a.id, &alex_a.id],
    )
    .expect("copy");
    assert!(matches!(
        Agreements::of(&mut v).get(&sam_a.id),
        Err(Error::Integrity(_))
    ));
    assert_eq!(list_flags(&mut v, &sam.id), vec![(1, true)]);
}

#[test]
fn the_review_list_survives_damaged_versions() {
    let (dir, mut v) = vault();
    let (_jo, jo_a) = agreed(&mut v, "Jo", -3);
    let (_sam, sam_a) = agreed(&mut v, "Sam", 10);
    let (_alex, alex_a) = agreed(&mut v, "Alex", 200);
    let (_kim, _) = agreed(&mut v, "Kim", 20);
    let conn = db(dir.path());

    // Sam's body damaged; Alex's review date pulled into the window on disk.
    flip_a_body_byte(&conn, &sam_a.id);
    let in_five_days = (today() + chrono::Duration::days(5))
        .and_hms_opt(0, 0, 0)
        .expect("midnight")
        .and_utc()
        .timestamp_millis();
    conn.execute(
        "UPDATE agreements SET review_date = ?2 WHERE id = ?1",
        rusqlite::params![alex_a.id, in_five_days],
    )
    .expect("edit the review date");
    assert!(matches!(
        Agreements::of(&mut v).get(&alex_a.id),
        Err(Error::Integrity(_))
    ));

    let due = Agreements::of(&mut v)
        .due_for_review(now(), 30)
        .expect("the list never fails for one damaged version");
    let got: Vec<_> = due
        .iter()
        .map(|d| (d.person_name.as_str(), d.days_until_review, d.damaged))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Jo", -3, false),
            ("Alex", 5, true),
            ("Sam", 10, true),
            ("Kim", 20, false)
        ]
    );

    // An out-of-range timestamp damages that version, not the lists.
    conn.execute(
        "UPDATE agreements SET created_at = ?2 WHERE id = ?1",
        rusqlite::params![jo_a.id, i64::MAX],
    )
    .expect("timestamp");
    let due = Agreements::of(&mut v)
        .due_for_review(now(), 30)
        .expect("due");
    assert_eq!(
        due.iter().map(|d| d.damaged).collect::<Vec<_>>(),
        vec![true, true, true, false]
    );
    assert_eq!(list_flags(&mut v, &jo_a.person_id), vec![(1, true)]);
    people_list_is_whole(&mut v, 4);
}

#[test]
fn each_acknowledgement_says_who_entered_it_and_superseding_seals_again_atomically() {
    let (dir, mut v) = vault();
    let sam = add_sam(&mut v);
    let v1 = Agreements::of(&mut v)
        .create_draft(&sam.id, &dana(), now())
        .expect("draft");
    let v1 = acknowledge_all(&mut v, &v1);
    let who: Vec<_> = v1
        .acknowledgements
        .iter()
        .map(|a| (a.party_id.as_str(), a.recorded_by_owner))
        .collect();
    assert_eq!(
        who,
        vec![(OWNER_PARTY_ID, false), (sam.id.as_str(), true)],
        "Dana's own, and Sam's recorded by Dana for him"
    );
    // Read back after a lock, from the sealed body.
    v.lock();
    v.unlock(None, now()).expect("unlock");
    assert_eq!(Agreements::of(&mut v).get(&v1.id).expect("v1"), v1);

    // Version 2 cannot supersede a version 1 that no longer opens: the last
    // acknowledgement fails and changes nothing.
    let v2 = Agreements::of(&mut v).revise(&v1.id, now()).expect("v2");
    let v2 = Agreements::of(&mut v)
        .acknowledge(&v2.id, &ack(OWNER_PARTY_ID, DANA, today()), now())
        .expect("dana");
    let conn = db(dir.path());
    let v1_body = flip_a_body_byte(&conn, &v1.id);
    let before = snapshot(dir.path());
    assert!(matches!(
        Agreements::of(&mut v).acknowledge(&v2.id, &ack(&sam.id, SAM, today()), now()),
        Err(Error::Integrity(_))
    ));
    assert_eq!(snapshot(dir.path()), before, "rolled back");
    assert_eq!(Agreements::of(&mut v).get(&v2.id).expect("v2"), v2);

    // Repaired, the same acknowledgement puts version 2 in force and seals
    // version 1 again as superseded (its status is bound: it opens as such).
    conn.execute(
        "UPDATE agreements SET body = ?2 WHERE id = ?1",
        rusqlite::params![v1.id, v1_body],
    )
    .expect("repair");
    let v2 = Agreements::of(&mut v)
        .acknowledge(&v2.id, &ack(&sam.id, SAM, today()), now())
        .expect("sam");
    assert_eq!(v2.status, AgreementStatus::Acknowledged);
    v.lock();
    v.unlock(None, now()).expect("unlock");
    let old = Agreements::of(&mut v).get(&v1.id).expect("v1 opens");
    assert_eq!(old.status, AgreementStatus::Superseded);
    assert_eq!(old.acknowledgements, v1.acknowledgements);
    assert_eq!(Agreements::of(&mut v).get(&v2.id).expect("v2"), v2);
    assert!(v2.acknowledgements[1].recorded_by_owner);
    assert!(!v2.acknowledgements[0].recorded_by_owner);
}

#[test]
fn a_damaged_draft_can_be_discarded_and_a_damaged_version_in_force_cannot() {
    let (dir, mut v) = vault();
    let (sam, acked) = agreed(&mut v, SAM, 365);
    let draft = Agreements::of(&mut v)
        .revise(&acked.id, now())
        .expect("draft");
    let conn = db(dir.path());
    flip_a_body_byte(&conn, &draft.id);
    flip_a_body_byte(&conn, &acked.id);
    assert!(matches!(
        Agreements::of(&mut v).get(&draft.id),
        Err(Error::Integrity(_))
    ));
    assert!(matches!(
        Agreements::of(&mut v).discard_draft(&acked.id),
        Err(Error::Integrity(_))
    ));
    Agreements::of(&mut v)
        .discard_draft(&draft.id)
        .expect("a damaged draft is discarded");
    assert_eq!(list_flags(&mut v, &sam.id), vec![(1, true)]);
    let wal = dir.path().join(format!("{DB_FILE}-wal"));
    assert_eq!(
        std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0),
        0,
        "the discarded draft is wiped from the write-ahead log"
    );
}

fn random_hex(bytes: usize) -> String {
    let mut b = vec![0u8; bytes];
    confidant_core::crypto::fill_random(&mut b).expect("OS random generator");
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn find(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Every file in the data folder (the db, -wal and -shm) as raw bytes.
fn scan_for(dir: &Path, needles: &[&str]) -> Vec<String> {
    let mut hits = Vec::new();
    let mut scanned = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir") {
        let path = entry.expect("entry").path();
        if !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(&path).expect("read");
        scanned.push(
            path.file_name()
                .expect("name")
                .to_string_lossy()
                .to_string(),
        );
        for n in needles {
            if find(&bytes, n.as_bytes()) {
                hits.push(format!("{n:?} in {}", path.display()));
            }
        }
    }
    assert!(
        scanned.iter().any(|n| n == DB_FILE),
        "the database was scanned: {scanned:?}"
    );
    hits
}

#[test]
fn no_agreement_text_or_name_reaches_the_disk_in_clear() {
    let (dir, mut v) = vault();
    let marker = format!("Goal{}", random_hex(16));
    let typed = format!("Typed{}", random_hex(8));
    let sam = add_sam(&mut v);
    let draft = Agreements::of(&mut v)
        .create_draft(&sam.id, &dana(), now())
        .expect("draft");
    let mut c = draft.content.clone();
    c.learning_goals = format!("{marker}: use three de-escalation techniques this month.");
    let draft = Agreements::of(&mut v)
        .update(&draft.id, &c, now())
        .expect("update");
    Agreements::of(&mut v)
        .acknowledge(&draft.id, &ack(OWNER_PARTY_ID, &typed, today()), now())
        .expect("ack");
    Agreements::of(&mut v)
        .acknowledge(&draft.id, &ack(&sam.id, SAM, today()), now())
        .expect("ack");
    let v2 = Agreements::of(&mut v)
        .revise(&draft.id, now())
        .expect("revise");
    let _pdf = Agreements::of(&mut v)
        .pdf(&v2.id, now())
        .expect("render in memory");

    let needles = [
        marker.as_str(),
        typed.as_str(),
        SAM,
        DANA,
        "Okafor",
        "Whitfield",
        SAM_LICENCE,
        DANA_LICENCE,
        "Northside",
        "de-escalation",
        "foreseeable and imminent",
        "Clinical supervision agreement",
        "Texas LCSW",
    ];
    // While the connection is open (WAL and shared memory present) ...
    let wal = dir.path().join(format!("{DB_FILE}-wal"));
    assert!(
        wal.exists() && std::fs::metadata(&wal).expect("wal").len() > 0,
        "WAL in use"
    );
    let hits = scan_for(dir.path(), &needles);
    assert!(hits.is_empty(), "plaintext on disk: {hits:?}");
    // ... and after it is closed and checkpointed.
    drop(v);
    let hits = scan_for(dir.path(), &needles);
    assert!(hits.is_empty(), "plaintext on disk: {hits:?}");
}

/// Every agreements row, byte for byte.
fn snapshot(dir: &Path) -> Vec<Vec<rusqlite::types::Value>> {
    let conn = db(dir);
    let mut stmt = conn
        .prepare("SELECT * FROM agreements ORDER BY id")
        .expect("prepare");
    let n = stmt.column_count();
    let rows = stmt
        .query_map([], |r| {
            (0..n)
                .map(|i| r.get::<_, rusqlite::types::Value>(i))
                .collect()
        })
        .expect("query");
    rows.collect::<rusqlite::Result<Vec<_>>>().expect("rows")
}

#[test]
fn bad_input_gets_a_specific_error_and_changes_nothing() {
    let (dir, mut v) = vault();
    let sam = add_sam(&mut v);
    let acked = Agreements::of(&mut v)
        .create_draft(&sam.id, &dana(), now())
        .expect("draft");
    let acked = acknowledge_all(&mut v, &acked);
    let draft = Agreements::of(&mut v)
        .revise(&acked.id, now())
        .expect("revise");
    let half = Agreements::of(&mut v)
        .acknowledge(&draft.id, &ack(OWNER_PARTY_ID, DANA, today()), now())
        .expect("half acknowledged");
    let gone = uuid_like();
    let before = snapshot(dir.path());
    let unchanged = |v: &mut Vault| {
        assert_eq!(snapshot(dir.path()), before, "nothing was written");
        assert_eq!(Agreements::of(v).get(&draft.id).expect("draft"), half);
        assert_eq!(Agreements::of(v).get(&acked.id).expect("acked"), acked);
    };

    // Unknown, invalid, archived, organisation, no relationship; a second draft.
    assert!(matches!(
        Agreements::of(&mut v).create_draft("not-a-uuid", &dana(), now()),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        Agreements::of(&mut v).create_draft(&gone, &dana(), now()),
        Err(Error::NotFound(_))
    ));
    assert!(
        matches!(Agreements::of(&mut v).create_draft(&sam.id, &dana(), now()), Err(Error::InvalidInput(m)) if m.contains("already a draft"))
    );
    let archived = supervisee(&mut v, "Archie Vale");
    People::of(&mut v)
        .set_archived(&archived.id, true, now())
        .expect("archive");
    assert!(
        matches!(Agreements::of(&mut v).create_draft(&archived.id, &dana(), now()), Err(Error::InvalidInput(m)) if m.contains("archived"))
    );
    let org = People::of(&mut v)
        .list()
        .expect("people")
        .into_iter()
        .find(|p| p.kind == PersonKind::Organisation)
        .expect("org");
    assert!(matches!(
        Agreements::of(&mut v).create_draft(&org.id, &dana(), now()),
        Err(Error::InvalidInput(_))
    ));
    let contact = People::of(&mut v)
        .create(
            &input(PersonKind::Person, Relation::None, "Cora Contact"),
            now(),
        )
        .expect("contact");
    assert!(matches!(
        Agreements::of(&mut v).create_draft(&contact.id, &dana(), now()),
        Err(Error::InvalidInput(_))
    ));
    let long_name = PartyDetails {
        name: "D".repeat(500),
        ..dana()
    };
    assert!(matches!(
        Agreements::of(&mut v).create_draft(&contact.id, &long_name, now()),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        Agreements::of(&mut v).list(&gone),
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        Agreements::of(&mut v).current(&gone),
        Err(Error::NotFound(_))
    ));
    unchanged(&mut v);

    // Invalid content for the draft.
    let base = half.content.clone();
    let bad = |f: &dyn Fn(&mut AgreementContent)| {
        let mut c = base.clone();
        f(&mut c);
        c
    };
    let year = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    let cases: Vec<(&str, AgreementContent)> = vec![
        (
            "review before effective",
            bad(&|c| {
                c.effective_date = year(2027, 1, 10);
                c.review_date = year(2027, 1, 9);
            }),
        ),
        ("14 minutes", bad(&|c| c.session_minutes = 14)),
        ("481 minutes", bad(&|c| c.session_minutes = 481)),
        (
            "337 hours' notice",
            bad(&|c| c.cancellation_notice_hours = 337),
        ),
        ("no way of meeting", bad(&|c| c.delivery.clear())),
        (
            "a way of meeting twice",
            bad(&|c| c.delivery = vec![Delivery::Phone, Delivery::Phone]),
        ),
        (
            "a party added",
            bad(&|c| {
                let mut extra = c.parties[1].clone();
                extra.party_id = "b2f0c8d1-0000-4000-8000-000000000000".into();
                c.parties.push(extra);
            }),
        ),
        (
            "a party removed",
            bad(&|c| {
                c.parties.pop();
            }),
        ),
        (
            "a role changed",
            bad(&|c| c.parties[1].role = PartyRole::Supervisor),
        ),
        (
            "a control character",
            bad(&|c| c.purpose = "a\u{1b}[31m".into()),
        ),
        (
            "a year out of range",
            bad(&|c| c.review_date = year(2999, 1, 1)),
        ),
        (
            "a party name too long",
            bad(&|c| c.parties[1].name = "x".repeat(300)),
        ),
    ];
    for (what, c) in &cases {
        let r = Agreements::of(&mut v).update(&draft.id, c, now());
        assert!(
            matches!(r, Err(Error::InvalidInput(_))),
            "{what}: {:?}",
            r.map(|a| a.version)
        );
    }
    assert!(matches!(
        Agreements::of(&mut v).update(&draft.id, &bad(&|c| c.title = "   ".into()), now()),
        Err(Error::Empty(_))
    ));
    let oversize = bad(&|c| c.confidentiality = "x".repeat(MAX_SECTION_BYTES + 1));
    assert!(matches!(
        Agreements::of(&mut v).update(&draft.id, &oversize, now()),
        Err(Error::TooLarge {
            what: "The confidentiality section",
            ..
        })
    ));
    let whole = bad(&|c| {
        let s = "y".repeat(MAX_SECTION_BYTES - 10);
        for field in [
            &mut c.purpose,
            &mut c.model,
            &mut c.functions,
            &mut c.learning_goals,
            &mut c.methods,
            &mut c.evaluation,
            &mut c.availability,
            &mut c.supervisor_roles,
            &mut c.informing_clients,
            &mut c.fees,
            &mut c.record_keeping,
            &mut c.ethics_and_insurance,
            &mut c.confidentiality,
        ] {
            field.clone_from(&s);
        }
    });
    assert!(matches!(
        Agreements::of(&mut v).update(&draft.id, &whole, now()),
        Err(Error::TooLarge {
            what: "The agreement",
            ..
        })
    ));
    assert!(matches!(
        Agreements::of(&mut v).update(&gone, &base, now()),
        Err(Error::NotFound(_))
    ));
    unchanged(&mut v);

    // Acknowledgements: unknown version, blank name, unknown party, twice,
    // future date; an acknowledged version.
    let tomorrow = today().succ_opt().expect("tomorrow");
    let later = tomorrow.succ_opt().expect("later");
    assert!(matches!(
        Agreements::of(&mut v).acknowledge(&gone, &ack(&sam.id, SAM, today()), now()),
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        Agreements::of(&mut v).acknowledge("nope", &ack(&sam.id, SAM, today()), now()),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        Agreements::of(&mut v).acknowledge(&draft.id, &ack(&sam.id, "  \t ", today()), now()),
        Err(Error::Empty(_))
    ));
    assert!(matches!(
        Agreements::of(&mut v).acknowledge(&draft.id, &ack(&gone, SAM, today()), now()),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        Agreements::of(&mut v).acknowledge(&draft.id, &ack(OWNER_PARTY_ID, DANA, today()), now()),
        Err(Error::InvalidInput(m)) if m.contains("already acknowledged")
    ));
    assert!(matches!(
        Agreements::of(&mut v).acknowledge(&draft.id, &ack(&sam.id, SAM, later), now()),
        Err(Error::InvalidInput(_))
    ));
    assert!(is_read_only(&Agreements::of(&mut v).acknowledge(
        &acked.id,
        &ack(&sam.id, SAM, today()),
        now()
    )));
    assert!(is_read_only(&Agreements::of(&mut v).update(
        &acked.id,
        &acked.content,
        now()
    )));
    assert!(is_read_only(
        &Agreements::of(&mut v).discard_draft(&acked.id)
    ));
    assert!(matches!(
        Agreements::of(&mut v).revise(&draft.id, now()),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        Agreements::of(&mut v).revise(&gone, now()),
        Err(Error::NotFound(_))
    ));
    unchanged(&mut v);

    // Revising for an archived person is refused too.
    People::of(&mut v)
        .set_archived(&sam.id, true, now())
        .expect("archive sam");
    Agreements::of(&mut v)
        .discard_draft(&draft.id)
        .expect("discard");
    let before_revise = snapshot(dir.path());
    assert!(
        matches!(Agreements::of(&mut v).revise(&acked.id, now()), Err(Error::InvalidInput(m)) if m.contains("archived"))
    );
    assert_eq!(snapshot(dir.path()), before_revise);

    // Tomorrow is accepted (time zones ahead of UTC).
    People::of(&mut v)
        .set_archived(&sam.id, false, now())
        .expect("restore sam");
    let d = Agreements::of(&mut v)
        .revise(&acked.id, now())
        .expect("revise");
    Agreements::of(&mut v)
        .acknowledge(&d.id, &ack(&sam.id, SAM, tomorrow), now())
        .expect("tomorrow is fine");

    // Locked.
    v.lock();
    assert!(matches!(
        Agreements::of(&mut v).get(&acked.id),
        Err(Error::Locked)
    ));
    assert!(matches!(
        Agreements::of(&mut v).due_for_review(now(), 30),
        Err(Error::Locked)
    ));
}

fn uuid_like() -> String {
    let h = random_hex(16);
    format!(
        "{}-{}-4{}-8{}-{}",
        &h[0..8],
        &h[8..12],
        &h[13..16],
        &h[17..20],
        &h[20..32]
    )
}
