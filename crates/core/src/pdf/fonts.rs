//! The fonts and the choice of font for each character.
//!
//! Every report is set in Noto Sans (Latin, Greek, Cyrillic, regular and
//! bold). Characters Noto Sans lacks fall back to Noto Sans Arabic (regular
//! and bold), then to a Chinese, Japanese and Korean font (one weight, also
//! used for bold). Noto Sans and Noto Sans Arabic are compiled in (their
//! files and SIL Open Font Licence texts are in `crates/core/fonts/`). The
//! CJK font is compiled in on Windows and macOS (Noto Sans SC, 10.6 MB); on
//! Linux it is the system's Noto Sans CJK (simplified Chinese face), which
//! the `.deb` depends on (Debian's `fonts-noto-cjk`), read from disk the
//! first time a report needs it. A report with CJK text on a Linux machine
//! without that font is refused with [`Error::MissingFont`], never printed
//! as empty boxes. Each PDF embeds only the glyphs it uses (krilla subsets
//! them).

#[cfg(any(target_os = "linux", test))]
use std::path::Path;
use std::sync::LazyLock;

use rustybuzz::Face;

use crate::error::{Error, Result};

/// A font's bytes, compiled in.
static NOTO_SANS_REGULAR: &[u8] = include_bytes!("../../fonts/NotoSans-Regular.ttf");
static NOTO_SANS_BOLD: &[u8] = include_bytes!("../../fonts/NotoSans-Bold.ttf");
static NOTO_ARABIC_REGULAR: &[u8] = include_bytes!("../../fonts/NotoSansArabic-Regular.ttf");
static NOTO_ARABIC_BOLD: &[u8] = include_bytes!("../../fonts/NotoSansArabic-Bold.ttf");
#[cfg(not(target_os = "linux"))]
static NOTO_SC_REGULAR: &[u8] = include_bytes!("../../fonts/NotoSansSC-Regular.ttf");

/// Where Linux distributions install Noto Sans CJK (regular weight): Debian
/// and Ubuntu (`fonts-noto-cjk`), Arch (`noto-fonts-cjk`), older Fedora
/// (`google-noto-cjk-fonts`).
#[cfg(target_os = "linux")]
const SYSTEM_CJK: [&str; 3] = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
];

/// The largest font file read from disk (Noto Sans CJK's is about 20 MB).
#[cfg(any(target_os = "linux", test))]
const MAX_FONT_FILE: u64 = 64 * 1024 * 1024;

/// The CJK font: its bytes and which face of a collection to use.
#[derive(Debug)]
pub(super) struct CjkFont {
    bytes: &'static [u8],
    index: u32,
}

impl CjkFont {
    /// The face whose family is "Noto Sans CJK SC" in a collection (Noto
    /// Sans CJK holds Japanese, Korean, simplified and traditional Chinese
    /// faces, and monospaced ones), else the first; `None` when the bytes
    /// are not a font.
    fn from_bytes(bytes: &'static [u8]) -> Option<CjkFont> {
        let count = rustybuzz::ttf_parser::fonts_in_collection(bytes).unwrap_or(1);
        let faces: Vec<(u32, rustybuzz::ttf_parser::Face<'_>)> = (0..count)
            .filter_map(|i| {
                rustybuzz::ttf_parser::Face::parse(bytes, i)
                    .ok()
                    .map(|f| (i, f))
            })
            .collect();
        let simplified = faces.iter().find(|(_, face)| {
            face.names().into_iter().any(|name| {
                name.name_id == rustybuzz::ttf_parser::name_id::FAMILY
                    && name.to_string().is_some_and(|n| n == "Noto Sans CJK SC")
            })
        });
        let (index, _) = simplified.or(faces.first())?;
        Some(CjkFont {
            bytes,
            index: *index,
        })
    }

    /// Reads a font file (a regular file of at most 64 MB that parses).
    #[cfg(any(target_os = "linux", test))]
    pub(super) fn from_file(path: &Path) -> Option<CjkFont> {
        let meta = std::fs::metadata(path).ok()?;
        if !meta.is_file() || meta.len() > MAX_FONT_FILE {
            return None;
        }
        let bytes = std::fs::read(path).ok()?;
        // Kept for the life of the process, like the compiled-in fonts (read
        // once, the first time a report needs it).
        let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        CjkFont::from_bytes(bytes)
    }
}

/// This machine's CJK font, found once per process.
static CJK: LazyLock<Option<CjkFont>> = LazyLock::new(|| {
    #[cfg(target_os = "linux")]
    {
        SYSTEM_CJK
            .iter()
            .find_map(|path| CjkFont::from_file(Path::new(path)))
    }
    #[cfg(not(target_os = "linux"))]
    {
        CjkFont::from_bytes(NOTO_SC_REGULAR)
    }
});

static CJK_FACE: LazyLock<Option<Face<'static>>> = LazyLock::new(|| {
    CJK.as_ref()
        .and_then(|f| Face::from_slice(f.bytes, f.index))
});

static CJK_KRILLA: LazyLock<Option<krilla::text::Font>> = LazyLock::new(|| {
    CJK.as_ref()
        .and_then(|f| krilla::text::Font::new(f.bytes.into(), f.index))
});

/// Whether `c` is written in a CJK script (ideographs, kana and their
/// punctuation, as for line breaking, plus Hangul): the characters only the
/// CJK font has.
pub(super) fn is_cjk_script(c: char) -> bool {
    super::text::is_cjk(c) || matches!(c, '\u{1100}'..='\u{11FF}' | '\u{AC00}'..='\u{D7AF}')
}

