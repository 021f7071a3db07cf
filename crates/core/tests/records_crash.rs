//! Crash safety of draft autosaves (the harness is `tests/common/crash.rs`):
//! a child process saving one record's draft again and again is killed
//! with `SIGKILL` at random moments. After every kill the database passes
//! `PRAGMA integrity_check`, the vault unlocks, the record opens, and it
//! holds exactly the last acknowledged save or the one in flight — never a
//! mix: the record's content and its action-item rows (written in the same
//! transaction) agree.
//!
//! Reproduce a run with `CONFIDANT_CRASH_SEED=<seed printed>`.
//! Pass/fail never depends on timing: the delays only choose where the kill
//! lands.
#![allow(clippy::disallowed_methods)] // a test may read the clock; the library may not

mod records_fixture;

use chrono::Duration;
use confidant_core::people::{People, PersonKind};
use confidant_core::records::{RecordContent, Records};
use confidant_core::schedule::{
    OccurrenceKey, ReminderSetting, Schedule, SeriesInput, SessionKind, SessionStatus,
};
use confidant_core::vault::{Role, Vault};
use records_fixture::common::crash::{self, CrashVault, InFlight};
use records_fixture::{complete, day, now};

const CHILD_TEST: &str = "records_crash_child";
const KILLS: u64 = 10;

/// The content of save `seq` of run `run`: the key learning and the first
/// action item name it; one in four is long (overflow pages).
fn content(base: &RecordContent, run: u64, seq: u64) -> RecordContent {
    let mut c = base.clone();
    let pad = if seq % 4 == 3 {
        "ü".repeat(6000)
    } else {
        String::new()
    };
    c.key_learning = format!("run {run} seq {seq} {pad}").trim().to_string();
    c.action_items[0].text = format!("act {run} {seq}");
    c
}

/// The one record in the vault.
fn the_record(v: &mut Vault) -> String {
    let person = People::of(v).list().expect("people")[0].id.clone();
    Records::of(v).for_person(&person).expect("records")[0]
        .id
        .clone()
}

/// The child: a no-op unless the parent started this binary for it.
#[test]
fn records_crash_child() {
    let Some(crash::Child { mut vault, run, .. }) = crash::child(CHILD_TEST, now()) else {
        return;
    };
    let v = &mut vault;
    let id = the_record(v);
    for seq in 0..1_000_000u64 {
        let r = Records::of(v).get(&id, None).expect("read");
        let c = content(&r.content, run, seq);
        crash::begin(&format!("{} {run} {seq}", r.revision));
        let saved = Records::of(v)
            .save_draft(&id, r.revision, &c, now() + Duration::seconds(seq as i64))
            .expect("save");
        crash::committed(&format!("{} {run} {seq}", saved.revision));
    }
}

#[test]
#[ignore = "reliability suite: scripts/test.sh runs it in a step of its own (cargo test -- --ignored)"]
fn sigkill_during_draft_autosaves_keeps_the_last_save_or_the_one_in_flight() {
    if crash::in_child() {
        return;
    }
    let seed = crash::seed("record");
    let cv = CrashVault::new(Role::Supervisor, now(), |v| {
        let person = records_fixture::person(v, "Sam Supervisee", PersonKind::Person, vec![]);
        let start = day(0).and_hms_opt(10, 0, 0).expect("t");
        let input = SeriesInput {
            person_id: person,
            kind: SessionKind::Individual,
            time_zone: "Europe/London".into(),
            start,
            end: start + Duration::hours(1),
            recurrence: None,
            location: String::new(),
            reminder: ReminderSetting::Default,
            calendar_code: String::new(),
        };
        let series = Schedule::of(v)
            .create(&input, now())
            .expect("series")
            .series[0]
            .id
            .clone();
        let key = OccurrenceKey {
            series_id: series,
            original_start: start,
        };
        Schedule::of(v)
            .set_status(&key, SessionStatus::Held, now())
            .expect("held");
        let r = Records::of(v).start(&key, now()).expect("start");
        Records::of(v)
            .save_draft(&r.id, r.revision, &complete(day(0)), now())
            .expect("first save");
    });
    crash::run(
        "session record",
        CHILD_TEST,
        &cv,
        KILLS,
        seed,
        (10, 210),
        now(),
        |kill, v| {
            let run = kill.run;
            // revision, run, seq of the last acknowledged save
            let last = kill.acknowledged().last().expect("an acknowledged save");
            let id = the_record(v);
            let r = Records::of(v)
                .get(&id, None)
                .expect("the record opens after the kill");
            let (verdict, run_, seq) = if r.revision == last.num(0) as u32 {
                let verdict = if kill.in_flight().is_some() {
                    InFlight::NotLanded
                } else {
                    InFlight::None
                };
                (verdict, last.num(1), last.num(2))
            } else {
                let f = kill.in_flight().unwrap_or_else(|| {
                    panic!(
                        "run {run}: revision {} is neither acknowledged nor in flight",
                        r.revision
                    )
                });
                assert_eq!(
                    r.revision,
                    f.num(0) as u32 + 1,
                    "run {run}: the save in flight"
                );
                (InFlight::Landed, f.num(1), f.num(2))
            };
            assert_eq!(
                r.content.key_learning,
                content(&r.content, run_, seq).key_learning,
                "run {run}"
            );
            assert_eq!(r.content.action_items[0].text, format!("act {run_} {seq}"));
            assert_eq!(
                r.action_items[0].text, r.content.action_items[0].text,
                "rows agree with the record"
            );
            assert_eq!(r.action_items.len(), r.content.action_items.len());
            verdict
        },
    );
}
