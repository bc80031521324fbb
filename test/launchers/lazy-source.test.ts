import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLauncher, expandSweep, JobSpecError, parseEventLog, sweepJobs, type JobSpec, type LaunchEvent, type LauncherDefinition } from '../../src/index.js';
import { PREPARE_AHEAD } from '../../src/launchers/create-job-preparer.js';
import { useTempDirs } from '../support/temp-dir.js';

const TRUE = [process.execPath, '-e', ''];
const eventsOf = (file: string): LaunchEvent[] => [...parseEventLog(readFileSync(file, 'utf8')).events];

describe('launching a lazy job source', () => {
  const tempDir = useTempDirs();

  it('runs a sweepJobs source on basic with the numbering, folders, multirun.yaml and events an array gets', async () => {
    const cwd = await tempDir();
    const source = sweepJobs(expandSweep(['a=1,2', 'b=x,y']), (overrides): JobSpec => ({ command: TRUE, overrides }));
    const handle = createLauncher().launch(source, { cwd, sweepOverrides: ['a=1,2', 'b=x,y'] });
    const result = await handle;
    expect(result.jobs.map((j) => [j.job.num, j.job.overrides, j.status])).toEqual([
      [0, ['a=1', 'b=x'], 'completed'],
      [1, ['a=1', 'b=y'], 'completed'],
      [2, ['a=2', 'b=x'], 'completed'],
      [3, ['a=2', 'b=y'], 'completed'],
    ]);
    expect(result.jobs.map((j) => j.job.outputDir)).toEqual([0, 1, 2, 3].map((n) => join(result.dir, String(n))));
    expect(result.unreached).toBeNull();
    expect(result.ok).toBe(true);
    expect(existsSync(join(result.dir, 'multirun.yaml'))).toBe(true);
    expect(existsSync(join(result.dir, '2', '.hydra', 'overrides.yaml'))).toBe(true);
    const events = eventsOf(result.eventsFile);
    expect(events[0]).toMatchObject({ type: 'launch:start', jobCount: 4, mode: 'multirun' });
    // Queued as reached (a few ahead, to prepare them): each job's queued line comes before its start, the jobs run in order.
    const lines = events.filter((e) => e.type !== 'launch:start' && e.type !== 'launch:end').map((e) => `${e.type} ${'job' in e ? e.job.num : ''}`);
    for (const n of [0, 1, 2, 3]) expect(lines.indexOf(`job:queued ${n}`)).toBeLessThan(lines.indexOf(`job:start ${n}`));
    expect(lines.filter((line) => !line.startsWith('job:queued'))).toEqual([0, 1, 2, 3].flatMap((n) => [`job:start ${n}`, `job:end ${n}`]));
  });

  it('reads a long source only a few jobs ahead of the one starting, to prepare them, not the whole sweep', async () => {
    const cwd = await tempDir();
    const source = sweepJobs(expandSweep(['seed=range(40)']), (overrides): JobSpec => ({ command: TRUE, overrides }));
    const result = await createLauncher({ launcher: 'local', max_parallel_jobs: 1 }).launch(source, { cwd });
    expect(result.counts.completed).toBe(40);
    const events = eventsOf(result.eventsFile);
    const queuedBefore = (index: number): number => events.slice(0, index).filter((e) => e.type === 'job:queued').length;
    events.forEach((event, index) => {
      // The look-ahead: at most PREPARE_AHEAD jobs, twice that when a worker thread prepares them in batches.
      if (event.type === 'job:start') expect(queuedBefore(index)).toBeLessThanOrEqual(event.job.num + 1 + 2 * PREPARE_AHEAD);
    });
    const starts = events.filter((e) => e.type === 'job:start');
    expect(queuedBefore(events.indexOf(starts[0] as LaunchEvent))).toBeLessThan(40);
  });

  it('runs a generator of unknown size on local in parallel, numbering jobs in the order read', async () => {
    const cwd = await tempDir();
    function* jobs(): Generator<JobSpec> {
      for (let seed = 0; seed < 6; seed += 1) yield { command: TRUE, overrides: [`seed=${seed}`] };
    }
    const result = await createLauncher({ launcher: 'local', max_parallel_jobs: 2 }).launch(jobs(), { cwd });
    expect(result.mode).toBe('multirun');
    expect(result.jobs.map((j) => `${j.job.num}:${j.job.overrides[0]}:${j.status}`)).toEqual([0, 1, 2, 3, 4, 5].map((n) => `${n}:seed=${n}:completed`));
    expect(eventsOf(result.eventsFile)[0]).toMatchObject({ type: 'launch:start', jobCount: null });
  });

  it('reads an async iterable, and refuses a dry run of one, naming the fix', async () => {
    const cwd = await tempDir();
    async function* jobs(): AsyncGenerator<JobSpec> {
      for (let seed = 0; seed < 3; seed += 1) {
        await new Promise((r) => setTimeout(r, 5));
        yield { command: TRUE, overrides: [`seed=${seed}`] };
      }
    }
    const launcher = createLauncher({ launcher: 'local', max_parallel_jobs: 3 });
    const result = await launcher.launch(jobs(), { cwd });
    expect(result.jobs.map((j) => j.job.overrides)).toEqual([['seed=0'], ['seed=1'], ['seed=2']]);
    expect(() => launcher.launch(jobs(), { cwd, dryRun: true })).toThrow(/cannot be read synchronously/);
  });

  it('cancels a 10^6-job sweep after a few jobs, counting the rest as cancelled without making them', async () => {
    const cwd = await tempDir();
    let made = 0;
    const source = sweepJobs(expandSweep(['x=range(1000)', 'y=range(1000)']), (overrides): JobSpec => {
      made += 1;
      return { command: TRUE, overrides };
    });
    const handle = createLauncher({ launcher: 'local', max_parallel_jobs: 2 }).launch(source, { cwd });
    let ended = 0;
    handle.on('job:end', () => {
      ended += 1;
      if (ended === 5) handle.cancel('enough');
    });
    const result = await handle;
    const reached = result.jobs.length;
    expect(reached).toBeGreaterThanOrEqual(5);
    expect(made).toBeLessThan(20);
    expect(result.unreached).toEqual({ fromNum: reached, count: 1_000_000 - reached, outcome: { status: 'cancelled', signal: null, reason: 'never started: enough' } });
    expect(result.counts.completed + result.counts.cancelled).toBe(1_000_000);
    expect(result.ok).toBe(false);
    const end = eventsOf(result.eventsFile).at(-1);
    expect(end).toMatchObject({ type: 'launch:end', cancelled: true, unreached: result.unreached, counts: result.counts });
  });

  it('dry-runs a 10^6-job sweep by planning the first jobs only and giving the count', () => {
    let made = 0;
    const source = sweepJobs(expandSweep(['x=range(1000)', 'y=range(1000)']), (overrides): JobSpec => {
      made += 1;
      return { command: ['train'], overrides };
    });
    const dry = createLauncher().launch(source, { cwd: '/nowhere', dryRun: true, dryRunJobs: 3 });
    expect(dry.jobCount).toBe(1_000_000);
    expect(dry.plan.jobs.map((j) => [j.num, j.overrides])).toEqual([
      [0, ['x=0', 'y=0']],
      [1, ['x=0', 'y=1']],
      [2, ['x=0', 'y=2']],
    ]);
    expect(made).toBe(3);
    function* unsized(): Generator<JobSpec> {
      yield { command: ['a'] };
      yield { command: ['b'] };
    }
    expect(createLauncher().launch(unsized(), { cwd: '/nowhere', dryRun: true }).jobCount).toBe(2);
  });

  it('records a job the source gives wrong as a failed job and runs the rest', async () => {
    const cwd = await tempDir();
    const jobs = new Set<JobSpec>([{ command: TRUE }, { command: 'not argv' } as unknown as JobSpec, { command: TRUE }]);
    const result = await createLauncher().launch(jobs, { cwd });
    expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'failed', 'completed']);
    expect(result.jobs[1]).toMatchObject({ attempts: 0, error: { name: 'JobSpecError' } });
  });

  it('refuses function jobs on local one by one as they are read, as a failed job', async () => {
    const cwd = await tempDir();
    const jobs: JobSpec[] = [{ command: TRUE }, { run: () => 1 }];
    const result = await createLauncher({ launcher: 'local' }).launch(new Set(jobs), { cwd });
    expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'failed']);
    expect(() => createLauncher({ launcher: 'local' }).launch(jobs, { cwd })).toThrow(JobSpecError);
  });

  it('refuses a second job that would share the first one\'s folder when the subdir leaves out the number', async () => {
    const cwd = await tempDir();
    const jobs = new Set<JobSpec>([{ command: TRUE, overrides: ['a=1'] }, { command: TRUE, overrides: ['a=1'] }]);
    const result = await createLauncher({ hydra: { sweep: { subdir: '${hydra.job.override_dirname}' } } }).launch(jobs, { cwd });
    expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'failed']);
    expect(result.jobs[1]).toMatchObject({ error: { message: expect.stringMatching(/the folder of job 0/) } });
  });

  it('resumes a lazy sweep: completed jobs are kept by number, the others run again', async () => {
    const cwd = await tempDir();
    const marker = join(cwd, 'fixed');
    const make = () =>
      sweepJobs(expandSweep(['seed=1,2,3']), (overrides, index): JobSpec => ({
        command: index === 1 ? [process.execPath, '-e', `process.exit(require('node:fs').existsSync(${JSON.stringify(marker)}) ? 0 : 3)`] : TRUE,
        overrides,
      }));
    const launcher = createLauncher();
    const first = await launcher.launch(make(), { cwd });
    expect(first.jobs.map((j) => j.status)).toEqual(['completed', 'failed', 'completed']);
    await import('node:fs/promises').then((fs) => fs.writeFile(marker, ''));
    const again = await launcher.launch(make(), { cwd, resume: first.dir });
    expect(again.jobs.map((j) => j.status)).toEqual(['completed', 'completed', 'completed']);
    const second = eventsOf(again.eventsFile).filter((e) => e.launchId === again.launchId);
    expect(second.filter((e) => e.type === 'job:start').map((e) => ('job' in e ? e.job.num : -1))).toEqual([1]);
    const changed = sweepJobs(expandSweep(['seed=1,5,3']), (overrides): JobSpec => ({ command: TRUE, overrides }));
    await expect(launcher.launch(changed, { cwd, resume: first.dir })).rejects.toThrow(/its job 1 ran with \["seed=2"\], but job 1 is now \["seed=5"\]/);
  });

  it('reads a lazy source whole into plan.jobs for a backend that does not read context.jobs()', async () => {
    const cwd = await tempDir();
    const seen: number[][] = [];
    const arrayBackend: LauncherDefinition = {
      name: 'eager',
      schema: { type: 'object', properties: { launcher: { type: 'string' } } },
      createBackend: () => ({
        checkJobs: (jobs) => void seen.push(jobs.map((_, i) => i)),
        async execute(context) {
          for (const job of context.plan.jobs) context.finishJob(job, await context.runJob(job), { durationMs: 0 });
        },
      }),
    };
    const source = sweepJobs(expandSweep(['seed=1,2,3']), (overrides): JobSpec => ({ command: TRUE, overrides }));
    const result = await createLauncher({ launcher: 'eager' }, { launchers: [arrayBackend] }).launch(source, { cwd });
    expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'completed', 'completed']);
    // One check per job as read, then the whole list, as an array gets.
    expect(seen).toEqual([[0], [0], [0], [0, 1, 2]]);
  });
});