/// Refuses text in a CJK script when this machine has no font for it (so a
/// name is never printed as empty boxes); `Ok` otherwise.
pub(super) fn check_cjk_font(text: &str) -> Result<()> {
    check_cjk_font_with(text, CJK.is_some())
}

fn check_cjk_font_with(text: &str, have_cjk: bool) -> Result<()> {
    if have_cjk || !text.chars().any(is_cjk_script) {
        return Ok(());
    }
    Err(Error::MissingFont(
        "This document has Chinese, Japanese or Korean text, and no font for it was found on this computer. Install the Noto Sans CJK fonts (on Debian or Ubuntu, the package fonts-noto-cjk) and try again. No PDF was written.",
    ))
}

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

    /// A compiled-in font's bytes (`None` for the CJK font, found at run time).
    fn bytes(self) -> Option<&'static [u8]> {
        match self {
            FontId::SansRegular => Some(NOTO_SANS_REGULAR),
            FontId::SansBold => Some(NOTO_SANS_BOLD),
            FontId::ArabicRegular => Some(NOTO_ARABIC_REGULAR),
            FontId::ArabicBold => Some(NOTO_ARABIC_BOLD),
            FontId::Cjk => None,
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

    /// The shaping face (parsed once per process). The CJK font is chosen
    /// only for characters it has ([`font_for`]), so it exists whenever it
    /// is asked for; were it missing, Noto Sans stands in.
    pub(super) fn face(self) -> &'static Face<'static> {
        match self {
            FontId::Cjk => CJK_FACE.as_ref().unwrap_or(&FACES[0]),
            _ => &FACES[self.index()],
        }
    }

    /// The font as krilla embeds it (created once per process; see [`Self::face`]).
    pub(super) fn krilla(self) -> krilla::text::Font {
        match self {
            FontId::Cjk => CJK_KRILLA.as_ref().unwrap_or(&KRILLA_FONTS[0]).clone(),
            _ => KRILLA_FONTS[self.index()].clone(),
        }
    }

    /// Whether the font has a glyph for `c`.
    pub(super) fn covers(self, c: char) -> bool {
        match self {
            FontId::Cjk => CJK_FACE
                .as_ref()
                .is_some_and(|f| f.glyph_index(c).is_some()),
            _ => self.face().glyph_index(c).is_some(),
        }
    }

    /// The font's units per em, for scaling shaped advances.
    pub(super) fn units_per_em(self) -> f32 {
        self.face().units_per_em() as f32
    }
}

/// The compiled-in fonts' shaping faces, in [`FontId::ALL`] order (the CJK
/// font is apart: [`CJK_FACE`]).
static FACES: LazyLock<Vec<Face<'static>>> = LazyLock::new(|| {
    FontId::ALL
        .iter()
        .filter_map(|id| id.bytes())
        .map(|bytes| {
            // The bundled files are valid fonts; a test renders every one.
            Face::from_slice(bytes, 0).expect("a bundled font parses")
        })
        .collect()
});

static KRILLA_FONTS: LazyLock<Vec<krilla::text::Font>> = LazyLock::new(|| {
    FontId::ALL
        .iter()
        .filter_map(|id| id.bytes())
        .map(|bytes| krilla::text::Font::new(bytes.into(), 0).expect("a bundled font parses"))
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
/// chain that has the character; a character no font has is set in the
/// first font (it prints as a blank box but is still extracted as text;
/// [`check_cjk_font`] refuses CJK text before that when there is no CJK font).
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

    #[test]
    fn cjk_text_without_a_cjk_font_is_refused_with_what_to_install() {
        for text in ["王秀英", "さくら", "김민준", "Report for 王芳", "，"] {
            let err = check_cjk_font_with(text, false).expect_err(text);
            assert!(matches!(err, Error::MissingFont(_)), "{err:?}");
            assert!(err.to_string().contains("fonts-noto-cjk"), "{err}");
            assert!(check_cjk_font_with(text, true).is_ok());
        }
        for text in [
            "Łukasz Żółkiewski",
            "ليلى حداد",
            "Ольга",
            "Nguyễn Thị Hồng",
            "",
        ] {
            assert!(check_cjk_font_with(text, false).is_ok(), "{text}");
        }
    }

    #[test]
    fn a_cjk_font_file_must_be_a_regular_file_that_parses() {
        let dir = tempfile::tempdir().expect("dir");
        let not_a_font = dir.path().join("NotoSansCJK-Regular.ttc");
        std::fs::write(&not_a_font, b"not a font at all").expect("write");
        assert!(CjkFont::from_file(&not_a_font).is_none());
        assert!(CjkFont::from_file(dir.path()).is_none(), "a folder");
        assert!(CjkFont::from_file(&dir.path().join("missing.ttc")).is_none());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_system_collection_gives_its_simplified_chinese_face() {
        // The test machine has fonts-noto-cjk (scripts/setup.sh), as the
        // .deb's users do (it is a dependency of the package).
        let font = SYSTEM_CJK
            .iter()
            .find_map(|p| CjkFont::from_file(Path::new(p)))
            .expect("Noto Sans CJK installed (apt-get install fonts-noto-cjk)");
        let face = rustybuzz::ttf_parser::Face::parse(font.bytes, font.index).expect("face");
        let family = face
            .names()
            .into_iter()
            .filter(|n| n.name_id == rustybuzz::ttf_parser::name_id::FAMILY)
            .find_map(|n| n.to_string())
            .expect("a family name");
        assert_eq!(family, "Noto Sans CJK SC");
        for c in ['王', '秀', 'さ', '김'] {
            assert!(FontId::Cjk.covers(c), "{c}");
        }
    }
}
