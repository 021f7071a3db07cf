//! Hours export benchmark: `cargo bench -p confidant-core --bench hours_export`.
//!
//! A program, not a test: it prints a table and always exits 0.
//!
//! - A 50-page hours log PDF (`hours_export::document` + `pdf::render`) of
//!   a supervisee with weekly individual supervision, monthly group
//!   supervision and weekly practice hours, as many years as fill 50 pages.
//! - The CSV (`hours_export::csv`) of five years of the same person.
//!
//! Each is compared, in the same run, with a baseline that writes the same
//! rows into one string with plain `format!` (no quoting, no neutralising,
//! no layout): what the rows cost before any export work.
//!
//! The first render of a process also loads the fonts; it is reported on
//! its own. Target (issue 8): a 50-page hours PDF in under 2 s.
//!
//! Environment knobs: `CONFIDANT_BENCH_ROUNDS=n` (default 9);
//! `CONFIDANT_BENCH_PDF=path` also writes the 50-page PDF there.
#![allow(clippy::disallowed_methods)] // a benchmark may read the clock; the library may not

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate, TimeZone, Utc};
use confidant_core::hours::{
    ItemSource, Ledger, PracticeWeek, SupervisionForm, SupervisionItem, SupervisorOfRecord,
};
use confidant_core::hours_export::{
    csv, decimal_hours, document, HoursExportInput, SignOffBlock, Signatory,
};
use confidant_core::pdf::render;
use confidant_core::schedule::OccurrenceKey;
use confidant_core::settings::DateOrder;

const TARGET_PAGES: usize = 50;
const TARGET: Duration = Duration::from_secs(2);

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 1, 4).expect("a Monday")
}

/// `weeks` weeks from Monday 4 January 2021: weekly individual supervision,
/// a group session in the first week of each month, a practice week each
/// week.
fn ledger(weeks: i64) -> Ledger {
    let owner = SupervisorOfRecord {
        name: String::new(),
        licence_number: "LCSW 4471".into(),
        credential: "LCSW".into(),
        is_owner: true,
    };
    let mut supervision = Vec::new();
    let mut practice = Vec::new();
    for w in 0..weeks {
        let day = start() + chrono::Duration::weeks(w);
        let at = day.and_hms_opt(10, 0, 0).expect("time");
        supervision.push(SupervisionItem {
            id: format!("session:s1:{}", at.format("%Y-%m-%dT%H:%M")),
            date: day,
            minutes: 60,
            form: SupervisionForm::Individual,
            group_size: None,
            source: ItemSource::Session {
                key: OccurrenceKey {
                    series_id: "s1".into(),
                    original_start: at,
                },
            },
            supervisor: owner.clone(),
            note: None,
        });
        if day.day() <= 7 {
            supervision.push(SupervisionItem {
                id: format!("manual-{w}"),
                date: day + chrono::Duration::days(2),
                minutes: 120,
                form: SupervisionForm::Group,
                group_size: Some(5),
                source: ItemSource::Manual {
                    entry_id: format!("manual-{w}"),
                },
                supervisor: SupervisorOfRecord {
                    name: "Αθηνά Παπαδοπούλου".into(),
                    licence_number: "LMFT 88120".into(),
                    credential: "LMFT".into(),
                    is_owner: false,
                },
                note: (w % 9 == 0).then(|| "Attendance not recorded".into()),
            });
        }
        practice.push(PracticeWeek {
            id: format!("week-{w}"),
            week_start: day,
            clinical_minutes: 1200 + (w as u32 % 7) * 30,
            psychotherapy_minutes: 720,
            non_clinical_minutes: 600,
            setting: "Community clinic".into(),
        });
    }
    Ledger {
        person_id: "p1".into(),
        counts_from: Some(start()),
        supervision,
        practice,
    }
}

fn input(weeks: i64) -> HoursExportInput {
    let ledger = ledger(weeks);
    let to = ledger.practice.last().map_or(start(), |w| w.week_start) + chrono::Duration::days(6);
    HoursExportInput {
        ledger,
        from: start(),
        to,
        person: Signatory {
            name: "Łukasz Żółkiewski".into(),
            licence_number: "ASW 90210".into(),
            credential: "Associate clinical social worker".into(),
        },
        supervisor: Signatory {
            name: "Dr Maria Lopez".into(),
            licence_number: "LCSW 4471".into(),
            credential: "LCSW".into(),
        },
        sign_off: Some(SignOffBlock {
            signed_by: "Dr Maria Lopez".into(),
            signed_on: to,
            content_hash: "9f2c4e7a1b".repeat(6),
        }),
        summary: vec![
            ("Supervision hours counted".into(), "312.00 of 100".into()),
            ("Months over the 10-hour ceiling".into(), "None".into()),
        ],
        profile_name: Some("Texas LCSW (example)".into()),
    }
}

