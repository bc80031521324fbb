import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { createLauncher } from '../../src/launchers/create-launcher.js';
import type { LauncherDefinition } from '../../src/launchers/launcher-definition.js';
import { attachSlurmLaunch } from '../../src/launchers/slurm/attach-slurm-launch.js';
import { slurmLauncher } from '../../src/launchers/slurm/slurm-launcher.js';
import { describeCluster, mostAtOnce, useSharedTempDirs, slurm } from './cluster.js';

// Issue 12: what went wrong on a real cluster, one test each. Requeue of one task, impossible
// requests, the accounting outage and parallelism across split arrays are batch contract cases
// (src/testing/describe-batch-contract.ts), run for slurm in slurm-contract.test.ts.
const FAST_POLL = { poll_interval_s: 0.5, poll_max_interval_s: 2 };
const SWEEP = { mode: 'multirun' } as const;

function launcherIn(sweepDir: string, fields: Record<string, unknown> = {}, definition: LauncherDefinition<never> = slurmLauncher as unknown as LauncherDefinition<never>) {
  return createLauncher({ launcher: 'slurm', ...FAST_POLL, ...fields, hydra: { sweep: { dir: sweepDir, subdir: '${hydra.job.num}' } } }, { launchers: [definition] });
}

// Folders of this file's launches, removed at the end (set SLURM_TEST_KEEP=1 to inspect them).
const sharedTempDir = useSharedTempDirs();

