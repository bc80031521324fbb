import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLauncher } from '../../src/launchers/create-launcher.js';
import type { JobStarted, JobStateChanged, LaunchEvent } from '../../src/run/launch-events.js';
import type { LauncherDefinition } from '../../src/launchers/launcher-definition.js';
import { attachSlurmLaunch } from '../../src/launchers/slurm/attach-slurm-launch.js';
import { lockLaunchDir } from '../../src/run/launch-lock.js';
import type { SchedulerCommands } from '../../src/scheduler/scheduler-commands.js';
import { SlurmCommandError } from '../../src/launchers/slurm/slurm-errors.js';
import { defineSlurmLauncher } from '../../src/launchers/slurm/slurm-launcher.js';
import { slurmScheduler } from '../../src/launchers/slurm/slurm-scheduler.js';
import { fakeClock } from '../scheduler/fake-clock.js';
import { fakeScheduler } from '../scheduler/fake-scheduler.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setup(commands: SchedulerCommands, fields: Record<string, unknown> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'slurm-backend-'));
  dirs.push(dir);
  const launcher = createLauncher(
    { launcher: 'slurm', ...fields, hydra: { sweep: { dir: join(dir, 'sweep'), subdir: '${hydra.job.num}' } } },
    { launchers: [defineSlurmLauncher({ commands }) as unknown as LauncherDefinition<never>] },
  );
  return { dir, sweep: join(dir, 'sweep'), launcher, clock: fakeClock(Date.parse('2026-01-01T00:00:00Z')) };
}

const commandJobs = (n: number) => Array.from({ length: n }, (_, i) => ({ command: ['echo', String(i)], overrides: [`seed=${i}`] }));

