//! Writing the packet file happens inside the transaction that records the
//! items as sent: a failed write leaves nothing recorded, a withdrawal in
//! that packet is not marked sent, and the next attempt works.

use confidant_core::audit::{Audit, AuditEvent};
use confidant_core::error::Error;
use confidant_core::packets::items::ItemBody;

use super::{no_effects, now, out, pair};

fn agenda(text: &str) -> confidant_core::packets::Outgoing {
    out(text, ItemBody::AgendaItem { text: text.into() })
}

#[test]
fn a_failed_write_records_nothing_as_sent() {
    let mut p = pair();
    let before = p.b.counts();
    let err =
        p.b.packets()
            .seal_delivering(
                &p.b_sam,
                vec![agenda("Bring the Tuesday referral")],
                vec![],
                now(),
                |_| Err(Error::InvalidInput("The disk is full.".into())),
            )
            .expect_err("the write failed");
    assert_eq!(err.to_string(), "The disk is full.");
    assert_eq!(p.b.counts(), before, "no sent item was recorded");
    assert!(p
        .b
        .packets()
        .shared_items(&p.b_sam)
        .expect("items")
        .is_empty());

    // The second attempt is delivered and recorded; it imports normally.
    let mut delivered = Vec::new();
    let sealed =
        p.b.packets()
            .seal_delivering(
                &p.b_sam,
                vec![agenda("Bring the Tuesday referral")],
                vec![],
                now(),
                |bytes| {
                    delivered.extend_from_slice(bytes);
                    Ok(())
                },
            )
            .expect("sealed");
    assert_eq!(delivered, sealed.bytes, "deliver saw the packet's bytes");
    assert_eq!(
        p.b.packets().shared_items(&p.b_sam).expect("items").len(),
        1
    );
    p.a.packets()
        .import_with(&sealed.bytes, now(), no_effects)
        .expect("import");

    // The security log: one packet written (the failed one left no entry),
    // one imported, with counts only.
    let sent = Audit::of(&mut p.b.v).list().expect("log");
    let sent: Vec<_> = sent
        .entries
        .iter()
        .filter(|e| e.event == Some(AuditEvent::PacketSent))
        .collect();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].detail, "1 item");
    let got = Audit::of(&mut p.a.v).list().expect("log");
    assert_eq!(got.entries[0].event, Some(AuditEvent::PacketImported));
    assert_eq!(got.entries[0].detail, "1 item");
    assert_eq!(got.problem, None);
}

#[test]
fn a_failed_withdrawal_write_leaves_the_item_shared() {
    let mut p = pair();
    let first =
        p.b.packets()
            .seal(&p.b_sam, vec![agenda("Leave cover")], vec![], now())
            .expect("seal");
    let id = first.item_ids[0].clone();
    let later = now() + chrono::Duration::hours(1);
    p.b.packets()
        .seal_delivering(&p.b_sam, vec![], vec![id], later, |_| {
            Err(Error::InvalidInput("The folder is read-only.".into()))
        })
        .expect_err("the write failed");
    let items = p.b.packets().shared_items(&p.b_sam).expect("items");
    assert_eq!(items.len(), 1);
    assert!(items[0].revoked_at.is_none(), "the withdrawal never went");
}
