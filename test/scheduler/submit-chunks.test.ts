import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLauncher } from '../../src/launchers/create-launcher.js';
import type { LauncherDefinition } from '../../src/launchers/launcher-definition.js';
import { attachSlurmLaunch } from '../../src/launchers/slurm/attach-slurm-launch.js';
import { defineSlurmLauncher } from '../../src/launchers/slurm/slurm-launcher.js';
import type { SchedulerCommands } from '../../src/scheduler/scheduler-commands.js';
import { fakeClock } from './fake-clock.js';
import { fakeScheduler } from './fake-scheduler.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The fake scheduler, logging every submit and query in the order the launch made them. */
function logged(commands: SchedulerCommands, sweep: () => string) {
  const log: string[] = [];
  const wrapped: SchedulerCommands = {
    ...commands,
    async submit(script, options) {
      const id = await commands.submit(script, options);
      // the jobs of arrays not submitted yet have no folder: they are read as the launch goes
      const folders = readdirCount(sweep());
      log.push(`submit ${id} after=${options.after ?? '-'} folders=${folders}`);
      return id;
    },
    async query(tasks) {
      log.push(`query ${tasks.length}`);
      return commands.query(tasks);
    },
  };
  return { wrapped, log };
}

function readdirCount(sweep: string): number {
  let n = 0;
  while (existsSync(join(sweep, String(n)))) n += 1;
  return n;
}

function setup(commands: SchedulerCommands, fields: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'submit-chunks-'));
  dirs.push(dir);
  const sweep = join(dir, 'sweep');
  const { wrapped, log } = logged(commands, () => sweep);
  const launcher = createLauncher(
    { launcher: 'slurm', ...fields, hydra: { sweep: { dir: sweep, subdir: '${hydra.job.num}' } } },
    { launchers: [defineSlurmLauncher({ commands: wrapped }) as unknown as LauncherDefinition<never>] },
  );
  return { sweep, launcher, log, clock: fakeClock(Date.parse('2026-01-01T00:00:00Z')) };
}

const jobs = (n: number) => Array.from({ length: n }, (_, i) => ({ command: ['echo', String(i)], overrides: [`seed=${i}`] }));

