//! Checking what a person typed, in one place, with named limits.
//!
//! Every command validates its input here before anything is written; the
//! UI reads the same numbers through [`crate::limits::LIMITS`] (exported
//! with the generated TypeScript bindings), so it never carries copies that
//! drift.
//!
//! Text rules:
//! - [`single_line`]: trimmed; no control characters at all (no line breaks,
//!   no tabs); at most a number of characters.
//! - [`paragraph`]: line endings normalised to `\n` (`\r\n` and a lone `\r`
//!   become `\n`); trimmed; newlines and tabs allowed, no other control
//!   characters; at most a number of characters.
//! - [`long_text`]: like [`paragraph`] but limited in UTF-8 bytes and required to
//!   be non-blank (journal entries and other long texts).

use chrono::{Datelike, NaiveDate};
use uuid::Uuid;

use crate::error::{Error, Result};

/// A name (person, group, organisation), in characters.
pub const NAME_CHARS: usize = 200;
/// A short one-line field (role, body, location…), in characters.
pub const SHORT_CHARS: usize = 200;
/// A one-line field that may run longer (an agreement's line items), in characters.
pub const LINE_CHARS: usize = 500;
/// An email address, in characters.
pub const EMAIL_CHARS: usize = 254;
/// A phone number, in characters.
pub const PHONE_CHARS: usize = 40;
/// Pronouns, in characters.
pub const PRONOUNS_CHARS: usize = 40;
/// A licence or registration number, in characters.
pub const LICENCE_NUMBER_CHARS: usize = 80;
/// A licensure plan, in characters.
pub const PLAN_CHARS: usize = 2000;
/// Free notes on a record, in UTF-8 bytes.
pub const NOTES_BYTES: usize = 100 * 1024;
/// A journal entry, in UTF-8 bytes.
pub const JOURNAL_ENTRY_BYTES: usize = 1024 * 1024;
/// Largest page of a list.
pub const PAGE_MAX: u32 = 500;
/// A search query, in characters.
pub const QUERY_CHARS: usize = 200;
/// Most results a search returns.
pub const SEARCH_RESULTS_MAX: usize = 200;
/// Members of a group.
pub const GROUP_MEMBERS_MAX: usize = 50;
/// Fewest idle minutes before auto-lock.
pub const AUTO_LOCK_MIN: u32 = 1;
/// Most idle minutes before auto-lock.
pub const AUTO_LOCK_MAX: u32 = 240;
/// Shortest app passcode, in characters.
pub const PASSCODE_MIN_CHARS: usize = 6;
/// Longest app passcode, in UTF-8 bytes.
pub const PASSCODE_MAX_BYTES: usize = 1024;
/// Longest reminder lead time, in minutes (a week).
pub const REMINDER_MINUTES_MAX: u32 = 7 * 24 * 60;
/// Earliest year a date field accepts.
pub const EARLIEST_YEAR: i32 = 1900;
/// Latest year a date field accepts.
pub const LATEST_YEAR: i32 = 2200;

fn too_long(field: &str, max_chars: usize) -> Error {
    Error::InvalidInput(format!(
        "{field} is too long (at most {max_chars} characters)."
    ))
}

fn control(field: &str) -> Error {
    Error::InvalidInput(format!("{field} contains control characters."))
}

/// A one-line field: trimmed, at most `max_chars`, no control characters
/// (no line breaks or tabs). May be empty.
pub fn single_line(field: &str, value: &str, max_chars: usize) -> Result<String> {
    let v = value.trim();
    if v.chars().count() > max_chars {
        return Err(too_long(field, max_chars));
    }
    if v.chars().any(char::is_control) {
        return Err(control(field));
    }
    Ok(v.to_string())
}

/// A required one-line field: as [`single_line`], and not blank.
pub fn required_line(field: &'static str, value: &str, max_chars: usize) -> Result<String> {
    let v = single_line(field, value, max_chars)?;
    if v.is_empty() {
        return Err(Error::Empty(field));
    }
    Ok(v)
}

fn normalise_breaks(value: &str) -> String {
    value.replace("\r\n", "\n").replace('\r', "\n")
}

fn check_paragraph_chars(field: &str, v: &str) -> Result<()> {
    if v.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(control(field));
    }
    Ok(())
}

/// A multi-line field: line endings normalised to `\n`, trimmed, at most
/// `max_chars`, newlines and tabs allowed but no other control characters.
/// May be empty.
pub fn paragraph(field: &str, value: &str, max_chars: usize) -> Result<String> {
    let v = normalise_breaks(value);
    let v = v.trim();
    if v.chars().count() > max_chars {
        return Err(too_long(field, max_chars));
    }
    check_paragraph_chars(field, v)?;
    Ok(v.to_string())
}

