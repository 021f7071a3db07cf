import { describe, expect, it, vi } from 'vitest';
import { throttle } from './activity';

describe('throttle', () => {
  it('runs at once, then at most once per interval', () => {
    let now = 0;
    const action = vi.fn();
    const run = throttle(action, 20_000, () => now);

    run();
    now = 5_000;
    run();
    now = 19_999;
    run();
    expect(action).toHaveBeenCalledTimes(1);

    now = 20_000;
    run();
    run();
    expect(action).toHaveBeenCalledTimes(2);
  });
});
