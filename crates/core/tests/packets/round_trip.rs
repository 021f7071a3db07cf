//! Seal → open → import with every item kind, in both directions; the
//! sender reopens its own packet read-only; `land` runs in the same
//! transaction (its error writes nothing); last-sent times; erasure.

use confidant_core::packets::items::ItemBody;
use confidant_core::packets::view::Direction;
use confidant_core::packets::{Outgoing, MAX_PACKET_BYTES};
use confidant_core::subject_access::SubjectAccess;
use confidant_core::Error;

use super::{every_kind, no_effects, now, out, pair};

#[test]
fn every_item_kind_survives_seal_open_and_import() {
    let mut p = pair();
    let items = every_kind("m");
    let sealed =
        p.a.packets()
            .seal(&p.a_bea, items.clone(), vec![], now())
            .expect("seal");
    assert_eq!(sealed.item_ids.len(), items.len());
    assert!(sealed.bytes.starts_with(b"age-encryption.org/v1\n"));

    let opened = p.b.packets().open(&sealed.bytes, now()).expect("open");
    assert!(!opened.own);
    assert_eq!(opened.packet_id, sealed.packet_id);
    assert_eq!(opened.sender_person_id, p.b_sam);
    assert_eq!(opened.sender_fingerprint, p.a.fingerprint());
    assert_eq!(opened.created_at, now());
    assert!(opened.revocations.is_empty());
    let got: Vec<(String, ItemBody)> = opened
        .items
        .iter()
        .map(|i| (i.title.clone(), i.body.clone()))
        .collect();
    let want: Vec<(String, ItemBody)> = items
        .iter()
        .map(|i| (i.title.clone(), i.body.clone()))
        .collect();
    assert_eq!(got, want);
    let ids: Vec<String> = opened.items.iter().map(|i| i.id.clone()).collect();
    assert_eq!(ids, sealed.item_ids);
    // Opening wrote nothing.
    assert_eq!(p.b.counts(), (0, 0, 1));

    let mut seen = None;
    let outcome =
        p.b.packets()
            .import_with(&sealed.bytes, now(), |_tx, _ring, o| {
                seen = Some(o.packet_id.clone());
                Ok(vec!["Added to the agenda".into()])
            })
            .expect("import");
    assert_eq!(seen.as_deref(), Some(sealed.packet_id.as_str()));
    assert_eq!(outcome.person_id, p.b_sam);
    assert_eq!(outcome.added, items.len() as u32);
    assert!(outcome.revoked.is_empty());
    assert_eq!(outcome.effects, vec!["Added to the agenda".to_string()]);
    assert_eq!(p.b.counts(), (items.len() as i64, 1, 1));

    // Both sides list the items: received in B, sent in A, same ids.
    let received = p.b.packets().shared_items(&p.b_sam).expect("b items");
    assert_eq!(received.len(), items.len());
    assert!(received.iter().all(|i| i.direction == Direction::Received
        && i.person_id == p.b_sam
        && i.shared_at == now()
        && i.revoked_at.is_none()));
    let sent = p.a.packets().shared_items(&p.a_bea).expect("a items");
    assert!(sent.iter().all(|i| i.direction == Direction::Sent));
    let mut r: Vec<_> = received
        .iter()
        .map(|i| (i.id.clone(), i.title.clone(), i.body.clone()))
        .collect();
    let mut s: Vec<_> = sent
        .iter()
        .map(|i| (i.id.clone(), i.title.clone(), i.body.clone()))
        .collect();
    r.sort_by(|x, y| x.0.cmp(&y.0));
    s.sort_by(|x, y| x.0.cmp(&y.0));
    assert_eq!(r, s);
    assert!(r.iter().all(|x| x.2.is_some()));

    // And the other way: the supervisee answers.
    let back =
        p.b.packets()
            .seal(
                &p.b_sam,
                vec![out(
                    "Agenda item",
                    ItemBody::AgendaItem {
                        text: "Endings".into(),
                    },
                )],
                vec![],
                now(),
            )
            .expect("seal back");
    let outcome =
        p.a.packets()
            .import_with(&back.bytes, now(), no_effects)
            .expect("import back");
    assert_eq!(outcome.person_id, p.a_bea);
    assert_eq!(outcome.added, 1);
}

