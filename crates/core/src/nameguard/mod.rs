//! The name-leak guard: warns when free text looks like it identifies a
//! client or service user, and checks that a case reference is a code.
//!
//! Supervision notes should refer to clients by a pseudonymous case reference
//! ("C-17"), never by name or by details that identify them. [`check`] looks
//! for the common slips and returns warnings; it never blocks saving, because
//! a heuristic is sometimes wrong and the writer knows their text. What it
//! looks for, and its limits (documented in `docs/RECORDS.md`):
//!
//! - **A full name**: two or more capitalised words in a row ("Mary Jones",
//!   "Łukasz Żółkiewski", "Anne-Marie O'Neill"), or a title followed by a
//!   capitalised word ("Mrs Patel", "Dr. Chen"). Words that are commonly
//!   capitalised but are not names are skipped: days, months, pronouns and
//!   sentence openers, and words of services and places ("Children's
//!   Services", "Crisis Team", "Royal Hospital"). A name written in lower case,
//!   a single first name ("Mary said…"), or a name in a script without
//!   capital letters (Arabic, Chinese) is **not** found; a two-word proper
//!   noun that is not a name (a street, a brand) may be flagged.
//! - **A date of birth**: a full date (day, month and year, in figures or with
//!   a month name) whose year is at least ten years before today, or any full
//!   date right after "DOB", "born" or "date of birth". Recent dates (a
//!   session, an incident) are not flagged.
//! - **A phone number**: 9 to 15 digits written as one number, optionally with
//!   a leading +, spaces, dots, dashes or brackets.
//! - **An email address**.
//! - **A postcode**: a UK postcode ("SW1A 1AA"), a Canadian one ("K1A 0B1"),
//!   or a US ZIP code right after a two-letter state code ("TX 75001"). A ZIP
//!   code on its own is indistinguishable from any five-digit number and is
//!   not flagged.
//! - **An identity number**: a US social security number (123-45-6789) or a
//!   ten-digit number grouped 3-3-4 or written as one (an NHS number).
//!
//! [`validate_case_reference`] is strict instead: a case reference is a short
//! code with at least one digit, so a name can never be stored as one.

use std::collections::HashSet;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Longest text [`check`] looks at (bytes); the rest is not scanned.
pub const CHECK_BYTES: usize = 256 * 1024;
/// Longest case reference (characters).
pub const CASE_REFERENCE_CHARS: usize = 24;
/// Most warnings [`check`] returns for one text.
pub const WARNINGS_MAX: usize = 20;

/// What a piece of text looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LeakKind {
    /// A person's full name.
    FullName,
    /// A date of birth.
    DateOfBirth,
    /// A phone number.
    Phone,
    /// An email address.
    Email,
    /// A postcode or ZIP code.
    Postcode,
    /// A national identity number (NHS number, social security number).
    IdNumber,
}

impl LeakKind {
    fn describe(self) -> &'static str {
        match self {
            LeakKind::FullName => "a full name",
            LeakKind::DateOfBirth => "a date of birth",
            LeakKind::Phone => "a phone number",
            LeakKind::Email => "an email address",
            LeakKind::Postcode => "a postcode",
            LeakKind::IdNumber => "an identity number",
        }
    }
}

/// One warning: what was found and what to do instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LeakWarning {
    /// What it looks like.
    pub kind: LeakKind,
    /// The text that looks identifying, as written.
    pub excerpt: String,
    /// A plain-language warning with a suggestion.
    pub message: String,
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("a valid built-in pattern"))
}

fn email() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(?i)\b[a-z0-9._%+\-]+@[a-z0-9.\-]+\.[a-z]{2,}\b")
}

fn ssn() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"\b\d{3}-\d{2}-\d{4}\b")
}

fn nhs() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"\b(?:\d{3}[ \-]\d{3}[ \-]\d{4}|\d{10})\b")
}

fn phone() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    // A run of digits and separators starting with + or a digit or "(".
    re(&R, r"(?:\+|\(|\b)\d[\d \-.()]{7,22}\d\b")
}

fn uk_postcode() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")
}

fn ca_postcode() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"\b[A-Z]\d[A-Z] ?\d[A-Z]\d\b")
}

fn us_zip() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"\b[A-Z]{2},? \d{5}(?:-\d{4})?\b")
}

