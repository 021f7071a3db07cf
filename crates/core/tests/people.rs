//! People, groups and organisations: sealed per-person, validated, linked.

mod common;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use confidant_core::people::People;
use confidant_core::people::{PersonKind, Relation};
use confidant_core::vault::{Role, Vault};
use confidant_core::Error;
use rusqlite::Connection;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0)
        .single()
        .expect("time")
}

fn vault() -> (tempfile::TempDir, Vault) {
    common::unlocked_vault(Role::Supervisor, now())
}

use common::person_input as input;

#[test]
fn a_supervisee_with_organisation_round_trips_sealed() {
    let (dir, mut v) = vault();
    let org = People::of(&mut v)
        .create(
            &input(
                PersonKind::Organisation,
                Relation::None,
                "Northside Family Services",
            ),
            now(),
        )
        .expect("org");
    let mut sam = input(
        PersonKind::Person,
        Relation::ISupervise,
        "  Samuel Okafor-Lindqvist ",
    );
    sam.pronouns = "he/him".into();
    sam.email = "sam@example.org".into();
    sam.phone = "+44 20 7946 0000".into();
    sam.organisation_id = Some(org.id.clone());
    sam.professional_role = "Social worker".into();
    sam.licence_number = "SW-0042917".into();
    sam.licence_body = "Social Work England".into();
    sam.licensure_plan = "Texas LCSW: 100 supervision hours\nat least 4 hours a month".into();
    sam.start_date = NaiveDate::from_ymd_opt(2026, 9, 1);
    sam.notes = "Prefers morning sessions.".into();
    let created = People::of(&mut v).create(&sam, now()).expect("create");
    assert_eq!(created.fields.name, "Samuel Okafor-Lindqvist", "trimmed");

    let got = People::of(&mut v).get(&created.id).expect("get");
    assert_eq!(got.fields.licence_number, "SW-0042917");
    assert_eq!(got.fields.organisation_id.as_deref(), Some(org.id.as_str()));

    let list = People::of(&mut v).list().expect("list");
    let row = list.iter().find(|p| p.id == created.id).expect("listed");
    assert_eq!(
        row.organisation_name.as_deref(),
        Some("Northside Family Services")
    );
    assert_eq!(row.relation, Relation::ISupervise);

    // Each person has a data key of their own.
    let conn = Connection::open(dir.path().join("confidant.db")).expect("db");
    let keys: i64 = conn
        .query_row("SELECT count(DISTINCT key_id) FROM people", [], |r| {
            r.get(0)
        })
        .expect("keys");
    assert_eq!(keys, 2);
    let subject: String = conn
        .query_row(
            "SELECT subject_id FROM data_keys WHERE id = (SELECT key_id FROM people WHERE id = ?1)",
            [&created.id],
            |r| r.get(0),
        )
        .expect("subject");
    assert_eq!(subject, created.id);
    drop(conn);

    // Nothing typed is on disk in clear (db, wal, shm).
    for entry in std::fs::read_dir(dir.path()).expect("dir") {
        let bytes = std::fs::read(entry.expect("entry").path()).expect("read");
        for needle in [
            "Okafor-Lindqvist",
            "sam@example.org",
            "SW-0042917",
            "Northside",
            "morning sessions",
        ] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{needle} leaked"
            );
        }
    }
}

#[test]
fn groups_link_to_people_only() {
    let (_d, mut v) = vault();
    let a = People::of(&mut v)
        .create(
            &input(PersonKind::Person, Relation::ISupervise, "Ann"),
            now(),
        )
        .expect("a");
    let b = People::of(&mut v)
        .create(
            &input(PersonKind::Person, Relation::ISupervise, "Ben"),
            now(),
        )
        .expect("b");
    let org = People::of(&mut v)
        .create(
            &input(PersonKind::Organisation, Relation::None, "Org"),
            now(),
        )
        .expect("org");
    let mut g = input(PersonKind::Group, Relation::ISupervise, "Thursday group");
    g.members = vec![a.id.clone(), b.id.clone()];
    let group = People::of(&mut v).create(&g, now()).expect("group");
    assert_eq!(
        People::of(&mut v)
            .get(&group.id)
            .expect("get")
            .fields
            .members
            .len(),
        2
    );

    g.members = vec![org.id.clone()];
    assert!(matches!(
        People::of(&mut v).create(&g, now()),
        Err(Error::InvalidInput(_))
    ));
    g.members = vec![a.id.clone(), a.id.clone()];
    assert!(matches!(
        People::of(&mut v).create(&g, now()),
        Err(Error::InvalidInput(_))
    ));
    g.members = vec![uuid::Uuid::new_v4().to_string()];
    assert!(matches!(
        People::of(&mut v).create(&g, now()),
        Err(Error::NotFound(_))
    ));
    g.members = vec![group.id.clone()];
    assert!(matches!(
        People::of(&mut v).update(&group.id, &g, now()),
        Err(Error::InvalidInput(_))
    ));

    let mut p = input(PersonKind::Person, Relation::ISupervise, "Cat");
    p.members = vec![a.id.clone()];
    assert!(matches!(
        People::of(&mut v).create(&p, now()),
        Err(Error::InvalidInput(_))
    ));
    p.members.clear();
    p.organisation_id = Some(a.id.clone());
    assert!(matches!(
        People::of(&mut v).create(&p, now()),
        Err(Error::InvalidInput(_))
    ));
}