#[test]
fn the_sender_reopens_its_own_packet_read_only() {
    let mut p = pair();
    let sealed =
        p.a.packets()
            .seal(&p.a_bea, every_kind("own"), vec![], now())
            .expect("seal");
    let opened = p.a.packets().open(&sealed.bytes, now()).expect("reopen");
    assert!(opened.own);
    assert_eq!(
        opened.sender_person_id, p.a_bea,
        "the person it was written for"
    );
    assert_eq!(opened.items.len(), 12);
    let before = p.a.counts();
    let err =
        p.a.packets()
            .import_with(&sealed.bytes, now(), no_effects)
            .expect_err("own packets are never imported");
    assert!(matches!(err, Error::ReadOnly(_)), "{err}");
    assert_eq!(p.a.counts(), before);
    // Even after the recipient's card is removed, it still reopens.
    p.a.packets().remove_peer(&p.a_bea).expect("remove");
    let opened = p.a.packets().open(&sealed.bytes, now()).expect("reopen");
    assert!(opened.own);
    assert_eq!(opened.sender_person_id, "");
}

#[test]
fn an_error_in_land_writes_nothing_and_the_packet_can_be_imported_later() {
    let mut p = pair();
    let sealed =
        p.a.packets()
            .seal(&p.a_bea, every_kind("x"), vec![], now())
            .expect("seal");
    let err =
        p.b.packets()
            .import_with(&sealed.bytes, now(), |_tx, _ring, _o| {
                Err(Error::InvalidInput("The agenda could not take it.".into()))
            })
            .expect_err("land fails");
    assert!(err.to_string().contains("agenda could not"));
    assert_eq!(p.b.counts(), (0, 0, 1));
    p.b.packets()
        .import_with(&sealed.bytes, now(), no_effects)
        .expect("later");
    assert_eq!(p.b.counts(), (12, 1, 1));
}

#[test]
fn last_sent_names_each_source_with_its_latest_time() {
    let mut p = pair();
    let keyed = |key: &str, text: &str| Outgoing {
        title: text.into(),
        body: ItemBody::AgendaItem { text: text.into() },
        source_key: Some(key.into()),
    };
    let t1 = now();
    let t2 = now() + chrono::Duration::hours(2);
    p.a.packets()
        .seal(
            &p.a_bea,
            vec![keyed("k1", "one"), keyed("k2", "two")],
            vec![],
            t1,
        )
        .expect("1");
    p.a.packets()
        .seal(
            &p.a_bea,
            vec![
                keyed("k1", "one again"),
                out("No key", ItemBody::AgendaItem { text: "x".into() }),
            ],
            vec![],
            t2,
        )
        .expect("2");
    let last = p.a.packets().last_sent(&p.a_bea).expect("last");
    assert_eq!(last, vec![("k1".to_string(), t2), ("k2".to_string(), t1)]);
    // Received items never count as sent.
    assert!(p.b.packets().last_sent(&p.b_sam).expect("b").is_empty());
}

