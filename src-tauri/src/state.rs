//! The one vault handle the commands share, the calendar file waiting to be
//! imported, and the watcher that locks the vault (idle, or the machine
//! slept) and shows session reminders.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use chrono::{DateTime, Utc};
use confidant_core::ics::{Calendar, ImportCommit, ImportOptions, ImportPlan, ImportResult};
use confidant_core::schedule::Schedule;
use confidant_core::settings::{ClockFormat, Settings, VaultSettings};
use confidant_core::vault::{Vault, VaultState, DEFAULT_AUTO_LOCK_MINUTES};
use confidant_core::{AppError, Error};
use tauri::{AppHandle, Emitter};
use tauri_plugin_notification::NotificationExt;

use crate::reminders::{self, ReminderBook};

mod backups;
mod file_check;
mod packets;
pub use packets::PacketOpen;
mod restore;
mod search;
mod start;

/// How often the watcher looks at the idle time, for a sleep, and for due
/// reminders.
const TICK: Duration = Duration::from_secs(5);

/// How much more wall-clock time than monotonic time may pass between two
/// watcher ticks before the watcher takes it that the process was suspended
/// (the machine slept) and locks.
const SUSPEND_GAP: Duration = Duration::from_secs(30);

/// Event sent to the UI when the vault locks without a command (idle, or
/// the machine slept); payload: `AppStatus`.
pub const LOCKED_EVENT: &str = "vault-locked";

/// A calendar file read and planned for import (outside the vault lock),
/// kept until it is imported, another file is previewed, or the vault locks.
struct PendingImport {
    token: String,
    plan: ImportPlan,
    /// The options the preview was made with; the import must use the same.
    options: ImportOptions,
}

/// What the mutex guards: the vault and the app's bookkeeping around it.
struct Shared {
    vault: Vault,
    /// When the last command ran, on the monotonic clock.
    last_activity: Instant,
    /// The auto-lock delay, cached from the last settings read; `None` when
    /// locked or not read yet.
    auto_lock: Option<Duration>,
    import: Option<PendingImport>,
    /// A packet file read for import (see `state/packets.rs`).
    packet: Option<packets::PendingPacket>,
    /// A backup chosen for a restore (see `state/restore.rs`).
    restore: Option<restore::PendingRestore>,
    /// Upcoming reminder instants (times only), kept across lock.
    reminders: ReminderBook,
    /// Show reminder times on a 12-hour clock (from the preferences).
    twelve_hour: bool,
    /// The backup plan, kept across lock (see `state/backups.rs`).
    backups: backups::BackupBook,
    /// This run's whole-file check of the vault (see `state/file_check.rs`).
    file_check: confidant_core::file_check::FileCheck,
    /// Why the silent unlock at start failed, kept for the UI's first
    /// `unlock` without a passcode (see `state/start.rs`).
    start_unlock: Option<AppError>,
}

impl Shared {
    fn unlocked(&self) -> bool {
        self.vault.state() == VaultState::Unlocked
    }

    /// Locks the vault and forgets everything tied to the unlocked session.
    fn lock(&mut self) {
        self.vault.lock();
        self.forget_session();
    }

    fn forget_session(&mut self) {
        self.auto_lock = None;
        self.import = None;
        self.packet = None;
    }

    fn cache_auto_lock(&mut self, settings: &Settings) {
        self.auto_lock = Some(minutes(settings.auto_lock_minutes));
    }

    /// After a command: forgets the session's state if the vault is locked
    /// now; once unlocked, forgets why the start's unlock failed and reads
    /// the auto-lock delay (once per unlock).
    fn after_command(&mut self) {
        if !self.unlocked() {
            self.forget_session();
            return;
        }
        self.start_unlock = None;
        if self.auto_lock.is_none() {
            if let Ok(settings) = VaultSettings::of(&mut self.vault).get() {
                self.cache_auto_lock(&settings);
            }
        }
    }
}

fn minutes(m: u32) -> Duration {
    Duration::from_secs(u64::from(m) * 60)
}

