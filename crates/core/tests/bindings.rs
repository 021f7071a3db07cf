//! Generates `ui/src/lib/bindings.ts` from the Rust types and fails when the
//! committed file has drifted. Run with `UPDATE_BINDINGS=1` to rewrite it.

use confidant_core::agreements::{
    Acknowledgement, AcknowledgementInput, Agreement, AgreementContent, AgreementStatus,
    AgreementSummary, Delivery, Fee, FeeBasis, Frequency, Party, PartyDetails, PartyRole,
    ReviewDue, SupervisionFormat,
};
use confidant_core::audit::{AuditEntry, AuditEvent, SecurityLog};
use confidant_core::backup::{
    BackupInterval, BackupPlan, BackupReport, BackupSchedule, BackupStatus, FoundBackup,
    SealedCheck, VerifyReport,
};
use confidant_core::contacts::{ContactInput, ContactMode, ContactNote};
use confidant_core::error::{AppError, ErrorCode};
use confidant_core::evaluations::{
    ActionPlanInput, ActionPlanItem, AreaRating, AreaRatingInput, CheckAnswers, CheckList,
    CheckOccasion, CheckQuestion, CheckSides, CheckTopic, CompetencyArea, Ending, EndingInput,
    EnteredBy, Evaluation, EvaluationForm, EvaluationInput, EvaluationKind, EvaluationList,
    FormHours, OutstandingAction, Referral, ReferralKind, ScaleStep, SummaryGoal, SupervisionCheck,
    SupervisionCheckInput, SupervisionFunction, TerminationSummary,
};
use confidant_core::exception_log::{
    Discussed, ExceptionAddendum, ExceptionEntry, ExceptionInput, ExceptionKind,
};
use confidant_core::file_check::{FileCheck, FileCheckState};
use confidant_core::goals::{
    CheckIn, CheckInInput, CoachingInput, CoachingList, CoachingMethod, CoachingRecord,
    DevelopmentStage, Evidence, EvidenceKind, FollowUpInput, Goal, GoalDetail, GoalFields,
    GoalList, GoalStatus, GoalSummary, GoalTerm, Skill, StageEntry, StageHistory, StageInput,
    TimelineEntry, TimelineEvent,
};
use confidant_core::hours::{
    Acceptance, Adjustment, AdjustmentInput, ChangeKind, ChangeSinceSignOff, DayDifference,
    EntryReview, EntryState, FormMinutes, HoursBook, ItemSource, Ledger, ManualEntry,
    ManualEntryInput, PracticeWeek, PracticeWeekInput, Reconciliation, Reopening, ReviewStatus,
    SignOff, SignOffAddendum, SignOffEvent, SignOffInput, SignOffLogEntry, SupervisionForm,
    SupervisionItem, SupervisorOfRecord, TheirCount, TheirCountInput,
};
use confidant_core::hours_rules::{
    ItemKind, ItemOutcome, LengthUnit, MonthTotals, Period, PracticeKind, Profile, ProfileList,
    Progress, Projection, Ratio, Rule, RuleState, RuleStatus, SummaryField, SummaryLine,
    SummarySource, Target, TotalLine,
};
use confidant_core::ics::{
    ExportOptions, IcsExport, ImportCommit, ImportItem, ImportOptions, ImportPreview, ImportResult,
    ImportSkipped, Privacy,
};
use confidant_core::invoices::{
    BillTo, Invoice, InvoiceLine, InvoiceRequest, InvoiceStatus, InvoiceSummary, LineKind,
};
use confidant_core::journal::{
    FlagInput, JournalEntry, JournalFlag, JournalInput, JournalLinks, JournalPage, JournalSummary,
    SectionText, Template, TemplateId, TemplateSection,
};
use confidant_core::limits::{Bounds, Limits, LIMITS};
use confidant_core::nameguard::{LeakKind, LeakWarning};
use confidant_core::packets::items::{
    AckTarget, CountedDay, FormTotal, ItemBody, SharedBand, SharedRating, SnapshotSection,
};
use confidant_core::packets::view::{
    Direction, IdentityCard, ImportOutcome, PacketPreview, PacketSender, PeerKey, PreviewItem,
    SendCandidate, SendSource, SharedItem,
};
use confidant_core::people::{Person, PersonInput, PersonKind, PersonSummary, Relation};
use confidant_core::records::{
    ActionItem, ActionItemInput, ActionOwner, ActionStatus, AddendumInput, Agenda, AgendaBrought,
    AgendaContact, AgendaGoal, AgendaItem, Attendance, BroughtOrigin, CarriedItem,
    CaseConsultation, CaseEntry, CaseHistory, CaseLink, EthicalDecision, Feedback, Finalisation,
    FocusType, FunctionCovered, Functions, HandAcknowledgement, MemberAttendance, MemberNote,
    RaisedBy, RecordAddendum, RecordContent, RecordStatus, RecordSummary, RecordToWrite,
    SessionRecord, StatusChange, WellbeingCheck,
};
use confidant_core::schedule::{
    CancelInput, Cancellation, CancelledBy, Conflict, Occurrence, OccurrenceChange, OccurrenceKey,
    OccurrenceList, Pattern, PhasedCadence, PreviewOccurrence, Recurrence, RecurrenceEnd, Reminder,
    ReminderInstant, ReminderSetting, SchedulablePerson, ScheduleChange, ScheduleDefaults, Series,
    SeriesInput, SeriesList, SeriesPreview, SessionKind, SessionStatus, SessionTime, Weekday,
};
use confidant_core::search::{
    Group, Hit, IndexState, SearchQuery, SearchResults, SearchSort, SearchStatus, TextPart,
};
use confidant_core::search_doc::DocKind;
use confidant_core::settings::{ClockFormat, DateOrder, Preferences, Settings};
use confidant_core::subject_access::retention::{
    DisposalDue, EndedBy, RecordType, RetentionPeriods, RetentionSettings, TypeDue,
};
use confidant_core::subject_access::{ErasurePreview, ErasureReport, SavedExport};
use confidant_core::vault::{
    AppStatus, BackupInfo, RekeyKind, RekeyReport, RekeyStarted, Restored, Role, SetupStarted,
    VaultState,
};
use confidant_core::wellbeing::{
    GentlePrompt, ProqolBand, ProqolBands, ProqolDue, ProqolItem, ProqolList, ProqolQuestions,
    ProqolResult, ProqolScores, TrendPeriod, WellbeingCheckIn, WellbeingCheckInInput,
    WellbeingCheckInList, WellbeingRatings, WellbeingTrendPoint,
};
use ts_rs::{Config, TS};

