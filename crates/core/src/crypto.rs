//! The AES-256-GCM envelope: keys, the sealed value format, AAD, and Argon2id.
//!
//! Sealed value format (version 2; version 1 is read for values written
//! before schema 5):
//!
//! ```text
//! [0]      format version (2, or 1 for older values)
//! [1..17]  key id (16 bytes: the UUID of the data key or key slot)
//! [17..29] nonce (96 bits from the OS RNG, fresh for every seal)
//! [29..]   ciphertext ‖ 128-bit GCM tag
//! ```
//!
//! The associated data is the version byte, the key id, and a [`Context`] that
//! names where the value lives (table, column, row id) and, from version 2,
//! the row's *bound* plaintext columns (kind, status, owner, timestamps): a
//! value copied to another row, column or table, sealed under another key, or
//! whose row had a bound column edited on disk, fails to open.
//!
//! Version 1 values (written before the bound columns existed) still open,
//! without the column check; every write seals version 2.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use uuid::Uuid;
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Error, Result};

/// Current sealed value format version (what [`seal`] writes).
pub const SEALED_VERSION: u8 = 2;
/// The first format, without bound columns in the AAD; still opened.
pub const SEALED_VERSION_LEGACY: u8 = 1;
const KEY_ID_LEN: usize = 16;
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;
/// Bytes a sealed value adds to its plaintext.
pub const SEAL_OVERHEAD: usize = 1 + KEY_ID_LEN + NONCE_LEN + TAG_LEN;
const HEADER_LEN: usize = 1 + KEY_ID_LEN + NONCE_LEN;

/// A 256-bit secret key. Zeroized on drop; no `Debug`, `Clone` or `Serialize`.
pub struct SecretKey(Zeroizing<[u8; 32]>);

impl SecretKey {
    /// A fresh random key from the OS RNG.
    pub fn generate() -> Result<Self> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        fill_random(bytes.as_mut())?;
        Ok(SecretKey(bytes))
    }

    /// Takes ownership of key bytes (the caller's copy should be zeroized).
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        SecretKey(Zeroizing::new(bytes))
    }

    /// Reads a key from a slice of exactly 32 bytes.
    pub fn from_slice(bytes: &[u8]) -> Option<Self> {
        let arr: [u8; 32] = bytes.try_into().ok()?;
        Some(SecretKey(Zeroizing::new(arr)))
    }

    /// The raw key bytes (for wrapping or storing in the keychain).
    pub fn expose(&self) -> &[u8; 32] {
        &self.0
    }

    fn cipher(&self) -> Result<Aes256Gcm> {
        Aes256Gcm::new_from_slice(self.0.as_ref())
            .map_err(|_| Error::Internal("AES-256 key length".into()))
    }
}

/// Where a sealed value lives. Bound into the AAD so that a value cannot be
/// moved to another place without failing to open.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// Table (or, for key slots, the literal `keyslots`).
    pub table: &'a str,
    /// Column (or slot kind).
    pub column: &'a str,
    /// Row id (or `vault id/slot id`).
    pub row: &'a str,
    /// The row's plaintext columns that must not change without the value
    /// being sealed again (in a fixed order chosen by the table's store).
    pub bound: &'a [&'a str],
}

impl<'a> Context<'a> {
    /// A context for `table.column` of row `row`.
    pub const fn new(table: &'a str, column: &'a str, row: &'a str) -> Self {
        Context {
            table,
            column,
            row,
            bound: &[],
        }
    }

    /// The same place, binding the row's plaintext column values.
    pub const fn binding(self, bound: &'a [&'a str]) -> Self {
        Context { bound, ..self }
    }

    fn aad(&self, header: &[u8]) -> Vec<u8> {
        let mut aad = Vec::with_capacity(96);
        aad.extend_from_slice(b"confidant.sealed");
        let mut push = |part: &[u8]| {
            // Length-prefixed, so ("ab","c") and ("a","bc") differ.
            aad.extend_from_slice(&(part.len() as u32).to_be_bytes());
            aad.extend_from_slice(part);
        };
        for part in [
            header,
            self.table.as_bytes(),
            self.column.as_bytes(),
            self.row.as_bytes(),
        ] {
            push(part);
        }
        if header.first() != Some(&SEALED_VERSION_LEGACY) {
            push(&(self.bound.len() as u32).to_be_bytes());
            for part in self.bound {
                push(part.as_bytes());
            }
        }
        aad
    }
}

/// Fills `buf` from the OS RNG.
pub fn fill_random(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf)
        .map_err(|e| Error::Internal(format!("the OS random generator failed: {e}")))
}

