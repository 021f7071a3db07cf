//! Session-record benchmark: `cargo bench -p confidant-core --bench records`.
//!
//! A program, not a test: it prints a table and always exits 0. In a vault
//! on disk it builds 30 supervisees × 10 years of monthly sessions, each
//! held and with a final record (≈3,600 records, each with 2–3 agenda
//! items, one case consultation and two action items; the action items of
//! each person's last three records are open, the older ones done). Then
//! it measures, per person, medians over every person and several rounds:
//!
//! - **records list**: `Records::for_person` (the records part of the
//!   person page: every record's body opened, open-action and addenda
//!   counts);
//! - **person page**: everything the page opens: the list, `open_actions`,
//!   `case_references`, the records of the person's groups, and (added per
//!   supervisee, `support/person_page.rs`) 6 goals with 10 check-ins each,
//!   the development stage, coaching records, 3 exception-log entries with
//!   an addendum each and 24 contact notes;
//! - **agenda**: `Records::agenda` for the person's next session (the
//!   schedule lookup of the occurrence included);
//!
//! each against a same-run baseline: the same SQL over the same rows with
//! plain rusqlite, reading the sealed blobs without opening them;
//!
//! - **record PDF**: `Records::pdf` of a final record of about twenty pages
//!   (90 long agenda items, added to one person's next session after the
//!   other measures), against the same record read and formatted as plain
//!   text without layout (`Records::document` flattened to a string) in the
//!   same run; and `pdf::render` alone (layout, shaping, fonts, writing).
//!
//! Knobs: `CONFIDANT_BENCH_YEARS=2` (fewer years, for a quick run);
//! `CONFIDANT_BENCH_DIR=/path` (parent folder, default the system temp dir).
#![allow(clippy::disallowed_methods)] // a benchmark may read the clock; the library may not

use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, NaiveDateTime, TimeZone, Utc};
use confidant_core::crypto::KdfParams;
use confidant_core::keychain::MemoryKeychain;
use confidant_core::pdf::{self, Block, Document};
use confidant_core::people::{People, PersonInput, PersonKind, Relation};
use confidant_core::records::{
    ActionItemInput, ActionOwner, ActionStatus, AgendaItem, CaseConsultation, FocusType, RaisedBy,
    RecordContent, Records,
};
use confidant_core::schedule::{
    OccurrenceKey, Pattern, Recurrence, RecurrenceEnd, ReminderSetting, Schedule, SeriesInput,
    SessionKind, SessionStatus,
};
use confidant_core::store::DB_FILE;
use confidant_core::vault::{Role, Vault, VaultConfig};
use rusqlite::Connection;

#[path = "support/person_page.rs"]
mod person_page;

const SUPERVISEES: usize = 30;
const ROUNDS: usize = 5;
const OPEN_RECORDS: usize = 3;
const PERSON_TARGET: StdDuration = StdDuration::from_millis(100);
const AGENDA_TARGET: StdDuration = StdDuration::from_millis(20);
const PDF_TARGET: StdDuration = StdDuration::from_secs(1);
const PDF_ROUNDS: usize = 7;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0)
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

fn person_input(name: String) -> PersonInput {
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
        members: Vec::new(),
        facilitator_id: None,
    }
}

const TEXTS: &[&str] = &[
    "A home visit where the parent would not let the worker in; what to do next time.",
    "Caseload has grown by four families since the last session; prioritising.",
    "Preparing the court report for next month and the evidence it needs.",
    "A colleague disagreed in the team meeting about a risk decision.",
    "Training on trauma-informed practice: what to try with the family.",
];

