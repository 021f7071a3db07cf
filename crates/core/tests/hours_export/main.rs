//! Hours exports checked with real tools: the CSV read by Python's csv
//! module (tests/hours_csv_check.py; `$CONFIDANT_PYTHON` or `python3`) —
//! byte-order mark, CRLF, every cell as written, formula cells neutralised,
//! sums equal to the app's totals — and the PDF hours log through
//! `pdftotext` (poppler-utils): the sign-off block, "Page n of m" on every
//! page of a long log, totals by form and month, the profile's summary.

#[path = "../records_fixture/mod.rs"]
mod records_fixture;

use std::path::Path;
use std::process::Command;

use chrono::{Duration, NaiveDate};
use confidant_core::hours::{
    ItemSource, Ledger, PracticeWeek, SupervisionForm, SupervisionItem, SupervisorOfRecord,
};
use confidant_core::hours_export::{
    csv, csv_file_name, decimal_hours, document, neutralise, HoursExport, HoursExportInput,
    SignOffBlock, Signatory, Totals, CSV_COLUMNS,
};
use confidant_core::party::PartyDetails;
use confidant_core::pdf::render;
use confidant_core::schedule::OccurrenceKey;
use confidant_core::settings::{DateOrder, VaultSettings};
use confidant_core::Error;
use records_fixture::{date, now, utc, world};
use serde_json::Value;

const FORMULA: &str = "=HYPERLINK(\"x\")";

fn python() -> String {
    std::env::var("CONFIDANT_PYTHON").unwrap_or_else(|_| "python3".into())
}

/// Parses `bytes` with tests/hours_csv_check.py and returns its JSON.
fn python_reads(bytes: &[u8], dir: &Path) -> Value {
    let path = dir.join("hours.csv");
    std::fs::write(&path, bytes).expect("write the CSV");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hours_csv_check.py");
    let out = Command::new(python())
        .arg(&script)
        .arg(&path)
        .output()
        .unwrap_or_else(|e| {
            panic!("This test needs python3 (its csv module). It could not be started: {e}")
        });
    assert!(
        out.status.success(),
        "Python rejected the CSV: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON from the checker")
}

fn skip_on_windows(what: &str) -> bool {
    if cfg!(windows) {
        eprintln!("skipped on Windows: needs {what}, set up on Linux only");
    }
    cfg!(windows)
}