describe('chunked batch submission', () => {
  it('submits a launch larger than its window array by array as earlier ones finish, each chained after the previous', async () => {
    const { commands, calls } = fakeScheduler(() => ['PENDING', 'RUNNING', 'COMPLETED']);
    // window: array_parallelism 2 + 2 x max_array_size 5 = 12 tasks in the queue at most before the next array is read
    const { launcher, clock, log, sweep } = setup(commands, { max_array_size: 5, array_parallelism: 2 });
    const result = await launcher.launch(jobs(30), { clock });
    expect(result.ok).toBe(true);
    expect(result.jobs.map((j) => j.scheduler?.id)).toEqual(Array.from({ length: 30 }, (_, i) => `${100 + Math.floor(i / 5)}_${i % 5}`));
    expect(calls.submit.map((s) => s.after)).toEqual([null, '100', '101', '102', '103', '104']);
    const firstQuery = log.findIndex((line) => line.startsWith('query'));
    // 3 arrays (15 tasks) fill the first window; the other 3 are read and submitted while the first ones run
    expect(log.slice(0, firstQuery)).toEqual(['submit 100 after=- folders=0', 'submit 101 after=100 folders=5', 'submit 102 after=101 folders=10']);
    expect(log.filter((line) => line.startsWith('submit')).slice(3)).toHaveLength(3);
    const queried = log.filter((line) => line.startsWith('query')).map((line) => Number(line.split(' ')[1]));
    expect(Math.max(...queried)).toBeLessThanOrEqual(12 + 5);
    expect(calls.release).toHaveLength(4);
    expect(calls.release[0]).toEqual(['100', '101', '102']);
    const launchFile = JSON.parse(readFileSync(join(sweep, '.submitit', 'launch.json'), 'utf8')) as { state: string; arrays: { arrayJobId: string }[]; jobs?: unknown };
    expect(launchFile.arrays.map((a) => a.arrayJobId)).toEqual(['100', '101', '102', '103', '104', '105']);
    expect(launchFile.jobs).toBeUndefined();
  });

  it('shares array_parallelism across arrays submitted as the source is read, releasing held ones as budget frees', async () => {
    const { sharing, calls } = fakeScheduler(() => ['PENDING', 'RUNNING', 'RUNNING', 'COMPLETED']);
    const { launcher, clock } = setup(sharing, { max_array_size: 4, array_parallelism: 3 });
    const result = await launcher.launch(jobs(20), { clock });
    expect(result.ok).toBe(true);
    expect(calls.submit).toHaveLength(5);
    expect(calls.submit.every((s) => s.hold && s.after === null)).toBe(true);
    // the first window (3 + 2 x 4 = 11 tasks) takes 3 arrays; only the first gets budget (3 of its 4 tasks)
    expect(calls.release[0]).toEqual(['100']);
    expect(calls.release.flat().sort()).toEqual(['100', '101', '102', '103', '104']);
    // one probe for the one request, before the first submit
    expect(calls.probe).toHaveLength(1);
  });

  it('reads a lazy source only as far as the window: the first arrays are queued before the rest of the jobs exist', async () => {
    const { commands, calls } = fakeScheduler(() => ['PENDING', 'RUNNING', 'COMPLETED']);
    const { launcher, clock } = setup(commands, { max_array_size: 5, array_parallelism: 2 });
    const readWhenSubmitted: number[] = [];
    function* source() {
      for (let i = 0; i < 40; i++) {
        if (i === 15 || i === 16) readWhenSubmitted.push(calls.submit.length);
        yield { command: ['echo', String(i)] };
      }
    }
    const result = await launcher.launch(source(), { clock, mode: 'multirun' });
    expect(result.ok).toBe(true);
    expect(result.jobs).toHaveLength(40);
    expect(calls.submit).toHaveLength(8);
    // job 15 is read to close the third array (10..14); job 16 only once the first window (3 arrays) is in the queue
    expect(readWhenSubmitted).toEqual([2, 3]);
  });

  it('leaves launch.json saying "held" when the launcher stops between submitting an array and releasing it, so attach refuses it', async () => {
    const { commands } = fakeScheduler();
    const dying: SchedulerCommands = { ...commands, release: () => Promise.reject(new Error('the launcher died here')) };
    const { launcher, clock, sweep } = setup(dying, { max_array_size: 2, array_parallelism: 1 });
    await expect(launcher.launch(jobs(3), { clock }).result).rejects.toThrow(/the launcher died here/);
    const launchFile = JSON.parse(readFileSync(join(sweep, '.submitit', 'launch.json'), 'utf8')) as { state: string; arrays: unknown[] };
    expect(launchFile).toMatchObject({ state: 'held' });
    expect(launchFile.arrays).toHaveLength(2);
    await expect(attachSlurmLaunch(sweep, { commands, clock })).rejects.toThrow(/stopped before its jobs were released/);
  });

  it('says "submitted" in launch.json once the last array of the source is released', async () => {
    const { commands } = fakeScheduler();
    const { launcher, clock, sweep } = setup(commands, { max_array_size: 2, array_parallelism: 1 });
    expect((await launcher.launch(jobs(9), { clock })).ok).toBe(true);
    expect(JSON.parse(readFileSync(join(sweep, '.submitit', 'launch.json'), 'utf8'))).toMatchObject({ state: 'submitted' });
  });

  it('fails a function job met in a lazy source as that job alone, and runs the others', async () => {
    const { commands } = fakeScheduler();
    const { launcher, clock } = setup(commands, { max_array_size: 2 });
    function* source() {
      yield { command: ['echo', '0'] };
      yield { run: () => 1 };
      yield { command: ['echo', '2'] };
    }
    const result = await launcher.launch(source() as Iterable<{ command: string[] }>, { clock, mode: 'multirun' });
    expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'failed', 'completed']);
    const refused = result.jobs[1];
    expect(refused?.status === 'failed' && refused.error.message).toMatch(/^This job is a function job; the slurm launcher runs jobs on other machines/);
  });

  it('follows a detached launch nowhere but still submits every array, reading the source to its end', async () => {
    const { commands, calls } = fakeScheduler();
    const { launcher, clock } = setup(commands, { max_array_size: 3, array_parallelism: 1 });
    const result = await launcher.launch(jobs(10), { clock, detach: true });
    expect(calls.query).toEqual([]);
    expect(calls.submit.map((s) => s.after)).toEqual([null, '100', '101', '102']);
    expect(result.jobs.map((j) => j.status)).toEqual(Array.from({ length: 10 }, () => 'detached'));
  });
});