fn decl<T: TS>(cfg: &Config) -> String {
    format!("export {}\n", T::decl(cfg))
}

fn generate() -> String {
    let cfg = Config::new();
    let mut out = String::from(
        "// Generated from the Rust types in crates/core by the `bindings` test\n\
         // (cargo test -p confidant-core --features ts --test bindings).\n\
         // Do not edit: set UPDATE_BINDINGS=1 and run the test to regenerate.\n\n",
    );
    for d in [
        decl::<Role>(&cfg),
        decl::<VaultState>(&cfg),
        decl::<LeakKind>(&cfg),
        decl::<LeakWarning>(&cfg),
        decl::<AppStatus>(&cfg),
        decl::<SetupStarted>(&cfg),
        decl::<RekeyKind>(&cfg),
        decl::<FileCheckState>(&cfg),
        decl::<FileCheck>(&cfg),
        decl::<RekeyStarted>(&cfg),
        decl::<RekeyReport>(&cfg),
        decl::<BackupInfo>(&cfg),
        decl::<Restored>(&cfg),
        decl::<ClockFormat>(&cfg),
        decl::<DateOrder>(&cfg),
        decl::<Preferences>(&cfg),
        decl::<Settings>(&cfg),
        decl::<AuditEvent>(&cfg),
        decl::<AuditEntry>(&cfg),
        decl::<SecurityLog>(&cfg),
        decl::<BackupInterval>(&cfg),
        decl::<BackupSchedule>(&cfg),
        decl::<BackupPlan>(&cfg),
        decl::<FoundBackup>(&cfg),
        decl::<BackupStatus>(&cfg),
        decl::<SealedCheck>(&cfg),
        decl::<VerifyReport>(&cfg),
        decl::<BackupReport>(&cfg),
        decl::<Bounds>(&cfg),
        decl::<Limits>(&cfg),
        decl::<JournalSummary>(&cfg),
        decl::<DocKind>(&cfg),
        decl::<SearchSort>(&cfg),
        decl::<SearchQuery>(&cfg),
        decl::<TextPart>(&cfg),
        decl::<Hit>(&cfg),
        decl::<Group>(&cfg),
        decl::<IndexState>(&cfg),
        decl::<SearchStatus>(&cfg),
        decl::<SearchResults>(&cfg),
        decl::<JournalEntry>(&cfg),
        decl::<JournalPage>(&cfg),
        decl::<TemplateId>(&cfg),
        decl::<TemplateSection>(&cfg),
        decl::<Template>(&cfg),
        decl::<SectionText>(&cfg),
        decl::<JournalLinks>(&cfg),
        decl::<JournalInput>(&cfg),
        decl::<FlagInput>(&cfg),
        decl::<JournalFlag>(&cfg),
        decl::<WellbeingRatings>(&cfg),
        decl::<WellbeingCheckInInput>(&cfg),
        decl::<WellbeingCheckIn>(&cfg),
        decl::<WellbeingCheckInList>(&cfg),
        decl::<TrendPeriod>(&cfg),
        decl::<WellbeingTrendPoint>(&cfg),
        decl::<GentlePrompt>(&cfg),
        decl::<ProqolItem>(&cfg),
        decl::<ProqolQuestions>(&cfg),
        decl::<ProqolBand>(&cfg),
        decl::<ProqolScores>(&cfg),
        decl::<ProqolBands>(&cfg),
        decl::<ProqolResult>(&cfg),
        decl::<ProqolList>(&cfg),
        decl::<ProqolDue>(&cfg),
        decl::<SnapshotSection>(&cfg),
        decl::<CountedDay>(&cfg),
        decl::<SharedRating>(&cfg),
        decl::<FormTotal>(&cfg),
        decl::<AckTarget>(&cfg),
        decl::<SharedBand>(&cfg),
        decl::<ItemBody>(&cfg),
        decl::<IdentityCard>(&cfg),
        decl::<PeerKey>(&cfg),
        decl::<SendSource>(&cfg),
        decl::<SendCandidate>(&cfg),
        decl::<PacketSender>(&cfg),
        decl::<PreviewItem>(&cfg),
        decl::<PacketPreview>(&cfg),
        decl::<ImportOutcome>(&cfg),
        decl::<Direction>(&cfg),
        decl::<SharedItem>(&cfg),
        decl::<PersonKind>(&cfg),
        decl::<Relation>(&cfg),
        decl::<PersonInput>(&cfg),
        decl::<Person>(&cfg),
        decl::<PersonSummary>(&cfg),
        decl::<AgreementStatus>(&cfg),
        decl::<Frequency>(&cfg),
        decl::<SupervisionFormat>(&cfg),
        decl::<Delivery>(&cfg),
        decl::<FeeBasis>(&cfg),
        decl::<Fee>(&cfg),
        decl::<PartyRole>(&cfg),
        decl::<PartyDetails>(&cfg),
        decl::<Party>(&cfg),
        decl::<AgreementContent>(&cfg),
        decl::<AcknowledgementInput>(&cfg),
        decl::<Acknowledgement>(&cfg),
        decl::<Agreement>(&cfg),
        decl::<AgreementSummary>(&cfg),
        decl::<ReviewDue>(&cfg),
        decl::<GoalTerm>(&cfg),
        decl::<GoalStatus>(&cfg),
        decl::<GoalFields>(&cfg),
        decl::<Goal>(&cfg),
        decl::<GoalSummary>(&cfg),
        decl::<GoalList>(&cfg),
        decl::<EvidenceKind>(&cfg),
        decl::<Evidence>(&cfg),
        decl::<CheckInInput>(&cfg),
        decl::<CheckIn>(&cfg),
        decl::<TimelineEvent>(&cfg),
        decl::<TimelineEntry>(&cfg),
        decl::<GoalDetail>(&cfg),
        decl::<Skill>(&cfg),
        // Hours rule profiles (SupervisionForm is the hours ledger's type).
        decl::<PracticeKind>(&cfg),
        decl::<Period>(&cfg),
        decl::<LengthUnit>(&cfg),
        decl::<Ratio>(&cfg),
        decl::<Rule>(&cfg),
        decl::<SummarySource>(&cfg),
        decl::<SummaryField>(&cfg),
        decl::<Profile>(&cfg),
        decl::<ProfileList>(&cfg),
        decl::<ItemKind>(&cfg),
        decl::<ItemOutcome>(&cfg),
        decl::<RuleState>(&cfg),
        decl::<RuleStatus>(&cfg),
        decl::<MonthTotals>(&cfg),
        decl::<TotalLine>(&cfg),
        decl::<Target>(&cfg),
        decl::<Projection>(&cfg),
        decl::<SummaryLine>(&cfg),
        decl::<Progress>(&cfg),
        decl::<DevelopmentStage>(&cfg),
        decl::<StageInput>(&cfg),
        decl::<StageEntry>(&cfg),
        decl::<StageHistory>(&cfg),
        decl::<CoachingMethod>(&cfg),
        decl::<FollowUpInput>(&cfg),
        decl::<CoachingInput>(&cfg),
        decl::<CoachingRecord>(&cfg),
        decl::<CoachingList>(&cfg),
        decl::<EvaluationKind>(&cfg),
        decl::<SupervisionFunction>(&cfg),
        decl::<CompetencyArea>(&cfg),
        decl::<ScaleStep>(&cfg),
        decl::<CheckTopic>(&cfg),
        decl::<CheckQuestion>(&cfg),
        decl::<EvaluationForm>(&cfg),
        decl::<EnteredBy>(&cfg),
        decl::<AreaRatingInput>(&cfg),
        decl::<ActionPlanInput>(&cfg),
        decl::<CheckAnswers>(&cfg),
        decl::<CheckSides>(&cfg),
        decl::<CheckOccasion>(&cfg),
        decl::<SupervisionCheckInput>(&cfg),
        decl::<SupervisionCheck>(&cfg),
        decl::<CheckList>(&cfg),
        decl::<EvaluationInput>(&cfg),
        decl::<AreaRating>(&cfg),
        decl::<ActionPlanItem>(&cfg),
        decl::<Evaluation>(&cfg),
        decl::<EvaluationList>(&cfg),
        decl::<ReferralKind>(&cfg),
        decl::<Referral>(&cfg),
        decl::<EndingInput>(&cfg),
        decl::<FormHours>(&cfg),
        decl::<SummaryGoal>(&cfg),
        decl::<OutstandingAction>(&cfg),
        decl::<TerminationSummary>(&cfg),
        decl::<Ending>(&cfg),
        decl::<SessionKind>(&cfg),
        decl::<SessionStatus>(&cfg),
        decl::<CancelledBy>(&cfg),
        decl::<Weekday>(&cfg),
        decl::<Pattern>(&cfg),
        decl::<RecurrenceEnd>(&cfg),
        decl::<Recurrence>(&cfg),
        decl::<ReminderSetting>(&cfg),
        decl::<SeriesInput>(&cfg),
        decl::<Series>(&cfg),
        decl::<SeriesList>(&cfg),
        decl::<OccurrenceKey>(&cfg),
        decl::<Cancellation>(&cfg),
        decl::<Occurrence>(&cfg),
        decl::<OccurrenceList>(&cfg),
        decl::<Conflict>(&cfg),
        decl::<ScheduleChange>(&cfg),
        decl::<OccurrenceChange>(&cfg),
        decl::<SessionTime>(&cfg),
        decl::<CancelInput>(&cfg),
        decl::<Reminder>(&cfg),
        decl::<ReminderInstant>(&cfg),
        decl::<SchedulablePerson>(&cfg),
        decl::<ScheduleDefaults>(&cfg),
        decl::<PreviewOccurrence>(&cfg),
        decl::<SeriesPreview>(&cfg),
        decl::<PhasedCadence>(&cfg),
        decl::<SavedExport>(&cfg),
        decl::<ErasurePreview>(&cfg),
        decl::<ErasureReport>(&cfg),
        decl::<RecordType>(&cfg),
        decl::<RetentionPeriods>(&cfg),
        decl::<RetentionSettings>(&cfg),
        decl::<EndedBy>(&cfg),
        decl::<TypeDue>(&cfg),
        decl::<DisposalDue>(&cfg),
        decl::<Privacy>(&cfg),
        decl::<ExportOptions>(&cfg),
        decl::<IcsExport>(&cfg),
        decl::<ImportOptions>(&cfg),
        decl::<ImportItem>(&cfg),
        decl::<ImportSkipped>(&cfg),
        decl::<ImportPreview>(&cfg),
        decl::<ImportCommit>(&cfg),
        decl::<ImportResult>(&cfg),
        decl::<ExceptionKind>(&cfg),
        decl::<Discussed>(&cfg),
        decl::<ExceptionInput>(&cfg),
        decl::<ExceptionAddendum>(&cfg),
        decl::<ExceptionEntry>(&cfg),
        decl::<ContactMode>(&cfg),
        decl::<ContactInput>(&cfg),
        decl::<ContactNote>(&cfg),
        decl::<FocusType>(&cfg),
        decl::<RaisedBy>(&cfg),
        decl::<AgendaItem>(&cfg),
        decl::<FunctionCovered>(&cfg),
        decl::<Functions>(&cfg),
        decl::<CaseLink>(&cfg),
        decl::<CaseConsultation>(&cfg),
        decl::<EthicalDecision>(&cfg),
        decl::<WellbeingCheck>(&cfg),
        decl::<Feedback>(&cfg),
        decl::<ActionOwner>(&cfg),
        decl::<ActionStatus>(&cfg),
        decl::<ActionItemInput>(&cfg),
        decl::<Attendance>(&cfg),
        decl::<MemberAttendance>(&cfg),
        decl::<MemberNote>(&cfg),
        decl::<RecordContent>(&cfg),
        decl::<RecordStatus>(&cfg),
        decl::<Finalisation>(&cfg),
        decl::<RecordAddendum>(&cfg),
        decl::<HandAcknowledgement>(&cfg),
        decl::<StatusChange>(&cfg),
        decl::<ActionItem>(&cfg),
        decl::<SessionRecord>(&cfg),
        decl::<RecordSummary>(&cfg),
        decl::<CaseEntry>(&cfg),
        decl::<CaseHistory>(&cfg),
        decl::<RecordToWrite>(&cfg),
        decl::<AgendaGoal>(&cfg),
        decl::<AgendaContact>(&cfg),
        decl::<BroughtOrigin>(&cfg),
        decl::<AgendaBrought>(&cfg),
        decl::<CarriedItem>(&cfg),
        decl::<Agenda>(&cfg),
        decl::<AddendumInput>(&cfg),
        decl::<SupervisionForm>(&cfg),
        decl::<ItemSource>(&cfg),
        decl::<SupervisorOfRecord>(&cfg),
        decl::<SupervisionItem>(&cfg),
        decl::<PracticeWeek>(&cfg),
        decl::<Ledger>(&cfg),
        decl::<ManualEntryInput>(&cfg),
        decl::<ManualEntry>(&cfg),
        decl::<PracticeWeekInput>(&cfg),
        decl::<AdjustmentInput>(&cfg),
        decl::<Adjustment>(&cfg),
        decl::<ReviewStatus>(&cfg),
        decl::<EntryReview>(&cfg),
        decl::<FormMinutes>(&cfg),
        decl::<TheirCount>(&cfg),
        decl::<TheirCountInput>(&cfg),
        decl::<Acceptance>(&cfg),
        decl::<DayDifference>(&cfg),
        decl::<Reconciliation>(&cfg),
        decl::<SignOffInput>(&cfg),
        decl::<Reopening>(&cfg),
        decl::<SignOffAddendum>(&cfg),
        decl::<SignOff>(&cfg),
        decl::<SignOffEvent>(&cfg),
        decl::<SignOffLogEntry>(&cfg),
        decl::<ChangeKind>(&cfg),
        decl::<ChangeSinceSignOff>(&cfg),
        decl::<EntryState>(&cfg),
        decl::<HoursBook>(&cfg),
        decl::<InvoiceStatus>(&cfg),
        decl::<LineKind>(&cfg),
        decl::<InvoiceLine>(&cfg),
        decl::<BillTo>(&cfg),
        decl::<InvoiceRequest>(&cfg),
        decl::<Invoice>(&cfg),
        decl::<InvoiceSummary>(&cfg),
        decl::<ErrorCode>(&cfg),
        decl::<AppError>(&cfg),
    ] {
        out.push_str(&d);
        out.push('\n');
    }
    // The limits' values, so the UI never carries copies of the numbers.
    let limits = serde_json::to_string_pretty(&LIMITS).expect("limits as JSON");
    out.push_str(&format!(
        "/** The input limits the core enforces (crates/core/src/limits.rs). */\nexport const LIMITS: Limits = {limits};\n"
    ));
    // The reflective templates, so the UI never carries copies of them.
    let templates = serde_json::to_string_pretty(&confidant_core::journal::templates())
        .expect("templates as JSON");
    out.push_str(&format!(
        "/** The journal's reflective templates (crates/core/src/journal/templates.rs). */\nexport const JOURNAL_TEMPLATES: Template[] = {templates};\n"
    ));
    out
}

#[test]
fn typescript_bindings_are_up_to_date() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings.ts");
    let fresh = generate();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).expect("write bindings");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/lib/bindings.ts is out of date with the Rust types.\n\
         Run: UPDATE_BINDINGS=1 cargo test -p confidant-core --features ts --test bindings\n\
         --- expected ---\n{fresh}"
    );
}