/// Seals `plaintext` under `key` (whose id is `key_id`) for the place `ctx`.
pub fn seal(key: &SecretKey, key_id: Uuid, ctx: Context<'_>, plaintext: &[u8]) -> Result<Vec<u8>> {
    let mut header = [0u8; HEADER_LEN];
    header[0] = SEALED_VERSION;
    header[1..17].copy_from_slice(key_id.as_bytes());
    fill_random(&mut header[17..HEADER_LEN])?;
    let nonce = Nonce::from(
        <[u8; NONCE_LEN]>::try_from(&header[17..HEADER_LEN])
            .map_err(|_| Error::Internal("nonce length".into()))?,
    );
    let aad = ctx.aad(&header[..17]);
    let ct = key
        .cipher()?
        .encrypt(
            &nonce,
            Payload {
                msg: plaintext,
                aad: &aad,
            },
        )
        .map_err(|_| Error::Internal("encryption failed".into()))?;
    let mut out = Vec::with_capacity(HEADER_LEN + ct.len());
    out.extend_from_slice(&header);
    out.extend_from_slice(&ct);
    Ok(out)
}

/// The key id in a sealed value's header, if the header is well formed.
pub fn sealed_key_id(sealed: &[u8]) -> Option<Uuid> {
    if sealed.len() < SEAL_OVERHEAD || !known_version(sealed[0]) {
        return None;
    }
    Uuid::from_slice(&sealed[1..17]).ok()
}

fn known_version(v: u8) -> bool {
    v == SEALED_VERSION || v == SEALED_VERSION_LEGACY
}

/// Opens a sealed value. Any damage — wrong version, truncation, a flipped
/// bit anywhere, another key, another place — yields `Error::Integrity(what)`.
pub fn open(
    key: &SecretKey,
    ctx: Context<'_>,
    sealed: &[u8],
    what: &str,
) -> Result<Zeroizing<Vec<u8>>> {
    let integrity = || Error::Integrity(what.to_string());
    if sealed.len() < SEAL_OVERHEAD || !known_version(sealed[0]) {
        return Err(integrity());
    }
    let nonce_bytes: [u8; NONCE_LEN] =
        sealed[17..HEADER_LEN].try_into().map_err(|_| integrity())?;
    let nonce = Nonce::from(nonce_bytes);
    let aad = ctx.aad(&sealed[..17]);
    key.cipher()?
        .decrypt(
            &nonce,
            Payload {
                msg: &sealed[HEADER_LEN..],
                aad: &aad,
            },
        )
        .map(Zeroizing::new)
        .map_err(|_| integrity())
}

/// Opens a sealed UTF-8 string.
pub fn open_string(
    key: &SecretKey,
    ctx: Context<'_>,
    sealed: &[u8],
    what: &str,
) -> Result<Zeroizing<String>> {
    let mut bytes = open(key, ctx, sealed, what)?;
    let text = String::from_utf8(std::mem::take(&mut *bytes)).map_err(|e| {
        let mut raw = e.into_bytes();
        raw.zeroize();
        Error::Integrity(what.to_string())
    })?;
    Ok(Zeroizing::new(text))
}

/// Argon2id cost parameters. Stored beside each slot so they can be raised later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_cost: u32,
    /// Iterations.
    pub t_cost: u32,
    /// Lanes.
    pub p_cost: u32,
}

impl KdfParams {
    /// The defaults for real vaults: 64 MiB, 3 passes, 1 lane.
    pub const DEFAULT: KdfParams = KdfParams {
        m_cost: 64 * 1024,
        t_cost: 3,
        p_cost: 1,
    };

    /// Cheap parameters for unit tests only. Never used by the app.
    pub const INSECURE_FOR_TESTS: KdfParams = KdfParams {
        m_cost: 256,
        t_cost: 1,
        p_cost: 1,
    };

    /// Text form stored in the database: `argon2id;m=65536;t=3;p=1`.
    pub fn encode(&self) -> String {
        format!(
            "argon2id;m={};t={};p={}",
            self.m_cost, self.t_cost, self.p_cost
        )
    }

    /// The most memory a stored parameter set may ask for (1 GiB, in KiB).
    pub const MAX_M_COST: u32 = 1024 * 1024;
    /// The most passes a stored parameter set may ask for.
    pub const MAX_T_COST: u32 = 16;
    /// The most lanes a stored parameter set may ask for.
    pub const MAX_P_COST: u32 = 8;

    /// Whether these parameters are within the bounds this build accepts:
    /// the stored text is not authenticated before it is used, so a tampered
    /// value must not be able to ask for terabytes of memory or hours of work.
    pub fn in_bounds(&self) -> bool {
        (1..=Self::MAX_P_COST).contains(&self.p_cost)
            && (1..=Self::MAX_T_COST).contains(&self.t_cost)
            && self.m_cost >= 8 * self.p_cost
            && self.m_cost <= Self::MAX_M_COST
    }

