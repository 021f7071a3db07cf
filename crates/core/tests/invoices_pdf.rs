//! An invoice's PDF through the real `pdftotext` (skipped, with the reason
//! printed, when it cannot be run): the business details, the bill-to
//! party, the lines, the total and the payment status, and no clinical text
//! from a final record of the same sessions (marker text, a case reference),
//! with a positive control that the record's own PDF carries that text.

mod invoices_fixture;

use std::process::Command;

use confidant_core::agreements::{Fee, FeeBasis};
use confidant_core::invoices::{InvoiceRequest, Invoices};
use confidant_core::records::Records;
use confidant_core::schedule::CancelledBy;
use invoices_fixture::records::complete;
use invoices_fixture::{agree, date, day, fee, now, world, World, OWNER};

fn january(person: &str) -> InvoiceRequest {
    InvoiceRequest {
        person_id: person.into(),
        from: date(2026, 1, 1),
        to: date(2026, 1, 31),
    }
}

/// Sessions 0–2 held; 3 cancelled late by the supervisee.
fn billed_world(f: Fee) -> World {
    let mut w = world(false);
    let person = w.person.clone();
    agree(&mut w.v, &person, f);
    for i in 0..3 {
        w.hold(i);
    }
    w.cancel(3, CancelledBy::Supervisee, 2);
    w
}

fn pdftotext_available() -> bool {
    match Command::new("pdftotext").arg("-v").output() {
        Ok(_) => true,
        Err(e) => {
            eprintln!("skipped: pdftotext could not be run ({e}); install poppler-utils to check the invoice PDF");
            false
        }
    }
}

const CLINICAL: &str = "ZZCLINICALMARKERQ";
const CASE: &str = "CASEREF-ZQ-41";

#[test]
fn the_pdf_shows_lines_total_and_status_and_nothing_clinical() {
    let mut w = billed_world(fee(8500, "GBP", FeeBasis::PerSession, 50));
    // A final record of session 0 with marker clinical text and a case reference.
    let mut content = complete(day(0));
    content.exploration = format!("{CLINICAL} exploration");
    content.key_learning = format!("{CLINICAL} learning");
    content.consultations[0].case_reference = CASE.into();
    content.agenda_items[0].text = format!("{CLINICAL} agenda focus");
    let r = Records::of(&mut w.v)
        .start(&w.keys[0], now())
        .expect("start");
    Records::of(&mut w.v)
        .save_draft(&r.id, r.revision, &content, now())
        .expect("save");
    Records::of(&mut w.v)
        .finalise(&r.id, OWNER, now())
        .expect("final");
    let record_pdf = Records::of(&mut w.v)
        .pdf(&r.id, None, now())
        .expect("record pdf");

    let inv = Invoices::of(&mut w.v)
        .issue(&january(&w.person), now())
        .expect("issue");
    assert_eq!(
        Invoices::of(&mut w.v).pdf_file_name(&inv.id).expect("name"),
        "invoice-0001.pdf"
    );
    let bytes = Invoices::of(&mut w.v).pdf(&inv.id, now()).expect("pdf");
    assert!(bytes.starts_with(b"%PDF-"));
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("invoice-0001.pdf");
    Invoices::of(&mut w.v)
        .save_pdf(&inv.id, &path, now())
        .expect("saved");
    assert_eq!(std::fs::read(&path).expect("read"), bytes);
    assert!(Invoices::of(&mut w.v)
        .save_pdf(&inv.id, std::path::Path::new("rel.pdf"), now())
        .is_err());
    if !pdftotext_available() {
        return;
    }
    // Positive control: the record's own PDF carries the marker text.
    let rp = dir.path().join("record.pdf");
    std::fs::write(&rp, &record_pdf).expect("write");
    let out = Command::new("pdftotext")
        .arg(&rp)
        .arg("-")
        .output()
        .expect("pdftotext");
    let record_text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        record_text.contains(CLINICAL) && record_text.contains(CASE),
        "control"
    );
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "Invoice 0001",
        OWNER,
        "Whitfield Supervision Ltd",
        "Sam Supervisee",
        "5 January 2026",
        "26 January 2026",
        "Supervision session, 60 min",
        "Late cancellation",
        "GBP 85.00",
        "GBP 42.50",
        "Total: GBP 297.50",
        "Unpaid",
    ] {
        assert!(flat.contains(needle), "{needle:?} missing from:\n{flat}");
    }
    assert_eq!(flat.matches("Supervision session, 60 min").count(), 3);
    for clinical in [
        CLINICAL,
        CASE,
        "C-17",
        "exploration",
        "Escalating conflict",
        "Take a colleague",
        "Update the safety plan",
    ] {
        assert!(
            !flat.contains(clinical),
            "clinical text {clinical:?} on the invoice:\n{flat}"
        );
    }
    // Paid, then the PDF says so; void says VOID.
    Invoices::of(&mut w.v)
        .set_paid(&inv.id, Some(now().date_naive()), now())
        .expect("paid");
    let paid = Invoices::of(&mut w.v).pdf(&inv.id, now()).expect("pdf");
    let p = dir.path().join("paid.pdf");
    std::fs::write(&p, &paid).expect("w");
    let out = Command::new("pdftotext")
        .arg(&p)
        .arg("-")
        .output()
        .expect("pdftotext");
    let flat = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(flat.contains("Paid on 2 March 2026"), "{flat}");
}
