//! Reading a calendar file into an import plan, and the plan's types.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, NaiveDateTime, Utc};
use icalendar::parser::{self, Component};
use serde::{Deserialize, Serialize};

use super::event::{plan_event, summary_of};
use super::parse::{normalise, not_ics, prop, value};
use super::tzmatch::ZoneResolver;
use super::vtimezone::ZoneBlocks;
use crate::error::{Error, Result};
use crate::schedule::records::Moved;
use crate::schedule::rules::Timing;
use crate::schedule::time;
use crate::schedule::{
    Recurrence, ReminderSetting, ScheduleChange, SessionKind, DEFAULT_DURATION_MINUTES,
};

/// Most rule steps (sessions produced while matching excluded and changed
/// dates to a repeating event's sessions) reading one file may take; the
/// repeating events after that are skipped with a reason.
pub const MAX_IMPORT_RULE_STEPS: u64 = 1_000_000;

/// Settings for reading a calendar file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportOptions {
    /// The user's IANA time zone: used for times without a zone and for
    /// zones that cannot be recognised.
    pub home_time_zone: String,
    /// Length given to events with neither an end nor a duration.
    pub default_duration_minutes: u32,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            home_time_zone: "UTC".into(),
            default_duration_minutes: DEFAULT_DURATION_MINUTES,
        }
    }
}

/// One event that would be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportItem {
    /// Position in the preview (pass it in [`ImportCommit::skip`] to leave it out).
    pub index: u32,
    /// The event's title in the file — shown in the preview only, never stored.
    pub summary: String,
    /// IANA time zone the sessions will be in.
    pub time_zone: String,
    /// First session's local start.
    pub start: NaiveDateTime,
    /// First session's local end.
    pub end: NaiveDateTime,
    /// First session's start.
    pub first_start: DateTime<Utc>,
    /// Repeat rule, if any.
    pub recurrence: Option<Recurrence>,
    /// The rule in words.
    pub description: String,
    /// Occurrences that will be marked cancelled.
    pub cancelled: u32,
    /// Occurrences that will be moved.
    pub moved: u32,
    /// Plain-language notes about this event.
    pub notes: Vec<String>,
}

/// An event that will not be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportSkipped {
    /// The event's title in the file (preview only).
    pub summary: String,
    /// Why.
    pub reason: String,
}

/// What importing a file would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportPreview {
    /// Events that would be imported.
    pub items: Vec<ImportItem>,
    /// Events left out.
    pub skipped: Vec<ImportSkipped>,
    /// Notes about the whole file.
    pub notes: Vec<String>,
}

/// Importing a file for one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportCommit {
    /// Who the sessions are with.
    pub person_id: String,
    /// Kind of session.
    pub kind: SessionKind,
    /// The same options as the preview.
    pub options: ImportOptions,
    /// Preview indexes to leave out.
    pub skip: Vec<u32>,
}

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportResult {
    /// The series created, with conflicts and notes.
    pub created: ScheduleChange,
    /// Events left out (by the preview's rules).
    pub skipped: Vec<ImportSkipped>,
}

/// A planned exception before `now` is known.
#[derive(Debug, Clone)]
pub(super) enum PlannedChange {
    Cancel,
    Move(Moved),
}

/// One event ready to import.
#[derive(Debug, Clone)]
pub(super) struct PlannedItem {
    pub item: ImportItem,
    pub location: String,
    pub reminder: ReminderSetting,
    pub timing: Timing,
    pub changes: BTreeMap<NaiveDateTime, PlannedChange>,
}

/// The rule steps a file's plan may still take.
#[derive(Debug, Default)]
pub(super) struct Budget {
    /// Steps taken so far.
    pub steps: u64,
    /// An event was skipped because the budget ran out.
    pub exhausted: bool,
}

impl Budget {
    /// Steps left.
    pub fn left(&self) -> u64 {
        MAX_IMPORT_RULE_STEPS.saturating_sub(self.steps)
    }
}

/// How much work reading a file took: counted, so tests can prove the caps
/// without a clock.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportStats {
    /// Rule steps taken (at most [`MAX_IMPORT_RULE_STEPS`], plus one
    /// per-event expansion's [`crate::schedule::MAX_EXPANSION_STEPS`]).
    pub rule_steps: u64,
    /// `VTIMEZONE` observances read (at most
    /// [`super::MAX_FILE_OBSERVANCES`]).
    pub observances: u64,
    /// Observances left unread because of the caps.
    pub observances_ignored: u64,
    /// Years of zone rules evaluated.
    pub zone_rule_steps: u64,
}

/// A calendar file read into what importing it would write. Made by
/// [`plan_import`]; shown with [`ImportPlan::preview`]; written by
/// [`super::Calendar::import_commit`].
#[derive(Debug, Clone)]
pub struct ImportPlan {
    items: Vec<PlannedItem>,
    skipped: Vec<ImportSkipped>,
    notes: Vec<String>,
    stats: ImportStats,
}

