// Generated from the Rust types in crates/core by the `bindings` test
// (cargo test -p confidant-core --features ts --test bindings).
// Do not edit: set UPDATE_BINDINGS=1 and run the test to regenerate.

export type Role = "supervisor" | "supervisee";

export type VaultState = "no_vault" | "locked" | "unlocked" | "recovery_needed" | "damaged";

export type LeakKind = "full_name" | "date_of_birth" | "phone" | "email" | "postcode" | "id_number";

export type LeakWarning = { 
/**
 * What it looks like.
 */
kind: LeakKind, 
/**
 * The text that looks identifying, as written.
 */
excerpt: string, 
/**
 * A plain-language warning with a suggestion.
 */
message: string, };

export type AppStatus = { 
/**
 * Current state.
 */
state: VaultState, 
/**
 * Unlocking needs the app passcode as well as the keychain.
 */
needs_passcode: boolean, 
/**
 * Plain-language detail (why the vault is damaged, for instance).
 */
message: string | null, 
/**
 * The data folder, so the user knows where the vault lives.
 */
data_dir: string, };

export type SetupStarted = { 
/**
 * Canonical recovery code (`ABCD-EFGH-…`).
 */
recovery_code: string, };

export type RekeyKind = "recovery_code" | "master_key";

export type FileCheckState = "not_run" | "running" | "ok" | "damaged" | "failed";

export type FileCheck = { 
/**
 * Where it stands.
 */
state: FileCheckState, 
/**
 * What SQLite reported (damaged), or why it could not run (failed).
 */
problem: string | null, 
/**
 * When it finished.
 */
checked_at: string | null, };

export type RekeyStarted = { 
/**
 * What will be replaced.
 */
kind: RekeyKind, 
/**
 * The new recovery code (`ABCD-EFGH-…`), in force once typed back.
 */
recovery_code: string, };

export type RekeyReport = { 
/**
 * What was replaced.
 */
kind: RekeyKind, 
/**
 * Data keys re-wrapped under the new master key (0 for a new code).
 */
data_keys_rewrapped: number, 
/**
 * Data keys that were already damaged and were left as they were.
 */
data_keys_damaged: number, 
/**
 * When the change was made: backups made before it still open with the
 * old recovery code.
 */
changed_at: string, };

export type BackupInfo = { 
/**
 * The file's name (not its folder).
 */
file_name: string, 
/**
 * Its size in bytes.
 */
size_bytes: number, 
/**
 * When the snapshot was taken (RFC 3339, UTC), read from the file
 * name; `None` when the file was renamed.
 */
taken_at: string | null, 
/**
 * A vault already exists here: restoring replaces it (after a
 * confirmation) and keeps it as a backup file.
 */
vault_exists: boolean, 
/**
 * The folder where a replaced vault is kept.
 */
replaced_folder: string, };

export type Restored = { 
/**
 * The restored vault's status.
 */
status: AppStatus, 
/**
 * The kept copy of the replaced vault (a full path), if any.
 */
kept_as: string | null, };

export type ClockFormat = "locale" | "h12" | "h24";

export type DateOrder = "locale" | "dmy" | "mdy" | "ymd";

export type Preferences = { 
/**
 * Today and the calendar show initials instead of names (screen sharing).
 */
show_initials: boolean, 
/**
 * 12- or 24-hour clock.
 */
clock: ClockFormat, 
/**
 * Day, month and year order.
 */
date_order: DateOrder, 
/**
 * The journal tip on Today was dismissed.
 */
journal_tip_dismissed: boolean, 
/**
 * Desktop reminders before sessions.
 */
reminders_enabled: boolean, 
/**
 * Default lead time of a reminder, in minutes.
 */
reminder_minutes: number, };

export type Settings = { 
/**
 * The owner's roles.
 */
roles: Array<Role>, 
/**
 * The owner's own name and professional details (printed on agreements).
 */
profile: PartyDetails, 
/**
 * Idle minutes before auto-lock.
 */
auto_lock_minutes: number, 
/**
 * Whether an app passcode is set.
 */
has_passcode: boolean, 
/**
 * Display and reminder preferences.
 */
preferences: Preferences, };

export type AuditEvent = "vault_created" | "unlocked" | "recovery_used" | "passcode_set" | "passcode_removed" | "export_written" | "packet_sent" | "packet_imported" | "person_erased" | "sign_off_reopened" | "backup_made" | "restored" | "recovery_code_replaced" | "keys_rotated";

export type AuditEntry = { 
/**
 * Its number in the chain (1 is the first).
 */
seq: number, 
/**
 * When it was written.
 */
at: string, 
/**
 * What happened (`None`: this entry failed its integrity check).
 */
event: AuditEvent | null, 
/**
 * In plain words.
 */
label: string, 
/**
 * A short detail ("subject-access export", "3 items"), or empty.
 */
detail: string, };

export type SecurityLog = { 
/**
 * The newest entries (at most [`SHOWN`]).
 */
entries: Array<AuditEntry>, 
/**
 * How many entries the log has.
 */
total: number, 
/**
 * The first problem found in the chain, in plain words; `None` when
 * every entry opens and the chain is whole.
 */
problem: string | null, };

export type BackupInterval = "daily" | "weekly";

export type BackupSchedule = { 
/**
 * Whether backups are made on a schedule.
 */
scheduled: boolean, 
/**
 * How often.
 */
interval: BackupInterval, 
/**
 * How many of the newest backups to keep in the folder (1–365).
 */
keep: number, };

export type BackupPlan = { 
/**
 * The folder backups go to (full path), or `None` until one is chosen.
 */
folder: string | null, 
/**
 * Whether backups are made on a schedule.
 */
scheduled: boolean, 
/**
 * How often.
 */
interval: BackupInterval, 
/**
 * How many of the newest backups to keep.
 */
keep: number, };

export type FoundBackup = { 
/**
 * The file's name.
 */
file_name: string, 
/**
 * The snapshot time its name carries.
 */
made_at: string, };

export type BackupStatus = { 
/**
 * The plan.
 */
plan: BackupPlan, 
/**
 * The newest backup of ours in the folder (each got its final name only
 * after it verified), if any.
 */
last: FoundBackup | null, 
/**
 * How many backups of ours are in the folder.
 */
kept: number, 
/**
 * Why the folder cannot be used now (moved, disconnected), in plain
 * words.
 */
folder_problem: string | null, 
/**
 * No backup, or the newest is older than a week.
 */
stale: boolean, };

export type SealedCheck = { 
/**
 * Data keys the current master key opened in the copy.
 */
data_keys: number, 
/**
 * Sealed values that opened with them, all tables together (data keys
 * not included).
 */
values: number, 
/**
 * Tables with sealed values that were checked (empty ones too; the
 * data-key table not included).
 */
tables: number, 
/**
 * Keys and values that did not open in the copy because they were
 * already damaged in the vault itself when the snapshot was taken
 * (copied as they are; 0 normally, and always 0 for a backup file
 * checked later, where every value must open).
 */
already_damaged: number, 
/**
 * Values of erased people: their key was destroyed, so they never open
 * (the exception log's entries and invoices, which are kept).
 */
erased: number, };

export type VerifyReport = { 
/**
 * Tables whose rows were counted.
 */
tables: number, 
/**
 * Rows in the file, all tables together.
 */
rows: number, 
/**
 * Key slots in the file.
 */
key_slots: number, 
/**
 * The sealed values opened with the current keys; `None` when the
 * vault was locked, so no key was available and none was checked.
 */
sealed: SealedCheck | null, };

export type BackupReport = { 
/**
 * The file's name in the folder (a UTC time, never a name).
 */
file_name: string, 
/**
 * When the snapshot was taken.
 */
made_at: string, 
/**
 * The file's size in bytes.
 */
bytes: number, 
/**
 * What the verification checked.
 */
verified: VerifyReport, 
/**
 * How many older backups of ours were deleted (keep-last-N).
 */
removed: number, 
/**
 * How many backups of ours are in the folder now.
 */
kept: number, };

export type Bounds = { 
/**
 * Smallest accepted value.
 */
min: number, 
/**
 * Largest accepted value.
 */
max: number, };

export type Limits = { name_chars: number, short_chars: number, line_chars: number, email_chars: number, phone_chars: number, pronouns_chars: number, licence_number_chars: number, plan_chars: number, notes_bytes: number, journal_entry_bytes: number, journal_first_line_chars: number, journal_title_chars: number, journal_tag_chars: number, journal_tags_max: number, journal_case_ref_chars: number, journal_extract_bytes: number, page_max: number, query_chars: number, search_results_max: number, group_members_max: number, earliest_year: number, latest_year: number, auto_lock_minutes: Bounds, passcode_min_chars: number, passcode_max_bytes: number, reminder_minutes: Bounds, agreement_section_bytes: number, agreement_session_minutes: Bounds, agreement_notice_hours: Bounds, agreement_late_cancellation_percent: Bounds, review_window_days_max: number, session_minutes: Bounds, series_count: Bounds, 
/**
 * Notice period (hours) that decides a late cancellation when no
 * agreement sets one.
 */
default_notice_hours: number, series_interval_weeks: Bounds, phased_weekly_weeks: Bounds, phased_fortnightly_months: Bounds, 
/**
 * A free-text field of an exception entry, addendum or contact note.
 */
trail_text_chars: number, 
/**
 * The organisation or role an exception was shared with.
 */
trail_recipient_chars: number, goal_text_chars: number, goal_check_in_weeks: Bounds, goal_default_check_in_weeks: number, goal_evidence_max: number, goal_skills_max: number, goal_rating: Bounds, 
/**
 * A profile's short tag (shown in every reason).
 */
hours_profile_tag_chars: number, hours_profile_rules_max: number, hours_profile_summary_max: number, 
/**
 * The largest number a rule may name (hours, weeks, months, minutes).
 */
hours_rule_number_max: number, wellbeing_note_chars: number, proqol_items: number, };

export type JournalSummary = { 
/**
 * Entry id (UUID).
 */
id: string, 
/**
 * When the entry was created.
 */
created_at: string, 
/**
 * When it was last saved.
 */
updated_at: string, 
/**
 * The title, or else the first non-blank line of the text, trimmed and
 * shortened; empty when damaged.
 */
first_line: string, 
/**
 * The template.
 */
template: TemplateId, 
/**
 * Its tags.
 */
tags: Array<string>, 
/**
 * The stored entry failed its integrity check and cannot be opened.
 */
damaged: boolean, };

export type DocKind = "journal" | "record" | "consultation" | "agreement" | "goal" | "person" | "contact" | "shared";

export type SearchSort = "best" | "newest";

export type SearchQuery = { 
/**
 * What the person typed.
 */
text: string, 
/**
 * Only these kinds (empty: every kind).
 */
kinds: Array<DocKind>, 
/**
 * Only what belongs to this person.
 */
person_id: string | null, 
/**
 * Only things dated on or after this day.
 */
from: string | null, 
/**
 * Only things dated on or before this day.
 */
to: string | null, 
/**
 * Only things with this tag (case ignored).
 */
tag: string | null, 
/**
 * Best match or newest first.
 */
sort: SearchSort, 
/**
 * Most hits to show (1 to [`MAX_LIMIT`]; 0 means [`DEFAULT_LIMIT`]).
 */
limit: number, };

export type TextPart = { 
/**
 * The text, as stored (never markup).
 */
text: string, 
/**
 * Whether it matched the query.
 */
hit: boolean, };

export type Hit = { 
/**
 * Unique within one set of results (for lists in the UI).
 */
key: number, 
/**
 * What it is.
 */
kind: DocKind, 
/**
 * The id it is opened by.
 */
id: string, 
/**
 * The person it belongs to, if any.
 */
person_id: string | null, 
/**
 * Its title, with the matching words marked.
 */
title: Array<TextPart>, 
/**
 * A passage around the match, with the matching words marked.
 */
snippet: Array<TextPart>, 
/**
 * Its date.
 */
date: string | null, };

export type Group = { 
/**
 * The kind.
 */
kind: DocKind, 
/**
 * How many of this kind matched (shown or not).
 */
total: number, 
/**
 * The shown ones, in the chosen order.
 */
hits: Array<Hit>, };

export type IndexState = "building" | "ready" | "locked";

export type SearchStatus = { 
/**
 * Building, ready or locked.
 */
state: IndexState, 
/**
 * True while a newer index is being built to take in recent changes.
 */
updating: boolean, 
/**
 * Documents indexed so far by the build under way.
 */
done: number, 
/**
 * Documents the build under way indexes.
 */
total: number, };

export type SearchResults = { 
/**
 * Everything that matched the text and filters.
 */
total_matched: number, 
/**
 * How many hits are shown (at most the limit).
 */
shown: number, 
/**
 * The shown hits by kind, the kind of the first hit first.
 */
groups: Array<Group>, 
/**
 * Building (no answer yet), or ready.
 */
state: IndexState, 
/**
 * True when answered from an index older than the latest change.
 */
updating: boolean, };

export type JournalEntry = { 
/**
 * Entry id (UUID).
 */
id: string, 
/**
 * When the entry was created.
 */
created_at: string, 
/**
 * When it was last saved.
 */
updated_at: string, 
/**
 * Title, template, sections, tags and links as stored.
 */
content: JournalInput, 
/**
 * All its text: the non-blank sections joined by a blank line (for
 * free writing, exactly the text).
 */
body: string, };

export type JournalPage = { 
/**
 * Entries on this page.
 */
entries: Array<JournalSummary>, 
/**
 * Entries in the journal.
 */
total: number, };

export type TemplateId = "free_writing" | "gibbs" | "driscoll" | "kolb" | "critical_incident";

export type TemplateSection = { 
/**
 * Stable key the entry stores its text under (unique across templates).
 */
key: string, 
/**
 * The heading shown above the text.
 */
heading: string, 
/**
 * The one-line prompt.
 */
prompt: string, };

export type Template = { 
/**
 * Which template.
 */
id: TemplateId, 
/**
 * Its name.
 */
name: string, 
/**
 * Its sections, in order.
 */
sections: Array<TemplateSection>, };

export type SectionText = { 
/**
 * The section's key (see [`templates::TemplateSection::key`]).
 */
key: string, 
/**
 * Its text (Markdown).
 */
text: string, };

