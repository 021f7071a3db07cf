import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import DialogHarness from '../../test/DialogHarness.svelte';

async function openDialog() {
  const onCancel = vi.fn();
  const user = userEvent.setup();
  render(DialogHarness, { onCancel });
  const opener = screen.getByRole('button', { name: 'Open' });
  await user.click(opener);
  return { user, onCancel, opener, dialog: screen.getByRole('dialog') };
}

describe('Dialog', () => {
  it('is a modal dialog named by its title and described by its text', async () => {
    const { dialog } = await openDialog();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(screen.getByRole('dialog', { name: 'Rename the group' })).toBe(dialog);
    const body = document.getElementById(dialog.getAttribute('aria-describedby') ?? '');
    expect(body?.textContent).toBe('Groups are renamed everywhere.');
  });

  it('moves focus to the element marked data-autofocus', async () => {
    await openDialog();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'New name' }));
  });

  it('keeps Tab and Shift+Tab inside, skipping disabled controls', async () => {
    await openDialog();
    const first = screen.getByRole('button', { name: 'First' });
    const last = screen.getByRole('button', { name: 'Last' });
    const tab = (from: HTMLElement, shiftKey = false) => {
      from.focus();
      // false when the handler prevented the browser's own move.
      return from.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', shiftKey, bubbles: true, cancelable: true }));
    };

    // From the last control (the disabled one after it does not count), Tab wraps to the first.
    expect(tab(last)).toBe(false);
    expect(document.activeElement).toBe(first);
    // From the first, Shift+Tab wraps to the last.
    expect(tab(first, true)).toBe(false);
    expect(document.activeElement).toBe(last);
    // In between, the browser moves focus as usual.
    expect(tab(screen.getByRole('textbox', { name: 'New name' }))).toBe(true);
    // Focus somehow outside (e.g. a click on the page): Tab brings it back in.
    expect(tab(screen.getByRole('button', { name: 'Outside', hidden: true }))).toBe(false);
    expect(document.activeElement).toBe(first);
  });

  it('cancels with Escape and gives focus back to what opened it', async () => {
    const { user, onCancel, opener } = await openDialog();
    await user.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