fn numeric_date() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    // d/m/y or m/d/y with / . or -, or y-m-d.
    re(
        &R,
        r"\b(?:(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})|(\d{4})-(\d{1,2})-(\d{1,2}))\b",
    )
}

fn worded_date() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?i)\b(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(\d{4}))\b",
    )
}

fn birth_cue() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?i)(?:\bd\.?o\.?b\b\.?|\bborn\b|\bdate of birth\b|\bbirthday\b)[:\s]*(?:on\s+)?$",
    )
}

fn name_run() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    // Capitalised words (letters, apostrophes, hyphens), separated by one space.
    re(
        &R,
        r"\b\p{Lu}[\p{Ll}\p{Lu}'’\-]*\p{Ll}[\p{Ll}'’\-]*(?: (?:(?:van|von|de|da|del|der|di|le|la|bin|ibn|al|el) )?\p{Lu}[\p{Ll}\p{Lu}'’\-]*\p{Ll}[\p{Ll}'’\-]*)+",
    )
}

fn titled_name() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.? \p{Lu}[\p{L}'’\-]+")
}

/// Capitalised words that are not names, one per line (`#` starts a comment).
const NOT_NAMES: &str = include_str!("not_names.txt");

fn is_not_name(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let set = SET.get_or_init(|| {
        NOT_NAMES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    });
    set.contains(word.to_lowercase().as_str())
}

/// Looks for text that may identify a client. Never fails; returns at most
/// [`WARNINGS_MAX`] warnings, in the order found, one per distinct excerpt.
/// `today` decides which dates are old enough to be a date of birth.
pub fn check(text: &str, today: NaiveDate) -> Vec<LeakWarning> {
    let mut end = text.len().min(CHECK_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    let mut found: Vec<(usize, usize, LeakKind)> = Vec::new();
    for m in email().find_iter(text) {
        add(m.start(), m.end(), LeakKind::Email, &mut found);
    }
    for m in ssn().find_iter(text) {
        add(m.start(), m.end(), LeakKind::IdNumber, &mut found);
    }
    for m in nhs().find_iter(text) {
        add(m.start(), m.end(), LeakKind::IdNumber, &mut found);
    }
    for (start, end) in birth_dates(text, today) {
        add(start, end, LeakKind::DateOfBirth, &mut found);
    }
    for m in phone().find_iter(text) {
        let digits = m.as_str().chars().filter(char::is_ascii_digit).count();
        if (9..=15).contains(&digits) && !numeric_date().is_match(m.as_str()) {
            add(m.start(), m.end(), LeakKind::Phone, &mut found);
        }
    }
    for r in [uk_postcode(), ca_postcode(), us_zip()] {
        for m in r.find_iter(text) {
            add(m.start(), m.end(), LeakKind::Postcode, &mut found);
        }
    }
    for m in titled_name().find_iter(text) {
        add(m.start(), m.end(), LeakKind::FullName, &mut found);
    }
    for (start, end) in full_names(text) {
        add(start, end, LeakKind::FullName, &mut found);
    }
    found.sort_by_key(|&(s, _, _)| s);
    let mut warnings: Vec<LeakWarning> = Vec::new();
    for (start, end, kind) in found {
        let excerpt = text[start..end].trim().to_string();
        if warnings.iter().any(|w| w.excerpt == excerpt) {
            continue;
        }
        let message = format!(
            "“{excerpt}” looks like {}. Notes should not identify a client: use a case reference such as C-17 instead.",
            kind.describe()
        );
        warnings.push(LeakWarning {
            kind,
            excerpt,
            message,
        });
        if warnings.len() == WARNINGS_MAX {
            break;
        }
    }
    warnings
}

/// Keeps a finding unless it overlaps one found earlier (the earlier
/// patterns are the more specific ones).
fn add(start: usize, end: usize, kind: LeakKind, found: &mut Vec<(usize, usize, LeakKind)>) {
    if !found.iter().any(|&(s, e, _)| start < e && s < end) {
        found.push((start, end, kind));
    }
}

/// Most capitalised words taken as one name ("Anne Marie van der Berg").
const NAME_WORDS_MAX: usize = 4;

/// Runs of capitalised words with at least two that are not on the
/// not-a-name list, trimmed to those words.
fn full_names(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for m in name_run().find_iter(text) {
        // Split the run into words with their offsets; keep maximal runs of
        // name-like words.
        let mut run: Vec<(usize, usize)> = Vec::new();
        let mut flush = |run: &mut Vec<(usize, usize)>| {
            let capitals = run
                .iter()
                .filter(|&&(s, e)| text[s..e].starts_with(char::is_uppercase))
                .count();
            if capitals >= 2 {
                out.push((run[0].0, run[run.len() - 1].1));
            }
            run.clear();
        };
        let mut offset = m.start();
        for word in m.as_str().split(' ') {
            let (s, e) = (offset, offset + word.len());
            offset = e + 1;
            let particle = word.starts_with(char::is_lowercase);
            if particle {
                if !run.is_empty() {
                    run.push((s, e));
                }
                continue;
            }
            if is_not_name(word) {
                flush(&mut run);
            } else {
                run.push((s, e));
                if run.len() >= NAME_WORDS_MAX {
                    flush(&mut run);
                }
            }
        }
        flush(&mut run);
    }
    out
}

fn year_of(captured: &str) -> Option<i32> {
    let y: i32 = captured.parse().ok()?;
    Some(if captured.len() == 2 { 1900 + y } else { y })
}

fn plausible_numeric(a: u32, b: u32) -> bool {
    // Either day/month or month/day must be a real pair.
    let ok = |d: u32, m: u32| (1..=31).contains(&d) && (1..=12).contains(&m);
    ok(a, b) || ok(b, a)
}

/// Full dates that look like dates of birth.
fn birth_dates(text: &str, today: NaiveDate) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let old_enough = today.year() - 10;
    let mut consider = |start: usize, end: usize, year: Option<i32>| {
        let cued = birth_cue().is_match(&text[..start]);
        // Two-digit years are ambiguous: only with a cue.
        let old = year.is_some_and(|y| (1900..=old_enough).contains(&y));
        if cued || old {
            out.push((start, end));
        }
    };
    for c in numeric_date().captures_iter(text) {
        let m = c.get(0).expect("whole match");
        if let (Some(a), Some(b), Some(y)) = (c.get(1), c.get(2), c.get(3)) {
            let (a, b) = (
                a.as_str().parse().unwrap_or(0),
                b.as_str().parse().unwrap_or(0),
            );
            if !plausible_numeric(a, b) {
                continue;
            }
            let year = if y.as_str().len() == 4 {
                year_of(y.as_str())
            } else {
                None
            };
            consider(m.start(), m.end(), year);
        } else if let (Some(y), Some(mo), Some(d)) = (c.get(4), c.get(5), c.get(6)) {
            let (mo, d): (u32, u32) = (
                mo.as_str().parse().unwrap_or(0),
                d.as_str().parse().unwrap_or(0),
            );
            if !((1..=12).contains(&mo) && (1..=31).contains(&d)) {
                continue;
            }
            consider(m.start(), m.end(), year_of(y.as_str()));
        }
    }
    for c in worded_date().captures_iter(text) {
        let m = c.get(0).expect("whole match");
        let year = c.get(1).or(c.get(2)).and_then(|y| year_of(y.as_str()));
        consider(m.start(), m.end(), year);
    }
    out
}