#[test]
fn sealing_needs_a_card_an_item_and_valid_titles_and_refuses_oversize() {
    let mut p = pair();
    let ana =
        p.a.person("Ana Ruiz", confidant_core::people::Relation::ISupervise);
    let one = || vec![out("Agenda", ItemBody::AgendaItem { text: "x".into() })];
    let err =
        p.a.packets()
            .seal(&ana, one(), vec![], now())
            .expect_err("no card");
    assert!(err.to_string().contains("No packet key"), "{err}");
    let err =
        p.a.packets()
            .seal(&p.a_bea, vec![], vec![], now())
            .expect_err("empty");
    assert!(err.to_string().contains("at least one"), "{err}");
    let err =
        p.a.packets()
            .seal(
                &p.a_bea,
                vec![out(" ", ItemBody::AgendaItem { text: "x".into() })],
                vec![],
                now(),
            )
            .expect_err("blank title");
    assert!(matches!(err, Error::Empty(_)), "{err}");
    let err =
        p.a.packets()
            .seal(
                &p.a_bea,
                vec![out("a\nb", ItemBody::AgendaItem { text: "x".into() })],
                vec![],
                now(),
            )
            .expect_err("two-line title");
    assert!(err.to_string().contains("control characters"), "{err}");
    let err =
        p.a.packets()
            .seal(
                &p.a_bea,
                one(),
                vec!["00000000-0000-4000-8000-000000000000".into()],
                now(),
            )
            .expect_err("withdrawing what was never sent");
    assert!(matches!(err, Error::NotFound(_)), "{err}");
    // Over the limit once written.
    let big = "é".repeat(MAX_PACKET_BYTES / 2 + 1);
    let err =
        p.a.packets()
            .seal(
                &p.a_bea,
                vec![out("Big", ItemBody::AgendaItem { text: big })],
                vec![],
                now(),
            )
            .expect_err("oversize");
    assert!(
        matches!(
            err,
            Error::TooLarge {
                what: "This packet",
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(p.a.counts(), (0, 0, 1), "nothing recorded as sent");
}

#[test]
fn erasing_the_person_removes_their_card_and_shared_items() {
    let mut p = pair();
    let sealed =
        p.a.packets()
            .seal(&p.a_bea, every_kind("e"), vec![], now())
            .expect("seal");
    p.b.packets()
        .import_with(&sealed.bytes, now(), no_effects)
        .expect("import");
    assert_eq!(p.b.counts(), (12, 1, 1));
    // The subject-access export carries the shared items; the erasure
    // preview counts them.
    let export = SubjectAccess::of(&mut p.b.v)
        .export(&p.b_sam, now())
        .expect("export");
    assert_eq!(export.shared_items.len(), 12);
    assert!(export.unreadable.is_empty(), "{:?}", export.unreadable);
    let json = String::from_utf8(
        SubjectAccess::of(&mut p.b.v)
            .json(&p.b_sam, now())
            .expect("json"),
    )
    .expect("utf-8");
    assert!(json.contains("\"shared_items\""), "the JSON has the part");
    let preview = SubjectAccess::of(&mut p.b.v)
        .erase_preview(&p.b_sam)
        .expect("preview");
    assert_eq!(preview.shared_items, 12);
    let report = super::common::erase(&mut p.b.v, &p.b_sam, "Sam Lindqvist", now()).expect("erase");
    assert!(report.rows_deleted >= 14, "{}", report.rows_deleted);
    assert_eq!(p.b.counts(), (0, 0, 0));
    assert!(p
        .b
        .packets()
        .shared_items(&p.b_sam)
        .expect("items")
        .is_empty());
    assert_eq!(p.b.packets().peer(&p.b_sam).expect("peer"), None);
    // The same packet now comes from a key stored for no one.
    let err =
        p.b.packets()
            .open(&sealed.bytes, now())
            .expect_err("unknown");
    assert!(matches!(err, Error::UnknownSender { .. }), "{err}");
    // The sender's side erases the same way.
    super::common::erase(&mut p.a.v, &p.a_bea, "Bea Okafor", now()).expect("erase a");
    assert_eq!(p.a.counts(), (0, 0, 0));
}

#[test]
fn a_damaged_shared_item_is_listed_without_its_body_and_others_still_open() {
    let mut p = pair();
    let sealed =
        p.a.packets()
            .seal(&p.a_bea, every_kind("d"), vec![], now())
            .expect("seal");
    p.b.packets()
        .import_with(&sealed.bytes, now(), no_effects)
        .expect("import");
    // A bound column edited on disk: that one item fails its check.
    let conn = rusqlite::Connection::open(p.b.dir.path().join(confidant_core::store::DB_FILE))
        .expect("db");
    let n = conn
        .execute(
            "UPDATE shared_items SET shared_at = shared_at + 1 WHERE id = ?1",
            [&sealed.item_ids[2]],
        )
        .expect("edit");
    assert_eq!(n, 1);
    drop(conn);
    let items = p.b.packets().shared_items(&p.b_sam).expect("list");
    assert_eq!(items.len(), 12);
    let damaged: Vec<_> = items.iter().filter(|i| i.body.is_none()).collect();
    assert_eq!(damaged.len(), 1);
    assert_eq!(damaged[0].id, sealed.item_ids[2]);
    assert_eq!(damaged[0].title, confidant_core::packets::DAMAGED_TITLE);
    assert!(items
        .iter()
        .filter(|i| i.body.is_some())
        .all(|i| i.title != confidant_core::packets::DAMAGED_TITLE));
}
