import { beforeEach, describe, expect, it } from 'vitest';
import { startMark } from './startMarks';

describe('startMark', () => {
  beforeEach(() => performance.clearMarks());

  it('records each step once, under a confidant: name', () => {
    startMark('status');
    startMark('screen');
    startMark('status');
    const names = performance.getEntriesByType('mark').map((m) => m.name);
    expect(names).toEqual(['confidant:status', 'confidant:screen']);
  });
});
