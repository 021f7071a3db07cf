//! The name guard's cases: true and false positives, and the documented misses.
use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).expect("date")
}

fn kinds(text: &str) -> Vec<LeakKind> {
    check(text, today()).into_iter().map(|w| w.kind).collect()
}

#[test]
fn finds_full_names_in_several_spellings() {
    assert_eq!(
        kinds("We talked about Mary Jones and her son."),
        [LeakKind::FullName]
    );
    assert_eq!(
        kinds("Łukasz Żółkiewski missed the visit"),
        [LeakKind::FullName]
    );
    assert_eq!(
        kinds("Spoke with Anne-Marie O'Neill today"),
        [LeakKind::FullName]
    );
    assert_eq!(
        kinds("The referral from Mrs Patel arrived"),
        [LeakKind::FullName]
    );
    assert_eq!(kinds("seen by Dr. Chen on the ward"), [LeakKind::FullName]);
    assert_eq!(kinds("Ludwig van Beethoven"), [LeakKind::FullName]);
}

#[test]
fn does_not_flag_services_days_or_sentence_openers() {
    assert!(kinds("Referred to Northside Children's Services on Monday.").is_empty());
    assert!(kinds("The Crisis Team visited. Safety Plan agreed.").is_empty());
    assert!(kinds("Client C-17 was resistant to care. She agreed to try again.").is_empty());
    assert!(kinds("Trauma Informed Care and De-escalation practice").is_empty());
    assert!(kinds("We met in March and in April").is_empty());
    assert!(kinds("Send Sam the lone-working policy. Ask Priya to book it.").is_empty());
}

#[test]
fn known_misses_are_documented_not_hidden() {
    // A single first name and lower-case names are not found.
    assert!(kinds("mary said she was tired").is_empty());
    assert!(kinds("Mary said she was tired").is_empty());
}

#[test]
fn finds_dates_of_birth_but_not_recent_dates() {
    assert_eq!(kinds("born 12/03/1987"), [LeakKind::DateOfBirth]);
    assert_eq!(kinds("DOB: 3 March 2001"), [LeakKind::DateOfBirth]);
    assert_eq!(kinds("she was born on 04/05/19"), [LeakKind::DateOfBirth]);
    assert_eq!(kinds("1987-03-12"), [LeakKind::DateOfBirth]);
    assert_eq!(kinds("March 12, 1987"), [LeakKind::DateOfBirth]);
    assert!(kinds("Incident on 12/11/2026, reviewed 2026-11-20").is_empty());
    assert!(kinds("the 3 March 2024 session").is_empty());
}

#[test]
fn finds_phones_emails_postcodes_and_id_numbers() {
    assert_eq!(kinds("call 07700 900123 after 5"), [LeakKind::Phone]);
    assert_eq!(kinds("on +44 20 7946 0958"), [LeakKind::Phone]);
    assert_eq!(kinds("(212) 555-0187"), [LeakKind::Phone]);
    assert_eq!(kinds("write to j.doe@example.org"), [LeakKind::Email]);
    assert_eq!(kinds("lives near SW1A 1AA"), [LeakKind::Postcode]);
    assert_eq!(kinds("moved to Austin, TX 78701"), [LeakKind::Postcode]);
    assert_eq!(kinds("SSN 123-45-6789"), [LeakKind::IdNumber]);
    assert_eq!(kinds("NHS 943 476 5919"), [LeakKind::IdNumber]);
    assert!(kinds("3 sessions of 60 minutes, 12 hours in total, room 101").is_empty());
}

#[test]
fn each_excerpt_warns_once_with_a_suggestion() {
    let w = check("Mary Jones, then Mary Jones again", today());
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].excerpt, "Mary Jones");
    assert!(w[0].message.contains("C-17"));
}

#[test]
fn a_huge_text_is_cut_not_refused() {
    let big = "Mary Jones ".repeat(100_000);
    assert!(check(&big, today()).len() <= WARNINGS_MAX);
    let mut multibyte = "é".repeat(CHECK_BYTES);
    multibyte.push_str("Mary Jones");
    assert!(check(&multibyte, today()).is_empty());
}

#[test]
fn case_references_are_codes() {
    assert_eq!(validate_case_reference("  C-17 ").expect("a code"), "C-17");
    assert_eq!(
        validate_case_reference("2024/033").expect("a code"),
        "2024/033"
    );
    assert!(validate_case_reference("").is_err());
    for bad in [
        "Mary Jones",
        "MJ",
        "Mary",
        "C",
        "07700 900123",
        "C-17 Mary Jones",
        "x@y.org",
    ] {
        assert!(validate_case_reference(bad).is_err(), "{bad} was accepted");
    }
    assert!(validate_case_reference(&"C-1".repeat(20)).is_err());
}
