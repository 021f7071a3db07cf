// Generated from the command list in src-tauri/src/command_list.rs by the
// `command_list` test (cargo test --workspace --features
// tauri/custom-protocol,confidant/ts --test command_list).
// Do not edit: set UPDATE_BINDINGS=1 and run the test to regenerate.

import { call } from './ipc';
import type {
  AcknowledgementInput,
  ActionItem,
  ActionStatus,
  AddendumInput,
  AdjustmentInput,
  Agenda,
  AgendaItem,
  Agreement,
  AgreementContent,
  AgreementSummary,
  AppStatus,
  BackupInfo,
  BackupReport,
  BackupSchedule,
  BackupStatus,
  CancelInput,
  CaseHistory,
  CheckInInput,
  CheckList,
  CoachingInput,
  CoachingList,
  CoachingRecord,
  CompetencyArea,
  ContactInput,
  ContactNote,
  DisposalDue,
  Ending,
  EndingInput,
  ErasurePreview,
  ErasureReport,
  Evaluation,
  EvaluationForm,
  EvaluationInput,
  EvaluationList,
  ExceptionEntry,
  ExceptionInput,
  ExportOptions,
  FileCheck,
  FlagInput,
  FoundBackup,
  GentlePrompt,
  GoalDetail,
  GoalFields,
  GoalList,
  GoalStatus,
  GoalSummary,
  HoursBook,
  IcsExport,
  IdentityCard,
  ImportCommit,
  ImportOptions,
  ImportOutcome,
  ImportPreview,
  ImportResult,
  Invoice,
  InvoiceRequest,
  InvoiceSummary,
  JournalEntry,
  JournalFlag,
  JournalInput,
  JournalPage,
  JournalSummary,
  LeakWarning,
  ManualEntryInput,
  Occurrence,
  OccurrenceChange,
  OccurrenceKey,
  OccurrenceList,
  PacketPreview,
  PartyDetails,
  PeerKey,
  Person,
  PersonInput,
  PersonSummary,
  PhasedCadence,
  PracticeWeekInput,
  Preferences,
  Profile,
  ProfileList,
  Progress,
  ProqolDue,
  ProqolList,
  ProqolQuestions,
  ProqolResult,
  Reconciliation,
  RecordContent,
  RecordSummary,
  RecordToWrite,
  RekeyKind,
  RekeyReport,
  RekeyStarted,
  Restored,
  RetentionPeriods,
  RetentionSettings,
  ReviewDue,
  Role,
  SavedExport,
  SchedulablePerson,
  ScheduleChange,
  ScheduleDefaults,
  SearchQuery,
  SearchResults,
  SearchStatus,
  SecurityLog,
  SendCandidate,
  SendSource,
  Series,
  SeriesInput,
  SeriesList,
  SeriesPreview,
  SessionRecord,
  SessionStatus,
  SessionTime,
  Settings,
  SetupStarted,
  SharedItem,
  SignOffInput,
  Skill,
  StageHistory,
  StageInput,
  SupervisionCheck,
  SupervisionCheckInput,
  SupervisionFunction,
  TerminationSummary,
  TheirCountInput,
  TrendPeriod,
  WellbeingCheckIn,
  WellbeingCheckInInput,
  WellbeingCheckInList,
  WellbeingTrendPoint,
} from '../bindings';

export type ImportFile = { token: string, preview: ImportPreview, };

export type SentPacket = { file_name: string, items: number, bytes: number, };

export type PacketOpen = { token: string, preview: PacketPreview | null, unknown_sender: string | null, };

/**
 * The vault's status (see `state/start.rs` for the unlock at start).
 */
export function appStatus(): Promise<AppStatus> {
  return call<AppStatus>('app_status');
}

export function beginSetup(roles: Array<Role>): Promise<SetupStarted> {
  return call<SetupStarted>('begin_setup', { roles });
}

/**
 * Asks where to save the Emergency Kit and saves it there; false
 * when the person cancelled the dialog.
 */
export function saveEmergencyKit(): Promise<boolean> {
  return call<boolean>('save_emergency_kit');
}

export function confirmSetup(recoveryCode: string): Promise<AppStatus> {
  return call<AppStatus>('confirm_setup', { recoveryCode });
}

export function cancelSetup(): Promise<AppStatus> {
  return call<AppStatus>('cancel_setup');
}

/**
 * Unlocks. The whole-file check starts in the background on the
 * watcher's next tick (within 5 s), the search index when
 * Search is opened: neither competes with the first screen.
 */
export function unlock(passcode: string | null): Promise<AppStatus> {
  return call<AppStatus>('unlock', { passcode });
}

/**
 * SQLite's whole-file check of the vault, run in the background
 * once per session after the first unlock.
 */