fn content(session: NaiveDate, person: usize, i: usize, open: bool) -> RecordContent {
    let items = 2 + (i % 2);
    let status = if open {
        ActionStatus::Open
    } else {
        ActionStatus::Done
    };
    let action = |text: &str| ActionItemInput {
        id: String::new(),
        text: text.into(),
        owner: Some(ActionOwner::Supervisee),
        due: Some(session + Duration::days(14)),
        status,
    };
    let mut c = RecordContent {
        agenda_items: (0..items)
            .map(|k| AgendaItem {
                text: TEXTS[(i + k) % TEXTS.len()].into(),
                focus: FocusType::ClientIssue,
                raised_by: RaisedBy::Supervisee,
                carry_over: false,
            })
            .collect(),
        exploration:
            "We explored what happened, what the worker felt and what the family might have felt. "
                .repeat(6),
        decisions: vec!["Plan a joint visit with the team manager.".into()],
        key_learning: "Name the risk out loud and record the reasons.".into(),
        consultations: vec![CaseConsultation {
            case_reference: format!("C-{}{}", person + 1, i % 7),
            supervisee_id: None,
            presenting_issue: "Escalating conflict at home; school attendance falling.".into(),
            approaches_tried: "Joint visits, a family meeting.".into(),
            guidance: "Review the safety plan with the team and the school.".into(),
            link: None,
        }],
        action_items: vec![
            action("Update the safety plan"),
            action("Book a joint visit"),
        ],
        ..RecordContent::default()
    };
    c.functions.formative.ticked = true;
    c.functions.formative.note = "Risk assessment skills.".into();
    c
}

struct Person {
    id: String,
    next: OccurrenceKey,
}

fn populate(v: &mut Vault, years: usize) -> Vec<Person> {
    let sessions = years * 12;
    let first_month = NaiveDate::from_ymd_opt(2026, 12, 1)
        .and_then(|d| d.checked_sub_months(Months::new(sessions as u32)))
        .unwrap_or_default();
    let mut out = Vec::new();
    for p in 0..SUPERVISEES {
        let id = People::of(v)
            .create(&person_input(format!("Supervisee {p}")), now())
            .map(|x| x.id)
            .unwrap_or_default();
        let day = (p % 28) as u32 + 1;
        let start: NaiveDateTime = first_month
            .with_day(day)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .unwrap_or_default();
        let input = SeriesInput {
            person_id: id.clone(),
            kind: SessionKind::Individual,
            time_zone: "Europe/London".into(),
            start,
            end: start + Duration::minutes(60),
            recurrence: Some(Recurrence {
                pattern: Pattern::MonthlyByDate { day: day as i8 },
                interval: 1,
                end: RecurrenceEnd::Count {
                    count: sessions as u32 + 1,
                },
            }),
            location: String::new(),
            reminder: ReminderSetting::Default,
            calendar_code: String::new(),
        };
        let series = match Schedule::of(v).create(&input, now()) {
            Ok(c) => c.series[0].id.clone(),
            Err(e) => panic!("series: {e}"),
        };
        let key = |i: usize| OccurrenceKey {
            series_id: series.clone(),
            original_start: start
                .checked_add_months(Months::new(i as u32))
                .unwrap_or_default(),
        };
        for i in 0..sessions {
            let k = key(i);
            if let Err(e) = Schedule::of(v).set_status(&k, SessionStatus::Held, now()) {
                panic!("held: {e}");
            }
            let mut r = Records::of(v);
            let rec = r.start(&k, now()).unwrap_or_else(|e| panic!("start: {e}"));
            let c = content(k.original_start.date(), p, i, i + OPEN_RECORDS >= sessions);
            r.save_draft(&rec.id, rec.revision, &c, now())
                .unwrap_or_else(|e| panic!("save: {e}"));
            r.finalise(&rec.id, "Dr Supervisor", now())
                .unwrap_or_else(|e| panic!("finalise: {e}"));
        }
        person_page::populate(v, &id, now());
        out.push(Person {
            id,
            next: key(sessions),
        });
    }
    out
}