/// The text of a PDF, as `pdftotext` extracts it (pages split by form feeds).
fn pdftotext(bytes: &[u8], dir: &Path) -> String {
    assert!(bytes.starts_with(b"%PDF-"), "a PDF file");
    let path = dir.join("hours.pdf");
    std::fs::write(&path, bytes).expect("write the PDF");
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!("pdftotext could not be run ({e}). Install poppler-utils to run the PDF tests.")
        });
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn plain(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pages(text: &str) -> Vec<String> {
    text.split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(plain)
        .collect()
}

fn supervisor(name: &str, is_owner: bool) -> SupervisorOfRecord {
    SupervisorOfRecord {
        name: name.into(),
        licence_number: "LCSW 4471".into(),
        credential: "LCSW".into(),
        is_owner,
    }
}

fn manual(
    id: &str,
    day: NaiveDate,
    minutes: u32,
    by: SupervisorOfRecord,
    note: Option<&str>,
) -> SupervisionItem {
    SupervisionItem {
        id: id.into(),
        date: day,
        minutes,
        form: SupervisionForm::Individual,
        group_size: None,
        source: ItemSource::Manual {
            entry_id: id.into(),
        },
        supervisor: by,
        note: note.map(Into::into),
    }
}

fn session(
    i: i64,
    minutes: u32,
    form: SupervisionForm,
    group_size: Option<u32>,
) -> SupervisionItem {
    let start = date(2026, 1, 5).and_hms_opt(10, 0, 0).expect("time") + Duration::weeks(i);
    SupervisionItem {
        id: format!("session:s1:{}", start.format("%Y-%m-%dT%H:%M")),
        date: start.date(),
        minutes,
        form,
        group_size,
        source: ItemSource::Session {
            key: OccurrenceKey {
                series_id: "s1".into(),
                original_start: start,
            },
        },
        supervisor: supervisor("", true),
        note: None,
    }
}

fn week(id: &str, monday: NaiveDate, setting: &str) -> PracticeWeek {
    PracticeWeek {
        id: id.into(),
        week_start: monday,
        clinical_minutes: 1230,
        psychotherapy_minutes: 600,
        non_clinical_minutes: 545,
        setting: setting.into(),
    }
}

fn signatory(name: &str, licence: &str, credential: &str) -> Signatory {
    Signatory {
        name: name.into(),
        licence_number: licence.into(),
        credential: credential.into(),
    }
}

/// A quarter with every kind of row and every awkward cell.
fn quarter() -> HoursExportInput {
    let elsewhere = supervisor(FORMULA, false);
    let ledger = Ledger {
        person_id: "p1".into(),
        counts_from: Some(date(2026, 1, 5)),
        supervision: vec![
            manual(
                "m0",
                date(2025, 12, 30),
                60,
                supervisor("Before", false),
                None,
            ),
            session(0, 60, SupervisionForm::Individual, None),
            session(1, 90, SupervisionForm::Triadic, Some(2)),
            session(2, 120, SupervisionForm::Group, Some(5)),
            manual(
                "m1",
                date(2026, 1, 28),
                50,
                elsewhere,
                Some("+ attendance \"not\" recorded, see\r\nnotes"),
            ),
            manual(
                "m2",
                date(2026, 2, 3),
                45,
                supervisor("@risk Łukasz Żółkiewski", false),
                Some("-3 minutes late"),
            ),
            manual(
                "m3",
                date(2026, 2, 10),
                75,
                supervisor("\tTabbed, Name", false),
                Some("\rcarriage"),
            ),
            session(8, 60, SupervisionForm::DirectObservation, None),
            manual("m4", date(2026, 4, 1), 60, supervisor("After", false), None),
        ],
        practice: vec![
            week("w0", date(2025, 12, 29), "Before"),
            week("w1", date(2026, 1, 5), "=cmd|' /C calc'!A0"),
            week("w2", date(2026, 3, 30), "Community clinic, north"),
        ],
    };
    HoursExportInput {
        ledger,
        from: date(2026, 1, 1),
        to: date(2026, 3, 31),
        person: signatory("Sam Supervisee", "ASW 90210", "Associate social worker"),
        supervisor: signatory("Dr Maria Lopez", "LCSW 4471", "LCSW"),
        sign_off: None,
        summary: Vec::new(),
        profile_name: None,
    }
}

#[test]
fn python_reads_every_cell_as_written_and_the_sums_match_the_totals() {
    if skip_on_windows("Python") {
        return;
    }
    let input = quarter();
    let bytes = csv(&input);
    assert!(bytes.starts_with(b"\xef\xbb\xbf"), "UTF-8 with BOM");
    let dir = tempfile::tempdir().expect("dir");
    let got = python_reads(&bytes, dir.path());

    let header: Vec<String> = serde_json::from_value(got["header"].clone()).expect("header");
    assert_eq!(header, CSV_COLUMNS);
    let rows: Vec<Vec<String>> = serde_json::from_value(got["rows"].clone()).expect("rows");
    let col = |name: &str| CSV_COLUMNS.iter().position(|c| *c == name).expect("column");
    let kinds: Vec<&str> = rows.iter().map(|r| r[col("kind")].as_str()).collect();
    assert_eq!(
        kinds,
        ["supervision"; 7]
            .into_iter()
            .chain(["practice_week"; 2])
            .collect::<Vec<_>>(),
        "the period's rows only, supervision first"
    );

    // Each formula start came out with a single quote in front, nothing else changed.
    let m1 = &rows[3];
    assert_eq!(m1[col("supervisor_name")], "'=HYPERLINK(\"x\")");
    assert_eq!(
        m1[col("note")],
        "'+ attendance \"not\" recorded, see\r\nnotes"
    );
    assert_eq!(m1[col("source")], "manual");
    assert_eq!(m1[col("minutes")], "50");
    assert_eq!(m1[col("hours")], "0.83");
    assert_eq!(rows[4][col("supervisor_name")], "'@risk Łukasz Żółkiewski");
    assert_eq!(rows[4][col("note")], "'-3 minutes late");
    assert_eq!(rows[5][col("supervisor_name")], "'\tTabbed, Name");
    assert_eq!(rows[5][col("note")], "'\rcarriage");
    assert_eq!(rows[7][col("setting")], "'=cmd|' /C calc'!A0");
    assert!(!rows
        .iter()
        .flatten()
        .any(|cell| cell.starts_with(['=', '+', '-', '@', '\t', '\r'])));

    // The owner's items carry the log's supervisor; forms and group sizes as typed.
    let s1 = &rows[1];
    assert_eq!(s1[col("date")], "2026-01-12");
    assert_eq!(s1[col("form")], "triadic");
    assert_eq!(s1[col("group_size")], "2");
    assert_eq!(s1[col("source")], "session");
    assert_eq!(s1[col("supervisor_name")], "Dr Maria Lopez");
    assert_eq!(s1[col("supervisor_licence_number")], "LCSW 4471");
    assert_eq!(s1[col("supervisor_credential")], "LCSW");
    assert_eq!(rows[6][col("form")], "direct_observation");
    assert_eq!(rows[7][col("clinical_minutes")], "1230");
    assert_eq!(rows[7][col("psychotherapy_minutes")], "600");
    assert_eq!(rows[7][col("minutes")], "");

    let totals = Totals::of(&input);
    assert_eq!(
        totals.supervision.minutes,
        60 + 90 + 120 + 50 + 45 + 75 + 60
    );
    assert_eq!(got["supervision_minutes"], totals.supervision.minutes);
    assert_eq!(got["clinical_minutes"], totals.clinical);
    assert_eq!(got["non_clinical_minutes"], totals.non_clinical);
    // Per-row hours are rounded to hundredths; their sum stays within half a
    // hundredth per row of the exact total.
    let summed: f64 = got["supervision_hours"]
        .as_str()
        .expect("hours")
        .parse()
        .expect("number");
    let exact = totals.supervision.minutes as f64 / 60.0;
    assert!((summed - exact).abs() <= 0.005 * 7.0, "{summed} vs {exact}");
}

#[test]
fn the_vault_export_neutralises_a_formula_typed_as_the_supervisors_name() {
    if skip_on_windows("Python") {
        return;
    }
    let mut w = world(false);
    for i in 0..6 {
        w.hold(i);
    }
    let profile = PartyDetails {
        name: FORMULA.into(),
        professional_role: "-LCSW".into(),
        licence_number: "+1 4471".into(),
        ..PartyDetails::default()
    };
    VaultSettings::of(&mut w.v)
        .set_profile(&profile, utc(2026, 1, 1, 9))
        .expect("profile");
    let (from, to) = (date(2026, 1, 1), date(2026, 3, 31));
    let bytes = HoursExport::of(&mut w.v)
        .csv(&w.person, from, to, now())
        .expect("csv");
    assert!(bytes.starts_with("\u{feff}kind,date,minutes,hours,".as_bytes()));
    let dir = tempfile::tempdir().expect("dir");
    let got = python_reads(&bytes, dir.path());
    let rows: Vec<Vec<String>> = serde_json::from_value(got["rows"].clone()).expect("rows");
    assert_eq!(rows.len(), 6);
    for row in &rows {
        assert_eq!(row[7], "'=HYPERLINK(\"x\")");
        assert_eq!(row[8], "'+1 4471");
        assert_eq!(row[9], "'-LCSW");
        assert_eq!(row[3], "1.00");
    }
    assert_eq!(got["supervision_minutes"], 360);
    assert_eq!(got["supervision_hours"], "6.00");

    // Saved where the user chose: the same bytes.
    let path = dir.path().join(csv_file_name(from, to));
    HoursExport::of(&mut w.v)
        .save_csv(&w.person, from, to, &path, now())
        .expect("saved");
    assert_eq!(std::fs::read(&path).expect("read"), bytes);
    assert!(path.ends_with("hours-2026-01-to-2026-03.csv"));
}

#[test]
fn a_long_log_has_page_numbers_totals_the_summary_and_the_sign_off() {
    if skip_on_windows("poppler-utils (pdftotext)") {
        return;
    }
    let mut input = quarter();
    input.from = date(2026, 1, 1);
    input.to = date(2029, 12, 31);
    for i in 0..160 {
        input
            .ledger
            .supervision
            .push(session(20 + i, 60, SupervisionForm::Individual, None));
    }
    input.ledger.supervision.sort_by_key(|i| i.date);
    input.profile_name = Some("Texas LCSW (example)".into());
    input.summary = vec![
        ("Supervision hours counted".into(), "171.25 of 100".into()),
        ("Months with more than 10 hours".into(), "None".into()),
    ];
    input.sign_off = Some(SignOffBlock {
        signed_by: "Dr Maria Lopez".into(),
        signed_on: date(2029, 12, 31),
        content_hash: "9f2c4e7a1b".into(),
    });
    let doc = document(&input, utc(2030, 1, 4, 9), DateOrder::Dmy);
    let dir = tempfile::tempdir().expect("dir");
    let bytes = render(&doc).expect("render");
    let text = pdftotext(&bytes, dir.path());
    let pages = pages(&text);
    let n = pages.len();
    assert!(n >= 4, "a multi-page log: {n} pages");
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("Page {} of {n}", i + 1)),
            "page {}: {page}",
            i + 1
        );
        assert!(
            page.contains("Content hash: 9f2c4e7a1b"),
            "footer on page {}",
            i + 1
        );
    }
    let all = plain(&text);
    assert!(all.contains("Supervision hours log"));
    assert!(all.contains("Sam Supervisee"));
    assert!(all.contains("1 January 2026 to 31 December 2029"));
    let totals = Totals::of(&input);
    assert_eq!(totals.supervision.entries, 168);
    assert!(
        all.contains(&format!(
            "All supervision {} {} {}",
            totals.supervision.entries,
            totals.supervision.minutes,
            decimal_hours(totals.supervision.minutes)
        )),
        "{all}"
    );
    assert!(all.contains("Triadic 1 90 1.50"));
    assert!(all.contains("Practice hours"));
    assert!(all.contains("Community clinic, north"));
    assert!(
        all.contains("Practice weeks 2 Clinical hours 41.00"),
        "{all}"
    );
    assert!(all.contains("Supervisors of record"));
    assert!(
        all.contains("@risk Łukasz Żółkiewski LCSW, licence LCSW 4471"),
        "{all}"
    );
    assert!(all.contains("January 2026"));
    assert!(all.contains("Summary against Texas LCSW (example)"));
    assert!(all.contains("Supervision hours counted 171.25 of 100"));
    assert!(all.contains("Signed off in Confidant by Dr Maria Lopez on 31 December 2029."));
    assert!(all.contains("Content hash: 9f2c4e7a1b"));
    // The sign-off block together on one page, near the end: the heading,
    // both parties, licences, lines to sign and date.
    let at = pages
        .iter()
        .rposition(|p| p.contains("Sign-off"))
        .expect("sign-off");
    assert!(at >= n - 2, "at the end");
    let last = &pages[at];
    assert!(last.contains("Supervisor Supervisee"));
    assert!(
        last.contains("Name Dr Maria Lopez Sam Supervisee"),
        "{last}"
    );
    assert!(
        last.contains("Licence number LCSW 4471 ASW 90210"),
        "{last}"
    );
    assert!(last.contains("Signature ____"));
    assert!(last.contains("Date ____"));
}

