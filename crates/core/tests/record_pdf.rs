//! PDFs of a final session record and of a goal's history, checked with the
//! real `pdftotext` (Debian package poppler-utils): the headings, the case
//! reference, the ethical decision's rationale, the content hash, the
//! addendum (dated, after the original), "Page n of m" on every page of a
//! 20-page record; a draft refused; a group member's own note only in
//! their copy; a goal's check-ins in order with their ratings.

mod records_fixture;

use std::path::Path;
use std::process::Command;

use chrono::Duration;
use confidant_core::goals::{CheckInInput, Evidence, EvidenceKind, GoalFields, GoalTerm, Goals};
use confidant_core::pdf::long_date;
use confidant_core::records::{
    ActionOwner, AddendumInput, AgendaItem, Attendance, FocusType, MemberAttendance, MemberNote,
    RaisedBy, RecordContent, Records,
};
use confidant_core::settings::DateOrder;
use confidant_core::vault::Vault;
use confidant_core::Error;
use records_fixture::{complete, day, now, world, World};

const RATIONALE: &str = "BASW Code of Ethics 2.3 and the agency's lone-working policy";
const ADDENDUM: &str = "The team manager confirmed the joint-visit arrangement in writing.";

fn skip_on_windows() -> bool {
    if cfg!(windows) {
        eprintln!("skipped on Windows: needs poppler-utils (pdftotext), a Linux tool");
    }
    cfg!(windows)
}

