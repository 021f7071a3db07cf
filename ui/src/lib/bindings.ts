// Generated from the Rust types in crates/core by the `bindings` test
// (cargo test -p confidant-core --features ts --test bindings).
// Do not edit: set UPDATE_BINDINGS=1 and run the test to regenerate.

export type Role = "supervisor" | "supervisee";

export type VaultState = "no_vault" | "locked" | "unlocked" | "recovery_needed" | "damaged";

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
has_passcode: boolean, };

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
 * The first non-blank line, trimmed and shortened; empty when damaged.
 */
first_line: string, 
/**
 * The stored entry failed its integrity check and cannot be opened.
 */
damaged: boolean, };

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
 * The text.
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
recorded_at: string, };

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

export type ErrorCode = "locked" | "no_vault" | "vault_exists" | "setup_not_started" | "recovery_needed" | "passcode_required" | "wrong_passcode" | "wrong_recovery_code" | "keychain_unavailable" | "integrity" | "not_found" | "invalid_input" | "read_only" | "empty" | "too_large" | "schema_too_new" | "corrupt_database" | "io" | "internal";

export type AppError = { 
/**
 * Stable code to switch on.
 */
code: ErrorCode, 
/**
 * Plain-language message, safe to show.
 */
message: string, };

