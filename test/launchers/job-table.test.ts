import { describe, expect, it } from 'vitest';
import { createJobTable, type JobAccess } from '../../src/launchers/job-table.js';
import type { InFlightState, JobRef, LaunchEvent } from '../../src/run/launch-events.js';

const ref = (num: number): JobRef => ({ num, id: `l_${num}`, name: 'app', overrides: [], outputDir: `/runs/${num}` });
const base = { time: '2026-01-01T00:00:00.000Z', launchId: 'l' };
const table = () => createJobTable({ facts: (num) => (num < 3 ? { num, id: `l_${num}`, name: 'app' } : undefined), count: 3 });
const state = (num: number, name: InFlightState, native: string | null = null, attempt = 1): LaunchEvent => ({ ...base, type: 'job:state', job: ref(num), state: name, native, attempt, detail: null });
const end = (num: number): LaunchEvent => ({ ...base, type: 'job:end', job: ref(num), durationMs: 5, attempts: 1, status: 'completed', exitCode: 0, result: num });

describe('the job table of a launch', () => {
  it('follows a batch job from queued through pending and running to finished', () => {
    const jobs = table();
    const phases: unknown[] = [jobs.state(1)];
    for (const event of [
      { ...base, type: 'job:queued', job: ref(1) } as LaunchEvent,
      state(1, 'submitted'),
      state(1, 'pending', 'PENDING'),
      state(1, 'running', 'RUNNING'),
      { ...base, type: 'job:start', job: ref(1), pid: null, attempt: 1, device: null } as LaunchEvent,
      state(1, 'cancelling', 'CANCEL'),
      state(1, 'requeued', 'REQUEUED', 2),
      end(1),
      state(1, 'pending', 'PENDING'),
    ]) {
      jobs.observe(event);
      const now = jobs.state(1);
      phases.push(now.phase === 'finished' ? 'finished' : now.phase === 'queued' ? 'queued' : `${now.phase}/${now.state}/${now.native ?? ''}/${now.attempt}`);
    }
    expect(phases).toEqual([
      { phase: 'queued' },
      'queued',
      'pending/submitted//1',
      'pending/pending/PENDING/1',
      'running/running/RUNNING/1',
      'running/running//1',
      'running/cancelling/CANCEL/1',
      'pending/requeued/REQUEUED/2',
      'finished',
      // nothing moves a finished job back
      'finished',
    ]);
  });

  it('keeps entries only for the jobs the launch reached', () => {
    const jobs = table();
    jobs.observe({ ...base, type: 'job:queued', job: ref(2) });
    expect(jobs.reached()).toEqual([2]);
    expect(jobs.ref(2)?.outputDir).toBe('/runs/2');
    expect(jobs.ref(0)).toBeUndefined();
  });

  it('sends a cancel asked for before the job was exposed once a backend exposes it, and only once', async () => {
    const jobs = table();
    const sent: string[] = [];
    const access: JobAccess = { schedulerId: '7_0', stdout: null, stderr: null, cancel: async (reason) => void sent.push(reason) };
    expect(await jobs.cancel(0, 'early')).toBe(true);
    expect(await jobs.cancel(0, 'twice')).toBe(true);
    expect(sent).toEqual([]);
    jobs.expose(0, access);
    await Promise.resolve();
    expect(sent).toEqual(['early']);
    expect(jobs.cancelReason(0)).toBe('early');
  });

  it('does not cancel a job that already ended', async () => {
    const jobs = table();
    const sent: string[] = [];
    jobs.expose(0, { schedulerId: null, stdout: null, stderr: null, cancel: async (reason) => void sent.push(reason) });
    jobs.observe(end(0));
    expect(await jobs.cancel(0, 'late')).toBe(false);
    expect(sent).toEqual([]);
  });

  it('resolves a record asked for before the job ended, and rejects one the launch never recorded', async () => {
    const jobs = table();
    const first = jobs.record(0);
    const never = jobs.record(1);
    jobs.observe(end(0));
    expect(await first).toMatchObject({ status: 'completed', result: 0, job: { num: 0 } });
    const failure = new Error('the event log failed');
    jobs.close(failure);
    await expect(never).rejects.toBe(failure);
    await expect(jobs.record(2)).rejects.toBe(failure);
    expect(await jobs.record(0)).toMatchObject({ status: 'completed' });
  });
});
