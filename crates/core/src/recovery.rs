//! Recovery codes: 28 characters in 7 groups of 4 from a 30-symbol alphabet
//! without look-alikes (no 0/O, 1/I/L, U/V pairs to confuse): 28 × log2(30)
//! ≈ 137 bits of entropy, drawn uniformly from the OS RNG.

use zeroize::Zeroizing;

use crate::crypto::fill_random;
use crate::error::{Error, Result};

/// The symbols a recovery code uses.
pub const ALPHABET: &[u8; 30] = b"ABCDEFGHJKMNPQRSTVWXYZ23456789";
/// Number of groups.
pub const GROUPS: usize = 7;
/// Characters per group.
pub const GROUP_LEN: usize = 4;
const LEN: usize = GROUPS * GROUP_LEN;

/// A recovery code in canonical form (`ABCD-EFGH-…`). Zeroized on drop.
pub struct RecoveryCode(Zeroizing<String>);

impl RecoveryCode {
    /// Draws a new code.
    pub fn generate() -> Result<Self> {
        let mut chars = Zeroizing::new(Vec::with_capacity(LEN));
        let mut buf = Zeroizing::new([0u8; 64]);
        while chars.len() < LEN {
            fill_random(buf.as_mut())?;
            for &b in buf.iter() {
                // Rejection sampling: 240 = 8 × 30 keeps the draw uniform.
                if b < 240 && chars.len() < LEN {
                    chars.push(ALPHABET[(b % 30) as usize]);
                }
            }
        }
        Ok(RecoveryCode(format_groups(&chars)))
    }

    /// Parses what a person typed: any case, with or without dashes/spaces.
    pub fn parse(input: &str) -> Result<Self> {
        let mut chars = Zeroizing::new(Vec::with_capacity(LEN));
        for c in input.chars() {
            if c == '-' || c.is_whitespace() {
                continue;
            }
            let up = c.to_ascii_uppercase();
            if !up.is_ascii() || !ALPHABET.contains(&(up as u8)) {
                let hint = match up {
                    '0' | 'O' | '1' | 'I' | 'L' | 'U' => {
                        " Recovery codes never use 0, O, 1, I, L or U; check that character against your Emergency Kit."
                    }
                    _ => "",
                };
                return Err(Error::InvalidInput(format!(
                    "The recovery code contains a character it can't have.{hint}"
                )));
            }
            chars.push(up as u8);
        }
        if chars.len() != LEN {
            return Err(Error::InvalidInput(format!(
                "A recovery code has {LEN} characters (7 groups of 4); you entered {}.",
                chars.len()
            )));
        }
        Ok(RecoveryCode(format_groups(&chars)))
    }

    /// The canonical text, for showing once in the Emergency Kit.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The bytes fed to the KDF: the 28 characters without dashes.
    pub(crate) fn kdf_input(&self) -> Zeroizing<Vec<u8>> {
        Zeroizing::new(self.0.bytes().filter(|b| *b != b'-').collect())
    }
}

impl PartialEq for RecoveryCode {
    fn eq(&self, other: &Self) -> bool {
        // Constant-time enough for a local comparison of equal-length strings.
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

fn format_groups(chars: &[u8]) -> Zeroizing<String> {
    let mut s = Zeroizing::new(String::with_capacity(LEN + GROUPS));
    for (i, c) in chars.iter().enumerate() {
        if i > 0 && i % GROUP_LEN == 0 {
            s.push('-');
        }
        s.push(*c as char);
    }
    s
}

/// The text of the Emergency Kit file.
pub fn emergency_kit_text(code: &RecoveryCode, created: &str) -> Zeroizing<String> {
    Zeroizing::new(format!(
        "CONFIDANT — EMERGENCY KIT\n\
         Created: {created}\n\n\
         Recovery code:\n\n    {}\n\n\
         This code is the only way back into your Confidant vault after reinstalling\n\
         your operating system or if the system keychain loses Confidant's key. With\n\
         a Confidant backup file, it opens your vault on a new computer. Nobody else\n\
         has it and it cannot be reset.\n\n\
         Keep it somewhere safe and private: print it and store it with your important\n\
         papers, or keep it in a password manager. Anyone holding this code and a copy\n\
         of your vault can read it, so do not email it or store it beside your backups.\n",
        code.as_str()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_codes_have_the_documented_shape() {
        let code = RecoveryCode::generate().expect("rng");
        let s = code.as_str();
        assert_eq!(s.len(), 34);
        let groups: Vec<&str> = s.split('-').collect();
        assert_eq!(groups.len(), 7);
        for g in groups {
            assert_eq!(g.len(), 4);
            assert!(g.bytes().all(|b| ALPHABET.contains(&b)));
        }
    }

    #[test]
    fn generated_codes_differ_and_cover_the_alphabet() {
        let mut seen = std::collections::HashSet::new();
        let mut symbols = std::collections::HashSet::new();
        for _ in 0..200 {
            let c = RecoveryCode::generate().expect("rng");
            symbols.extend(c.as_str().bytes().filter(|b| *b != b'-'));
            assert!(seen.insert(c.as_str().to_string()));
        }
        assert_eq!(symbols.len(), 30);
    }

    #[test]
    fn parse_accepts_typing_variations() {
        let code = RecoveryCode::generate().expect("rng");
        let lower = code.as_str().to_lowercase();
        let spaced = code.as_str().replace('-', " ");
        let bare = code.as_str().replace('-', "");
        for typed in [
            lower.as_str(),
            spaced.as_str(),
            bare.as_str(),
            code.as_str(),
        ] {
            assert!(RecoveryCode::parse(typed).expect("parse") == code);
        }
    }

    #[test]
    fn parse_rejects_wrong_length_and_ambiguous_characters() {
        assert!(
            matches!(RecoveryCode::parse("ABCD"), Err(Error::InvalidInput(m)) if m.contains("28 characters"))
        );
        let with_zero = "0BCD-EFGH-JKMN-PQRS-TVWX-YZ23-4567";
        assert!(
            matches!(RecoveryCode::parse(with_zero), Err(Error::InvalidInput(m)) if m.contains("never use 0"))
        );
        assert!(matches!(
            RecoveryCode::parse(""),
            Err(Error::InvalidInput(_))
        ));
    }

    #[test]
    fn kit_contains_the_code() {
        let code = RecoveryCode::generate().expect("rng");
        assert!(emergency_kit_text(&code, "2026-11-25").contains(code.as_str()));
    }
}
