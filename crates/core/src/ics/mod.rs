//! iCalendar (.ics, RFC 5545) export and import of the schedule.
//!
//! # Export
//!
//! [`Calendar::export`] writes one `VEVENT` per series with a stable `UID`
//! (`<series-id>@confidant.local`), `DTSTART;TZID=…` in the series' own time
//! zone, `DURATION`, an `RRULE` for repeating series, an `EXDATE` for every
//! cancelled occurrence, and a `VEVENT` with `RECURRENCE-ID` for every moved
//! one. A `VTIMEZONE` is written for each zone used, built from the time-zone
//! database: every offset change in the years the export covers, and a
//! yearly rule on the last change of each kind when the rule is verified to
//! hold for ten more years. Every event is `CLASS:PRIVATE` and carries a
//! `VALARM` for its reminder.
//!
//! The event title depends on the [`Privacy`] level chosen at export:
//! [`Privacy::Generic`] (the default) says only "Supervision" (or "Group
//! supervision", "Peer supervision", "Coaching"); [`Privacy::Initials`] adds
//! the series' calendar code or the person's initials; [`Privacy::FullName`]
//! adds the name. Notes, emails and cancellation reasons are never exported;
//! the location only when asked.
//!
//! # Import
//!
//! [`plan_import`] reads a file (from Outlook, Google Calendar, Apple
//! Calendar…) into an [`ImportPlan`] without the vault: what would be
//! created, what is skipped and why ([`ImportPlan::preview`]). It is pure
//! and bounded, so the app runs it before taking the vault.
//! [`Calendar::import_commit`] then only writes the chosen events of the
//! plan for one person, in one transaction: all or nothing.
//!
//! Time zones: IANA names are used as they are; Windows names ("GMT Standard
//! Time") are mapped for the common zones; any other `TZID` is matched by the
//! offsets of its `VTIMEZONE` block to a known zone, or else read in the
//! user's home zone, with a note either way. Repeat rules that Confidant's
//! schedule can hold (weekly on some days, every N weeks, monthly by date or
//! by weekday such as `BYDAY=2TU`, `BYDAY=TU;BYSETPOS=2`, `-1FR`) are kept;
//! others (daily, yearly…) are skipped with a reason. All-day events are
//! skipped.
//!
//! Hostile input gets a specific error or a capped, explained result: files
//! over [`MAX_ICS_BYTES`], more than [`MAX_ICS_EVENTS`] events, components
//! nested deeper than [`MAX_ICS_DEPTH`], invalid dates, rules with more
//! than [`crate::schedule::MAX_COUNT`] occurrences (capped, with a note),
//! more than [`MAX_EXDATES`] excluded dates on an event, `VTIMEZONE` blocks
//! with more than [`MAX_OBSERVANCES`] observances ([`MAX_FILE_OBSERVANCES`]
//! in a file; the rest are ignored, with a note), and files whose repeat
//! rules would take more than [`MAX_IMPORT_RULE_STEPS`] steps to match
//! (later repeating events are skipped, with a reason). No rule from a file
//! is expanded as written: event rules are first mapped onto the schedule's
//! own (validated) rules, and a `VTIMEZONE` observance's rule is evaluated
//! one year at a time for the years asked for only. The work is counted
//! ([`ImportPlan::stats`]), so tests prove the caps without a clock.
//!
//! # Modules
//!
//! `export` (writing), `zones` (the time-zone database: transitions,
//! Windows names), `parse` (text, values), `vtimezone` (a file's zone
//! blocks), `tzmatch` (naming a file's zones), `recur` (mapping rules),
//! `event` and `import` (planning), and [`Calendar`] here (the vault side).

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use crate::error::{Error, Result};
use crate::schedule::expand::change_report;
use crate::schedule::input::{insert_all, validate_series, PlannedException};
use crate::schedule::records::OverrideBody;
use crate::schedule::{Cancellation, CancelledBy, SeriesInput, SessionStatus};
use crate::vault::Vault;

mod event;
mod export;
mod import;
mod parse;
mod recur;
mod tzmatch;
mod vtimezone;
mod zones;

pub use export::{series_uid, ExportOptions, IcsExport, Privacy};
pub use import::{
    import_preview, plan_import, ImportCommit, ImportItem, ImportOptions, ImportPlan,
    ImportPreview, ImportResult, ImportSkipped, ImportStats, MAX_IMPORT_RULE_STEPS,
};
pub use tzmatch::MAX_ZONE_MATCHES;
pub use vtimezone::{MAX_FILE_OBSERVANCES, MAX_OBSERVANCES, MAX_ZONE_RULE_YEARS};

use import::PlannedChange;

/// Largest file accepted for import (2 MiB).
pub const MAX_ICS_BYTES: usize = 2 * 1024 * 1024;
/// Most events (`VEVENT`s, including changed occurrences) in one import.
pub const MAX_ICS_EVENTS: usize = 2000;
/// Deepest nesting of components accepted (a calendar needs 3).
pub const MAX_ICS_DEPTH: usize = 6;
/// Most excluded dates read from one event.
pub const MAX_EXDATES: usize = 1000;
const MAX_SUMMARY_CHARS: usize = 200;
const MAX_LOCATION_CHARS: usize = crate::validate::SHORT_CHARS;
const UID_DOMAIN: &str = "confidant.local";

