//! Nothing on an invoice reaches the disk in clear: the bill-to party's
//! name and email, an organisation's supervisees' names in the lines, the
//! amounts (unit prices and totals, as distinctive digit strings) and the
//! fee in the agreement. Every file in the data folder (database, WAL,
//! shared memory) is searched for each marker in UTF-8 and UTF-16LE, as
//! typed and lowercased: once while the connection is open (live WAL
//! frames), once after the vault is closed. A positive control proves the
//! scanner finds a marker in a plain file and inside a SQLite database.

mod invoices_fixture;

use chrono::Duration;
use confidant_core::agreements::FeeBasis;
use confidant_core::invoices::{InvoiceRequest, Invoices};
use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::schedule::{
    OccurrenceKey, ReminderSetting, Schedule, SeriesInput, SessionKind, SessionStatus,
};
use confidant_core::vault::Role;
use invoices_fixture::records::common::{
    self,
    scan::{assert_no_hits, random_hex, scan, Needles},
};
use invoices_fixture::{agree, date, fee, now, utc};

/// A fee whose digits are a marker: 9 digits, random.
fn marker_amount() -> u64 {
    let hex = random_hex(4);
    900_000_000 + u64::from_str_radix(&hex, 16).expect("hex") % 99_999_999
}

fn run(open: bool) {
    let (dir, mut v) = common::unlocked_vault(Role::Supervisor, utc(2025, 12, 1, 9));
    let mut needles = Needles::default();
    let mut mark = |label: &str| {
        let text = format!("{label}{}", random_hex(12));
        needles.text(label, &text);
        text
    };
    let org_name = mark("OrgName");
    let person_name = mark("PersonName");
    let email = format!("{}@example.org", mark("Email"));
    let org = People::of(&mut v)
        .create(
            &common::person_input(PersonKind::Organisation, Relation::None, &org_name),
            now(),
        )
        .expect("org")
        .id;
    let mut input = common::person_input(PersonKind::Person, Relation::ISupervise, &person_name);
    input.email = email;
    input.organisation_id = Some(org.clone());
    let sam = People::of(&mut v).create(&input, now()).expect("person").id;
    let amount = marker_amount();
    agree(&mut v, &sam, fee(amount, "GBP", FeeBasis::PerHour, 37));

    let mut keys = Vec::new();
    for (d, minutes) in [(5, 60), (12, 90), (19, 60), (2 + 31, 60)] {
        let start = date(2026, 1, 1).and_hms_opt(10, 0, 0).expect("t") + Duration::days(d - 1);
        let c = Schedule::of(&mut v)
            .create(
                &SeriesInput {
                    person_id: sam.clone(),
                    kind: SessionKind::Individual,
                    time_zone: "Europe/London".into(),
                    start,
                    end: start + Duration::minutes(minutes),
                    recurrence: None,
                    location: String::new(),
                    reminder: ReminderSetting::Default,
                    calendar_code: String::new(),
                },
                now(),
            )
            .expect("series");
        let key = OccurrenceKey {
            series_id: c.series[0].id.clone(),
            original_start: start,
        };
        Schedule::of(&mut v)
            .set_status(&key, SessionStatus::Held, now())
            .expect("held");
        keys.push(key);
    }
    let jan = InvoiceRequest {
        person_id: sam.clone(),
        from: date(2026, 1, 1),
        to: date(2026, 1, 31),
    };
    let inv = Invoices::of(&mut v).issue(&jan, now()).expect("issue");
    Invoices::of(&mut v)
        .set_paid(&inv.id, Some(now().date_naive()), now())
        .expect("paid");
    Invoices::of(&mut v)
        .set_paid(&inv.id, None, now())
        .expect("unpaid");
    Invoices::of(&mut v).void(&inv.id, now()).expect("void");
    let feb = InvoiceRequest {
        person_id: org.clone(),
        from: date(2026, 1, 1),
        to: date(2026, 2, 28),
    };
    let org_inv = Invoices::of(&mut v)
        .issue(&feb, now())
        .expect("org invoice");
    assert!(org_inv.lines[0].description.contains(&person_name));
    assert_eq!(org_inv.number, Some(2));
    Invoices::of(&mut v)
        .pdf(&org_inv.id, now())
        .expect("pdf in memory");

    for (label, n) in [
        ("fee amount", amount),
        ("90-minute line", org_inv.lines[1].amount_minor),
        ("void total", inv.total_minor),
        ("org total", org_inv.total_minor),
    ] {
        needles.text(label, &n.to_string());
    }
    if open {
        let found = scan(dir.path(), &needles);
        assert!(
            found
                .size_of(&format!("{}-wal", confidant_core::store::DB_FILE))
                .is_some_and(|s| s > 0),
            "the live write-ahead log was scanned"
        );
        assert_no_hits(&found);
    }
    v.lock();
    drop(v);
    assert_no_hits(&scan(dir.path(), &needles));
}

#[test]
fn no_invoice_field_is_on_disk_while_the_connection_is_open() {
    run(true);
}

#[test]
fn no_invoice_field_is_on_disk_after_the_vault_is_closed() {
    run(false);
}

#[test]
fn control_the_scanner_finds_a_marker_in_a_plain_file_and_in_sqlite() {
    let dir = tempfile::tempdir().expect("tmp");
    let marker = format!("Ctl{}", random_hex(12));
    std::fs::write(dir.path().join("plain.txt"), format!("x {marker} y")).expect("write");
    let conn = rusqlite::Connection::open(dir.path().join("control.db")).expect("db");
    conn.execute_batch("CREATE TABLE t (v TEXT)")
        .expect("table");
    conn.execute("INSERT INTO t (v) VALUES (?1)", [format!("{marker} z")])
        .expect("insert");
    drop(conn);
    let mut needles = Needles::default();
    needles.text("control", &marker);
    let found = scan(dir.path(), &needles);
    let files: std::collections::BTreeSet<_> = found.hits.iter().map(|h| h.file.clone()).collect();
    assert_eq!(
        files.len(),
        2,
        "found in the plain file and in the database:\n{}",
        found.report()
    );
}