/// A text of at most `max_bytes` UTF-8 bytes.
pub fn size(field: &'static str, value: &str, max_bytes: usize) -> Result<()> {
    if value.len() > max_bytes {
        return Err(Error::TooLarge {
            what: field,
            size: value.len(),
            limit: max_bytes,
        });
    }
    Ok(())
}

/// A long text limited in UTF-8 bytes (checked before any copy is made):
/// line endings normalised, newlines and tabs allowed, no other control
/// characters. Surrounding blank space is kept (it is the writer's text);
/// `required` refuses a blank text.
pub fn long_text(
    field: &'static str,
    value: &str,
    max_bytes: usize,
    required: bool,
) -> Result<String> {
    size(field, value, max_bytes)?;
    if required && value.trim().is_empty() {
        return Err(Error::Empty(field));
    }
    let v = normalise_breaks(value);
    check_paragraph_chars(field, &v)?;
    Ok(v)
}

/// A record id: a UUID, in canonical lower-case form. `what` names it in the
/// error ("That person's" → "That person's id is not valid.").
pub fn id(what: &str, value: &str) -> Result<Uuid> {
    Uuid::parse_str(value.trim())
        .map_err(|_| Error::InvalidInput(format!("{what} id is not valid.")))
}

/// [`id`] as the canonical string.
pub fn id_string(what: &str, value: &str) -> Result<String> {
    id(what, value).map(|u| u.to_string())
}

/// A calendar date within [`EARLIEST_YEAR`]..=[`LATEST_YEAR`].
pub fn date(field: &str, value: Option<NaiveDate>) -> Result<()> {
    match value {
        Some(d) if !(EARLIEST_YEAR..=LATEST_YEAR).contains(&d.year()) => Err(Error::InvalidInput(
            format!("{field} must be between the years {EARLIEST_YEAR} and {LATEST_YEAR}."),
        )),
        _ => Ok(()),
    }
}

/// Two optional dates in order: `end` not before `start` (each also within
/// the year bounds). `message` is the error when they are out of order.
pub fn date_range(
    start: (&str, Option<NaiveDate>),
    end: (&str, Option<NaiveDate>),
    message: &str,
) -> Result<()> {
    date(start.0, start.1)?;
    date(end.0, end.1)?;
    if let (Some(s), Some(e)) = (start.1, end.1) {
        if e < s {
            return Err(Error::InvalidInput(message.to_string()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_line_refuses_every_control_character() {
        for bad in ["a\nb", "a\rb", "a\tb", "a\u{7}b", "a\u{1b}b"] {
            assert!(single_line("The name", bad, 10).is_err(), "{bad:?}");
        }
        assert_eq!(single_line("The name", "  Sam  ", 10).expect("ok"), "Sam");
        assert!(matches!(
            required_line("The name", "   ", 10),
            Err(Error::Empty("The name"))
        ));
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        assert!(single_line("x", &"é".repeat(10), 10).is_ok());
        let err = single_line("The name", &"é".repeat(11), 10).expect_err("long");
        assert_eq!(
            err.to_string(),
            "The name is too long (at most 10 characters)."
        );
    }

    #[test]
    fn paragraph_normalises_line_endings_the_same_way_everywhere() {
        assert_eq!(
            paragraph("p", "a\r\nb\rc\n\td", 100).expect("ok"),
            "a\nb\nc\n\td"
        );
        assert!(paragraph("p", "a\u{0}b", 100).is_err());
        assert!(paragraph("p", &"x".repeat(101), 100).is_err());
        assert_eq!(long_text("e", " a\r\nb ", 100, true).expect("ok"), " a\nb ");
        assert!(matches!(
            long_text("e", " \n ", 100, true),
            Err(Error::Empty("e"))
        ));
        assert!(matches!(
            long_text("e", &"x".repeat(101), 100, false),
            Err(Error::TooLarge { limit: 100, .. })
        ));
    }

    #[test]
    fn ids_and_dates() {
        let u = Uuid::new_v4();
        assert_eq!(
            id("x", &format!(" {} ", u.to_string().to_uppercase())).expect("id"),
            u
        );
        assert_eq!(
            id("That person's", "nope").expect_err("bad").to_string(),
            "That person's id is not valid."
        );
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        assert!(date("The start", d(1899, 12, 31)).is_err());
        assert!(date_range(("s", d(2026, 1, 2)), ("e", d(2026, 1, 1)), "backwards").is_err());
        assert!(date_range(("s", d(2026, 1, 1)), ("e", d(2026, 1, 1)), "x").is_ok());
    }
}
