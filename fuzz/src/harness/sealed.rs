//! Sealed values (`confidant_core::crypto`): AES-256-GCM with the value's
//! place (table, column, row and the row's plaintext columns) bound as AAD.
//!
//! Input: a 32-byte key, a key-id byte, the place (three length-prefixed
//! strings and up to three bound values), a bit position, then the rest,
//! used both as a candidate sealed value and as a plaintext.
//!
//! Invariants:
//! - any bytes opened under a fresh random key fail (never open, never panic);
//! - bytes opened under the input's key either fail, or carry a well formed
//!   header (`sealed_key_id` is `Some`) and re-seal to the same plaintext;
//! - a value sealed here opens to the same bytes in the same place, names
//!   its key id, and fails with another key, another table, column or row,
//!   another bound column, one flipped bit or one byte cut off;
//! - `open_string` agrees with `open` and UTF-8.

use confidant_core::crypto::{self, Context, SecretKey};
use confidant_core::Error;

use super::Cursor;

const WHAT: &str = "A fuzzed value";

fn fails(result: confidant_core::Result<impl Sized>, why: &str) {
    match result {
        Err(Error::Integrity(what)) => assert_eq!(what, WHAT, "{why}: the error names the value"),
        Err(other) => panic!("{why}: expected an integrity error, got {other:?}"),
        Ok(_) => panic!("{why}: opened"),
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// One fuzz input. Returns whether the input's bytes opened under the
/// input's key (the round trip of a value sealed here is checked on every
/// input).
pub fn run(data: &[u8]) -> bool {
    let mut c = Cursor::new(data);
    let mut key_bytes = [0u8; 32];
    let k = c.take(32);
    key_bytes[..k.len()].copy_from_slice(k);
    let key = SecretKey::from_bytes(key_bytes);
    let key_id = uuid_from(c.byte());
    let table = text(c.piece());
    let column = text(c.piece());
    let row = text(c.piece());
    let bound_count = usize::from(c.byte() % 4);
    let bound_owned: Vec<String> = (0..bound_count).map(|_| text(c.piece())).collect();
    let bound: Vec<&str> = bound_owned.iter().map(String::as_str).collect();
    let flip_at = c.u32() as usize;
    let rest = c.rest();
    let ctx = Context::new(&table, &column, &row).binding(&bound);

    // Hostile bytes under a key nobody chose.
    let stranger = SecretKey::generate().expect("a random key");
    fails(crypto::open(&stranger, ctx, rest, WHAT), "random key");
    fails(
        crypto::open_string(&stranger, ctx, rest, WHAT),
        "random key (string)",
    );

    // Hostile bytes under the input's key.
    let opened_as_given = crypto::open(&key, ctx, rest, WHAT);
    let accepted = opened_as_given.is_ok();
    if let Ok(plain) = opened_as_given {
        assert!(
            crypto::sealed_key_id(rest).is_some(),
            "opened without a header"
        );
        let again = crypto::seal(&key, key_id, ctx, &plain).expect("seal");
        assert_eq!(
            *crypto::open(&key, ctx, &again, WHAT).expect("reopen"),
            *plain
        );
    }

    // A value sealed here.
    let sealed = crypto::seal(&key, key_id, ctx, rest).expect("seal");
    assert_eq!(crypto::sealed_key_id(&sealed), Some(key_id), "key id");
    let opened = crypto::open(&key, ctx, &sealed, WHAT).expect("opens in its place");
    assert_eq!(opened.as_slice(), rest, "round trip");
    match (
        std::str::from_utf8(rest),
        crypto::open_string(&key, ctx, &sealed, WHAT),
    ) {
        (Ok(s), Ok(t)) => assert_eq!(s, t.as_str()),
        (Err(_), r) => fails(r, "not UTF-8"),
        (Ok(_), Err(e)) => panic!("UTF-8 did not open as a string: {e:?}"),
    }
    fails(crypto::open(&stranger, ctx, &sealed, WHAT), "another key");
    let other = format!("{table}\u{0}");
    fails(
        crypto::open(
            &key,
            Context::new(&other, &column, &row).binding(&bound),
            &sealed,
            WHAT,
        ),
        "another table",
    );
    let other = format!("{column}x");
    fails(
        crypto::open(
            &key,
            Context::new(&table, &other, &row).binding(&bound),
            &sealed,
            WHAT,
        ),
        "another column",
    );
    let other = format!("{row}x");
    fails(
        crypto::open(
            &key,
            Context::new(&table, &column, &other).binding(&bound),
            &sealed,
            WHAT,
        ),
        "another row",
    );
    let mut more = bound.clone();
    more.push("");
    fails(
        crypto::open(
            &key,
            Context::new(&table, &column, &row).binding(&more),
            &sealed,
            WHAT,
        ),
        "one more bound column",
    );
    if let Some((last, head)) = bound.split_last() {
        let changed = format!("{last}x");
        let mut other: Vec<&str> = head.to_vec();
        other.push(&changed);
        fails(
            crypto::open(
                &key,
                Context::new(&table, &column, &row).binding(&other),
                &sealed,
                WHAT,
            ),
            "another bound value",
        );
    }
    let mut flipped = sealed.clone();
    let bit = flip_at % (flipped.len() * 8);
    flipped[bit / 8] ^= 1 << (bit % 8);
    fails(crypto::open(&key, ctx, &flipped, WHAT), "one bit flipped");
    fails(
        crypto::open(&key, ctx, &sealed[..sealed.len() - 1], WHAT),
        "one byte cut off",
    );
    accepted
}

fn uuid_from(b: u8) -> uuid::Uuid {
    uuid::Uuid::from_bytes([b; 16])
}
