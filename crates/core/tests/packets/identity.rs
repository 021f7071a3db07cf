//! The identity is made once and stays; cards round-trip; a bad card, one's
//! own card, a card already stored on someone else, a group and a missing
//! person are each refused with their own message and nothing stored.

use confidant_core::packets::{FINGERPRINT_ALPHABET, FINGERPRINT_CHARS};
use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::vault::Role;
use confidant_core::Error;

use super::{common, now, pair, Side};

#[test]
fn the_identity_is_made_once_and_survives_a_lock() {
    let mut s = Side::new(Role::Supervisee);
    let first = s.packets().identity(now()).expect("identity");
    let later = now() + chrono::Duration::days(3);
    let again = s.packets().identity(later).expect("again");
    assert_eq!(first, again, "the same card, fingerprint, QR and date");
    assert_eq!(again.created_at, now());
    s.v.lock();
    assert!(matches!(s.packets().identity(now()), Err(Error::Locked)));
    s.v.unlock(None, later).expect("unlock");
    assert_eq!(s.packets().identity(later).expect("after unlock"), first);

    assert!(
        first.card.starts_with("confidant-card-1:age1"),
        "{}",
        first.card
    );
    assert_eq!(first.card.split(':').count(), 3);
    assert!(!first.card.contains(char::is_whitespace));
    assert_eq!(
        first.card.split(':').nth(1),
        Some(first.age_recipient.as_str())
    );
    let groups: Vec<&str> = first.fingerprint.split(' ').collect();
    assert_eq!(groups.len(), 5);
    assert_eq!(groups.concat().len(), FINGERPRINT_CHARS);
    assert!(groups
        .concat()
        .bytes()
        .all(|b| FINGERPRINT_ALPHABET.contains(&b)));
    assert!(first.qr_svg.starts_with("<?xml") && first.qr_svg.contains("<svg"));

    // Another vault has another identity.
    let mut other = Side::new(Role::Supervisee);
    let theirs = other.packets().identity(now()).expect("other");
    assert_ne!(theirs.card, first.card);
    assert_ne!(theirs.fingerprint, first.fingerprint);
}

#[test]
fn a_card_round_trips_to_the_same_fingerprint() {
    let mut p = pair();
    let b_fp = p.b.fingerprint();
    let a_fp = p.a.fingerprint();
    let stored = p.a.packets().peer(&p.a_bea).expect("peer").expect("some");
    assert_eq!(stored.fingerprint, b_fp);
    assert_eq!(stored.person_id, p.a_bea);
    assert_eq!(stored.added_at, now());
    let stored = p.b.packets().peer(&p.b_sam).expect("peer").expect("some");
    assert_eq!(stored.fingerprint, a_fp);

    // Pasted with spaces and a line break around it: the same card.
    let card_b = p.b.card();
    let again =
        p.a.packets()
            .set_peer(&p.a_bea, &format!("  {card_b}\n"), now())
            .expect("again");
    assert_eq!(again.fingerprint, b_fp);

    p.a.packets().remove_peer(&p.a_bea).expect("remove");
    assert_eq!(p.a.packets().peer(&p.a_bea).expect("peer"), None);
    assert!(matches!(
        p.a.packets().remove_peer(&p.a_bea),
        Err(Error::NotFound(_))
    ));
}

#[test]
fn bad_cards_are_refused_each_with_its_own_message() {
    let mut p = pair();
    let card_b = p.b.card();
    let parts: Vec<&str> = card_b.split(':').collect();
    let (age_key, ed_key) = (parts[1], parts[2]);
    let ana = p.a.person("Ana Ruiz", Relation::ISupervise);
    let cases: Vec<(String, &str)> = vec![
        ("".into(), "is empty"),
        ("hello".into(), "not a Confidant identity card"),
        (
            format!("age-card-1:{age_key}:{ed_key}"),
            "not a Confidant identity card",
        ),
        (
            format!("confidant-card-2:{age_key}:{ed_key}"),
            "newer version",
        ),
        (
            format!("confidant-card-x:{age_key}:{ed_key}"),
            "version is not valid",
        ),
        (format!("confidant-card-1:{age_key}"), "incomplete"),
        (
            format!("confidant-card-1:{age_key}:{ed_key}:more"),
            "incomplete",
        ),
        (
            format!("confidant-card-1:age1abc:{ed_key}"),
            "encryption key",
        ),
        (
            format!("confidant-card-1:{ed_key}:{ed_key}"),
            "encryption key",
        ),
        (
            format!("confidant-card-1:{age_key}:{}", &ed_key[1..]),
            "signing key",
        ),
        (
            format!("confidant-card-1:{age_key}:{ed_key}A"),
            "signing key",
        ),
        (
            format!("confidant-card-1:{age_key}:{}", "A".repeat(43)),
            "signing key",
        ),
        (
            "confidant-card-1:".to_string() + &"x".repeat(500),
            "too long",
        ),
    ];
    for (card, expected) in cases {
        let err = p.a.packets().set_peer(&ana, &card, now()).expect_err(&card);
        assert!(
            err.to_string().contains(expected),
            "{card:?}: {err} (wanted {expected:?})"
        );
    }
    // Nothing was stored for Ana.
    assert_eq!(p.a.packets().peer(&ana).expect("peer"), None);

    // One's own card.
    let own = p.a.card();
    let err = p.a.packets().set_peer(&ana, &own, now()).expect_err("own");
    assert!(err.to_string().contains("own identity card"), "{err}");
    // A card already stored on someone else.
    let err =
        p.a.packets()
            .set_peer(&ana, &card_b, now())
            .expect_err("dup");
    assert!(
        err.to_string().contains("already stored for someone else"),
        "{err}"
    );
    // A group cannot hold a key; a missing person is not found.
    let group = People::of(&mut p.a.v)
        .create(
            &common::person_input(PersonKind::Group, Relation::ISupervise, "Tuesday group"),
            now(),
        )
        .expect("group")
        .id;
    let third = Side::new(Role::Supervisee).card();
    let err =
        p.a.packets()
            .set_peer(&group, &third, now())
            .expect_err("group");
    assert!(err.to_string().contains("group"), "{err}");
    assert!(matches!(
        p.a.packets()
            .set_peer("00000000-0000-4000-8000-000000000000", &third, now()),
        Err(Error::NotFound(_))
    ));
    assert_eq!(p.a.counts().2, 1, "only Bea's card is stored");
}
