//! Invoice benchmark: `cargo bench -p confidant-core --bench invoices`.
//!
//! A program, not a test: it prints a table and always exits 0. In a vault
//! on disk it builds 30 supervisees, each with an agreement in force (a fee
//! per session, 50% for a late cancellation) and a year (2026) of weekly
//! sessions, held except one late cancellation by the supervisee a month.
//! Then it measures:
//!
//! - **preview**: `Invoices::preview` of one month for one supervisee
//!   (median over the 30), against a same-run baseline: the same rows
//!   (`Schedule::occurrences` of that person and month) summed at the fee
//!   in a plain loop, without the invoice rules, the agreement lookup or
//!   the double-billing check;
//! - **a year's invoices**: `Invoices::issue` for every supervisee and
//!   every month (360 invoices, numbered 1–360 in one vault; each issue
//!   re-checks every earlier invoice for double billing, so later issues
//!   read more), total and median per invoice, against the baseline summed
//!   for the same 360 month-and-person pairs;
//! - **list**: `Invoices::list` of every invoice (360 bodies opened);
//! - **PDF**: `Invoices::pdf` of one invoice.
//!
//! Knob: `CONFIDANT_BENCH_DIR=/path` (parent folder, default the system
//! temp dir).
#![allow(clippy::disallowed_methods)] // a benchmark may read the clock; the library may not

use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, Months, NaiveDate, NaiveTime, TimeZone, Utc};
use confidant_core::agreements::{AcknowledgementInput, Agreements, Fee, FeeBasis, PartyDetails};
use confidant_core::crypto::KdfParams;
use confidant_core::invoices::{line_amounts, InvoiceRequest, Invoices};
use confidant_core::keychain::MemoryKeychain;
use confidant_core::people::{People, PersonInput, PersonKind, Relation};
use confidant_core::schedule::{
    CancelInput, CancelledBy, OccurrenceKey, Pattern, Recurrence, RecurrenceEnd, ReminderSetting,
    Schedule, SeriesInput, SessionKind, SessionStatus, Weekday,
};
use confidant_core::settings::VaultSettings;
use confidant_core::vault::{Role, Vault, VaultConfig};

const SUPERVISEES: usize = 30;
const FEE: u64 = 8500;
const LATE: u32 = 50;

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 9, 0, 0)
        .single()
        .unwrap_or_default()
}