    /// Parses [`KdfParams::encode`]'s form. Parameters outside
    /// [`KdfParams::in_bounds`] are refused (the caller reports damage).
    pub fn decode(text: &str) -> Option<KdfParams> {
        if text.len() > 64 {
            return None;
        }
        let mut parts = text.split(';');
        if parts.next()? != "argon2id" {
            return None;
        }
        let mut get =
            |prefix: &str| -> Option<u32> { parts.next()?.strip_prefix(prefix)?.parse().ok() };
        let m_cost = get("m=")?;
        let t_cost = get("t=")?;
        let p_cost = get("p=")?;
        if parts.next().is_some() {
            return None;
        }
        Some(KdfParams {
            m_cost,
            t_cost,
            p_cost,
        })
        .filter(KdfParams::in_bounds)
    }
}

/// Derives a 256-bit key with Argon2id from `secret_input` and `salt`,
/// optionally keyed with `pepper` (Argon2's secret parameter: used to bind a
/// passcode to the keychain key, so both are needed).
pub fn derive_key(
    params: KdfParams,
    secret_input: &[u8],
    salt: &[u8],
    pepper: Option<&[u8]>,
) -> Result<SecretKey> {
    use argon2::{Algorithm, Argon2, Params, Version};
    let p = Params::new(params.m_cost, params.t_cost, params.p_cost, Some(32))
        .map_err(|e| Error::Internal(format!("argon2 parameters: {e}")))?;
    let argon = match pepper {
        Some(pepper) => Argon2::new_with_secret(pepper, Algorithm::Argon2id, Version::V0x13, p)
            .map_err(|e| Error::Internal(format!("argon2 secret: {e}")))?,
        None => Argon2::new(Algorithm::Argon2id, Version::V0x13, p),
    };
    let mut out = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(secret_input, salt, out.as_mut())
        .map_err(|e| Error::Internal(format!("argon2: {e}")))?;
    Ok(SecretKey(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn key() -> SecretKey {
        SecretKey::generate().expect("rng")
    }

    const CTX: Context<'static> = Context::new("journal_entries", "body", "row-1");

    #[test]
    fn round_trip() {
        let k = key();
        let id = Uuid::new_v4();
        let sealed = seal(&k, id, CTX, b"hello supervision").expect("seal");
        assert_eq!(sealed.len(), b"hello supervision".len() + SEAL_OVERHEAD);
        assert_eq!(sealed_key_id(&sealed), Some(id));
        let opened = open(&k, CTX, &sealed, "entry").expect("open");
        assert_eq!(opened.as_slice(), b"hello supervision");
    }

    #[test]
    fn every_flipped_byte_is_an_integrity_error() {
        let k = key();
        let sealed = seal(&k, Uuid::new_v4(), CTX, b"a sealed reflection").expect("seal");
        for i in 0..sealed.len() {
            for bit in [0x01u8, 0x80] {
                let mut bad = sealed.clone();
                bad[i] ^= bit;
                match open(&k, CTX, &bad, "entry") {
                    Err(Error::Integrity(what)) => assert_eq!(what, "entry"),
                    other => panic!(
                        "byte {i} bit {bit:#x}: expected integrity error, got {:?}",
                        other.map(|v| v.len())
                    ),
                }
            }
        }
    }

    #[test]
    fn truncated_and_empty_values_fail() {
        let k = key();
        let sealed = seal(&k, Uuid::new_v4(), CTX, b"x").expect("seal");
        for len in 0..sealed.len() {
            assert!(matches!(
                open(&k, CTX, &sealed[..len], "e"),
                Err(Error::Integrity(_))
            ));
        }
    }

    #[test]
    fn value_moved_to_another_row_column_or_table_fails() {
        let k = key();
        let sealed = seal(&k, Uuid::new_v4(), CTX, b"secret").expect("seal");
        for other in [
            Context::new("journal_entries", "body", "row-2"),
            Context::new("journal_entries", "title", "row-1"),
            Context::new("settings", "body", "row-1"),
            Context::new("journal_entriesbody", "", "row-1"),
        ] {
            assert!(matches!(
                open(&k, other, &sealed, "e"),
                Err(Error::Integrity(_))
            ));
        }
    }

    #[test]
    fn another_key_fails() {
        let sealed = seal(&key(), Uuid::new_v4(), CTX, b"secret").expect("seal");
        assert!(matches!(
            open(&key(), CTX, &sealed, "e"),
            Err(Error::Integrity(_))
        ));
    }

    #[test]
    fn unknown_version_fails() {
        let k = key();
        let mut sealed = seal(&k, Uuid::new_v4(), CTX, b"secret").expect("seal");
        sealed[0] = 3;
        assert!(matches!(
            open(&k, CTX, &sealed, "e"),
            Err(Error::Integrity(_))
        ));
    }

    #[test]
    fn nonces_are_unique_over_100k_seals() {
        let k = key();
        let id = Uuid::new_v4();
        let mut seen = HashSet::with_capacity(100_000);
        for _ in 0..100_000 {
            let sealed = seal(&k, id, CTX, b"").expect("seal");
            let nonce: [u8; 12] = sealed[17..29].try_into().expect("nonce");
            assert!(seen.insert(nonce), "nonce repeated");
        }
    }

    #[test]
    fn kdf_params_round_trip_and_reject_garbage() {
        let p = KdfParams::DEFAULT;
        assert_eq!(KdfParams::decode(&p.encode()), Some(p));
        assert_eq!(KdfParams::decode("scrypt;m=1;t=1;p=1"), None);
        assert_eq!(KdfParams::decode("argon2id;m=x;t=1;p=1"), None);
    }

    #[test]
    fn kdf_params_out_of_bounds_are_refused() {
        assert!(KdfParams::DEFAULT.in_bounds());
        assert!(KdfParams::INSECURE_FOR_TESTS.in_bounds());
        for bad in [
            "argon2id;m=4294967295;t=3;p=1",
            "argon2id;m=65536;t=4000000;p=1",
            "argon2id;m=65536;t=3;p=0",
            "argon2id;m=65536;t=3;p=255",
            "argon2id;m=4;t=1;p=1",
            "argon2id;m=65536;t=0;p=1",
            "argon2id;m=65536;t=3;p=1;x=1",
        ] {
            assert_eq!(KdfParams::decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn an_edited_bound_column_fails_to_open() {
        let k = key();
        let ctx = CTX.binding(&["held", "1700000000000"]);
        let sealed = seal(&k, Uuid::new_v4(), ctx, b"attendance").expect("seal");
        assert_eq!(
            open(&k, ctx, &sealed, "e").expect("open").as_slice(),
            b"attendance"
        );
        for other in [
            CTX.binding(&["cancelled", "1700000000000"]),
            CTX.binding(&["held", "1700000000001"]),
            CTX.binding(&["held"]),
            CTX.binding(&["held", "1700000000000", ""]),
            CTX,
        ] {
            assert!(matches!(
                open(&k, other, &sealed, "e"),
                Err(Error::Integrity(_))
            ));
        }
    }

    #[test]
    fn version_1_values_still_open_without_bound_columns() {
        // A value as the first format wrote it: AAD without the bound part.
        let k = key();
        let id = Uuid::new_v4();
        let mut header = [0u8; HEADER_LEN];
        header[0] = SEALED_VERSION_LEGACY;
        header[1..17].copy_from_slice(id.as_bytes());
        fill_random(&mut header[17..]).expect("rng");
        let nonce = Nonce::from(<[u8; NONCE_LEN]>::try_from(&header[17..]).expect("n"));
        let aad = CTX.aad(&header[..17]);
        let ct = k
            .cipher()
            .expect("cipher")
            .encrypt(
                &nonce,
                Payload {
                    msg: b"old entry",
                    aad: &aad,
                },
            )
            .expect("encrypt");
        let mut v1 = header.to_vec();
        v1.extend_from_slice(&ct);
        assert_eq!(
            open(&k, CTX.binding(&["x"]), &v1, "e")
                .expect("open")
                .as_slice(),
            b"old entry"
        );
        // Relabelled as version 2 it no longer opens.
        let mut relabelled = v1.clone();
        relabelled[0] = SEALED_VERSION;
        assert!(open(&k, CTX, &relabelled, "e").is_err());
    }

    #[test]
    fn derive_key_depends_on_every_input() {
        let p = KdfParams::INSECURE_FOR_TESTS;
        let salt = [7u8; 16];
        let a = derive_key(p, b"code", &salt, None).expect("kdf");
        let a2 = derive_key(p, b"code", &salt, None).expect("kdf");
        assert_eq!(a.expose(), a2.expose());
        let b = derive_key(p, b"code2", &salt, None).expect("kdf");
        let c = derive_key(p, b"code", &[8u8; 16], None).expect("kdf");
        let d = derive_key(p, b"code", &salt, Some(b"pepper")).expect("kdf");
        for other in [&b, &c, &d] {
            assert_ne!(a.expose(), other.expose());
        }
    }
}