#[test]
fn the_vault_log_names_both_parties_and_leaves_the_sign_off_lines_blank() {
    if skip_on_windows("poppler-utils (pdftotext)") {
        return;
    }
    let mut w = world(false);
    for i in 0..3 {
        w.hold(i);
    }
    let profile = PartyDetails {
        name: "Dr Maria Lopez".into(),
        professional_role: "LCSW".into(),
        licence_number: "LCSW 4471".into(),
        ..PartyDetails::default()
    };
    VaultSettings::of(&mut w.v)
        .set_profile(&profile, utc(2026, 1, 1, 9))
        .expect("profile");
    let bytes = HoursExport::of(&mut w.v)
        .pdf(&w.person, date(2026, 1, 1), date(2026, 1, 31), now())
        .expect("pdf");
    let dir = tempfile::tempdir().expect("dir");
    let all = plain(&pdftotext(&bytes, dir.path()));
    assert!(all.contains("Sam Supervisee"));
    assert!(
        all.contains("Supervisor Dr Maria Lopez, LCSW, licence LCSW 4471"),
        "{all}"
    );
    assert!(all.contains("All supervision 3 180 3.00"), "{all}");
    assert!(all.contains("This period has not been signed off in Confidant."));
    assert!(!all.contains("Content hash"));
    assert!(all.contains("Page 1 of 1"));
}