export type JournalLinks = { 
/**
 * A supervision session.
 */
session: OccurrenceKey | null, 
/**
 * A goal (its id).
 */
goal_id: string | null, 
/**
 * A case reference (never a client's name); empty for none.
 */
case_reference: string, };

export type JournalInput = { 
/**
 * The title; may be empty.
 */
title: string, 
/**
 * The template in use.
 */
template: TemplateId, 
/**
 * The text of each section: the template's own and any kept from an
 * earlier template. Blank sections are dropped.
 */
sections: Array<SectionText>, 
/**
 * Tags.
 */
tags: Array<string>, 
/**
 * Links.
 */
links: JournalLinks, };

export type FlagInput = { 
/**
 * The entry.
 */
entry_id: string, 
/**
 * The supervisor (a person who supervises the owner).
 */
person_id: string, 
/**
 * The selected text, or `None` to bring the whole entry.
 */
extract: string | null, };

export type JournalFlag = { 
/**
 * Flag id.
 */
id: string, 
/**
 * The entry.
 */
entry_id: string, 
/**
 * The supervisor.
 */
person_id: string, 
/**
 * The extract; `None` when the whole entry is brought.
 */
extract: string | null, 
/**
 * When it was flagged.
 */
created_at: string, 
/**
 * When it was marked discussed; `None` while open.
 */
discussed_at: string | null, 
/**
 * The flag failed its integrity check.
 */
damaged: boolean, };

export type WellbeingRatings = { 
/**
 * Stress.
 */
stress: number, 
/**
 * Energy.
 */
energy: number, 
/**
 * Workload.
 */
workload: number, 
/**
 * Sleep (how well).
 */
sleep: number, 
/**
 * Signs of secondary trauma.
 */
secondary_trauma: number, };

export type WellbeingCheckInInput = { 
/**
 * The day it is about (not after today).
 */
date: string, 
/**
 * The ratings.
 */
ratings: WellbeingRatings, 
/**
 * An optional note.
 */
note: string, 
/**
 * The journal entry it is attached to, if any (referred to by id only).
 */
entry_id: string | null, };

export type WellbeingCheckIn = { 
/**
 * Its id (UUID).
 */
id: string, 
/**
 * When it was saved.
 */
created_at: string, 
/**
 * The day it is about.
 */
date: string, 
/**
 * The ratings.
 */
ratings: WellbeingRatings, 
/**
 * The note (may be empty).
 */
note: string, 
/**
 * The journal entry it is attached to, if any.
 */
entry_id: string | null, };

export type WellbeingCheckInList = { 
/**
 * The readable check-ins.
 */
check_ins: Array<WellbeingCheckIn>, 
/**
 * Stored check-ins that failed their integrity check.
 */
damaged: number, };

export type TrendPeriod = "week" | "month";

export type WellbeingTrendPoint = { 
/**
 * First day of the week (Monday) or month.
 */
start: string, 
/**
 * How many check-ins it averages.
 */
count: number, 
/**
 * Average stress (1–5).
 */
stress: number, 
/**
 * Average energy (1–5).
 */
energy: number, 
/**
 * Average workload (1–5).
 */
workload: number, 
/**
 * Average sleep (1–5).
 */
sleep: number, 
/**
 * Average signs of secondary trauma (1–5).
 */
secondary_trauma: number, };

export type GentlePrompt = { 
/**
 * What to show.
 */
message: string, 
/**
 * The check-ins it is based on.
 */
check_ins: number, 
/**
 * The earliest of them.
 */
since: string, };

export type ProqolItem = { 
/**
 * Its number, 1–30.
 */
number: number, 
/**
 * Its text, exactly as published.
 */
text: string, };

export type ProqolQuestions = { 
/**
 * The measure's title.
 */
title: string, 
/**
 * Its instructions.
 */
instructions: string, 
/**
 * The answer labels for 1–5.
 */
scale: Array<string>, 
/**
 * The 30 items.
 */
items: Array<ProqolItem>, 
/**
 * The required credit line.
 */
credit: string, 
/**
 * The required link to ProQOL.org.
 */
link: string, 
/**
 * The measure's advice on its score page.
 */
concerns: string, 
/**
 * What compassion satisfaction is about.
 */
explain_compassion_satisfaction: string, 
/**
 * What burnout is about.
 */
explain_burnout: string, 
/**
 * What secondary traumatic stress is about.
 */
explain_secondary_traumatic_stress: string, };

export type ProqolBand = "low" | "moderate" | "high";

export type ProqolScores = { 
/**
 * Compassion satisfaction.
 */
compassion_satisfaction: number, 
/**
 * Burnout (reverse-scored items included).
 */
burnout: number, 
/**
 * Secondary traumatic stress.
 */
secondary_traumatic_stress: number, };

export type ProqolBands = { 
/**
 * Compassion satisfaction.
 */
compassion_satisfaction: ProqolBand, 
/**
 * Burnout.
 */
burnout: ProqolBand, 
/**
 * Secondary traumatic stress.
 */
secondary_traumatic_stress: ProqolBand, };

export type ProqolResult = { 
/**
 * Its id (UUID).
 */
id: string, 
/**
 * When it was saved.
 */
created_at: string, 
/**
 * The day it was taken.
 */
taken_on: string, 
/**
 * The three sums.
 */
scores: ProqolScores, 
/**
 * Their bands.
 */
bands: ProqolBands, };

export type ProqolList = { 
/**
 * The readable results.
 */
results: Array<ProqolResult>, 
/**
 * Stored results that failed their integrity check.
 */
damaged: number, };

export type ProqolDue = { 
/**
 * None was taken in the last 90 days.
 */
due: boolean, 
/**
 * The day the last one was taken, if any.
 */
last_taken: string | null, 
/**
 * The day the next one is offered (today when due).
 */
next_due: string, };

export type SnapshotSection = { 
/**
 * The section's heading (e.g. "Feelings"); empty for free writing.
 */
heading: string, 
/**
 * The text (Markdown).
 */
text: string, };

export type CountedDay = { 
/**
 * The day.
 */
date: string, 
/**
 * Minutes of supervision they count for it.
 */
minutes: number, 
/**
 * Of which form, as the hours ledger names it (e.g. "individual").
 */
form: string, };

export type SharedRating = { 
/**
 * The area's name as the sender's vault has it.
 */
area: string, 
/**
 * The rating, 1–5, or none.
 */
rating: number | null, 
/**
 * A comment on this area.
 */
comment: string, };

export type FormTotal = { 
/**
 * The form, as the hours ledger names it (e.g. "individual").
 */
form: string, 
/**
 * Minutes.
 */
minutes: number, };

export type AckTarget = { "type": "agreement", 
/**
 * The agreement version's id in the sender's vault.
 */
id: string, 
/**
 * Its version number.
 */
version: number, } | { "type": "record", 
/**
 * The record's id in the supervisor's vault.
 */
id: string, 
/**
 * The final record's content hash (SHA-256, hex): the
 * acknowledgement is of exactly this text.
 */
content_hash: string, };

export type SharedBand = "low" | "average" | "high";

export type ItemBody = { "kind": "journal_entry", 
/**
 * The entry's title.
 */
title: string, 
/**
 * The reflective template's name (e.g. "Gibbs' reflective cycle").
 */
template: string, 
/**
 * Its sections, in order.
 */
sections: Array<SnapshotSection>, 
/**
 * Its tags.
 */
tags: Array<string>, 
/**
 * The day it was written.
 */
written_on: string, } | { "kind": "extract", 
/**
 * The title of the entry it comes from.
 */
entry_title: string, 
/**
 * The extract.
 */
text: string, 
/**
 * The day the entry was written.
 */
written_on: string, } | { "kind": "agenda_item", 
/**
 * What to bring.
 */
text: string, } | { "kind": "hours_count", 
/**
 * First day the count covers.
 */
from: string, 
/**
 * Last day it covers.
 */
to: string, 
/**
 * The days with supervision.
 */
days: Array<CountedDay>, } | { "kind": "self_assessment", 
/**
 * The evaluation's id in the supervisor's vault, when answering one.
 */
evaluation_ref: string | null, 
/**
 * Their ratings.
 */
ratings: Array<SharedRating>, 
/**
 * A comment.
 */
comment: string, } | { "kind": "acknowledgement", 
/**
 * What is acknowledged.
 */
target: AckTarget, 
/**
 * The name the acknowledging party typed.
 */
typed_name: string, 
/**
 * The date they acknowledged it.
 */
date: string, } | { "kind": "session_summary", 
/**
 * The session's date.
 */
session_date: string, 
/**
 * The summary.
 */
summary: string, } | { "kind": "action_items", 
/**
 * The session's date.
 */
session_date: string, 
/**
 * The actions.
 */
items: Array<string>, } | { "kind": "ack_request", 
/**
 * What to acknowledge.
 */
target: AckTarget, 
/**
 * Its title, e.g. "Session record, 4 March 2026".
 */
title: string, 
/**
 * The text being acknowledged.
 */
text: string, } | { "kind": "signed_hours", 
/**
 * First day of the period.
 */
from: string, 
/**
 * Last day of the period.
 */
to: string, 
/**
 * Minutes by form.
 */
totals: Array<FormTotal>, 
/**
 * The name the supervisor typed when signing.
 */
signed_by: string, 
/**
 * The day it was signed.
 */
signed_on: string, 
/**
 * The sign-off's hash (SHA-256, hex).
 */
hash: string, } | { "kind": "evaluation", 
/**
 * The evaluation's date.
 */
date: string, 
/**
 * The supervisor's ratings.
 */
ratings: Array<SharedRating>, 
/**
 * Overall comments.
 */
comments: string, } | { "kind": "proqol_bands", 
/**
 * The day the measure was taken.
 */
taken_on: string, 
/**
 * Compassion satisfaction.
 */
compassion_satisfaction: SharedBand, 
/**
 * Burnout.
 */
burnout: SharedBand, 
/**
 * Secondary traumatic stress.
 */
secondary_traumatic_stress: SharedBand, };

export type IdentityCard = { 
/**
 * The text to give the other party (one line: the age recipient and
 * the Ed25519 verifying key), pasted into their app.
 */
card: string, 
/**
 * The age recipient alone (`age1…`), for the `age` command-line tool.
 */
age_recipient: string, 
/**
 * A short fingerprint both people read aloud to compare (groups of
 * four characters).
 */
fingerprint: string, 
/**
 * The card as a QR code (an SVG document).
 */
qr_svg: string, 
/**
 * When the identity was made.
 */
created_at: string, };

export type PeerKey = { 
/**
 * The person it belongs to.
 */
person_id: string, 
/**
 * Its fingerprint, to compare with the one their app shows.
 */
fingerprint: string, 
/**
 * When it was stored.
 */
added_at: string, };

export type SendSource = { "type": "journal_entry", 
/**
 * The entry.
 */
entry_id: string, } | { "type": "extract", 
/**
 * The flag.
 */
flag_id: string, } | { "type": "agenda_item", 
/**
 * The flag.
 */
flag_id: string, } | { "type": "hours_count", 
/**
 * The first day.
 */
from: string, 
/**
 * The last day.
 */
to: string, } | { "type": "self_assessment", 
/**
 * The evaluation.
 */
evaluation_id: string, } | { "type": "acknowledgement", 
/**
 * What it is about.
 */
target: AckTarget, } | { "type": "session_summary", 
/**
 * The record.
 */
record_id: string, } | { "type": "action_items", 
/**
 * The record.
 */
record_id: string, } | { "type": "ack_request", 
/**
 * What it is about.
 */
target: AckTarget, } | { "type": "signed_hours", 
/**
 * The sign-off.
 */
sign_off_id: string, } | { "type": "evaluation", 
/**
 * The evaluation.
 */
evaluation_id: string, } | { "type": "proqol_bands", 
/**
 * The ProQOL result.
 */
result_id: string, };

export type SendCandidate = { 
/**
 * What to send.
 */
source: SendSource, 
/**
 * A plain-language kind ("Journal entry", "Signed hours" …).
 */
kind_label: string, 
/**
 * A short title.
 */
title: string, 
/**
 * Its date, when it has one.
 */
date: string | null, 
/**
 * When it was last sent to this person, if ever.
 */
last_sent: string | null, };

export type PacketSender = { 
/**
 * The person whose stored key signed it.
 */
person_id: string, 
/**
 * Their name in this vault.
 */
name: string, 
/**
 * The fingerprint of the key that signed it.
 */
fingerprint: string, };

export type PreviewItem = { 
/**
 * A plain-language kind.
 */
kind_label: string, 
/**
 * A short title.
 */
title: string, 
/**
 * What importing it does ("Added to the agenda of 4 Dec", "Replaces
 * the acknowledgement you recorded on their behalf" …).
 */
effect: string, };

export type PacketPreview = { 
/**
 * Who sent it.
 */
sender: PacketSender, 
/**
 * When the sender wrote it.
 */
created_at: string, 
/**
 * What it carries.
 */
items: Array<PreviewItem>, 
/**
 * The titles of earlier shared items it withdraws.
 */
revocations: Array<string>, };

export type ImportOutcome = { 
/**
 * The person the items landed under.
 */
person_id: string, 
/**
 * How many items were added.
 */
added: number, 
/**
 * The titles of the shared items removed because the sender withdrew
 * them.
 */
revoked: Array<string>, 
/**
 * One plain-language line per effect beyond the shared-items list.
 */
effects: Array<string>, };

export type Direction = "received" | "sent";

export type SharedItem = { 
/**
 * Its id in the packet (the same in both vaults).
 */
id: string, 
/**
 * The person it was shared with or by.
 */
person_id: string, 
/**
 * Received or sent.
 */
direction: Direction, 
/**
 * When the packet carrying it was written.
 */
shared_at: string, 
/**
 * A short title.
 */
title: string, 
/**
 * The content, when it opened; `None` for an item that failed its
 * integrity check.
 */
body: ItemBody | null, 
/**
 * When a revocation for it was sent (sent items only).
 */
revoked_at: string | null, };

export type PersonKind = "person" | "group" | "organisation";

export type Relation = "i_supervise" | "supervises_me" | "none";

