//! Hours-rules benchmark: `cargo bench -p confidant-core --bench hours`.
//!
//! A program, not a test: it prints a table and always exits 0.
//!
//! **Engine (in memory):** 30 supervisees × 5 years of weekly practice
//! hours (260 weeks) and monthly supervision (60 sessions of 90 minutes,
//! every fourth one a group of 4), ledgers built as values. For each
//! example profile it measures `evaluate` for one supervisee (median over
//! all 30 and several rounds) and for everyone (all 30 ledgers, median of
//! rounds), each against a same-run baseline: summing the same rows (the
//! minutes of every item and week) without the rule engine.
//!
//! **Through the vault:** one supervisee with 60 monthly sessions held
//! (5 years), in a vault on disk: `HoursRules::progress` (ledger gathered
//! from the schedule, then evaluated) against `Hours::ledger` alone.
//!
//! Targets (issue 8): one supervisee < 20 ms, everyone < 200 ms.
//! Knob: `CONFIDANT_BENCH_DIR=/path` (parent folder of the vault, default
//! the system temp dir).
#![allow(clippy::disallowed_methods)] // a benchmark may read the clock; the library may not

use std::hint::black_box;
use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, Months, NaiveDate, NaiveDateTime, TimeZone, Utc};
use confidant_core::crypto::KdfParams;
use confidant_core::hours::{
    Hours, ItemSource, Ledger, PracticeWeek, SupervisionForm, SupervisionItem, SupervisorOfRecord,
};
use confidant_core::hours_rules::{evaluate, examples, HoursRules};
use confidant_core::keychain::MemoryKeychain;
use confidant_core::people::{People, PersonInput, PersonKind, Relation};
use confidant_core::schedule::{
    OccurrenceKey, Pattern, Recurrence, RecurrenceEnd, ReminderSetting, Schedule, SeriesInput,
    SessionKind, SessionStatus,
};
use confidant_core::vault::{Role, Vault, VaultConfig};

const SUPERVISEES: usize = 30;
const YEARS: usize = 5;
const ROUNDS: usize = 9;
const ONE_TARGET: StdDuration = StdDuration::from_millis(20);
const ALL_TARGET: StdDuration = StdDuration::from_millis(200);

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0)
        .single()
        .unwrap_or_default()
}

fn first_monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 11, 29).unwrap_or_default()
}

fn ledger(p: usize) -> Ledger {
    let start = first_monday();
    let supervisor = SupervisorOfRecord {
        name: "Dr Maya Okafor".into(),
        licence_number: "LC-4471".into(),
        credential: "LCSW".into(),
        is_owner: false,
    };
    let supervision = (0..YEARS * 12)
        .map(|m| {
            let date = start
                .checked_add_months(Months::new(m as u32))
                .unwrap_or(start)
                + Duration::days((p % 20) as i64);
            let group = m % 4 == 3;
            SupervisionItem {
                id: format!("s-{p}-{m}"),
                date,
                minutes: 90,
                form: if group {
                    SupervisionForm::Group
                } else {
                    SupervisionForm::Individual
                },
                group_size: group.then_some(4),
                source: ItemSource::Manual {
                    entry_id: format!("s-{p}-{m}"),
                },
                supervisor: supervisor.clone(),
                note: None,
            }
        })
        .collect();
    let practice = (0..YEARS * 52)
        .map(|w| PracticeWeek {
            id: format!("w-{p}-{w}"),
            week_start: start + Duration::weeks(w as i64),
            clinical_minutes: (10 + ((w + p) % 8) as u32) * 60,
            psychotherapy_minutes: (6 + ((w + p) % 4) as u32) * 60,
            non_clinical_minutes: (5 + (w % 3) as u32) * 60,
            setting: "Riverside Community Clinic".into(),
        })
        .collect();
    Ledger {
        person_id: format!("person-{p}"),
        counts_from: Some(start),
        supervision,
        practice,
    }
}

/// The baseline: the same rows summed without the rule engine.
fn plain_sum(l: &Ledger) -> u64 {
    let s: u64 = l.supervision.iter().map(|i| u64::from(i.minutes)).sum();
    let p: u64 = l
        .practice
        .iter()
        .map(|w| {
            u64::from(w.clinical_minutes)
                + u64::from(w.psychotherapy_minutes)
                + u64::from(w.non_clinical_minutes)
        })
        .sum();
    s + p
}

