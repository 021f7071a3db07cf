//! The report PDF module (`confidant_core::pdf`), checked with the real
//! poppler tools (`pdftotext`, `pdffonts`; Debian package poppler-utils):
//! names in Polish, Greek, Arabic, Chinese, Cyrillic and Vietnamese come
//! out of the extracted text intact; the fonts are embedded as subsets; a
//! long document has "Page n of N" and the footer on every page, every
//! heading and every paragraph, and no heading alone at a page's bottom.

use std::path::{Path, PathBuf};
use std::process::Command;

use confidant_core::pdf::{long_date, render, Block, Column, Document, Table};
use confidant_core::settings::DateOrder;

const POLISH: &str = "Łukasz Żółkiewski";
const GREEK: &str = "Αθηνά Παπαδοπούλου";
const ARABIC: &str = "ليلى حداد";
/// Lam-alef, a ligature every Arabic font must use: one glyph, two letters.
const ARABIC_LIGATURE: &str = "صلاح علاء";
const CHINESE: &str = "王秀英";
const CYRILLIC: &str = "Ольга Петренко";
const VIETNAMESE: &str = "Nguyễn Thị Hồng";
const NAMES: [&str; 7] = [
    POLISH,
    GREEK,
    ARABIC,
    ARABIC_LIGATURE,
    CHINESE,
    CYRILLIC,
    VIETNAMESE,
];
const HASH: &str = "Content hash: 3f9a0c7e21b4d5a8";

fn skip_on_windows() -> bool {
    if cfg!(windows) {
        eprintln!("skipped on Windows: needs poppler-utils (pdftotext, pdffonts), a Linux tool");
    }
    cfg!(windows)
}

/// Runs a poppler tool on `path`, failing clearly when it is missing and
/// when it reports any problem with the file.
fn poppler(tool: &str, args: &[&str], path: &Path) -> String {
    let mut cmd = Command::new(tool);
    cmd.args(args).arg(path);
    if tool == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd.output().unwrap_or_else(|e| {
        panic!("{tool} could not be run ({e}). Install poppler-utils (apt-get install poppler-utils) to run the PDF tests.")
    });
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{tool} reported problems: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn save(bytes: &[u8], dir: &Path, name: &str) -> PathBuf {
    assert!(bytes.starts_with(b"%PDF-"), "a PDF file");
    assert!(
        bytes.trim_ascii_end().ends_with(b"%%EOF"),
        "a whole PDF file"
    );
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write the PDF");
    path
}

/// The text without the invisible direction marks pdftotext puts around
/// right-to-left words (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F), and
/// with whitespace collapsed.
fn plain(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn pages(text: &str) -> Vec<&str> {
    text.split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect()
}

fn names_document() -> Document {
    let mut blocks = vec![
        Block::heading(1, "Parties"),
        Block::heading(2, format!("Group member: {ARABIC}")),
    ];
    for name in NAMES {
        blocks.push(Block::field("Supervisee", name));
    }
    blocks.push(Block::paragraph(format!(
        "{CHINESE} met {POLISH} and {GREEK}; {CYRILLIC} joined later."
    )));
    blocks.push(Block::paragraph(format!("{ARABIC} و{ARABIC_LIGATURE}")));
    blocks.push(Block::bullets([
        format!("Action for {VIETNAMESE}"),
        format!("Action for {CHINESE}"),
    ]));
    blocks.push(Block::key_values([
        ("Facilitator", CYRILLIC),
        ("Member", GREEK),
    ]));
    Document {
        title: format!("Session record — {POLISH}"),
        subtitle: vec![format!("Held on {}", long_date(day(), DateOrder::Dmy))],
        footer: vec![HASH.into()],
        blocks,
        metadata_title: "Session record".into(),
        ..Document::default()
    }
}

fn day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 30).expect("date")
}