/// Whether the process was suspended between two watcher ticks: more
/// wall-clock time passed than monotonic time, by over [`SUSPEND_GAP`].
///
/// `Instant` does not advance while the machine sleeps on Linux and macOS
/// (CLOCK_MONOTONIC, CLOCK_UPTIME_RAW), but the wall clock does. On Windows
/// `Instant` counts the sleep too, so no gap shows there; the idle time then
/// includes the sleep instead. A wall clock set forward by hand or by a time
/// sync also counts as a sleep (the vault then locks once, the safe side);
/// one set back never does (`None`).
pub fn suspended(wall_elapsed: Option<Duration>, monotonic_elapsed: Duration) -> bool {
    wall_elapsed.is_some_and(|wall| wall > monotonic_elapsed.saturating_add(SUSPEND_GAP))
}

/// Whether the idle time has reached the auto-lock delay.
pub fn idle_expired(idle: Duration, auto_lock: Duration) -> bool {
    idle >= auto_lock
}

/// Shared app state: one vault behind a mutex (one user, one connection).
/// A clone is another handle on the same state.
#[derive(Clone)]
pub struct AppState {
    shared: Arc<Mutex<Shared>>,
}

impl AppState {
    pub fn new(vault: Vault) -> Self {
        AppState {
            shared: Arc::new(Mutex::new(Shared {
                vault,
                last_activity: Instant::now(),
                auto_lock: None,
                import: None,
                packet: None,
                restore: None,
                reminders: ReminderBook::default(),
                twelve_hour: false,
                backups: backups::BackupBook::default(),
                file_check: confidant_core::file_check::FileCheck::not_run(),
                start_unlock: None,
            })),
        }
    }

