// The one list of Confidant's commands: name, what the handler receives from
// Tauri (`[state]`, `[app, state]`), typed arguments, return type and body.
//
// Everything else is derived from it, so nothing can drift:
// - `commands.rs` defines each `#[tauri::command]` function from it;
// - `lib.rs` registers them (`tauri::generate_handler!`);
// - `build.rs` (which `include!`s this file) generates one `allow-<name>`
//   permission per command;
// - the `command_list` test checks that capabilities/main.json grants exactly
//   those permissions and that each has its permission file, and (with the
//   `ts` feature) generates ui/src/lib/api/commands.gen.ts, the typed
//   TypeScript wrappers.
//
// Each body is one call into the core. The webview never sends a path: the
// commands that read or write a file open the dialog from Rust (dialogs.rs).
//
// The list is long, so it is in two files: this one holds the first half and
// hands it to `command_list_more!` (command_list_more.rs), which appends the
// second half and calls the callback on the whole. Both files hold nothing
// but their macro, so that build.rs and the tests can include them.

macro_rules! command_list {
    ($callback:ident) => {
        command_list_more! { $callback;
            // Vault and setup
            /// The vault's status (see `state/start.rs` for the unlock at start).
            app_status[state]() -> AppStatus { state.status() }
            begin_setup[state](roles: Vec<Role>) -> SetupStarted {
                state.with(|v| v.begin_setup(&roles))
            }
            /// Asks where to save the Emergency Kit and saves it there; false
            /// when the person cancelled the dialog.
            save_emergency_kit[app, state]() -> bool {
                dialogs::save_emergency_kit(app, &state).await
            }
            confirm_setup[state](recovery_code: String) -> AppStatus {
                state.with(|v| v.confirm_setup(&recovery_code, Utc::now()).map(|()| v.status()))
            }
            cancel_setup[state]() -> AppStatus {
                state.with(|v| { v.cancel_setup(); Ok(v.status()) })
            }
            /// Unlocks. The whole-file check starts in the background on the
            /// watcher's next tick (within 5 s), the search index when
            /// Search is opened: neither competes with the first screen.
            unlock[state](passcode: Option<String>) -> AppStatus {
                state.unlock(passcode.as_deref())
            }
            /// SQLite's whole-file check of the vault, run in the background
            /// once per session after the first unlock.
            vault_file_check[state]() -> FileCheck { Ok(state.file_check()) }
            recover[state](recovery_code: String) -> AppStatus {
                state.with(|v| v.recover(&recovery_code, Utc::now()).map(|()| v.status()))
                    .inspect(|_| state.check_file())
            }
            /// Starts a key change (a new recovery code, or a new master key,
            /// recovery code and device key) after checking the app passcode;
            /// returns the new code to show once. Nothing changes until
            /// `rekey_finish`.
            rekey_begin[state](kind: RekeyKind, passcode: Option<String>) -> RekeyStarted {
                state.with(|v| v.begin_rekey(kind, passcode.as_deref(), Utc::now()))
            }
            /// Finishes the key change once the new code is typed back.
            rekey_finish[state](recovery_code: String) -> RekeyReport {
                state.with(|v| v.finish_rekey(&recovery_code, Utc::now()))
            }
            rekey_cancel[state]() -> () { state.with(|v| { v.cancel_rekey(); Ok(()) }) }
            /// Asks which backup to restore and checks it; `None` when the
            /// dialog was cancelled.
            restore_choose[app, state]() -> Option<BackupInfo> {
                dialogs_restore::restore_choose(app, &state).await
            }
            restore_confirm[state](recovery_code: String, replace: bool) -> Restored {
                state.restore_confirm(&recovery_code, replace).inspect(|_| state.recheck_file())
            }
            restore_cancel[state]() -> () { state.forget_restore(); Ok(()) }
            lock[state]() -> AppStatus { state.with(|v| { v.lock(); Ok(v.status()) }) }
            touch[state]() -> () { state.with(|_| Ok(())) }

            // Settings
            get_settings[state]() -> Settings { state.with_settings(|v| VaultSettings::of(v).get()) }
            /// The security log, newest first, with its hash chain checked.
            security_log[state]() -> SecurityLog { state.with(|v| Audit::of(v).list()) }
            set_auto_lock[state](minutes: u32) -> Settings {
                state.with_settings(|v| VaultSettings::of(v).set_auto_lock(minutes, Utc::now()))
            }
            set_passcode[state](current: Option<String>, new_passcode: String) -> Settings {
                state.with_settings(|v| {
                    v.set_passcode(current.as_deref(), &new_passcode, Utc::now())?;
                    VaultSettings::of(v).get()
                })
            }
            remove_passcode[state](current: String) -> Settings {
                state.with_settings(|v| {
                    v.remove_passcode(&current, Utc::now())?;
                    VaultSettings::of(v).get()
                })
            }
            set_preferences[state](preferences: Preferences) -> Settings {
                state.with_settings(|v| VaultSettings::of(v).set_preferences(&preferences, Utc::now()))
            }
            set_profile[state](profile: PartyDetails) -> Settings {
                state.with_settings(|v| VaultSettings::of(v).set_profile(&profile, Utc::now()))
            }

            // Search
            /// The index's progress. The index is built on first use, not
            /// at unlock (it holds about three times the text in memory):
            /// Search asks for this as it opens, which starts the build when
            /// the index is missing or stale.
            search_status[state]() -> SearchStatus {
                state.refresh_search();
                Ok(state.search_status())
            }
            search[state](query: SearchQuery) -> SearchResults { state.search(&query) }

            // Journal
            journal_list[state](offset: u32, limit: u32) -> JournalPage {
                state.with(|v| Journal::of(v).list(offset, limit))
            }
            journal_search[state](query: String) -> Vec<JournalSummary> {
                state.with(|v| Journal::of(v).search(&query))
            }
            journal_get[state](id: String) -> JournalEntry { state.with(|v| Journal::of(v).get(&id)) }
            journal_create[state](input: JournalInput) -> JournalEntry {
                state.with(|v| Journal::of(v).create_entry(&input, Utc::now()))
            }
            journal_update[state](id: String, input: JournalInput) -> JournalEntry {
                state.with(|v| Journal::of(v).update_entry(&id, &input, Utc::now()))
            }
            journal_delete[state](id: String) -> () { state.with(|v| Journal::of(v).delete(&id)) }
            /// Every tag used in the journal, for autocomplete.
            journal_tags[state]() -> Vec<String> { state.with(|v| Journal::of(v).tags()) }
            journal_flag[state](input: FlagInput) -> JournalFlag {
                state.with(|v| Journal::of(v).flag(&input, Utc::now()))
            }
            journal_flags[state](entry_id: String) -> Vec<JournalFlag> {
                state.with(|v| Journal::of(v).flags_of(&entry_id))
            }
            journal_flag_discussed[state](id: String) -> JournalFlag {
                state.with(|v| Journal::of(v).flag_discussed(&id, Utc::now()))
            }
            journal_unflag[state](id: String) -> () { state.with(|v| Journal::of(v).unflag(&id)) }

            // Wellbeing (the owner's own; `today` is the user's local date)
            wellbeing_check_in_create[state](input: WellbeingCheckInInput, today: NaiveDate) -> WellbeingCheckIn {
                state.with(|v| Wellbeing::of(v).create_check_in(&input, today, Utc::now()))
            }
            wellbeing_check_ins[state]() -> WellbeingCheckInList {
                state.with(|v| Wellbeing::of(v).list_check_ins())
            }
            wellbeing_check_in_delete[state](id: String) -> () {
                state.with(|v| Wellbeing::of(v).delete_check_in(&id))
            }
            /// Weekly or monthly averages of each measure, `from` to `to`.
            wellbeing_trends[state](from: NaiveDate, to: NaiveDate, period: TrendPeriod) -> Vec<WellbeingTrendPoint> {
                state.with(|v| Wellbeing::of(v).trends(from, to, period))
            }
            /// The gentle prompt when stress stayed high for two weeks.
            wellbeing_prompt[state](today: NaiveDate) -> Option<GentlePrompt> {
                state.with(|v| Wellbeing::of(v).prompt(today))
            }
            /// The ProQOL 5 as published (items, scale, credit, explanations).
            proqol_questions[]() -> ProqolQuestions { Ok::<_, AppError>(wellbeing::proqol_questions()) }
            /// Scores and saves a complete ProQOL; missing items are named.
            proqol_submit[state](answers: Vec<Option<u8>>, today: NaiveDate) -> ProqolResult {
                state.with(|v| Wellbeing::of(v).submit_proqol(&answers, today, Utc::now()))
            }
            proqol_results[state]() -> ProqolList { state.with(|v| Wellbeing::of(v).list_proqol()) }
            proqol_delete[state](id: String) -> () { state.with(|v| Wellbeing::of(v).delete_proqol(&id)) }
            proqol_due[state](today: NaiveDate) -> ProqolDue {
                state.with(|v| Wellbeing::of(v).proqol_due(today))
            }

            // People
            /// Warnings for text that looks like it identifies a client
            /// (never an error; see crates/core/src/nameguard.rs).
            name_guard_check[](text: String) -> Vec<LeakWarning> {
                Ok::<_, AppError>(confidant_core::nameguard::check(&text, Utc::now().date_naive()))
            }
            people_list[state]() -> Vec<PersonSummary> { state.with(|v| People::of(v).list()) }
            person_get[state](id: String) -> Person { state.with(|v| People::of(v).get(&id)) }
            person_create[state](input: PersonInput) -> Person {
                state.with(|v| People::of(v).create(&input, Utc::now()))
            }
            person_update[state](id: String, input: PersonInput) -> Person {
                state.with(|v| People::of(v).update(&id, &input, Utc::now()))
            }
            person_set_archived[state](id: String, archived: bool) -> () {
                state.with(|v| People::of(v).set_archived(&id, archived, Utc::now()))
            }

            // Agreements
            agreement_start[state](person_id: String) -> Agreement {
                state.with(|v| Agreements::of(v).start(&person_id, Utc::now()))
            }
            agreement_update[state](id: String, content: AgreementContent) -> Agreement {
                state.with(|v| Agreements::of(v).update(&id, &content, Utc::now()))
            }
            agreement_acknowledge[state](id: String, input: AcknowledgementInput) -> Agreement {
                state.with(|v| Agreements::of(v).acknowledge(&id, &input, Utc::now()))
            }
            agreement_revise[state](id: String) -> Agreement {
                state.with(|v| Agreements::of(v).revise(&id, Utc::now()))
            }
            agreement_discard_draft[state](id: String) -> () {
                state.with(|v| Agreements::of(v).discard_draft(&id))
            }
            agreement_get[state](id: String) -> Agreement { state.with(|v| Agreements::of(v).get(&id)) }
            /// The agreement in force with a person (latest acknowledged), if any.
            agreement_current[state](person_id: String) -> Option<Agreement> {
                state.with(|v| Agreements::of(v).current(&person_id))
            }
            agreement_list[state](person_id: String) -> Vec<AgreementSummary> {
                state.with(|v| Agreements::of(v).list(&person_id))
            }
            agreements_due_for_review[state](within_days: u32) -> Vec<ReviewDue> {
                state.with(|v| Agreements::of(v).due_for_review(Utc::now(), within_days))
            }
            /// Asks where to save a version's PDF and saves it there; false
            /// when the person cancelled the dialog.
            agreement_save_pdf[app, state](id: String) -> bool {
                dialogs::agreement_save_pdf(app, &state, id).await
            }

            // Paper trail: the confidentiality-exception log (no command
            // changes or deletes an entry: corrections are addenda) and
            // between-session contact notes.
            exceptions_list[state](person_id: String) -> Vec<ExceptionEntry> {
                state.with(|v| ExceptionLog::of(v).list(&person_id))
            }
            exception_record[state](person_id: String, input: ExceptionInput) -> ExceptionEntry {
                state.with(|v| ExceptionLog::of(v).record(&person_id, &input, Utc::now()))
            }
            exception_add_addendum[state](entry_id: String, text: String) -> ExceptionEntry {
                state.with(|v| ExceptionLog::of(v).add_addendum(&entry_id, &text, Utc::now()))
            }
            contacts_list[state](person_id: String) -> Vec<ContactNote> {
                state.with(|v| Contacts::of(v).list(&person_id))
            }
            contact_create[state](person_id: String, input: ContactInput) -> ContactNote {
                state.with(|v| Contacts::of(v).create(&person_id, &input, Utc::now()))
            }
            contact_update[state](id: String, input: ContactInput) -> ContactNote {
                state.with(|v| Contacts::of(v).update(&id, &input, Utc::now()))
            }
            contact_delete[state](id: String) -> () { state.with(|v| Contacts::of(v).delete(&id)) }
            // Hours rule profiles and progress
            /// Every rule profile (the examples seeded the first time).
            hours_profiles_list[state]() -> ProfileList { state.with(|v| HoursRules::of(v).list(Utc::now())) }
            hours_profile_get[state](id: String) -> Profile { state.with(|v| HoursRules::of(v).get(&id, Utc::now())) }
            /// Saves a profile: a new one of the user's own without an id, or
            /// the profile with that id.
            hours_profile_save[state](id: Option<String>, profile: Profile) -> Profile {
                state.with(|v| match id { Some(id) => HoursRules::of(v).update(&id, &profile, Utc::now()), None => HoursRules::of(v).create(&profile, Utc::now()) })
            }
            hours_profile_delete[state](id: String) -> () { state.with(|v| HoursRules::of(v).delete(&id, Utc::now())) }
            /// The profile chosen for a person, if any.
            hours_person_profile[state](person_id: String) -> Option<String> {
                state.with(|v| HoursRules::of(v).person_profile(&person_id))
            }
            hours_set_person_profile[state](person_id: String, profile_id: Option<String>) -> () {
                state.with(|v| HoursRules::of(v).set_person_profile(&person_id, profile_id.as_deref(), Utc::now()))
            }
            /// A person's progress against a profile (or the one chosen for
            /// them) as of `today` (the user's local date).
            hours_progress[state](person_id: String, profile_id: Option<String>, today: NaiveDate) -> Progress {
                state.with(|v| HoursRules::of(v).progress(&person_id, profile_id.as_deref(), today, Utc::now()))
            }
            // Goals, skills, development stages and coaching
            /// A supervisee's goals, or (no person) the owner's own.
            goals_list[state](person_id: Option<String>) -> GoalList {
                state.with(|v| Goals::of(v).list(person_id.as_deref()))
            }
            /// Every goal: the owner's own and every supervisee's.
            goals_all[state]() -> GoalList { state.with(|v| Goals::of(v).list_all()) }
            /// A goal with its timeline.
            goal_get[state](id: String) -> GoalDetail { state.with(|v| Goals::of(v).get(&id)) }
            /// Asks where to save a goal's history as PDF and saves it there;
            /// false when the person cancelled the dialog.
            goal_save_pdf[app, state](id: String) -> bool {
                dialogs::goal_save_pdf(app, &state, id).await
            }
            goal_create[state](person_id: Option<String>, fields: GoalFields) -> GoalDetail {
                state.with(|v| Goals::of(v).create(person_id.as_deref(), &fields, Utc::now()))
            }
            goal_update[state](id: String, fields: GoalFields) -> GoalDetail {
                state.with(|v| Goals::of(v).update(&id, &fields, Utc::now()))
            }
            goal_set_status[state](id: String, status: GoalStatus, on: NaiveDate, reason: String) -> GoalDetail {
                state.with(|v| Goals::of(v).set_status(&id, status, on, &reason, Utc::now()))
            }
            goal_check_in[state](id: String, input: CheckInInput) -> GoalDetail {
                state.with(|v| Goals::of(v).check_in(&id, &input, Utc::now()))
            }
            /// Active goals due for a check-in on `date`.
            goals_due[state](person_id: Option<String>, date: NaiveDate) -> Vec<GoalSummary> {
                state.with(|v| Goals::of(v).due_for_check_in(person_id.as_deref(), date))
            }
            /// The skills list (seeded the first time it is read).
            skills_list[state]() -> Vec<Skill> { state.with(|v| Goals::of(v).skills_list(Utc::now())) }
            skill_add[state](name: String) -> Skill {
                state.with(|v| Goals::of(v).skill_add(&name, Utc::now()))
            }
            skill_rename[state](id: String, name: String) -> Skill {
                state.with(|v| Goals::of(v).skill_rename(&id, &name, Utc::now()))
            }
            skill_retire[state](id: String) -> Skill {
                state.with(|v| Goals::of(v).skill_retire(&id, Utc::now()))
            }
            development_stage_get[state](person_id: String) -> StageHistory {
                state.with(|v| Goals::of(v).stage(&person_id))
            }
            development_stage_set[state](person_id: String, input: StageInput) -> StageHistory {
                state.with(|v| Goals::of(v).set_stage(&person_id, &input, Utc::now()))
            }
            coaching_list[state](person_id: String) -> CoachingList {
                state.with(|v| Goals::of(v).coaching_list(&person_id))
            }
            coaching_create[state](input: CoachingInput) -> CoachingRecord {
                state.with(|v| Goals::of(v).coaching_create(&input, Utc::now()))
            }
        }
    };
}
