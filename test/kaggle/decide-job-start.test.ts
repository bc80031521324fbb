import { describe, expect, it } from 'vitest';
import { decideJobStart, type JobStartInput } from '../../src/launchers/kaggle/decide-job-start.js';

const MIN = 60_000;

describe('decideJobStart', () => {
  const cases: { name: string; input: JobStartInput; kind: 'run' | 'skip'; basis: string; reason?: RegExp }[] = [
    { name: 'runs the first job when nothing is known about it', input: { nowMs: 0, deadlineMs: 520 * MIN, expectedMs: null, completedDurationsMs: [] }, kind: 'run', basis: 'none' },
    { name: 'runs a job whose expected duration fits the time left', input: { nowMs: 100 * MIN, deadlineMs: 520 * MIN, expectedMs: 120 * MIN, completedDurationsMs: [] }, kind: 'run', basis: 'expected_duration_min' },
    { name: 'runs a job that fits exactly', input: { nowMs: 400 * MIN, deadlineMs: 520 * MIN, expectedMs: 120 * MIN, completedDurationsMs: [] }, kind: 'run', basis: 'expected_duration_min' },
    {
      name: 'skips a job whose expected duration overruns the deadline',
      input: { nowMs: 401 * MIN, deadlineMs: 520 * MIN, expectedMs: 120 * MIN, completedDurationsMs: [] },
      kind: 'skip',
      basis: 'expected_duration_min',
      reason: /needs about 2 h \(its expected_duration_min\) but only 1 h 59 min are left/,
    },
    {
      name: 'prefers the job own expectation over the history',
      input: { nowMs: 0, deadlineMs: 60 * MIN, expectedMs: 10 * MIN, completedDurationsMs: [90 * MIN] },
      kind: 'run',
      basis: 'expected_duration_min',
    },
    {
      name: 'estimates from the longest completed job when the job has no expectation',
      input: { nowMs: 300 * MIN, deadlineMs: 520 * MIN, expectedMs: null, completedDurationsMs: [100 * MIN, 230 * MIN, 50 * MIN] },
      kind: 'skip',
      basis: 'completed jobs',
      reason: /the longest completed job/,
    },
    { name: 'runs when the longest completed job fits', input: { nowMs: 300 * MIN, deadlineMs: 520 * MIN, expectedMs: null, completedDurationsMs: [100 * MIN, 50 * MIN] }, kind: 'run', basis: 'completed jobs' },
    {
      name: 'skips every job once the deadline has passed, even without an estimate',
      input: { nowMs: 521 * MIN, deadlineMs: 520 * MIN, expectedMs: null, completedDurationsMs: [] },
      kind: 'skip',
      basis: 'none',
      reason: /deadline passed 1 min ago/,
    },
    { name: 'skips a job at the deadline itself', input: { nowMs: 520 * MIN, deadlineMs: 520 * MIN, expectedMs: 1, completedDurationsMs: [] }, kind: 'skip', basis: 'expected_duration_min', reason: /deadline passed/ },
    { name: 'works at the scale of seconds', input: { nowMs: 1_000, deadlineMs: 3_000, expectedMs: 2_500, completedDurationsMs: [] }, kind: 'skip', basis: 'expected_duration_min', reason: /2\.5 s .* only 2 s are left/ },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const decision = decideJobStart(c.input);
      expect(decision.kind).toBe(c.kind);
      expect(decision.basis).toBe(c.basis);
      expect(decision.leftMs).toBe(c.input.deadlineMs - c.input.nowMs);
      if (decision.kind === 'skip') expect(decision.reason).toMatch(c.reason ?? /^$/);
    });
  }
});
