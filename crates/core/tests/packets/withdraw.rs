//! Withdrawal: a later packet withdraws an item sent earlier; the
//! recipient's import removes it and reports its title; the sender's copy
//! shows when the withdrawal went. A packet cannot withdraw another
//! sender's items.

use confidant_core::packets::items::ItemBody;
use confidant_core::packets::view::Direction;
use confidant_core::people::Relation;
use confidant_core::vault::Role;

use super::{no_effects, now, out, pair, Side};

fn agenda(text: &str) -> confidant_core::packets::Outgoing {
    out(text, ItemBody::AgendaItem { text: text.into() })
}

#[test]
fn a_withdrawn_item_is_removed_and_its_title_reported() {
    let mut p = pair();
    let first =
        p.b.packets()
            .seal(
                &p.b_sam,
                vec![
                    agenda("Talk about the Friday client"),
                    agenda("Leave cover"),
                ],
                vec![],
                now(),
            )
            .expect("seal");
    p.a.packets()
        .import_with(&first.bytes, now(), no_effects)
        .expect("import");
    assert_eq!(
        p.a.packets().shared_items(&p.a_bea).expect("items").len(),
        2
    );

    let later = now() + chrono::Duration::hours(1);
    let withdrawn = first.item_ids[0].clone();
    let second =
        p.b.packets()
            .seal(&p.b_sam, vec![], vec![withdrawn.clone()], later)
            .expect("withdraw");
    let opened = p.a.packets().open(&second.bytes, later).expect("open");
    assert_eq!(opened.revocations, vec![withdrawn.clone()]);
    assert!(opened.items.is_empty());
    let outcome =
        p.a.packets()
            .import_with(&second.bytes, later, no_effects)
            .expect("import");
    assert_eq!(
        outcome.revoked,
        vec!["Talk about the Friday client".to_string()]
    );
    assert_eq!(outcome.added, 0);
    let left = p.a.packets().shared_items(&p.a_bea).expect("items");
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].title, "Leave cover");
    assert_eq!(left[0].id, first.item_ids[1]);

    // The sender's copy is kept, marked with when the withdrawal went.
    let sent = p.b.packets().shared_items(&p.b_sam).expect("sent");
    assert_eq!(sent.len(), 2);
    let w = sent.iter().find(|i| i.id == withdrawn).expect("withdrawn");
    assert_eq!(w.direction, Direction::Sent);
    assert_eq!(w.revoked_at, Some(later));
    assert!(w.body.is_some(), "still opens after being sealed again");
    let kept = sent.iter().find(|i| i.id != withdrawn).expect("kept");
    assert_eq!(kept.revoked_at, None);

    // Withdrawing again (the same id) is harmless: nothing left to remove.
    let third =
        p.b.packets()
            .seal(&p.b_sam, vec![], vec![withdrawn], later)
            .expect("again");
    let outcome =
        p.a.packets()
            .import_with(&third.bytes, later, no_effects)
            .expect("import");
    assert!(outcome.revoked.is_empty());
    assert_eq!(
        p.a.packets().shared_items(&p.a_bea).expect("items").len(),
        1
    );
}

#[test]
fn a_packet_cannot_withdraw_another_senders_items() {
    let mut p = pair();
    // A receives an item from B.
    let from_b =
        p.b.packets()
            .seal(&p.b_sam, vec![agenda("From Bea")], vec![], now())
            .expect("b");
    p.a.packets()
        .import_with(&from_b.bytes, now(), no_effects)
        .expect("import");
    // Cleo, also a peer of A, cannot name that item in a withdrawal: her
    // vault refuses to seal it (she never sent it). And a withdrawal she
    // does send removes only items received from her (the import matches
    // the sender as well as the id).
    let mut c = Side::new(Role::Supervisee);
    let c_sam = c.person("Sam Lindqvist", Relation::SupervisesMe);
    let a_card = p.a.card();
    c.packets()
        .set_peer(&c_sam, &a_card, now())
        .expect("c stores a");
    let a_cleo = p.a.person("Cleo Vance", Relation::ISupervise);
    let c_card = c.card();
    p.a.packets()
        .set_peer(&a_cleo, &c_card, now())
        .expect("a stores c");
    let err = c
        .packets()
        .seal(&c_sam, vec![], vec![from_b.item_ids[0].clone()], now())
        .expect_err("not hers to withdraw");
    assert!(matches!(err, confidant_core::Error::NotFound(_)), "{err}");
    // Her withdrawal of her own item leaves Bea's alone.
    let hers = c
        .packets()
        .seal(&c_sam, vec![agenda("From Cleo")], vec![], now())
        .expect("c");
    p.a.packets()
        .import_with(&hers.bytes, now(), no_effects)
        .expect("import c");
    let withdraw = c
        .packets()
        .seal(&c_sam, vec![], vec![hers.item_ids[0].clone()], now())
        .expect("withdraw");
    let outcome =
        p.a.packets()
            .import_with(&withdraw.bytes, now(), no_effects)
            .expect("import");
    assert_eq!(outcome.revoked, vec!["From Cleo".to_string()]);
    assert_eq!(p.a.packets().shared_items(&p.a_bea).expect("bea").len(), 1);
    assert!(p
        .a
        .packets()
        .shared_items(&a_cleo)
        .expect("cleo")
        .is_empty());
}