/// The same rows the list reads, without opening them.
fn raw_list(conn: &Connection, person: &str) -> usize {
    let mut n = 0;
    let mut stmt = conn
        .prepare_cached("SELECT id, person_id, series_id, original_start, session_date, kind, status, revision, key_id, created_at, updated_at, body FROM session_records WHERE person_id = ?1 ORDER BY session_date DESC, original_start DESC, id")
        .unwrap_or_else(|e| panic!("{e}"));
    let rows = stmt
        .query_map([person], |r| r.get::<_, Vec<u8>>(11))
        .unwrap_or_else(|e| panic!("{e}"));
    for b in rows.flatten() {
        n += b.len();
    }
    let mut stmt = conn
        .prepare_cached("SELECT body FROM action_items WHERE person_id = ?1 AND status = 'open'")
        .unwrap_or_else(|e| panic!("{e}"));
    for b in stmt
        .query_map([person], |r| r.get::<_, Vec<u8>>(0))
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        n += b.len();
    }
    let c: i64 = conn
        .query_row(
            "SELECT count(*) FROM record_addenda WHERE person_id = ?1",
            [person],
            |r| r.get(0),
        )
        .unwrap_or_default();
    n + c as usize
}

/// The same rows the person page's records part reads: the list's rows,
/// the open actions again, the person's records again and every group
/// record (case references), unopened.
fn raw_page(conn: &Connection, person: &str) -> usize {
    let mut n = raw_list(conn, person);
    let mut stmt = conn
        .prepare_cached("SELECT body FROM action_items WHERE person_id = ?1 AND status = 'open'")
        .unwrap_or_else(|e| panic!("{e}"));
    for b in stmt
        .query_map([person], |r| r.get::<_, Vec<u8>>(0))
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        n += b.len();
    }
    for (sql, arg) in [
        (
            "SELECT body FROM session_records WHERE person_id = ?1 ORDER BY session_date DESC",
            person,
        ),
        (
            "SELECT body FROM session_records WHERE kind = ?1 ORDER BY session_date",
            "group",
        ),
    ] {
        let mut stmt = conn.prepare_cached(sql).unwrap_or_else(|e| panic!("{e}"));
        for b in stmt
            .query_map([arg], |r| r.get::<_, Vec<u8>>(0))
            .unwrap_or_else(|e| panic!("{e}"))
            .flatten()
        {
            n += b.len();
        }
    }
    n
}

/// The same rows the agenda reads (the schedule's rows, the open actions,
/// the last record, the saved agenda, this session's record), unopened.
fn raw_agenda(conn: &Connection, person: &str, key: &OccurrenceKey) -> usize {
    let mut n = 0;
    for sql in [
        "SELECT * FROM session_series",
        "SELECT * FROM session_overrides",
    ] {
        let mut stmt = conn.prepare_cached(sql).unwrap_or_else(|e| panic!("{e}"));
        let cols = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut len = 0;
                for i in 0..cols {
                    if let Ok(rusqlite::types::Value::Blob(b)) =
                        r.get::<_, rusqlite::types::Value>(i)
                    {
                        len += b.len();
                    }
                }
                Ok(len)
            })
            .unwrap_or_else(|e| panic!("{e}"));
        n += rows.flatten().sum::<usize>();
    }
    let start = key.original_start.format("%Y-%m-%dT%H:%M:%S").to_string();
    let mut stmt = conn
        .prepare_cached("SELECT body FROM action_items WHERE person_id = ?1 AND status = 'open'")
        .unwrap_or_else(|e| panic!("{e}"));
    n += stmt
        .query_map([person], |r| r.get::<_, Vec<u8>>(0))
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .map(|b| b.len())
        .sum::<usize>();
    let last: Option<Vec<u8>> = conn
        .query_row("SELECT body FROM session_records WHERE person_id = ?1 AND original_start < ?2 ORDER BY original_start DESC, id LIMIT 1", [person, &start], |r| r.get(0))
        .ok();
    n += last.map_or(0, |b| b.len());
    for table in ["agendas", "session_records"] {
        let b: Option<Vec<u8>> = conn
            .query_row(
                &format!("SELECT body FROM {table} WHERE series_id = ?1 AND original_start = ?2"),
                [&key.series_id, &start],
                |r| r.get(0),
            )
            .ok();
        n += b.map_or(0, |b| b.len());
    }
    n
}