export function vaultFileCheck(): Promise<FileCheck> {
  return call<FileCheck>('vault_file_check');
}

export function recover(recoveryCode: string): Promise<AppStatus> {
  return call<AppStatus>('recover', { recoveryCode });
}

/**
 * Starts a key change (a new recovery code, or a new master key,
 * recovery code and device key) after checking the app passcode;
 * returns the new code to show once. Nothing changes until
 * `rekey_finish`.
 */
export function rekeyBegin(kind: RekeyKind, passcode: string | null): Promise<RekeyStarted> {
  return call<RekeyStarted>('rekey_begin', { kind, passcode });
}

/**
 * Finishes the key change once the new code is typed back.
 */
export function rekeyFinish(recoveryCode: string): Promise<RekeyReport> {
  return call<RekeyReport>('rekey_finish', { recoveryCode });
}

export function rekeyCancel(): Promise<null> {
  return call<null>('rekey_cancel');
}

/**
 * Asks which backup to restore and checks it; `None` when the
 * dialog was cancelled.
 */
export function restoreChoose(): Promise<BackupInfo | null> {
  return call<BackupInfo | null>('restore_choose');
}

export function restoreConfirm(recoveryCode: string, replace: boolean): Promise<Restored> {
  return call<Restored>('restore_confirm', { recoveryCode, replace });
}

export function restoreCancel(): Promise<null> {
  return call<null>('restore_cancel');
}

export function lock(): Promise<AppStatus> {
  return call<AppStatus>('lock');
}

export function touch(): Promise<null> {
  return call<null>('touch');
}

export function getSettings(): Promise<Settings> {
  return call<Settings>('get_settings');
}

/**
 * The security log, newest first, with its hash chain checked.
 */
export function securityLog(): Promise<SecurityLog> {
  return call<SecurityLog>('security_log');
}

export function setAutoLock(minutes: number): Promise<Settings> {
  return call<Settings>('set_auto_lock', { minutes });
}

export function setPasscode(current: string | null, newPasscode: string): Promise<Settings> {
  return call<Settings>('set_passcode', { current, newPasscode });
}

export function removePasscode(current: string): Promise<Settings> {
  return call<Settings>('remove_passcode', { current });
}

export function setPreferences(preferences: Preferences): Promise<Settings> {
  return call<Settings>('set_preferences', { preferences });
}

export function setProfile(profile: PartyDetails): Promise<Settings> {
  return call<Settings>('set_profile', { profile });
}

/**
 * The index's progress. The index is built on first use, not
 * at unlock (it holds about three times the text in memory):
 * Search asks for this as it opens, which starts the build when
 * the index is missing or stale.
 */
export function searchStatus(): Promise<SearchStatus> {
  return call<SearchStatus>('search_status');
}

export function search(query: SearchQuery): Promise<SearchResults> {
  return call<SearchResults>('search', { query });
}

export function journalList(offset: number, limit: number): Promise<JournalPage> {
  return call<JournalPage>('journal_list', { offset, limit });
}

export function journalSearch(query: string): Promise<Array<JournalSummary>> {
  return call<Array<JournalSummary>>('journal_search', { query });
}

export function journalGet(id: string): Promise<JournalEntry> {
  return call<JournalEntry>('journal_get', { id });
}

export function journalCreate(input: JournalInput): Promise<JournalEntry> {
  return call<JournalEntry>('journal_create', { input });
}

export function journalUpdate(id: string, input: JournalInput): Promise<JournalEntry> {
  return call<JournalEntry>('journal_update', { id, input });
}

export function journalDelete(id: string): Promise<null> {
  return call<null>('journal_delete', { id });
}

/**
 * Every tag used in the journal, for autocomplete.
 */
export function journalTags(): Promise<Array<string>> {
  return call<Array<string>>('journal_tags');
}

export function journalFlag(input: FlagInput): Promise<JournalFlag> {
  return call<JournalFlag>('journal_flag', { input });
}

export function journalFlags(entryId: string): Promise<Array<JournalFlag>> {
  return call<Array<JournalFlag>>('journal_flags', { entryId });
}

export function journalFlagDiscussed(id: string): Promise<JournalFlag> {
  return call<JournalFlag>('journal_flag_discussed', { id });
}

export function journalUnflag(id: string): Promise<null> {
  return call<null>('journal_unflag', { id });
}

export function wellbeingCheckInCreate(input: WellbeingCheckInInput, today: string): Promise<WellbeingCheckIn> {
  return call<WellbeingCheckIn>('wellbeing_check_in_create', { input, today });
}

export function wellbeingCheckIns(): Promise<WellbeingCheckInList> {
  return call<WellbeingCheckInList>('wellbeing_check_ins');
}

