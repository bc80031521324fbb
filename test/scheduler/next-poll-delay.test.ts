import { describe, expect, it } from 'vitest';
import { nextPollDelay } from '../../src/scheduler/next-poll-delay.js';

const base = { intervalMs: 500, maxIntervalMs: 2000 };

describe('nextPollDelay', () => {
  it.each([
    ['polls again after the first interval when the poll saw a change', { changed: true, quietMs: 60_000 }, 500],
    ['keeps the first interval while the quiet time is short', { changed: false, quietMs: 1200 }, 500],
    ['waits a quarter of the quiet time once that is longer', { changed: false, quietMs: 6000 }, 1500],
    ['never waits longer than the maximum', { changed: false, quietMs: 600_000 }, 2000],
  ])('%s', (_name, input, expected) => {
    expect(nextPollDelay({ ...base, ...input })).toBe(expected);
  });

  it('reaches the maximum after a quiet minute with the defaults (1 s to 15 s), never seeing an end later than a quarter of the quiet time', () => {
    let now = 0;
    const delays: number[] = [];
    while (delays.at(-1) !== 15_000) {
      const delay = nextPollDelay({ changed: false, quietMs: now, intervalMs: 1000, maxIntervalMs: 15_000 });
      expect(delay).toBeLessThanOrEqual(Math.max(1000, now / 4));
      delays.push(delay);
      now += delay;
    }
    expect(now).toBeGreaterThan(60_000);
    expect(delays.length).toBeLessThan(25);
  });
});
