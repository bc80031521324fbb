import { describe, expect, it } from 'vitest';
import { computeLaunchDeadline } from '../../src/launchers/kaggle/compute-launch-deadline.js';
import { formatDuration } from '../../src/launchers/kaggle/format-duration.js';

const START = Date.UTC(2026, 10, 28, 9, 0, 0);
const MIN = 60_000;

describe('computeLaunchDeadline', () => {
  const cases = [
    { name: 'uses max_duration_min when it ends well before the wall (the seed: 520 of 540)', settings: { timeout_min: 540, max_duration_min: 520, kill_grace_s: 30 }, deadline: 520 * MIN, by: 'max_duration_min' },
    { name: 'never goes past the wall minus the kill grace', settings: { timeout_min: 540, max_duration_min: 540, kill_grace_s: 30 }, deadline: 540 * MIN - 30_000, by: 'timeout_min' },
    { name: 'caps a max_duration_min larger than timeout_min', settings: { timeout_min: 60, max_duration_min: 520, kill_grace_s: 10 }, deadline: 60 * MIN - 10_000, by: 'timeout_min' },
    { name: 'works with budgets of seconds', settings: { timeout_min: 0.1, max_duration_min: 0.05, kill_grace_s: 1 }, deadline: 3_000, by: 'max_duration_min' },
    { name: 'never puts the deadline before the start', settings: { timeout_min: 0.01, max_duration_min: 0.01, kill_grace_s: 60 }, deadline: 0, by: 'timeout_min' },
  ] as const;
  for (const c of cases) {
    it(c.name, () => {
      const result = computeLaunchDeadline(START, c.settings);
      expect(result).toEqual({ startedAtMs: START, deadlineMs: START + c.deadline, wallMs: START + Math.round(c.settings.timeout_min * MIN), limitedBy: c.by });
    });
  }
});

describe('formatDuration', () => {
  it.each([
    [850, '850 ms'],
    [2_500, '2.5 s'],
    [90_000, '1.5 min'],
    [7_200_000, '2 h'],
    [520 * MIN, '8 h 40 min'],
    [-3_000, '-3 s'],
    [2 * 3_600_000 - 10, '2 h'],
    [3_600_000 + 59.6 * MIN, '2 h'],
  ])('renders %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
