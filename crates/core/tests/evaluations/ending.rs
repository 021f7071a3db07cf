//! The termination summary, the ending archiving the person, and the
//! verification letter's text through `pdftotext`.

use std::process::Command;

use confidant_core::evaluations::{EndingInput, Evaluations, Referral, ReferralKind};
use confidant_core::goals::{GoalStatus, Goals};
use confidant_core::hours::SupervisionForm;
use confidant_core::party::PartyDetails;
use confidant_core::people::People;
use confidant_core::records::Records;
use confidant_core::settings::VaultSettings;

use super::fixture::{complete, day, now, world, World};
use super::midpoint;

/// Sessions 0–3 and 6 held (one hour each); the record of session 0 final
/// with two open action items; the midpoint evaluation's two goals, one
/// achieved.
fn ended_world() -> World {
    let mut w = world(false);
    for i in [0, 1, 2, 3, 6] {
        w.hold(i);
    }
    let r = Records::of(&mut w.v)
        .start(&w.keys[0], now())
        .expect("start");
    Records::of(&mut w.v)
        .save_draft(&r.id, r.revision, &complete(day(0)), now())
        .expect("save");
    Records::of(&mut w.v)
        .finalise(&r.id, "Dr Helen Ashby", now())
        .expect("finalise");
    let input = midpoint(&mut w.v);
    let e = Evaluations::of(&mut w.v)
        .create(&w.person, &input, now())
        .expect("evaluation");
    let goal = e.action_plan[0].goal_id.clone().expect("goal");
    Goals::of(&mut w.v)
        .set_status(
            &goal,
            GoalStatus::Achieved,
            now().date_naive(),
            "Chaired the March review.",
            now(),
        )
        .expect("achieved");
    w
}

fn ending_input() -> EndingInput {
    EndingInput {
        end_date: day(5),
        reason: "Licensure reached.".into(),
        referrals: vec![Referral {
            kind: ReferralKind::PeerSupport,
            to: "North district peer group".into(),
            note: String::new(),
        }],
    }
}

#[test]
fn the_summary_counts_held_sessions_hours_goals_and_open_actions_in_the_period() {
    let mut w = ended_world();
    let s = Evaluations::of(&mut w.v)
        .ending_preview(&w.person, &ending_input(), now())
        .expect("preview");
    assert_eq!(s.start_date, Some(day(0)), "the first held session");
    assert_eq!(s.end_date, day(5));
    assert_eq!(s.sessions_held, 4, "session 6 is after the end");
    assert_eq!(s.hours_by_form.len(), 1);
    assert_eq!(s.hours_by_form[0].form, SupervisionForm::Individual);
    assert_eq!(
        (s.hours_by_form[0].sessions, s.hours_by_form[0].minutes),
        (4, 240)
    );
    assert_eq!(s.total_minutes, 240);
    assert_eq!(s.goals_met.len(), 1);
    assert_eq!(s.goals_met[0].title, "Lead a risk review with the team");
    assert_eq!(s.goals_open.len(), 1);
    let outstanding: Vec<&str> = s.outstanding.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(
        outstanding,
        vec!["Update the safety plan", "Book a joint visit"]
    );
    assert_eq!(s.evaluations, 1);
    // A preview writes nothing.
    assert!(Evaluations::of(&mut w.v)
        .ending(&w.person)
        .expect("none")
        .is_none());
    assert!(
        !People::of(&mut w.v)
            .get(&w.person)
            .expect("person")
            .archived
    );
}

#[test]
fn confirming_an_ending_stores_it_records_the_end_date_and_archives_the_person() {
    let mut w = ended_world();
    let ending = Evaluations::of(&mut w.v)
        .end(&w.person, &ending_input(), now())
        .expect("end");
    assert_eq!(ending.summary.total_minutes, 240);
    assert_eq!(ending.input.referrals[0].to, "North district peer group");
    let p = People::of(&mut w.v).get(&w.person).expect("person");
    assert!(p.archived);
    assert_eq!(p.fields.end_date, Some(day(5)));
    assert_eq!(
        Evaluations::of(&mut w.v).ending(&w.person).expect("get"),
        Some(ending)
    );
    // Ended once: a second ending is refused.
    let again = Evaluations::of(&mut w.v)
        .end(&w.person, &ending_input(), now())
        .expect_err("archived");
    assert!(again.to_string().contains("archived"), "{again}");
}

fn pdftotext(bytes: &[u8]) -> Option<String> {
    if Command::new("pdftotext").arg("-v").output().is_err() {
        eprintln!("skipped: pdftotext (poppler-utils) is not installed");
        return None;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, bytes).expect("write");
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[test]
fn the_letter_shows_the_parties_period_and_hours_and_no_clinical_text() {
    let mut w = ended_world();
    let early = Evaluations::of(&mut w.v)
        .letter_pdf(&w.person, now())
        .expect_err("not ended yet");
    assert!(
        early.to_string().contains("Confirm the ending first"),
        "{early}"
    );
    Evaluations::of(&mut w.v)
        .end(&w.person, &ending_input(), now())
        .expect("end");
    let unnamed = Evaluations::of(&mut w.v)
        .letter_pdf(&w.person, now())
        .expect_err("no name in Settings");
    assert!(unnamed.to_string().contains("Settings"), "{unnamed}");
    VaultSettings::of(&mut w.v)
        .set_profile(
            &PartyDetails {
                name: "Dr Helen Ashby".into(),
                professional_role: "Clinical supervisor".into(),
                organisation: "Riverside Practice".into(),
                licence_number: "LCSW-88121".into(),
                licence_body: "Texas BSWE".into(),
            },
            now(),
        )
        .expect("profile");
    let bytes = Evaluations::of(&mut w.v)
        .letter_pdf(&w.person, now())
        .expect("letter");
    let Some(text) = pdftotext(&bytes) else {
        return;
    };
    for needle in [
        "Verification of supervision hours",
        "Dr Helen Ashby",
        "LCSW-88121 (Texas BSWE)",
        "Riverside Practice",
        "Sam Supervisee",
        "5 January 2026 to 9 February 2026",
        "4 held sessions and 4.00 hours of supervision in all",
        "Individual 4 4.00",
        "Total 4 4.00",
        "Signature:",
        "Page 1 of 1",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from: {text}");
    }
    for clinical in [
        "C-17",
        "safety plan",
        "Lead a risk review",
        "Growing confidence",
        "Licensure reached",
        "peer group",
        "Sometimes the agenda",
    ] {
        assert!(
            !text.contains(clinical),
            "{clinical:?} is in the letter: {text}"
        );
    }
    // Saved to a chosen path, whole.
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("letter.pdf");
    Evaluations::of(&mut w.v)
        .save_letter(&w.person, &path, now())
        .expect("save");
    assert!(std::fs::read(&path).expect("read").starts_with(b"%PDF-"));
    let relative = Evaluations::of(&mut w.v)
        .save_letter(&w.person, std::path::Path::new("letter.pdf"), now())
        .expect_err("relative");
    assert!(relative.to_string().contains("Choose a file"), "{relative}");
}
