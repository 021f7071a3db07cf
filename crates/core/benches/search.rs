//! Search benchmark: `cargo bench -p confidant-core --bench search`.
//!
//! A program, not a test: it prints a table and always exits 0. For each N
//! (10,000 and 50,000 journal entries of ~2 KB of generated prose, plus
//! 3,600 session records of ~2 KB, as the decrypted documents the domains
//! hand to the index) it measures:
//!
//! - building the in-memory FTS5 index (`search::Index::build`, optimise
//!   included) and the memory SQLite holds for it (`sqlite3_memory_used`
//!   after the build minus before; the documents' own Rust strings are not
//!   counted);
//! - searching with highlighted titles and snippets (`Index::search`, the
//!   default 50 shown, total counted), p50 and p99 over many rounds, for a
//!   rare term (5 documents), a common one (10% of documents) and a very
//!   common one (50%);
//! - against a same-run baseline: a plain in-process substring scan over
//!   the same text (lower-cased once beforehand, as the journal's old
//!   search kept it), counting every match and keeping the first 50.
//!
//! Decrypting the documents from the vault is measured by the journal
//! benchmark (its "first search" row). Knob: `CONFIDANT_BENCH_SIZES=1000,5000`.
#![allow(clippy::disallowed_methods)] // a benchmark may read the clock; the library may not

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use confidant_core::search::{Index, Progress, SearchQuery};
use confidant_core::search_doc::{DocKind, SearchDoc};
use zeroize::Zeroizing;

const DEFAULT_SIZES: [usize; 2] = [10_000, 50_000];
const RECORDS: usize = 3_600;
const BODY_BYTES: usize = 2_000;
const ROUNDS: usize = 200;
const RARE: &str = "kestrel";
const COMMON: &str = "boundaries";
const VERY_COMMON: &str = "supervision";

/// A small deterministic generator (xorshift), so runs compare.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Everyday words of reflective writing (none contains the three terms).
const WORDS: &[&str] = &[
    "today",
    "client",
    "felt",
    "session",
    "team",
    "manager",
    "visit",
    "home",
    "family",
    "worried",
    "safety",
    "plan",
    "meeting",
    "notes",
    "caseload",
    "tired",
    "school",
    "call",
    "the",
    "and",
    "was",
    "with",
    "about",
    "after",
    "before",
    "again",
    "because",
    "when",
    "colleague",
    "risk",
    "assessment",
    "review",
    "referral",
    "mother",
    "father",
    "child",
    "anxious",
    "calm",
    "listened",
    "noticed",
    "reflected",
    "decided",
    "waiting",
    "office",
    "hospital",
    "court",
    "report",
    "deadline",
    "weekend",
    "morning",
    "evening",
    "difficult",
    "helpful",
    "feedback",
    "learning",
    "training",
    "ethics",
    "consent",
    "trust",
    "anger",
    "grief",
    "loss",
    "hope",
    "progress",
    "stuck",
    "pressure",
    "workload",
    "support",
    "rest",
    "walk",
    "sleep",
    "talked",
    "question",
    "doubt",
    "confidence",
    "Zoë",
    "café",
    "naïve",
    "Łukasz",
    "Αθηνά",
    "王秀英",
    "сегодня",
    "работа",
];

fn prose(rng: &mut Rng, extra: &[&str]) -> String {
    let mut s = String::with_capacity(BODY_BYTES + 64);
    let mut sentence = 0;
    while s.len() < BODY_BYTES {
        let w = WORDS[rng.below(WORDS.len())];
        if sentence == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push_str(w);
        }
        sentence += 1;
        if sentence > 8 + rng.below(10) {
            s.push_str(". ");
            sentence = 0;
        } else {
            s.push(' ');
        }
    }
    for (i, e) in extra.iter().enumerate() {
        // Put each term somewhere in the middle.
        let at = (s.len() / (extra.len() + 1)) * (i + 1);
        let at = (at..s.len()).find(|&k| s.is_char_boundary(k) && s[..k].ends_with(' '));
        if let Some(at) = at {
            s.insert_str(at, &format!("{e} "));
        }
    }
    s
}