export type PersonInput = { 
/**
 * Person, group or organisation.
 */
kind: PersonKind, 
/**
 * Direction of the supervision relationship.
 */
relation: Relation, 
/**
 * Full name (or group/organisation name). Required.
 */
name: string, 
/**
 * Pronouns, as the person gives them.
 */
pronouns: string, 
/**
 * Email address.
 */
email: string, 
/**
 * Phone number.
 */
phone: string, 
/**
 * The organisation they work for (id of an organisation record).
 */
organisation_id: string | null, 
/**
 * Professional role, e.g. "Social worker".
 */
professional_role: string, 
/**
 * Licence or registration number.
 */
licence_number: string, 
/**
 * The body that issued it, e.g. "Social Work England".
 */
licence_body: string, 
/**
 * Licensure plan in the person's words (hours rules come later).
 */
licensure_plan: string, 
/**
 * When the supervision relationship started.
 */
start_date: string | null, 
/**
 * When it ended.
 */
end_date: string | null, 
/**
 * Free notes (no client names: use case references).
 */
notes: string, 
/**
 * Group members (ids of person records); groups only.
 */
members: Array<string>, 
/**
 * Group facilitator (id of a person record, or none when it is the owner).
 */
facilitator_id: string | null, };

export type Person = { 
/**
 * Record id.
 */
id: string, 
/**
 * When created.
 */
created_at: string, 
/**
 * When last changed.
 */
updated_at: string, 
/**
 * Archived (relationship ended, kept for the record).
 */
archived: boolean, 
/**
 * The fields.
 */
fields: PersonInput, };

export type PersonSummary = { 
/**
 * Record id.
 */
id: string, 
/**
 * Person, group or organisation.
 */
kind: PersonKind, 
/**
 * Relationship direction.
 */
relation: Relation, 
/**
 * Display name; empty when damaged.
 */
name: string, 
/**
 * Name of their organisation, if any.
 */
organisation_name: string | null, 
/**
 * Archived.
 */
archived: boolean, 
/**
 * The record failed its integrity check.
 */
damaged: boolean, };

export type AgreementStatus = "draft" | "acknowledged" | "superseded";

export type Frequency = "weekly" | "fortnightly" | "monthly";

export type SupervisionFormat = "individual" | "group" | "peer";

export type Delivery = "in_person" | "video" | "phone";

export type FeeBasis = "per_session" | "per_hour";

export type Fee = { 
/**
 * The fee in the currency's minor units (e.g. 8500 for 85.00); `None`
 * when no fee is set (nothing can be invoiced then).
 */
amount_minor: number | null, 
/**
 * ISO 4217 code, three capital letters (e.g. "GBP"). Required when an
 * amount is set.
 */
currency: string, 
/**
 * Per session or per hour.
 */
basis: FeeBasis, 
/**
 * Charged for a session the supervisee cancels with less notice than
 * the agreement's cancellation notice: this percentage (0–100) of the
 * fee that session would have cost.
 */
late_cancellation_percent: number, };

export type PartyRole = "supervisor" | "supervisee" | "facilitator" | "member";

export type PartyDetails = { 
/**
 * Full name.
 */
name: string, 
/**
 * Professional role, e.g. "Clinical supervisor".
 */
professional_role: string, 
/**
 * Organisation, if any.
 */
organisation: string, 
/**
 * Licence or registration number.
 */
licence_number: string, 
/**
 * The body that issued it.
 */
licence_body: string, };

export type Party = { 
/**
 * [`OWNER_PARTY_ID`] for the vault owner, otherwise the id of their
 * people record. Fixed for the life of the agreement.
 */
party_id: string, 
/**
 * Their part. Fixed for the life of the agreement.
 */
role: PartyRole, 
/**
 * Full name (may be blank in a draft; required before acknowledging).
 */
name: string, 
/**
 * Professional role.
 */
professional_role: string, 
/**
 * Organisation.
 */
organisation: string, 
/**
 * Licence or registration number.
 */
licence_number: string, 
/**
 * The body that issued it.
 */
licence_body: string, };

export type AgreementContent = { 
/**
 * Title printed at the top.
 */
title: string, 
/**
 * The parties and their licence or registration numbers.
 */
parties: Array<Party>, 
/**
 * Purpose of supervision.
 */
purpose: string, 
/**
 * The model of supervision.
 */
model: string, 
/**
 * The three functions: normative, formative, restorative.
 */
functions: string, 
/**
 * Learning goals.
 */
learning_goals: string, 
/**
 * How often sessions are held.
 */
frequency: Frequency, 
/**
 * Length of a session in minutes (15–480).
 */
session_minutes: number, 
/**
 * More about frequency and booking.
 */
frequency_notes: string, 
/**
 * Individual, group or peer.
 */
format: SupervisionFormat, 
/**
 * In person, video, phone (at least one).
 */
delivery: Array<Delivery>, 
/**
 * Where sessions take place.
 */
location: string, 
/**
 * Availability and emergency contact between sessions.
 */
availability: string, 
/**
 * Methods: case discussion, direct observation, recordings (with client consent).
 */
methods: string, 
/**
 * Evaluation and who has sign-off authority.
 */
evaluation: string, 
/**
 * Roles where there is more than one supervisor.
 */
supervisor_roles: string, 
/**
 * How clients are told about supervision.
 */
informing_clients: string, 
/**
 * Fees.
 */
fees: string, 
/**
 * The fee in structured form, which invoices are built from.
 * Agreements stored before it existed read as "no fee set".
 */
fee: Fee, 
/**
 * Who is invoiced.
 */
invoicing_party: string, 
/**
 * Notice needed to cancel without charge, in hours (0–336).
 */
cancellation_notice_hours: number, 
/**
 * The late-cancellation fee.
 */
late_cancellation_fee: string, 
/**
 * The cancellation policy.
 */
cancellation_policy: string, 
/**
 * Record keeping and retention: who keeps what, how long, where.
 */
record_keeping: string, 
/**
 * The ethics code followed, and insurance.
 */
ethics_and_insurance: string, 
/**
 * Confidentiality.
 */
confidentiality: string, 
/**
 * The exceptions to confidentiality.
 */
confidentiality_exceptions: string, 
/**
 * How an exception is handled.
 */
exception_handling: string, 
/**
 * How ethical concerns and disagreements are raised.
 */
concerns_and_disagreements: string, 
/**
 * Review, ending and notice.
 */
review_and_ending: string, 
/**
 * From when the agreement applies; supervision before it does not count
 * towards hours.
 */
effective_date: string | null, 
/**
 * When the agreement is next reviewed (not before the effective date).
 */
review_date: string | null, };

export type AcknowledgementInput = { 
/**
 * Which party ([`Party::party_id`]).
 */
party_id: string, 
/**
 * Their full name, typed as a signature. Must not be blank.
 */
typed_name: string, 
/**
 * The date they acknowledged (not in the future).
 */
date: string, };

export type Acknowledgement = { 
/**
 * Which party.
 */
party_id: string, 
/**
 * Their part.
 */
role: PartyRole, 
/**
 * The name they typed.
 */
typed_name: string, 
/**
 * The date they gave.
 */
date: string, 
/**
 * When it was recorded in the vault.
 */
recorded_at: string, 
/**
 * The vault owner entered this acknowledgement on the party's behalf
 * (the party acknowledged outside Confidant, and the owner recorded
 * their typed name and date), as opposed to the party recording it
 * themselves. Always `false` for the owner's own acknowledgement and
 * for one received in a packet ([`Self::via_packet`]).
 */
recorded_by_owner: boolean, 
/**
 * The id of the packet it arrived in, when the party acknowledged in
 * their own app and sent it (then `recorded_by_owner` is `false`).
 * `None` for one entered in this vault.
 */
via_packet: string | null, };

export type Agreement = { 
/**
 * Id of this version.
 */
id: string, 
/**
 * The person or group it is with.
 */
person_id: string, 
/**
 * Version number, from 1.
 */
version: number, 
/**
 * Draft, acknowledged or superseded.
 */
status: AgreementStatus, 
/**
 * When this version was created.
 */
created_at: string, 
/**
 * When it last changed.
 */
updated_at: string, 
/**
 * The sections.
 */
content: AgreementContent, 
/**
 * Acknowledgements recorded so far, in order.
 */
acknowledgements: Array<Acknowledgement>, 
/**
 * Party ids still to acknowledge (empty once acknowledged).
 */
awaiting: Array<string>, };

export type AgreementSummary = { 
/**
 * Id of this version.
 */
id: string, 
/**
 * The person or group it is with.
 */
person_id: string, 
/**
 * Their name; empty when their record is damaged.
 */
person_name: string, 
/**
 * Version number.
 */
version: number, 
/**
 * Draft, acknowledged or superseded.
 */
status: AgreementStatus, 
/**
 * When created.
 */
created_at: string, 
/**
 * When last changed.
 */
updated_at: string, 
/**
 * Effective date.
 */
effective_date: string | null, 
/**
 * Review date.
 */
review_date: string | null, 
/**
 * The stored version failed its integrity check and cannot be opened.
 */
damaged: boolean, };

export type ReviewDue = { 
/**
 * Id of the version in force.
 */
agreement_id: string, 
/**
 * The person or group it is with.
 */
person_id: string, 
/**
 * Their name; empty when their record is damaged.
 */
person_name: string, 
/**
 * Version number.
 */
version: number, 
/**
 * The review date.
 */
review_date: string, 
/**
 * Days from today (UTC) to the review date; negative when overdue.
 */
days_until_review: number, 
/**
 * The stored version failed its integrity check.
 */
damaged: boolean, };

export type GoalTerm = "short" | "long";

export type GoalStatus = "active" | "achieved" | "revised" | "dropped";

export type GoalFields = { 
/**
 * A one-line title. Required.
 */
title: string, 
/**
 * What the goal means and how it will be worked on.
 */
description: string, 
/**
 * Short- or long-term.
 */
term: GoalTerm, 
/**
 * When it should be reached (not before the day it was set).
 */
target_date: string | null, 
/**
 * Ids of skills from the skills list.
 */
skill_ids: Array<string>, 
/**
 * Weeks between check-ins (1 to 52; 4 by default).
 */
check_in_weeks: number, };

export type Goal = { 
/**
 * Goal id.
 */
id: string, 
/**
 * The supervisee it belongs to; `None` for the owner's own development.
 */
person_id: string | null, 
/**
 * When it was set.
 */
created_at: string, 
/**
 * The day it was set (the start of its check-in clock).
 */
created_on: string, 
/**
 * When it last changed.
 */
updated_at: string, 
/**
 * The fields.
 */
fields: GoalFields, 
/**
 * Current status.
 */
status: GoalStatus, };

export type GoalSummary = { 
/**
 * The goal.
 */
goal: Goal, 
/**
 * Date of the latest check-in, if any.
 */
last_check_in: string | null, 
/**
 * Rating of the latest check-in, if any.
 */
last_rating: number | null, 
/**
 * The date the next check-in is due by (the latest check-in, or the
 * day the goal was set, plus its interval).
 */
next_check_in: string, };

export type GoalList = { 
/**
 * The goals that opened, oldest first.
 */
goals: Array<GoalSummary>, 
/**
 * Ids of goals that are damaged and cannot be shown.
 */
damaged: Array<string>, };

export type EvidenceKind = "case_note" | "client_feedback" | "outcome" | "direct_observation" | "case_review" | "role_play";

export type Evidence = { 
/**
 * What kind of evidence.
 */
kind: EvidenceKind, 
/**
 * A short reference, e.g. "Case review of C-17". Required.
 */
reference: string, };

export type CheckInInput = { 
/**
 * The day of the check-in (not before the goal was set, not after today).
 */
date: string, 
/**
 * How it is going. Required.
 */
progress_note: string, 
/**
 * Evidence items.
 */
evidence: Array<Evidence>, 
/**
 * 1 (not started) to 5 (fully met).
 */
rating: number, 
/**
 * A coaching record of the same person this check-in follows, if any.
 */
coaching_id: string | null, };

export type CheckIn = { 
/**
 * Check-in id.
 */
id: string, 
/**
 * When it was recorded.
 */
recorded_at: string, 
/**
 * The fields.
 */
fields: CheckInInput, };

export type TimelineEvent = { "type": "created", 
/**
 * The goal's title (as it reads now).
 */
title: string, } | { "type": "edited", 
/**
 * Which fields changed, in words ("title", "target date").
 */
changed: Array<string>, } | { "type": "status_changed", 
/**
 * The status before.
 */
from: GoalStatus, 
/**
 * The status after.
 */
to: GoalStatus, 
/**
 * Why (may be empty).
 */
reason: string, } | { "type": "check_in", 
/**
 * The check-in.
 */
check_in: CheckIn, } | { "type": "coaching", 
/**
 * The coaching record.
 */
record: CoachingRecord, } | { "type": "damaged_check_in", 
/**
 * Its id.
 */
id: string, };

export type TimelineEntry = { 
/**
 * The day it happened.
 */
on: string, 
/**
 * When it was recorded.
 */
recorded_at: string, 
/**
 * What happened.
 */
event: TimelineEvent, };

export type GoalDetail = { 
/**
 * The goal and its check-in summary.
 */
summary: GoalSummary, 
/**
 * Every event in date order (then in the order recorded).
 */
timeline: Array<TimelineEntry>, };

export type Skill = { 
/**
 * Skill id.
 */
id: string, 
/**
 * Its name; empty when damaged.
 */
name: string, 
/**
 * Retired: not offered for new links, still shown where linked.
 */
retired: boolean, 
/**
 * The record failed its integrity check.
 */
damaged: boolean, };

export type PracticeKind = "clinical" | "psychotherapy" | "non_clinical" | "all";

export type Period = "week" | "month" | "whole";

export type LengthUnit = "weeks" | "months";

export type Ratio = { 
/**
 * Minutes of supervision.
 */
supervision_minutes: number, 
/**
 * Per this many hours of practice (clinical and non-clinical).
 */
per_practice_hours: number, };