export function wellbeingCheckInDelete(id: string): Promise<null> {
  return call<null>('wellbeing_check_in_delete', { id });
}

/**
 * Weekly or monthly averages of each measure, `from` to `to`.
 */
export function wellbeingTrends(from: string, to: string, period: TrendPeriod): Promise<Array<WellbeingTrendPoint>> {
  return call<Array<WellbeingTrendPoint>>('wellbeing_trends', { from, to, period });
}

/**
 * The gentle prompt when stress stayed high for two weeks.
 */
export function wellbeingPrompt(today: string): Promise<GentlePrompt | null> {
  return call<GentlePrompt | null>('wellbeing_prompt', { today });
}

/**
 * The ProQOL 5 as published (items, scale, credit, explanations).
 */
export function proqolQuestions(): Promise<ProqolQuestions> {
  return call<ProqolQuestions>('proqol_questions');
}

/**
 * Scores and saves a complete ProQOL; missing items are named.
 */
export function proqolSubmit(answers: Array<number | null>, today: string): Promise<ProqolResult> {
  return call<ProqolResult>('proqol_submit', { answers, today });
}

export function proqolResults(): Promise<ProqolList> {
  return call<ProqolList>('proqol_results');
}

export function proqolDelete(id: string): Promise<null> {
  return call<null>('proqol_delete', { id });
}

export function proqolDue(today: string): Promise<ProqolDue> {
  return call<ProqolDue>('proqol_due', { today });
}

/**
 * Warnings for text that looks like it identifies a client
 * (never an error; see crates/core/src/nameguard.rs).
 */
export function nameGuardCheck(text: string): Promise<Array<LeakWarning>> {
  return call<Array<LeakWarning>>('name_guard_check', { text });
}

export function peopleList(): Promise<Array<PersonSummary>> {
  return call<Array<PersonSummary>>('people_list');
}

export function personGet(id: string): Promise<Person> {
  return call<Person>('person_get', { id });
}

export function personCreate(input: PersonInput): Promise<Person> {
  return call<Person>('person_create', { input });
}

export function personUpdate(id: string, input: PersonInput): Promise<Person> {
  return call<Person>('person_update', { id, input });
}

export function personSetArchived(id: string, archived: boolean): Promise<null> {
  return call<null>('person_set_archived', { id, archived });
}

export function agreementStart(personId: string): Promise<Agreement> {
  return call<Agreement>('agreement_start', { personId });
}

export function agreementUpdate(id: string, content: AgreementContent): Promise<Agreement> {
  return call<Agreement>('agreement_update', { id, content });
}

export function agreementAcknowledge(id: string, input: AcknowledgementInput): Promise<Agreement> {
  return call<Agreement>('agreement_acknowledge', { id, input });
}

export function agreementRevise(id: string): Promise<Agreement> {
  return call<Agreement>('agreement_revise', { id });
}

export function agreementDiscardDraft(id: string): Promise<null> {
  return call<null>('agreement_discard_draft', { id });
}

export function agreementGet(id: string): Promise<Agreement> {
  return call<Agreement>('agreement_get', { id });
}

/**
 * The agreement in force with a person (latest acknowledged), if any.
 */
export function agreementCurrent(personId: string): Promise<Agreement | null> {
  return call<Agreement | null>('agreement_current', { personId });
}

export function agreementList(personId: string): Promise<Array<AgreementSummary>> {
  return call<Array<AgreementSummary>>('agreement_list', { personId });
}

export function agreementsDueForReview(withinDays: number): Promise<Array<ReviewDue>> {
  return call<Array<ReviewDue>>('agreements_due_for_review', { withinDays });
}

/**
 * Asks where to save a version's PDF and saves it there; false
 * when the person cancelled the dialog.
 */
export function agreementSavePdf(id: string): Promise<boolean> {
  return call<boolean>('agreement_save_pdf', { id });
}

export function exceptionsList(personId: string): Promise<Array<ExceptionEntry>> {
  return call<Array<ExceptionEntry>>('exceptions_list', { personId });
}

export function exceptionRecord(personId: string, input: ExceptionInput): Promise<ExceptionEntry> {
  return call<ExceptionEntry>('exception_record', { personId, input });
}

export function exceptionAddAddendum(entryId: string, text: string): Promise<ExceptionEntry> {
  return call<ExceptionEntry>('exception_add_addendum', { entryId, text });
}

export function contactsList(personId: string): Promise<Array<ContactNote>> {
  return call<Array<ContactNote>>('contacts_list', { personId });
}

export function contactCreate(personId: string, input: ContactInput): Promise<ContactNote> {
  return call<ContactNote>('contact_create', { personId, input });
}

