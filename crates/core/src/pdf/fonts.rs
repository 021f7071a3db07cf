//! The bundled fonts and the choice of font for each character.
//!
//! Every report is set in Noto Sans (Latin, Greek, Cyrillic, regular and
//! bold). Characters Noto Sans lacks fall back to Noto Sans Arabic (regular
//! and bold), then to Noto Sans SC (simplified Chinese, one weight, also
//! used for bold). The files are in `crates/core/fonts/` with their SIL Open
//! Font Licence texts; each PDF embeds only the glyphs it uses (krilla
//! subsets them).

use std::sync::LazyLock;

use rustybuzz::Face;

/// A font's bytes, compiled in.
static NOTO_SANS_REGULAR: &[u8] = include_bytes!("../../fonts/NotoSans-Regular.ttf");
static NOTO_SANS_BOLD: &[u8] = include_bytes!("../../fonts/NotoSans-Bold.ttf");
static NOTO_ARABIC_REGULAR: &[u8] = include_bytes!("../../fonts/NotoSansArabic-Regular.ttf");
static NOTO_ARABIC_BOLD: &[u8] = include_bytes!("../../fonts/NotoSansArabic-Bold.ttf");
static NOTO_SC_REGULAR: &[u8] = include_bytes!("../../fonts/NotoSansSC-Regular.ttf");

/// The weight of a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weight {
    /// Regular text.
    Regular,
    /// Bold text (headings, labels).
    Bold,
}

/// One of the bundled font files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum FontId {
    SansRegular,
    SansBold,
    ArabicRegular,
    ArabicBold,
    Cjk,
}

impl FontId {
    const ALL: [FontId; 5] = [
        FontId::SansRegular,
        FontId::SansBold,
        FontId::ArabicRegular,
        FontId::ArabicBold,
        FontId::Cjk,
    ];

    fn bytes(self) -> &'static [u8] {
        match self {
            FontId::SansRegular => NOTO_SANS_REGULAR,
            FontId::SansBold => NOTO_SANS_BOLD,
            FontId::ArabicRegular => NOTO_ARABIC_REGULAR,
            FontId::ArabicBold => NOTO_ARABIC_BOLD,
            FontId::Cjk => NOTO_SC_REGULAR,
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// The fallback chain for a weight, most preferred first.
    pub(super) fn chain(weight: Weight) -> [FontId; 3] {
        match weight {
            Weight::Regular => [FontId::SansRegular, FontId::ArabicRegular, FontId::Cjk],
            Weight::Bold => [FontId::SansBold, FontId::ArabicBold, FontId::Cjk],
        }
    }

    /// The shaping face (parsed once per process).
    pub(super) fn face(self) -> &'static Face<'static> {
        &FACES[self.index()]
    }

    /// The font as krilla embeds it (created once per process).
    pub(super) fn krilla(self) -> krilla::text::Font {
        KRILLA_FONTS[self.index()].clone()
    }

    /// Whether the font has a glyph for `c`.
    pub(super) fn covers(self, c: char) -> bool {
        self.face().glyph_index(c).is_some()
    }

    /// The font's units per em, for scaling shaped advances.
    pub(super) fn units_per_em(self) -> f32 {
        self.face().units_per_em() as f32
    }
}

static FACES: LazyLock<Vec<Face<'static>>> = LazyLock::new(|| {
    FontId::ALL
        .iter()
        .map(|id| {
            // The bundled files are valid fonts; a test renders every one.
            Face::from_slice(id.bytes(), 0).expect("a bundled font parses")
        })
        .collect()
});

static KRILLA_FONTS: LazyLock<Vec<krilla::text::Font>> = LazyLock::new(|| {
    FontId::ALL
        .iter()
        .map(|id| krilla::text::Font::new(id.bytes().into(), 0).expect("a bundled font parses"))
        .collect()
});

/// Whether `c` is a combining mark that must stay in its base character's
/// font (the common combining blocks; Arabic vowel marks and Quranic marks).
fn is_combining(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{200C}'..='\u{200D}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// The font for `c` in a run of `weight`, given the font of the character
/// before it. Spaces, digits and punctuation stay in the previous font when
/// it has them (so an Arabic or Chinese phrase is not cut into pieces at
/// each space), combining marks always do; otherwise the first font of the
/// chain that has the character; a character no bundled font has is set in
/// the first font (it prints as a blank box but is still extracted as text).
pub(super) fn font_for(c: char, weight: Weight, previous: Option<FontId>) -> FontId {
    if let Some(prev) = previous {
        if is_combining(c) || (!c.is_alphabetic() && prev.covers(c)) {
            return prev;
        }
    }
    let chain = FontId::chain(weight);
    chain
        .iter()
        .copied()
        .find(|f| f.covers(c))
        .unwrap_or(chain[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_script_finds_a_font_that_has_it() {
        assert_eq!(font_for('Ł', Weight::Regular, None), FontId::SansRegular);
        assert_eq!(font_for('Α', Weight::Bold, None), FontId::SansBold);
        assert_eq!(font_for('Ж', Weight::Regular, None), FontId::SansRegular);
        assert_eq!(font_for('ل', Weight::Regular, None), FontId::ArabicRegular);
        assert_eq!(font_for('ل', Weight::Bold, None), FontId::ArabicBold);
        assert_eq!(font_for('王', Weight::Bold, None), FontId::Cjk);
        // A space after Arabic stays Arabic; a Latin letter does not.
        let arabic = Some(FontId::ArabicRegular);
        assert_eq!(
            font_for(' ', Weight::Regular, arabic),
            FontId::ArabicRegular
        );
        assert_eq!(font_for('a', Weight::Regular, arabic), FontId::SansRegular);
        // A combining accent stays with its base.
        assert_eq!(
            font_for('\u{0301}', Weight::Regular, Some(FontId::Cjk)),
            FontId::Cjk
        );
        // Nothing has it: the first font.
        assert_eq!(
            font_for('\u{1F600}', Weight::Regular, None),
            FontId::SansRegular
        );
    }
}
