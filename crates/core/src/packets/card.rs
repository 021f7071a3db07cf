//! Identity cards and fingerprints. A card is one line of text:
//! `confidant-card-1:<age X25519 recipient>:<Ed25519 verifying key, base64url>`.
//! Its fingerprint is 20 characters (100 bits of SHA-256 over both public
//! keys) in Crockford's base-32 alphabet (no I, L, O or U, so nothing reads
//! as something else aloud), in five groups of four.

use std::str::FromStr;

use ed25519_dalek::VerifyingKey;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// The start of every card.
pub const CARD_PREFIX: &str = "confidant-card-";
/// The card version this build writes and reads.
pub const CARD_VERSION: u32 = 1;
/// Characters in a fingerprint (without the spaces between groups).
pub const FINGERPRINT_CHARS: usize = 20;
/// The fingerprint alphabet (Crockford's base 32).
pub const FINGERPRINT_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Longest card text accepted (a card is about 130 characters).
pub const CARD_MAX_CHARS: usize = 400;

/// A parsed card: both public keys.
#[derive(Clone)]
pub(crate) struct Card {
    pub(crate) recipient: age::x25519::Recipient,
    pub(crate) verifying: VerifyingKey,
}

fn invalid(message: &str) -> Error {
    Error::InvalidInput(message.to_string())
}

impl Card {
    /// Reads a card as pasted (surrounding spaces ignored). Each kind of
    /// mistake has its own message.
    pub(crate) fn parse(text: &str) -> Result<Card> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Error::Empty("The identity card"));
        }
        if text.chars().count() > CARD_MAX_CHARS {
            return Err(invalid(
                "This is too long to be a Confidant identity card. Copy only the one line that starts with \"confidant-card-\".",
            ));
        }
        let Some(rest) = text.strip_prefix(CARD_PREFIX) else {
            return Err(invalid(
                "This is not a Confidant identity card. Copy the whole line that starts with \"confidant-card-\" from the other person's Confidant.",
            ));
        };
        let mut parts = rest.split(':');
        let version = parts.next().unwrap_or("");
        let recipient = parts.next();
        let verifying = parts.next();
        let extra = parts.next();
        match version.parse::<u32>() {
            Ok(CARD_VERSION) => {}
            Ok(v) if v > CARD_VERSION => {
                return Err(invalid(
                    "This identity card was made by a newer version of Confidant. Update Confidant to use it.",
                ))
            }
            _ => {
                return Err(invalid(
                    "This identity card's version is not valid. Copy the whole line again.",
                ))
            }
        }
        let (Some(recipient), Some(verifying), None) = (recipient, verifying, extra) else {
            return Err(invalid(
                "This identity card is incomplete: it needs both keys. Copy the whole line again.",
            ));
        };
        let recipient = age::x25519::Recipient::from_str(recipient).map_err(|_| {
            invalid(
                "The encryption key in this identity card is not valid. Copy the whole line again.",
            )
        })?;
        let verifying = decode_b64url(verifying)
            .and_then(|b| <[u8; 32]>::try_from(b.as_slice()).ok())
            .and_then(|b| VerifyingKey::from_bytes(&b).ok())
            .filter(|k| !k.is_weak())
            .ok_or_else(|| {
                invalid("The signing key in this identity card is not valid. Copy the whole line again.")
            })?;
        Ok(Card {
            recipient,
            verifying,
        })
    }

    /// The card's text (canonical: the same keys always give the same text).
    pub(crate) fn text(&self) -> String {
        format!(
            "{CARD_PREFIX}{CARD_VERSION}:{}:{}",
            self.recipient,
            encode_b64url(self.verifying.as_bytes())
        )
    }

    /// The fingerprint, in five groups of four separated by spaces.
    pub(crate) fn fingerprint(&self) -> String {
        let mut h = Sha256::new();
        h.update(b"confidant-fingerprint-1\0");
        h.update(self.recipient.to_string().as_bytes());
        h.update(b"\0");
        h.update(self.verifying.as_bytes());
        let digest = h.finalize();
        // 100 bits: 20 symbols of 5 bits each, from the digest's first 13 bytes.
        let mut out = String::with_capacity(FINGERPRINT_CHARS + 4);
        let mut acc: u32 = 0;
        let mut bits = 0;
        let mut bytes = digest.iter();
        for i in 0..FINGERPRINT_CHARS {
            if bits < 5 {
                acc = (acc << 8) | u32::from(*bytes.next().unwrap_or(&0));
                bits += 8;
            }
            bits -= 5;
            let symbol = (acc >> bits) & 31;
            if i > 0 && i % 4 == 0 {
                out.push(' ');
            }
            out.push(char::from(FINGERPRINT_ALPHABET[symbol as usize]));
        }
        out
    }

    /// Whether both keys are the same as `other`'s.
    pub(crate) fn same_as(&self, other: &Card) -> bool {
        self.recipient == other.recipient && self.verifying == other.verifying
    }
}

const B64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding.
pub(crate) fn encode_b64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let symbols = chunk.len() + 1;
        for i in 0..symbols {
            let idx = (n >> (18 - 6 * i)) & 63;
            out.push(char::from(B64URL[idx as usize]));
        }
    }
    out
}

/// Decodes base64url without padding; `None` for anything else
/// (padding, other characters, a length no encoding produces, or
/// non-zero trailing bits).
pub(crate) fn decode_b64url(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| B64URL.iter().position(|&x| x == c).map(|p| p as u32);
    let bytes = text.as_bytes();
    if bytes.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3 + 2);
    for chunk in bytes.chunks(4) {
        let mut n: u32 = 0;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let produced = chunk.len() - 1;
        let all = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        // The bits beyond the produced bytes must be zero (canonical form).
        if all[produced..].iter().any(|&b| b != 0) {
            return None;
        }
        out.extend_from_slice(&all[..produced]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..70usize {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let text = encode_b64url(&bytes);
            assert_eq!(decode_b64url(&text), Some(bytes), "length {len}");
        }
        assert_eq!(encode_b64url(b"hello"), "aGVsbG8");
        assert_eq!(decode_b64url("aGVsbG8="), None, "padding refused");
        assert_eq!(decode_b64url("aGVsbG9"), None, "non-canonical tail bits");
        assert_eq!(decode_b64url("a"), None);
    }

    #[test]
    fn fingerprint_has_five_groups_in_the_alphabet() {
        let id = age::x25519::Identity::generate();
        let sk = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
        let card = Card {
            recipient: id.to_public(),
            verifying: sk.verifying_key(),
        };
        let fp = card.fingerprint();
        let groups: Vec<&str> = fp.split(' ').collect();
        assert_eq!(groups.len(), 5);
        assert!(groups.iter().all(|g| g.len() == 4));
        assert!(fp
            .bytes()
            .filter(|&b| b != b' ')
            .all(|b| FINGERPRINT_ALPHABET.contains(&b)));
        let again = Card::parse(&card.text()).expect("parse");
        assert_eq!(again.fingerprint(), fp);
        assert!(again.same_as(&card));
    }
}