export function contactUpdate(id: string, input: ContactInput): Promise<ContactNote> {
  return call<ContactNote>('contact_update', { id, input });
}

export function contactDelete(id: string): Promise<null> {
  return call<null>('contact_delete', { id });
}

/**
 * Every rule profile (the examples seeded the first time).
 */
export function hoursProfilesList(): Promise<ProfileList> {
  return call<ProfileList>('hours_profiles_list');
}

export function hoursProfileGet(id: string): Promise<Profile> {
  return call<Profile>('hours_profile_get', { id });
}

/**
 * Saves a profile: a new one of the user's own without an id, or
 * the profile with that id.
 */
export function hoursProfileSave(id: string | null, profile: Profile): Promise<Profile> {
  return call<Profile>('hours_profile_save', { id, profile });
}

export function hoursProfileDelete(id: string): Promise<null> {
  return call<null>('hours_profile_delete', { id });
}

/**
 * The profile chosen for a person, if any.
 */
export function hoursPersonProfile(personId: string): Promise<string | null> {
  return call<string | null>('hours_person_profile', { personId });
}

export function hoursSetPersonProfile(personId: string, profileId: string | null): Promise<null> {
  return call<null>('hours_set_person_profile', { personId, profileId });
}

/**
 * A person's progress against a profile (or the one chosen for
 * them) as of `today` (the user's local date).
 */
export function hoursProgress(personId: string, profileId: string | null, today: string): Promise<Progress> {
  return call<Progress>('hours_progress', { personId, profileId, today });
}

/**
 * A supervisee's goals, or (no person) the owner's own.
 */
export function goalsList(personId: string | null): Promise<GoalList> {
  return call<GoalList>('goals_list', { personId });
}

/**
 * Every goal: the owner's own and every supervisee's.
 */
export function goalsAll(): Promise<GoalList> {
  return call<GoalList>('goals_all');
}

/**
 * A goal with its timeline.
 */
export function goalGet(id: string): Promise<GoalDetail> {
  return call<GoalDetail>('goal_get', { id });
}

/**
 * Asks where to save a goal's history as PDF and saves it there;
 * false when the person cancelled the dialog.
 */
export function goalSavePdf(id: string): Promise<boolean> {
  return call<boolean>('goal_save_pdf', { id });
}

export function goalCreate(personId: string | null, fields: GoalFields): Promise<GoalDetail> {
  return call<GoalDetail>('goal_create', { personId, fields });
}

export function goalUpdate(id: string, fields: GoalFields): Promise<GoalDetail> {
  return call<GoalDetail>('goal_update', { id, fields });
}

export function goalSetStatus(id: string, status: GoalStatus, on: string, reason: string): Promise<GoalDetail> {
  return call<GoalDetail>('goal_set_status', { id, status, on, reason });
}

export function goalCheckIn(id: string, input: CheckInInput): Promise<GoalDetail> {
  return call<GoalDetail>('goal_check_in', { id, input });
}

/**
 * Active goals due for a check-in on `date`.
 */
export function goalsDue(personId: string | null, date: string): Promise<Array<GoalSummary>> {
  return call<Array<GoalSummary>>('goals_due', { personId, date });
}

/**
 * The skills list (seeded the first time it is read).
 */
export function skillsList(): Promise<Array<Skill>> {
  return call<Array<Skill>>('skills_list');
}

export function skillAdd(name: string): Promise<Skill> {
  return call<Skill>('skill_add', { name });
}

export function skillRename(id: string, name: string): Promise<Skill> {
  return call<Skill>('skill_rename', { id, name });
}

export function skillRetire(id: string): Promise<Skill> {
  return call<Skill>('skill_retire', { id });
}

export function developmentStageGet(personId: string): Promise<StageHistory> {
  return call<StageHistory>('development_stage_get', { personId });
}

export function developmentStageSet(personId: string, input: StageInput): Promise<StageHistory> {
  return call<StageHistory>('development_stage_set', { personId, input });
}

export function coachingList(personId: string): Promise<CoachingList> {
  return call<CoachingList>('coaching_list', { personId });
}

export function coachingCreate(input: CoachingInput): Promise<CoachingRecord> {
  return call<CoachingRecord>('coaching_create', { input });
}

/**
 * A supervisee's hours book: the ledger (signed-off periods as
 * signed), manual entries, entry states, sign-offs and their log.
 */
export function hoursBook(personId: string): Promise<HoursBook> {
  return call<HoursBook>('hours_book', { personId });
}

export function hoursManualCreate(input: ManualEntryInput): Promise<HoursBook> {
  return call<HoursBook>('hours_manual_create', { input });
}

