import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLauncher, JobSpecError, type LaunchEvent } from '../../src/index.js';
import { useTempDirs } from '../support/temp-dir.js';

// Prints "ran" and fails until a file named `fixed` exists in the launch cwd, when its overrides say so.
const job = (n: number, cwd: string) => ({
  overrides: [`n=${n}`],
  command: [process.execPath, '-e', `console.log('ran'); process.exitCode = ${n === 2 ? `require('node:fs').existsSync(${JSON.stringify(join(cwd, 'fixed'))}) ? 0 : 3` : 0}`],
});

describe('resuming a launch from its folder', () => {
  const tempDir = useTempDirs();

  it('runs only the jobs that did not complete, in their old folders, and keeps the others', async () => {
    const cwd = await tempDir();
    const jobs = [0, 1, 2, 3].map((n) => job(n, cwd));
    const launcher = createLauncher({ launcher: 'local', max_parallel_jobs: 2 });
    const first = await launcher.launch(jobs, { cwd });
    expect(first.jobs.map((j) => j.status)).toEqual(['completed', 'completed', 'failed', 'completed']);

    writeFileSync(join(cwd, 'fixed'), '');
    const second = await launcher.launch(jobs, { cwd, resume: first.dir });
    expect(second.dir).toBe(first.dir);
    expect(second.ok).toBe(true);
    expect(second.jobs.map((j) => j.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
    for (const n of [0, 1, 3]) expect(readFileSync(join(first.dir, String(n), 'stdout.log'), 'utf8')).toBe('ran\n');
    expect(readFileSync(join(first.dir, '2', 'stdout.log'), 'utf8')).toBe('ran\nran\n');

    const events = readFileSync(first.eventsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as LaunchEvent);
    expect(events.filter((e) => e.type === 'launch:start')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'job:state' && e.state === 'completed-earlier').map((e) => (e.type === 'job:state' ? e.job.num : -1))).toEqual([0, 1, 3]);
  });

  it('refuses a different job list, naming the job and both override lists', async () => {
    const cwd = await tempDir();
    const first = await createLauncher().launch([job(0, cwd), job(1, cwd)], { cwd });
    expect(() => createLauncher().launch([job(0, cwd), job(5, cwd)], { cwd, resume: first.dir })).toThrow(JobSpecError);
    expect(() => createLauncher().launch([job(0, cwd), job(5, cwd)], { cwd, resume: first.dir })).toThrow(/job 1 ran with \["n=1"\], but job 1 is now \["n=5"\]/);
  });

  it('refuses a folder that holds no launch', async () => {
    const cwd = await tempDir();
    expect(() => createLauncher().launch([job(0, cwd)], { cwd, resume: 'logs/nothing-here' })).toThrow(/has no events.jsonl/);
    expect(existsSync(join(cwd, 'logs'))).toBe(false);
  });
});
