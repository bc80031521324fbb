import { expect } from 'vitest';
import type { LaunchEvent } from '../run/launch-events.js';

/**
 * Asserts the order every launch's event log keeps: one `launch:start` first and one
 * `launch:end` last, one launch id, times that never go back, and for each of the `jobCount`
 * jobs exactly one `job:end`, after any `job:start` of that job.
 */
export function checkEventOrder(events: readonly LaunchEvent[], jobCount: number): void {
  expect(events[0]?.type).toBe('launch:start');
  expect(events.at(-1)?.type).toBe('launch:end');
  expect(events.filter((e) => e.type === 'launch:start')).toHaveLength(1);
  expect(events.filter((e) => e.type === 'launch:end')).toHaveLength(1);
  expect(new Set(events.map((e) => e.launchId)).size).toBe(1);
  const times = events.map((e) => Date.parse(e.time));
  expect(times.every((t, i) => i === 0 || t >= (times[i - 1] as number))).toBe(true);
  for (let num = 0; num < jobCount; num += 1) {
    const own = events.map((e, i) => ({ e, i })).filter(({ e }) => 'job' in e && e.job.num === num);
    const ends = own.filter(({ e }) => e.type === 'job:end');
    expect(ends, `job ${num} ends exactly once`).toHaveLength(1);
    const end = (ends[0] as { i: number }).i;
    for (const { e, i } of own) if (e.type === 'job:start') expect(i, `job ${num} starts before it ends`).toBeLessThan(end);
  }
}