export function hoursManualUpdate(id: string, input: ManualEntryInput): Promise<HoursBook> {
  return call<HoursBook>('hours_manual_update', { id, input });
}

export function hoursManualDelete(personId: string, id: string): Promise<HoursBook> {
  return call<HoursBook>('hours_manual_delete', { personId, id });
}

export function hoursPracticeCreate(input: PracticeWeekInput): Promise<HoursBook> {
  return call<HoursBook>('hours_practice_create', { input });
}

export function hoursPracticeUpdate(id: string, input: PracticeWeekInput): Promise<HoursBook> {
  return call<HoursBook>('hours_practice_update', { id, input });
}

export function hoursPracticeDelete(personId: string, id: string): Promise<HoursBook> {
  return call<HoursBook>('hours_practice_delete', { personId, id });
}

export function hoursAdjustSession(input: AdjustmentInput): Promise<HoursBook> {
  return call<HoursBook>('hours_adjust_session', { input });
}

export function hoursRemoveAdjustment(personId: string, key: OccurrenceKey): Promise<HoursBook> {
  return call<HoursBook>('hours_remove_adjustment', { personId, key });
}

export function hoursReturnEntry(personId: string, entryId: string, comment: string): Promise<HoursBook> {
  return call<HoursBook>('hours_return_entry', { personId, entryId, comment });
}

export function hoursApproveEntry(personId: string, entryId: string): Promise<HoursBook> {
  return call<HoursBook>('hours_approve_entry', { personId, entryId });
}

export function hoursEnterTheirCounts(input: TheirCountInput): Promise<HoursBook> {
  return call<HoursBook>('hours_enter_their_counts', { input });
}

/**
 * The supervisee's count against the ledger, per date and form.
 */
export function hoursReconcile(personId: string, from: string, to: string): Promise<Reconciliation> {
  return call<Reconciliation>('hours_reconcile', { personId, from, to });
}

export function hoursAcceptDifference(personId: string, date: string, note: string): Promise<HoursBook> {
  return call<HoursBook>('hours_accept_difference', { personId, date, note });
}

export function hoursSignOff(input: SignOffInput): Promise<HoursBook> {
  return call<HoursBook>('hours_sign_off', { input });
}

export function hoursReopenSignOff(personId: string, signOffId: string, reason: string): Promise<HoursBook> {
  return call<HoursBook>('hours_reopen_sign_off', { personId, signOffId, reason });
}

export function hoursAddSignOffAddendum(personId: string, signOffId: string, text: string): Promise<HoursBook> {
  return call<HoursBook>('hours_add_sign_off_addendum', { personId, signOffId, text });
}

/**
 * What a series would give in `from`..`to`; nothing is written.
 */
export function schedulePreview(input: SeriesInput, from: string, to: string): Promise<SeriesPreview> {
  return call<SeriesPreview>('schedule_preview', { input, from, to });
}

export function scheduleCreate(input: SeriesInput): Promise<ScheduleChange> {
  return call<ScheduleChange>('schedule_create', { input });
}

export function scheduleCreatePhased(input: SeriesInput, cadence: PhasedCadence): Promise<ScheduleChange> {
  return call<ScheduleChange>('schedule_create_phased', { input, cadence });
}

export function scheduleSeriesGet(id: string): Promise<Series> {
  return call<Series>('schedule_series_get', { id });
}

export function scheduleSeriesList(personId: string | null): Promise<SeriesList> {
  return call<SeriesList>('schedule_series_list', { personId });
}

export function scheduleSeriesUpdate(id: string, input: SeriesInput): Promise<ScheduleChange> {
  return call<ScheduleChange>('schedule_series_update', { id, input });
}

export function scheduleSeriesDelete(id: string): Promise<null> {
  return call<null>('schedule_series_delete', { id });
}

/**
 * Sessions from `from` to `to` (at most 400 days apart).
 */
export function scheduleOccurrences(from: string, to: string, personId: string | null): Promise<OccurrenceList> {
  return call<OccurrenceList>('schedule_occurrences', { from, to, personId });
}

export function scheduleUpcoming(count: number): Promise<Array<Occurrence>> {
  return call<Array<Occurrence>>('schedule_upcoming', { count });
}

export function scheduleMove(key: OccurrenceKey, to: SessionTime): Promise<OccurrenceChange> {
  return call<OccurrenceChange>('schedule_move', { key, to });
}

export function scheduleCancel(key: OccurrenceKey, input: CancelInput): Promise<Occurrence> {
  return call<Occurrence>('schedule_cancel', { key, input });
}

export function scheduleSetStatus(key: OccurrenceKey, status: SessionStatus): Promise<Occurrence> {
  return call<Occurrence>('schedule_set_status', { key, status });
}