fn median(mut samples: Vec<StdDuration>) -> StdDuration {
    samples.sort();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

fn ms(d: StdDuration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn ratio(a: StdDuration, b: StdDuration) -> String {
    if b.is_zero() {
        return "n/a".into();
    }
    format!("{:.1}×", a.as_secs_f64() / b.as_secs_f64())
}

fn verdict(d: StdDuration, target: StdDuration) -> &'static str {
    if d < target {
        "within target"
    } else {
        "OVER TARGET"
    }
}

fn time<T>(f: impl FnOnce() -> T) -> StdDuration {
    let t = Instant::now();
    black_box(f());
    t.elapsed()
}

fn engine() {
    let ledgers: Vec<Ledger> = (0..SUPERVISEES).map(ledger).collect();
    let today = now().date_naive();
    println!(
        "Engine, in memory: {SUPERVISEES} supervisees × {YEARS} years ({} practice weeks and {} supervision items each)",
        ledgers[0].practice.len(),
        ledgers[0].supervision.len()
    );
    println!(
        "{:<18} {:>12} {:>12} {:>8} {:>14} {:>12} {:>12} {:>8} {:>14}",
        "profile", "one", "baseline", "ratio", "", "everyone", "baseline", "ratio", ""
    );
    let mut worst_one = StdDuration::ZERO;
    let mut worst_all = StdDuration::ZERO;
    for profile in examples::all() {
        let mut one = Vec::new();
        let mut one_base = Vec::new();
        let mut all = Vec::new();
        let mut all_base = Vec::new();
        for _ in 0..ROUNDS {
            for l in &ledgers {
                one.push(time(|| evaluate(&profile, black_box(l), today)));
                one_base.push(time(|| plain_sum(black_box(l))));
            }
            all.push(time(|| {
                ledgers
                    .iter()
                    .map(|l| evaluate(&profile, black_box(l), today))
                    .collect::<Vec<_>>()
            }));
            all_base.push(time(|| {
                ledgers.iter().map(|l| plain_sum(black_box(l))).sum::<u64>()
            }));
        }
        let (o, ob, a, ab) = (median(one), median(one_base), median(all), median(all_base));
        worst_one = worst_one.max(o);
        worst_all = worst_all.max(a);
        println!(
            "{:<18} {:>12} {:>12} {:>8} {:>14} {:>12} {:>12} {:>8} {:>14}",
            profile.name,
            ms(o),
            ms(ob),
            ratio(o, ob),
            verdict(o, ONE_TARGET),
            ms(a),
            ms(ab),
            ratio(a, ab),
            verdict(a, ALL_TARGET)
        );
    }
    println!(
        "Slowest: one supervisee {} (target < {}), everyone {} (target < {}).",
        ms(worst_one),
        ms(ONE_TARGET),
        ms(worst_all),
        ms(ALL_TARGET)
    );
}

fn person_input(name: &str) -> PersonInput {
    PersonInput {
        kind: PersonKind::Person,
        relation: Relation::ISupervise,
        name: name.into(),
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

fn through_vault() {
    let parent = std::env::var("CONFIDANT_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| std::env::temp_dir());
    let dir = tempfile::tempdir_in(parent).unwrap_or_else(|e| panic!("temp dir: {e}"));
    let config = VaultConfig {
        kdf: KdfParams::INSECURE_FOR_TESTS,
    };
    let mut v = Vault::open(dir.path(), Box::new(MemoryKeychain::new()), config, now())
        .unwrap_or_else(|e| panic!("open: {e}"));
    let s = v
        .begin_setup(&[Role::Supervisor])
        .unwrap_or_else(|e| panic!("setup: {e}"));
    v.confirm_setup(&s.recovery_code, now())
        .unwrap_or_else(|e| panic!("confirm: {e}"));
    let id = People::of(&mut v)
        .create(&person_input("Supervisee 1"), now())
        .unwrap_or_else(|e| panic!("person: {e}"))
        .id;
    let start: NaiveDateTime = NaiveDate::from_ymd_opt(2021, 12, 6)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .unwrap_or_default();
    let sessions = YEARS * 12;
    let input = SeriesInput {
        person_id: id.clone(),
        kind: SessionKind::Individual,
        time_zone: "Europe/London".into(),
        start,
        end: start + Duration::minutes(90),
        recurrence: Some(Recurrence {
            pattern: Pattern::MonthlyByDate { day: 6 },
            interval: 1,
            end: RecurrenceEnd::Count {
                count: sessions as u32,
            },
        }),
        location: String::new(),
        reminder: ReminderSetting::Default,
        calendar_code: String::new(),
    };
    let series = Schedule::of(&mut v)
        .create(&input, now())
        .unwrap_or_else(|e| panic!("series: {e}"))
        .series[0]
        .id
        .clone();
    for i in 0..sessions {
        let key = OccurrenceKey {
            series_id: series.clone(),
            original_start: start
                .checked_add_months(Months::new(i as u32))
                .unwrap_or_default(),
        };
        Schedule::of(&mut v)
            .set_status(&key, SessionStatus::Held, now())
            .unwrap_or_else(|e| panic!("held: {e}"));
    }
    let today = now().date_naive();
    let profile = "example-tx-lcsw";
    let mut progress = Vec::new();
    let mut ledger_only = Vec::new();
    let mut items = 0;
    for _ in 0..ROUNDS {
        progress.push(time(|| {
            let p = HoursRules::of(&mut v)
                .progress(&id, Some(profile), today, now())
                .unwrap_or_else(|e| panic!("progress: {e}"));
            items = p.items.len();
            p
        }));
        ledger_only.push(time(|| {
            Hours::of(&mut v)
                .ledger(&id, now())
                .unwrap_or_else(|e| panic!("ledger: {e}"))
        }));
    }
    let (p, l) = (median(progress), median(ledger_only));
    println!();
    println!("Through the vault: one supervisee, {items} held sessions over {YEARS} years (Texas example)");
    println!(
        "progress {} | ledger alone {} | ratio {} | {}",
        ms(p),
        ms(l),
        ratio(p, l),
        verdict(p, ONE_TARGET)
    );
}

fn main() {
    engine();
    through_vault();
}