    fn guard(&self) -> MutexGuard<'_, Shared> {
        lock_shared(&self.shared)
    }

    /// Runs `f` on the vault, counting the call as user activity.
    pub fn with<T>(&self, f: impl FnOnce(&mut Vault) -> Result<T, Error>) -> Result<T, AppError> {
        let mut shared = self.guard();
        shared.last_activity = Instant::now();
        let result = f(&mut shared.vault);
        shared.after_command();
        result.map_err(AppError::from)
    }

    /// [`Self::with`] for a command that answers the settings: caches the
    /// auto-lock delay from them.
    pub fn with_settings(
        &self,
        f: impl FnOnce(&mut Vault) -> Result<Settings, Error>,
    ) -> Result<Settings, AppError> {
        let mut shared = self.guard();
        shared.last_activity = Instant::now();
        let result = f(&mut shared.vault);
        shared.after_command();
        if let Ok(settings) = &result {
            shared.cache_auto_lock(settings);
        }
        result.map_err(AppError::from)
    }

    /// Before a calendar file is chosen for import: fails with `Locked` when
    /// the vault is locked, and forgets any file kept from an earlier preview.
    pub fn begin_import(&self) -> Result<(), AppError> {
        let mut shared = self.guard();
        shared.import = None;
        shared.last_activity = Instant::now();
        shared.vault.ensure_unlocked().map_err(AppError::from)
    }

    /// Keeps a calendar file's import plan for [`Self::import_commit`],
    /// replacing any earlier one, and returns its token. Fails with `Locked`
    /// (keeping nothing) when the vault locked while the file was chosen and
    /// read.
    pub fn keep_import(
        &self,
        plan: ImportPlan,
        options: ImportOptions,
    ) -> Result<String, AppError> {
        let mut shared = self.guard();
        shared.import = None;
        shared.last_activity = Instant::now();
        shared.vault.ensure_unlocked().map_err(AppError::from)?;
        let token = uuid::Uuid::new_v4().simple().to_string();
        shared.import = Some(PendingImport {
            token: token.clone(),
            plan,
            options,
        });
        Ok(token)
    }

    /// Imports the calendar file kept under `token`. The file is forgotten
    /// once imported; after a refused import (a person not chosen, say) it
    /// stays for another try while the vault is unlocked.
    pub fn import_commit(
        &self,
        token: &str,
        commit: &ImportCommit,
    ) -> Result<ImportResult, AppError> {
        let mut shared = self.guard();
        shared.last_activity = Instant::now();
        let pending = match shared.import.take() {
            Some(p) if p.token == token => p,
            other => {
                shared.import = other;
                return Err(AppError::from(Error::InvalidInput(
                    "This calendar file is no longer open for import. Choose the file again."
                        .into(),
                )));
            }
        };
        if pending.options != commit.options {
            shared.import = Some(pending);
            return Err(AppError::from(Error::InvalidInput(
                "The import options differ from the preview's. Preview the file again.".into(),
            )));
        }
        // Only writing happens under the lock: the file was parsed and
        // planned when it was previewed.
        let result =
            Calendar::of(&mut shared.vault).import_commit(&pending.plan, commit, Utc::now());
        if result.is_err() {
            shared.import = Some(pending);
        }
        shared.after_command();
        result.map_err(AppError::from)
    }

    /// Locks the vault as the app exits (keys wiped, WAL checkpointed).
    pub fn lock_for_exit(&self) {
        self.guard().lock();
    }

    /// Starts the thread that locks the vault after the idle delay or when
    /// the machine slept (and tells the UI, which then removes all decrypted
    /// content from the page), and shows desktop reminders before sessions.
    /// The reminder plan is computed while the vault is unlocked and kept,
    /// times only, across lock (see [`crate::reminders`]).
    pub fn watch(&self, app: AppHandle) -> std::io::Result<()> {
        let shared = Arc::clone(&self.shared);
        let state = self.clone();
        std::thread::Builder::new()
            .name("watcher".into())
            .spawn(move || {
                let mut wall_before = SystemTime::now();
                let mut mono_before = Instant::now();
                loop {
                    std::thread::sleep(TICK);
                    let (wall_now, mono_now) = (SystemTime::now(), Instant::now());
                    let slept = suspended(
                        wall_now.duration_since(wall_before).ok(),
                        mono_now.duration_since(mono_before),
                    );
                    (wall_before, mono_before) = (wall_now, mono_now);
                    let now = Utc::now();
                    let (locked, due, twelve_hour, backup) = {
                        let mut s = lock_shared(&shared);
                        let mut locked = None;
                        if s.unlocked() && (slept || s.idle_expired(mono_now)) {
                            s.lock();
                            locked = Some(s.vault.status());
                        }
                        // Due reminders first (from the plan kept across
                        // lock), then a fresh plan while unlocked.
                        let due = s.reminders.due(now);
                        if s.unlocked() {
                            s.refresh_reminders(now);
                        }
                        let backup = s.scheduled_backup(now);
                        (locked, due, s.twelve_hour, backup)
                    };
                    // The whole-file check, once per session, on the first
                    // tick after an unlock: never beside the first screen.
                    state.check_file();
                    if let Some(Err(e)) = backup {
                        // The message names no file and nothing typed.
                        let _ = app
                            .notification()
                            .builder()
                            .title("Scheduled backup failed")
                            .body(AppError::from(e).message)
                            .show();
                    }
                    if let Some(status) = locked {
                        // The window may already be gone at shutdown.
                        let _ = app.emit(LOCKED_EVENT, status);
                    }
                    for d in due {
                        let (title, body) = d.instant.notification_in(d.late, twelve_hour);
                        if let Err(e) = app.notification().builder().title(title).body(body).show()
                        {
                            eprintln!("Confidant: could not show a session reminder: {e}");
                        }
                    }
                }
            })
            .map(|_| ())
    }
}

impl Shared {
    /// Recomputes the reminder plan from the schedule and the preferences
    /// (reminders on or off, default lead time, clock). On an error the
    /// previous plan stays.
    fn refresh_reminders(&mut self, now: DateTime<Utc>) {
        let Ok(prefs) = VaultSettings::of(&mut self.vault).preferences() else {
            return;
        };
        self.twelve_hour = prefs.clock == ClockFormat::H12;
        if !prefs.reminders_enabled {
            self.reminders.clear();
            return;
        }
        if let Ok(plan) = Schedule::of(&mut self.vault).reminder_plan(
            now,
            now + reminders::PLAN_AHEAD,
            prefs.reminder_minutes,
        ) {
            self.reminders.replace(plan);
        }
    }