export function scheduleOccurrenceReset(key: OccurrenceKey): Promise<Occurrence> {
  return call<Occurrence>('schedule_occurrence_reset', { key });
}

export function scheduleEditFollowing(key: OccurrenceKey, input: SeriesInput): Promise<ScheduleChange> {
  return call<ScheduleChange>('schedule_edit_following', { key, input });
}

/**
 * Who can have which kinds of session (from their sealed records).
 */
export function schedulePeople(): Promise<Array<SchedulablePerson>> {
  return call<Array<SchedulablePerson>>('schedule_people');
}

/**
 * Length, repeat rule and notice suggested by the agreement in
 * force with a person, for a first session on `first_date`.
 */
export function scheduleDefaults(personId: string, firstDate: string): Promise<ScheduleDefaults> {
  return call<ScheduleDefaults>('schedule_defaults', { personId, firstDate });
}

/**
 * Starts the record of a held session (or returns the one already started).
 */
export function recordStart(key: OccurrenceKey): Promise<SessionRecord> {
  return call<SessionRecord>('record_start', { key });
}

/**
 * A record as a group member sees it (`None`: the group's own view).
 */
export function recordGet(id: string, memberId: string | null): Promise<SessionRecord> {
  return call<SessionRecord>('record_get', { id, memberId });
}

/**
 * Asks where to save a final record's PDF, as a group member sees
 * it (no member: the group's own view), and saves it there; false
 * when the person cancelled the dialog. A draft is refused.
 */
export function recordSavePdf(id: string, memberId: string | null): Promise<boolean> {
  return call<boolean>('record_save_pdf', { id, memberId });
}

/**
 * Autosave: refused when `revision` is not the stored one.
 */
export function recordSaveDraft(id: string, revision: number, content: RecordContent): Promise<SessionRecord> {
  return call<SessionRecord>('record_save_draft', { id, revision, content });
}

/**
 * What a draft still needs before it can be finalised (empty when ready).
 */
export function recordMissingForFinal(id: string): Promise<Array<string>> {
  return call<Array<string>>('record_missing_for_final', { id });
}

export function recordFinalise(id: string, signedName: string): Promise<SessionRecord> {
  return call<SessionRecord>('record_finalise', { id, signedName });
}

export function recordAddAddendum(id: string, input: AddendumInput): Promise<SessionRecord> {
  return call<SessionRecord>('record_add_addendum', { id, input });
}

/**
 * The supervisee's acknowledgement, recorded by the supervisor by hand.
 */
export function recordAcknowledgeByHand(id: string, name: string, date: string): Promise<SessionRecord> {
  return call<SessionRecord>('record_acknowledge_by_hand', { id, name, date });
}

/**
 * A person's or group's records, newest first.
 */
export function recordsForPerson(personId: string): Promise<Array<RecordSummary>> {
  return call<Array<RecordSummary>>('records_for_person', { personId });
}

/**
 * The final records of the groups a person belongs to (opened in
 * their own view).
 */
export function recordsOfMemberGroups(memberId: string): Promise<Array<RecordSummary>> {
  return call<Array<RecordSummary>>('records_of_member_groups', { memberId });
}

/**
 * Held sessions of the last 90 days without a final record.
 * The competency areas (seeded the first time), scales and limits.
 */
export function evaluationForm(): Promise<EvaluationForm> {
  return call<EvaluationForm>('evaluation_form');
}

export function competencyAreaAdd(name: string, areaFunction: SupervisionFunction | null): Promise<CompetencyArea> {
  return call<CompetencyArea>('competency_area_add', { name, areaFunction });
}

export function competencyAreaRename(id: string, name: string): Promise<CompetencyArea> {
  return call<CompetencyArea>('competency_area_rename', { id, name });
}

export function competencyAreaRetire(id: string): Promise<CompetencyArea> {
  return call<CompetencyArea>('competency_area_retire', { id });
}

export function evaluationsList(personId: string): Promise<EvaluationList> {
  return call<EvaluationList>('evaluations_list', { personId });
}

/**
 * Records an evaluation; its action plan items become goals.
 */
export function evaluationCreate(personId: string, input: EvaluationInput): Promise<Evaluation> {
  return call<Evaluation>('evaluation_create', { personId, input });
}

export function supervisionChecksList(personId: string): Promise<CheckList> {
  return call<CheckList>('supervision_checks_list', { personId });
}

export function supervisionCheckCreate(personId: string, input: SupervisionCheckInput): Promise<SupervisionCheck> {
  return call<SupervisionCheck>('supervision_check_create', { personId, input });
}

/**
 * The termination summary an ending would have; writes nothing.
 */
export function endingPreview(personId: string, input: EndingInput): Promise<TerminationSummary> {
  return call<TerminationSummary>('ending_preview', { personId, input });
}