/// The baseline: the same rows written with `format!`, nothing else.
fn plain_rows(input: &HoursExportInput) -> String {
    let mut out = String::new();
    for i in input.supervision() {
        let _ = writeln!(
            out,
            "supervision,{},{},{},{:?},{:?},{},{},{},{}",
            i.date,
            i.minutes,
            decimal_hours(u64::from(i.minutes)),
            i.form,
            i.group_size,
            input.supervisor_name(i),
            i.supervisor.licence_number,
            i.note.as_deref().unwrap_or(""),
            i.id
        );
    }
    for w in input.practice() {
        let _ = writeln!(
            out,
            "practice_week,{},{},{},{},{},{}",
            w.week_start,
            w.clinical_minutes,
            w.psychotherapy_minutes,
            w.non_clinical_minutes,
            w.setting,
            w.id
        );
    }
    out
}

/// The pages of a PDF (the page objects krilla writes).
fn page_count(pdf: &[u8]) -> usize {
    pdf.windows(11)
        .filter(|w| w.starts_with(b"/Type/Page") && w[10] != b's')
        .count()
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

fn ratio(a: Duration, b: Duration) -> String {
    format!("{:.0}×", a.as_secs_f64() / b.as_secs_f64().max(1e-9))
}

/// Runs `f` `rounds` times; the median time and the last result.
fn time<T>(rounds: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut samples = Vec::with_capacity(rounds);
    let mut last = None;
    for _ in 0..rounds {
        let t = Instant::now();
        last = Some(std::hint::black_box(f()));
        samples.push(t.elapsed());
    }
    (median(samples), last.expect("at least one round"))
}

fn main() {
    let rounds: usize = std::env::var("CONFIDANT_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(9)
        .max(1);
    let printed = Utc
        .with_ymd_and_hms(2026, 11, 30, 9, 0, 0)
        .single()
        .expect("time");

    // The first render loads and parses the bundled fonts.
    let t = Instant::now();
    let first = render(&document(&input(4), printed, DateOrder::Dmy)).expect("render");
    let cold = t.elapsed();
    assert!(page_count(&first) >= 1);

    // Enough weeks for 50 pages.
    let mut weeks = 52;
    let big = loop {
        let i = input(weeks);
        let pages = page_count(&render(&document(&i, printed, DateOrder::Dmy)).expect("render"));
        if pages >= TARGET_PAGES {
            break i;
        }
        weeks += 26;
    };
    let (pdf_time, pdf) = time(rounds, || {
        render(&document(&big, printed, DateOrder::Dmy)).expect("render")
    });
    let pages = page_count(&pdf);
    if let Ok(path) = std::env::var("CONFIDANT_BENCH_PDF") {
        std::fs::write(&path, &pdf).expect("write the PDF");
    }
    let (pdf_plain, _) = time(rounds, || plain_rows(&big));
    let pdf_rows = big.supervision().count() + big.practice().count();

    let five = input(5 * 52);
    let csv_rows = five.supervision().count() + five.practice().count();
    let (csv_time, bytes) = time(rounds.max(25), || csv(&five));
    let (csv_plain, _) = time(rounds.max(25), || plain_rows(&five));

    println!("Hours export benchmark ({rounds} rounds, medians)");
    println!();
    println!("| What | Rows | Time | Plain format! of the same rows | Ratio | Size |");
    println!("|------|------|------|------------------------------|-------|------|");
    println!(
        "| {pages}-page hours log PDF ({weeks} weeks) | {pdf_rows} | {} | {} | {} | {} KB |",
        fmt(pdf_time),
        fmt(pdf_plain),
        ratio(pdf_time, pdf_plain),
        pdf.len() / 1024
    );
    println!(
        "| CSV, 5 years | {csv_rows} | {} | {} | {} | {} KB |",
        fmt(csv_time),
        fmt(csv_plain),
        ratio(csv_time, csv_plain),
        bytes.len() / 1024
    );
    println!();
    println!(
        "first render of the process (loads the fonts): {}",
        fmt(cold)
    );
    println!(
        "target: {pages}-page hours PDF < {} ms: {}",
        TARGET.as_millis(),
        if pdf_time < TARGET { "met" } else { "NOT met" }
    );
}
