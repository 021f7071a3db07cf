//! PDF benchmark: `cargo bench -p confidant-core --bench pdf`.
//!
//! A program, not a test: it prints a table and always exits 0. It renders
//! a 20-page session-record-like document (headings, paragraphs, fields,
//! bullets, a table; names in Polish, Greek, Arabic, Chinese and Cyrillic)
//! with `confidant_core::pdf::render` and compares it, in the same run,
//! with two baselines:
//!
//! - the same document with every name in Latin letters (one font family:
//!   no fallback, no right-to-left text, no Chinese font);
//! - writing the same text into one string with no layout at all (what
//!   the document costs before any PDF work).
//!
//! The first render of a process also loads the fonts; it is reported on
//! its own. Target (issue 7): a 20-page record PDF in under 1 s.
//!
//! Environment knob: `CONFIDANT_BENCH_ROUNDS=n` (default 15).
#![allow(clippy::disallowed_methods)] // a benchmark may read the clock; the library may not

use std::time::{Duration, Instant};

use confidant_core::pdf::{render, Block, Column, Document, Table};

const TARGET_PAGES: usize = 20;
const TARGET: Duration = Duration::from_secs(1);

const NAMES: [&str; 5] = [
    "Łukasz Żółkiewski",
    "Αθηνά Παπαδοπούλου",
    "ليلى حداد",
    "王秀英",
    "Ольга Петренко",
];
const LATIN_NAMES: [&str; 5] = [
    "Lukas Zolkiewski",
    "Athena Papadopoulou",
    "Layla Haddad",
    "Wang Xiuying",
    "Olga Petrenko",
];

const WORDS: [&str; 20] = [
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
    "wellbeing",
    "referral",
    "safeguarding",
    "next",
];

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// A record with `sections` sections, names taken from `names`.
fn record(sections: usize, names: &[&str; 5]) -> Document {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut blocks = Vec::new();
    for s in 1..=sections {
        let name = names[s % names.len()];
        blocks.push(Block::heading(
            1,
            format!("{s}. Agenda item raised by {name}"),
        ));
        blocks.push(Block::field("Focus", "Client or service-user issue"));
        blocks.push(Block::field("Case", format!("C-{s}")));
        for _ in 0..2 {
            let mut text = String::new();
            for i in 0..90 {
                if i == 40 {
                    text.push_str(name);
                } else {
                    text.push_str(WORDS[rng.below(WORDS.len())]);
                }
                text.push(if rng.below(30) == 0 { '\n' } else { ' ' });
            }
            blocks.push(Block::paragraph(text));
            blocks.push(Block::Spacer(4.0));
        }
        blocks.push(Block::bullets([
            format!("{name} to read the lone-working policy"),
            "Review the safety plan at the next session".to_string(),
        ]));
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
            rows: vec![vec!["Call the duty team".into(), name.into()]],
        }));
    }
    Document {
        title: format!("Session record — {}", names[0]),
        subtitle: vec!["Held on 3 March 2026".into()],
        footer: vec!["Content hash: 3f9a0c7e21b4d5a8…".into()],
        blocks,
        metadata_title: "Session record".into(),
        ..Document::default()
    }
}

/// The pages of a PDF (the page objects krilla writes).
fn page_count(pdf: &[u8]) -> usize {
    pdf.windows(11)
        .filter(|w| w.starts_with(b"/Type/Page") && w[10] != b's')
        .count()
}

/// The baseline without layout: every text of the document in one string.
fn flatten(doc: &Document) -> String {
    let mut out = String::new();
    out.push_str(&doc.title);
    for block in &doc.blocks {
        match block {
            Block::Heading { text, .. } | Block::Paragraph { text, .. } => out.push_str(text),
            Block::Field { label, value } => {
                out.push_str(label);
                out.push_str(": ");
                out.push_str(value);
            }
            Block::Bullets(items) => items.iter().for_each(|i| out.push_str(i)),
            Block::Table(t) => t.rows.iter().flatten().for_each(|c| out.push_str(c)),
            Block::Banner { title, detail } => {
                out.push_str(title);
                out.push_str(detail);
            }
            _ => {}
        }
        out.push('\n');
    }
    out
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn fmt(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 1e-3 {
        format!("{:.1} µs", s * 1e6)
    } else {
        format!("{:.2} ms", s * 1e3)
    }
}

fn main() {
    let rounds: usize = std::env::var("CONFIDANT_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(15)
        .max(1);

    // The first render loads and parses the bundled fonts.
    let start = Instant::now();
    let first = render(&record(1, &NAMES)).expect("render");
    let cold = start.elapsed();
    assert!(page_count(&first) >= 1);

    // Enough sections for 20 pages.
    let mut sections = 1;
    let doc = loop {
        let doc = record(sections, &NAMES);
        let pages = page_count(&render(&doc).expect("render"));
        if pages >= TARGET_PAGES {
            break doc;
        }
        sections += 1;
    };
    let latin = record(sections, &LATIN_NAMES);

    let mut full = Vec::new();
    let mut one_font = Vec::new();
    let mut plain = Vec::new();
    let mut bytes = 0;
    let mut latin_bytes = 0;
    let mut pages = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        let pdf = render(&doc).expect("render");
        full.push(t.elapsed());
        bytes = pdf.len();
        pages = page_count(&pdf);

        let t = Instant::now();
        let pdf = render(&latin).expect("render");
        one_font.push(t.elapsed());
        latin_bytes = pdf.len();

        let t = Instant::now();
        let text = flatten(&doc);
        plain.push(t.elapsed());
        std::hint::black_box(text);
    }
    let (full, one_font, plain) = (median(full), median(one_font), median(plain));
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-9);

    println!("PDF benchmark ({rounds} rounds, medians; {sections} sections)");
    println!();
    println!("| what | time | bytes |");
    println!("| --- | ---: | ---: |");
    println!(
        "| first render of the process (1 section, fonts loaded) | {} | {} |",
        fmt(cold),
        first.len()
    );
    println!(
        "| {pages}-page record, names in five scripts | {} | {bytes} |",
        fmt(full)
    );
    println!(
        "| same record, Latin names only (one font family) | {} | {latin_bytes} |",
        fmt(one_font)
    );
    println!(
        "| same text into one string, no layout | {} | — |",
        fmt(plain)
    );
    println!();
    println!(
        "ratio five scripts / one font family: {:.2}×; PDF / text without layout: {:.0}×",
        ratio(full, one_font),
        ratio(full, plain)
    );
    println!(
        "target: {pages}-page record PDF < {} ms: {}",
        TARGET.as_millis(),
        if full < TARGET { "PASS" } else { "MISS" }
    );
}
