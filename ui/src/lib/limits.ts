// The limits the UI needs (to check input before sending it, to size inputs
// and to write hints), all read from `LIMITS`, which is generated from the
// constants the Rust core enforces (crates/core/src/limits.rs). The core
// checks everything again. The few values marked "the UI's choice" are not
// limits of the core: they are how this UI asks for or shows things.

import { LIMITS, type Bounds } from './bindings';

/** Inclusive bounds of a number setting. */
export type Range = Readonly<Bounds>;

// Vault and settings

/** Idle minutes before auto-lock. */
export const AUTO_LOCK_MINUTES: Range = LIMITS.auto_lock_minutes;
/** Shortest app passcode, in characters. */
export const PASSCODE_MIN_CHARS = LIMITS.passcode_min_chars;
/** Default reminder lead time (preferences), in minutes (up to a week). */
export const REMINDER_LEAD_MINUTES: Range = LIMITS.reminder_minutes;

// Journal

/** Longest journal entry, in UTF-8 bytes. */
export const JOURNAL_MAX_BODY_BYTES = LIMITS.journal_entry_bytes;
/** A journal summary's first line is cut to this many characters. */
export const JOURNAL_FIRST_LINE_CHARS = LIMITS.journal_first_line_chars;
/**
 * Entries asked for per `journal_list` page: the UI's choice (the core
 * accepts up to `LIMITS.page_max`).
 */
export const JOURNAL_PAGE_SIZE = Math.min(50, LIMITS.page_max);

// People (characters after trimming)

export const PERSON_MAX_CHARS = {
  name: LIMITS.name_chars,
  pronouns: LIMITS.pronouns_chars,
  email: LIMITS.email_chars,
  phone: LIMITS.phone_chars,
  professional_role: LIMITS.short_chars,
  licence_number: LIMITS.licence_number_chars,
  licence_body: LIMITS.short_chars,
  licensure_plan: LIMITS.plan_chars,
} as const;
/** Longest notes field, in UTF-8 bytes. */
export const PERSON_MAX_NOTES_BYTES = LIMITS.notes_bytes;
/** Most members in a group. */
export const GROUP_MAX_MEMBERS = LIMITS.group_members_max;

// Agreements

export const AGREEMENT_SESSION_MINUTES: Range = LIMITS.agreement_session_minutes;
export const AGREEMENT_NOTICE_HOURS: Range = LIMITS.agreement_notice_hours;
/**
 * Agreements due for review within this many days show on Today: the UI's
 * choice (the core looks ahead at most `LIMITS.review_window_days_max`).
 */
export const REVIEW_WINDOW_DAYS = Math.min(30, LIMITS.review_window_days_max);

// Scheduling

/** Sessions in a series that ends after a count. */
export const SERIES_COUNT: Range = LIMITS.series_count;
/** Weeks between sessions of an "every few weeks" series. */
export const SERIES_INTERVAL_WEEKS: Range = LIMITS.series_interval_weeks;
/**
 * Day of the month of a monthly series: the days a month can have, which the
 * form offers (the UI's choice; the core checks the rule itself).
 */
export const SERIES_MONTH_DAY: Range = { min: 1, max: 31 };
/** A session's own reminder, in minutes before it starts (up to a week). */
export const SESSION_REMINDER_MINUTES: Range = LIMITS.reminder_minutes;
/** Phased cadence: weekly for this many weeks. */
export const PHASED_WEEKLY_WEEKS: Range = LIMITS.phased_weekly_weeks;
/** Phased cadence: fortnightly until this many months. */
export const PHASED_FORTNIGHTLY_MONTHS: Range = LIMITS.phased_fortnightly_months;