/**
 * Ends the supervision: stores the ending and archives the person.
 */
export function endingConfirm(personId: string, input: EndingInput): Promise<Ending> {
  return call<Ending>('ending_confirm', { personId, input });
}

export function endingGet(personId: string): Promise<Ending | null> {
  return call<Ending | null>('ending_get', { personId });
}

/**
 * Asks where to save the verification letter as PDF and saves it
 * there; false when the person cancelled the dialog.
 */
export function endingSaveLetter(personId: string): Promise<boolean> {
  return call<boolean>('ending_save_letter', { personId });
}

export function recordsToWrite(): Promise<Array<RecordToWrite>> {
  return call<Array<RecordToWrite>>('records_to_write');
}

/**
 * A supervisee's case references with their consultations across sessions.
 */
export function caseReferences(personId: string): Promise<Array<CaseHistory>> {
  return call<Array<CaseHistory>>('case_references', { personId });
}

export function actionItemsOpen(personId: string): Promise<Array<ActionItem>> {
  return call<Array<ActionItem>>('action_items_open', { personId });
}

export function actionItemSetStatus(id: string, status: ActionStatus): Promise<ActionItem> {
  return call<ActionItem>('action_item_set_status', { id, status });
}

export function agendaGet(key: OccurrenceKey): Promise<Agenda> {
  return call<Agenda>('agenda_get', { key });
}

/**
 * Saves the items added by hand, in this order.
 */
export function agendaSave(key: OccurrenceKey, items: Array<AgendaItem>): Promise<Agenda> {
  return call<Agenda>('agenda_save', { key, items });
}

/**
 * Asks where to save a person's hours log for a period (from and
 * to inclusive) as PDF and saves it there; the saved file's name,
 * null when the person cancelled the dialog. Not encrypted.
 */
export function hoursSavePdf(personId: string, from: string, to: string): Promise<string | null> {
  return call<string | null>('hours_save_pdf', { personId, from, to });
}

/**
 * Asks where to save a person's hours for a period as CSV and
 * saves them there; the saved file's name, null when the person
 * cancelled the dialog. Not encrypted.
 */
export function hoursSaveCsv(personId: string, from: string, to: string): Promise<string | null> {
  return call<string | null>('hours_save_csv', { personId, from, to });
}

/**
 * Asks where to save everything about a person (JSON, with the PDF
 * beside it) and saves both; null when the person cancelled.
 */
export function subjectAccessSave(personId: string): Promise<SavedExport | null> {
  return call<SavedExport | null>('subject_access_save', { personId });
}

/**
 * What erasing a person would remove, what stops it, what it cannot reach.
 */
export function erasePreview(personId: string): Promise<ErasurePreview> {
  return call<ErasurePreview>('erase_preview', { personId });
}

/**
 * Erases a person; `confirmation` is their name, typed.
 * Erases a person and rotates the keys in one transaction; needs a
 * master-key change begun with `rekey_begin` and its code typed back.
 */
export function erasePerson(personId: string, confirmation: string, recoveryCode: string): Promise<ErasureReport> {
  return call<ErasureReport>('erase_person', { personId, confirmation, recoveryCode });
}

export function retentionGet(): Promise<RetentionSettings> {
  return call<RetentionSettings>('retention_get');
}

export function retentionSet(periods: RetentionPeriods): Promise<RetentionSettings> {
  return call<RetentionSettings>('retention_set', { periods });
}

/**
 * People and groups with records due for disposal on `today`.
 */
export function retentionDue(today: string): Promise<Array<DisposalDue>> {
  return call<Array<DisposalDue>>('retention_due', { today });
}

/**
 * The invoices addressed to one party, or (no person) every invoice.
 */
export function invoicesList(personId: string | null): Promise<Array<InvoiceSummary>> {
  return call<Array<InvoiceSummary>>('invoices_list', { personId });
}

export function invoiceGet(id: string): Promise<Invoice> {
  return call<Invoice>('invoice_get', { id });
}

/**
 * The draft invoice for a party and period (not stored, no number).
 */
export function invoicePreview(request: InvoiceRequest): Promise<Invoice> {
  return call<Invoice>('invoice_preview', { request });
}

/**
 * Issues the invoice for a party and period, with the next number.
 */
export function invoiceIssue(request: InvoiceRequest): Promise<Invoice> {
  return call<Invoice>('invoice_issue', { request });
}

/**
 * Marks an invoice paid on a date, or (null) unpaid.
 */
export function invoiceSetPaid(id: string, paidOn: string | null): Promise<Invoice> {
  return call<Invoice>('invoice_set_paid', { id, paidOn });
}

