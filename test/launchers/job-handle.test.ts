import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLauncher } from '../../src/launchers/create-launcher.js';
import type { JobSpec } from '../../src/job/job-spec.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'job-handle-'));
  dirs.push(dir);
  return dir;
};
const node = process.execPath;

describe('per-job handles on this machine', () => {
  it('reaches a job of a lazy source by number before the launch reads it', async () => {
    const cwd = tempDir();
    let read = 0;
    function* jobs(): Generator<JobSpec> {
      for (let n = 0; n < 3; n++) {
        read += 1;
        yield { overrides: [`n=${n}`], command: [node, '-e', `console.log('job ${n}')`] };
      }
    }
    const handle = createLauncher({ launcher: 'local', max_parallel_jobs: 1 }).launch(jobs(), { cwd });
    const last = handle.job(2);
    expect(read).toBe(0);
    expect(last.state).toEqual({ phase: 'queued' });
    expect(last.outputDir).toBeNull();
    const record = await last.result();
    expect(record).toMatchObject({ status: 'completed', job: { num: 2 } });
    await handle;
    expect(last.outputDir).toBe(record.job.outputDir);
    expect(await last.stdout()).toBe('job 2\n');
    // once the source is read to its end, a number past it is no job
    expect(() => handle.job(3)).toThrow(/has no job number 3/);
  });

  it('never starts a queued job cancelled through its handle, and runs the rest', async () => {
    const cwd = tempDir();
    const jobs = [0, 1, 2].map((n) => ({ overrides: [`n=${n}`], command: [node, '-e', n === 0 ? 'setTimeout(() => {}, 800)' : ''] }));
    const handle = createLauncher({ launcher: 'local', max_parallel_jobs: 1 }).launch(jobs, { cwd });
    const started: number[] = [];
    handle.on('job:start', (event) => started.push(event.job.num));
    expect(await handle.job(1).cancel('not needed')).toBe(true);
    const result = await handle;
    expect(result.jobs.map((job) => job.status)).toEqual(['completed', 'cancelled', 'completed']);
    expect(result.jobs[1]).toMatchObject({ status: 'cancelled', signal: null, reason: 'not needed' });
    expect(started).toEqual([0, 2]);
    expect(result.cancelled).toBe(false);
  });

  it('says a job cancelled through its handle is cancelling before its end, on local and basic', async () => {
    for (const launcher of ['local', 'basic'] as const) {
      const cwd = tempDir();
      const jobs = [0, 1].map((n) => ({ overrides: [`n=${n}`], command: [node, '-e', n === 0 ? 'setTimeout(() => {}, 30000)' : ''] }));
      const handle = createLauncher({ launcher, ...(launcher === 'local' ? { max_parallel_jobs: 2 } : {}) }).launch(jobs, { cwd });
      const order: string[] = [];
      handle.on('job:state', (event) => order.push(`${event.job.num} ${event.state} ${event.detail ?? ''}`));
      handle.on('job:end', (event) => order.push(`${event.job.num} end ${event.status}`));
      handle.on('job:start', (event) => {
        if (event.job.num === 0) void handle.job(0).cancel('enough');
      });
      const result = await handle;
      expect(result.jobs.map((job) => job.status)).toEqual(['cancelled', 'completed']);
      // exactly one note, before the end, as a batch launch cancel gives each job
      const zero = order.filter((line) => line.startsWith('0 '));
      expect(zero).toEqual(['0 cancelling cancelled alone: enough', '0 end cancelled']);
      expect(handle.job(1).state).toMatchObject({ phase: 'finished' });
    }
  });

  it('says which number is wrong when a launch has no such job', () => {
    const handle = createLauncher({ launcher: 'basic' }).launch([{ command: ['true'] }], { cwd: tempDir() });
    expect(() => handle.job(-1)).toThrow(RangeError);
    expect(() => handle.job(1.5)).toThrow(/no job number 1.5/);
    return handle.then(() => undefined);
  });
});
