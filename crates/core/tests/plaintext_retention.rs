//! The retention periods are sealed: the JSON they are stored as (field
//! names and the years chosen) is in no file of the data folder, while the
//! connection is open and after the vault is dropped. A positive control
//! proves the scanner finds the same text in a plain file there.
#![allow(clippy::disallowed_methods)] // a test may read the clock; the library may not

mod common;

use chrono::Utc;
use common::scan::{assert_no_hits, scan, Needles};
use confidant_core::subject_access::retention::RetentionPeriods;
use confidant_core::subject_access::SubjectAccess;
use confidant_core::vault::Role;

#[test]
fn retention_periods_do_not_reach_the_disk_in_clear() {
    let now = Utc::now();
    let (dir, mut v) = common::unlocked_vault(Role::Supervisor, now);
    let periods = RetentionPeriods {
        session_records: 37,
        agreements: 41,
        contact_notes: 43,
        exception_log: 47,
        goals: 53,
        hours: 59,
    };
    SubjectAccess::of(&mut v)
        .set_retention(&periods, now)
        .expect("set");
    let mut needles = Needles::default();
    needles
        .text("contact notes period", "\"contact_notes\":43")
        .text("field name", "exception_log")
        .text("field name", "session_records\":37");
    assert_no_hits(&scan(dir.path(), &needles));
    drop(v);
    assert_no_hits(&scan(dir.path(), &needles));

    std::fs::write(dir.path().join("control.txt"), "x\"contact_notes\":43x").expect("write");
    assert!(
        !scan(dir.path(), &needles).hits.is_empty(),
        "positive control"
    );
}