/**
 * Voids an invoice: it keeps its number and is never deleted.
 */
export function invoiceVoid(id: string): Promise<Invoice> {
  return call<Invoice>('invoice_void', { id });
}

/**
 * Asks where to save an invoice as PDF and saves it there; false
 * when the person cancelled the dialog.
 */
export function invoiceSavePdf(id: string): Promise<boolean> {
  return call<boolean>('invoice_save_pdf', { id });
}

/**
 * Asks where to save the calendar and exports the sessions there;
 * null when the person cancelled the dialog.
 */
export function icsExportSave(options: ExportOptions): Promise<IcsExport | null> {
  return call<IcsExport | null>('ics_export_save', { options });
}

/**
 * Asks which .ics file to import, reads it once and previews it;
 * null when the person cancelled the dialog. The file's text stays
 * in the app (not the webview) under the returned token.
 */
export function icsImportPreview(options: ImportOptions): Promise<ImportFile | null> {
  return call<ImportFile | null>('ics_import_preview', { options });
}

/**
 * Imports the file previewed under `token`.
 */
export function icsImportCommit(token: string, commit: ImportCommit): Promise<ImportResult> {
  return call<ImportResult>('ics_import_commit', { token, commit });
}

/**
 * The backup plan, the newest backup in the folder and whether it
 * is more than a week old (or missing).
 */
export function backupStatus(): Promise<BackupStatus> {
  return call<BackupStatus>('backup_status');
}

/**
 * Asks which folder backups go to (a native dialog) and saves it;
 * null when the person cancelled the dialog.
 */
export function backupChooseFolder(): Promise<BackupStatus | null> {
  return call<BackupStatus | null>('backup_choose_folder');
}

/**
 * Sets the schedule and how many backups to keep (1–365).
 */
export function backupScheduleSet(schedule: BackupSchedule): Promise<BackupStatus> {
  return call<BackupStatus>('backup_schedule_set', { schedule });
}

/**
 * Makes a backup now to the chosen folder and verifies it.
 */
export function backupNow(): Promise<BackupReport> {
  return call<BackupReport>('backup_now');
}

/**
 * Our backups in the chosen folder made before `before` (a key
 * change's time: those still open with the old recovery code).
 */
export function backupsMadeBefore(before: string): Promise<Array<FoundBackup>> {
  return call<Array<FoundBackup>>('backups_made_before', { before });
}

/**
 * Deletes our backups in the chosen folder made before `before`.
 */
export function backupsDeleteMadeBefore(before: string): Promise<number> {
  return call<number>('backups_delete_made_before', { before });
}

/**
 * This vault's packet identity (made on first use): the card to give
 * the other party, its fingerprint and QR code.
 */
export function packetsIdentity(): Promise<IdentityCard> {
  return call<IdentityCard>('packets_identity');
}

/**
 * Stores a person's card (after comparing fingerprints).
 */
export function packetsPeerSet(personId: string, card: string): Promise<PeerKey> {
  return call<PeerKey>('packets_peer_set', { personId, card });
}

export function packetsPeer(personId: string): Promise<PeerKey | null> {
  return call<PeerKey | null>('packets_peer', { personId });
}

export function packetsPeerRemove(personId: string): Promise<null> {
  return call<null>('packets_peer_remove', { personId });
}

/**
 * What this vault can send to a person, with when each was last sent.
 */
export function packetsCandidates(personId: string): Promise<Array<SendCandidate>> {
  return call<Array<SendCandidate>>('packets_candidates', { personId });
}

/**
 * Asks where to save a packet to a person, seals it and writes it;
 * null when the person cancelled the dialog (nothing sealed).
 */
export function packetsSend(personId: string, sources: Array<SendSource>, revocations: Array<string>): Promise<SentPacket | null> {
  return call<SentPacket | null>('packets_send', { personId, sources, revocations });
}

/**
 * Asks which packet to open, reads and checks it; null when the
 * person cancelled. The bytes stay in the app under the token.
 */
export function packetsOpen(): Promise<PacketOpen | null> {
  return call<PacketOpen | null>('packets_open');
}

/**
 * Stores the opened packet's sender key on a person and previews it.
 */
export function packetsAcceptSender(token: string, personId: string): Promise<PacketPreview> {
  return call<PacketPreview>('packets_accept_sender', { token, personId });
}

/**
 * Imports the opened packet, in one transaction.
 */
export function packetsImport(token: string): Promise<ImportOutcome> {
  return call<ImportOutcome>('packets_import', { token });
}

/**
 * The items shared with or by a person, newest first.
 */
export function sharedItems(personId: string): Promise<Array<SharedItem>> {
  return call<Array<SharedItem>>('shared_items', { personId });
}
