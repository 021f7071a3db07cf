//! Interoperability: the reference `age` command-line tool opens a packet
//! with the recipient's identity written as an age identity file, and the
//! envelope it decrypts parses and its Ed25519 signature verifies against
//! the key the sender's card names. Needs `age` (scripts/setup.sh installs
//! it); the test fails, not skips, without it.

use std::process::Command;

use confidant_core::packets::items::ItemBody;
use ed25519_dalek::{Signature, VerifyingKey};

use super::{b64url, now, out, pair, unb64url};

fn age_tool() -> String {
    std::env::var("CONFIDANT_AGE").unwrap_or_else(|_| "age".into())
}

fn age_ok() -> String {
    match Command::new(age_tool()).arg("--version").output() {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).trim().to_string(),
        Ok(o) => panic!(
            "age is installed but does not run: {}",
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(e) => panic!(
            "This test needs the age command-line tool (apt-get install age; scripts/setup.sh \
             installs it). It could not be started: {e}"
        ),
    }
}

#[test]
fn the_age_tool_opens_a_packet_and_its_signature_verifies() {
    if cfg!(windows) {
        eprintln!("skipped on Windows: the age tool is set up on Linux only");
        return;
    }
    let version = age_ok();
    let mut p = pair();
    let sealed =
        p.a.packets()
            .seal(
                &p.a_bea,
                vec![out(
                    "Agenda",
                    ItemBody::AgendaItem {
                        text: "Bring the genogram".into(),
                    },
                )],
                vec![],
                now(),
            )
            .expect("seal");
    let tmp = tempfile::tempdir().expect("tmp");
    let key = tmp.path().join("key.txt");
    let packet = tmp.path().join("packet.age");
    let secret =
        p.b.packets()
            .age_secret_for_tests()
            .expect("secret")
            .expect("made");
    assert!(secret.starts_with("AGE-SECRET-KEY-1"));
    std::fs::write(&key, format!("# test identity\n{}\n", secret.as_str())).expect("key");
    std::fs::write(&packet, &sealed.bytes).expect("packet");

    let run = Command::new(age_tool())
        .arg("-d")
        .arg("-i")
        .arg(&key)
        .arg(&packet)
        .output()
        .expect("run age");
    assert!(
        run.status.success(),
        "age {version} failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let envelope: serde_json::Value = serde_json::from_slice(&run.stdout).expect("envelope JSON");
    assert_eq!(envelope["format"], 1);
    let payload = unb64url(envelope["payload"].as_str().expect("payload"));
    assert_eq!(
        b64url(&payload),
        envelope["payload"].as_str().expect("payload")
    );
    let signature: [u8; 64] = unb64url(envelope["signature"].as_str().expect("signature"))
        .try_into()
        .expect("64 bytes");
    let body: serde_json::Value = serde_json::from_slice(&payload).expect("payload JSON");
    assert_eq!(body["format"], 1);
    assert_eq!(body["packet_id"], sealed.packet_id.as_str());
    assert_eq!(body["items"][0]["body"]["kind"], "agenda_item");
    assert_eq!(body["items"][0]["body"]["text"], "Bring the genogram");
    assert_eq!(body["recipient"], p.b.fingerprint().as_str());
    let card = body["sender"].as_str().expect("sender");
    assert_eq!(card, p.a.card());
    let vk: [u8; 32] = unb64url(card.rsplit(':').next().expect("key"))
        .try_into()
        .expect("32 bytes");
    let vk = VerifyingKey::from_bytes(&vk).expect("verifying key");
    let mut message = b"confidant-packet-signature-1\0".to_vec();
    message.extend_from_slice(&payload);
    vk.verify_strict(&message, &Signature::from_bytes(&signature))
        .expect("the signature verifies");
    // And it does not verify for other bytes (the check can fail).
    message.push(b' ');
    assert!(vk
        .verify_strict(&message, &Signature::from_bytes(&signature))
        .is_err());

    // The sender's own identity opens it too (the second recipient).
    let a_secret =
        p.a.packets()
            .age_secret_for_tests()
            .expect("s")
            .expect("made");
    std::fs::write(&key, format!("{}\n", a_secret.as_str())).expect("key");
    let run = Command::new(age_tool())
        .args(["-d", "-i"])
        .arg(&key)
        .arg(&packet)
        .output()
        .expect("run age");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // A third identity does not.
    let mut c = super::Side::new(confidant_core::vault::Role::Supervisee);
    c.card();
    let c_secret = c
        .packets()
        .age_secret_for_tests()
        .expect("s")
        .expect("made");
    std::fs::write(&key, format!("{}\n", c_secret.as_str())).expect("key");
    let run = Command::new(age_tool())
        .args(["-d", "-i"])
        .arg(&key)
        .arg(&packet)
        .output()
        .expect("run age");
    assert!(!run.status.success());
}
