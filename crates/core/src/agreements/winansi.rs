//! WinAnsiEncoding for the standard Helvetica fonts, and their glyph widths.
//!
//! The PDF uses the base-14 fonts Helvetica and Helvetica-Bold, which every
//! PDF reader has, so no font is embedded. They can show only the 218
//! characters of WinAnsiEncoding (Windows code page 1252: ASCII, Latin-1 and
//! typographic punctuation such as – — ‘ ’ “ ” • … €). Any other character is
//! replaced by a close equivalent — letters with accents outside Latin-1 by
//! their base letter (ł → l, ő → o, ş → s), dashes and primes by their ASCII
//! forms, ≤ by <=, → by -> — and anything else (Greek, Cyrillic, CJK, emoji)
//! by `?`. Combining accents and zero-width characters are dropped.
//!
//! The widths are those of the Adobe Helvetica metrics (the same figures as
//! the metric-compatible URW Nimbus Sans), in thousandths of the font size,
//! indexed by code − 32.

/// Which of the two fonts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Font {
    /// Helvetica.
    Regular,
    /// Helvetica-Bold.
    Bold,
}

/// The width of an encoded string in points at `size`.
pub(super) fn width(font: Font, text: &[u8], size: f32) -> f32 {
    let table = match font {
        Font::Regular => &HELVETICA,
        Font::Bold => &HELVETICA_BOLD,
    };
    let units: u32 = text
        .iter()
        .map(|&b| match b {
            32..=255 => u32::from(table[usize::from(b) - 32]),
            _ => 0,
        })
        .sum();
    units as f32 * size / 1000.0
}

/// Encodes `text` in WinAnsiEncoding, replacing what it cannot show (see the
/// module docs). Line breaks and other control characters become spaces.
pub(super) fn encode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        match encode_char(c) {
            Mapped::Byte(b) => out.push(b),
            Mapped::Text(s) => out.extend_from_slice(s.as_bytes()),
            Mapped::Drop => {}
        }
    }
    out
}

enum Mapped {
    Byte(u8),
    Text(&'static str),
    Drop,
}

fn encode_char(c: char) -> Mapped {
    let code = c as u32;
    match code {
        0x20..=0x7E => return Mapped::Byte(code as u8),
        // Latin-1 maps to itself (0xA0 no-break space included).
        0xA0..=0xFF => return Mapped::Byte(code as u8),
        _ => {}
    }
    if c.is_control() {
        return Mapped::Byte(b' ');
    }
    let byte = match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return substitute(c),
    };
    Mapped::Byte(byte)
}

