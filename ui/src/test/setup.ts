import { clearMocks, mockWindows } from '@tauri-apps/api/mocks';
import { cleanup } from '@testing-library/svelte';
import { afterEach, beforeEach, vi } from 'vitest';
import { journal } from '../lib/stores/journal.svelte';
import { settings } from '../lib/stores/settings.svelte';

beforeEach(() => {
  mockWindows('main');
});

afterEach(async () => {
  vi.useRealTimers();
  // Unmount while the IPC mocks still exist: components unlisten from events.
  cleanup();
  await new Promise((resolve) => setTimeout(resolve, 0));
  journal.reset();
  settings.reset();
  clearMocks();
});