/// A document's text as plain text, without layout: what the PDF's
/// rendering is compared with.
fn plain_text(doc: &Document) -> String {
    let mut out = format!("{}\n{}\n", doc.title, doc.subtitle.join("\n"));
    for b in &doc.blocks {
        match b {
            Block::Heading { text, .. } | Block::Paragraph { text, .. } => out.push_str(text),
            Block::Field { label, value } => out.push_str(&format!("{label}: {value}")),
            Block::Bullets(items) => out.push_str(&items.join("\n")),
            Block::Table(t) => {
                for row in &t.rows {
                    out.push_str(&row.join(" | "));
                    out.push('\n');
                }
            }
            Block::Banner { title, detail } => out.push_str(&format!("{title}\n{detail}")),
            Block::Spacer(_) => {}
        }
        out.push('\n');
    }
    out.push_str(&doc.footer.join("\n"));
    out
}

/// A final record of about twenty pages on `key`, a coming session (held
/// and written "later", once it has started): 90 long agenda items on top
/// of a normal record.
fn long_record(v: &mut Vault, key: &OccurrenceKey) -> String {
    let later = key.original_start.and_utc() + Duration::days(2);
    if let Err(e) = Schedule::of(v).set_status(key, SessionStatus::Held, later) {
        panic!("held: {e}");
    }
    let mut r = Records::of(v);
    let rec = r.start(key, later).unwrap_or_else(|e| panic!("start: {e}"));
    let mut c = content(key.original_start.date(), 0, 0, true);
    c.agenda_items = (1..=90)
        .map(|i| AgendaItem {
            text: format!("Item {i}: {}", TEXTS.join(" ").repeat(2)),
            focus: FocusType::ClientIssue,
            raised_by: RaisedBy::Supervisee,
            carry_over: false,
        })
        .collect();
    r.save_draft(&rec.id, rec.revision, &c, later)
        .unwrap_or_else(|e| panic!("save: {e}"));
    r.finalise(&rec.id, "Dr Supervisor", later)
        .unwrap_or_else(|e| panic!("finalise: {e}"));
    rec.id
}