describe('slurm backend (fake scheduler)', () => {
  it('submits a sweep as one array and ends each job with the state SLURM reports', async () => {
    const { commands, calls } = fakeScheduler((num) => (num === 2 ? ['PENDING', 'RUNNING', 'FAILED:3'] : ['PENDING', 'RUNNING', 'RUNNING', 'COMPLETED']));
    const { launcher, clock } = setup(commands);
    const handle = launcher.launch(commandJobs(3), { clock });
    const events: (JobStateChanged | JobStarted)[] = [];
    handle.on('job:state', (e) => events.push(e));
    handle.on('job:start', (e) => events.push(e));
    const result = await handle;
    expect(calls.submit).toHaveLength(1);
    expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'completed', 'failed']);
    expect(result.jobs.map((j) => j.scheduler?.id)).toEqual(['100_0', '100_1', '100_2']);
    expect(result.jobs[2]).toMatchObject({ attempts: 1, scheduler: { stdout: expect.stringMatching(/\.submitit\/100_2\.out$/), stderr: expect.stringMatching(/\.submitit\/100_2\.err$/) } });
    const failed = result.jobs[2];
    expect(failed?.status === 'failed' && failed.exitCode).toBe(3);
    expect(failed?.status === 'failed' && failed.error.message).toMatch(/SLURM job 100_2 ended FAILED with exit code 3\. Read its logs: .*100_2\.out and .*100_2\.err/);
    const job0 = events.filter((e) => e.job.num === 0).map((e) => (e.type === 'job:start' ? `start#${e.attempt}` : e.type === 'job:state' ? `${e.state}/${e.native ?? ''}` : ''));
    expect(job0).toEqual(['submitted/', 'pending/PENDING', 'running/RUNNING', 'start#1', 'attempt-ended/COMPLETED']);
  });

  it('asks the scheduler once per poll for every live job, never once per job', async () => {
    const { commands, calls } = fakeScheduler(() => ['PENDING', 'PENDING', 'RUNNING', 'COMPLETED']);
    const { launcher, clock } = setup(commands);
    await launcher.launch(commandJobs(50), { clock });
    expect(calls.query).toEqual([50, 50, 50, 50]);
  });

  it('backs off by a quarter of the quiet time while nothing changes and polls fast again after a change', async () => {
    const { commands } = fakeScheduler(() => [...Array.from({ length: 10 }, () => 'PENDING'), 'RUNNING', 'COMPLETED']);
    const { launcher, clock } = setup(commands, { poll_interval_s: 1, poll_max_interval_s: 2 });
    await launcher.launch(commandJobs(1), { clock });
    // quiet 5 s -> 1.25 s, 6.25 s -> 1.5625 s ... capped at 2 s; RUNNING is a change
    expect(clock.sleeps).toEqual([1000, 1000, 1000, 1000, 1000, 1250, 1562.5, 1953.125, 2000, 2000, 1000]);
  });

  it('returns the JSON result a module job wrote to the shared folder', async () => {
    const { commands } = fakeScheduler();
    const { launcher, clock, dir } = setup(commands);
    const result = await launcher.launch([{ module: join(dir, 'job.mjs') }, { module: join(dir, 'job.mjs') }], { clock });
    expect(result.jobs.map((j) => (j.status === 'completed' ? j.result : j.status))).toEqual([{ num: 0 }, { num: 1 }]);
  });

  it('splits at MaxArraySize and chains the arrays when the launch has more jobs than array_parallelism', async () => {
    const { commands, calls } = fakeScheduler();
    const { launcher, clock } = setup(commands, { max_array_size: 2, array_parallelism: 2 });
    const result = await launcher.launch(commandJobs(5), { clock });
    expect(result.ok).toBe(true);
    expect(calls.submit.map((s) => [s.hold, s.after])).toEqual([[true, null], [true, '100'], [true, '101']]);
    expect(calls.release).toEqual([['100', '101', '102']]);
    expect(calls.submit.map((s) => readFileSync(s.script, 'utf8').match(/#SBATCH --array=\S+/)?.[0])).toEqual(['#SBATCH --array=0-1%2', '#SBATCH --array=0-1%2', '#SBATCH --array=0%1']);
  });

  it('runs split arrays side by side under one array_parallelism budget, releasing waiting arrays as earlier ones finish', async () => {
    const { sharing, calls } = fakeScheduler(() => ['PENDING', 'RUNNING', 'COMPLETED']);
    const { launcher, clock } = setup(sharing, { max_array_size: 2, array_parallelism: 3 });
    const result = await launcher.launch(commandJobs(6), { clock });
    expect(result.ok).toBe(true);
    expect(calls.submit.map((s) => [s.hold, s.after])).toEqual([[true, null], [true, null], [true, null]]);
    expect(calls.submit.map((s) => readFileSync(s.script, 'utf8').match(/#SBATCH --array=\S+/)?.[0])).toEqual(['#SBATCH --array=0-1%2', '#SBATCH --array=0-1%1', '#SBATCH --array=0-1%1']);
    // first 2 + 1 = 3 run; the third array waits held, and is released once the first finished
    expect(calls.release[0]).toEqual(['100', '101']);
    expect(calls.release.slice(1).flat()).toEqual(['102']);
    expect(calls.throttle).toEqual([['102', 2]]);
  });

  it('reports in a dry run exactly the scheduler calls the launch makes before it releases anything', async () => {
    const jobs = Array.from({ length: 6 }, (_, i) => ({ command: ['echo', String(i)], timeout_min: i % 2 === 0 ? 5 : 10 }));
    const { sharing, calls } = fakeScheduler();
    const { launcher, clock } = setup(sharing, { max_array_size: 2, array_parallelism: 4 });
    const dry = launcher.launch(jobs, { dryRun: true });
    await launcher.launch(jobs, { clock });
    expect(dry.details.submitCalls).toBe(calls.probe.length + calls.submit.length);
    // a request is probed the first time an array asks for it, before that array is submitted
    // (alternating 5 and 10 minutes share arrays of 2 with the longer limit: one request)
    const shown = dry.details.submitCommands as string[][];
    expect(shown.filter((argv) => argv.includes('--test-only'))).toEqual(calls.probe.map((script) => ['sbatch', '--test-only', script]));
    expect(shown.filter((argv) => !argv.includes('--test-only'))).toEqual(calls.submit.map((s) => ['sbatch', '--parsable', '--hold', s.script]));
    expect(shown.map((argv) => argv[argv.length - 1]?.replace(/.*\//, ''))).toEqual(['array-0.sbatch', 'array-0.sbatch', 'array-1.sbatch', 'array-2.sbatch']);
  });

  it('lists in a dry run every scheduler call the launch makes up to its release, time limits included', async () => {
    const jobs = Array.from({ length: 6 }, (_, i) => ({ command: ['echo', String(i)], timeout_min: i % 2 === 0 ? 5 : 10 }));
    const { sharing } = fakeScheduler();
    const made: string[][] = [];
    const recording: SchedulerCommands = {
      ...sharing,
      probe: (script) => (made.push([...slurmScheduler.probeArgv!(script)]), sharing.probe!(script)),
      submit: async (script, options) => {
        const id = await sharing.submit(script, options);
        made.push([...slurmScheduler.submitArgv(script, options)]);
        return id;
      },
      setTaskTimeLimit: (id, tasks, timeMin) => (made.push([...slurmScheduler.taskTimeLimitArgv!(id, tasks, timeMin)]), sharing.setTaskTimeLimit!(id, tasks, timeMin)),
      release: (ids) => (made.push([...slurmScheduler.releaseArgv(ids)]), sharing.release(ids)),
    };
    const { launcher, clock } = setup(recording, { max_array_size: 4, array_parallelism: 4 });
    const dry = launcher.launch(jobs, { dryRun: true });
    expect(made).toEqual([]);
    await launcher.launch(jobs, { clock });
    // the dry run names arrays `<array i>`; the launch got ids 100, 101
    const named = made.map((argv) => argv.map((word) => word.replace(/(?<![\w-])10(\d)(?!\d)/g, (_m, i: string) => `<array ${i}>`)));
    expect(dry.details.schedulerCommands).toEqual(named.slice(0, named.findIndex((argv) => argv[1] === 'release') + 1));
    expect(dry.details.schedulerCommands).toEqual([
      ['sbatch', '--test-only', expect.stringMatching(/array-0\.sbatch$/)],
      ['sbatch', '--parsable', '--hold', expect.stringMatching(/array-0\.sbatch$/)],
      ['scontrol', 'update', 'JobId=<array 0>_[0,2]', 'TimeLimit=5'],
      ['sbatch', '--parsable', '--hold', expect.stringMatching(/array-1\.sbatch$/)],
      ['scontrol', 'update', 'JobId=<array 1>_[0]', 'TimeLimit=5'],
      ['scontrol', 'release', '<array 0>'],
    ]);
    expect(dry.details.schedulerCalls).toBe(6);
    expect(dry.details.submitCalls).toBe(3);
  });

  it('puts jobs that differ only in their time limit into one array with the longest limit, and gives each task its own before release', async () => {
    const jobs = Array.from({ length: 24 }, (_, i) => ({ command: ['echo', String(i)], timeout_min: i % 2 === 0 ? 1 : 2 }));
    const { sharing, calls } = fakeScheduler();
    const { launcher, clock } = setup(sharing, { array_parallelism: 8 });
    const result = await launcher.launch(jobs, { clock });
    expect(result.ok).toBe(true);
    expect(calls.submit).toHaveLength(1);
    const script = readFileSync(calls.submit[0]?.script ?? '', 'utf8');
    expect(script).toContain('#SBATCH --array=0-23%8');
    expect(script).toContain('#SBATCH --time="2"');
    expect(calls.timeLimit).toEqual([['100', Array.from({ length: 12 }, (_, i) => 2 * i), 1]]);
    expect(calls.release).toEqual([['100']]);
    // each job keeps its own limit in the record
    const own = jobs.map((_, num) => (JSON.parse(readFileSync(join(result.dir, '.submitit', 'jobs', String(num), 'job.json'), 'utf8')) as { timeoutMs: number }).timeoutMs);
    expect(own.map((ms) => ms / 60_000)).toEqual(jobs.map((j) => j.timeout_min));
  });

  it('keeps one array per time limit when the scheduler cannot set a task limit (as SGE)', async () => {
    const jobs = Array.from({ length: 4 }, (_, i) => ({ command: ['echo', String(i)], timeout_min: i % 2 === 0 ? 1 : 2 }));
    const { commands, calls } = fakeScheduler();
    const { launcher, clock } = setup(commands, { array_parallelism: 8 });
    await launcher.launch(jobs, { clock });
    expect(calls.submit.map((s) => readFileSync(s.script, 'utf8').match(/#SBATCH --time=\S+/)?.[0])).toEqual(['#SBATCH --time="1"', '#SBATCH --time="2"', '#SBATCH --time="1"', '#SBATCH --time="2"']);
  });

  it('still starts a new array where a request other than the time limit differs (the job name)', () => {
    const { sharing } = fakeScheduler();
    const { launcher } = setup(sharing, { name: '${hydra.job.name}' });
    const jobs = [0, 1, 2].map((i) => ({ command: ['echo'], timeout_min: i + 1, name: i === 2 ? 'other' : 'train' }));
    const dry = launcher.launch(jobs, { dryRun: true });
    const scripts = dry.details.scripts as { offset: number; count: number }[];
    expect(scripts.map((s) => [s.offset, s.count])).toEqual([[0, 2], [2, 1]]);
  });

  it('keeps to max_submit_per_s between sbatch calls', async () => {
    const { commands } = fakeScheduler();
    const { launcher, clock } = setup(commands, { max_array_size: 1, max_submit_per_s: 2 });
    await launcher.launch(commandJobs(3), { clock });
    expect(clock.sleeps.slice(0, 2)).toEqual([500, 500]);
  });

  it('scancels the whole launch on cancel() and records every unfinished job as cancelled', async () => {
    const { commands, calls } = fakeScheduler((num) => (num === 0 ? ['RUNNING', 'COMPLETED'] : ['PENDING', 'RUNNING', 'RUNNING', 'RUNNING', 'RUNNING']));
    const { launcher, clock } = setup(commands);
    const handle = launcher.launch(commandJobs(3), { clock });
    handle.on('job:end', (e) => {
      if (e.job.num === 0) handle.cancel('enough');
    });
    const result = await handle;
    expect(calls.cancel).toEqual([['100']]);
    expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'cancelled', 'cancelled']);
    expect(result.cancelled).toBe(true);
  });

  it('requeues a PREEMPTED job and counts its attempts', async () => {
    const { commands, calls } = fakeScheduler(() => ['RUNNING', 'PREEMPTED']);
    const { launcher, clock } = setup(commands);
    const result = await launcher.launch(commandJobs(1), { clock });
    expect(calls.requeue).toEqual([['100_0']]);
    expect(result.jobs[0]).toMatchObject({ status: 'completed', attempts: 2 });
  });

  it('detaches after submitting, and attachSlurmLaunch follows the jobs to the end from the files', async () => {
    const { commands, calls } = fakeScheduler();
    const { launcher, clock, sweep } = setup(commands);
    const detached = await launcher.launch([...commandJobs(2), { module: join(sweep, 'x.mjs') }], { clock, detach: true });
    expect(calls.query).toEqual([]);
    expect(detached.jobs.map((j) => j.status)).toEqual(['detached', 'detached', 'detached']);
    expect(detached.jobs[0]?.status === 'detached' && detached.jobs[0].reason).toMatch(/submitted to SLURM; follow it with attachSlurmLaunch/);
    expect(detached.jobs[0]?.status === 'detached' && detached.jobs[0].schedulerId).toMatch(/^\d+_0$/);
    const seen: string[] = [];
    const attached = await attachSlurmLaunch(sweep, { commands, clock, onEvent: (e) => seen.push(e.type) });
    expect(attached.jobs.map((j) => j.outcome.status)).toEqual(['completed', 'completed', 'completed']);
    expect(attached.jobs[2]?.outcome).toEqual({ status: 'completed', exitCode: 0, result: { num: 2 } });
    expect(seen.filter((t) => t === 'job:end')).toHaveLength(3);
    const logged = readFileSync(join(sweep, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as LaunchEvent);
    expect(logged.filter((e) => e.type === 'job:end' && e.status === 'completed')).toHaveLength(3);
    // a clean continuation: the detached ends, then one real end per job, then one more launch:end
    expect(logged.filter((e) => e.type === 'launch:end')).toHaveLength(2);
    expect(logged[logged.length - 1]).toMatchObject({ type: 'launch:end', counts: { completed: 3, detached: 0 } });
    const ends = logged.filter((e) => e.type === 'job:end');
    expect(ends.map((e) => (e.type === 'job:end' ? `${e.job.num}:${e.status}` : ''))).toEqual(['0:detached', '1:detached', '2:detached', '0:completed', '1:completed', '2:completed']);
    expect(ends[3]).toMatchObject({ scheduler: { id: expect.stringMatching(/^\d+_0$/), stdout: expect.stringMatching(/_0\.out$/), stderr: expect.stringMatching(/_0\.err$/) } });
    // attaching again follows nothing and writes nothing: every job already has its end
    const again = await attachSlurmLaunch(sweep, { commands, clock });
    expect(again.jobs).toEqual([]);
    expect(readFileSync(join(sweep, 'events.jsonl'), 'utf8').trim().split('\n')).toHaveLength(logged.length);
  });

  it('streams the followed jobs\' output when the attach asks for it: whole logs, each job\'s lines before its end', async () => {
    const { commands } = fakeScheduler();
    const { launcher, clock, sweep } = setup(commands);
    const detached = await launcher.launch(commandJobs(2), { clock, detach: true });
    for (const record of detached.jobs) {
      writeFileSync(record.scheduler?.stdout as string, `out ${record.job.num} a\nout ${record.job.num} b`);
      writeFileSync(record.scheduler?.stderr as string, `err ${record.job.num}\n`);
    }
    const seen: LaunchEvent[] = [];
    await attachSlurmLaunch(sweep, { commands, clock, streamOutput: true, onEvent: (e) => seen.push(e) });
    for (const num of [0, 1]) {
      const own = seen.filter((e) => 'job' in e && e.job.num === num);
      const lines = own.flatMap((e) => (e.type === 'job:output' ? [`${e.stream}:${e.line}`] : []));
      expect(lines.sort()).toEqual([`stderr:err ${num}`, `stdout:out ${num} a`, `stdout:out ${num} b`]);
      expect(own[own.length - 1]?.type).toBe('job:end'); // after its last line, the partial one included
    }
    expect(seen[seen.length - 1]?.type).toBe('launch:end');
    const logged = readFileSync(join(sweep, 'events.jsonl'), 'utf8');
    expect(logged).toContain('"line":"out 1 b"');
  });

  it('does not stream by default', async () => {
    const { commands } = fakeScheduler();
    const { launcher, clock, sweep } = setup(commands);
    const detached = await launcher.launch(commandJobs(2), { clock, detach: true });
    for (const record of detached.jobs) writeFileSync(record.scheduler?.stdout as string, 'out\n');
    const seen: LaunchEvent[] = [];
    await attachSlurmLaunch(sweep, { commands, clock, onEvent: (e) => seen.push(e) });
    expect(seen.filter((e) => e.type === 'job:output')).toEqual([]);
    expect(seen.filter((e) => e.type === 'job:end')).toHaveLength(2);
  });

  it('refuses to attach while another process holds the sweep folder, naming the holder, and follows once it is free', async () => {
    const { commands } = fakeScheduler();
    const { launcher, clock, sweep } = setup(commands);
    await launcher.launch(commandJobs(2), { clock, detach: true });
    const before = readFileSync(join(sweep, 'events.jsonl'), 'utf8');
    const held = await lockLaunchDir(sweep, 'other-launch');
    try {
      await expect(attachSlurmLaunch(sweep, { commands, clock })).rejects.toMatchObject({ code: 'ERR_LAUNCH_LOCKED', owner: { launchId: 'other-launch', pid: process.pid } });
      expect(readFileSync(join(sweep, 'events.jsonl'), 'utf8')).toBe(before);
    } finally {
      await held.release();
    }
    const attached = await attachSlurmLaunch(sweep, { commands, clock });
    expect(attached.jobs.map((j) => j.outcome.status)).toEqual(['completed', 'completed']);
  });

  it('renders every script in a dry run without asking the cluster or writing anything', () => {
    const { commands, calls } = fakeScheduler();
    const { launcher, sweep } = setup(commands, { partition: 'gpu' });
    const dry = launcher.launch(commandJobs(3), { dryRun: true });
    const scripts = dry.details.scripts as { path: string; text: string }[];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]?.path).toBe(join(sweep, '.submitit', 'array-0.sbatch'));
    expect(scripts[0]?.text).toContain('#SBATCH --partition="gpu"');
    // one probe (sbatch --test-only) and one held submit
    expect(dry.details.sbatchCalls).toBe(2);
    expect(calls.submit).toHaveLength(0);
    expect(existsSync(sweep)).toBe(false);
  });

  it('writes the scripts but submits nothing with dry_run: true', async () => {
    const { commands, calls } = fakeScheduler();
    const { launcher, clock, sweep } = setup(commands, { dry_run: true });
    const result = await launcher.launch(commandJobs(2), { clock });
    expect(calls.submit).toHaveLength(0);
    expect(result.jobs.map((j) => j.status)).toEqual(['skipped', 'skipped']);
    expect(readFileSync(join(sweep, '.submitit', 'array-0.sbatch'), 'utf8')).toContain('#SBATCH --array=0-1%2');
    expect(readFileSync(join(sweep, '.submitit', 'jobs', '1', 'job.sh'), 'utf8')).toContain("_sm_argv=('echo' '1')");
  });

  it('fails the launch with one clear error when sbatch cannot reach the scheduler', async () => {
    const { commands } = fakeScheduler();
    const down: SchedulerCommands = {
      ...commands,
      submit: () => Promise.reject(new SlurmCommandError(['sbatch', '--parsable', 'x.sbatch'], 1, 'sbatch: error: Batch job submission failed: Unable to contact slurm controller (connect failure)', 6)),
    };
    const { launcher, clock } = setup(down);
    await expect(launcher.launch(commandJobs(2), { clock }).result).rejects.toThrow(/`sbatch --parsable x\.sbatch` failed with exit code 1 \(tried 6 times\): sbatch: error: Batch job submission failed: Unable to contact slurm controller/);
  });

  it('fails the jobs of a request the cluster can never run before submitting them, in the scheduler words, naming the fields to change', async () => {
    const { commands, calls } = fakeScheduler();
    const verdict = 'sbatch: error: Batch job submission failed: Requested node configuration is not available';
    const probed: string[] = [];
    const refusing: SchedulerCommands = { ...commands, probe: async (script) => (probed.push(script), script.endsWith('array-1.sbatch') ? verdict : null) };
    const { launcher, clock } = setup(refusing, { mem_gb: 32, gres: 'gpu:3' });
    const result = await launcher.launch([...commandJobs(2), { command: ['echo', 'long'], timeout_min: 5 }], { clock });
    expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'completed', 'failed']);
    expect(probed).toHaveLength(2);
    expect(calls.submit).toHaveLength(1);
    const refused = result.jobs[2];
    expect(refused?.status === 'failed' && refused.error).toMatchObject({ code: 'ERR_SLURM_IMPOSSIBLE_REQUEST' });
    expect(refused?.status === 'failed' && refused.error.message).toMatch(/Requested node configuration is not available.*Change one of: .*hydra\.launcher\.gres=gpu:3.*hydra\.launcher\.mem_gb=32/);
  });

  it('refuses function jobs, which cannot run on another machine', () => {
    const { commands } = fakeScheduler();
    const { launcher } = setup(commands);
    expect(() => launcher.launch([{ run: () => 1 }])).toThrow(/function job; the slurm launcher runs jobs on other machines/);
  });
});
