import { clearMocks, mockWindows } from '@tauri-apps/api/mocks';
import { cleanup } from '@testing-library/svelte';
import { afterEach, beforeEach, vi } from 'vitest';
import { journal } from '../lib/stores/journal.svelte';
import { journalFlags } from '../lib/stores/journalFlags.svelte';
import { journalLinks } from '../lib/stores/journalLinks.svelte';
import { polyfillLayout } from './codemirror';
import { settings } from '../lib/stores/settings.svelte';
import { loadAllSections } from '../lib/sectionViews';

polyfillLayout();
// Sections load on first use in the app; here they are loaded up front, so a
// test sees a section as soon as it is chosen (LazySection.test.ts covers
// the loading itself).
await loadAllSections();

beforeEach(() => {
  mockWindows('main');
});

afterEach(async () => {
  vi.useRealTimers();
  // Unmount while the IPC mocks still exist: components unlisten from events.
  cleanup();
  await new Promise((resolve) => setTimeout(resolve, 0));
  journal.reset();
  journalFlags.reset();
  journalLinks.reset();
  settings.reset();
  clearMocks();
});
