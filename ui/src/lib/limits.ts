// TODO(lead): replace with LIMITS from bindings.ts
//
// Every limit the Rust core enforces that the UI also needs (to check input
// before sending it, to size inputs and to write hints), gathered here so the
// switch to the generated `LIMITS` constant touches one file. Each value is a
// copy of the Rust one named in its comment; the core stays the authority.

/** Inclusive bounds of a number setting. */
export interface Range {
  readonly min: number;
  readonly max: number;
}

// Vault and settings (crates/core settings)

/** Idle minutes before auto-lock. */
export const AUTO_LOCK_MINUTES: Range = { min: 1, max: 240 };
/** Shortest app passcode, in characters. */
export const PASSCODE_MIN_CHARS = 6;
/** Default reminder lead time (preferences), in minutes. */
export const REMINDER_LEAD_MINUTES: Range = { min: 0, max: 1440 };

// Journal (crates/core journal)

/** Longest journal entry, in UTF-8 bytes (1 MiB). */
export const JOURNAL_MAX_BODY_BYTES = 1024 * 1024;
/** A journal summary's first line is cut to this many characters. */
export const JOURNAL_FIRST_LINE_CHARS = 120;
/** Entries asked for per `journal_list` page. */
export const JOURNAL_PAGE_SIZE = 50;

// People (crates/core people: characters after trimming)

export const PERSON_MAX_CHARS = {
  name: 200,
  pronouns: 40,
  email: 254,
  phone: 40,
  professional_role: 200,
  licence_number: 80,
  licence_body: 200,
  licensure_plan: 2000,
} as const;
/** Longest notes field, in UTF-8 bytes. */
export const PERSON_MAX_NOTES_BYTES = 100 * 1024;
/** Most members in a group. */
export const GROUP_MAX_MEMBERS = 50;

// Agreements (crates/core agreements)

export const AGREEMENT_SESSION_MINUTES: Range = { min: 15, max: 480 };
export const AGREEMENT_NOTICE_HOURS: Range = { min: 0, max: 336 };
/** Agreements due for review within this many days show on Today. */
export const REVIEW_WINDOW_DAYS = 30;

// Scheduling (crates/core schedule)

/** Sessions in a series that ends after a count. */
export const SERIES_COUNT: Range = { min: 1, max: 1000 };
/** Weeks between sessions of an "every few weeks" series. */
export const SERIES_INTERVAL_WEEKS: Range = { min: 1, max: 52 };
/** Day of the month of a monthly series. */
export const SERIES_MONTH_DAY: Range = { min: 1, max: 31 };
/** A session's own reminder, in minutes before it starts (a week). */
export const SESSION_REMINDER_MINUTES: Range = { min: 0, max: 10080 };
/** Phased cadence: weekly for this many weeks. */
export const PHASED_WEEKLY_WEEKS: Range = { min: 1, max: 52 };
/** Phased cadence: fortnightly until this many months. */
export const PHASED_FORTNIGHTLY_MONTHS: Range = { min: 1, max: 36 };