export type Rule = { "kind": "practice_total", 
/**
 * Which practice hours.
 */
of: PracticeKind, 
/**
 * At least this many hours.
 */
min_hours: number | null, 
/**
 * At most this many hours count.
 */
max_hours: number | null, } | { "kind": "supervision_total", 
/**
 * Which forms count (empty: every form).
 */
forms: Array<SupervisionForm>, 
/**
 * At least this many hours.
 */
min_hours: number | null, 
/**
 * At most this many hours count.
 */
max_hours: number | null, } | { "kind": "period_length", 
/**
 * Weeks or months.
 */
unit: LengthUnit, 
/**
 * At least this long.
 */
min: number | null, 
/**
 * At most this long.
 */
max: number | null, } | { "kind": "supervision_per_period", 
/**
 * Week, month or the whole period.
 */
period: Period, 
/**
 * At least this many minutes.
 */
min_minutes: number | null, 
/**
 * At least this much per hour of practice.
 */
min_per_practice: Ratio | null, 
/**
 * At most this many minutes count.
 */
max_minutes: number | null, 
/**
 * At most this much per hour of practice counts.
 */
max_per_practice: Ratio | null, 
/**
 * Practice in a period under the minimum does not count.
 */
voids_practice: boolean, } | { "kind": "share_cap", 
/**
 * Which forms are capped (e.g. group).
 */
forms: Array<SupervisionForm>, 
/**
 * At most this percentage of all counted supervision.
 */
max_percent: number | null, 
/**
 * At most this many hours.
 */
max_hours: number | null, } | { "kind": "supervisor_credential", 
/**
 * The credential, e.g. "LMFT" (compared ignoring case).
 */
credential: string, 
/**
 * At least this many hours.
 */
min_hours: number, 
/**
 * Which forms count (empty: every form).
 */
forms: Array<SupervisionForm>, } | { "kind": "group_size", 
/**
 * At least this many supervisees.
 */
min: number | null, 
/**
 * At most this many supervisees.
 */
max: number | null, } | { "kind": "min_session_minutes", 
/**
 * The shortest session that counts.
 */
minutes: number, } | { "kind": "weekly_unit", 
/**
 * Minutes of individual (or triadic) supervision in a unit.
 */
individual_minutes: number, 
/**
 * Minutes of group supervision in a unit.
 */
group_minutes: number, 
/**
 * Direct hours in a setting above which a second unit is needed.
 */
second_unit_above_hours: number | null, } | { "kind": "supervised_weeks", 
/**
 * At least this many weeks.
 */
min_weeks: number, 
/**
 * Which forms count (empty: every form).
 */
forms: Array<SupervisionForm>, 
/**
 * Only supervision from a supervisor with this credential.
 */
credential: string | null, } | { "kind": "continuous_window", 
/**
 * The window's length in months.
 */
max_months: number, };

export type SummarySource = { "kind": "practice", 
/**
 * Which practice hours.
 */
of: PracticeKind, } | { "kind": "supervision", 
/**
 * Which forms (empty: all).
 */
forms: Array<SupervisionForm>, 
/**
 * Only from a supervisor with this credential.
 */
credential: string | null, } | { "kind": "supervised_weeks", 
/**
 * Which forms (empty: all).
 */
forms: Array<SupervisionForm>, 
/**
 * Only from a supervisor with this credential.
 */
credential: string | null, } | { "kind": "first_date" } | { "kind": "last_date" } | { "kind": "months" } | { "kind": "weeks" } | { "kind": "supervisors" };

export type SummaryField = { 
/**
 * The field's label.
 */
label: string, 
/**
 * What fills it.
 */
source: SummarySource, };

export type Profile = { 
/**
 * The profile's id (an example's fixed id, or a random UUID).
 */
id: string, 
/**
 * Its name, e.g. "California LCSW".
 */
name: string, 
/**
 * The board, e.g. "California Board of Behavioral Sciences".
 */
board: string, 
/**
 * A short tag put in every reason, e.g. "CA" in "(CA weekly unit)".
 */
tag: string, 
/**
 * Where the rules come from (the regulation's citation).
 */
source_citation: string, 
/**
 * When the rules were last checked against the source.
 */
checked_on: string, 
/**
 * True for a profile shipped as an example (check the board's current rules).
 */
example: boolean, 
/**
 * The rules.
 */
rules: Array<Rule>, 
/**
 * The board summary's fields, in the order of the board's form.
 */
summary: Array<SummaryField>, };

export type ProfileList = { 
/**
 * Profiles that opened, examples first (in the order offered), then
 * the user's own in the order made.
 */
profiles: Array<Profile>, 
/**
 * Profiles that failed their integrity check (not shown).
 */
damaged: number, };

export type ItemKind = "supervision" | "practice";

export type ItemOutcome = { 
/**
 * The item's id (supervision item or practice week).
 */
id: string, 
/**
 * Supervision or practice.
 */
kind: ItemKind, 
/**
 * Its date (a practice week's Monday).
 */
date: string, 
/**
 * Minutes logged (practice: clinical plus non-clinical).
 */
logged_minutes: number, 
/**
 * Minutes counted after the rules.
 */
counted_minutes: number, 
/**
 * One plain-language reason per reduction, in the order applied.
 */
reasons: Array<string>, };

export type RuleState = "met" | "not_yet" | "applied" | "exceeded";

export type RuleStatus = { 
/**
 * The rule's place in the profile (from 0).
 */
index: number, 
/**
 * The rule in plain words ("At least 3,000 practice hours").
 */
title: string, 
/**
 * Met, not yet, or a limit applied.
 */
state: RuleState, 
/**
 * What is there and what is missing ("2,340 of 3,000 hours: 660 to go").
 */
detail: string, 
/**
 * Counted so far (minutes, weeks or months as the rule counts), when it has a number.
 */
have: number | null, 
/**
 * Needed (same unit as `have`), when it has a number.
 */
need: number | null, };

export type MonthTotals = { 
/**
 * The month's first day.
 */
month: string, 
/**
 * Counted direct minutes.
 */
clinical_minutes: number, 
/**
 * Counted psychotherapy minutes (part of the direct minutes).
 */
psychotherapy_minutes: number, 
/**
 * Counted non-clinical minutes.
 */
non_clinical_minutes: number, 
/**
 * Counted supervision minutes.
 */
supervision_minutes: number, 
/**
 * Logged but not counted (practice and supervision).
 */
not_counted_minutes: number, 
/**
 * Counted minutes of the progress target up to the end of this month.
 */
cumulative_target_minutes: number, };

export type TotalLine = { 
/**
 * What it totals ("Direct (clinical)", "Group supervision", …).
 */
label: string, 
/**
 * Minutes logged.
 */
logged_minutes: number, 
/**
 * Minutes counted.
 */
counted_minutes: number, };

export type Target = { 
/**
 * What it is ("Practice hours", "Direct hours", "Supervision hours").
 */
label: string, 
/**
 * Needed, in minutes.
 */
minutes: number, 
/**
 * Counted so far, in minutes.
 */
counted_minutes: number, };

export type Projection = { 
/**
 * The day the target would be reached at the recent pace; `None` when
 * there is no pace (or no target).
 */
finish_on: string | null, 
/**
 * How it was computed, in words.
 */
explanation: string, };

export type SummaryLine = { 
/**
 * The field's label.
 */
label: string, 
/**
 * Its value, as text to copy.
 */
value: string, };

export type Progress = { 
/**
 * Whose ledger.
 */
person_id: string, 
/**
 * Which profile.
 */
profile_id: string, 
/**
 * The profile's name.
 */
profile_name: string, 
/**
 * True when the profile is an example.
 */
example: boolean, 
/**
 * The day the progress is for.
 */
today: string, 
/**
 * Logged and counted totals by type.
 */
totals: Array<TotalLine>, 
/**
 * Counted totals per month, oldest first.
 */
months: Array<MonthTotals>, 
/**
 * Each ledger item with what was counted and why not the rest.
 */
items: Array<ItemOutcome>, 
/**
 * Each rule's state, in the profile's order.
 */
rules: Array<RuleStatus>, 
/**
 * The total followed by the chart and projection, when the profile has one.
 */
target: Target | null, 
/**
 * The projected finish.
 */
projection: Projection, 
/**
 * The board summary.
 */
summary: Array<SummaryLine>, 
/**
 * General notes (e.g. no agreement in force).
 */
notes: Array<string>, };

export type DevelopmentStage = "newly_qualified" | "developing" | "experienced";

export type StageInput = { 
/**
 * The stage.
 */
stage: DevelopmentStage, 
/**
 * From when it applies.
 */
set_on: string, 
/**
 * Why, or what it rests on (optional).
 */
note: string, };

export type StageEntry = { 
/**
 * Row id.
 */
id: string, 
/**
 * When it was recorded.
 */
recorded_at: string, 
/**
 * The fields.
 */
fields: StageInput, };

export type StageHistory = { 
/**
 * The stage in force (the latest set), if any.
 */
current: StageEntry | null, 
/**
 * Every stage set, newest first.
 */
history: Array<StageEntry>, 
/**
 * Number of entries that are damaged and cannot be shown.
 */
damaged: number, };

export type CoachingMethod = "role_play" | "case_scenario_analysis" | "problem_solving_exercise" | "direct_observation" | "case_review";

export type FollowUpInput = { 
/**
 * Local start.
 */
start: string, 
/**
 * Length in minutes.
 */
minutes: number, 
/**
 * IANA time zone of `start`, e.g. `Europe/London`.
 */
time_zone: string, };

export type CoachingInput = { 
/**
 * The supervisee.
 */
person_id: string, 
/**
 * The day of the coaching (not after today).
 */
date: string, 
/**
 * The skill worked on (from the skills list, not retired).
 */
skill_id: string, 
/**
 * The method.
 */
method: CoachingMethod, 
/**
 * How it went. Required.
 */
how_it_went: string, 
/**
 * Strengths noticed.
 */
strengths: string, 
/**
 * The next step.
 */
next_step: string, 
/**
 * A goal of the same supervisee it worked towards, if any.
 */
goal_id: string | null, 
/**
 * Schedule a follow-up check-in, if given.
 */
follow_up: FollowUpInput | null, };

export type CoachingRecord = { 
/**
 * Record id.
 */
id: string, 
/**
 * When it was recorded.
 */
recorded_at: string, 
/**
 * The supervisee.
 */
person_id: string, 
/**
 * The day of the coaching.
 */
date: string, 
/**
 * The skill worked on.
 */
skill_id: string, 
/**
 * The method.
 */
method: CoachingMethod, 
/**
 * How it went.
 */
how_it_went: string, 
/**
 * Strengths noticed.
 */
strengths: string, 
/**
 * The next step.
 */
next_step: string, 
/**
 * The goal it worked towards, if any.
 */
goal_id: string | null, 
/**
 * The one-off coaching session scheduled as its follow-up, if any
 * (a series id of the schedule).
 */
follow_up_series_id: string | null, };

export type CoachingList = { 
/**
 * The records that opened.
 */
records: Array<CoachingRecord>, 
/**
 * Ids of records that are damaged and cannot be shown.
 */
damaged: Array<string>, };

export type EvaluationKind = "midpoint" | "final";

export type SupervisionFunction = "normative" | "formative" | "restorative";

export type CompetencyArea = { 
/**
 * Area id.
 */
id: string, 
/**
 * Its name; empty when damaged.
 */
name: string, 
/**
 * The function of supervision it belongs to, if any.
 */
function: SupervisionFunction | null, 
/**
 * The skill of the skills list it was drawn from, if any.
 */
skill_id: string | null, 
/**
 * Retired: not offered for new evaluations, still shown where rated.
 */
retired: boolean, 
/**
 * The record failed its integrity check.
 */
damaged: boolean, };

export type ScaleStep = { 
/**
 * 1 to 5.
 */
value: number, 
/**
 * A short label ("Developing").
 */
label: string, 
/**
 * What the step means.
 */
descriptor: string, };

export type CheckTopic = "trust" | "collaboration" | "power_balance";

export type CheckQuestion = { 
/**
 * The topic.
 */
topic: CheckTopic, 
/**
 * The statement each side rates.
 */
statement: string, };

export type EvaluationForm = { 
/**
 * The competency areas, retired ones included (marked).
 */
areas: Array<CompetencyArea>, 
/**
 * The competency rating scale (1–5).
 */
scale: Array<ScaleStep>, 
/**
 * The supervision check's agreement scale (1–5).
 */
check_scale: Array<ScaleStep>, 
/**
 * The supervision check's statements.
 */
check_questions: Array<CheckQuestion>, 
/**
 * Longest comment, in characters.
 */
text_chars: number, 
/**
 * Longest area name or action title, in characters.
 */
line_chars: number, 
/**
 * Most action plan items on one evaluation.
 */
max_action_items: number, 
/**
 * Most referrals on one ending.
 */
max_referrals: number, };

export type EnteredBy = "supervisor_by_hand";

export type AreaRatingInput = { 
/**
 * The area (on the list, not retired).
 */
area_id: string, 
/**
 * The supervisor's rating, 1–5, or none.
 */
supervisor: number | null, 
/**
 * The supervisee's self-assessment, 1–5, or none.
 */
supervisee: number | null, 
/**
 * A comment on this area.
 */
comment: string, };

export type ActionPlanInput = { 
/**
 * The goal's title. Required.
 */
title: string, 
/**
 * What it means and how it will be worked on.
 */
description: string, 
/**
 * When it should be reached (not before today).
 */
target_date: string | null, };

export type CheckAnswers = { 
/**
 * Trust, 1–5 or none.
 */
trust: number | null, 
/**
 * Collaboration, 1–5 or none.
 */
collaboration: number | null, 
/**
 * Power balance, 1–5 or none.
 */
power_balance: number | null, 
/**
 * Anything to add.
 */
comment: string, };

export type CheckSides = { 
/**
 * The supervisor's answers.
 */
supervisor: CheckAnswers, 
/**
 * The supervisee's answers (typed in by the supervisor today).
 */
supervisee: CheckAnswers, };

export type CheckOccasion = "evaluation" | "agreement_review" | "other";

export type SupervisionCheckInput = { 
/**
 * The day (not in the future).
 */
date: string, 
/**
 * Agreement review or other (checks with an evaluation are taken in
 * the evaluation form).
 */
occasion: CheckOccasion, 
/**
 * Both sides' answers.
 */
sides: CheckSides, };

export type SupervisionCheck = { 
/**
 * Check id.
 */
id: string, 
/**
 * The supervisee.
 */
person_id: string, 
/**
 * When it was recorded.
 */
recorded_at: string, 
/**
 * The day.
 */
date: string, 
/**
 * When it was taken.
 */
occasion: CheckOccasion, 
/**
 * The evaluation it was taken with, if any.
 */
evaluation_id: string | null, 
/**
 * Both sides' answers.
 */
sides: CheckSides, 
/**
 * Who entered the supervisee's answers.
 */
supervisee_entered_by: EnteredBy, };