#[test]
fn names_in_every_script_are_extracted_intact() {
    if skip_on_windows() {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let bytes = render(&names_document()).expect("render");
    let raw = poppler("pdftotext", &[], &save(&bytes, dir.path(), "names.pdf"));
    let text = plain(&raw);
    for name in NAMES {
        assert!(
            text.contains(&format!("Supervisee: {name}")),
            "{name} printed intact:\n{raw}"
        );
    }
    for needle in [
        format!("Session record — {POLISH}"),
        "Held on 30 November 2026".to_string(),
        format!("Group member: {ARABIC}"),
        format!("{CHINESE} met {POLISH} and {GREEK}; {CYRILLIC} joined later."),
        ARABIC_LIGATURE.to_string(),
        format!("Action for {VIETNAMESE}"),
        format!("Action for {CHINESE}"),
        HASH.to_string(),
        "Page 1 of 1".to_string(),
    ] {
        assert!(text.contains(&needle), "{needle:?} missing:\n{raw}");
    }
    // Latin and Chinese on one line, each in its own font.
    assert!(
        raw.lines()
            .any(|l| plain(l).starts_with(&format!("{CHINESE} met {POLISH}"))),
        "a mixed line stays one line:\n{raw}"
    );
    // The key–value rows: label and value side by side on one line.
    let path = dir.path().join("names.pdf");
    let layout = poppler("pdftotext", &["-layout"], &path);
    for (label, value) in [("Facilitator", CYRILLIC), ("Member", GREEK)] {
        assert!(
            layout
                .lines()
                .any(|l| l.trim_start().starts_with(label) && l.contains(value)),
            "{label} and {value} on one line:\n{layout}"
        );
    }
    // Nothing printed as a replacement.
    assert!(!text.contains('?') && !text.contains("Lukasz"), "{raw}");
}

#[test]
fn fonts_are_embedded_as_subsets() {
    if skip_on_windows() {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let bytes = render(&names_document()).expect("render");
    let path = save(&bytes, dir.path(), "fonts.pdf");
    let fonts = poppler("pdffonts", &[], &path);
    for font in [
        "NotoSans-Regular",
        "NotoSans-Bold",
        "NotoSansArabic-Regular",
        "NotoSansArabic-Bold",
        // Linux: the system's Noto Sans CJK, its simplified Chinese face.
        "NotoSansCJKsc-Regular",
    ] {
        let row = fonts
            .lines()
            .find(|l| {
                l.split_whitespace()
                    .next()
                    // A CFF font's name (the CJK one) ends in "-Identity-H".
                    .is_some_and(|n| {
                        n.ends_with(&format!("+{font}"))
                            || n.ends_with(&format!("+{font}-Identity-H"))
                    })
            })
            .unwrap_or_else(|| panic!("{font} embedded as a subset (ABCDEF+ prefix):\n{fonts}"));
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name, type (2 words), encoding, emb, sub, uni, object id, generation
        assert_eq!(
            cols[cols.len() - 5..cols.len() - 2],
            ["yes", "yes", "yes"],
            "{font}: embedded, subset, with a Unicode map:\n{fonts}"
        );
    }
    // The Chinese font alone is over 10 MB; the subset of three characters
    // (and everything else in the file) is a tiny fraction of it.
    let cjk = std::fs::metadata("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
        .expect("Noto Sans CJK (apt-get install fonts-noto-cjk)")
        .len();
    assert!(cjk > 10_000_000, "{cjk}");
    assert!(
        (bytes.len() as u64) * 50 < cjk,
        "the PDF ({} bytes) embeds subsets, not whole fonts",
        bytes.len()
    );
}

/// A pseudo-random generator, so the long document is the same every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

const WORDS: [&str; 16] = [
    "supervision",
    "reflection",
    "boundary",
    "caseload",
    "the",
    "and",
    "we",
    "talked",
    "about",
    "risk",
    "plan",
    "review",
    "family",
    "decision",
    "learning",
    "practice",
];

/// Sections of uneven length (so headings fall at many heights of the
/// page), each paragraph with a start and an end marker.
fn long_document(sections: usize) -> Document {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut blocks = Vec::new();
    for s in 1..=sections {
        blocks.push(Block::heading(1, format!("Section {s} heading")));
        for p in 1..=1 + rng.below(4) {
            let mut text = format!("Start {s}.{p}");
            for _ in 0..20 + rng.below(140) {
                text.push(' ');
                text.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
            }
            text.push_str(&format!(" end {s}.{p}."));
            blocks.push(Block::paragraph(text));
        }
        if s % 5 == 0 {
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column {
                        title: "Action".into(),
                        share: 3.0,
                        bold: false,
                    },
                    Column {
                        title: "Owner".into(),
                        share: 1.0,
                        bold: false,
                    },
                ],
                rows: vec![vec![format!("Row of section {s}"), CHINESE.into()]],
            }));
        }
    }
    Document {
        title: "A long record".into(),
        footer: vec!["Session record · Sam".into(), HASH.into()],
        blocks,
        ..Document::default()
    }
}

#[test]
fn a_long_document_numbers_every_page_and_keeps_every_heading_and_paragraph() {
    if skip_on_windows() {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let doc = long_document(90);
    let bytes = render(&doc).expect("render");
    let raw = poppler(
        "pdftotext",
        &["-layout"],
        &save(&bytes, dir.path(), "long.pdf"),
    );
    let pages = pages(&raw);
    let n = pages.len();
    assert!(n >= 20, "at least 20 pages, got {n}");
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("Page {} of {n}", i + 1)),
            "page {} numbered:\n{page}",
            i + 1
        );
        assert!(page.contains(HASH), "footer on page {}:\n{page}", i + 1);
        assert!(
            page.contains("Session record · Sam"),
            "first footer line on page {}",
            i + 1
        );
        // The last line of the body (above the footer) is never a heading.
        let body: Vec<&str> = page
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take_while(|l| !l.starts_with("Session record · Sam"))
            .collect();
        let last = body.last().expect("a page has a body");
        assert!(
            !last.contains(" heading"),
            "page {} ends with a heading: {last:?}",
            i + 1
        );
    }
    let text = plain(&raw);
    for s in 1..=90 {
        assert!(
            text.contains(&format!("Section {s} heading")),
            "heading {s}"
        );
        assert!(text.contains(&format!("Start {s}.1 ")), "start {s}");
        assert!(text.contains(&format!(" end {s}.1.")), "end {s}");
    }
    for s in (5..=90).step_by(5) {
        assert!(
            text.contains(&format!("Row of section {s}")),
            "table row {s}"
        );
    }
    assert!(
        raw.lines().all(|l| l.chars().count() < 200),
        "a line ran off the page"
    );
}

#[test]
fn rendering_is_pure_and_an_empty_document_is_one_numbered_page() {
    if skip_on_windows() {
        return;
    }
    let doc = names_document();
    assert_eq!(
        render(&doc).expect("first"),
        render(&doc).expect("second"),
        "the same document gives the same bytes"
    );
    let dir = tempfile::tempdir().expect("dir");
    let bytes = render(&Document::default()).expect("empty");
    let raw = poppler("pdftotext", &[], &save(&bytes, dir.path(), "empty.pdf"));
    assert_eq!(pages(&raw).len(), 1);
    assert!(raw.contains("Page 1 of 1"), "{raw}");
}
