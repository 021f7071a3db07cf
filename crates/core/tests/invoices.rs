//! Invoices: arithmetic with late cancellations, per session and per hour,
//! gap-free numbering across issue and void, double billing refused,
//! organisations, bad input (a specific error and nothing written). The PDF
//! is checked in `invoices_pdf.rs`.

mod invoices_fixture;

use chrono::Duration;
use confidant_core::agreements::{Agreements, Fee, FeeBasis};
use confidant_core::invoices::{
    line_amounts, pdf_file_name, InvoiceRequest, InvoiceStatus, Invoices, LineKind,
};
use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::schedule::{CancelledBy, ReminderSetting, Schedule, SeriesInput, SessionKind};
use confidant_core::Error;
use invoices_fixture::records::{common, person};
use invoices_fixture::{agree, date, day, fee, now, world, World};

fn january(person: &str) -> InvoiceRequest {
    InvoiceRequest {
        person_id: person.into(),
        from: date(2026, 1, 1),
        to: date(2026, 1, 31),
    }
}

fn invalid(r: Result<impl std::fmt::Debug, Error>) -> String {
    match r {
        Err(Error::InvalidInput(m)) => m,
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

/// Sessions 0–2 held (5, 12, 19 January); 3 (26 January) cancelled late by
/// the supervisee; 4 (2 February) cancelled late by the supervisor; 5
/// (9 February) cancelled by the supervisee with a week's notice.
fn billed_world(f: Fee) -> World {
    let mut w = world(false);
    let person = w.person.clone();
    agree(&mut w.v, &person, f);
    for i in 0..3 {
        w.hold(i);
    }
    w.cancel(3, CancelledBy::Supervisee, 2);
    w.cancel(4, CancelledBy::Supervisor, 2);
    w.cancel(5, CancelledBy::Supervisee, 24 * 7);
    w
}

#[test]
fn per_session_fee_with_a_late_cancellation_at_half_the_fee() {
    let mut w = billed_world(fee(8500, "GBP", FeeBasis::PerSession, 50));
    let inv = Invoices::of(&mut w.v)
        .issue(&january(&w.person), now())
        .expect("issued");
    let got: Vec<_> = inv
        .lines
        .iter()
        .map(|l| {
            (
                l.date,
                l.kind,
                l.description.as_str(),
                l.quantity_hundredths,
                l.unit_price_minor,
                l.amount_minor,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                day(0),
                LineKind::Session,
                "Supervision session, 60 min",
                100,
                8500,
                8500
            ),
            (
                day(1),
                LineKind::Session,
                "Supervision session, 60 min",
                100,
                8500,
                8500
            ),
            (
                day(2),
                LineKind::Session,
                "Supervision session, 60 min",
                100,
                8500,
                8500
            ),
            (
                day(3),
                LineKind::LateCancellation,
                "Late cancellation",
                100,
                4250,
                4250
            ),
        ]
    );
    assert_eq!(inv.total_minor, 3 * 8500 + 4250);
    assert_eq!(inv.currency, "GBP");
    assert_eq!(inv.number, Some(1));
    assert_eq!(inv.status, InvoiceStatus::Issued);
    assert_eq!(inv.issued_on, Some(now().date_naive()));
    assert_eq!(inv.bill_to.name, "Sam Supervisee");
    assert_eq!(pdf_file_name(1), "invoice-0001.pdf");

    // The supervisor's cancellation and the one with notice are never billed.
    let feb = InvoiceRequest {
        person_id: w.person.clone(),
        from: date(2026, 2, 1),
        to: date(2026, 2, 28),
    };
    let m = invalid(Invoices::of(&mut w.v).preview(&feb, now()));
    assert!(m.contains("nothing to invoice"), "{m}");
}

#[test]
fn a_zero_late_charge_adds_no_line() {
    let mut w = billed_world(fee(8500, "EUR", FeeBasis::PerSession, 0));
    let inv = Invoices::of(&mut w.v)
        .preview(&january(&w.person), now())
        .expect("preview");
    assert_eq!(inv.lines.len(), 3);
    assert_eq!(inv.total_minor, 25_500);
    assert_eq!(inv.number, None, "a draft has no number");
    assert_eq!(inv.status, InvoiceStatus::Draft);
    assert!(
        Invoices::of(&mut w.v).list(None).expect("list").is_empty(),
        "a preview is not stored"
    );
}

#[test]
fn per_hour_fee_charges_each_session_for_its_length() {
    let mut w = billed_world(fee(9000, "USD", FeeBasis::PerHour, 100));
    // A one-off 90-minute session on Wednesday 7 January, held.
    let start = date(2026, 1, 7).and_hms_opt(14, 0, 0).expect("time");
    let change = Schedule::of(&mut w.v)
        .create(
            &SeriesInput {
                person_id: w.person.clone(),
                kind: SessionKind::Individual,
                time_zone: "Europe/London".into(),
                start,
                end: start + Duration::minutes(90),
                recurrence: None,
                location: String::new(),
                reminder: ReminderSetting::Default,
                calendar_code: String::new(),
            },
            now(),
        )
        .expect("series");
    let key = confidant_core::schedule::OccurrenceKey {
        series_id: change.series[0].id.clone(),
        original_start: start,
    };
    Schedule::of(&mut w.v)
        .set_status(&key, confidant_core::schedule::SessionStatus::Held, now())
        .expect("held");

    let inv = Invoices::of(&mut w.v)
        .preview(&january(&w.person), now())
        .expect("preview");
    let got: Vec<_> = inv
        .lines
        .iter()
        .map(|l| {
            (
                l.date,
                l.description.as_str(),
                l.quantity_hundredths,
                l.amount_minor,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (day(0), "Supervision session, 60 min", 100, 9000),
            (date(2026, 1, 7), "Supervision session, 90 min", 150, 13_500),
            (day(1), "Supervision session, 60 min", 100, 9000),
            (day(2), "Supervision session, 60 min", 100, 9000),
            (day(3), "Late cancellation", 100, 9000),
        ]
    );
    assert_eq!(inv.total_minor, 4 * 9000 + 13_500);
}

#[test]
fn line_arithmetic_rounds_half_up_in_minor_units() {
    // 50 minutes at 100.00 an hour: 83.333… → 83.33; quantity 0.83 h.
    let a = line_amounts(10_000, FeeBasis::PerHour, 50, None);
    assert_eq!(
        (a.quantity_hundredths, a.unit_price_minor, a.amount_minor),
        (83, 10_000, 8333)
    );
    // 45 minutes at 0.10 an hour: 0.075 → 0.08 (half up).
    assert_eq!(
        line_amounts(10, FeeBasis::PerHour, 45, None).amount_minor,
        8
    );
    // A third of 0.10 late: 0.0333 → 0.03.
    assert_eq!(
        line_amounts(10, FeeBasis::PerSession, 60, Some(33)).amount_minor,
        3
    );
    // Per session, the length does not matter.
    assert_eq!(
        line_amounts(8500, FeeBasis::PerSession, 480, None).amount_minor,
        8500
    );
    // The largest fee for the longest session does not overflow.
    let big = line_amounts(
        confidant_core::agreements::MAX_FEE_MINOR,
        FeeBasis::PerHour,
        480,
        Some(100),
    );
    assert_eq!(
        big.amount_minor,
        confidant_core::agreements::MAX_FEE_MINOR * 8
    );
}

#[test]
fn numbering_has_no_gaps_across_issue_and_void_and_void_keeps_its_number() {
    let mut w = billed_world(fee(8500, "GBP", FeeBasis::PerSession, 100));
    for i in 6..8 {
        w.hold(i);
    }
    let first = Invoices::of(&mut w.v)
        .issue(&january(&w.person), now())
        .expect("1");
    let voided = Invoices::of(&mut w.v).void(&first.id, now()).expect("void");
    assert_eq!(
        (voided.number, voided.status),
        (Some(1), InvoiceStatus::Void)
    );
    assert!(voided.voided_on.is_some());
    // The voided invoice's sessions can be invoiced again, under the next number.
    let again = Invoices::of(&mut w.v)
        .issue(&january(&w.person), now())
        .expect("2");
    let feb = InvoiceRequest {
        person_id: w.person.clone(),
        from: date(2026, 2, 1),
        to: date(2026, 2, 28),
    };
    let third = Invoices::of(&mut w.v).issue(&feb, now()).expect("3");
    assert_eq!((again.number, third.number), (Some(2), Some(3)));
    let list = Invoices::of(&mut w.v).list(Some(&w.person)).expect("list");
    let numbers: Vec<_> = list.iter().map(|s| (s.number, s.status)).collect();
    assert_eq!(
        numbers,
        vec![
            (Some(1), InvoiceStatus::Void),
            (Some(2), InvoiceStatus::Issued),
            (Some(3), InvoiceStatus::Issued)
        ]
    );
    assert!(matches!(
        Invoices::of(&mut w.v).void(&first.id, now()),
        Err(Error::ReadOnly(_))
    ));
    assert!(matches!(
        Invoices::of(&mut w.v).set_paid(&first.id, Some(date(2026, 3, 1)), now()),
        Err(Error::ReadOnly(_))
    ));
}

#[test]
fn paid_and_unpaid_with_the_payment_date() {
    let mut w = billed_world(fee(8500, "GBP", FeeBasis::PerSession, 100));
    let inv = Invoices::of(&mut w.v)
        .issue(&january(&w.person), now())
        .expect("issue");
    let paid = Invoices::of(&mut w.v)
        .set_paid(&inv.id, Some(now().date_naive()), now())
        .expect("paid");
    assert_eq!(paid.paid_on, Some(now().date_naive()));
    assert_eq!(
        Invoices::of(&mut w.v).list(None).expect("list")[0].paid_on,
        paid.paid_on
    );
    let m = invalid(Invoices::of(&mut w.v).void(&inv.id, now()));
    assert!(m.contains("Mark it unpaid"), "{m}");
    let m = invalid(Invoices::of(&mut w.v).set_paid(
        &inv.id,
        Some(now().date_naive() + Duration::days(5)),
        now(),
    ));
    assert!(m.contains("future"), "{m}");
    let m = invalid(Invoices::of(&mut w.v).set_paid(&inv.id, Some(date(2026, 2, 1)), now()));
    assert!(m.contains("before the invoice was issued"), "{m}");
    let unpaid = Invoices::of(&mut w.v)
        .set_paid(&inv.id, None, now())
        .expect("unpaid");
    assert_eq!(unpaid.paid_on, None);
    assert_eq!(Invoices::of(&mut w.v).get(&inv.id).expect("get"), unpaid);
}

#[test]
fn double_billing_is_refused_naming_the_dates_and_nothing_is_written() {
    let mut w = billed_world(fee(8500, "GBP", FeeBasis::PerSession, 100));
    let inv = Invoices::of(&mut w.v)
        .issue(&january(&w.person), now())
        .expect("issue");
    let overlap = InvoiceRequest {
        person_id: w.person.clone(),
        from: date(2026, 1, 15),
        to: date(2026, 2, 15),
    };
    let m = invalid(Invoices::of(&mut w.v).issue(&overlap, now()));
    assert!(
        m.contains("already on an issued invoice: 19 January 2026 (invoice 0001), 26 January 2026 (invoice 0001)"),
        "{m}"
    );
    assert_eq!(Invoices::of(&mut w.v).list(None).expect("list").len(), 1);
    // The next number is still 2.
    Invoices::of(&mut w.v).void(&inv.id, now()).expect("void");
    assert_eq!(
        Invoices::of(&mut w.v)
            .issue(&overlap, now())
            .expect("issue")
            .number,
        Some(2)
    );
}

#[test]
fn bad_input_gets_a_specific_error() {
    let mut w = world(false);
    let person = w.person.clone();
    w.hold(0);
    // No agreement in force.
    let m = invalid(Invoices::of(&mut w.v).preview(&january(&person), now()));
    assert!(
        m.contains("Sam Supervisee has no agreement in force"),
        "{m}"
    );
    // A fee without a currency cannot be saved in an agreement.
    let draft = Agreements::of(&mut w.v)
        .create_draft(&person, &invoices_fixture::owner(), now())
        .expect("draft");
    let mut content = draft.content.clone();
    content.fee = Fee {
        amount_minor: Some(8500),
        ..Fee::default()
    };
    let m = invalid(Agreements::of(&mut w.v).update(&draft.id, &content, now()));
    assert!(m.contains("The fee has no currency"), "{m}");
    assert_eq!(
        Agreements::of(&mut w.v)
            .get(&draft.id)
            .expect("get")
            .content
            .fee,
        Fee::default(),
        "nothing written"
    );
    // An agreement in force with no fee.
    let mut w2 = world(false);
    let p2 = w2.person.clone();
    agree(&mut w2.v, &p2, Fee::default());
    w2.hold(0);
    let m = invalid(Invoices::of(&mut w2.v).preview(&january(&p2), now()));
    assert!(m.contains("sets no fee"), "{m}");
    // A period ending before it starts; too long.
    let mut back = january(&p2);
    back.to = date(2025, 12, 31);
    let m = invalid(Invoices::of(&mut w2.v).issue(&back, now()));
    assert!(m.contains("The period ends before it starts"), "{m}");
    let mut long = january(&p2);
    long.to = date(2027, 1, 31);
    assert!(invalid(Invoices::of(&mut w2.v).preview(&long, now())).contains("at most 366 days"));
    // Unknown party, bad id.
    let mut nobody = january(&p2);
    nobody.person_id = "00000000-0000-4000-8000-000000000000".into();
    assert!(matches!(
        Invoices::of(&mut w2.v).preview(&nobody, now()),
        Err(Error::NotFound(_))
    ));
    nobody.person_id = "x".into();
    assert!(Invoices::of(&mut w2.v).preview(&nobody, now()).is_err());
    // Nothing billable.
    let mut w3 = world(false);
    let p3 = w3.person.clone();
    agree(&mut w3.v, &p3, fee(8500, "GBP", FeeBasis::PerSession, 100));
    let m = invalid(Invoices::of(&mut w3.v).issue(&january(&p3), now()));
    assert!(
        m.contains(
            "There is nothing to invoice for Sam Supervisee from 1 January 2026 to 31 January 2026"
        ),
        "{m}"
    );
    for v in [&mut w.v, &mut w2.v, &mut w3.v] {
        assert!(
            Invoices::of(v).list(None).expect("list").is_empty(),
            "nothing written"
        );
    }
    // A paid date on an unknown invoice.
    assert!(matches!(
        Invoices::of(&mut w3.v).set_paid("00000000-0000-4000-8000-000000000000", None, now()),
        Err(Error::NotFound(_))
    ));
}

#[test]
fn an_organisation_is_invoiced_for_its_supervisees_sessions() {
    let mut w = billed_world(fee(8500, "GBP", FeeBasis::PerSession, 50));
    let org = People::of(&mut w.v)
        .create(
            &common::person_input(
                PersonKind::Organisation,
                Relation::None,
                "Northside Family Services",
            ),
            now(),
        )
        .expect("org");
    let mut sam = People::of(&mut w.v).get(&w.person).expect("sam");
    sam.fields.organisation_id = Some(org.id.clone());
    People::of(&mut w.v)
        .update(&w.person, &sam.fields, now())
        .expect("joined");
    let inv = Invoices::of(&mut w.v)
        .issue(&january(&org.id), now())
        .expect("issue");
    assert_eq!(inv.bill_to.name, "Northside Family Services");
    assert_eq!(inv.lines.len(), 4);
    assert_eq!(
        inv.lines[0].description,
        "Supervision session, 60 min — Sam Supervisee"
    );
    assert_eq!(inv.total_minor, 3 * 8500 + 4250);
    assert_eq!(
        Invoices::of(&mut w.v)
            .list(Some(&org.id))
            .expect("list")
            .len(),
        1
    );
    assert!(Invoices::of(&mut w.v)
        .list(Some(&w.person))
        .expect("list")
        .is_empty());
    // The same sessions cannot then be invoiced to Sam as well.
    let m = invalid(Invoices::of(&mut w.v).preview(&january(&w.person), now()));
    assert!(m.contains("5 January 2026 (invoice 0001)"), "{m}");
    // A second supervisee whose fee is in another currency.
    let ola = person(&mut w.v, "Ola Nowak", PersonKind::Person, vec![]);
    let mut f = People::of(&mut w.v).get(&ola).expect("ola").fields;
    f.organisation_id = Some(org.id.clone());
    People::of(&mut w.v)
        .update(&ola, &f, now())
        .expect("joined");
    agree(&mut w.v, &ola, fee(9000, "EUR", FeeBasis::PerSession, 50));
    let start = date(2026, 2, 3).and_hms_opt(9, 0, 0).expect("t");
    let c = Schedule::of(&mut w.v)
        .create(
            &SeriesInput {
                person_id: ola.clone(),
                kind: SessionKind::Individual,
                time_zone: "Europe/London".into(),
                start,
                end: start + Duration::minutes(60),
                recurrence: None,
                location: String::new(),
                reminder: ReminderSetting::Default,
                calendar_code: String::new(),
            },
            now(),
        )
        .expect("s");
    let key = confidant_core::schedule::OccurrenceKey {
        series_id: c.series[0].id.clone(),
        original_start: start,
    };
    Schedule::of(&mut w.v)
        .set_status(&key, confidant_core::schedule::SessionStatus::Held, now())
        .expect("held");
    w.hold(6);
    let feb = InvoiceRequest {
        person_id: org.id.clone(),
        from: date(2026, 2, 1),
        to: date(2026, 2, 28),
    };
    let m = invalid(Invoices::of(&mut w.v).preview(&feb, now()));
    assert!(m.contains("different currencies"), "{m}");
}
