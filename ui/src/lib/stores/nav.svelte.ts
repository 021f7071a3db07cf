// Which screen the app shows (the screen router), driven by the vault's state in Rust.

import { tick } from 'svelte';
import * as api from '../api';
import { startMark } from '../startMarks';
import type { AppError, AppStatus, Role } from '../bindings';
import { calendar, TODAY_SESSIONS } from './calendar.svelte';
import { forgetAll, saveAll } from './onLock';

export type Screen =
  | { kind: 'starting' }
  | { kind: 'start_failed'; error: AppError }
  | { kind: 'onboarding' }
  | { kind: 'kit'; recoveryCode: string }
  | { kind: 'confirm'; recoveryCode: string }
  | { kind: 'recovery'; forgottenPasscode: boolean }
  | { kind: 'keychain_unavailable'; error: AppError }
  | { kind: 'locked'; needsPasscode: boolean; error: AppError | null }
  | { kind: 'damaged'; message: string | null }
  | { kind: 'unlocked' };

export class Navigator {
  screen = $state<Screen>({ kind: 'starting' });
  /** The vault's data folder, as Rust reports it. */
  dataDir = $state('');
  /** Right after setup: offer to set an app passcode (until set or skipped). */
  offerPasscode = $state(false);

  /** The status asked for before the UI was mounted (askStatusEarly). */
  private earlyStatus: Promise<AppStatus> | null = null;
  /** The first screen was chosen before the UI was mounted (askStatusEarly). */
  private chosenEarly = false;

  /**
   * Before the UI is mounted: takes the status the shell pushed, or asks
   * Rust for it right away, so the answer is on its way while the first
   * screen is built; the next `start()` uses it.
   */
  askStatusEarly(): void {
    // What the shell pushed before this script ran (api/startScript.js):
    // the status and, unlocked, Today's sessions.
    const early = api.takeStartAnswers();
    // The shell pushed the status before this script ran: the first screen
    // is chosen now, so the first render builds it (and Today its sessions,
    // when they came too) instead of the starting screen.
    if (early !== null && !(early.status.state === 'locked' && !early.status.needs_passcode)) {
      startMark('status');
      this.apply(early.status);
      this.chosenEarly = true;
      startMark('screen');
      if (early.status.state === 'unlocked') calendar.prefetchUpcoming(TODAY_SESSIONS, early.sessions);
      return;
    }
    // Otherwise ask (or, when the start's unlock failed, start() asks for
    // the unlock, which answers with why). Unlocked already: Today's
    // sessions are asked for at once too, before start() has even seen the
    // status. Failures are handled by start() (and Today); this only keeps
    // them from being reported as unhandled before they are awaited.
    const asked = early !== null ? Promise.resolve(early.status) : api.appStatus();
    asked.then(
      (status) => {
        if (status.state === 'unlocked') calendar.prefetchUpcoming(TODAY_SESSIONS);
      },
      () => undefined,
    );
    this.earlyStatus = asked;
  }

  /**
   * Finds out what to show; unlocks silently from the keychain when it can
   * (Rust usually has already, while the page loaded: the status then says
   * unlocked).
   */
  async start(): Promise<void> {
    if (this.chosenEarly) {
      this.chosenEarly = false;
      return;
    }
    this.screen = { kind: 'starting' };
    this.offerPasscode = false;
    const asked = this.earlyStatus ?? api.appStatus();
    this.earlyStatus = null;
    let status: AppStatus;
    try {
      status = await asked;
      startMark('status');
    } catch (error) {
      this.screen = { kind: 'start_failed', error: api.toAppError(error) };
      return;
    }
    if (status.state === 'locked' && !status.needs_passcode) {
      this.dataDir = status.data_dir;
      await this.unlock(null);
    } else {
      this.apply(status);
    }
    startMark('screen');
  }

  /**
   * Unlocks with the keychain (and the passcode when one is set). Problems
   * are shown by the screen this leads to; it never rejects.
   */
  async unlock(passcode: string | null): Promise<void> {
    try {
      this.apply(await api.unlock(passcode));
    } catch (error) {
      const appError = api.toAppError(error);
      switch (appError.code) {
        case 'recovery_needed':
          this.screen = { kind: 'recovery', forgottenPasscode: false };
          break;
        case 'keychain_unavailable':
          this.screen = { kind: 'keychain_unavailable', error: appError };
          break;
        case 'passcode_required':
          this.screen = { kind: 'locked', needsPasscode: true, error: null };
          break;
        default:
          this.screen = { kind: 'locked', needsPasscode: passcode !== null, error: appError };
      }
    }
  }

