// The vault's settings (roles, profile, auto-lock, passcode and the display
// and reminder preferences), loaded once after unlock. Components read
// `settings.preferences` (initials, clock, date order) and change settings
// through this store; nothing here is kept in browser storage.

import * as api from '../api';
import { setProfile } from '../api/agreements';
import type { Preferences, Settings } from '../api/preferences';
import type { AppError, PartyDetails } from '../bindings';
import { forgetOnLock } from './onLock';

/** What the screens assume until the settings have loaded. */
export const DEFAULT_PREFERENCES: Preferences = {
  show_initials: false,
  clock: 'locale',
  date_order: 'locale',
  journal_tip_dismissed: false,
  reminders_enabled: true,
  reminder_minutes: 15,
};

export class SettingsStore {
  current = $state<Settings | null>(null);
  loadError = $state<AppError | null>(null);
  #loading: Promise<void> | null = null;

  /** The preferences in force (the defaults until the settings have loaded). */
  get preferences(): Preferences {
    return this.current?.preferences ?? DEFAULT_PREFERENCES;
  }

  /** Loads the settings once; a failure is kept in `loadError`, never thrown. */
  load(): Promise<void> {
    this.#loading ??= this.#fetch();
    return this.#loading;
  }

  /** Loads the settings again (e.g. after a failed load). */
  reload(): Promise<void> {
    this.#loading = this.#fetch();
    return this.#loading;
  }

  async #fetch(): Promise<void> {
    try {
      this.current = await api.getSettings();
      this.loadError = null;
    } catch (reason) {
      this.loadError = api.toAppError(reason);
    }
  }

  async setAutoLock(minutes: number): Promise<Settings> {
    return (this.current = await api.setAutoLock(minutes));
  }

  async setPasscode(current: string | null, next: string): Promise<Settings> {
    return (this.current = await api.setPasscode(current, next));
  }

  async removePasscode(current: string): Promise<Settings> {
    return (this.current = await api.removePasscode(current));
  }

  async setProfile(profile: PartyDetails): Promise<Settings> {
    return (this.current = await setProfile(profile));
  }

  /** Changes some preferences and keeps the others. Rejects with an `AppError`. */
  async setPreferences(change: Partial<Preferences>): Promise<Settings> {
    const preferences = { ...this.preferences, ...change };
    return (this.current = await api.setPreferences(preferences));
  }

  /** Forgets everything (on lock). */
  reset(): void {
    this.current = null;
    this.loadError = null;
    this.#loading = null;
  }
}

export const settings = new SettingsStore();
forgetOnLock(() => settings.reset());