export type CheckList = { 
/**
 * The checks that opened.
 */
checks: Array<SupervisionCheck>, 
/**
 * Ids of checks that are damaged and cannot be shown.
 */
damaged: Array<string>, };

export type EvaluationInput = { 
/**
 * Midpoint or final.
 */
kind: EvaluationKind, 
/**
 * The day of the evaluation (not in the future).
 */
date: string, 
/**
 * Ratings per area (at least one area rated).
 */
ratings: Array<AreaRatingInput>, 
/**
 * The supervisor's overall comments.
 */
supervisor_comments: string, 
/**
 * The supervisee's overall comments (typed in by the supervisor).
 */
supervisee_comments: string, 
/**
 * The action plan: each item becomes a goal.
 */
action_plan: Array<ActionPlanInput>, 
/**
 * The supervision check taken with it, if any.
 */
check: CheckSides | null, };

export type AreaRating = { 
/**
 * The area.
 */
area_id: string, 
/**
 * Its name when the evaluation was made.
 */
area_name: string, 
/**
 * Its function when the evaluation was made.
 */
function: SupervisionFunction | null, 
/**
 * The supervisor's rating.
 */
supervisor: number | null, 
/**
 * The supervisee's self-assessment.
 */
supervisee: number | null, 
/**
 * A comment on this area.
 */
comment: string, };

export type ActionPlanItem = { 
/**
 * The goal's title.
 */
title: string, 
/**
 * Its description.
 */
description: string, 
/**
 * Its target date.
 */
target_date: string | null, 
/**
 * The goal it became.
 */
goal_id: string | null, };

export type Evaluation = { 
/**
 * Evaluation id.
 */
id: string, 
/**
 * The supervisee.
 */
person_id: string, 
/**
 * When it was recorded.
 */
recorded_at: string, 
/**
 * Midpoint or final.
 */
kind: EvaluationKind, 
/**
 * The day.
 */
date: string, 
/**
 * Ratings per area.
 */
ratings: Array<AreaRating>, 
/**
 * Who entered the supervisee's ratings and comments.
 */
supervisee_entered_by: EnteredBy, 
/**
 * The supervisor's overall comments.
 */
supervisor_comments: string, 
/**
 * The supervisee's overall comments.
 */
supervisee_comments: string, 
/**
 * The action plan and the goals it became.
 */
action_plan: Array<ActionPlanItem>, 
/**
 * The supervision check taken with it, if any.
 */
check_id: string | null, };

export type EvaluationList = { 
/**
 * The evaluations that opened.
 */
evaluations: Array<Evaluation>, 
/**
 * Ids of evaluations that are damaged and cannot be shown.
 */
damaged: Array<string>, };

export type ReferralKind = "supervisor" | "training" | "personal_therapy" | "peer_support" | "other";

export type Referral = { 
/**
 * What kind.
 */
kind: ReferralKind, 
/**
 * To whom or where. Required.
 */
to: string, 
/**
 * A note.
 */
note: string, };

export type EndingInput = { 
/**
 * The last day of supervision (not in the future, not before the start).
 */
end_date: string, 
/**
 * Why it ends (e.g. "Licensure reached").
 */
reason: string, 
/**
 * Referrals.
 */
referrals: Array<Referral>, };

export type FormHours = { 
/**
 * The form.
 */
form: SupervisionForm, 
/**
 * Held sessions of that form.
 */
sessions: number, 
/**
 * Their length in minutes.
 */
minutes: number, };

export type SummaryGoal = { 
/**
 * The goal.
 */
id: string, 
/**
 * Its title.
 */
title: string, 
/**
 * Its status.
 */
status: GoalStatus, };

export type OutstandingAction = { 
/**
 * The action item.
 */
id: string, 
/**
 * What is to be done.
 */
text: string, 
/**
 * By when.
 */
due: string | null, 
/**
 * The session it was agreed in.
 */
session_date: string, };

export type TerminationSummary = { 
/**
 * The start: the person's start date, else their earliest agreement's
 * effective date, else the first held session; none if none is known.
 */
start_date: string | null, 
/**
 * The last day.
 */
end_date: string, 
/**
 * Held sessions in the period.
 */
sessions_held: number, 
/**
 * Supervision by form in the period (forms with none left out).
 */
hours_by_form: Array<FormHours>, 
/**
 * All supervision in the period, in minutes.
 */
total_minutes: number, 
/**
 * Goals achieved.
 */
goals_met: Array<SummaryGoal>, 
/**
 * Goals still active.
 */
goals_open: Array<SummaryGoal>, 
/**
 * Action items still open.
 */
outstanding: Array<OutstandingAction>, 
/**
 * Evaluations made.
 */
evaluations: number, };

export type Ending = { 
/**
 * Ending id.
 */
id: string, 
/**
 * The supervisee.
 */
person_id: string, 
/**
 * When it was confirmed.
 */
recorded_at: string, 
/**
 * What was filled in.
 */
input: EndingInput, 
/**
 * The figures as they stood when it was confirmed.
 */
summary: TerminationSummary, };

export type SessionKind = "individual" | "group" | "peer" | "coaching";

export type SessionStatus = "planned" | "held" | "cancelled" | "no_show";

export type CancelledBy = "supervisor" | "supervisee" | "other";

export type Weekday = "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";

export type Pattern = { "type": "weekly", 
/**
 * Days of the week.
 */
weekdays: Array<Weekday>, } | { "type": "monthly_by_date", 
/**
 * Day of the month.
 */
day: number, } | { "type": "monthly_by_weekday", 
/**
 * Which one in the month.
 */
week: number, 
/**
 * Which day.
 */
weekday: Weekday, };

export type RecurrenceEnd = { "type": "never" } | { "type": "until", 
/**
 * Last date (inclusive), in the series' time zone.
 */
date: string, } | { "type": "count", 
/**
 * Number of sessions (1–[`MAX_COUNT`]).
 */
count: number, };

export type Recurrence = { 
/**
 * Weekly or monthly, and on which days.
 */
pattern: Pattern, 
/**
 * Every `interval` weeks or months (1 = every).
 */
interval: number, 
/**
 * When it stops.
 */
end: RecurrenceEnd, };

export type ReminderSetting = { "type": "default" } | { "type": "before", 
/**
 * Minutes before the start (0 = at the start).
 */
minutes: number, } | { "type": "off" };

export type SeriesInput = { 
/**
 * The supervisee, supervisor or group (a people record id).
 */
person_id: string, 
/**
 * Individual, group, peer or coaching.
 */
kind: SessionKind, 
/**
 * IANA time zone of the wall-clock times, e.g. `Europe/London`.
 */
time_zone: string, 
/**
 * First session's local start. For a rule, the first date on or after
 * this one that fits the rule becomes the first session.
 */
start: string, 
/**
 * First session's local end (its wall-clock length is the length of
 * every session).
 */
end: string, 
/**
 * Repeat rule; `None` for a one-off session.
 */
recurrence: Recurrence | null, 
/**
 * Where (room, "Video", …). Exported only when asked.
 */
location: string, 
/**
 * Reminder lead time for these sessions.
 */
reminder: ReminderSetting, 
/**
 * A short code shown instead of initials in calendar exports (optional).
 */
calendar_code: string, };

export type Series = { 
/**
 * Series id.
 */
id: string, 
/**
 * The person or group.
 */
person_id: string, 
/**
 * Kind of session.
 */
kind: SessionKind, 
/**
 * IANA time zone.
 */
time_zone: string, 
/**
 * First session's local start (aligned to the rule).
 */
start: string, 
/**
 * Length of each session, in minutes.
 */
duration_minutes: number, 
/**
 * Repeat rule, if any.
 */
recurrence: Recurrence | null, 
/**
 * Location.
 */
location: string, 
/**
 * Reminder lead time.
 */
reminder: ReminderSetting, 
/**
 * Code shown instead of initials in exports.
 */
calendar_code: string, 
/**
 * The rule in words ("Monthly on the 2nd Tuesday at 10:00, until …").
 */
description: string, 
/**
 * First session's start.
 */
first_start: string, 
/**
 * Last session's end; `None` when the rule has no end.
 */
last_end: string | null, 
/**
 * When created.
 */
created_at: string, 
/**
 * When last changed (including any of its exceptions).
 */
updated_at: string, };

export type SeriesList = { 
/**
 * The series, by first start.
 */
series: Array<Series>, 
/**
 * Ids of series that failed their integrity check.
 */
damaged: Array<string>, };

export type OccurrenceKey = { 
/**
 * Series id.
 */
series_id: string, 
/**
 * The occurrence's original wall-clock start in the series' time zone
 * (before any move) — like an iCalendar `RECURRENCE-ID`.
 */
original_start: string, };

export type Cancellation = { 
/**
 * Who called it off.
 */
by: CancelledBy, 
/**
 * Why (may be empty).
 */
reason: string, 
/**
 * Called off with less notice than the agreement asks.
 */
late: boolean, 
/**
 * When it was called off.
 */
cancelled_at: string, };

export type Occurrence = { 
/**
 * Which occurrence.
 */
key: OccurrenceKey, 
/**
 * The person or group.
 */
person_id: string, 
/**
 * Kind of session.
 */
kind: SessionKind, 
/**
 * Status.
 */
status: SessionStatus, 
/**
 * Start (after any move).
 */
start: string, 
/**
 * End.
 */
end: string, 
/**
 * Local start in the series' time zone.
 */
local_start: string, 
/**
 * Local end in the series' time zone.
 */
local_end: string, 
/**
 * The series' IANA time zone.
 */
time_zone: string, 
/**
 * Moved away from its original slot.
 */
moved: boolean, 
/**
 * Part of a repeating series.
 */
recurring: boolean, 
/**
 * Set when cancelled.
 */
cancellation: Cancellation | null, 
/**
 * Overlaps another session that is not cancelled.
 */
conflict: boolean, 
/**
 * The sessions it overlaps.
 */
conflicts_with: Array<OccurrenceKey>, 
/**
 * The series' reminder setting.
 */
reminder: ReminderSetting, 
/**
 * Plain-language note, e.g. when the local time fell in a clock change.
 */
note: string | null, };

export type OccurrenceList = { 
/**
 * By start time.
 */
occurrences: Array<Occurrence>, 
/**
 * Some series had more occurrences than one query returns.
 */
truncated: boolean, 
/**
 * Series that failed their integrity check (their sessions are missing).
 */
damaged_series: Array<string>, 
/**
 * Single sessions whose change (move, cancellation, status) failed its
 * integrity check: they are left out, the rest of their series shows.
 */
damaged_sessions: Array<OccurrenceKey>, 
/**
 * Plain-language notes for the user.
 */
notes: Array<string>, };

export type Conflict = { 
/**
 * The session that was created or moved.
 */
occurrence: OccurrenceKey, 
/**
 * Its start.
 */
start: string, 
/**
 * Its end.
 */
end: string, 
/**
 * The session it overlaps.
 */
other: OccurrenceKey, 
/**
 * Who the other session is with.
 */
other_person_id: string, 
/**
 * The other session's start.
 */
other_start: string, 
/**
 * The other session's end.
 */
other_end: string, };

export type ScheduleChange = { 
/**
 * The series created or changed (after a split: the shortened old
 * series, if any sessions remain in it, then the new one).
 */
series: Array<Series>, 
/**
 * Overlaps with other sessions, within `conflicts_checked_until`. The
 * user may keep them.
 */
conflicts: Array<Conflict>, 
/**
 * Conflicts were looked for up to here (at most a year ahead).
 */
conflicts_checked_until: string, 
/**
 * Plain-language notes (clock changes, a start moved to fit the rule).
 */
notes: Array<string>, 
/**
 * Exceptions that no longer matched a session after a split and were removed.
 */
dropped_exceptions: number, };

export type OccurrenceChange = { 
/**
 * The occurrence as it is now.
 */
occurrence: Occurrence, 
/**
 * Sessions it now overlaps. The user may keep them.
 */
conflicts: Array<Conflict>, 
/**
 * Plain-language notes.
 */
notes: Array<string>, };

export type SessionTime = { 
/**
 * Local start.
 */
start: string, 
/**
 * Local end.
 */
end: string, };

export type CancelInput = { 
/**
 * Who called it off.
 */
by: CancelledBy, 
/**
 * Why (optional, kept sealed).
 */
reason: string, 
/**
 * The agreement's notice period in hours; `None` = [`DEFAULT_NOTICE_HOURS`].
 */
notice_hours: number | null, };

export type Reminder = { 
/**
 * Which session.
 */
key: OccurrenceKey, 
/**
 * Who it is with (the adapter shows a name only if the user opted in).
 */
person_id: string, 
/**
 * Kind of session.
 */
kind: SessionKind, 
/**
 * When the session starts.
 */
start: string, 
/**
 * Local start in the series' time zone.
 */
local_start: string, 
/**
 * When the reminder was due.
 */
fire_at: string, 
/**
 * Lead time in minutes.
 */
minutes_before: number, };

export type ReminderInstant = { 
/**
 * When to show it.
 */
fire_at: string, 
/**
 * When the session starts.
 */
starts_at: string, 
/**
 * The session's wall-clock start in its own time zone (what the
 * notification says).
 */
local_start: string, 
/**
 * Lead time in minutes.
 */
minutes_before: number, 
/**
 * Kind of session (for the generic title, "Supervision").
 */
kind: SessionKind, };

export type SchedulablePerson = { 
/**
 * Their record id.
 */
person_id: string, 
/**
 * Their name.
 */
name: string, 
/**
 * Person or group.
 */
person_kind: PersonKind, 
/**
 * How the vault owner relates to them.
 */
relation: Relation, 
/**
 * The session kinds they can have, the usual one first.
 */
session_kinds: Array<SessionKind>, };

export type ScheduleDefaults = { 
/**
 * Length of a session, in minutes.
 */
duration_minutes: number, 
/**
 * The repeat rule the agreement's frequency gives (no end), or `None`
 * when there is no agreement in force.
 */
recurrence: Recurrence | null, 
/**
 * Cancellation notice, in hours (for late cancellations).
 */
notice_hours: number, 
/**
 * The version of the agreement these come from, if any.
 */
agreement_version: number | null, 
/**
 * Plain-language note for the form, when the agreement set them.
 */
note: string | null, };

export type PreviewOccurrence = { 
/**
 * Start.
 */
start: string, 
/**
 * End.
 */
end: string, 
/**
 * Local start (as written by the rule; see `note` in a clock change).
 */
local_start: string, 
/**
 * Local end.
 */
local_end: string, 
/**
 * Set when the local time fell in a clock change.
 */
note: string | null, };

