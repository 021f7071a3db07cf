// The display and reminder preferences kept in the vault's settings.
//
// These types mirror the Rust types (crates/core settings: `ClockFormat`,
// `DateOrder`, `Preferences`, and `Settings.preferences`). TODO(lead): once
// bindings.ts is regenerated with them, import them from '../bindings' and
// delete this file's types.

import type { Settings as CoreSettings } from '../bindings';

export type ClockFormat = 'locale' | 'h12' | 'h24';
export type DateOrder = 'locale' | 'dmy' | 'mdy' | 'ymd';

export type Preferences = {
  /** Today and the calendar show initials instead of names (screen sharing). */
  show_initials: boolean;
  clock: ClockFormat;
  date_order: DateOrder;
  journal_tip_dismissed: boolean;
  /** Desktop reminders on or off. */
  reminders_enabled: boolean;
  /** Default reminder lead time in minutes, 0..=1440. */
  reminder_minutes: number;
};

/** `get_settings`'s answer: the settings with their preferences. */
export type Settings = CoreSettings & { preferences: Preferences };