/// A close equivalent for a character WinAnsi lacks.
fn substitute(c: char) -> Mapped {
    let text = match c {
        // Invisible: combining accents (the base letter stays), zero-width
        // spaces and joiners, the byte order mark, soft hyphen variants.
        '\u{0300}'..='\u{036F}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' => {
            return Mapped::Drop
        }
        // Spaces of other widths.
        '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => " ",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2043}' | '\u{2212}' => "-",
        '\u{2015}' => return Mapped::Byte(0x97),
        '\u{201B}' | '\u{2032}' => "'",
        '\u{201F}' | '\u{2033}' => "\"",
        '\u{2190}' => "<-",
        '\u{2192}' => "->",
        '\u{2194}' => "<->",
        '\u{21D2}' => "=>",
        '\u{2264}' => "<=",
        '\u{2265}' => ">=",
        '\u{2260}' => "!=",
        '\u{2248}' => "~",
        '\u{2713}' | '\u{2714}' => "v",
        '\u{2717}' | '\u{2718}' => "x",
        '\u{25CF}' | '\u{25E6}' | '\u{2023}' => return Mapped::Byte(0x95),
        'Ā' | 'Ă' | 'Ą' | 'Ǎ' => "A",
        'ā' | 'ă' | 'ą' | 'ǎ' => "a",
        'Ć' | 'Ĉ' | 'Ċ' | 'Č' => "C",
        'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'Ď' | 'Đ' => "D",
        'ď' | 'đ' => "d",
        'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' => "E",
        'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' => "G",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'Ĥ' | 'Ħ' => "H",
        'ĥ' | 'ħ' => "h",
        'Ĩ' | 'Ī' | 'Ĭ' | 'Į' | 'İ' | 'Ǐ' => "I",
        'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' => "i",
        'Ĳ' => "IJ",
        'ĳ' => "ij",
        'Ĵ' => "J",
        'ĵ' => "j",
        'Ķ' => "K",
        'ķ' | 'ĸ' => "k",
        'Ĺ' | 'Ļ' | 'Ľ' | 'Ŀ' | 'Ł' => "L",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'Ń' | 'Ņ' | 'Ň' | 'Ŋ' => "N",
        'ń' | 'ņ' | 'ň' | 'ŉ' | 'ŋ' => "n",
        'Ō' | 'Ŏ' | 'Ő' | 'Ǒ' => "O",
        'ō' | 'ŏ' | 'ő' | 'ǒ' => "o",
        'Ŕ' | 'Ŗ' | 'Ř' => "R",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'Ś' | 'Ŝ' | 'Ş' | 'Ș' => "S",
        'ś' | 'ŝ' | 'ş' | 'ș' | 'ſ' => "s",
        'Ţ' | 'Ť' | 'Ŧ' | 'Ț' => "T",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'Ũ' | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' | 'Ǔ' => "U",
        'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' => "u",
        'Ŵ' => "W",
        'ŵ' => "w",
        'Ŷ' => "Y",
        'ŷ' => "y",
        'Ź' | 'Ż' => "Z",
        'ź' | 'ż' => "z",
        _ => "?",
    };
    Mapped::Text(text)
}

const HELVETICA: [u16; 224] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // 0x20
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0x30
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // 0x40
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // 0x50
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // 0x60
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0, // 0x70
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, // 0x80
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667, // 0x90
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333, // 0xA0
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611, // 0xB0
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, // 0xC0
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, // 0xD0
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278, // 0xE0
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500, // 0xF0
];
const HELVETICA_BOLD: [u16; 224] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, // 0x20
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, // 0x30
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, // 0x40
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, // 0x50
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, // 0x60
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 0, // 0x70
    556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, // 0x80
    0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667, // 0x90
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333, // 0xA0
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611, // 0xB0
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, // 0xC0
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, // 0xD0
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278, // 0xE0
    611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556, // 0xF0
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_latin1_and_punctuation_encode_directly() {
        assert_eq!(encode("Sam (he/him)"), b"Sam (he/him)".to_vec());
        assert_eq!(
            encode("café — “quoted” • …"),
            vec![
                b'c', b'a', b'f', 0xE9, b' ', 0x97, b' ', 0x93, b'q', b'u', b'o', b't', b'e', b'd',
                0x94, b' ', 0x95, b' ', 0x85
            ]
        );
        assert_eq!(encode("€5"), vec![0x80, b'5']);
    }

    #[test]
    fn other_characters_get_close_equivalents_or_a_question_mark() {
        assert_eq!(encode("Łódź"), b"L\xF3dz".to_vec());
        assert_eq!(encode("Şahin Öztürk"), b"Sahin \xD6zt\xFCrk".to_vec());
        assert_eq!(encode("e\u{0301}"), b"e".to_vec());
        assert_eq!(encode("a ≤ b → c"), b"a <= b -> c".to_vec());
        assert_eq!(encode("Ωμ 日本 🙂"), b"?? ?? ?".to_vec());
        assert_eq!(encode("a\tb\u{200B}c"), b"a bc".to_vec());
    }

    #[test]
    fn widths_match_the_helvetica_metrics() {
        let close = |a: f32, b: f32| (a - b).abs() < 1e-3;
        assert!(close(width(Font::Regular, b"@", 1000.0), 1015.0));
        assert!(close(width(Font::Bold, b"@", 1000.0), 975.0));
        assert!(close(width(Font::Regular, b"ii", 10.0), 4.44));
        assert!(close(width(Font::Regular, &[0x97], 1000.0), 1000.0));
        assert!(
            width(Font::Bold, b"Supervision", 12.0) > width(Font::Regular, b"Supervision", 12.0)
        );
    }
}