export type SeriesPreview = { 
/**
 * The first session's local start after aligning it to the rule.
 */
first_local_start: string, 
/**
 * The rule in words.
 */
description: string, 
/**
 * Sessions in the range.
 */
occurrences: Array<PreviewOccurrence>, 
/**
 * More sessions fell in the range than one query returns.
 */
truncated: boolean, 
/**
 * Plain-language notes.
 */
notes: Array<string>, };

export type PhasedCadence = { 
/**
 * Number of weekly sessions at the start.
 */
weekly_weeks: number, 
/**
 * Fortnightly sessions until this many months after the first session.
 */
fortnightly_until_months: number, };

export type SavedExport = { 
/**
 * The JSON file's full path.
 */
json_path: string, 
/**
 * The PDF file's full path (beside it, same name).
 */
pdf_path: string, };

export type ErasurePreview = { 
/**
 * Person id.
 */
person_id: string, 
/**
 * Their name: the confirmation must repeat it exactly.
 */
name: string, 
/**
 * Person or group.
 */
kind: PersonKind, 
/**
 * Agreement versions.
 */
agreements: number, 
/**
 * Session series (one-off sessions and repeating ones).
 */
session_series: number, 
/**
 * Session records.
 */
session_records: number, 
/**
 * Contact notes.
 */
contact_notes: number, 
/**
 * Goals.
 */
goals: number, 
/**
 * Entries in the confidentiality-exception log (shredded, not deleted).
 */
exception_entries: number, 
/**
 * Invoices addressed to them (shredded, not deleted: invoice numbers
 * stay without gaps).
 */
invoices: number, 
/**
 * Items exchanged with them by packet (deleted).
 */
shared_items: number, 
/**
 * Why it cannot be erased yet (empty: it can).
 */
blockers: Array<string>, 
/**
 * What erasure cannot reach ([`CANNOT_REACH`]).
 */
cannot_reach: Array<string>, };

export type ErasureReport = { 
/**
 * The person erased.
 */
person_id: string, 
/**
 * Rows deleted.
 */
rows_deleted: number, 
/**
 * Exception-log entries left as unreadable rows (shredded).
 */
exception_entries_shredded: number, 
/**
 * Invoices left as unreadable rows (shredded), their numbers kept.
 */
invoices_shredded: number, 
/**
 * The other data keys, re-wrapped under the new master key.
 */
data_keys_rewrapped: number, 
/**
 * When the keys were rotated: backups made before still open with the
 * old recovery code.
 */
keys_rotated_at: string, 
/**
 * What erasure could not reach ([`CANNOT_REACH`]).
 */
cannot_reach: Array<string>, };

export type RecordType = "session_records" | "agreements" | "contact_notes" | "exception_log" | "goals" | "hours";

export type RetentionPeriods = { 
/**
 * Session records and their addenda.
 */
session_records: number, 
/**
 * Supervision agreements.
 */
agreements: number, 
/**
 * Contact notes.
 */
contact_notes: number, 
/**
 * The confidentiality-exception log.
 */
exception_log: number, 
/**
 * Goals, check-ins, stages and coaching.
 */
goals: number, 
/**
 * The hours log.
 */
hours: number, };

export type RetentionSettings = { 
/**
 * The periods in force.
 */
periods: RetentionPeriods, 
/**
 * Whether the user saved them (false: the defaults apply).
 */
saved: boolean, 
/**
 * [`DEFAULT_YEARS`].
 */
default_years: number, 
/**
 * [`MIN_YEARS`].
 */
min_years: number, 
/**
 * [`MAX_YEARS`].
 */
max_years: number, };

export type EndedBy = "end_date" | "archived";

export type TypeDue = { 
/**
 * The type.
 */
record_type: RecordType, 
/**
 * The first day it may be disposed of.
 */
due_on: string, };

export type DisposalDue = { 
/**
 * Person id.
 */
person_id: string, 
/**
 * Their name (shown on screen only).
 */
name: string, 
/**
 * Person or group.
 */
kind: PersonKind, 
/**
 * When the relationship ended.
 */
ended_on: string, 
/**
 * Where that date comes from.
 */
ended_by: EndedBy, 
/**
 * Types due on or before the day asked about.
 */
due: Array<TypeDue>, 
/**
 * Types still within their period (erasing now removes them too).
 */
not_yet: Array<TypeDue>, };

export type Privacy = "generic" | "initials" | "full_name";

export type ExportOptions = { 
/**
 * One person's (or group's) sessions, or everyone's.
 */
person_id: string | null, 
/**
 * What the titles say.
 */
privacy: Privacy, 
/**
 * Write each series' location.
 */
include_location: boolean, 
/**
 * Reminder lead time for series that use the default.
 */
default_reminder_minutes: number, };

export type IcsExport = { 
/**
 * The file's text (CRLF line ends, folded at 75 octets).
 */
ics: string, 
/**
 * Series exported.
 */
series: number, 
/**
 * Series that failed their integrity check and were left out.
 */
damaged: Array<string>, 
/**
 * Single sessions whose change failed its integrity check: left out of
 * their (exported) series.
 */
damaged_sessions: Array<OccurrenceKey>, };

export type ImportOptions = { 
/**
 * The user's IANA time zone: used for times without a zone and for
 * zones that cannot be recognised.
 */
home_time_zone: string, 
/**
 * Length given to events with neither an end nor a duration.
 */
default_duration_minutes: number, };

export type ImportItem = { 
/**
 * Position in the preview (pass it in [`ImportCommit::skip`] to leave it out).
 */
index: number, 
/**
 * The event's title in the file — shown in the preview only, never stored.
 */
summary: string, 
/**
 * IANA time zone the sessions will be in.
 */
time_zone: string, 
/**
 * First session's local start.
 */
start: string, 
/**
 * First session's local end.
 */
end: string, 
/**
 * First session's start.
 */
first_start: string, 
/**
 * Repeat rule, if any.
 */
recurrence: Recurrence | null, 
/**
 * The rule in words.
 */
description: string, 
/**
 * Occurrences that will be marked cancelled.
 */
cancelled: number, 
/**
 * Occurrences that will be moved.
 */
moved: number, 
/**
 * Plain-language notes about this event.
 */
notes: Array<string>, };

export type ImportSkipped = { 
/**
 * The event's title in the file (preview only).
 */
summary: string, 
/**
 * Why.
 */
reason: string, };

export type ImportPreview = { 
/**
 * Events that would be imported.
 */
items: Array<ImportItem>, 
/**
 * Events left out.
 */
skipped: Array<ImportSkipped>, 
/**
 * Notes about the whole file.
 */
notes: Array<string>, };

export type ImportCommit = { 
/**
 * Who the sessions are with.
 */
person_id: string, 
/**
 * Kind of session.
 */
kind: SessionKind, 
/**
 * The same options as the preview.
 */
options: ImportOptions, 
/**
 * Preview indexes to leave out.
 */
skip: Array<number>, };

export type ImportResult = { 
/**
 * The series created, with conflicts and notes.
 */
created: ScheduleChange, 
/**
 * Events left out (by the preview's rules).
 */
skipped: Array<ImportSkipped>, };

export type ExceptionKind = "risk_of_harm" | "harmful_practice";

export type Discussed = "yes" | "no" | "not_possible";

export type ExceptionInput = { 
/**
 * When the information was shared (not after today).
 */
date: string, 
/**
 * Which exception applied.
 */
kind: ExceptionKind, 
/**
 * The concern: the harm feared. Required.
 */
concern: string, 
/**
 * What was shared (the minimum necessary). Required.
 */
shared: string, 
/**
 * With whom: the agency or organisation. Required.
 */
recipient_organisation: string, 
/**
 * With whom: their role, e.g. "duty social worker". Required.
 */
recipient_role: string, 
/**
 * The legal or ethical basis relied on. Required.
 */
basis: string, 
/**
 * Whether it was discussed with the supervisee first.
 */
discussed: Discussed, 
/**
 * How it was discussed (required when it was), or why not.
 */
discussed_how: string, 
/**
 * The supervisee's response.
 */
response: string, 
/**
 * The solution agreed or the outcome ("ideally a mutually comfortable solution").
 */
outcome: string, };

export type ExceptionAddendum = { 
/**
 * Addendum id.
 */
id: string, 
/**
 * Its place under the entry, from 1.
 */
seq: number, 
/**
 * When it was written (its date).
 */
recorded_at: string, 
/**
 * The text; empty when damaged.
 */
text: string, 
/**
 * The stored addendum failed its integrity check.
 */
damaged: boolean, };

export type ExceptionEntry = { 
/**
 * Entry id.
 */
id: string, 
/**
 * The supervisee it is about.
 */
person_id: string, 
/**
 * When it was recorded.
 */
recorded_at: string, 
/**
 * What was recorded; `None` when the entry is damaged.
 */
fields: ExceptionInput | null, 
/**
 * The stored entry failed its integrity check and cannot be opened.
 */
damaged: boolean, 
/**
 * Corrections and additions, oldest first.
 */
addenda: Array<ExceptionAddendum>, };

export type ContactMode = "phone" | "message" | "video" | "in_person";

export type ContactInput = { 
/**
 * When it happened (not after today).
 */
date: string, 
/**
 * At what time, if recorded (wall-clock time, `HH:MM`).
 */
time: string | null, 
/**
 * How.
 */
mode: ContactMode, 
/**
 * The issue the supervisee brought. Required.
 */
issue: string, 
/**
 * The advice given.
 */
advice: string, 
/**
 * Any decision about risk.
 */
risk_decision: string, 
/**
 * What happens next, if anything.
 */
follow_up: string, };

export type ContactNote = { 
/**
 * Note id.
 */
id: string, 
/**
 * The supervisee it is about.
 */
person_id: string, 
/**
 * When it was written.
 */
created_at: string, 
/**
 * When it was last edited (equal to `created_at` when never edited).
 */
updated_at: string, 
/**
 * What was recorded; `None` when the note is damaged.
 */
fields: ContactInput | null, 
/**
 * The stored note failed its integrity check and cannot be opened.
 */
damaged: boolean, };

export type FocusType = "client_issue" | "ethical_concern" | "wellbeing" | "collegial_relationship" | "workload" | "organisational" | "learning";

export type RaisedBy = { "by": "supervisor" } | { "by": "supervisee" } | { "by": "member", "member_id": string };

export type AgendaItem = { 
/**
 * The item, in a line or two.
 */
text: string, 
/**
 * What it is about.
 */
focus: FocusType, 
/**
 * Who raised it.
 */
raised_by: RaisedBy, 
/**
 * Not reached in the session: it is carried over to the next agenda
 * for the same person or group ("unfinished items from the last
 * record"). Ignored on an agenda's own items.
 */
carry_over: boolean, };

export type FunctionCovered = { 
/**
 * Covered in this session.
 */
ticked: boolean, 
/**
 * A short note on how.
 */
note: string, };

export type Functions = { 
/**
 * Normative (managerial): standards, policy, accountability.
 */
normative: FunctionCovered, 
/**
 * Formative (educative): skills and learning.
 */
formative: FunctionCovered, 
/**
 * Restorative (supportive): the supervisee's wellbeing.
 */
restorative: FunctionCovered, };

export type CaseLink = { 
/**
 * The goal's or skill's id.
 */
id: string, 
/**
 * What it is called, as shown.
 */
label: string, };

export type CaseConsultation = { 
/**
 * Short pseudonymous code, e.g. "C-17", kept per supervisee and reused
 * across sessions. Never a name.
 */
case_reference: string, 
/**
 * Whose case it is, in a group record (a member's person id); `None`
 * in a record with one supervisee (it is theirs).
 */
supervisee_id: string | null, 
/**
 * The presenting issue.
 */
presenting_issue: string, 
/**
 * Approaches tried so far.
 */
approaches_tried: string, 
/**
 * Guidance given.
 */
guidance: string, 
/**
 * Link to a goal or a skill, if any.
 */
link: CaseLink | null, };

export type EthicalDecision = { 
/**
 * The issue.
 */
issue: string, 
/**
 * Who raised it.
 */
raised_by: RaisedBy, 
/**
 * When it was raised.
 */
raised_on: string | null, 
/**
 * The options considered.
 */
options: Array<string>, 
/**
 * The decision.
 */
decision: string, 
/**
 * Its rationale: the codes or policies relied on.
 */
rationale: string, 
/**
 * Who was consulted or notified.
 */
consulted: string, };

export type WellbeingCheck = { 
/**
 * What the supervisee reported about stress and workload.
 */
reported: string, 
/**
 * What was agreed.
 */
agreed: string, };

export type Feedback = { 
/**
 * Strengths seen.
 */
strengths: string, 
/**
 * Areas for development.
 */
development: string, 
/**
 * The supervisee's feedback on the supervision itself.
 */
on_supervision: string, };

export type ActionOwner = { "by": "supervisor" } | { "by": "supervisee" } | { "by": "member", "member_id": string };

export type ActionStatus = "open" | "done" | "dropped";

export type ActionItemInput = { 
/**
 * Empty for a new item; the core gives it an id, which the UI keeps
 * (send it back on the next save, or the item is added again).
 */
id: string, 
/**
 * What is to be done.
 */
text: string, 
/**
 * Who does it (required).
 */
owner: ActionOwner | null, 
/**
 * By when (not before the session; required to finalise).
 */
due: string | null, 
/**
 * Its status in this record.
 */
status: ActionStatus, };

export type Attendance = "present" | "apologies" | "absent";

export type MemberAttendance = { 
/**
 * The member's person id.
 */
member_id: string, 
/**
 * How they attended.
 */
attendance: Attendance, };

export type MemberNote = { 
/**
 * The member's person id.
 */
member_id: string, 
/**
 * Their addendum.
 */
text: string, };

