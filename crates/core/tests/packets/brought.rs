//! Agenda items and extracts a supervisee shares appear on the agenda of
//! the next session with them (origin Shared); other kinds do not, and a
//! withdrawn item leaves the agenda.

use confidant_core::packets::items::ItemBody;
use confidant_core::packets::Packets;
use confidant_core::people::Relation;
use confidant_core::records::{BroughtOrigin, Records};
use confidant_core::vault::Role;

use super::fixture::world;
use super::{day, no_effects, now, out, Side};

#[test]
fn shared_agenda_items_and_extracts_are_brought_to_the_next_session() {
    let mut w = world(false);
    let mut sup = Side::new(Role::Supervisee);
    let sam = sup.person("Sam Lindqvist", Relation::SupervisesMe);
    let w_card = Packets::of(&mut w.v).identity(now()).expect("id").card;
    let sup_card = sup.card();
    Packets::of(&mut w.v)
        .set_peer(&w.person, &sup_card, now())
        .expect("peer");
    sup.packets().set_peer(&sam, &w_card, now()).expect("peer");

    let sealed = sup
        .packets()
        .seal(
            &sam,
            vec![
                out(
                    "Early endings",
                    ItemBody::AgendaItem {
                        text: "Talk about early endings".into(),
                    },
                ),
                out(
                    "After the Tuesday session",
                    ItemBody::Extract {
                        entry_title: "After the Tuesday session".into(),
                        text: "The pause before she left.".into(),
                        written_on: day(2026, 11, 24),
                    },
                ),
                out(
                    "Summary",
                    ItemBody::SessionSummary {
                        session_date: day(2026, 11, 24),
                        summary: "Not brought".into(),
                    },
                ),
            ],
            vec![],
            now(),
        )
        .expect("seal");
    Packets::of(&mut w.v)
        .import_with(&sealed.bytes, now(), no_effects)
        .expect("import");

    let agenda = Records::of(&mut w.v).agenda(&w.keys[0]).expect("agenda");
    let mut brought: Vec<(String, String, BroughtOrigin)> = agenda
        .brought
        .iter()
        .map(|b| (b.title.clone(), b.text.clone(), b.origin))
        .collect();
    brought.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        brought,
        vec![
            (
                "After the Tuesday session".into(),
                "The pause before she left.".into(),
                BroughtOrigin::Shared
            ),
            (
                "Early endings".into(),
                "Talk about early endings".into(),
                BroughtOrigin::Shared
            ),
        ]
    );
    assert!(agenda.brought.iter().all(|b| b.date == now().date_naive()));
    assert!(agenda.brought.iter().any(|b| b.id == sealed.item_ids[0]));

    // Withdrawn: gone from the agenda.
    let withdraw = sup
        .packets()
        .seal(&sam, vec![], vec![sealed.item_ids[0].clone()], now())
        .expect("withdraw");
    Packets::of(&mut w.v)
        .import_with(&withdraw.bytes, now(), no_effects)
        .expect("import");
    let agenda = Records::of(&mut w.v).agenda(&w.keys[0]).expect("agenda");
    assert_eq!(agenda.brought.len(), 1);
    assert_eq!(agenda.brought[0].title, "After the Tuesday session");
}