    /// Whether the vault has been idle for its auto-lock delay at `now`
    /// (monotonic). Reads the delay if it is not cached; if the settings
    /// cannot be read, the default delay applies.
    fn idle_expired(&mut self, now: Instant) -> bool {
        let limit = match self.auto_lock {
            Some(limit) => limit,
            None => match VaultSettings::of(&mut self.vault).get() {
                Ok(settings) => {
                    self.cache_auto_lock(&settings);
                    minutes(settings.auto_lock_minutes)
                }
                Err(_) => minutes(DEFAULT_AUTO_LOCK_MINUTES),
            },
        };
        idle_expired(now.saturating_duration_since(self.last_activity), limit)
    }
}

fn lock_shared(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    // A panic while holding the lock must not brick the app: the vault's
    // own invariants are kept by transactions, so the data is consistent.
    shared.lock().unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
pub(super) mod tests {

    use super::*;
    use confidant_core::crypto::KdfParams;
    use confidant_core::keychain::MemoryKeychain;
    use confidant_core::people::{PersonInput, PersonKind, Relation};
    use confidant_core::schedule::SessionKind;
    use confidant_core::vault::{Role, VaultConfig};
    use confidant_core::ErrorCode;

    pub(super) fn unlocked() -> (tempfile::TempDir, AppState) {
        let dir = tempfile::tempdir().expect("test setup");
        let config = VaultConfig {
            kdf: KdfParams::INSECURE_FOR_TESTS,
        };
        let now = Utc::now();
        let mut v = Vault::open(dir.path(), Box::new(MemoryKeychain::new()), config, now)
            .expect("test setup");
        let started = v.begin_setup(&[Role::Supervisor]).expect("test setup");
        v.confirm_setup(&started.recovery_code, now)
            .expect("test setup");
        (dir, AppState::new(v))
    }

    pub(super) fn person(state: &AppState) -> String {
        let input = PersonInput {
            kind: PersonKind::Person,
            relation: Relation::ISupervise,
            name: "Sam Okafor".into(),
            pronouns: String::new(),
            email: String::new(),
            phone: String::new(),
            organisation_id: None,
            professional_role: String::new(),
            licence_number: String::new(),
            licence_body: String::new(),
            licensure_plan: String::new(),
            start_date: None,
            end_date: None,
            notes: String::new(),
            members: Vec::new(),
            facilitator_id: None,
        };
        state
            .with(|v| confidant_core::people::People::of(v).create(&input, Utc::now()))
            .expect("test setup")
            .id
    }

    const ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n\
        BEGIN:VEVENT\r\nUID:e1@example\r\nDTSTART:20260105T090000Z\r\nDURATION:PT1H\r\n\
        SUMMARY:Supervision\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    fn plan() -> ImportPlan {
        confidant_core::ics::plan_import(ICS, &ImportOptions::default()).expect("test setup")
    }

    fn commit(person_id: &str) -> ImportCommit {
        ImportCommit {
            person_id: person_id.into(),
            kind: SessionKind::Individual,
            options: ImportOptions::default(),
            skip: Vec::new(),
        }
    }

    fn lock(state: &AppState) {
        state
            .with(|v| {
                v.lock();
                Ok(())
            })
            .expect("test setup");
    }

    #[test]
    fn the_import_needs_an_unlocked_vault_before_any_file_is_chosen() {
        let (_dir, state) = unlocked();
        state.begin_import().expect("test setup");
        lock(&state);
        assert_eq!(
            state.begin_import().expect_err("an error").code,
            ErrorCode::Locked
        );
        let err = state
            .keep_import(plan(), ImportOptions::default())
            .expect_err("an error");
        assert_eq!(err.code, ErrorCode::Locked);
        assert!(state.guard().import.is_none());
    }

    #[test]
    fn the_kept_file_is_imported_once_under_its_token() {
        let (_dir, state) = unlocked();
        let sam = person(&state);
        let token = state
            .keep_import(plan(), ImportOptions::default())
            .expect("test setup");
        let wrong = state
            .import_commit("not-the-token", &commit(&sam))
            .expect_err("an error");
        assert_eq!(wrong.code, ErrorCode::InvalidInput);
        let result = state
            .import_commit(&token, &commit(&sam))
            .expect("test setup");
        assert_eq!(result.created.series.len(), 1);
        let again = state
            .import_commit(&token, &commit(&sam))
            .expect_err("an error");
        assert_eq!(again.code, ErrorCode::InvalidInput);
    }

    #[test]
    fn a_refused_import_keeps_the_file_for_another_try() {
        let (_dir, state) = unlocked();
        let sam = person(&state);
        let token = state
            .keep_import(plan(), ImportOptions::default())
            .expect("test setup");
        let nobody = state.import_commit(&token, &commit("no-such-person"));
        assert!(nobody.is_err());
        let mut other_options = commit(&sam);
        other_options.options.default_duration_minutes += 1;
        let differs = state
            .import_commit(&token, &other_options)
            .expect_err("an error");
        assert_eq!(differs.code, ErrorCode::InvalidInput);
        assert!(state.import_commit(&token, &commit(&sam)).is_ok());
    }

    #[test]
    fn a_new_preview_or_a_lock_forgets_the_kept_file() {
        let (_dir, state) = unlocked();
        let sam = person(&state);
        let first = state
            .keep_import(plan(), ImportOptions::default())
            .expect("test setup");
        state.begin_import().expect("test setup");
        let gone = state
            .import_commit(&first, &commit(&sam))
            .expect_err("an error");
        assert_eq!(gone.code, ErrorCode::InvalidInput);

        let second = state
            .keep_import(plan(), ImportOptions::default())
            .expect("test setup");
        lock(&state);
        assert!(state.guard().import.is_none());
        let err = state
            .import_commit(&second, &commit(&sam))
            .expect_err("an error");
        assert_eq!(err.code, ErrorCode::InvalidInput);
    }

    #[test]
    fn idle_time_is_counted_from_the_last_command_on_the_monotonic_clock() {
        let (_dir, state) = unlocked();
        state
            .with_settings(|v| VaultSettings::of(v).set_auto_lock(7, Utc::now()))
            .expect("test setup");
        let mut shared = state.guard();
        assert_eq!(shared.auto_lock, Some(minutes(7)));
        let last = shared.last_activity;
        assert!(!shared.idle_expired(last + minutes(7) - Duration::from_secs(1)));
        assert!(shared.idle_expired(last + minutes(7)));
    }

    #[test]
    fn the_auto_lock_delay_is_read_after_an_unlock_and_dropped_on_lock() {
        let (_dir, state) = unlocked();
        state.with(|_| Ok(())).expect("test setup");
        assert_eq!(
            state.guard().auto_lock,
            Some(minutes(DEFAULT_AUTO_LOCK_MINUTES))
        );
        lock(&state);
        assert_eq!(state.guard().auto_lock, None);
    }

    const S: fn(u64) -> Duration = Duration::from_secs;

    #[test]
    fn ticks_without_a_gap_are_not_a_sleep() {
        assert!(!suspended(Some(S(5)), S(5)));
        // A busy machine delays the tick: both clocks advance together.
        assert!(!suspended(Some(S(120)), S(120)));
    }

    #[test]
    fn a_gap_over_thirty_seconds_is_a_sleep() {
        assert!(suspended(Some(S(5 + 31)), S(5)));
        assert!(suspended(Some(S(8 * 3600)), S(5)));
    }

    #[test]
    fn a_gap_of_thirty_seconds_or_less_is_not() {
        assert!(!suspended(Some(S(5 + 30)), S(5)));
        assert!(!suspended(Some(S(5 + 29)), S(5)));
    }

    #[test]
    fn a_wall_clock_set_back_is_not_a_sleep() {
        assert!(!suspended(None, S(5)));
    }

    #[test]
    fn idle_expires_at_the_delay() {
        assert!(!idle_expired(S(299), minutes(5)));
        assert!(idle_expired(S(300), minutes(5)));
        assert!(idle_expired(S(301), minutes(5)));
    }
}