export type RecordContent = { 
/**
 * What was brought (stage one).
 */
agenda_items: Array<AgendaItem>, 
/**
 * Exploration notes (stage two).
 */
exploration: string, 
/**
 * Decisions and how practice will change (stage three), one per entry.
 */
decisions: Array<string>, 
/**
 * Key learning.
 */
key_learning: string, 
/**
 * Functions covered.
 */
functions: Functions, 
/**
 * Case consultations.
 */
consultations: Array<CaseConsultation>, 
/**
 * Ethical decisions.
 */
ethical_decisions: Array<EthicalDecision>, 
/**
 * Wellbeing check.
 */
wellbeing: WellbeingCheck, 
/**
 * Feedback both ways.
 */
feedback: Feedback, 
/**
 * Action items.
 */
action_items: Array<ActionItemInput>, 
/**
 * Groups: attendance per member.
 */
attendance: Array<MemberAttendance>, 
/**
 * Groups: notes shared with the whole group.
 */
shared_notes: string, 
/**
 * Groups: each member's own addendum (filtered by the viewing member
 * on every read). A draft save merges them per member: a member's note
 * missing from the save is kept; one sent with empty text is removed.
 */
member_notes: Array<MemberNote>, };

export type RecordStatus = "draft" | "final";

export type Finalisation = { 
/**
 * The name the supervisor typed.
 */
signed_name: string, 
/**
 * When.
 */
finalised_at: string, 
/**
 * SHA-256 of the finalised content (canonical JSON), lower-case hex.
 */
content_hash: string, };

export type RecordAddendum = { 
/**
 * Addendum id.
 */
id: string, 
/**
 * The text.
 */
text: string, 
/**
 * Who wrote it (as typed).
 */
author: string, 
/**
 * For a group record: the member whose own addendum it is (visible
 * only in their view); `None` for an addendum to the whole record.
 */
member_id: string | null, 
/**
 * When it was added.
 */
added_at: string, };

export type HandAcknowledgement = { 
/**
 * The supervisee's name, as the supervisor typed it.
 */
name: string, 
/**
 * The date the supervisee acknowledged the record.
 */
date: string, 
/**
 * True when recorded by the supervisor by hand; false when the
 * supervisee acknowledged in their own app and sent it in a packet
 * ([`Self::packet_id`]).
 */
recorded_by_hand: boolean, 
/**
 * The label to show with it.
 */
label: string, 
/**
 * When it was recorded in this vault.
 */
recorded_at: string, 
/**
 * The packet it arrived in (its id); `None` when recorded by hand.
 */
packet_id: string | null, };

export type StatusChange = { 
/**
 * The new status.
 */
status: ActionStatus, 
/**
 * When it changed.
 */
at: string, };

export type ActionItem = { 
/**
 * Item id.
 */
id: string, 
/**
 * The record it was agreed in.
 */
record_id: string, 
/**
 * The person or group.
 */
person_id: string, 
/**
 * The date of the session it was agreed in.
 */
session_date: string, 
/**
 * What is to be done.
 */
text: string, 
/**
 * Who does it.
 */
owner: ActionOwner, 
/**
 * By when.
 */
due: string | null, 
/**
 * Where it stands now.
 */
status: ActionStatus, 
/**
 * Dated status changes after it was agreed, oldest first.
 */
history: Array<StatusChange>, };

export type SessionRecord = { 
/**
 * Record id.
 */
id: string, 
/**
 * The session it records.
 */
key: OccurrenceKey, 
/**
 * The person or group.
 */
person_id: string, 
/**
 * Kind (follows the session).
 */
kind: SessionKind, 
/**
 * The session's local date.
 */
session_date: string, 
/**
 * Draft or final.
 */
status: RecordStatus, 
/**
 * Increases with every saved draft; send it back to save again.
 */
revision: number, 
/**
 * Started.
 */
created_at: string, 
/**
 * Last saved.
 */
updated_at: string, 
/**
 * The content; in a group record only the viewing member's own note
 * is in `member_notes` (none in the group's own view).
 */
content: RecordContent, 
/**
 * The record's action items as they stand now (statuses change after
 * finalising; the content keeps them as agreed).
 */
action_items: Array<ActionItem>, 
/**
 * Set when final.
 */
finalisation: Finalisation | null, 
/**
 * Addenda the viewer may see, oldest first.
 */
addenda: Array<RecordAddendum>, 
/**
 * The supervisee's acknowledgement, recorded by hand.
 */
acknowledgement: HandAcknowledgement | null, 
/**
 * The member whose view this is (`None`: the group's own view, or a
 * record with one supervisee).
 */
viewer: string | null, };

export type RecordSummary = { 
/**
 * Record id.
 */
id: string, 
/**
 * The session.
 */
key: OccurrenceKey, 
/**
 * The person or group.
 */
person_id: string, 
/**
 * Kind.
 */
kind: SessionKind, 
/**
 * The session's date.
 */
session_date: string, 
/**
 * Draft or final.
 */
status: RecordStatus, 
/**
 * Last saved.
 */
updated_at: string, 
/**
 * The first agenda item's text (empty when none or damaged).
 */
first_item: string, 
/**
 * Agenda items in the record.
 */
agenda_items: number, 
/**
 * Its action items still open.
 */
open_actions: number, 
/**
 * Addenda to the whole record.
 */
addenda: number, 
/**
 * The record failed its integrity check.
 */
damaged: boolean, };

export type CaseEntry = { 
/**
 * The record.
 */
record_id: string, 
/**
 * The session's date.
 */
session_date: string, 
/**
 * Draft or final.
 */
status: RecordStatus, 
/**
 * The consultation.
 */
consultation: CaseConsultation, };

export type CaseHistory = { 
/**
 * The case reference.
 */
case_reference: string, 
/**
 * Its consultations, oldest first.
 */
entries: Array<CaseEntry>, };

export type RecordToWrite = { 
/**
 * The session.
 */
key: OccurrenceKey, 
/**
 * The person or group.
 */
person_id: string, 
/**
 * Kind.
 */
kind: SessionKind, 
/**
 * When it started.
 */
start: string, 
/**
 * The draft record, when one was started.
 */
draft_id: string | null, };

export type AgendaGoal = { 
/**
 * Goal id.
 */
id: string, 
/**
 * Its title.
 */
title: string, 
/**
 * When the check-in is due.
 */
date: string, };

export type AgendaContact = { 
/**
 * Contact id.
 */
id: string, 
/**
 * A one-line summary.
 */
summary: string, 
/**
 * When it happened.
 */
date: string, };

export type BroughtOrigin = "flagged" | "shared";

export type AgendaBrought = { 
/**
 * The flag's id (flagged) or the shared item's id (shared).
 */
id: string, 
/**
 * Where it comes from.
 */
origin: BroughtOrigin, 
/**
 * A short title (the entry's title, or the agenda item itself).
 */
title: string, 
/**
 * The extract or text brought (may be empty).
 */
text: string, 
/**
 * When it was flagged or shared.
 */
date: string, };

export type CarriedItem = { 
/**
 * The record it comes from.
 */
record_id: string, 
/**
 * That session's date.
 */
session_date: string, 
/**
 * The item.
 */
item: AgendaItem, };

export type Agenda = { 
/**
 * The session.
 */
key: OccurrenceKey, 
/**
 * The person or group.
 */
person_id: string, 
/**
 * Open action items of the relationship from earlier records.
 */
open_actions: Array<ActionItem>, 
/**
 * Items not reached in the last record.
 */
carried_over: Array<CarriedItem>, 
/**
 * Items added by hand (editable, in order).
 */
items: Array<AgendaItem>, 
/**
 * Goals due for check-in.
 */
goals_due: Array<AgendaGoal>, 
/**
 * Between-session contacts since the last session.
 */
contacts: Array<AgendaContact>, 
/**
 * The items added by hand have been saved.
 */
saved: boolean, 
/**
 * A record for this session exists (its agenda items came from here).
 */
record_id: string | null, 
/**
 * Items brought to supervision: flagged in this vault's own journal
 * (with one's own supervisor) or shared by the supervisee in a packet.
 */
brought: Array<AgendaBrought>, };

export type AddendumInput = { 
/**
 * The text.
 */
text: string, 
/**
 * Who writes it (as typed).
 */
author: string, 
/**
 * In a group record: the member whose own addendum this is (only they
 * see it); `None` for an addendum to the whole record.
 */
member_id: string | null, };

export type SupervisionForm = "individual" | "triadic" | "group" | "direct_observation";

export type ItemSource = { "kind": "session", 
/**
 * Which occurrence.
 */
key: OccurrenceKey, } | { "kind": "manual", 
/**
 * The manual entry's id.
 */
entry_id: string, };

export type SupervisorOfRecord = { 
/**
 * The supervisor's name. Empty for the vault's owner when the owner is
 * the supervisor (their name is in Settings, not copied here).
 */
name: string, 
/**
 * Licence or registration number.
 */
licence_number: string, 
/**
 * The licence type or credential (e.g. "LCSW", "LMFT"); some rules
 * count only hours from a supervisor with a given credential.
 */
credential: string, 
/**
 * True when the vault's owner gave it.
 */
is_owner: boolean, };

export type SupervisionItem = { 
/**
 * Stable id: `session:<series id>:<original local start>` for a
 * session, the manual entry's id otherwise.
 */
id: string, 
/**
 * The day it took place (local to the session's time zone).
 */
date: string, 
/**
 * Length in minutes.
 */
minutes: number, 
/**
 * Individual, triadic, group or direct observation.
 */
form: SupervisionForm, 
/**
 * Supervisees present for group and triadic supervision (the group's
 * members); `None` for individual and direct observation.
 */
group_size: number | null, 
/**
 * Session or manual entry.
 */
source: ItemSource, 
/**
 * Who supervised.
 */
supervisor: SupervisorOfRecord, 
/**
 * Plain-language note when something about the item is uncertain
 * (e.g. "attendance not recorded"); `None` otherwise.
 */
note: string | null, };

export type PracticeWeek = { 
/**
 * The entry's id.
 */
id: string, 
/**
 * The Monday the week starts on.
 */
week_start: string, 
/**
 * Direct (clinical) minutes: work with clients.
 */
clinical_minutes: number, 
/**
 * Of the clinical minutes, face-to-face psychotherapy or counselling.
 */
psychotherapy_minutes: number, 
/**
 * Non-clinical minutes (notes, case management, training, …).
 */
non_clinical_minutes: number, 
/**
 * The work setting (a short label, e.g. "Community clinic"); some
 * rules are per setting.
 */
setting: string, };

export type Ledger = { 
/**
 * The person the ledger is about (a people record id).
 */
person_id: string, 
/**
 * The current agreement's effective date: hours before it do not count.
 */
counts_from: string | null, 
/**
 * Supervision, by date.
 */
supervision: Array<SupervisionItem>, 
/**
 * Practice weeks, by week.
 */
practice: Array<PracticeWeek>, };

export type ManualEntryInput = { 
/**
 * The supervisee.
 */
person_id: string, 
/**
 * The day.
 */
date: string, 
/**
 * When it started (local time).
 */
start: string, 
/**
 * Length in minutes (it must end by midnight).
 */
minutes: number, 
/**
 * Individual, triadic, group or direct observation.
 */
form: SupervisionForm, 
/**
 * Supervisees present: 2 for triadic, 3 or more for a group; none otherwise.
 */
group_size: number | null, 
/**
 * Who supervised.
 */
supervisor_name: string, 
/**
 * Their licence or registration number.
 */
licence_number: string, 
/**
 * Their licence type or credential (e.g. "LCSW").
 */
credential: string, 
/**
 * A note (optional).
 */
note: string, };

export type ManualEntry = { 
/**
 * Entry id (also the ledger item's id).
 */
id: string, 
/**
 * The supervisee.
 */
person_id: string, 
/**
 * The day.
 */
date: string, 
/**
 * When it started (local time).
 */
start: string, 
/**
 * Length in minutes.
 */
minutes: number, 
/**
 * The form.
 */
form: SupervisionForm, 
/**
 * Supervisees present (group and triadic).
 */
group_size: number | null, 
/**
 * Who supervised.
 */
supervisor_name: string, 
/**
 * Their licence number.
 */
licence_number: string, 
/**
 * Their credential.
 */
credential: string, 
/**
 * The note.
 */
note: string, };

export type PracticeWeekInput = { 
/**
 * The supervisee.
 */
person_id: string, 
/**
 * The Monday the week starts on.
 */
week_start: string, 
/**
 * Direct (clinical) minutes.
 */
clinical_minutes: number, 
/**
 * Of the clinical minutes, face-to-face psychotherapy or counselling.
 */
psychotherapy_minutes: number, 
/**
 * Non-clinical minutes.
 */
non_clinical_minutes: number, 
/**
 * The work setting (a short label).
 */
setting: string, };

export type AdjustmentInput = { 
/**
 * The supervisee whose ledger it is.
 */
person_id: string, 
/**
 * The held session.
 */
key: OccurrenceKey, 
/**
 * The form to count it as (`None`: as scheduled).
 */
form: SupervisionForm | null, 
/**
 * The minutes to count (`None`: the session's length).
 */
minutes: number | null, 
/**
 * Why.
 */
reason: string, };

export type Adjustment = { 
/**
 * The session.
 */
key: OccurrenceKey, 
/**
 * The form it counts as, when overridden.
 */
form: SupervisionForm | null, 
/**
 * The minutes it counts for, when corrected.
 */
minutes: number | null, 
/**
 * Why.
 */
reason: string, 
/**
 * When it was last set.
 */
adjusted_at: string, };

export type ReviewStatus = "returned" | "approved";

export type EntryReview = { 
/**
 * The ledger item or practice week.
 */
entry_id: string, 
/**
 * Returned or approved.
 */
status: ReviewStatus, 
/**
 * The comment it was returned with (empty when never returned).
 */
comment: string, 
/**
 * When it was returned.
 */
returned_at: string | null, 
/**
 * When it was approved.
 */
approved_at: string | null, };

export type FormMinutes = { 
/**
 * The form.
 */
form: SupervisionForm, 
/**
 * Minutes.
 */
minutes: number, };

export type TheirCount = { 
/**
 * The day.
 */
date: string, 
/**
 * Minutes they counted.
 */
minutes: number, 
/**
 * Of which form.
 */
form: SupervisionForm, };

export type TheirCountInput = { 
/**
 * The supervisee.
 */
person_id: string, 
/**
 * First day the sheet covers.
 */
from: string, 
/**
 * Last day it covers.
 */
to: string, 
/**
 * Their lines.
 */
counts: Array<TheirCount>, };

export type Acceptance = { 
/**
 * Why it is accepted.
 */
note: string, 
/**
 * When.
 */
accepted_at: string, };

