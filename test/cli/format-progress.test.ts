import { describe, expect, it } from 'vitest';
import { formatClock, formatEventLine, formatProgressLine } from '../../src/cli/format-progress.js';
import { EMPTY_PROGRESS, applyProgressEvent, estimateRemainingMs, pendingJobs } from '../../src/cli/progress-state.js';
import type { ProgressState } from '../../src/cli/progress-state.js';
import { createPaint, useColor } from '../../src/cli/use-color.js';
import type { LaunchEvent } from '../../src/run/launch-events.js';

const plain = createPaint(false);
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const at = (ms: number): string => new Date(T0 + ms).toISOString();
const ref = (num: number) => ({ num, id: `x_${num}`, name: 'app', overrides: [`seed=${num}`], outputDir: `/o/${num}` });
const base = { launchId: 'x' };

function fold(events: LaunchEvent[]): ProgressState {
  return events.reduce(applyProgressEvent, EMPTY_PROGRESS);
}
const start = { ...base, type: 'launch:start', time: at(0), launcher: 'local', mode: 'multirun', dir: '/o', jobCount: 4 } as const;
const jobStart = (num: number, ms: number, attempt = 1): LaunchEvent => ({ ...base, type: 'job:start', time: at(ms), job: ref(num), pid: 100 + num, attempt, device: null });
const jobEnd = (num: number, ms: number, status: 'completed' | 'failed' | 'cancelled'): LaunchEvent =>
  ({
    ...base,
    type: 'job:end',
    time: at(ms),
    job: ref(num),
    durationMs: 1000,
    attempts: 1,
    ...(status === 'completed'
      ? { status, exitCode: 0, result: null }
      : status === 'failed'
        ? { status, exitCode: 3, signal: null, error: { name: 'ExitError', message: 'x' } }
        : { status, signal: 'SIGTERM', reason: 'x' }),
  }) as LaunchEvent;

describe('the progress state', () => {
  it('counts done, failed, cancelled, running and pending from the events', () => {
    const state = fold([start, jobStart(0, 0), jobStart(1, 0), jobEnd(0, 1000, 'completed'), jobStart(2, 1000), jobEnd(1, 1500, 'failed')]);
    expect({ completed: state.completed, failed: state.failed, running: state.running.size, pending: pendingJobs(state) }).toEqual({ completed: 1, failed: 1, running: 1, pending: 1 });
  });

  it('counts a requeued job once while it runs again', () => {
    const state = fold([start, jobStart(0, 0), jobStart(0, 500, 2)]);
    expect(state.running.size).toBe(1);
  });

  it('counts a job cancelled before it started without touching the running ones', () => {
    const state = fold([start, jobStart(0, 0), jobEnd(3, 100, 'cancelled')]);
    expect({ running: state.running.size, cancelled: state.cancelled, pending: pendingJobs(state) }).toEqual({ running: 1, cancelled: 1, pending: 2 });
  });

  it('estimates the time left from the pace so far, and nothing before a job finished', () => {
    expect(estimateRemainingMs(fold([start, jobStart(0, 0)]), T0 + 5000)).toBeNull();
    // 2 of 4 finished in 10 s: 10 s left.
    expect(estimateRemainingMs(fold([start, jobEnd(0, 4000, 'completed'), jobEnd(1, 9000, 'completed')]), T0 + 10_000)).toBe(10_000);
  });
});

describe('the progress line and the plain lines', () => {
  it('draws every count, the elapsed time and the ETA', () => {
    const state = fold([start, jobStart(0, 0), jobStart(1, 0), jobEnd(0, 20_000, 'completed'), jobStart(2, 20_000)]);
    expect(formatProgressLine(state, T0 + 30_000, plain, 'train')).toBe('train [1/4] 1 done · 0 failed · 2 running · 1 pending · 0:30 elapsed · ETA 1:30');
  });

  it('writes one line per event that matters, with the exit code and overrides', () => {
    expect(formatEventLine(jobEnd(1, 1500, 'failed'), plain)).toBe('00:00:01 job 1 failed in 1.0s exit 3: seed=1');
    expect(formatEventLine({ ...base, type: 'job:queued', time: at(0), job: ref(0) }, plain)).toBeNull();
  });

  it('writes hours when a launch runs that long', () => {
    expect(formatClock(3_723_000)).toBe('1:02:03');
  });
});

describe('colour', () => {
  const cases: { name: string; env: Record<string, string>; tty: boolean; on: boolean }[] = [
    { name: 'a terminal', env: {}, tty: true, on: true },
    { name: 'a pipe', env: {}, tty: false, on: false },
    { name: 'NO_COLOR on a terminal', env: { NO_COLOR: '1' }, tty: true, on: false },
    { name: 'FORCE_COLOR in a pipe', env: { FORCE_COLOR: '1' }, tty: false, on: true },
    { name: 'FORCE_COLOR=0 on a terminal', env: { FORCE_COLOR: '0' }, tty: true, on: false },
    { name: 'an empty NO_COLOR', env: { NO_COLOR: '' }, tty: true, on: true },
  ];
  for (const c of cases) it(`is ${c.on ? 'on' : 'off'} for ${c.name}`, () => expect(useColor(c.env, c.tty)).toBe(c.on));
});
