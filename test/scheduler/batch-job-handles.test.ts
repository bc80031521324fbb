import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLauncher } from '../../src/launchers/create-launcher.js';
import type { LauncherDefinition } from '../../src/launchers/launcher-definition.js';
import { defineSlurmLauncher } from '../../src/launchers/slurm/slurm-launcher.js';
import type { SchedulerCommands } from '../../src/scheduler/scheduler-commands.js';
import { fakeClock } from './fake-clock.js';
import { fakeScheduler } from './fake-scheduler.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setup(commands: SchedulerCommands, fields: Record<string, unknown> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'batch-handles-'));
  dirs.push(dir);
  const launcher = createLauncher(
    { launcher: 'slurm', ...fields, hydra: { sweep: { dir: join(dir, 'sweep'), subdir: '${hydra.job.num}' } } },
    { launchers: [defineSlurmLauncher({ commands }) as unknown as LauncherDefinition<never>] },
  );
  return { dir, launcher, clock: fakeClock(Date.parse('2026-01-01T00:00:00Z')) };
}

const commandJobs = (n: number) => Array.from({ length: n }, (_, i) => ({ command: ['echo', String(i)], overrides: [`seed=${i}`] }));

describe('per-job handles of a batch launch (fake scheduler)', () => {
  it('cancels one task of an array through its handle and lets its siblings finish', async () => {
    const { commands, calls } = fakeScheduler((num) => (num === 1 ? ['PENDING', 'RUNNING', 'RUNNING', 'RUNNING', 'RUNNING', 'RUNNING', 'RUNNING'] : ['PENDING', 'RUNNING', 'RUNNING', 'RUNNING', 'COMPLETED']));
    const { launcher, clock } = setup(commands);
    const handle = launcher.launch(commandJobs(3), { clock });
    expect(handle.job(1).state).toEqual({ phase: 'queued' });
    const seen: string[] = [];
    handle.on('job:start', (event) => {
      if (event.job.num !== 1) return;
      const job = handle.job(1);
      seen.push(`${job.state.phase} ${job.schedulerId ?? ''}`);
      void job.cancel('only this one');
    });
    const states: string[] = [];
    handle.on('job:state', (event) => {
      if (event.job.num === 1) states.push(`${event.state} ${event.native ?? '-'} ${event.detail ?? ''}`);
    });
    const result = await handle;
    expect(seen).toEqual(['running 100_1']);
    // a job cancelled alone says so before its end, as a launch cancel does for every job
    expect(states.slice(-2)).toEqual(['cancelling - cancelled alone: only this one', 'attempt-ended CANCELLED ']);
    expect(states.filter((line) => line.startsWith('cancelling'))).toHaveLength(1);
    // one task id, never the array id
    expect(calls.cancel).toEqual([['100_1']]);
    expect(result.jobs.map((job) => job.status)).toEqual(['completed', 'cancelled', 'completed']);
    expect(result.jobs[1]).toMatchObject({ status: 'cancelled', reason: 'only this one (SLURM job 100_1)', scheduler: { id: '100_1' } });
    expect(result.cancelled).toBe(false);
  });

  it('sends a cancel asked for before submission once the job has its scheduler id', async () => {
    const { commands, calls } = fakeScheduler(() => ['PENDING', 'RUNNING', 'COMPLETED']);
    const { launcher, clock } = setup(commands);
    const handle = launcher.launch(commandJobs(2), { clock });
    expect(await handle.job(0).cancel('not this one')).toBe(true);
    const result = await handle;
    expect(calls.cancel).toEqual([['100_0']]);
    expect(result.jobs.map((job) => job.status)).toEqual(['cancelled', 'completed']);
  });

  it('turns what a running job appends to its logs into job:output lines, all before its job:end', async () => {
    const { commands } = fakeScheduler(() => ['PENDING', 'RUNNING', 'RUNNING', 'COMPLETED']);
    const { launcher, clock, dir } = setup(commands);
    const handle = launcher.launch(commandJobs(2), { clock, streamOutput: true });
    const order: string[] = [];
    handle.on('job:start', (event) => {
      const logs = join(dir, 'sweep', '.submitit');
      mkdirSync(logs, { recursive: true });
      // a partial last line and a multi-byte character split over two writes
      appendFileSync(join(logs, `100_${event.job.num}.out`), `hello ${event.job.num}\nbyte \u00e9`);
      appendFileSync(join(logs, `100_${event.job.num}.out`), '\u00e9\npartial');
      writeFileSync(join(logs, `100_${event.job.num}.err`), 'warned\n');
    });
    handle.on('job:output', (event) => order.push(`${event.job.num} ${event.stream}:${event.line}`));
    handle.on('job:end', (event) => order.push(`${event.job.num} end`));
    const result = await handle;
    expect(result.ok).toBe(true);
    for (const num of [0, 1]) {
      const mine = order.filter((line) => line.startsWith(`${num} `));
      expect(mine.filter((line) => line.includes(' stdout:'))).toEqual([`${num} stdout:hello ${num}`, `${num} stdout:byte \u00e9\u00e9`, `${num} stdout:partial`]);
      expect(mine.filter((line) => !line.includes(' stdout:'))).toEqual([`${num} stderr:warned`, `${num} end`]);
      expect(mine.at(-1)).toBe(`${num} end`);
    }
    expect(await handle.job(1).stdout({ tail: 1 })).toBe('partial');
  });

  it('keeps every task result of a job with several tasks', async () => {
    const { commands } = fakeScheduler(() => ['PENDING', 'RUNNING', 'COMPLETED']);
    const { launcher, clock, dir } = setup(commands, { tasks_per_node: 2 });
    const handle = launcher.launch([{ module: join(dir, 'job.mjs'), overrides: ['a=1'] }, { module: join(dir, 'job.mjs'), overrides: ['a=2'] }], { clock, cwd: dir });
    handle.on('job:start', (event) => {
      if (event.job.num !== 0) return;
      const file = join(dir, 'sweep', '.submitit', 'jobs', '0', 'result.1.json');
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify({ ok: true, result: { rank: 1 } }));
    });
    const result = await handle;
    expect(result.jobs[0]).toMatchObject({ status: 'completed', result: { num: 0 }, tasks: [{ task: 0, status: 'completed', result: { num: 0 } }, { task: 1, status: 'completed', result: { rank: 1 } }] });
    expect(result.jobs[1]).not.toHaveProperty('tasks');
    expect(await handle.job(0).result()).toEqual(result.jobs[0]);
  });
});
