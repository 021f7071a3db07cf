//! Every check of `open`, each failing with its own error and nothing
//! written: a flipped byte anywhere, truncation, size, another vault's
//! packet, a newer format, a forged payload, an unknown sender (then
//! accepted after comparing fingerprints), and replay.

use confidant_core::packets::items::ItemBody;
use confidant_core::packets::{MAX_PACKET_BYTES, PACKET_FORMAT};
use confidant_core::people::Relation;
use confidant_core::vault::Role;
use confidant_core::{Error, ErrorCode};

use super::{
    age_decrypt, age_encrypt, b64url, every_kind, no_effects, now, out, pair, unb64url, Side,
};

fn small(p: &mut super::Pair) -> Vec<u8> {
    p.a.packets()
        .seal(
            &p.a_bea,
            vec![out(
                "Agenda",
                ItemBody::AgendaItem {
                    text: "Endings".into(),
                },
            )],
            vec![],
            now(),
        )
        .expect("seal")
        .bytes
}

#[test]
fn a_flipped_bit_anywhere_is_refused_and_nothing_is_written() {
    let mut p = pair();
    let bytes = small(&mut p);
    assert!(bytes.len() < 2000, "{}", bytes.len());
    for i in 0..bytes.len() {
        for mask in [0x01u8, 0x80] {
            let mut bad = bytes.clone();
            bad[i] ^= mask;
            let err =
                p.b.packets()
                    .import_with(&bad, now(), no_effects)
                    .expect_err("tampered");
            assert!(
                matches!(
                    err.code(),
                    ErrorCode::PacketDamaged | ErrorCode::PacketNotForThisVault
                ),
                "byte {i} ^ {mask:#x}: {err}"
            );
        }
    }
    assert_eq!(p.b.counts(), (0, 0, 1));
    // The untouched packet still imports.
    p.b.packets()
        .import_with(&bytes, now(), no_effects)
        .expect("import");
}

#[test]
fn a_truncated_or_extended_packet_is_refused() {
    let mut p = pair();
    let bytes = small(&mut p);
    for len in [
        0,
        1,
        21,
        22,
        60,
        bytes.len() / 2,
        bytes.len() - 17,
        bytes.len() - 1,
    ] {
        let err =
            p.b.packets()
                .open(&bytes[..len], now())
                .expect_err("truncated");
        assert_eq!(err.code(), ErrorCode::PacketDamaged, "length {len}: {err}");
    }
    let mut longer = bytes.clone();
    longer.extend_from_slice(b"extra");
    let err = p.b.packets().open(&longer, now()).expect_err("extended");
    assert_eq!(err.code(), ErrorCode::PacketDamaged, "{err}");
    let err =
        p.b.packets()
            .open(b"not a packet at all", now())
            .expect_err("junk");
    assert!(err.to_string().contains("not a Confidant packet"), "{err}");
    assert_eq!(p.b.counts(), (0, 0, 1));
}

#[test]
fn an_oversize_packet_is_refused_before_it_is_read() {
    let mut p = pair();
    let mut bytes = small(&mut p);
    bytes.resize(MAX_PACKET_BYTES + 1, 0);
    let err = p.b.packets().open(&bytes, now()).expect_err("oversize");
    assert!(
        matches!(err, Error::TooLarge { size, limit, .. } if size == MAX_PACKET_BYTES + 1 && limit == MAX_PACKET_BYTES),
        "{err}"
    );
    assert!(err.to_string().contains("16777216"), "{err}");
    let err =
        p.b.packets()
            .import_with(&bytes, now(), no_effects)
            .expect_err("oversize");
    assert_eq!(err.code(), ErrorCode::TooLarge);
    assert_eq!(p.b.counts(), (0, 0, 1));
}

