import { mockIPC } from '@tauri-apps/api/mocks';
import { describe, expect, it } from 'vitest';
import { freeInput } from '../../test/fakeJournal';
import * as api from './index';

describe('toAppError', () => {
  it('keeps an AppError from Rust as it is', () => {
    expect(api.toAppError({ code: 'wrong_passcode', message: 'That passcode is not right.' })).toEqual({
      code: 'wrong_passcode',
      message: 'That passcode is not right.',
    });
  });

  it.each([
    ['a string', 'command journal_list not found'],
    ['an Error', new Error('IPC failed')],
    ['an unknown code', { code: 'exploded', message: 'Boom' }],
    ['a missing message', { code: 'io' }],
    ['null', null],
  ])('turns %s into a generic internal error', (_label, reason) => {
    expect(api.toAppError(reason)).toEqual({ code: 'internal', message: api.GENERIC_ERROR_MESSAGE });
  });
});

describe('commands', () => {
  const input = freeInput('text');

  it('sends camelCase arguments and resolves with the result', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === 'journal_update') {
        return { id: 'a', created_at: 'c', updated_at: 'u', content: input, body: 'text' };
      }
      return null;
    });

    const entry = await api.journalUpdate('a', input);
    await api.confirmSetup('K7QM');
    await api.setPasscode(null, 'secret1');
    await api.journalList(50, 50);

    expect(entry.body).toBe('text');
    expect(calls).toEqual([
      ['journal_update', { id: 'a', input }],
      ['confirm_setup', { recoveryCode: 'K7QM' }],
      ['set_passcode', { current: null, newPasscode: 'secret1' }],
      ['journal_list', { offset: 50, limit: 50 }],
    ]);
  });

  it('rejects with the AppError Rust sent', async () => {
    mockIPC(() => {
      throw { code: 'too_large', message: 'Journal entry is too large.' };
    });
    await expect(api.journalCreate(input)).rejects.toEqual({
      code: 'too_large',
      message: 'Journal entry is too large.',
    });
  });

  it('rejects with a generic internal error for anything else', async () => {
    mockIPC(() => {
      throw 'unexpected panic';
    });
    await expect(api.appStatus()).rejects.toEqual({
      code: 'internal',
      message: api.GENERIC_ERROR_MESSAGE,
    });
  });
});
