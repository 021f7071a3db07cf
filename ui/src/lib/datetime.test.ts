import { describe, expect, it } from 'vitest';
import { formatterFor } from './datetime';

// A fixed afternoon, in the local time zone of the test run.
const AFTERNOON = new Date(2026, 2, 31, 14, 5);

describe('datetime: the clock', () => {
  it('writes 24-hour or 12-hour times as chosen, whatever the locale', () => {
    expect(formatterFor({ clock: 'h24', date_order: 'locale', locale: 'en-US' }).time(AFTERNOON)).toBe('14:05');
    expect(formatterFor({ clock: 'h12', date_order: 'locale', locale: 'en-GB' }).time(AFTERNOON)).toMatch(
      /^2:05\s?pm$/i,
    );
    expect(formatterFor({ clock: 'h12', date_order: 'locale', locale: 'en-US' }).time(AFTERNOON)).toMatch(
      /^2:05\s?PM$/,
    );
  });

  it('follows the locale when asked to', () => {
    expect(formatterFor({ clock: 'locale', date_order: 'locale', locale: 'en-GB' }).time(AFTERNOON)).toBe('14:05');
    expect(formatterFor({ clock: 'locale', date_order: 'locale', locale: 'en-US' }).time(AFTERNOON)).toMatch(
      /^2:05\s?PM$/,
    );
  });

  it('leaves text it cannot read as it is', () => {
    expect(formatterFor({ clock: 'h24', date_order: 'dmy' }).time('not a time')).toBe('not a time');
    expect(formatterFor({ clock: 'h24', date_order: 'dmy' }).day('2026-13-45x')).toBe('2026-13-45x');
  });
});

describe('datetime: the date order', () => {
  const day = '2026-03-31';

  it('writes a calendar day in the chosen order', () => {
    const dmy = formatterFor({ clock: 'h24', date_order: 'dmy', locale: 'en-US' });
    const mdy = formatterFor({ clock: 'h24', date_order: 'mdy', locale: 'en-GB' });
    const ymd = formatterFor({ clock: 'h24', date_order: 'ymd', locale: 'en-GB' });
    expect(dmy.day(day)).toBe('31 March 2026');
    expect(mdy.day(day)).toBe('March 31, 2026');
    expect(ymd.day(day)).toBe('2026-03-31');
  });

  it('keeps the weekday and the clock with the order', () => {
    expect(formatterFor({ clock: 'h24', date_order: 'dmy', locale: 'en-GB' }).when(AFTERNOON)).toBe(
      'Tue 31 Mar, 14:05',
    );
    expect(formatterFor({ clock: 'h24', date_order: 'mdy', locale: 'en-GB' }).when(AFTERNOON)).toBe(
      'Tue, Mar 31, 14:05',
    );
    expect(formatterFor({ clock: 'h24', date_order: 'ymd', locale: 'en-GB' }).when(AFTERNOON)).toBe(
      'Tue 2026-03-31, 14:05',
    );
    expect(formatterFor({ clock: 'h24', date_order: 'dmy', locale: 'en-GB' }).dayTitle(day)).toBe(
      'Tuesday 31 March',
    );
    expect(formatterFor({ clock: 'h24', date_order: 'ymd', locale: 'en-GB' }).dateTime(AFTERNOON)).toBe(
      '2026-03-31, 14:05',
    );
  });

  it('uses the locale order when asked to', () => {
    expect(formatterFor({ clock: 'h24', date_order: 'locale', locale: 'en-GB' }).day(day)).toBe('31 March 2026');
    expect(formatterFor({ clock: 'h24', date_order: 'locale', locale: 'en-US' }).day(day)).toBe('March 31, 2026');
  });

  it('never shifts a calendar day by the time zone', () => {
    const f = formatterFor({ clock: 'h24', date_order: 'ymd', locale: 'en-GB' });
    expect(f.day('2026-01-01')).toBe('2026-01-01');
    expect(f.shortDay('2026-03-09')).toBe('Mon 9');
    expect(formatterFor({ clock: 'h12', date_order: 'mdy', locale: 'en-US' }).shortDay('2026-03-09')).toBe('Mon 9');
  });
});
