//! Refusals: an acknowledgement of other text refuses the whole import
//! with nothing written; a source that is someone else's, or for the other
//! direction, is refused before anything is sealed.

use chrono::Duration;
use confidant_core::hours::Hours;
use confidant_core::journal::Journal;
use confidant_core::packet_items::Exchange;
use confidant_core::packets::items::{AckTarget, ItemBody};
use confidant_core::packets::view::SendSource;
use confidant_core::packets::{Outgoing, Packets};
use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::records::Records;
use confidant_core::Error;

use super::fixture::{common, now};
use super::{jan, pair};

#[test]
fn an_acknowledgement_of_other_text_refuses_the_whole_import() {
    let mut p = pair();
    let record = p.dana_finalises(0);
    p.sam_holds(0);
    let dana = p.dana_in_sam.clone();
    let entry = Journal::of(&mut p.sam)
        .create("Marker entry that must not land.", now())
        .expect("entry");
    let mut items = Vec::new();
    for source in [
        SendSource::JournalEntry {
            entry_id: entry.id.clone(),
        },
        SendSource::HoursCount {
            from: jan(1),
            to: jan(31),
        },
    ] {
        let sealed_one = Exchange::of(&mut p.sam).candidates(&dana, now()).expect("c");
        assert!(sealed_one.iter().any(|c| c.source == source));
    }
    // Sam's app acknowledges text whose hash is not the record's (an older
    // or altered copy): the item is built by hand here, signed as usual.
    let bytes_ok = p.sam_sends(
        vec![
            SendSource::JournalEntry {
                entry_id: entry.id.clone(),
            },
            SendSource::HoursCount {
                from: jan(1),
                to: jan(31),
            },
        ],
        now(),
    );
    let opened = Packets::of(&mut p.sam).open(&bytes_ok, now()).expect("own");
    for item in opened.items {
        items.push(Outgoing {
            title: item.title,
            body: item.body,
            source_key: None,
        });
    }
    items.push(Outgoing {
        title: "Acknowledgement".into(),
        body: ItemBody::Acknowledgement {
            target: AckTarget::Record {
                id: record.clone(),
                content_hash: "0".repeat(64),
            },
            typed_name: "Sam Okafor".into(),
            date: now().date_naive(),
        },
        source_key: None,
    });
    let bytes = Packets::of(&mut p.sam)
        .seal(&dana, items, Vec::new(), now())
        .expect("seal")
        .bytes;

    let sam = p.sam_in_dana();
    let preview = Exchange::of(&mut p.dana.v)
        .preview(&bytes, now())
        .expect("preview");
    assert!(
        preview.items[2].effect.starts_with("Cannot be imported: "),
        "{}",
        preview.items[2].effect
    );
    let err = Exchange::of(&mut p.dana.v)
        .import(&bytes, now())
        .expect_err("refused");
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert!(err.to_string().contains("content hash does not match"), "{err}");
    // Nothing was written: no shared item, no count, no acknowledgement.
    assert!(p.dana_shared().is_empty());
    let rec = Hours::of(&mut p.dana.v)
        .reconcile(&sam, jan(1), jan(31), now())
        .expect("reconcile");
    assert_eq!(rec.covered_days, 0);
    let r = Records::of(&mut p.dana.v).get(&record, None).expect("record");
    assert!(r.acknowledgement.is_none());
    // The good packet still imports (the refused one did not mark anything).
    let later = now() + Duration::hours(1);
    Exchange::of(&mut p.dana.v)
        .import(&bytes_ok, later)
        .expect("the other packet imports");
    assert_eq!(p.dana_shared().len(), 2);
}

#[test]
fn a_source_of_someone_else_or_for_the_other_direction_is_refused() {
    let mut p = pair();
    let record = p.dana_finalises(0);
    let alex = People::of(&mut p.dana.v)
        .create(
            &common::person_input(PersonKind::Person, Relation::ISupervise, "Alex Doe"),
            now(),
        )
        .expect("alex")
        .id;
    let err = Exchange::of(&mut p.dana.v)
        .send(
            &alex,
            vec![SendSource::SessionSummary {
                record_id: record.clone(),
            }],
            Vec::new(),
            now(),
        )
        .expect_err("Sam's record is not Alex's");
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert!(err.to_string().contains("not one of Alex Doe's"), "{err}");
    // An item a supervisee sends is not one a supervisor sends.
    let sam = p.sam_in_dana();
    let err = Exchange::of(&mut p.dana.v)
        .send(
            &sam,
            vec![SendSource::HoursCount {
                from: jan(1),
                to: jan(31),
            }],
            Vec::new(),
            now(),
        )
        .expect_err("wrong direction");
    assert!(err.to_string().contains("is your supervisee"), "{err}");
    // Sam cannot acknowledge what Dana never asked about.
    let dana = p.dana_in_sam.clone();
    let err = Exchange::of(&mut p.sam)
        .send(
            &dana,
            vec![SendSource::Acknowledgement {
                target: AckTarget::Record {
                    id: record.clone(),
                    content_hash: "0".repeat(64),
                },
            }],
            Vec::new(),
            now(),
        )
        .expect_err("no request");
    assert!(err.to_string().contains("has not asked you"), "{err}");
    // Nothing was recorded as sent.
    assert!(p.dana_shared().is_empty());
    assert!(p.sam_shared().is_empty());
}
