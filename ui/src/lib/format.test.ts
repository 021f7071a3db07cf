import { describe, expect, it } from 'vitest';
import { firstLine, isTooLarge, MAX_BODY_BYTES, minutesInWords } from './format';

describe('firstLine', () => {
  it('is the first line with text, trimmed', () => {
    expect(firstLine('\n  \n  Hard visit today  \nsecond')).toBe('Hard visit today');
    expect(firstLine('   ')).toBe('');
  });

  it('is cut to 120 characters, as Rust does', () => {
    expect(firstLine('é'.repeat(120))).toBe('é'.repeat(120));
    expect(firstLine(`${'😀'.repeat(121)}\nrest`)).toBe(`${'😀'.repeat(120)}…`);
  });
});

describe('isTooLarge', () => {
  it('counts UTF-8 bytes, not characters', () => {
    expect(isTooLarge('a'.repeat(MAX_BODY_BYTES))).toBe(false);
    expect(isTooLarge('a'.repeat(MAX_BODY_BYTES + 1))).toBe(true);
    // "é" is two bytes in UTF-8.
    expect(isTooLarge('é'.repeat(MAX_BODY_BYTES / 2))).toBe(false);
    expect(isTooLarge('é'.repeat(MAX_BODY_BYTES / 2 + 1))).toBe(true);
  });
});

describe('minutesInWords', () => {
  it('names the largest whole unit', () => {
    expect(minutesInWords(10080)).toBe('a week');
    expect(minutesInWords(1440)).toBe('a day');
    expect(minutesInWords(2880)).toBe('2 days');
    expect(minutesInWords(60)).toBe('an hour');
    expect(minutesInWords(90)).toBe('90 minutes');
    expect(minutesInWords(1)).toBe('a minute');
    expect(minutesInWords(0)).toBe('0 minutes');
  });
});
