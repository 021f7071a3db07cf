//! The owner's settings: roles, their own professional details, the
//! auto-lock delay and display and reminder preferences — one sealed record
//! under the vault key (see [`crate::store::settings`]).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::party::PartyDetails;
use crate::store;
use crate::validate::{AUTO_LOCK_MAX, AUTO_LOCK_MIN, REMINDER_MINUTES_MAX};
use crate::vault::{Role, Vault};

/// How times are shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ClockFormat {
    /// As the operating system's locale does.
    #[default]
    Locale,
    /// 12-hour clock (2:30 pm).
    H12,
    /// 24-hour clock (14:30).
    H24,
}

/// The order of day, month and year in dates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// As the operating system's locale does.
    #[default]
    Locale,
    /// 31/12/2026.
    Dmy,
    /// 12/31/2026.
    Mdy,
    /// 2026-12-31.
    Ymd,
}

/// Display and reminder preferences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct Preferences {
    /// Today and the calendar show initials instead of names (screen sharing).
    pub show_initials: bool,
    /// 12- or 24-hour clock.
    pub clock: ClockFormat,
    /// Day, month and year order.
    pub date_order: DateOrder,
    /// The journal tip on Today was dismissed.
    pub journal_tip_dismissed: bool,
    /// Desktop reminders before sessions.
    pub reminders_enabled: bool,
    /// Default lead time of a reminder, in minutes.
    pub reminder_minutes: u32,
}

/// Default reminder lead time, in minutes.
pub const DEFAULT_REMINDER_MINUTES: u32 = 15;

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            show_initials: false,
            clock: ClockFormat::Locale,
            date_order: DateOrder::Locale,
            journal_tip_dismissed: false,
            reminders_enabled: true,
            reminder_minutes: DEFAULT_REMINDER_MINUTES,
        }
    }
}

/// User settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Settings {
    /// The owner's roles.
    pub roles: Vec<Role>,
    /// The owner's own name and professional details (printed on agreements).
    pub profile: PartyDetails,
    /// Idle minutes before auto-lock.
    pub auto_lock_minutes: u32,
    /// Whether an app passcode is set.
    pub has_passcode: bool,
    /// Display and reminder preferences.
    pub preferences: Preferences,
}

/// The sealed record. Fields added after the first version default, so older
/// records still open.
#[derive(Clone, Serialize, Deserialize)]
struct Stored {
    roles: Vec<Role>,
    auto_lock_minutes: u32,
    #[serde(default)]
    profile: PartyDetails,
    #[serde(default)]
    preferences: Preferences,
    /// The backup plan, kept as the backup module wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    backup: Option<serde_json::Value>,
}

/// Reading and changing the settings of an unlocked vault.
pub struct VaultSettings<'a> {
    vault: &'a mut Vault,
}

impl<'a> VaultSettings<'a> {
    /// The settings of `vault`.
    pub fn of(vault: &'a mut Vault) -> Self {
        VaultSettings { vault }
    }

    fn stored(&mut self) -> Result<Stored> {
        let u = self.vault.unlocked()?;
        store::settings::read(u.conn, u.ring)
    }

    /// Current settings.
    pub fn get(&mut self) -> Result<Settings> {
        let has_passcode = self.vault.has_passcode()?;
        let s = self.stored()?;
        Ok(Settings {
            roles: s.roles,
            profile: s.profile,
            auto_lock_minutes: s.auto_lock_minutes,
            has_passcode,
            preferences: s.preferences,
        })
    }

    /// The owner's details, as printed on agreements.
    pub fn owner_profile(&mut self) -> Result<PartyDetails> {
        Ok(self.stored()?.profile)
    }

    /// The backup plan's sealed section, as [`crate::backup`] wrote it.
    pub(crate) fn backup_section(&mut self) -> Result<Option<serde_json::Value>> {
        Ok(self.stored()?.backup)
    }

    /// Replaces the backup plan's sealed section.
    pub(crate) fn set_backup_section(
        &mut self,
        value: serde_json::Value,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.update(now, |s| s.backup = Some(value)).map(|_| ())
    }

    /// The display and reminder preferences.
    pub fn preferences(&mut self) -> Result<Preferences> {
        Ok(self.stored()?.preferences)
    }

    fn update(&mut self, now: DateTime<Utc>, change: impl FnOnce(&mut Stored)) -> Result<Settings> {
        let mut s = self.stored()?;
        change(&mut s);
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| store::settings::write(tx, ring, &s, now))?;
        self.vault.set_idle_limit(s.auto_lock_minutes);
        self.get()
    }

    /// Sets the idle minutes before auto-lock (1–240).
    pub fn set_auto_lock(&mut self, minutes: u32, now: DateTime<Utc>) -> Result<Settings> {
        if !(AUTO_LOCK_MIN..=AUTO_LOCK_MAX).contains(&minutes) {
            return Err(Error::InvalidInput(format!(
                "Auto-lock must be between {AUTO_LOCK_MIN} and {AUTO_LOCK_MAX} minutes."
            )));
        }
        self.update(now, |s| s.auto_lock_minutes = minutes)
    }

    /// Sets the owner's own name and professional details.
    pub fn set_profile(&mut self, profile: &PartyDetails, now: DateTime<Utc>) -> Result<Settings> {
        let profile = profile.normalised()?;
        self.update(now, |s| s.profile = profile)
    }

    /// Sets the display and reminder preferences.
    pub fn set_preferences(
        &mut self,
        preferences: &Preferences,
        now: DateTime<Utc>,
    ) -> Result<Settings> {
        if preferences.reminder_minutes > REMINDER_MINUTES_MAX {
            return Err(Error::InvalidInput(
                "A reminder can be at most a week before the session.".into(),
            ));
        }
        let preferences = *preferences;
        self.update(now, |s| s.preferences = preferences)
    }
}