/// The text of a PDF, as `pdftotext` extracts it (pages split by form feeds).
fn pdftotext(bytes: &[u8], dir: &Path, name: &str) -> String {
    assert!(bytes.starts_with(b"%PDF-"), "a PDF file");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write the PDF");
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!("pdftotext could not be run ({e}). Install poppler-utils to run the PDF tests.")
        });
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "pdftotext reported problems: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Whitespace collapsed, so wrapped lines read as one.
fn plain(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pages(text: &str) -> Vec<String> {
    text.split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(plain)
        .collect()
}

fn pos(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is missing from:\n{text}"))
}

/// A realistic record: two agenda items, case C-17, an ethical decision with
/// its rationale, two action items, the wellbeing check and feedback.
fn realistic() -> RecordContent {
    let mut c = complete(day(0));
    c.agenda_items[1] = AgendaItem {
        text: "Caseload has grown to 31 families since the restructure".into(),
        focus: FocusType::Workload,
        raised_by: RaisedBy::Supervisor,
        carry_over: false,
    };
    c.ethical_decisions[0].rationale = RATIONALE.into();
    c.wellbeing.reported = "Sleeping badly before visits to C-17.".into();
    c.wellbeing.agreed = "Take the protected Friday afternoon.".into();
    c.feedback.strengths = "Clear, honest recording.".into();
    c.functions.restorative.ticked = true;
    c.functions.restorative.note = "Space to talk about the fear on the doorstep.".into();
    c
}

/// Writes and finalises the record of session 0; returns its id.
fn finalised(w: &mut World, content: &RecordContent) -> String {
    w.hold(0);
    let r = Records::of(&mut w.v)
        .start(&w.keys[0], now())
        .expect("start");
    Records::of(&mut w.v)
        .save_draft(&r.id, r.revision, content, now())
        .expect("save");
    Records::of(&mut w.v)
        .finalise(&r.id, "Dr Helen Ashby", now())
        .expect("finalise");
    r.id
}

#[test]
fn a_final_record_prints_with_its_sections_hash_and_addendum() {
    if skip_on_windows() {
        return;
    }
    let mut w = world(false);
    let id = finalised(&mut w, &realistic());
    let added = now() + Duration::days(2);
    let rec = Records::of(&mut w.v)
        .add_addendum(
            &id,
            &AddendumInput {
                text: ADDENDUM.into(),
                author: "Dr Helen Ashby".into(),
                member_id: None,
            },
            added,
        )
        .expect("addendum");
    let hash = rec.finalisation.expect("final").content_hash;

    let bytes = Records::of(&mut w.v)
        .pdf(&id, None, now() + Duration::days(3))
        .expect("pdf");
    let dir = tempfile::tempdir().expect("dir");
    let raw = pdftotext(&bytes, dir.path(), "record.pdf");
    let text = plain(&raw);

    for heading in [
        "Supervision record",
        "Individual supervision · Sam Supervisee",
        "Supervisor: Dr Helen Ashby",
        "What was brought",
        "Exploration",
        "Decisions and how practice will change",
        "Key learning",
        "Functions covered",
        "Formative (educative): Risk assessment skills.",
        "Restorative (supportive): Space to talk",
        "Case consultations",
        "Case C-17",
        "Presenting issue: Escalating conflict at home.",
        "Ethical decisions",
        "Options considered:",
        "Wellbeing check",
        "Feedback",
        "Action items",
        "Update the safety plan",
        "Book a joint visit",
        "Finalisation",
        "Addenda",
    ] {
        assert!(text.contains(heading), "{heading:?} missing from:\n{text}");
    }
    assert!(
        text.contains("Workload, raised by the supervisor"),
        "{text}"
    );
    assert!(text.contains(&format!("Rationale: {RATIONALE}")), "{text}");
    assert!(
        text.contains(&format!("Content hash: {hash}")),
        "footer hash"
    );
    assert!(
        text.contains(&format!("Content hash (SHA-256): {hash}")),
        "hash in body"
    );
    assert!(text.contains("The supervisee's acknowledgement is not recorded."));
    // Sections left empty are left out.
    assert!(
        !text.contains("Attendance"),
        "no attendance in an individual record"
    );
    assert!(!text.contains("Shared notes"));
    // The session's date and time, in the user's date order (the default is
    // the locale's, printed day first).
    assert!(text.contains("5 January 2026, 10:00–11:00"), "{text}");

    // The addendum, dated and signed, after the original.
    let addendum_at = pos(&text, ADDENDUM);
    let dated = format!("{} at", long_date(added.date_naive(), DateOrder::Dmy));
    let dated_at = pos(&text, &format!("{dated} 09:00, by Dr Helen Ashby"));
    assert!(dated_at < addendum_at);
    assert!(pos(&text, "We looked at what happened on the doorstep.") < addendum_at);
    assert!(pos(&text, &format!("Content hash (SHA-256): {hash}")) < addendum_at);

    let pages = pages(&raw);
    let n = pages.len();
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("Page {} of {n}", i + 1)),
            "page {}",
            i + 1
        );
        assert!(
            page.contains(&format!("Content hash: {hash}")),
            "page {}",
            i + 1
        );
    }

    // Saved to a chosen file; a path that is not a file is refused.
    let path = dir.path().join("chosen.pdf");
    Records::of(&mut w.v)
        .save_pdf(&id, None, &path, now())
        .expect("save");
    assert!(std::fs::read(&path).expect("saved").starts_with(b"%PDF-"));
    let err = Records::of(&mut w.v)
        .save_pdf(&id, None, Path::new("relative.pdf"), now())
        .expect_err("relative");
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
}

#[test]
fn dates_follow_the_user_s_date_order() {
    let mut w = world(false);
    let id = finalised(&mut w, &realistic());
    let mut prefs = confidant_core::settings::VaultSettings::of(&mut w.v)
        .preferences()
        .expect("prefs");
    prefs.date_order = DateOrder::Ymd;
    confidant_core::settings::VaultSettings::of(&mut w.v)
        .set_preferences(&prefs, now())
        .expect("set");
    let doc = Records::of(&mut w.v)
        .document(&id, None, now())
        .expect("doc");
    assert_eq!(doc.subtitle[0], "2026-01-05, 10:00–11:00");
    assert!(
        doc.footer[1].contains("Printed 2026-03-02"),
        "{:?}",
        doc.footer
    );
}