#[test]
fn bad_input_is_refused_and_changes_nothing() {
    let (_d, mut v) = vault();
    let ok = People::of(&mut v)
        .create(
            &input(PersonKind::Person, Relation::ISupervise, "Dee"),
            now(),
        )
        .expect("ok");
    let mut bad = input(PersonKind::Person, Relation::ISupervise, "   ");
    assert!(matches!(
        People::of(&mut v).create(&bad, now()),
        Err(Error::Empty(_))
    ));
    bad.name = "Eve".into();
    bad.email = "not an email".into();
    assert!(matches!(
        People::of(&mut v).create(&bad, now()),
        Err(Error::InvalidInput(_))
    ));
    bad.email = String::new();
    bad.phone = "call me maybe".into();
    assert!(matches!(
        People::of(&mut v).create(&bad, now()),
        Err(Error::InvalidInput(_))
    ));
    bad.phone = String::new();
    bad.start_date = NaiveDate::from_ymd_opt(2026, 5, 1);
    bad.end_date = NaiveDate::from_ymd_opt(2026, 4, 1);
    assert!(matches!(
        People::of(&mut v).create(&bad, now()),
        Err(Error::InvalidInput(_))
    ));
    bad.end_date = None;
    bad.name = "x".repeat(201);
    assert!(matches!(
        People::of(&mut v).create(&bad, now()),
        Err(Error::InvalidInput(_))
    ));
    bad.name = "Eve".into();
    bad.notes = "n".repeat(100 * 1024 + 1);
    assert!(matches!(
        People::of(&mut v).create(&bad, now()),
        Err(Error::TooLarge { .. })
    ));
    let mut org = input(PersonKind::Organisation, Relation::ISupervise, "Org");
    assert!(matches!(
        People::of(&mut v).create(&org, now()),
        Err(Error::InvalidInput(_))
    ));
    org.relation = Relation::None;
    let org = People::of(&mut v).create(&org, now()).expect("org");
    // Kind cannot change on update.
    let as_person = input(PersonKind::Person, Relation::ISupervise, "Org");
    assert!(matches!(
        People::of(&mut v).update(&org.id, &as_person, now()),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        People::of(&mut v).get("nope"),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        People::of(&mut v).get(&uuid::Uuid::new_v4().to_string()),
        Err(Error::NotFound(_))
    ));

    let list = People::of(&mut v).list().expect("list");
    assert_eq!(list.len(), 2);
    assert_eq!(
        People::of(&mut v).get(&ok.id).expect("get").fields.name,
        "Dee"
    );
}

#[test]
fn archive_moves_people_to_the_end_and_back() {
    let (_d, mut v) = vault();
    let a = People::of(&mut v)
        .create(
            &input(PersonKind::Person, Relation::ISupervise, "Alma"),
            now(),
        )
        .expect("a");
    People::of(&mut v)
        .create(
            &input(PersonKind::Person, Relation::SupervisesMe, "Zed"),
            now(),
        )
        .expect("z");
    People::of(&mut v)
        .set_archived(&a.id, true, now())
        .expect("archive");
    let names: Vec<_> = People::of(&mut v)
        .list()
        .expect("list")
        .into_iter()
        .map(|p| (p.name, p.archived))
        .collect();
    assert_eq!(
        names,
        vec![("Zed".to_string(), false), ("Alma".to_string(), true)]
    );
    People::of(&mut v)
        .set_archived(&a.id, false, now())
        .expect("restore");
    assert!(!People::of(&mut v).get(&a.id).expect("get").archived);
    assert!(matches!(
        People::of(&mut v).set_archived(&uuid::Uuid::new_v4().to_string(), true, now()),
        Err(Error::NotFound(_))
    ));
}