/// Checks a case reference: trimmed, 2 to [`CASE_REFERENCE_CHARS`]
/// characters of letters, digits, spaces and `- _ / . #`, with at least one
/// digit, and nothing [`check`] would warn about. Returns it trimmed.
pub fn validate_case_reference(value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::Empty("The case reference"));
    }
    let chars = v.chars().count();
    if chars > CASE_REFERENCE_CHARS {
        return Err(Error::InvalidInput(format!(
            "The case reference is too long (at most {CASE_REFERENCE_CHARS} characters). Use a short code such as C-17."
        )));
    }
    let allowed = |c: char| c.is_alphanumeric() || " -_/.#".contains(c);
    if chars < 2 || !v.chars().all(allowed) || !v.chars().any(|c| c.is_ascii_digit()) {
        return Err(Error::InvalidInput(
            "A case reference is a short code with at least one digit, such as C-17, never a client's name or initials alone.".into(),
        ));
    }
    // Any year will do here: a case reference holds no date at all.
    let any_day = NaiveDate::from_ymd_opt(2000, 1, 1).expect("a valid date");
    if let Some(w) = check(v, any_day).first() {
        return Err(Error::InvalidInput(format!(
            "The case reference looks like {}. Use a short code such as C-17.",
            w.kind.describe()
        )));
    }
    Ok(v.to_string())
}

#[cfg(test)]
mod tests;