impl ImportPlan {
    /// What importing would create, what is skipped and why.
    pub fn preview(&self) -> ImportPreview {
        ImportPreview {
            items: self.items.iter().map(|p| p.item.clone()).collect(),
            skipped: self.skipped.clone(),
            notes: self.notes.clone(),
        }
    }

    /// How much work reading the file took.
    #[doc(hidden)]
    pub fn stats(&self) -> ImportStats {
        self.stats
    }

    pub(super) fn items(&self) -> &[PlannedItem] {
        &self.items
    }

    pub(super) fn skipped(&self) -> &[ImportSkipped] {
        &self.skipped
    }
}

/// Reads a calendar file into a plan: what importing it would create, what
/// is skipped and why. Pure and deterministic, and bounded: run it before
/// taking the vault (a hostile file then never holds the vault, so it never
/// delays auto-lock), then hand the plan to
/// [`super::Calendar::import_commit`], which only writes.
pub fn plan_import(text: &str, options: &ImportOptions) -> Result<ImportPlan> {
    let home = time::parse_zone(&options.home_time_zone)?;
    if options.default_duration_minutes == 0
        || options.default_duration_minutes > crate::schedule::MAX_DURATION_MINUTES
    {
        return Err(Error::InvalidInput(
            "The default session length must be between 1 minute and 12 hours.".into(),
        ));
    }
    let normal = normalise(text)?;
    let calendar = parser::read_calendar(&normal).map_err(|_| not_ics())?;
    let mut blocks = ZoneBlocks::default();
    let mut events: Vec<&Component<'_>> = Vec::new();
    for c in &calendar.components {
        let name = c.name.as_str();
        if name.eq_ignore_ascii_case("VTIMEZONE") {
            blocks.add(c);
        } else if name.eq_ignore_ascii_case("VEVENT") {
            events.push(c);
        }
    }
    let mut zr = ZoneResolver::new(&blocks.zones, home);
    let mut budget = Budget::default();
    // Masters and their changed occurrences, by UID.
    let mut masters: Vec<&Component<'_>> = Vec::new();
    let mut changes: HashMap<String, Vec<&Component<'_>>> = HashMap::new();
    let mut master_uids: HashSet<String> = HashSet::new();
    for e in &events {
        let uid = prop(e, "UID").map(|p| value(p).to_string());
        match (prop(e, "RECURRENCE-ID"), uid) {
            (Some(_), Some(uid)) => changes.entry(uid).or_default().push(e),
            (_, uid) => {
                if let Some(u) = uid {
                    master_uids.insert(u);
                }
                masters.push(e);
            }
        }
    }
    // Changed occurrences whose series is not in the file stand alone.
    // (Sorted, so that the preview and the commit number them alike.)
    let mut orphan_uids: Vec<&String> = changes
        .keys()
        .filter(|uid| !master_uids.contains(*uid))
        .collect();
    orphan_uids.sort();
    let orphans: Vec<&Component<'_>> = orphan_uids
        .into_iter()
        .flat_map(|uid| changes[uid].iter().copied())
        .collect();
    let orphan_count = orphans.len();
    masters.extend(orphans);

    let mut items = Vec::new();
    let mut skipped = Vec::new();
    let mut notes = Vec::new();
    for (n, e) in masters.iter().enumerate() {
        let summary = summary_of(e);
        let is_orphan = n >= masters.len() - orphan_count;
        match plan_event(e, is_orphan, &changes, &mut zr, home, options, &mut budget) {
            Ok((planned_item, mut item_notes)) => {
                let mut p = planned_item;
                p.item.index = items.len() as u32;
                p.item.summary = summary;
                item_notes.dedup();
                p.item.notes = item_notes;
                items.push(p);
            }
            Err(reason) => skipped.push(ImportSkipped { summary, reason }),
        }
    }
    if !skipped.is_empty() {
        notes.push(format!(
            "{} event{} will not be imported; see the reasons below.",
            skipped.len(),
            if skipped.len() == 1 { "" } else { "s" }
        ));
    }
    if orphan_count > 0 {
        notes.push(format!(
            "{orphan_count} changed occurrence{} had no repeating event in the file and will be imported as single sessions.",
            if orphan_count == 1 { "" } else { "s" }
        ));
    }
    notes.extend(blocks.note());
    if budget.exhausted {
        notes.push(format!(
            "Reading the repeat rules of this file took more than {MAX_IMPORT_RULE_STEPS} steps, so its later repeating events were skipped. Import it in parts."
        ));
    }
    Ok(ImportPlan {
        items,
        skipped,
        notes,
        stats: ImportStats {
            rule_steps: budget.steps,
            observances: blocks.observances as u64,
            observances_ignored: blocks.ignored as u64,
            zone_rule_steps: zr.steps,
        },
    })
}

/// Reads a calendar file and says what importing it would create, what
/// would be skipped and why. Writes nothing.
pub fn import_preview(text: &str, options: &ImportOptions) -> Result<ImportPreview> {
    Ok(plan_import(text, options)?.preview())
}