fn docs(n: usize) -> Vec<SearchDoc> {
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let total = n + RECORDS;
    let day0 = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap_or_default();
    (0..total)
        .map(|i| {
            let mut extra = Vec::new();
            if i % (total / 5).max(1) == 3 {
                extra.push(RARE);
            }
            if i % 10 == 1 {
                extra.push(COMMON);
            }
            if i % 2 == 0 {
                extra.push(VERY_COMMON);
            }
            let body = prose(&mut rng, &extra);
            let journal = i < n;
            SearchDoc {
                kind: if journal {
                    DocKind::Journal
                } else {
                    DocKind::Record
                },
                id: format!("{i:08}"),
                person_id: (!journal).then(|| format!("p{}", i % 30)),
                title: Zeroizing::new(body.chars().take(60).collect()),
                body: Zeroizing::new(body),
                tags: Vec::new(),
                date: day0.checked_add_days(chrono::Days::new((i % 3650) as u64)),
            }
        })
        .collect()
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples.get(i).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn memory_used() -> i64 {
    // SAFETY: a plain read of SQLite's global counter.
    #[allow(unsafe_code)]
    unsafe {
        rusqlite::ffi::sqlite3_memory_used()
    }
}

/// The baseline: every lower-cased text scanned for `needle`.
fn scan(lower: &[String], needle: &str) -> (usize, Vec<usize>) {
    let mut count = 0;
    let mut first = Vec::with_capacity(50);
    for (i, t) in lower.iter().enumerate() {
        if t.contains(needle) {
            count += 1;
            if first.len() < 50 {
                first.push(i);
            }
        }
    }
    (count, first)
}

fn sizes() -> Vec<usize> {
    std::env::var("CONFIDANT_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .filter(|v: &Vec<usize>| !v.is_empty())
        .unwrap_or_else(|| DEFAULT_SIZES.to_vec())
}

fn main() {
    println!("Search benchmark (in-memory FTS5, unicode61 remove_diacritics 2, prefix 2 3)");
    println!("documents of ~{BODY_BYTES} bytes: N journal entries + {RECORDS} records; {ROUNDS} rounds per term\n");
    for n in sizes() {
        let all = docs(n);
        let lower: Vec<String> = all
            .iter()
            .map(|d| format!("{}\n{}", *d.title, *d.body).to_lowercase())
            .collect();
        let text_mb = lower.iter().map(String::len).sum::<usize>() as f64 / 1e6;
        let before = memory_used();
        let progress = Progress::default();
        let t = Instant::now();
        let index = match Index::build(all, &progress) {
            Ok(i) => i,
            Err(e) => {
                println!("N = {n}: the build failed: {e}");
                continue;
            }
        };
        let build = t.elapsed();
        let memory = memory_used() - before;
        println!(
            "N = {n} (+{RECORDS} records = {} documents, {text_mb:.1} MB of text)",
            index.len()
        );
        println!("  index build            {:>10}", ms(build));
        println!(
            "  index memory (SQLite)  {:>7.1} MB  ({:.2}× the text)",
            memory as f64 / 1e6,
            memory as f64 / 1e6 / text_mb
        );
        println!("  term                         matched   search p50   search p99   scan p50   scan p99   p50 ratio search/scan");
        for (label, term) in [
            ("rare", RARE),
            ("common (10%)", COMMON),
            ("very common (50%)", VERY_COMMON),
        ] {
            let q = SearchQuery {
                text: term.into(),
                ..SearchQuery::default()
            };
            let mut fts = Vec::with_capacity(ROUNDS);
            let mut matched = 0;
            for _ in 0..ROUNDS {
                let t = Instant::now();
                match index.search(&q) {
                    Ok(r) => matched = r.total_matched,
                    Err(e) => {
                        println!("  {label}: search failed: {e}");
                        break;
                    }
                }
                fts.push(t.elapsed());
            }
            let mut plain = Vec::with_capacity(ROUNDS);
            let mut scanned = 0;
            for _ in 0..ROUNDS {
                let t = Instant::now();
                scanned = std::hint::black_box(scan(&lower, term)).0;
                plain.push(t.elapsed());
            }
            let (f50, f99) = (percentile(&mut fts, 0.5), percentile(&mut fts, 0.99));
            let (s50, s99) = (percentile(&mut plain, 0.5), percentile(&mut plain, 0.99));
            println!(
                "  {label:<18} {term:<11} {matched:>7} {:>12} {:>12} {:>10} {:>10}   {:.2}×{}",
                ms(f50),
                ms(f99),
                ms(s50),
                ms(s99),
                f50.as_secs_f64() / s50.as_secs_f64().max(1e-9),
                if scanned as u32 == matched {
                    String::new()
                } else {
                    format!("  (scan counted {scanned})")
                }
            );
        }
        println!();
    }
}
