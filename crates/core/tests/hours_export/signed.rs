//! The log of a vault's person: the sign-off in force and the chosen rule
//! profile's summary, read back through `pdftotext`.

use super::records_fixture::{self, date, now, world};
use super::{pdftotext, plain, skip_on_windows};
use confidant_core::hours_export::HoursExport;

#[test]
fn a_period_inside_a_sign_off_in_force_prints_the_typed_name_and_hash_and_a_reopened_one_does_not()
{
    if skip_on_windows("poppler-utils (pdftotext)") {
        return;
    }
    use confidant_core::hours::{Hours, SignOffInput};
    use confidant_core::records::Records;
    let mut w = world(false);
    for i in 0..4 {
        w.hold(i);
        let r = Records::of(&mut w.v)
            .start(&w.keys[i], now())
            .expect("start");
        let content = records_fixture::complete(records_fixture::day(i));
        Records::of(&mut w.v)
            .save_draft(&r.id, r.revision, &content, now())
            .expect("save");
        Records::of(&mut w.v)
            .finalise(&r.id, "Dr Maria Lopez", now())
            .expect("finalise");
    }
    let book = Hours::of(&mut w.v)
        .sign_off(
            &SignOffInput {
                person_id: w.person.clone(),
                from: date(2026, 1, 1),
                to: date(2026, 1, 31),
                signed_name: "Dr Maria Lopez".into(),
            },
            now(),
        )
        .expect("sign off");
    let signed = book.sign_offs[0].clone();
    let dir = tempfile::tempdir().expect("dir");
    let text = |w: &mut records_fixture::World, from, to| {
        let bytes = HoursExport::of(&mut w.v)
            .pdf(&w.person, from, to, now())
            .expect("pdf");
        plain(&pdftotext(&bytes, dir.path()))
    };
    let inside = text(&mut w, date(2026, 1, 5), date(2026, 1, 31));
    assert!(inside.contains("Dr Maria Lopez"), "{inside}");
    assert!(inside.contains(&signed.content_hash[..16]), "{inside}");
    assert!(!inside.contains("This period has not been signed off in Confidant."));

    let wider = text(&mut w, date(2026, 1, 1), date(2026, 2, 28));
    assert!(wider.contains("This period has not been signed off in Confidant."));

    Hours::of(&mut w.v)
        .reopen_sign_off(
            &w.person,
            &signed.id,
            "A session was logged on the wrong day.",
            now(),
        )
        .expect("reopen");
    let reopened = text(&mut w, date(2026, 1, 5), date(2026, 1, 31));
    assert!(reopened.contains("This period has not been signed off in Confidant."));
}

#[test]
fn the_log_carries_the_summary_of_the_profile_chosen_for_the_person_as_of_the_periods_end() {
    if skip_on_windows("poppler-utils (pdftotext)") {
        return;
    }
    use confidant_core::hours_rules::HoursRules;
    let mut w = world(false);
    for i in 0..6 {
        w.hold(i);
    }
    HoursRules::of(&mut w.v)
        .set_person_profile(&w.person, Some("example-tx-lcsw"), now())
        .expect("choose Texas");
    let dir = tempfile::tempdir().expect("dir");
    // January holds four of the six sessions; the summary stops at the period's end.
    let bytes = HoursExport::of(&mut w.v)
        .pdf(&w.person, date(2026, 1, 1), date(2026, 1, 31), now())
        .expect("pdf");
    let text = plain(&pdftotext(&bytes, dir.path()));
    assert!(
        text.contains("Summary against Texas LCSW (example profile)"),
        "{text}"
    );
    assert!(
        text.contains("Rule profile Texas LCSW (example profile)"),
        "{text}"
    );
    assert!(text.contains("Hours of supervision 4"), "{text}");
}
