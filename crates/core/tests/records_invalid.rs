//! Bad input to session records: each a specific error, and nothing
//! written (the record tables are byte-for-byte unchanged).

mod records_fixture;

use chrono::Duration;
use confidant_core::records::{AddendumInput, RecordContent, Records, SessionRecord};
use confidant_core::store::DB_FILE;
use confidant_core::Error;
use records_fixture::{complete, day, now, world, World};
use rusqlite::Connection;

/// Every row of the record tables, bodies included.
fn snapshot(w: &World) -> Vec<String> {
    let conn = Connection::open(w.dir.path().join(DB_FILE)).expect("db");
    let mut out = Vec::new();
    for table in [
        "session_records",
        "record_addenda",
        "action_items",
        "agendas",
    ] {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))
            .expect("select");
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut line = format!("{table}:");
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i)?;
                    line.push_str(&format!("{v:?}|"));
                }
                Ok(line)
            })
            .expect("rows")
            .collect::<rusqlite::Result<Vec<_>>>()
            .expect("rows");
        out.extend(rows);
    }
    out
}

fn draft(w: &mut World, i: usize) -> SessionRecord {
    w.hold(i);
    let r = Records::of(&mut w.v)
        .start(&w.keys[i], now())
        .expect("start");
    Records::of(&mut w.v)
        .save_draft(&r.id, r.revision, &complete(day(i)), now())
        .expect("save")
}

/// Runs `f`, expects an error whose message contains `says`, and checks
/// that nothing was written.
fn refused<T: std::fmt::Debug>(
    w: &mut World,
    says: &str,
    f: impl FnOnce(&mut World) -> Result<T, Error>,
) -> Error {
    let before = snapshot(w);
    let err = f(w).expect_err("refused");
    assert!(err.to_string().contains(says), "expected {says:?} in {err}");
    assert_eq!(snapshot(w), before, "nothing written for {says:?}");
    err
}

#[test]
fn finalising_with_required_parts_empty_names_each_part() {
    let mut w = world(false);
    w.hold(0);
    let r = Records::of(&mut w.v)
        .start(&w.keys[0], now())
        .expect("start");
    let mut c = RecordContent {
        action_items: vec![records_fixture::action("Call the team", day(0))],
        ..RecordContent::default()
    };
    c.action_items[0].due = None;
    let r = Records::of(&mut w.v)
        .save_draft(&r.id, r.revision, &c, now())
        .expect("an incomplete draft saves");
    let missing = Records::of(&mut w.v)
        .missing_for_final(&r.id)
        .expect("missing");
    assert_eq!(missing.len(), 4, "{missing:?}");
    let err = refused(&mut w, "Still needed", |w| {
        Records::of(&mut w.v).finalise(&r.id, "Dr Supervisor", now())
    });
    let msg = err.to_string();
    for part in [
        "at least one agenda item",
        "the exploration notes",
        "at least one supervision function ticked",
        "every action item",
    ] {
        assert!(msg.contains(part), "{part} not named in {msg}");
    }
    // One part missing: only that part is named.
    let mut c = complete(day(0));
    c.exploration = "  ".into();
    Records::of(&mut w.v)
        .save_draft(&r.id, r.revision, &c, now())
        .expect("save");
    let err = refused(&mut w, "the exploration notes", |w| {
        Records::of(&mut w.v).finalise(&r.id, "Dr Supervisor", now())
    });
    assert!(!err.to_string().contains("agenda item"));
    // A blank signature.
    refused(&mut w, "The supervisor's name is empty", |w| {
        Records::of(&mut w.v).finalise(&r.id, "   ", now())
    });
}

#[test]
fn a_group_record_needs_every_members_attendance_to_be_final() {
    let mut w = world(true);
    w.hold(0);
    let r = Records::of(&mut w.v)
        .start(&w.keys[0], now())
        .expect("start");
    let mut c = complete(day(0));
    c.action_items.clear();
    c.consultations[0].supervisee_id = Some(w.members[0].clone());
    let r = Records::of(&mut w.v)
        .save_draft(&r.id, r.revision, &c, now())
        .expect("save");
    refused(
        &mut w,
        "the attendance of every member (2 not recorded)",
        |w| Records::of(&mut w.v).finalise(&r.id, "Dr Supervisor", now()),
    );
}

#[test]
fn editing_a_final_record_is_refused() {
    let mut w = world(false);
    let r = draft(&mut w, 0);
    let f = Records::of(&mut w.v)
        .finalise(&r.id, "Dr Supervisor", now())
        .expect("final");
    let err = refused(&mut w, "final and can no longer be edited", |w| {
        Records::of(&mut w.v).save_draft(&f.id, f.revision, &complete(day(0)), now())
    });
    assert!(matches!(err, Error::ReadOnly(_)));
}

