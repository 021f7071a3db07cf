//! Packets (`Packets::open`): every check a packet file goes through, from
//! the `age` header to the items, in a supervisor's vault that knows one
//! sender (a key pair made here, its card stored on a person).
//!
//! The first byte picks what the rest is:
//! - `0`: the packet file itself (the `age` format: header, stanzas, MAC,
//!   payload chunks);
//! - `1`: the plaintext inside `age` (the JSON envelope with base64url
//!   payload and signature), encrypted here to the vault;
//! - `2`: the signed payload (JSON: format, ids, sender card, recipient
//!   fingerprint, items, withdrawals), signed here by the known sender,
//!   wrapped and encrypted. In it `$SENDER`, `$OWN` and `$RECIPIENT` are
//!   replaced by the sender's card, the vault's own card and the vault's
//!   fingerprint (they differ each run), so committed inputs stay valid.
//!
//! Invariants: nothing panics; modes 0 and 1 never open (a packet needs a
//! signature by a stored sender, which the fuzzer cannot make); a packet
//! that opens in mode 2 is from the stored sender, not this vault's own,
//! and its items and withdrawals are within the limits the checks promise
//! (ids unique, titles one non-empty line of at most 200 characters).

use std::cell::RefCell;
use std::collections::HashSet;
use std::io::Write;
use std::str::FromStr;

use confidant_core::packets::{
    Packets, CARD_PREFIX, CARD_VERSION, ITEM_TITLE_CHARS, MAX_PACKET_ITEMS, MAX_PACKET_REVOCATIONS,
};
use confidant_core::people::Relation;
use confidant_core::vault::Role;
use ed25519_dalek::{Signer, SigningKey};

use super::fixture::{self, Fixture};
use super::now;

/// The domain-separation prefix a packet signature covers (the format's,
/// `SECURITY.md` "Packets").
const SIGNING_CONTEXT: &[u8] = b"confidant-packet-signature-1\0";
/// A fixed signing key for the known sender (a fuzzing fixture, not a secret).
const SENDER_SEED: [u8; 32] = [7; 32];

struct Packet {
    fixture: Fixture,
    recipient: age::x25519::Recipient,
    person_id: String,
    sender_card: String,
    sender_fingerprint: String,
    own_card: String,
    own_fingerprint: String,
    signing: SigningKey,
}

thread_local! {
    static PACKET: RefCell<Option<Packet>> = const { RefCell::new(None) };
}

fn setup() -> Packet {
    let mut fixture = fixture::vault(Role::Supervisor);
    let own = Packets::of(&mut fixture.vault)
        .identity(now())
        .expect("the vault's identity");
    let recipient = age::x25519::Recipient::from_str(&own.age_recipient).expect("own recipient");
    let person_id = fixture::person(&mut fixture.vault, "Sam Okafor", Relation::ISupervise);
    let signing = SigningKey::from_bytes(&SENDER_SEED);
    let sender_age = age::x25519::Identity::generate().to_public();
    let sender_card = format!(
        "{CARD_PREFIX}{CARD_VERSION}:{sender_age}:{}",
        b64url(signing.verifying_key().as_bytes())
    );
    let peer = Packets::of(&mut fixture.vault)
        .set_peer(&person_id, &sender_card, now())
        .expect("the sender's card is accepted");
    Packet {
        fixture,
        recipient,
        person_id,
        sender_card,
        sender_fingerprint: peer.fingerprint,
        own_card: own.card,
        own_fingerprint: own.fingerprint,
        signing,
    }
}

/// Base64url without padding (the format's encoding).
pub fn b64url(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(ABC[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

fn encrypt(to: &age::x25519::Recipient, plain: &[u8]) -> Vec<u8> {
    let recipients: [&dyn age::Recipient; 1] = [to];
    let encryptor = age::Encryptor::with_recipients(recipients.into_iter()).expect("encryptor");
    let mut out = Vec::new();
    let mut writer = encryptor.wrap_output(&mut out).expect("age writer");
    writer.write_all(plain).expect("age write");
    writer.finish().expect("age finish");
    out
}

fn envelope(p: &Packet, payload: &[u8]) -> Vec<u8> {
    let mut message = SIGNING_CONTEXT.to_vec();
    message.extend_from_slice(payload);
    let signature = p.signing.sign(&message);
    serde_json::to_vec(&serde_json::json!({
        "format": 1,
        "payload": b64url(payload),
        "signature": b64url(&signature.to_bytes()),
    }))
    .expect("json")
}

fn fill(p: &Packet, template: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(template)
        .replace("$SENDER", &p.sender_card)
        .replace("$OWN", &p.own_card)
        .replace("$RECIPIENT", &p.own_fingerprint)
        .into_bytes()
}

/// One fuzz input. Returns whether it was accepted (the packet opened).
pub fn run(data: &[u8]) -> bool {
    let Some((&mode, rest)) = data.split_first() else {
        return false;
    };
    PACKET.with(|cell| {
        let mut slot = cell.borrow_mut();
        let p = slot.get_or_insert_with(setup);
        let (file, signed) = match mode % 3 {
            0 => (rest.to_vec(), false),
            1 => (encrypt(&p.recipient, rest), false),
            _ => (encrypt(&p.recipient, &envelope(p, &fill(p, rest))), true),
        };
        let opened = Packets::of(&mut p.fixture.vault).open(&file, now());
        let Ok(opened) = opened else {
            return false;
        };
        assert!(signed, "a packet not signed by a stored sender opened");
        assert!(
            !opened.own,
            "the fuzzer's packet passed as this vault's own"
        );
        assert_eq!(opened.sender_person_id, p.person_id);
        assert_eq!(opened.sender_fingerprint, p.sender_fingerprint);
        assert!(opened.items.len() <= MAX_PACKET_ITEMS);
        assert!(opened.revocations.len() <= MAX_PACKET_REVOCATIONS);
        let mut ids = HashSet::new();
        for item in &opened.items {
            assert!(!item.id.is_empty(), "an empty item id");
            assert!(ids.insert(item.id.as_str()), "a repeated item id");
            let title = item.title.as_str();
            assert!(!title.trim().is_empty(), "an empty title");
            assert!(
                title.chars().count() <= ITEM_TITLE_CHARS,
                "a title too long"
            );
            assert!(
                !title.contains(['\n', '\r']),
                "a title of more than one line"
            );
        }
        let mut withdrawn = HashSet::new();
        for id in &opened.revocations {
            assert!(
                !ids.contains(id.as_str()),
                "a withdrawal of an item it carries"
            );
            assert!(withdrawn.insert(id.as_str()), "a repeated withdrawal");
        }
        true
    })
}