  /** Unlocks with the recovery code. Rejects with an `AppError` (e.g. a wrong code). */
  async recover(recoveryCode: string): Promise<void> {
    this.apply(await api.recover(recoveryCode));
  }

  /** Starts setup with the chosen roles and shows the Emergency Kit. */
  async beginSetup(roles: Role[]): Promise<void> {
    const started = await api.beginSetup(roles);
    this.screen = { kind: 'kit', recoveryCode: started.recovery_code };
  }

  /** Forgets the pending setup (and its recovery code) and goes back to the roles. */
  async cancelSetup(): Promise<void> {
    this.apply(await api.cancelSetup());
  }

  /** From the passcode screen: unlock with the recovery code instead. */
  showRecovery(): void {
    this.screen = { kind: 'recovery', forgottenPasscode: true };
  }

  /** Back from the recovery screen to the passcode screen. */
  showPasscode(): void {
    this.screen = { kind: 'locked', needsPasscode: true, error: null };
  }

  showKit(recoveryCode: string): void {
    this.screen = { kind: 'kit', recoveryCode };
  }

  showConfirm(recoveryCode: string): void {
    this.screen = { kind: 'confirm', recoveryCode };
  }

  /** Creates the vault when the typed-back code matches. Rejects with an `AppError`. */
  async confirmSetup(typedCode: string): Promise<void> {
    this.apply(await api.confirmSetup(typedCode));
    this.offerPasscode = this.screen.kind === 'unlocked';
  }

  /** The passcode offer was answered (a passcode set, or skipped). */
  closePasscodeOffer(): void {
    this.offerPasscode = false;
  }

  /**
   * Saves the Emergency Kit where the person chooses (Rust asks). Resolves
   * to false when they cancelled the dialog; rejects with an `AppError`.
   */
  saveEmergencyKit(): Promise<boolean> {
    return api.saveEmergencyKit();
  }

  /**
   * Tells Rust the user is active (resets the auto-lock timer). A failure needs
   * no handling: if the vault has locked meanwhile, Rust's `vault-locked`
   * event brings up the locked screen.
   */
  touch(): void {
    api.touch().catch(() => undefined);
  }

  /**
   * Follows Rust's auto-lock and, when the window closes, saves pending
   * journal work first. Returns the function that stops listening.
   */
  listen(): () => void {
    const subscriptions = [
      api.onVaultLocked((status) => this.locked(status)),
      api.onWindowCloseRequested(async () => {
        await saveAll();
      }),
    ];
    return () => {
      for (const subscription of subscriptions) void subscription.then((unlisten) => unlisten());
    };
  }

  /** Saves pending work, locks the vault and forgets all decrypted content. */
  async lock(): Promise<void> {
    await saveAll();
    let next: Screen;
    try {
      const status = await api.lock();
      this.dataDir = status.data_dir;
      next = { kind: 'locked', needsPasscode: status.needs_passcode, error: null };
    } catch (error) {
      next = { kind: 'locked', needsPasscode: false, error: api.toAppError(error) };
    }
    forgetAll();
    this.offerPasscode = false;
    this.screen = next;
  }

  /** Rust locked the vault by itself (auto-lock). */
  locked(status: AppStatus): void {
    forgetAll();
    this.offerPasscode = false;
    this.apply(status);
  }

  /**
   * A backup was restored (the restored vault is unlocked): forgets
   * everything shown from the vault it replaced, then shows the status.
   */
  async restored(status: AppStatus): Promise<void> {
    forgetAll();
    this.offerPasscode = false;
    // Through the start screen, so every view of the replaced vault is
    // taken down and the restored vault's views load afresh.
    this.screen = { kind: 'starting' };
    await tick();
    this.apply(status);
  }

  /** Shows the screen for a status. A locked vault waits for the user to unlock. */
  apply(status: AppStatus): void {
    this.dataDir = status.data_dir;
    switch (status.state) {
      case 'no_vault':
        this.screen = { kind: 'onboarding' };
        break;
      case 'locked':
        this.screen = { kind: 'locked', needsPasscode: status.needs_passcode, error: null };
        break;
      case 'unlocked':
        this.screen = { kind: 'unlocked' };
        break;
      case 'recovery_needed':
        this.screen = { kind: 'recovery', forgottenPasscode: false };
        break;
      case 'damaged':
        this.screen = { kind: 'damaged', message: status.message };
        break;
    }
  }
}

/** The app's one navigator: which screen shows. ("Session" means a supervision session in the UI.) */
export const nav = new Navigator();
