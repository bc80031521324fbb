import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/cli/format-summary.js';
import { createPaint } from '../../src/cli/use-color.js';
import type { JobRecord, LaunchResult } from '../../src/run/launch-result.js';

const ref = (num: number, overrides: string[]) => ({ num, id: `x_${num}`, name: 'app', overrides, outputDir: `/w/logs/m/${num}` });
const jobs: JobRecord[] = [
  { job: ref(0, ['seed=1']), durationMs: 10, attempts: 1, status: 'completed', exitCode: 0, result: null },
  { job: ref(1, ['seed=2']), durationMs: 10, attempts: 1, status: 'failed', exitCode: 3, signal: null, error: { name: 'ExitError', message: 'x' } },
  { job: ref(2, ['seed=3', 'model.lr=0.1']), durationMs: 10, attempts: 1, status: 'timed-out', signal: 'SIGTERM', timeoutMs: 60_000 },
];
const result: LaunchResult = {
  launchId: 'x',
  launcher: 'local',
  mode: 'multirun',
  dir: '/w/logs/m',
  eventsFile: '/w/logs/m/events.jsonl',
  jobs,
  counts: { completed: 1, failed: 1, 'timed-out': 1, cancelled: 0, skipped: 0, detached: 0 },
  cancelled: false,
  unreached: null,
  ok: false,
};

describe('the end summary', () => {
  it("tables every job that did not complete: number, overrides, status, exit code and log; then the sweep folder", () => {
    const text = formatSummary(result, {
      paint: createPaint(false),
      showPath: (p) => p.replace('/w/', ''),
      logPathOf: (job) => `${job.job.outputDir}/stderr.log`,
      durationMs: 65_000,
    });
    expect(text).toBe(
      [
        '3 jobs: 1 completed, 1 failed, 1 timed-out in 1:05',
        '',
        'job  overrides            status     exit     log',
        '1    seed=2               failed     3        logs/m/1/stderr.log',
        '2    seed=3 model.lr=0.1  timed-out  SIGTERM  logs/m/2/stderr.log',
        '',
        'Sweep folder: logs/m',
      ].join('\n'),
    );
  });

  it('has no table when every job completed, and names a run folder for one job', () => {
    const one: LaunchResult = { ...result, mode: 'run', dir: '/w/logs/r', jobs: [jobs[0] as JobRecord], counts: { ...result.counts, failed: 0, 'timed-out': 0 }, ok: true };
    const text = formatSummary(one, { paint: createPaint(false), showPath: (p) => p, logPathOf: () => '', durationMs: 1000 });
    expect(text).toBe('1 job: 1 completed in 0:01\n\nRun folder: /w/logs/r');
  });
});