#[test]
fn another_vaults_packet_is_not_for_this_one() {
    let mut p = pair();
    let bytes = small(&mut p);
    // A third vault without an identity, then with one.
    let mut c = Side::new(Role::Supervisee);
    for _ in 0..2 {
        let err = c.packets().open(&bytes, now()).expect_err("third vault");
        assert!(matches!(err, Error::PacketNotForThisVault), "{err}");
        assert!(err.to_string().contains("not written for this vault"));
        c.card();
    }
    // Encrypted to B, but naming another recipient inside (signed by A):
    // refused, since A addressed it elsewhere. Made here by re-encrypting
    // what A wrote for C to B, which keeps A's signature valid.
    let c_card = c.card();
    let ana = p.a.person("Cleo Vance", Relation::ISupervise);
    p.a.packets()
        .set_peer(&ana, &c_card, now())
        .expect("a stores c");
    let for_c =
        p.a.packets()
            .seal(
                &ana,
                vec![out("Hi", ItemBody::AgendaItem { text: "x".into() })],
                vec![],
                now(),
            )
            .expect("seal to c");
    let c_secret = c
        .packets()
        .age_secret_for_tests()
        .expect("s")
        .expect("some");
    let plain = age_decrypt(&c_secret, &for_c.bytes);
    let b_recipient = p.b.packets().identity(now()).expect("id").age_recipient;
    let moved = age_encrypt(&b_recipient, &plain);
    let err =
        p.b.packets()
            .open(&moved, now())
            .expect_err("addressed to c");
    assert!(matches!(err, Error::PacketNotForThisVault), "{err}");
    assert_eq!(p.b.counts(), (0, 0, 1));
}

