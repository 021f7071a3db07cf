//! Packets keep nothing in clear: a marker in the text of every item kind
//! (and in each title) is in neither the packet's bytes nor any file of
//! either data folder (sender and recipient), while the vaults are open
//! and after they are dropped; nor are the packet identity's age secret or
//! a person's card. A positive control proves the scanner finds the marker
//! in a plain file.
#![allow(clippy::disallowed_methods)] // a test may read the clock; the library may not

mod common;

use chrono::Utc;
use common::scan::{assert_no_hits, find, random_hex, scan, Needles};
use confidant_core::packets::items::ItemBody;
use confidant_core::packets::{Outgoing, Packets};
use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::vault::Role;

fn items(marker: &str) -> Vec<Outgoing> {
    // One item of each kind, built from JSON so every text field carries
    // the marker.
    let m = |s: &str| format!("{s} {marker}");
    let kinds = serde_json::json!([
        {"kind": "journal_entry", "title": m("t"), "template": m("g"), "sections": [{"heading": m("h"), "text": m("x")}], "tags": [m("tag")], "written_on": "2026-11-24"},
        {"kind": "extract", "entry_title": m("t"), "text": m("x"), "written_on": "2026-11-24"},
        {"kind": "agenda_item", "text": m("x")},
        {"kind": "hours_count", "from": "2026-11-01", "to": "2026-11-30", "days": [{"date": "2026-11-10", "minutes": 60, "form": m("f")}]},
        {"kind": "self_assessment", "evaluation_ref": m("e"), "ratings": [{"area": m("a"), "rating": 3, "comment": m("c")}], "comment": m("c")},
        {"kind": "acknowledgement", "target": {"type": "agreement", "id": m("i"), "version": 1}, "typed_name": m("n"), "date": "2026-11-29"},
        {"kind": "session_summary", "session_date": "2026-11-24", "summary": m("s")},
        {"kind": "action_items", "session_date": "2026-11-24", "items": [m("a")]},
        {"kind": "ack_request", "target": {"type": "record", "id": m("i"), "content_hash": m("h")}, "title": m("t"), "text": m("x")},
        {"kind": "signed_hours", "from": "2026-10-01", "to": "2026-10-31", "totals": [{"form": m("f"), "minutes": 60}], "signed_by": m("n"), "signed_on": "2026-11-02", "hash": m("h")},
        {"kind": "evaluation", "date": "2026-11-20", "ratings": [{"area": m("a"), "rating": null, "comment": m("c")}], "comments": m("c")},
        {"kind": "proqol_bands", "taken_on": "2026-11-15", "compassion_satisfaction": "high", "burnout": "low", "secondary_traumatic_stress": "average"}
    ]);
    let bodies: Vec<ItemBody> = serde_json::from_value(kinds).expect("every kind");
    assert_eq!(bodies.len(), 12);
    bodies
        .into_iter()
        .enumerate()
        .map(|(i, body)| Outgoing {
            title: m(&format!("Item {i}")),
            body,
            source_key: Some(m("source")),
        })
        .collect()
}

#[test]
fn packet_items_reach_no_file_and_no_packet_in_clear() {
    let now = Utc::now();
    let marker = format!("pktmark{}", random_hex(8));
    let (a_dir, mut a) = common::unlocked_vault(Role::Supervisor, now);
    let (b_dir, mut b) = common::unlocked_vault(Role::Supervisee, now);
    let person = |v: &mut confidant_core::vault::Vault, name: &str, r: Relation| {
        People::of(v)
            .create(&common::person_input(PersonKind::Person, r, name), now)
            .expect("person")
            .id
    };
    let a_bea = person(&mut a, "Bea Okafor", Relation::ISupervise);
    let b_sam = person(&mut b, "Sam Lindqvist", Relation::SupervisesMe);
    let card_a = Packets::of(&mut a).identity(now).expect("a").card;
    let card_b = Packets::of(&mut b).identity(now).expect("b").card;
    Packets::of(&mut a)
        .set_peer(&a_bea, &card_b, now)
        .expect("peer");
    Packets::of(&mut b)
        .set_peer(&b_sam, &card_a, now)
        .expect("peer");

    let sealed = Packets::of(&mut a)
        .seal(&a_bea, items(&marker), vec![], now)
        .expect("seal");
    let outcome = Packets::of(&mut b)
        .import_with(&sealed.bytes, now, |_, _, _| Ok(vec![]))
        .expect("import");
    assert_eq!(outcome.added, 12);
    // A withdrawal reseals the sender's copy: still sealed.
    let withdraw = Packets::of(&mut a)
        .seal(&a_bea, vec![], vec![sealed.item_ids[0].clone()], now)
        .expect("withdraw");
    Packets::of(&mut b)
        .import_with(&withdraw.bytes, now, |_, _, _| Ok(vec![]))
        .expect("import withdrawal");

    let age_secret = Packets::of(&mut b)
        .age_secret_for_tests()
        .expect("secret")
        .expect("made");
    let mut needles = Needles::default();
    needles
        .text("the marker", &marker)
        .text("b's age secret", age_secret.as_str())
        .text("a's card", &card_a)
        .text("b's card", &card_b)
        .text("a's verifying key", card_a.rsplit(':').next().expect("key"))
        .text(
            "a's age recipient",
            card_a.split(':').nth(1).expect("recipient"),
        );
    // The packets themselves: no marker in any form.
    for bytes in [&sealed.bytes, &withdraw.bytes] {
        for n in &needles.0 {
            if n.label.starts_with("the marker") {
                assert_eq!(find(bytes, &n.bytes), None, "{} in the packet", n.label);
            }
        }
    }
    for dir in [a_dir.path(), b_dir.path()] {
        assert_no_hits(&scan(dir, &needles));
    }
    drop(a);
    drop(b);
    for dir in [a_dir.path(), b_dir.path()] {
        let s = scan(dir, &needles);
        assert!(
            s.size_of(confidant_core::store::DB_FILE).is_some(),
            "the scan read the database"
        );
        assert_no_hits(&s);
    }

    // Positive control: the same scan finds the marker and the secret in
    // a plain file, and `find` finds the marker in plain bytes.
    std::fs::write(
        b_dir.path().join("control.txt"),
        format!("x{marker}x {}", age_secret.as_str()),
    )
    .expect("write");
    let hits = scan(b_dir.path(), &needles).hits;
    assert!(
        hits.iter().any(|h| h.needle.starts_with("the marker")),
        "positive control"
    );
    assert!(
        hits.iter().any(|h| h.needle.starts_with("b's age secret")),
        "positive control"
    );
    assert!(find(format!("..{marker}..").as_bytes(), marker.as_bytes()).is_some());
}
