import { describe, expect, it } from 'vitest';
import type { InFlightState, LaunchEvent } from '../../src/run/launch-events.js';
import { foldLaunchEvents } from '../../src/report/fold-launch-events.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const at = (s: number): string => new Date(T0 + s * 1000).toISOString();
const ref = (num: number) => ({ num, id: `L_${num}`, name: 'train', overrides: [`lr=0.${num + 1}`], outputDir: `/sweep/${num}` });

function launchStart(s: number, launchId = 'L', jobCount = 2): LaunchEvent {
  return { type: 'launch:start', time: at(s), launchId, launcher: 'slurm', mode: 'multirun', dir: '/sweep', jobCount };
}
function launchEnd(s: number, launchId = 'L'): LaunchEvent {
  return { type: 'launch:end', time: at(s), launchId, dir: '/sweep', durationMs: 0, counts: { completed: 0, failed: 0, 'timed-out': 0, cancelled: 0, skipped: 0, detached: 0 }, cancelled: false };
}
const queued = (s: number, num: number, launchId = 'L'): LaunchEvent => ({ type: 'job:queued', time: at(s), launchId, job: ref(num) });
const started = (s: number, num: number, attempt = 1, launchId = 'L', device: string | null = null): LaunchEvent => ({ type: 'job:start', time: at(s), launchId, job: ref(num), pid: null, attempt, device });
const state = (s: number, num: number, name: InFlightState, detail: string | null = null, native: string | null = null): LaunchEvent => ({ type: 'job:state', time: at(s), launchId: 'L', job: ref(num), state: name, native, attempt: 1, detail });
const completed = (s: number, num: number, durationMs: number, launchId = 'L', result: unknown = null): LaunchEvent => ({
  type: 'job:end', time: at(s), launchId, job: ref(num), durationMs, attempts: 1, status: 'completed', exitCode: 0, result,
});
const failed = (s: number, num: number, launchId = 'L'): LaunchEvent => ({
  type: 'job:end', time: at(s), launchId, job: ref(num), durationMs: 1000, attempts: 1, status: 'failed', exitCode: 3, signal: null, error: { name: 'ExitError', message: 'exited with code 3' },
});

describe('folding a launch folder\'s events into jobs', () => {
  it('gives each job a waiting segment, then a run segment ending in its status', () => {
    const folded = foldLaunchEvents([launchStart(0), queued(0, 0), started(2, 0, 1, 'L', '1'), completed(5, 0, 3000, 'L', { loss: 0.5 }), launchEnd(6)], T0 + 60_000);
    const [job] = folded.jobs;
    expect(folded.live).toBe(false);
    expect(job?.status).toBe('completed');
    expect(job?.place).toBe('device 1');
    expect(job?.result).toEqual({ loss: 0.5 });
    expect(job?.segments.map((s) => [s.phase, (s.start - T0) / 1000, (s.end - T0) / 1000, s.ended.kind])).toEqual([
      ['wait', 0, 2, 'started'],
      ['run', 2, 5, 'ended'],
    ]);
  });

  it('splits a requeued job into one run segment per attempt, with the wait between them', () => {
    const events = [launchStart(0), queued(0, 0), state(1, 0, 'submitted', '42_0'), started(2, 0), state(4, 0, 'requeued', 'requeued after TIMEOUT', 'REQUEUED'), started(6, 0, 2), completed(9, 0, 7000), launchEnd(9)];
    const [job] = foldLaunchEvents(events, T0).jobs;
    expect(job?.schedulerId).toBe('42_0');
    expect(job?.segments.map((s) => [s.phase, s.attempt, s.ended.kind])).toEqual([
      ['wait', 1, 'started'],
      ['run', 1, 'requeued'],
      ['wait', 1, 'started'],
      ['run', 2, 'ended'],
    ]);
  });

  it('keeps the failed attempt of an earlier launch when a resumed launch runs the job again', () => {
    const events = [
      launchStart(0, 'A'), queued(0, 0, 'A'), queued(0, 1, 'A'), started(1, 0, 1, 'A'), started(1, 1, 1, 'A'), completed(2, 0, 1000, 'A'), failed(2, 1, 'A'), launchEnd(3, 'A'),
      launchStart(10, 'B'), queued(10, 1, 'B'), started(11, 1, 1, 'B'), completed(12, 1, 1000, 'B'), launchEnd(12, 'B'),
    ];
    const folded = foldLaunchEvents(events, T0);
    expect(folded.launches.map((l) => l.launchId)).toEqual(['A', 'B']);
    const job = folded.jobs[1];
    expect(job?.status).toBe('completed');
    expect(job?.segments.filter((s) => s.phase === 'run').map((s) => [s.launchId, s.ended.kind === 'ended' ? s.ended.status : s.ended.kind])).toEqual([
      ['A', 'failed'],
      ['B', 'completed'],
    ]);
  });

  it('reports a sweep without launch:end as live, its running jobs open until now', () => {
    const now = T0 + 30_000;
    const folded = foldLaunchEvents([launchStart(0), queued(0, 0), queued(0, 1), started(1, 0), failed(5, 0), started(6, 1)], now);
    expect(folded.live).toBe(true);
    expect(folded.jobs.map((j) => j.status)).toEqual(['failed', 'running']);
    const open = folded.jobs[1]?.segments.at(-1);
    expect(open?.ended.kind).toBe('open');
    expect(open?.end).toBe(now);
    expect(folded.jobs[0]?.message).toBe('exited with code 3');
    expect(folded.jobs[0]?.exitCode).toBe(3);
  });

  it('draws a job seen only at its end (an attached remote job) from its duration', () => {
    const [job] = foldLaunchEvents([launchStart(0), completed(10, 0, 4000), launchEnd(10)], T0).jobs;
    expect(job?.segments).toHaveLength(1);
    expect((job?.segments[0]?.start ?? 0) - T0).toBe(6000);
  });
});

describe('folding a scheduler job that ended between two polls', () => {
  it('turns the end of its wait into a run of at most its duration', () => {
    const events = [launchStart(0), queued(0, 0), state(1, 0, 'submitted', '7_0'), completed(10, 0, 4000), launchEnd(10)];
    const [job] = foldLaunchEvents(events, T0).jobs;
    expect(job?.segments.map((s) => [s.phase, (s.start - T0) / 1000, (s.end - T0) / 1000])).toEqual([
      ['wait', 0, 6],
      ['run', 6, 10],
    ]);
  });
});