#[test]
fn a_newer_format_is_refused_with_its_own_message() {
    let mut p = pair();
    let b_recipient = p.b.packets().identity(now()).expect("id").age_recipient;
    let sig = b64url(&[0u8; 64]);
    let payload_v2 = b64url(br#"{"format":2,"anything":"new"}"#);
    let newer_envelope = format!(
        r#"{{"format":{},"payload":"{payload_v2}","signature":"{sig}","more":1}}"#,
        PACKET_FORMAT + 1
    );
    let newer_payload = format!(r#"{{"format":1,"payload":"{payload_v2}","signature":"{sig}"}}"#);
    for plain in [newer_envelope, newer_payload] {
        let bytes = age_encrypt(&b_recipient, plain.as_bytes());
        let err = p.b.packets().open(&bytes, now()).expect_err("newer");
        assert!(matches!(err, Error::PacketTooNew), "{plain}: {err}");
        assert!(err.to_string().contains("newer version of Confidant"));
    }
    // Not JSON, or not the envelope's shape: damaged.
    for plain in [
        "[]",
        "{\"format\":1}",
        "{",
        "{\"format\":0,\"payload\":\"\",\"signature\":\"\"}",
    ] {
        let bytes = age_encrypt(&b_recipient, plain.as_bytes());
        let err = p.b.packets().open(&bytes, now()).expect_err("junk");
        assert_eq!(err.code(), ErrorCode::PacketDamaged, "{plain}: {err}");
    }
    // Deep nesting is refused by the parser's depth limit, not a crash.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let bytes = age_encrypt(&b_recipient, deep.as_bytes());
    assert_eq!(
        p.b.packets().open(&bytes, now()).expect_err("deep").code(),
        ErrorCode::PacketDamaged
    );
}

#[test]
fn a_payload_changed_by_someone_who_can_encrypt_to_the_recipient_fails_its_signature() {
    let mut p = pair();
    let bytes = small(&mut p);
    // Anyone with B's card can encrypt to B; only A can sign as A.
    let b_secret =
        p.b.packets()
            .age_secret_for_tests()
            .expect("s")
            .expect("some");
    let plain = age_decrypt(&b_secret, &bytes);
    let envelope: serde_json::Value = serde_json::from_slice(&plain).expect("json");
    let payload = unb64url(envelope["payload"].as_str().expect("payload"));
    let changed = String::from_utf8(payload)
        .expect("utf8")
        .replace("Endings", "Changed");
    let forged = serde_json::json!({
        "format": 1,
        "payload": b64url(changed.as_bytes()),
        "signature": envelope["signature"],
    });
    let b_recipient = p.b.packets().identity(now()).expect("id").age_recipient;
    let bytes = age_encrypt(&b_recipient, forged.to_string().as_bytes());
    let err = p.b.packets().open(&bytes, now()).expect_err("forged");
    assert!(
        err.to_string().contains("signature does not match"),
        "{err}"
    );
    assert_eq!(p.b.counts(), (0, 0, 1));
}

#[test]
fn an_unknown_sender_is_named_by_fingerprint_then_accepted() {
    let mut p = pair();
    // Cleo (a third vault) has B's card; B has not stored Cleo's.
    let mut c = Side::new(Role::Supervisor);
    let c_bea = c.person("Bea Okafor", Relation::ISupervise);
    let b_card = p.b.card();
    c.packets()
        .set_peer(&c_bea, &b_card, now())
        .expect("c stores b");
    let sealed = c
        .packets()
        .seal(&c_bea, every_kind("c"), vec![], now())
        .expect("seal");
    let c_fp = c.fingerprint();

    let err =
        p.b.packets()
            .open(&sealed.bytes, now())
            .expect_err("unknown");
    match &err {
        Error::UnknownSender { card, fingerprint } => {
            assert_eq!(fingerprint, &c_fp);
            assert_eq!(card, &c.card());
        }
        other => panic!("expected UnknownSender, got {other}"),
    }
    assert_eq!(err.code(), ErrorCode::UnknownSender);
    assert!(err.to_string().contains(&c_fp), "{err}");
    let err =
        p.b.packets()
            .import_with(&sealed.bytes, now(), no_effects)
            .expect_err("unknown");
    assert_eq!(err.code(), ErrorCode::UnknownSender);
    assert_eq!(p.b.counts(), (0, 0, 1));

    // Accepting checks the packet again: a damaged one is refused.
    let b_cleo = p.b.person("Cleo Vance", Relation::SupervisesMe);
    let mut bad = sealed.bytes.clone();
    let last = bad.len() - 1;
    bad[last] ^= 1;
    assert!(p.b.packets().accept_sender(&bad, &b_cleo, now()).is_err());
    // One's own packet's key is one's own.
    let own =
        p.b.packets()
            .seal(&p.b_sam, every_kind("o"), vec![], now())
            .expect("own")
            .bytes;
    assert!(p.b.packets().accept_sender(&own, &b_cleo, now()).is_err());
    assert_eq!(p.b.counts().2, 1);

    let key =
        p.b.packets()
            .accept_sender(&sealed.bytes, &b_cleo, now())
            .expect("accept");
    assert_eq!(key.fingerprint, c_fp);
    assert_eq!(key.person_id, b_cleo);
    let opened = p.b.packets().open(&sealed.bytes, now()).expect("now known");
    assert_eq!(opened.sender_person_id, b_cleo);
    let outcome =
        p.b.packets()
            .import_with(&sealed.bytes, now(), no_effects)
            .expect("import");
    assert_eq!(outcome.person_id, b_cleo);
    assert_eq!(outcome.added, 12);
}

#[test]
fn a_packet_is_imported_once() {
    let mut p = pair();
    let bytes = small(&mut p);
    p.b.packets()
        .import_with(&bytes, now(), no_effects)
        .expect("first");
    let later = now() + chrono::Duration::days(2);
    for err in [
        p.b.packets().open(&bytes, later).expect_err("replay"),
        p.b.packets()
            .import_with(&bytes, later, no_effects)
            .expect_err("replay"),
    ] {
        assert!(matches!(err, Error::PacketAlreadyImported { .. }), "{err}");
        assert!(
            err.to_string()
                .contains("already imported on 30 November 2026"),
            "{err}"
        );
    }
    assert_eq!(p.b.counts(), (1, 1, 1));
}