export type DayDifference = { 
/**
 * The day.
 */
date: string, 
/**
 * Their count, by form.
 */
theirs: Array<FormMinutes>, 
/**
 * The ledger's, by form.
 */
ours: Array<FormMinutes>, 
/**
 * Set when accepted with a note (then it counts as reconciled).
 */
accepted: Acceptance | null, };

export type Reconciliation = { 
/**
 * The supervisee.
 */
person_id: string, 
/**
 * First day.
 */
from: string, 
/**
 * Last day.
 */
to: string, 
/**
 * Days in the period their count covers (only those are compared).
 */
covered_days: number, 
/**
 * The dates that differ, oldest first.
 */
differences: Array<DayDifference>, 
/**
 * The dates that differ and are not accepted.
 */
unreconciled: Array<string>, };

export type SignOffInput = { 
/**
 * The supervisee.
 */
person_id: string, 
/**
 * First day (e.g. the 1st of the month).
 */
from: string, 
/**
 * Last day.
 */
to: string, 
/**
 * The supervisor's name, typed.
 */
signed_name: string, };

export type Reopening = { 
/**
 * Why.
 */
reason: string, 
/**
 * When.
 */
reopened_at: string, };

export type SignOffAddendum = { 
/**
 * Addendum id.
 */
id: string, 
/**
 * The correction.
 */
text: string, 
/**
 * When.
 */
added_at: string, };

export type SignOff = { 
/**
 * Sign-off id.
 */
id: string, 
/**
 * The supervisee.
 */
person_id: string, 
/**
 * First day.
 */
from: string, 
/**
 * Last day.
 */
to: string, 
/**
 * The name the supervisor typed.
 */
signed_name: string, 
/**
 * When.
 */
signed_at: string, 
/**
 * SHA-256 of the snapshot (see the module documentation), lower-case hex.
 */
content_hash: string, 
/**
 * The supervision items as signed.
 */
supervision: Array<SupervisionItem>, 
/**
 * The practice weeks as signed.
 */
practice: Array<PracticeWeek>, 
/**
 * Set when reopened (the period is then unlocked).
 */
reopened: Reopening | null, 
/**
 * Corrections added after signing, oldest first.
 */
addenda: Array<SignOffAddendum>, };

export type SignOffEvent = "signed" | "reopened" | "addendum";

export type SignOffLogEntry = { 
/**
 * The sign-off.
 */
sign_off_id: string, 
/**
 * Its period.
 */
from: string, 
/**
 * Its period.
 */
to: string, 
/**
 * What happened.
 */
event: SignOffEvent, 
/**
 * When.
 */
at: string, 
/**
 * The name, reason or correction.
 */
text: string, };

export type ChangeKind = "added" | "removed" | "changed";

export type ChangeSinceSignOff = { 
/**
 * The sign-off.
 */
sign_off_id: string, 
/**
 * The item's date.
 */
date: string, 
/**
 * The item's id.
 */
item_id: string, 
/**
 * Added, removed or changed.
 */
kind: ChangeKind, 
/**
 * As signed (`None` when added).
 */
signed: FormMinutes | null, 
/**
 * As today (`None` when removed).
 */
now: FormMinutes | null, };

export type EntryState = { 
/**
 * The item's or week's id.
 */
entry_id: string, 
/**
 * Its review, when returned or approved.
 */
review: EntryReview | null, 
/**
 * A held session's adjustment.
 */
adjustment: Adjustment | null, 
/**
 * The sign-off that locks it.
 */
locked_by: string | null, };

export type HoursBook = { 
/**
 * The ledger (signed-off periods as signed).
 */
ledger: Ledger, 
/**
 * The manual entries in full (for editing).
 */
manual: Array<ManualEntry>, 
/**
 * Per entry: review, adjustment, lock. Only entries with one of them.
 */
entries: Array<EntryState>, 
/**
 * Sign-offs, oldest period first (reopened ones included).
 */
sign_offs: Array<SignOff>, 
/**
 * The sign-off log, oldest first.
 */
log: Array<SignOffLogEntry>, 
/**
 * Differences between signed snapshots and the ledger today.
 */
changes: Array<ChangeSinceSignOff>, 
/**
 * Rows that failed their integrity check and were left out.
 */
damaged: number, };

export type InvoiceStatus = "draft" | "issued" | "void";

export type LineKind = "session" | "late_cancellation";

export type InvoiceLine = { 
/**
 * The session's date (its local date).
 */
date: string, 
/**
 * Session or late cancellation.
 */
kind: LineKind, 
/**
 * "Supervision session, 60 min", "Late cancellation"; on an
 * organisation's invoice followed by the supervisee's name.
 */
description: string, 
/**
 * The session's length in minutes.
 */
minutes: number, 
/**
 * Per session or per hour, as the agreement sets it.
 */
basis: FeeBasis, 
/**
 * The quantity in hundredths: 100 for one session (or one late
 * cancellation); for a fee per hour, the hours to two decimals (150 for
 * 90 minutes).
 */
quantity_hundredths: number, 
/**
 * The price of one unit, in minor units of the invoice's currency.
 */
unit_price_minor: number, 
/**
 * The line's amount in minor units: the unit price times the exact
 * quantity (for a fee per hour, times minutes / 60), rounded half up.
 */
amount_minor: number, 
/**
 * The session it bills (so a session is never billed twice).
 */
session: OccurrenceKey, 
/**
 * The people record the session is with (the bill-to party itself, or
 * a member of the organisation billed).
 */
person_id: string, };

export type BillTo = { 
/**
 * The people record: a supervisee, a group or an organisation.
 */
person_id: string, 
/**
 * Their name, as it was when the invoice was made.
 */
name: string, 
/**
 * Their email address, if any.
 */
email: string, };

export type InvoiceRequest = { 
/**
 * A supervisee, a group, or an organisation (then the sessions of
 * every supervisee and group that belongs to it).
 */
person_id: string, 
/**
 * First day of the period.
 */
from: string, 
/**
 * Last day of the period (not before `from`).
 */
to: string, };

export type Invoice = { 
/**
 * Id; empty for a preview.
 */
id: string, 
/**
 * The number, from 1, without gaps in this vault; `None` for a preview.
 */
number: number | null, 
/**
 * Draft (preview), issued or void.
 */
status: InvoiceStatus, 
/**
 * Who it is addressed to.
 */
bill_to: BillTo, 
/**
 * First day of the period.
 */
period_from: string, 
/**
 * Last day of the period.
 */
period_to: string, 
/**
 * When it was issued (`None` for a preview).
 */
issued_on: string | null, 
/**
 * ISO 4217 currency code of every amount.
 */
currency: string, 
/**
 * The lines, by date.
 */
lines: Array<InvoiceLine>, 
/**
 * The sum of the lines' amounts, in minor units.
 */
total_minor: number, 
/**
 * When it was paid; `None` while unpaid.
 */
paid_on: string | null, 
/**
 * When it was voided; `None` unless void.
 */
voided_on: string | null, 
/**
 * When it was stored (issued) or built (preview).
 */
created_at: string, 
/**
 * When it last changed.
 */
updated_at: string, };

export type InvoiceSummary = { 
/**
 * Id.
 */
id: string, 
/**
 * The bill-to party.
 */
person_id: string, 
/**
 * The number (`None` only when damaged).
 */
number: number | null, 
/**
 * Issued or void (issued when damaged).
 */
status: InvoiceStatus, 
/**
 * First day of the period.
 */
period_from: string | null, 
/**
 * Last day of the period.
 */
period_to: string | null, 
/**
 * When it was issued.
 */
issued_on: string | null, 
/**
 * Currency code (empty when damaged).
 */
currency: string, 
/**
 * Total in minor units (0 when damaged).
 */
total_minor: number, 
/**
 * When it was paid.
 */
paid_on: string | null, 
/**
 * The stored invoice failed its integrity check and cannot be opened.
 */
damaged: boolean, };

export type ErrorCode = "locked" | "no_vault" | "vault_exists" | "setup_not_started" | "recovery_needed" | "passcode_required" | "wrong_passcode" | "wrong_recovery_code" | "keychain_unavailable" | "integrity" | "not_found" | "invalid_input" | "read_only" | "empty" | "too_large" | "schema_too_new" | "corrupt_database" | "io" | "internal" | "packet_not_for_this_vault" | "packet_damaged" | "packet_too_new" | "unknown_sender" | "packet_already_imported" | "too_many_attempts" | "backup_not_verified" | "key_change_not_started" | "missing_font";

export type AppError = { 
/**
 * Stable code to switch on.
 */
code: ErrorCode, 
/**
 * Plain-language message, safe to show.
 */
message: string, };

/** The input limits the core enforces (crates/core/src/limits.rs). */
export const LIMITS: Limits = {
  "name_chars": 200,
  "short_chars": 200,
  "line_chars": 500,
  "email_chars": 254,
  "phone_chars": 40,
  "pronouns_chars": 40,
  "licence_number_chars": 80,
  "plan_chars": 2000,
  "notes_bytes": 102400,
  "journal_entry_bytes": 1048576,
  "journal_first_line_chars": 120,
  "journal_title_chars": 200,
  "journal_tag_chars": 60,
  "journal_tags_max": 20,
  "journal_case_ref_chars": 80,
  "journal_extract_bytes": 102400,
  "page_max": 500,
  "query_chars": 200,
  "search_results_max": 200,
  "group_members_max": 50,
  "earliest_year": 1900,
  "latest_year": 2200,
  "auto_lock_minutes": {
    "min": 1,
    "max": 240
  },
  "passcode_min_chars": 6,
  "passcode_max_bytes": 1024,
  "reminder_minutes": {
    "min": 0,
    "max": 10080
  },
  "agreement_section_bytes": 20480,
  "agreement_session_minutes": {
    "min": 15,
    "max": 480
  },
  "agreement_notice_hours": {
    "min": 0,
    "max": 336
  },
  "agreement_late_cancellation_percent": {
    "min": 0,
    "max": 100
  },
  "review_window_days_max": 3660,
  "session_minutes": {
    "min": 1,
    "max": 720
  },
  "series_count": {
    "min": 1,
    "max": 1000
  },
  "default_notice_hours": 24,
  "series_interval_weeks": {
    "min": 1,
    "max": 52
  },
  "phased_weekly_weeks": {
    "min": 1,
    "max": 52
  },
  "phased_fortnightly_months": {
    "min": 1,
    "max": 36
  },
  "trail_text_chars": 10000,
  "trail_recipient_chars": 200,
  "goal_text_chars": 4000,
  "goal_check_in_weeks": {
    "min": 1,
    "max": 52
  },
  "goal_default_check_in_weeks": 4,
  "goal_evidence_max": 20,
  "goal_skills_max": 12,
  "goal_rating": {
    "min": 1,
    "max": 5
  },
  "hours_profile_tag_chars": 12,
  "hours_profile_rules_max": 40,
  "hours_profile_summary_max": 40,
  "hours_rule_number_max": 100000,
  "wellbeing_note_chars": 4000,
  "proqol_items": 30
};
/** The journal's reflective templates (crates/core/src/journal/templates.rs). */
export const JOURNAL_TEMPLATES: Template[] = [
  {
    "id": "free_writing",
    "name": "Free writing",
    "sections": [
      {
        "key": "free.text",
        "heading": "Entry",
        "prompt": "Write freely: a session, a visit that stayed with you, what you want to bring to supervision."
      }
    ]
  },
  {
    "id": "gibbs",
    "name": "Gibbs' reflective cycle",
    "sections": [
      {
        "key": "gibbs.description",
        "heading": "Description",
        "prompt": "What happened? Who was there, where, and what did you do?"
      },
      {
        "key": "gibbs.feelings",
        "heading": "Feelings",
        "prompt": "What were you thinking and feeling at the time, and afterwards?"
      },
      {
        "key": "gibbs.evaluation",
        "heading": "Evaluation",
        "prompt": "What was good and what was difficult about the experience?"
      },
      {
        "key": "gibbs.analysis",
        "heading": "Analysis",
        "prompt": "What sense can you make of it? What helps to explain it?"
      },
      {
        "key": "gibbs.conclusion",
        "heading": "Conclusion",
        "prompt": "What else could you have done? What have you learned?"
      },
      {
        "key": "gibbs.action_plan",
        "heading": "Action plan",
        "prompt": "If it arose again, what would you do? What will you do next?"
      }
    ]
  },
  {
    "id": "driscoll",
    "name": "Driscoll's What? model",
    "sections": [
      {
        "key": "driscoll.what",
        "heading": "What?",
        "prompt": "Describe the situation: what happened, and what was your part in it?"
      },
      {
        "key": "driscoll.so_what",
        "heading": "So what?",
        "prompt": "What does it mean? What did you feel, notice and learn?"
      },
      {
        "key": "driscoll.now_what",
        "heading": "Now what?",
        "prompt": "What will you do now, and what support do you need?"
      }
    ]
  },
  {
    "id": "kolb",
    "name": "Kolb's learning cycle",
    "sections": [
      {
        "key": "kolb.concrete_experience",
        "heading": "Concrete experience",
        "prompt": "What did you do or experience?"
      },
      {
        "key": "kolb.reflective_observation",
        "heading": "Reflective observation",
        "prompt": "Looking back, what did you notice? What stood out?"
      },
      {
        "key": "kolb.abstract_conceptualisation",
        "heading": "Abstract conceptualisation",
        "prompt": "What ideas, theory or patterns make sense of it?"
      },
      {
        "key": "kolb.active_experimentation",
        "heading": "Active experimentation",
        "prompt": "What will you try next time, and how will you know it helped?"
      }
    ]
  },
  {
    "id": "critical_incident",
    "name": "Critical incident analysis",
    "sections": [
      {
        "key": "incident.what_happened",
        "heading": "What happened",
        "prompt": "Describe the incident as it unfolded, plainly and in order."
      },
      {
        "key": "incident.why_critical",
        "heading": "Why it was critical",
        "prompt": "Why does this incident matter to you or to your practice?"
      },
      {
        "key": "incident.response",
        "heading": "My response",
        "prompt": "What did you do, think and feel in the moment?"
      },
      {
        "key": "incident.learned",
        "heading": "What I learned",
        "prompt": "What does it teach you about yourself, your practice or the system?"
      },
      {
        "key": "incident.differently",
        "heading": "What I will do differently",
        "prompt": "What will you do differently, and what will you bring to supervision?"
      }
    ]
  }
];