fn median(mut samples: Vec<StdDuration>) -> StdDuration {
    samples.sort();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

fn ms(d: StdDuration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn ratio(a: StdDuration, b: StdDuration) -> String {
    if b.is_zero() {
        return "n/a".into();
    }
    format!("{:.1}×", a.as_secs_f64() / b.as_secs_f64())
}

fn ok<T, E: std::fmt::Display>(r: Result<T, E>, what: &str) -> T {
    r.unwrap_or_else(|e| panic!("{what}: {e}"))
}

fn owner() -> PartyDetails {
    PartyDetails {
        name: "Dana Whitfield".into(),
        professional_role: "Clinical supervisor".into(),
        organisation: "Whitfield Supervision Ltd".into(),
        licence_number: "SW-88213".into(),
        licence_body: "Social Work England".into(),
    }
}

fn person(name: String) -> PersonInput {
    PersonInput {
        kind: PersonKind::Person,
        relation: Relation::ISupervise,
        name,
        pronouns: String::new(),
        email: String::new(),
        phone: String::new(),
        organisation_id: None,
        professional_role: String::new(),
        licence_number: String::new(),
        licence_body: String::new(),
        licensure_plan: String::new(),
        start_date: None,
        end_date: None,
        notes: String::new(),
        members: vec![],
        facilitator_id: None,
    }
}

/// One supervisee with an agreement and a year of weekly sessions: held,
/// except the first of each month, cancelled late by the supervisee.
fn supervisee(v: &mut Vault, i: usize) -> String {
    let t0 = at(2025, 12, 1);
    let id = ok(
        People::of(v).create(&person(format!("Supervisee {i}")), t0),
        "person",
    )
    .id;
    let draft = ok(Agreements::of(v).create_draft(&id, &owner(), t0), "draft");
    let mut content = draft.content.clone();
    content.fee = Fee {
        amount_minor: Some(FEE),
        currency: "GBP".into(),
        basis: FeeBasis::PerSession,
        late_cancellation_percent: LATE,
    };
    let draft = ok(Agreements::of(v).update(&draft.id, &content, t0), "fee");
    for p in &draft.content.parties {
        let ack = AcknowledgementInput {
            party_id: p.party_id.clone(),
            typed_name: p.name.clone(),
            date: t0.date_naive(),
        };
        ok(Agreements::of(v).acknowledge(&draft.id, &ack, t0), "ack");
    }
    let weekday = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
    ][i % 5];
    let first =
        NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default() + Duration::days((i % 5) as i64);
    let start = first
        .and_hms_opt(9 + (i / 5) as u32, 0, 0)
        .unwrap_or_default();
    let change = ok(
        Schedule::of(v).create(
            &SeriesInput {
                person_id: id.clone(),
                kind: SessionKind::Individual,
                time_zone: "Europe/London".into(),
                start,
                end: start + Duration::minutes(60),
                recurrence: Some(Recurrence {
                    pattern: Pattern::Weekly {
                        weekdays: vec![weekday],
                    },
                    interval: 1,
                    end: RecurrenceEnd::Count { count: 51 },
                }),
                location: String::new(),
                reminder: ReminderSetting::Default,
                calendar_code: String::new(),
            },
            t0,
        ),
        "series",
    );
    let series_id = change.series[0].id.clone();
    let mut last_month = 0;
    for w in 0..51 {
        let original_start = start + Duration::weeks(w);
        let key = OccurrenceKey {
            series_id: series_id.clone(),
            original_start,
        };
        let month = chrono::Datelike::month(&original_start);
        if month != last_month {
            last_month = month;
            let cancel = CancelInput {
                by: CancelledBy::Supervisee,
                reason: String::new(),
                notice_hours: Some(24),
            };
            ok(
                Schedule::of(v).cancel(
                    &key,
                    &cancel,
                    original_start.and_utc() - Duration::hours(2),
                ),
                "cancel",
            );
        } else {
            ok(
                Schedule::of(v).set_status(&key, SessionStatus::Held, at(2027, 1, 15)),
                "held",
            );
        }
    }
    id
}

fn month(m: u32) -> (NaiveDate, NaiveDate) {
    let from = NaiveDate::from_ymd_opt(2026, m, 1).unwrap_or_default();
    let to = from + Months::new(1) - Duration::days(1);
    (from, to)
}

/// The baseline: the same rows, summed at the fee in a plain loop.
fn baseline(v: &mut Vault, id: &str, m: u32) -> (StdDuration, u64) {
    let (from, to) = month(m);
    let t = Instant::now();
    let start = from.and_time(NaiveTime::MIN).and_utc() - Duration::days(1);
    let end = to.and_time(NaiveTime::MIN).and_utc() + Duration::days(2);
    let list = ok(
        Schedule::of(v).occurrences(start, end, Some(id)),
        "occurrences",
    );
    let mut total = 0u64;
    for o in &list.occurrences {
        let d = o.local_start.date();
        if d < from || d > to {
            continue;
        }
        let minutes = u32::try_from((o.end - o.start).num_minutes()).unwrap_or(0);
        match o.status {
            SessionStatus::Held => {
                total += line_amounts(FEE, FeeBasis::PerSession, minutes, None).amount_minor
            }
            SessionStatus::Cancelled => {
                total += line_amounts(FEE, FeeBasis::PerSession, minutes, Some(LATE)).amount_minor
            }
            _ => {}
        }
    }
    (t.elapsed(), total)
}

fn main() {
    let parent = std::env::var("CONFIDANT_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| std::env::temp_dir());
    let dir = ok(tempfile::tempdir_in(parent), "temp dir");
    let config = VaultConfig {
        kdf: KdfParams::INSECURE_FOR_TESTS,
    };
    let now = at(2027, 1, 15);
    let mut v = ok(
        Vault::open(dir.path(), Box::new(MemoryKeychain::new()), config, now),
        "open",
    );
    let s = ok(v.begin_setup(&[Role::Supervisor]), "setup");
    ok(v.confirm_setup(&s.recovery_code, now), "confirm");
    ok(
        VaultSettings::of(&mut v).set_profile(&owner(), now),
        "profile",
    );

    let t = Instant::now();
    let ids: Vec<String> = (0..SUPERVISEES).map(|i| supervisee(&mut v, i)).collect();
    println!(
        "Built {SUPERVISEES} supervisees × 51 weekly sessions of 2026 in {:.1} s",
        t.elapsed().as_secs_f64()
    );

    // Preview of January, per supervisee.
    let mut preview = Vec::new();
    let mut base = Vec::new();
    for id in &ids {
        let (from, to) = month(1);
        let req = InvoiceRequest {
            person_id: id.clone(),
            from,
            to,
        };
        let t = Instant::now();
        let inv = ok(Invoices::of(&mut v).preview(&req, now), "preview");
        preview.push(t.elapsed());
        let (b, total) = baseline(&mut v, id, 1);
        base.push(b);
        assert_eq!(inv.total_minor, total, "the invoice sums the same rows");
    }
    let (p, b) = (median(preview), median(base));

    // A year's invoices for everyone.
    let mut issue = Vec::new();
    let mut base_year = StdDuration::ZERO;
    let mut sum = 0u64;
    let t_all = Instant::now();
    for m in 1..=12 {
        for id in &ids {
            let (from, to) = month(m);
            let req = InvoiceRequest {
                person_id: id.clone(),
                from,
                to,
            };
            let t = Instant::now();
            let inv = ok(Invoices::of(&mut v).issue(&req, now), "issue");
            issue.push(t.elapsed());
            sum += inv.total_minor;
        }
    }
    let year = t_all.elapsed();
    let mut base_sum = 0u64;
    for m in 1..=12 {
        for id in &ids {
            let (d, total) = baseline(&mut v, id, m);
            base_year += d;
            base_sum += total;
        }
    }
    assert_eq!(sum, base_sum, "the year's invoices sum the same rows");
    let last_issue = *issue.last().unwrap_or(&StdDuration::ZERO);
    let issue_median = median(issue.clone());

    let t = Instant::now();
    let list = ok(Invoices::of(&mut v).list(None), "list");
    let list_time = t.elapsed();
    assert_eq!(list.len(), 12 * SUPERVISEES);
    let t = Instant::now();
    let bytes = ok(Invoices::of(&mut v).pdf(&list[0].id, now), "pdf");
    let pdf_time = t.elapsed();

    println!();
    println!("| measure | time | same-run baseline (same rows summed) | ratio |");
    println!("|---|---|---|---|");
    println!(
        "| preview one month, one supervisee (median of {SUPERVISEES}) | {} | {} | {} |",
        ms(p),
        ms(b),
        ratio(p, b)
    );
    println!(
        "| a year's invoices, {} issued (total) | {} | {} | {} |",
        12 * SUPERVISEES,
        ms(year),
        ms(base_year),
        ratio(year, base_year)
    );
    println!(
        "| one issue (median; the last one: {}) | {} | {} | {} |",
        ms(last_issue),
        ms(issue_median),
        ms(base_year / (12 * SUPERVISEES) as u32),
        ratio(issue_median, base_year / (12 * SUPERVISEES) as u32)
    );
    println!(
        "| list every invoice ({}) | {} | | |",
        list.len(),
        ms(list_time)
    );
    println!(
        "| PDF of one invoice ({} bytes) | {} | | |",
        bytes.len(),
        ms(pdf_time)
    );
    println!();
    println!(
        "Total invoiced: {} minor units (baseline sum {base_sum}).",
        sum
    );
}
