//! No agreement text or name reaches the disk in clear (searched as typed
//! and lowercased, in UTF-8 and UTF-16LE, by the shared scanner).

use super::common::scan::{assert_no_hits, random_hex, scan, Needles};
use super::*;

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

    let mut needles = Needles::default();
    for text in [
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
    ] {
        needles.text(text, text);
    }
    // While the connection is open (WAL and shared memory present) ...
    let wal = dir.path().join(format!("{DB_FILE}-wal"));
    assert!(
        wal.exists() && std::fs::metadata(&wal).expect("wal").len() > 0,
        "WAL in use"
    );
    assert_no_hits(&scan(dir.path(), &needles));
    // ... and after it is closed and checkpointed.
    drop(v);
    assert_no_hits(&scan(dir.path(), &needles));
}

/// Every agreements row, byte for byte.
pub(super) fn snapshot(dir: &Path) -> Vec<Vec<rusqlite::types::Value>> {
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
