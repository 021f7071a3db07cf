// What the lock protects, said the same way in onboarding and in Settings.

/** Why a passcode matters, in one sentence (onboarding). */
export const PASSCODE_WHY =
  'Without a passcode, Unlock reads the key from your system keychain silently, so the lock hides the screen but anyone using this computer account can unlock Confidant; with a passcode, they cannot.';

/** What the lock does now, for Settings. */
export function lockProtection(hasPasscode: boolean): string {
  return hasPasscode
    ? 'A passcode is set: Confidant asks for it every time it unlocks, so the lock keeps out anyone using this computer account who does not know it. The vault file stays encrypted on disk either way.'
    : 'No passcode is set: Unlock reads the key from your system keychain silently. The lock hides the screen, but anyone using this computer account can unlock Confidant. Set a passcode so they cannot. The vault file stays encrypted on disk either way.';
}
