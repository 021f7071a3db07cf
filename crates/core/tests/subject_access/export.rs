//! The export: completeness, isolation, schema, PDF, saving.

use std::path::Path;

use confidant_core::settings::DateOrder;
use confidant_core::subject_access::{export_document, SubjectAccess};
use confidant_core::Error;

use super::records_fixture::now;
use super::{pdftotext, scene, validate};

#[test]
fn the_export_holds_every_domain_of_one_person_and_nothing_of_another() {
    let mut s = scene();
    let json = SubjectAccess::of(&mut s.w.v)
        .json(&s.ana, now())
        .expect("export");
    let text = String::from_utf8(json.clone()).expect("UTF-8");
    for (domain, m) in &s.a.0 {
        assert!(
            text.contains(m.as_str()),
            "Ana's {domain} marker is missing"
        );
    }
    for (domain, m) in &s.b.0 {
        assert!(!text.contains(m.as_str()), "Ben's {domain} marker leaked");
    }
    let doc: serde_json::Value = serde_json::from_slice(&json).expect("JSON");
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["person"]["id"], s.ana.as_str());
    assert_eq!(doc["session_records"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        doc["group_session_records"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(
        doc["agreements"][0]["acknowledgements"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    assert!(doc["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .any(|o| o["status"] == "cancelled"));
    let held_minutes: u64 = doc["hours"]["supervision"]
        .as_array()
        .expect("hours")
        .iter()
        .filter_map(|i| i["minutes"].as_u64())
        .sum();
    assert_eq!(
        held_minutes, 180,
        "her held session, the held group session and the hour received elsewhere"
    );
    assert_eq!(doc["evaluations"].as_array().map(Vec::len), Some(1));
    assert_eq!(doc["invoices"].as_array().map(Vec::len), Some(1));
    assert_eq!(doc["invoices"][0]["lines"][0]["amount_minor"], 9000);
    assert_eq!(doc["ending"], serde_json::Value::Null);
    assert_eq!(doc["unreadable"], serde_json::json!([]));

    let tmp = tempfile::tempdir().expect("tmp");
    if let Err(e) = validate(&json, tmp.path()) {
        panic!("the export does not validate against its schema:\n{e}");
    }
    // The check can fail: without a required part, the export is refused.
    let mut broken = doc.clone();
    broken.as_object_mut().expect("object").remove("invoices");
    let broken = serde_json::to_vec(&broken).expect("JSON");
    assert!(validate(&broken, tmp.path()).is_err());

    // Ben's export holds his markers and none of Ana's.
    let bens = SubjectAccess::of(&mut s.w.v)
        .json(&s.ben, now())
        .expect("Ben's export");
    let bens = String::from_utf8(bens).expect("UTF-8");
    for (_, m) in &s.b.0 {
        assert!(bens.contains(m.as_str()));
    }
    for (domain, m) in &s.a.0 {
        if *domain != "shared" && *domain != "record" && *domain != "consultation" {
            assert!(!bens.contains(m.as_str()), "Ana's {domain} marker leaked");
        }
    }

    if cfg!(windows) {
        eprintln!("skipped the PDF part on Windows: needs pdftotext (poppler-utils)");
        return;
    }
    let export = SubjectAccess::of(&mut s.w.v)
        .export(&s.ana, now())
        .expect("export");
    let pdf = confidant_core::pdf::render(&export_document(&export, DateOrder::Ymd)).expect("pdf");
    let printed = pdftotext(&pdf, tmp.path());
    for (domain, m) in &s.a.0 {
        assert!(
            printed.contains(m.as_str()),
            "Ana's {domain} marker is not in the PDF"
        );
    }
    for (domain, m) in &s.b.0 {
        assert!(
            !printed.contains(m.as_str()),
            "Ben's {domain} marker is in the PDF"
        );
    }
    assert!(printed.contains("This file is not encrypted"));
}

#[test]
fn saving_writes_the_json_and_a_pdf_beside_it() {
    let mut s = scene();
    let tmp = tempfile::tempdir().expect("tmp");
    let chosen = tmp.path().join("export.pdf");
    let saved = SubjectAccess::of(&mut s.w.v)
        .save(&s.ana, &chosen, now())
        .expect("save");
    assert_eq!(
        saved.json_path,
        tmp.path().join("export.json").display().to_string()
    );
    assert_eq!(saved.pdf_path, chosen.display().to_string());
    let json = std::fs::read(&saved.json_path).expect("json");
    assert!(String::from_utf8_lossy(&json).contains(&s.a.get("contact")));
    assert!(std::fs::read(&saved.pdf_path)
        .expect("pdf")
        .starts_with(b"%PDF-"));
    assert!(matches!(
        SubjectAccess::of(&mut s.w.v).save(&s.ana, Path::new("relative.json"), now()),
        Err(Error::InvalidInput(_))
    ));
    // A group is not a person.
    let group = s.w.person.clone();
    assert!(matches!(
        SubjectAccess::of(&mut s.w.v).export(&group, now()),
        Err(Error::InvalidInput(m)) if m.contains("one person")
    ));
}