describeCluster('slurm launcher under hard cluster conditions', () => {
  it('fails a request the cluster can never run at once, in SLURM words, naming the fields to change, and queues nothing', async () => {
    const dir = sharedTempDir('impossible');
    // (mem_gb beyond the node is the batch contract's case, in slurm-contract.test.ts)
    for (const [fields, field] of [[{ partition: 'gpu', gres: 'gpu:3' }, 'hydra.launcher.gres=gpu:3']] as const) {
      const started = Date.now();
      const sweep = join(dir, field.replace(/\W+/g, '-'));
      const result = await launcherIn(sweep, fields).launch([{ command: ['true'] }, { command: ['true'] }], { ...SWEEP, cwd: dir });
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(result.jobs.map((j) => j.status)).toEqual(['failed', 'failed']);
      const error = result.jobs[0]?.status === 'failed' ? result.jobs[0].error : null;
      expect(error?.code).toBe('ERR_SLURM_IMPOSSIBLE_REQUEST');
      expect(error?.message).toMatch(/Requested node configuration is not available/);
      expect(error?.message).toContain(field);
      const launch = JSON.parse(readFileSync(join(sweep, '.submitit', 'launch.json'), 'utf8')) as { arrays: { arrayJobId: string | null }[] };
      expect(launch.arrays.map((a) => a.arrayJobId)).toEqual([null]);
    }
  });

  it('runs 24 jobs with alternating time limits as one array, at most array_parallelism at once, each task under its own limit', async () => {
    const dir = sharedTempDir('mixed-limits');
    const log = join(dir, 'spans.log');
    const jobs = Array.from({ length: 24 }, (_, i) => ({ timeout_min: i % 2 === 0 ? 1 : 2, command: ['bash', '-c', `echo "$(date +%s.%N) 1" >> ${log}; sleep 2; echo "$(date +%s.%N) -1" >> ${log}`] }));
    const sweep = join(dir, 'sweep');
    const result = await launcherIn(sweep, { array_parallelism: 8 }).launch(jobs, { ...SWEEP, cwd: dir });
    expect(result.jobs.map((j) => j.status)).toEqual(jobs.map(() => 'completed'));
    const launch = JSON.parse(readFileSync(join(sweep, '.submitit', 'launch.json'), 'utf8')) as { arrays: { arrayJobId: string; timeMin: number }[] };
    expect(launch.arrays).toHaveLength(1);
    const id = launch.arrays[0]?.arrayJobId ?? '';
    expect(launch.arrays[0]?.timeMin).toBe(2);
    // what SLURM itself holds for each task (split-out tasks keep their <array>_<task> name)
    const readLimits = () => new Map(slurm('sacct', ['-j', id, '-X', '-n', '-P', '--format=JobID,Timelimit']).trim().split('\n').map((l) => l.split('|') as [string, string]));
    let limits = readLimits();
    // slurmdbd may lag a moment behind the controller
    for (let waited = 0; limits.size < jobs.length && waited < 20; waited += 1) {
      await sleep(500);
      limits = readLimits();
    }
    expect(jobs.map((_, task) => limits.get(`${id}_${task}`))).toEqual(jobs.map((j) => (j.timeout_min === 1 ? '00:01:00' : '00:02:00')));
    const most = mostAtOnce(log);
    expect(most).toBeLessThanOrEqual(8);
    // one array with a %8 throttle, not 24 single-task arrays run one at a time
    expect(most).toBeGreaterThan(2);
  });

  it('records each job with its SLURM id and log files, and attach appends a clean continuation ending in launch:end', async () => {
    const dir = sharedTempDir('handles');
    const sweep = join(dir, 'sweep');
    const detached = await launcherIn(sweep).launch([{ command: ['bash', '-c', 'echo hello'] }, { command: ['sleep', '2'] }], { ...SWEEP, cwd: dir, detach: true });
    expect(detached.jobs.map((j) => j.scheduler?.id)).toEqual([expect.stringMatching(/^\d+_0$/), expect.stringMatching(/^\d+_1$/)]);
    const output: string[] = [];
    const attached = await attachSlurmLaunch(sweep, { streamOutput: true, onEvent: (e) => (e.type === 'job:output' ? output.push(`${e.job.num}:${e.stream}:${e.line}`) : undefined) });
    expect(attached.jobs.map((j) => j.outcome.status)).toEqual(['completed', 'completed']);
    expect(output).toEqual(['0:stdout:hello']); // streamed from the log, whether it ran before or during the attach
    const events = readFileSync(join(sweep, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; status?: string; job?: { num: number }; scheduler?: { id: string; stdout: string } });
    const ends = events.filter((e) => e.type === 'job:end');
    expect(ends.map((e) => `${e.job?.num}:${e.status}`)).toEqual(['0:detached', '1:detached', '0:completed', '1:completed']);
    expect(events[events.length - 1]?.type).toBe('launch:end');
    expect(readFileSync(ends[2]?.scheduler?.stdout ?? '', 'utf8')).toBe('hello\n');
  });

  it('reports signals and missing programs as the local launcher does', async () => {
    const dir = sharedTempDir('causes');
    const result = await launcherIn(join(dir, 'sweep')).launch(
      [
        { command: ['bash', '-c', 'kill -KILL $$'] },
        { command: ['bash', '-c', 'kill -TERM $$'] },
        { command: ['bash', '-c', 'kill -SEGV $$'] },
        { command: ['no-such-program-spectramind'] },
        { command: ['bash', '-c', 'exit 3'] },
      ],
      { ...SWEEP, cwd: dir },
    );
    const failures = result.jobs.map((j) => (j.status === 'failed' ? { exitCode: j.exitCode, signal: j.signal, code: j.error.code ?? null } : j.status));
    expect(failures).toEqual([
      { exitCode: null, signal: 'SIGKILL', code: 'ERR_SLURM_JOB_FAILED' },
      { exitCode: null, signal: 'SIGTERM', code: 'ERR_SLURM_JOB_FAILED' },
      { exitCode: null, signal: 'SIGSEGV', code: 'ERR_SLURM_JOB_FAILED' },
      { exitCode: null, signal: null, code: 'ENOENT' },
      { exitCode: 3, signal: null, code: 'ERR_SLURM_JOB_FAILED' },
    ]);
    const missing = result.jobs[3];
    expect(missing?.status === 'failed' && missing.error.message).toMatch(/^command not found/);
  });

  it('keeps every log of a sweep whose folder has a % in its name', async () => {
    const dir = sharedTempDir('percent');
    const sweep = join(dir, 'lr=5%_%j%%A');
    const result = await launcherIn(sweep).launch([{ command: ['bash', '-c', 'echo out; echo err >&2'] }, { command: ['bash', '-c', 'echo failing >&2; exit 4'] }], { ...SWEEP, cwd: dir });
    expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'failed']);
    const launch = JSON.parse(readFileSync(join(sweep, '.submitit', 'launch.json'), 'utf8')) as { arrays: { arrayJobId: string }[] };
    const id = launch.arrays[0]?.arrayJobId ?? '';
    expect(readFileSync(join(sweep, '.submitit', `${id}_0.out`), 'utf8')).toBe('out\n');
    const failed = result.jobs[1];
    const errLog = /and (\S+\.err)/.exec(failed?.status === 'failed' ? failed.error.message : '')?.[1] ?? '';
    expect(readFileSync(errLog, 'utf8')).toContain('failing');
  });

});