#[test]
fn a_tampered_person_record_is_an_integrity_error_for_that_record_only() {
    let (dir, mut v) = vault();
    let a = People::of(&mut v)
        .create(
            &input(PersonKind::Person, Relation::ISupervise, "Ada"),
            now(),
        )
        .expect("a");
    let b = People::of(&mut v)
        .create(
            &input(PersonKind::Person, Relation::ISupervise, "Bo"),
            now(),
        )
        .expect("b");
    {
        let conn = Connection::open(dir.path().join("confidant.db")).expect("db");
        let mut body: Vec<u8> = conn
            .query_row("SELECT body FROM people WHERE id = ?1", [&a.id], |r| {
                r.get(0)
            })
            .expect("body");
        let last = body.len() - 1;
        body[last] ^= 0x80;
        conn.execute(
            "UPDATE people SET body = ?2 WHERE id = ?1",
            rusqlite::params![a.id, body],
        )
        .expect("write");
    }
    assert!(matches!(
        People::of(&mut v).get(&a.id),
        Err(Error::Integrity(_))
    ));
    assert_eq!(People::of(&mut v).get(&b.id).expect("b").fields.name, "Bo");
    let list = People::of(&mut v).list().expect("list");
    assert!(list.iter().find(|p| p.id == a.id).expect("a").damaged);
}

#[test]
fn people_survive_lock_and_unlock() {
    let (_d, mut v) = vault();
    let a = People::of(&mut v)
        .create(
            &input(PersonKind::Person, Relation::ISupervise, "Kept"),
            now(),
        )
        .expect("a");
    v.lock();
    assert!(matches!(People::of(&mut v).list(), Err(Error::Locked)));
    v.unlock(None, now()).expect("unlock");
    assert_eq!(
        People::of(&mut v).get(&a.id).expect("get").fields.name,
        "Kept"
    );
}

#[test]
fn a_kind_or_archive_state_edited_on_disk_makes_that_record_damaged() {
    let (dir, mut v) = vault();
    let sam = People::of(&mut v)
        .create(
            &input(PersonKind::Person, Relation::ISupervise, "Sam Okafor"),
            now(),
        )
        .expect("sam");
    let alex = People::of(&mut v)
        .create(
            &input(PersonKind::Person, Relation::ISupervise, "Alex Marín"),
            now(),
        )
        .expect("alex");
    let org = People::of(&mut v)
        .create(
            &input(PersonKind::Organisation, Relation::None, "Northside Trust"),
            now(),
        )
        .expect("org");
    let conn = Connection::open(dir.path().join("confidant.db")).expect("db");
    conn.execute("UPDATE people SET kind = 'group' WHERE id = ?1", [&sam.id])
        .expect("flip kind");
    conn.execute("UPDATE people SET archived_at = 1 WHERE id = ?1", [&org.id])
        .expect("archive on disk");
    drop(conn);
    let list = People::of(&mut v)
        .list()
        .expect("the list never fails as a whole");
    assert_eq!(list.len(), 3);
    let by_id = |id: &str| list.iter().find(|p| p.id == id).expect("listed");
    assert!(by_id(&sam.id).damaged);
    assert!(by_id(&org.id).damaged);
    assert!(!by_id(&alex.id).damaged);
    assert_eq!(by_id(&alex.id).name, "Alex Marín");
    assert!(matches!(
        People::of(&mut v).get(&sam.id),
        Err(Error::Integrity(_))
    ));
    // A damaged record is not overwritten by an edit.
    assert!(matches!(
        People::of(&mut v).set_archived(&org.id, false, now()),
        Err(Error::Integrity(_))
    ));
}

#[test]
fn a_person_record_sealed_under_another_persons_key_is_damaged() {
    let (dir, mut v) = vault();
    let sam = People::of(&mut v)
        .create(
            &input(PersonKind::Person, Relation::ISupervise, "Sam Okafor"),
            now(),
        )
        .expect("sam");
    let alex = People::of(&mut v)
        .create(
            &input(PersonKind::Person, Relation::ISupervise, "Alex Marín"),
            now(),
        )
        .expect("alex");
    // Point Sam's key column at Alex's key: erasing Alex would then reach Sam.
    let conn = Connection::open(dir.path().join("confidant.db")).expect("db");
    conn.execute(
        "UPDATE people SET key_id = (SELECT key_id FROM people WHERE id = ?2) WHERE id = ?1",
        [&sam.id, &alex.id],
    )
    .expect("swap key column");
    drop(conn);
    assert!(matches!(
        People::of(&mut v).get(&sam.id),
        Err(Error::Integrity(_))
    ));
    assert_eq!(
        People::of(&mut v).get(&alex.id).expect("alex").fields.name,
        "Alex Marín"
    );
}