#[test]
fn a_draft_is_refused_and_nothing_is_written() {
    let mut w = world(false);
    w.hold(0);
    let r = Records::of(&mut w.v)
        .start(&w.keys[0], now())
        .expect("start");
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("draft.pdf");
    let err = Records::of(&mut w.v)
        .save_pdf(&r.id, None, &path, now())
        .expect_err("a draft");
    match err {
        Error::InvalidInput(m) => assert!(m.contains("Only a final record"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert!(!path.exists(), "nothing written");
}

#[test]
fn a_group_member_s_copy_has_only_their_own_note() {
    if skip_on_windows() {
        return;
    }
    let mut w = world(true);
    let (a, b) = (w.members[0].clone(), w.members[1].clone());
    let mut c = complete(day(0));
    for i in &mut c.agenda_items {
        i.raised_by = RaisedBy::Member(a.clone());
    }
    c.ethical_decisions[0].raised_by = RaisedBy::Member(b.clone());
    c.consultations[0].supervisee_id = Some(a.clone());
    for x in &mut c.action_items {
        x.owner = Some(ActionOwner::Member(b.clone()));
    }
    c.attendance = vec![
        MemberAttendance {
            member_id: a.clone(),
            attendance: Attendance::Present,
        },
        MemberAttendance {
            member_id: b.clone(),
            attendance: Attendance::Apologies,
        },
    ];
    c.shared_notes = "The group agreed to rotate case presentations.".into();
    c.member_notes = vec![
        MemberNote {
            member_id: a.clone(),
            text: "Ana's private reflection on boundaries.".into(),
        },
        MemberNote {
            member_id: b.clone(),
            text: "Ben's private note about a placement.".into(),
        },
    ];
    let id = finalised(&mut w, &c);
    let dir = tempfile::tempdir().expect("dir");
    let mut print = |member: Option<&str>, name: &str| {
        let bytes = Records::of(&mut w.v).pdf(&id, member, now()).expect("pdf");
        plain(&pdftotext(&bytes, dir.path(), name))
    };
    let ana = print(Some(&a), "ana.pdf");
    assert!(
        ana.contains("Ana's private reflection on boundaries."),
        "{ana}"
    );
    assert!(ana.contains("Ana Member's own note"));
    assert!(ana.contains("Ana Member's copy"));
    assert!(!ana.contains("Ben's private note"), "{ana}");
    assert!(ana.contains("Attendance • Ana Member: present"), "{ana}");
    assert!(ana.contains("Ben Member: sent apologies"));
    assert!(
        pos(&ana, "Attendance") < pos(&ana, "What was brought"),
        "as in the app"
    );
    assert!(ana.contains("The group agreed to rotate case presentations."));
    assert!(ana.contains("raised by Ana Member"), "{ana}");
    assert!(
        ana.contains("Raised by: Ben Member, on 5 January 2026"),
        "{ana}"
    );
    assert!(ana.contains("Case C-17 (Ana Member)"), "{ana}");
    assert!(ana.contains("Update the safety plan Ben Member"), "{ana}");
    let group = print(None, "group.pdf");
    assert!(!group.contains("Ana's private reflection"), "{group}");
    assert!(!group.contains("Ben's private note"), "{group}");
    assert!(!group.contains("own note"), "{group}");
    assert!(group.contains("Group supervision · Tuesday group"));
}

/// A record of many long agenda items: about twenty pages.
fn long_record() -> RecordContent {
    let mut c = realistic();
    c.agenda_items = (1..=90)
        .map(|i| AgendaItem {
            text: format!(
                "Item {i}: {}",
                "A long account of a home visit, what was seen and heard, what the worker felt, and what the family asked for next. "
                    .repeat(8)
                    .trim()
            ),
            focus: FocusType::ClientIssue,
            raised_by: RaisedBy::Supervisee,
            carry_over: false,
        })
        .collect();
    c
}

#[test]
fn a_twenty_page_record_has_page_n_of_m_on_every_page() {
    if skip_on_windows() {
        return;
    }
    let mut w = world(false);
    let id = finalised(&mut w, &long_record());
    let bytes = Records::of(&mut w.v).pdf(&id, None, now()).expect("pdf");
    let dir = tempfile::tempdir().expect("dir");
    let raw = pdftotext(&bytes, dir.path(), "long.pdf");
    let pages = pages(&raw);
    let n = pages.len();
    assert!((18..=30).contains(&n), "about twenty pages, got {n}");
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("Page {} of {n}", i + 1)),
            "page {} lacks its number:\n{page}",
            i + 1
        );
        assert!(page.contains("Content hash: "), "page {}", i + 1);
    }
    let text = plain(&raw);
    let first = pos(&text, "Item 1:");
    let last = pos(&text, "Item 90:");
    assert!(first < last);
    assert!(last < pos(&text, "Case C-17"));
}

