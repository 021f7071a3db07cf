// The second half of the command list (see command_list.rs, which holds the
// first half and explains the list). `command_list!` calls this macro with
// the callback and the first half's entries; it calls the callback on all.

macro_rules! command_list_more {
    ($callback:ident; $($first:tt)*) => {
        $callback! {
            $($first)*
            // Hours (ledger, manual entries, practice weeks, review, reconcile, sign-off)
            /// A supervisee's hours book: the ledger (signed-off periods as
            /// signed), manual entries, entry states, sign-offs and their log.
            hours_book[state](person_id: String) -> HoursBook {
                state.with(|v| Hours::of(v).book(&person_id, Utc::now()))
            }
            hours_manual_create[state](input: ManualEntryInput) -> HoursBook {
                state.with(|v| Hours::of(v).manual_create(&input, Utc::now()))
            }
            hours_manual_update[state](id: String, input: ManualEntryInput) -> HoursBook {
                state.with(|v| Hours::of(v).manual_update(&id, &input, Utc::now()))
            }
            hours_manual_delete[state](person_id: String, id: String) -> HoursBook {
                state.with(|v| Hours::of(v).manual_delete(&person_id, &id, Utc::now()))
            }
            hours_practice_create[state](input: PracticeWeekInput) -> HoursBook {
                state.with(|v| Hours::of(v).practice_create(&input, Utc::now()))
            }
            hours_practice_update[state](id: String, input: PracticeWeekInput) -> HoursBook {
                state.with(|v| Hours::of(v).practice_update(&id, &input, Utc::now()))
            }
            hours_practice_delete[state](person_id: String, id: String) -> HoursBook {
                state.with(|v| Hours::of(v).practice_delete(&person_id, &id, Utc::now()))
            }
            hours_adjust_session[state](input: AdjustmentInput) -> HoursBook {
                state.with(|v| Hours::of(v).adjust_session(&input, Utc::now()))
            }
            hours_remove_adjustment[state](person_id: String, key: OccurrenceKey) -> HoursBook {
                state.with(|v| Hours::of(v).remove_adjustment(&person_id, &key, Utc::now()))
            }
            hours_return_entry[state](person_id: String, entry_id: String, comment: String) -> HoursBook {
                state.with(|v| Hours::of(v).return_entry(&person_id, &entry_id, &comment, Utc::now()))
            }
            hours_approve_entry[state](person_id: String, entry_id: String) -> HoursBook {
                state.with(|v| Hours::of(v).approve_entry(&person_id, &entry_id, Utc::now()))
            }
            hours_enter_their_counts[state](input: TheirCountInput) -> HoursBook {
                state.with(|v| Hours::of(v).enter_their_counts(&input, Utc::now()))
            }
            /// The supervisee's count against the ledger, per date and form.
            hours_reconcile[state](person_id: String, from: NaiveDate, to: NaiveDate) -> Reconciliation {
                state.with(|v| Hours::of(v).reconcile(&person_id, from, to, Utc::now()))
            }
            hours_accept_difference[state](person_id: String, date: NaiveDate, note: String) -> HoursBook {
                state.with(|v| Hours::of(v).accept_difference(&person_id, date, &note, Utc::now()))
            }
            hours_sign_off[state](input: SignOffInput) -> HoursBook {
                state.with(|v| Hours::of(v).sign_off(&input, Utc::now()))
            }
            hours_reopen_sign_off[state](person_id: String, sign_off_id: String, reason: String) -> HoursBook {
                state.with(|v| Hours::of(v).reopen_sign_off(&person_id, &sign_off_id, &reason, Utc::now()))
            }
            hours_add_sign_off_addendum[state](person_id: String, sign_off_id: String, text: String) -> HoursBook {
                state.with(|v| Hours::of(v).add_sign_off_addendum(&person_id, &sign_off_id, &text, Utc::now()))
            }

            // Schedule
            /// What a series would give in `from`..`to`; nothing is written.
            schedule_preview[](input: SeriesInput, from: DateTime<Utc>, to: DateTime<Utc>) -> SeriesPreview {
                confidant_core::schedule::preview_series(&input, from, to).map_err(AppError::from)
            }
            schedule_create[state](input: SeriesInput) -> ScheduleChange {
                state.with(|v| Schedule::of(v).create(&input, Utc::now()))
            }
            schedule_create_phased[state](input: SeriesInput, cadence: PhasedCadence) -> ScheduleChange {
                state.with(|v| Schedule::of(v).create_phased(&input, &cadence, Utc::now()))
            }
            schedule_series_get[state](id: String) -> Series {
                state.with(|v| Schedule::of(v).series_get(&id))
            }
            schedule_series_list[state](person_id: Option<String>) -> SeriesList {
                state.with(|v| Schedule::of(v).series_list(person_id.as_deref()))
            }
            schedule_series_update[state](id: String, input: SeriesInput) -> ScheduleChange {
                state.with(|v| Schedule::of(v).series_update(&id, &input, Utc::now()))
            }
            schedule_series_delete[state](id: String) -> () {
                state.with(|v| Schedule::of(v).series_delete(&id))
            }
            /// Sessions from `from` to `to` (at most 400 days apart).
            schedule_occurrences[state](from: DateTime<Utc>, to: DateTime<Utc>, person_id: Option<String>) -> OccurrenceList {
                state.with(|v| Schedule::of(v).occurrences(from, to, person_id.as_deref()))
            }
            schedule_upcoming[state](count: usize) -> Vec<Occurrence> {
                state.with(|v| Schedule::of(v).upcoming(Utc::now(), count))
            }
            schedule_move[state](key: OccurrenceKey, to: SessionTime) -> OccurrenceChange {
                state.with(|v| Schedule::of(v).move_occurrence(&key, &to, Utc::now()))
            }
            schedule_cancel[state](key: OccurrenceKey, input: CancelInput) -> Occurrence {
                state.with(|v| Schedule::of(v).cancel(&key, &input, Utc::now()))
            }
            schedule_set_status[state](key: OccurrenceKey, status: SessionStatus) -> Occurrence {
                state.with(|v| Schedule::of(v).set_status(&key, status, Utc::now()))
            }
            schedule_occurrence_reset[state](key: OccurrenceKey) -> Occurrence {
                state.with(|v| Schedule::of(v).reset_occurrence(&key, Utc::now()))
            }
            schedule_edit_following[state](key: OccurrenceKey, input: SeriesInput) -> ScheduleChange {
                state.with(|v| Schedule::of(v).edit_following(&key, &input, Utc::now()))
            }

            /// Who can have which kinds of session (from their sealed records).
            schedule_people[state]() -> Vec<SchedulablePerson> {
                state.with(|v| Schedule::of(v).people())
            }
            /// Length, repeat rule and notice suggested by the agreement in
            /// force with a person, for a first session on `first_date`.
            schedule_defaults[state](person_id: String, first_date: NaiveDate) -> ScheduleDefaults {
                state.with(|v| Schedule::of(v).defaults(&person_id, first_date))
            }

            // Session records
            /// Starts the record of a held session (or returns the one already started).
            record_start[state](key: OccurrenceKey) -> SessionRecord {
                state.with(|v| Records::of(v).start(&key, Utc::now()))
            }
            /// A record as a group member sees it (`None`: the group's own view).
            record_get[state](id: String, member_id: Option<String>) -> SessionRecord {
                state.with(|v| Records::of(v).get(&id, member_id.as_deref()))
            }
            /// Asks where to save a final record's PDF, as a group member sees
            /// it (no member: the group's own view), and saves it there; false
            /// when the person cancelled the dialog. A draft is refused.
            record_save_pdf[app, state](id: String, member_id: Option<String>) -> bool {
                dialogs::record_save_pdf(app, &state, id, member_id).await
            }
            /// Autosave: refused when `revision` is not the stored one.
            record_save_draft[state](id: String, revision: u32, content: RecordContent) -> SessionRecord {
                state.with(|v| Records::of(v).save_draft(&id, revision, &content, Utc::now()))
            }
            /// What a draft still needs before it can be finalised (empty when ready).
            record_missing_for_final[state](id: String) -> Vec<String> {
                state.with(|v| Records::of(v).missing_for_final(&id))
            }
            record_finalise[state](id: String, signed_name: String) -> SessionRecord {
                state.with(|v| Records::of(v).finalise(&id, &signed_name, Utc::now()))
            }
            record_add_addendum[state](id: String, input: AddendumInput) -> SessionRecord {
                state.with(|v| Records::of(v).add_addendum(&id, &input, Utc::now()))
            }
            /// The supervisee's acknowledgement, recorded by the supervisor by hand.
            record_acknowledge_by_hand[state](id: String, name: String, date: NaiveDate) -> SessionRecord {
                state.with(|v| Records::of(v).acknowledge_by_hand(&id, &name, date, Utc::now()))
            }
            /// A person's or group's records, newest first.
            records_for_person[state](person_id: String) -> Vec<RecordSummary> {
                state.with(|v| Records::of(v).for_person(&person_id))
            }
            /// The final records of the groups a person belongs to (opened in
            /// their own view).
            records_of_member_groups[state](member_id: String) -> Vec<RecordSummary> {
                state.with(|v| Records::of(v).group_records_of(&member_id))
            }
            /// Held sessions of the last 90 days without a final record.
            // Evaluations, supervision checks and endings
            /// The competency areas (seeded the first time), scales and limits.
            evaluation_form[state]() -> EvaluationForm {
                state.with(|v| Evaluations::of(v).form(Utc::now()))
            }
            competency_area_add[state](name: String, area_function: Option<SupervisionFunction>) -> CompetencyArea {
                state.with(|v| Evaluations::of(v).area_add(&name, area_function, Utc::now()))
            }
            competency_area_rename[state](id: String, name: String) -> CompetencyArea {
                state.with(|v| Evaluations::of(v).area_rename(&id, &name, Utc::now()))
            }
            competency_area_retire[state](id: String) -> CompetencyArea {
                state.with(|v| Evaluations::of(v).area_retire(&id, Utc::now()))
            }
            evaluations_list[state](person_id: String) -> EvaluationList {
                state.with(|v| Evaluations::of(v).list(&person_id))
            }
            /// Records an evaluation; its action plan items become goals.
            evaluation_create[state](person_id: String, input: EvaluationInput) -> Evaluation {
                state.with(|v| Evaluations::of(v).create(&person_id, &input, Utc::now()))
            }
            supervision_checks_list[state](person_id: String) -> CheckList {
                state.with(|v| Evaluations::of(v).checks(&person_id))
            }
            supervision_check_create[state](person_id: String, input: SupervisionCheckInput) -> SupervisionCheck {
                state.with(|v| Evaluations::of(v).check_create(&person_id, &input, Utc::now()))
            }
            /// The termination summary an ending would have; writes nothing.
            ending_preview[state](person_id: String, input: EndingInput) -> TerminationSummary {
                state.with(|v| Evaluations::of(v).ending_preview(&person_id, &input, Utc::now()))
            }
            /// Ends the supervision: stores the ending and archives the person.
            ending_confirm[state](person_id: String, input: EndingInput) -> Ending {
                state.with(|v| Evaluations::of(v).end(&person_id, &input, Utc::now()))
            }
            ending_get[state](person_id: String) -> Option<Ending> {
                state.with(|v| Evaluations::of(v).ending(&person_id))
            }
            /// Asks where to save the verification letter as PDF and saves it
            /// there; false when the person cancelled the dialog.
            ending_save_letter[app, state](person_id: String) -> bool {
                dialogs_evaluations::ending_save_letter(app, &state, person_id).await
            }
            records_to_write[state]() -> Vec<RecordToWrite> {
                state.with(|v| Records::of(v).to_write(Utc::now()))
            }
            /// A supervisee's case references with their consultations across sessions.
            case_references[state](person_id: String) -> Vec<CaseHistory> {
                state.with(|v| Records::of(v).case_references(&person_id))
            }
            action_items_open[state](person_id: String) -> Vec<ActionItem> {
                state.with(|v| Records::of(v).open_actions(&person_id))
            }
            action_item_set_status[state](id: String, status: ActionStatus) -> ActionItem {
                state.with(|v| Records::of(v).set_action_status(&id, status, Utc::now()))
            }
            agenda_get[state](key: OccurrenceKey) -> Agenda {
                state.with(|v| Records::of(v).agenda(&key))
            }
            /// Saves the items added by hand, in this order.
            agenda_save[state](key: OccurrenceKey, items: Vec<AgendaItem>) -> Agenda {
                state.with(|v| Records::of(v).agenda_save(&key, &items, Utc::now()))
            }

            // Hours exports
            /// Asks where to save a person's hours log for a period (from and
            /// to inclusive) as PDF and saves it there; the saved file's name,
            /// null when the person cancelled the dialog. Not encrypted.
            hours_save_pdf[app, state](person_id: String, from: NaiveDate, to: NaiveDate) -> Option<String> {
                crate::dialogs_hours::hours_save_pdf(app, &state, person_id, from, to).await
            }
            /// Asks where to save a person's hours for a period as CSV and
            /// saves them there; the saved file's name, null when the person
            /// cancelled the dialog. Not encrypted.
            hours_save_csv[app, state](person_id: String, from: NaiveDate, to: NaiveDate) -> Option<String> {
                crate::dialogs_hours::hours_save_csv(app, &state, person_id, from, to).await
            }

            // Data rights: subject-access export, erasure, retention
            /// Asks where to save everything about a person (JSON, with the PDF
            /// beside it) and saves both; null when the person cancelled.
            subject_access_save[app, state](person_id: String) -> Option<SavedExport> {
                dialogs_subject_access::subject_access_save(app, &state, person_id).await
            }
            /// What erasing a person would remove, what stops it, what it cannot reach.
            erase_preview[state](person_id: String) -> ErasurePreview {
                state.with(|v| SubjectAccess::of(v).erase_preview(&person_id))
            }
            /// Erases a person; `confirmation` is their name, typed.
            /// Erases a person and rotates the keys in one transaction; needs a
            /// master-key change begun with `rekey_begin` and its code typed back.
            erase_person[state](person_id: String, confirmation: String, recovery_code: String) -> ErasureReport {
                state.with(|v| SubjectAccess::of(v).erase(&person_id, &confirmation, &recovery_code, Utc::now()))
            }
            retention_get[state]() -> RetentionSettings {
                state.with(|v| SubjectAccess::of(v).retention())
            }
            retention_set[state](periods: RetentionPeriods) -> RetentionSettings {
                state.with(|v| SubjectAccess::of(v).set_retention(&periods, Utc::now()))
            }
            /// People and groups with records due for disposal on `today`.
            retention_due[state](today: NaiveDate) -> Vec<DisposalDue> {
                state.with(|v| SubjectAccess::of(v).due_for_disposal(today))
            }

            // Invoices
            /// The invoices addressed to one party, or (no person) every invoice.
            invoices_list[state](person_id: Option<String>) -> Vec<InvoiceSummary> {
                state.with(|v| Invoices::of(v).list(person_id.as_deref()))
            }
            invoice_get[state](id: String) -> Invoice { state.with(|v| Invoices::of(v).get(&id)) }
            /// The draft invoice for a party and period (not stored, no number).
            invoice_preview[state](request: InvoiceRequest) -> Invoice {
                state.with(|v| Invoices::of(v).preview(&request, Utc::now()))
            }
            /// Issues the invoice for a party and period, with the next number.
            invoice_issue[state](request: InvoiceRequest) -> Invoice {
                state.with(|v| Invoices::of(v).issue(&request, Utc::now()))
            }
            /// Marks an invoice paid on a date, or (null) unpaid.
            invoice_set_paid[state](id: String, paid_on: Option<NaiveDate>) -> Invoice {
                state.with(|v| Invoices::of(v).set_paid(&id, paid_on, Utc::now()))
            }
            /// Voids an invoice: it keeps its number and is never deleted.
            invoice_void[state](id: String) -> Invoice {
                state.with(|v| Invoices::of(v).void(&id, Utc::now()))
            }
            /// Asks where to save an invoice as PDF and saves it there; false
            /// when the person cancelled the dialog.
            invoice_save_pdf[app, state](id: String) -> bool {
                dialogs::invoice_save_pdf(app, &state, id).await
            }

            // Calendar files
            /// Asks where to save the calendar and exports the sessions there;
            /// null when the person cancelled the dialog.
            ics_export_save[app, state](options: ExportOptions) -> Option<IcsExport> {
                dialogs::ics_export_save(app, &state, options).await
            }
            /// Asks which .ics file to import, reads it once and previews it;
            /// null when the person cancelled the dialog. The file's text stays
            /// in the app (not the webview) under the returned token.
            ics_import_preview[app, state](options: ImportOptions) -> Option<ImportFile> {
                dialogs::ics_import_preview(app, &state, options).await
            }
            /// Imports the file previewed under `token`.
            ics_import_commit[state](token: String, commit: ImportCommit) -> ImportResult {
                state.import_commit(&token, &commit)
            }

            // Backups
            /// The backup plan, the newest backup in the folder and whether it
            /// is more than a week old (or missing).
            backup_status[state]() -> BackupStatus {
                state.with(|v| Backups::of(v).status(Utc::now()))
            }
            /// Asks which folder backups go to (a native dialog) and saves it;
            /// null when the person cancelled the dialog.
            backup_choose_folder[app, state]() -> Option<BackupStatus> {
                dialogs_backup::backup_choose_folder(app, &state).await
                    .inspect(|_| state.backup_plan_changed())
            }
            /// Sets the schedule and how many backups to keep (1–365).
            backup_schedule_set[state](schedule: BackupSchedule) -> BackupStatus {
                state.with(|v| {
                    Backups::of(v).set_schedule(&schedule, Utc::now())?;
                    Backups::of(v).status(Utc::now())
                })
                .inspect(|_| state.backup_plan_changed())
            }
            /// Makes a backup now to the chosen folder and verifies it.
            backup_now[state]() -> BackupReport {
                state.with(|v| Backups::of(v).back_up_now(Utc::now()))
            }
            /// Our backups in the chosen folder made before `before` (a key
            /// change's time: those still open with the old recovery code).
            backups_made_before[state](before: DateTime<Utc>) -> Vec<FoundBackup> {
                state.with(|v| Backups::of(v).made_before(before))
            }
            /// Deletes our backups in the chosen folder made before `before`.
            backups_delete_made_before[state](before: DateTime<Utc>) -> u32 {
                state.with(|v| Backups::of(v).delete_made_before(before))
            }

            // Packets
            /// This vault's packet identity (made on first use): the card to give
            /// the other party, its fingerprint and QR code.
            packets_identity[state]() -> IdentityCard {
                state.with(|v| Packets::of(v).identity(Utc::now()))
            }
            /// Stores a person's card (after comparing fingerprints).
            packets_peer_set[state](person_id: String, card: String) -> PeerKey {
                state.with(|v| Packets::of(v).set_peer(&person_id, &card, Utc::now()))
            }
            packets_peer[state](person_id: String) -> Option<PeerKey> {
                state.with(|v| Packets::of(v).peer(&person_id))
            }
            packets_peer_remove[state](person_id: String) -> () {
                state.with(|v| Packets::of(v).remove_peer(&person_id))
            }
            /// What this vault can send to a person, with when each was last sent.
            packets_candidates[state](person_id: String) -> Vec<SendCandidate> {
                state.with(|v| Exchange::of(v).candidates(&person_id, Utc::now()))
            }
            /// Asks where to save a packet to a person, seals it and writes it;
            /// null when the person cancelled the dialog (nothing sealed).
            packets_send[app, state](person_id: String, sources: Vec<SendSource>, revocations: Vec<String>) -> Option<SentPacket> {
                dialogs_packets::packets_send(app, &state, person_id, sources, revocations).await
            }
            /// Asks which packet to open, reads and checks it; null when the
            /// person cancelled. The bytes stay in the app under the token.
            packets_open[app, state]() -> Option<PacketOpen> {
                dialogs_packets::packets_open(app, &state).await
            }
            /// Stores the opened packet's sender key on a person and previews it.
            packets_accept_sender[state](token: String, person_id: String) -> PacketPreview {
                state.accept_packet_sender(&token, &person_id).map(|(_, preview)| preview)
            }
            /// Imports the opened packet, in one transaction.
            packets_import[state](token: String) -> ImportOutcome { state.import_packet(&token) }
            /// The items shared with or by a person, newest first.
            shared_items[state](person_id: String) -> Vec<SharedItem> {
                state.with(|v| Packets::of(v).shared_items(&person_id))
            }
        }
    };
}
