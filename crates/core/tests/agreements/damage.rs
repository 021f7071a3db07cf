//! Integrity: a byte, a status, a person or a key changed on disk damages only that version.

use super::*;

// ----- integrity, plaintext, bad input --------------------------------------------

pub(super) fn db(dir: &Path) -> Connection {
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
pub(super) fn agreed(v: &mut Vault, name: &str, review_days: i64) -> (Person, Agreement) {
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
pub(super) fn list_flags(v: &mut Vault, person_id: &str) -> Vec<(u32, bool)> {
    Agreements::of(v)
        .list(person_id)
        .expect("the list never fails for one damaged version")
        .iter()
        .map(|s| (s.version, s.damaged))
        .collect()
}

/// The people list opens in full.
pub(super) fn people_list_is_whole(v: &mut Vault, expected: usize) {
    let people = People::of(v).list().expect("people");
    assert_eq!(people.len(), expected);
    assert!(people.iter().all(|p| !p.damaged && !p.name.is_empty()));
}

pub(super) fn flip_a_body_byte(conn: &Connection, id: &str) -> Vec<u8> {
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