#[test]
fn action_items_due_before_the_session_or_without_an_owner_are_refused() {
    let mut w = world(false);
    let r = draft(&mut w, 1);
    let mut early = complete(day(1));
    early.action_items[0].due = Some(day(1) - Duration::days(1));
    refused(&mut w, "before the session", |w| {
        Records::of(&mut w.v).save_draft(&r.id, r.revision, &early, now())
    });
    let mut ownerless = complete(day(1));
    ownerless.action_items[1].owner = None;
    refused(&mut w, "has no owner", |w| {
        Records::of(&mut w.v).save_draft(&r.id, r.revision, &ownerless, now())
    });
    // Due on the session's own day is fine.
    let mut same_day = complete(day(1));
    same_day.action_items[0].due = Some(day(1));
    Records::of(&mut w.v)
        .save_draft(&r.id, r.revision, &same_day, now())
        .expect("due on the day");
}

#[test]
fn a_case_reference_that_looks_like_a_name_is_refused() {
    let mut w = world(false);
    let r = draft(&mut w, 0);
    for name in ["Jane Doe", "Sarah", "jane.doe"] {
        let mut c = complete(day(0));
        c.consultations[0].case_reference = name.into();
        refused(&mut w, "case reference", |w| {
            Records::of(&mut w.v).save_draft(&r.id, r.revision, &c, now())
        });
    }
}

#[test]
fn a_record_for_a_session_that_was_not_held_is_refused() {
    let mut w = world(false);
    refused(&mut w, "marked as held", |w| {
        Records::of(&mut w.v).start(&w.keys[0], now())
    });
    let mut missing = w.keys[0].clone();
    missing.original_start += Duration::hours(1);
    let err = refused(&mut w, "not found", |w| {
        Records::of(&mut w.v).start(&missing, now())
    });
    assert!(matches!(err, Error::NotFound(_)));
}

#[test]
fn an_addendum_on_a_draft_or_from_an_unknown_member_is_refused() {
    let mut w = world(false);
    let r = draft(&mut w, 0);
    let input = AddendumInput {
        text: "Later note.".into(),
        author: "Dr Supervisor".into(),
        member_id: None,
    };
    refused(&mut w, "still a draft", |w| {
        Records::of(&mut w.v).add_addendum(&r.id, &input, now())
    });
    Records::of(&mut w.v)
        .finalise(&r.id, "Dr Supervisor", now())
        .expect("final");
    let stranger = w.person.clone();
    let as_member = AddendumInput {
        member_id: Some(stranger),
        ..input.clone()
    };
    refused(&mut w, "not a member", |w| {
        Records::of(&mut w.v).add_addendum(&r.id, &as_member, now())
    });
    let blank = AddendumInput {
        text: " ".into(),
        ..input
    };
    refused(&mut w, "The addendum is empty", |w| {
        Records::of(&mut w.v).add_addendum(&r.id, &blank, now())
    });
}

#[test]
fn a_group_record_refuses_unknown_members_everywhere() {
    let mut w = world(true);
    let r = {
        w.hold(0);
        Records::of(&mut w.v)
            .start(&w.keys[0], now())
            .expect("start")
    };
    let stranger = w.person.clone(); // the group itself, not a member
    let c = RecordContent {
        member_notes: vec![confidant_core::records::MemberNote {
            member_id: stranger.clone(),
            text: "x".into(),
        }],
        ..RecordContent::default()
    };
    refused(&mut w, "not a member of this group", |w| {
        Records::of(&mut w.v).save_draft(&r.id, r.revision, &c, now())
    });
    let mut c = RecordContent {
        action_items: vec![records_fixture::action("x", day(0))],
        ..RecordContent::default()
    };
    c.action_items[0].owner = Some(confidant_core::records::ActionOwner::Member(stranger));
    refused(&mut w, "not a member of this group", |w| {
        Records::of(&mut w.v).save_draft(&r.id, r.revision, &c, now())
    });
}

#[test]
fn a_save_based_on_a_stale_revision_is_refused() {
    let mut w = world(false);
    let r = draft(&mut w, 0);
    // Window A saved (revision r.revision); window B still holds the one before.
    let stale = r.revision - 1;
    let mut c = complete(day(0));
    c.key_learning = "From the other window.".into();
    refused(&mut w, "saved in another window", |w| {
        Records::of(&mut w.v).save_draft(&r.id, stale, &c, now())
    });
    let ok = Records::of(&mut w.v)
        .save_draft(&r.id, r.revision, &c, now())
        .expect("current revision saves");
    assert_eq!(ok.revision, r.revision + 1);
}

#[test]
fn an_agenda_with_a_blank_item_is_refused() {
    let mut w = world(false);
    let mut blank = records_fixture::item(" ");
    blank.text = "  ".into();
    refused(&mut w, "An agenda item is empty", |w| {
        Records::of(&mut w.v).agenda_save(&w.keys[3], &[blank], now())
    });
}