fn goal_vault() -> (World, String) {
    let mut w = world(false);
    let sam = w.person.clone();
    let skills = Goals::of(&mut w.v).skills_list(now()).expect("skills");
    let de = skills
        .iter()
        .find(|s| s.name == "De-escalation")
        .expect("seeded")
        .id
        .clone();
    let fields = GoalFields {
        title: "Calmer first calls".into(),
        description: "Practise naming the caller's feelings before problem-solving.".into(),
        term: GoalTerm::Short,
        target_date: Some(day(10)),
        skill_ids: vec![de],
        check_in_weeks: 4,
    };
    let goal = Goals::of(&mut w.v)
        .create(Some(&sam), &fields, now() - Duration::days(40))
        .expect("goal");
    (w, goal.summary.goal.id)
}

fn check_in(v: &mut Vault, id: &str, on: chrono::NaiveDate, rating: u8, note: &str) {
    let input = CheckInInput {
        date: on,
        progress_note: note.into(),
        evidence: vec![Evidence {
            kind: EvidenceKind::CaseReview,
            reference: format!("Case review of C-17 ({note})"),
        }],
        rating,
        coaching_id: None,
    };
    Goals::of(v).check_in(id, &input, now()).expect("check-in");
}

#[test]
fn a_goal_history_prints_its_check_ins_in_order() {
    if skip_on_windows() {
        return;
    }
    let (mut w, id) = goal_vault();
    // Recorded out of order: the later one first.
    check_in(&mut w.v, &id, day(7), 4, "Second check-in note");
    check_in(&mut w.v, &id, day(3), 2, "First check-in note");
    let bytes = Goals::of(&mut w.v).pdf(&id, now()).expect("pdf");
    let dir = tempfile::tempdir().expect("dir");
    let raw = pdftotext(&bytes, dir.path(), "goal.pdf");
    let text = plain(&raw);
    for part in [
        "Calmer first calls",
        "Goal history · Sam Supervisee · Active",
        "Term Short-term",
        "Skills De-escalation",
        "Target date",
        "Practise naming the caller's feelings",
        "History",
        "Goal set",
    ] {
        assert!(text.contains(part), "{part:?} missing from:\n{text}");
    }
    let first = pos(
        &text,
        &format!(
            "{} · Check-in, rated 2 of 5",
            long_date(day(3), DateOrder::Dmy)
        ),
    );
    let second = pos(
        &text,
        &format!(
            "{} · Check-in, rated 4 of 5",
            long_date(day(7), DateOrder::Dmy)
        ),
    );
    assert!(first < second, "in date order");
    assert!(first < pos(&text, "First check-in note"));
    assert!(pos(&text, "First check-in note") < second);
    assert!(text.contains("Case review: Case review of C-17 (Second check-in note)"));
    assert!(text.contains("Page 1 of 1"), "{text}");

    // The owner's own goal says so; saving writes the chosen file.
    let own = Goals::of(&mut w.v)
        .create(
            None,
            &GoalFields {
                title: "Finish the supervision diploma".into(),
                description: String::new(),
                term: GoalTerm::Long,
                target_date: None,
                skill_ids: vec![],
                check_in_weeks: 8,
            },
            now(),
        )
        .expect("own goal");
    let path = dir.path().join("own.pdf");
    Goals::of(&mut w.v)
        .save_pdf(&own.summary.goal.id, &path, now())
        .expect("save");
    let own_text = plain(&pdftotext(
        &std::fs::read(&path).expect("read"),
        dir.path(),
        "o.pdf",
    ));
    assert!(own_text.contains("For Own development"), "{own_text}");
    assert!(
        !own_text.contains("Description"),
        "empty description left out"
    );
}