#[test]
fn bad_periods_people_and_paths_are_refused_and_nothing_is_written() {
    let mut w = world(true);
    w.hold(0);
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("hours.csv");
    let member = w.members[0].clone();

    let err = HoursExport::of(&mut w.v)
        .save_csv(&member, date(2026, 3, 1), date(2026, 2, 1), &path, now())
        .expect_err("backwards");
    assert!(err.to_string().contains("ends before it starts"), "{err}");
    let err = HoursExport::of(&mut w.v)
        .save_pdf(&w.person, date(2026, 1, 1), date(2026, 2, 1), &path, now())
        .expect_err("a group");
    assert!(err.to_string().contains("not for a group"), "{err}");
    let err = HoursExport::of(&mut w.v)
        .csv(
            "0190c1a2-0000-7000-8000-000000000000",
            date(2026, 1, 1),
            date(2026, 2, 1),
            now(),
        )
        .expect_err("unknown");
    assert!(matches!(err, Error::NotFound(_)), "{err}");
    let err = HoursExport::of(&mut w.v)
        .save_csv(
            &member,
            date(2026, 1, 1),
            date(2026, 2, 1),
            Path::new("hours.csv"),
            now(),
        )
        .expect_err("relative");
    assert!(err.to_string().contains("Choose a file"), "{err}");
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("dir").count(),
        0,
        "nothing written"
    );

    // The member's triadic session is there.
    let bytes = HoursExport::of(&mut w.v)
        .csv(&member, date(2026, 1, 1), date(2026, 2, 1), now())
        .expect("csv");
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(text.contains(",60,1.00,triadic,2,session,"), "{text}");
}

#[test]
fn neutralising_looks_at_the_first_character_only() {
    assert_eq!(neutralise(FORMULA), "'=HYPERLINK(\"x\")");
    assert_eq!(neutralise("Maria = Lopez"), "Maria = Lopez");
}

mod signed;