/// The page count a PDF declares (its page tree's `/Count`), if readable.
fn page_count(bytes: &[u8]) -> Option<usize> {
    let at = bytes.windows(7).position(|w| w == b"/Count ")? + 7;
    let digits: String = bytes[at..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .map(|b| *b as char)
        .collect();
    digits.parse().ok()
}

/// Times `f` on a warm cache: it runs once untimed first, so every
/// measure and its baseline read the same pages from SQLite's cache.
fn measure(mut f: impl FnMut()) -> StdDuration {
    f();
    let t = Instant::now();
    f();
    t.elapsed()
}

fn main() {
    let years: usize = std::env::var("CONFIDANT_BENCH_YEARS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
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
        .unwrap_or_else(|e| panic!("{e}"));
    v.confirm_setup(&s.recovery_code, now())
        .unwrap_or_else(|e| panic!("{e}"));

    let t = Instant::now();
    let people = populate(&mut v, years);
    let built = t.elapsed();
    let conn = Connection::open(dir.path().join(DB_FILE)).unwrap_or_else(|e| panic!("{e}"));
    let count: i64 = conn
        .query_row("SELECT count(*) FROM session_records", [], |r| r.get(0))
        .unwrap_or_default();
    let actions: i64 = conn
        .query_row("SELECT count(*) FROM action_items", [], |r| r.get(0))
        .unwrap_or_default();
    println!(
        "Session records: {SUPERVISEES} supervisees × {years} years monthly = {count} final records, {actions} action items (built in {:.1} s)",
        built.as_secs_f64()
    );

    let (mut list, mut page, mut agenda) = (Vec::new(), Vec::new(), Vec::new());
    let (mut raw_l, mut raw_p, mut raw_a) = (Vec::new(), Vec::new(), Vec::new());
    let (mut listed, mut open_seen) = (0, 0);
    for _ in 0..ROUNDS {
        for p in &people {
            raw_l.push(measure(|| {
                std::hint::black_box(raw_list(&conn, &p.id));
            }));
            list.push(measure(|| {
                let l = Records::of(&mut v)
                    .for_person(&p.id)
                    .unwrap_or_else(|e| panic!("{e}"));
                listed = l.len();
            }));
            raw_p.push(measure(|| {
                std::hint::black_box(raw_page(&conn, &p.id));
                std::hint::black_box(person_page::raw(&conn, &p.id));
            }));
            page.push(measure(|| {
                let mut r = Records::of(&mut v);
                std::hint::black_box(r.for_person(&p.id).unwrap_or_else(|e| panic!("{e}")));
                std::hint::black_box(r.open_actions(&p.id).unwrap_or_else(|e| panic!("{e}")));
                std::hint::black_box(r.case_references(&p.id).unwrap_or_else(|e| panic!("{e}")));
                std::hint::black_box(r.group_records_of(&p.id).unwrap_or_else(|e| panic!("{e}")));
                person_page::open(&mut v, &p.id);
            }));
            raw_a.push(measure(|| {
                std::hint::black_box(raw_agenda(&conn, &p.id, &p.next));
            }));
            agenda.push(measure(|| {
                let a = Records::of(&mut v)
                    .agenda(&p.next)
                    .unwrap_or_else(|e| panic!("{e}"));
                open_seen = a.open_actions.len();
            }));
        }
    }
    let (l, pg, a) = (median(list), median(page), median(agenda));
    let (rl, rp, ra) = (median(raw_l), median(raw_p), median(raw_a));
    println!("{listed} records per person; {open_seen} open action items on the next agenda");
    println!("| measure (median of {} runs) | time | baseline (same rows, not opened) | ratio | target |", ROUNDS * SUPERVISEES);
    println!("|---|---|---|---|---|");
    println!(
        "| records list (`for_person`) | {} | {} | {} | |",
        ms(l),
        ms(rl),
        ratio(l, rl)
    );
    println!("| person page (records, open actions, case references, group records, {} goals × {} check-ins, stage, coaching, {} exception entries, {} contact notes) | {} | {} | {} | < {} |", person_page::GOALS, person_page::CHECK_INS, person_page::EXCEPTIONS, person_page::CONTACTS, ms(pg), ms(rp), ratio(pg, rp), ms(PERSON_TARGET));
    println!(
        "| agenda for the next session | {} | {} | {} | < {} |",
        ms(a),
        ms(ra),
        ratio(a, ra),
        ms(AGENDA_TARGET)
    );

    let Some(first) = people.first() else { return };
    let id = long_record(&mut v, &first.next);
    let (mut pdfs, mut texts, mut renders) = (Vec::new(), Vec::new(), Vec::new());
    let (mut bytes, mut chars) = (Vec::new(), 0);
    for _ in 0..PDF_ROUNDS {
        texts.push(measure(|| {
            let doc = Records::of(&mut v)
                .document(&id, None, now())
                .unwrap_or_else(|e| panic!("{e}"));
            chars = plain_text(&doc).chars().count();
        }));
        pdfs.push(measure(|| {
            bytes = Records::of(&mut v)
                .pdf(&id, None, now())
                .unwrap_or_else(|e| panic!("{e}"));
        }));
        let doc = Records::of(&mut v)
            .document(&id, None, now())
            .unwrap_or_else(|e| panic!("{e}"));
        renders.push(measure(|| {
            std::hint::black_box(pdf::render(&doc).unwrap_or_else(|e| panic!("{e}")));
        }));
    }
    let (p, t, r) = (median(pdfs), median(texts), median(renders));
    let pages = page_count(&bytes).map_or("?".to_string(), |n| n.to_string());
    println!(
        "Long record: {pages} pages, {} KB PDF, {chars} characters of text",
        bytes.len() / 1024
    );
    println!("| measure (median of {PDF_ROUNDS} runs) | time | baseline (same record as plain text, no layout) | ratio | target |");
    println!("|---|---|---|---|---|");
    println!(
        "| record PDF (`Records::pdf`) | {} | {} | {} | < {} |",
        ms(p),
        ms(t),
        ratio(p, t),
        ms(PDF_TARGET)
    );
    println!(
        "| of which rendering (`pdf::render`) | {} | {} | {} | |",
        ms(r),
        ms(t),
        ratio(r, t)
    );
}