/// The schedule as iCalendar files: `Calendar::of(&mut vault)`.
pub struct Calendar<'a> {
    vault: &'a mut Vault,
}

impl<'a> Calendar<'a> {
    /// The calendar files of `vault`'s schedule.
    pub fn of(vault: &'a mut Vault) -> Self {
        Calendar { vault }
    }

    /// Exports the schedule (one person's or everyone's) as an iCalendar
    /// file. Titles follow `options.privacy`; nothing else about the person
    /// is written. `now` is the `DTSTAMP`. A damaged series or a damaged
    /// change to one session is left out and listed; it does not fail the
    /// export.
    pub fn export(&mut self, options: &ExportOptions, now: DateTime<Utc>) -> Result<IcsExport> {
        let u = self.vault.unlocked()?;
        export::export(u.conn, u.ring, options, now)
    }

    /// Exports sessions (see [`Calendar::export`]) to a file the user chose.
    /// Returns what was written, without the text.
    pub fn export_to_file(
        &mut self,
        options: &ExportOptions,
        path: &std::path::Path,
        now: DateTime<Utc>,
    ) -> Result<IcsExport> {
        if !path.is_absolute() || path.file_name().is_none() {
            return Err(Error::InvalidInput(
                "Choose a file to save the calendar to.".into(),
            ));
        }
        let mut export = self.export(options, now)?;
        crate::files::write_private_atomic(path, export.ics.as_bytes())?;
        crate::audit::record(
            self.vault,
            crate::audit::AuditEvent::ExportWritten,
            "calendar (.ics)",
            now,
        )?;
        export.ics = String::new();
        Ok(export)
    }

    /// Imports the planned events (all but those in `commit.skip`) as
    /// sessions with one person, in one transaction: either everything is
    /// written or nothing is. `plan` comes from [`plan_import`] (run it
    /// before taking the vault); this only checks the person and writes.
    /// Event titles are not stored.
    pub fn import_commit(
        &mut self,
        plan: &ImportPlan,
        commit: &ImportCommit,
        now: DateTime<Utc>,
    ) -> Result<ImportResult> {
        let skip: HashSet<u32> = commit.skip.iter().copied().collect();
        let mut items = Vec::new();
        let mut notes = Vec::new();
        for p in plan
            .items()
            .iter()
            .filter(|p| !skip.contains(&p.item.index))
        {
            let input = SeriesInput {
                person_id: commit.person_id.clone(),
                kind: commit.kind,
                time_zone: p.item.time_zone.clone(),
                start: p.timing.start,
                end: p.timing.start + p.timing.duration(),
                recurrence: p.timing.recurrence.clone(),
                location: p.location.clone(),
                reminder: p.reminder,
                calendar_code: String::new(),
            };
            let v = validate_series(&input)?;
            notes.extend(p.item.notes.iter().cloned());
            let exceptions = p
                .changes
                .iter()
                .map(|(original, change)| match change {
                    PlannedChange::Cancel => PlannedException {
                        original: *original,
                        status: SessionStatus::Cancelled,
                        body: OverrideBody {
                            moved: None,
                            cancellation: Some(Cancellation {
                                by: CancelledBy::Other,
                                reason: String::new(),
                                late: false,
                                cancelled_at: now,
                            }),
                        },
                    },
                    PlannedChange::Move(m) => PlannedException {
                        original: *original,
                        status: SessionStatus::Planned,
                        body: OverrideBody {
                            moved: Some(*m),
                            cancellation: None,
                        },
                    },
                })
                .collect();
            items.push((v, exceptions));
        }
        if items.is_empty() {
            return Err(Error::InvalidInput(
                "There is nothing to import from this file.".into(),
            ));
        }
        let u = self.vault.unlocked()?;
        let created = insert_all(u.conn, u.ring, &items, now)?;
        notes.sort();
        notes.dedup();
        notes.truncate(20);
        let change = change_report(u.conn, u.ring, &created, notes, 0)?;
        Ok(ImportResult {
            created: change,
            skipped: plan.skipped().to_vec(),
        })
    }
}

/// Reads a calendar file the user chose for import, once: only a regular
/// file (a FIFO, a device or a folder is refused without blocking), at most
/// [`MAX_ICS_BYTES`] (read with a hard cap, whatever the file claims), and
/// UTF-8 text.
pub fn read_import_file(path: &std::path::Path) -> Result<String> {
    let bytes = crate::files::read_regular_capped(path, MAX_ICS_BYTES, "The calendar file")?;
    String::from_utf8(bytes).map_err(|_| {
        Error::InvalidInput(
            "The calendar file is not UTF-8 text, so it is not an .ics file.".into(),
        )
    })
}
