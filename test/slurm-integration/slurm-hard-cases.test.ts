import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { createLauncher } from '../../src/launchers/create-launcher.js';
import type { LauncherDefinition } from '../../src/launchers/launcher-definition.js';
import { createSlurmCommands } from '../../src/launchers/slurm/create-slurm-commands.js';
import { attachSlurmLaunch } from '../../src/launchers/slurm/attach-slurm-launch.js';
import { defineSlurmLauncher, slurmLauncher } from '../../src/launchers/slurm/slurm-launcher.js';
import { describeCluster, useSharedTempDirs, slurm } from './cluster.js';

// Issue 12: what went wrong on a real cluster, one test each.
const FAST_POLL = { poll_interval_s: 0.5, poll_max_interval_s: 2 };
const SWEEP = { mode: 'multirun' } as const;

function launcherIn(sweepDir: string, fields: Record<string, unknown> = {}, definition: LauncherDefinition<never> = slurmLauncher as unknown as LauncherDefinition<never>) {
  return createLauncher({ launcher: 'slurm', ...FAST_POLL, ...fields, hydra: { sweep: { dir: sweepDir, subdir: '${hydra.job.num}' } } }, { launchers: [definition] });
}

// Folders of this file's launches, removed at the end (set SLURM_TEST_KEEP=1 to inspect them).
const sharedTempDir = useSharedTempDirs();

describeCluster('slurm launcher under hard cluster conditions', () => {
  it('requeues exactly the one task whose time is up, never its running siblings (even the task that carries the array id)', { timeout: 240_000 }, async () => {
    const dir = sharedTempDir('requeue-one');
    const script = `f="$SPECTRAMIND_RUN_DIR/log"; echo "start $((SLURM_RESTART_COUNT + 1))" >> "$f"; trap 'echo checkpoint >> "$f"; exit 0' USR2; sleep 25 & wait`;
    const handle = launcherIn(join(dir, 'sweep'), { max_num_timeout: 1 }).launch(Array.from({ length: 3 }, () => ({ command: ['bash', '-c', script] })), { ...SWEEP, cwd: dir });
    let arrayId = '';
    const started = new Set<number>();
    let signalled = -1;
    handle.on('job:state', (e) => {
      if (e.state === 'submitted') arrayId = (e.detail ?? '').split('_')[0] ?? '';
    });
    handle.on('job:start', (e) => {
      started.add(e.job.num);
      if (started.size < 3 || signalled >= 0) return;
      // the task whose own job id is the array id: requeueing "$SLURM_JOB_ID" there hits the whole array
      const rows = slurm('squeue', ['-h', '-r', '-j', arrayId, '-o', '%A %i']).trim().split('\n').map((l) => l.trim().split(/\s+/));
      const carrier = rows.find(([jobId]) => jobId === arrayId)?.[1] ?? '';
      signalled = Number(carrier.split('_')[1]);
      setTimeout(() => slurm('scancel', ['--signal=USR2', '--batch', carrier]), 2000);
    });
    const result = await handle;
    expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'completed', 'completed']);
    for (const num of [0, 1, 2]) {
      const lines = readFileSync(join(dir, 'sweep', String(num), 'log'), 'utf8').trim().split('\n');
      if (num === signalled) {
        expect(lines).toEqual(['start 1', 'checkpoint', 'start 2']);
        expect(result.jobs[num]?.attempts).toBe(2);
      } else {
        expect(lines).toEqual(['start 1']);
        expect(result.jobs[num]?.attempts).toBe(1);
      }
    }
  });

  it('fails a request the cluster can never run at once, in SLURM words, naming the fields to change, and queues nothing', async () => {
    const dir = sharedTempDir('impossible');
    for (const [fields, field] of [
      [{ mem_gb: 32 }, 'hydra.launcher.mem_gb=32'],
      [{ partition: 'gpu', gres: 'gpu:3' }, 'hydra.launcher.gres=gpu:3'],
    ] as const) {
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

  it('runs split arrays side by side up to array_parallelism instead of one array at a time', async () => {
    const dir = sharedTempDir('shared-cap');
    const log = join(dir, 'spans.log');
    const jobs = Array.from({ length: 24 }, () => ({ command: ['bash', '-c', `echo "$(date +%s.%N) 1" >> ${log}; sleep 4; echo "$(date +%s.%N) -1" >> ${log}`] }));
    const result = await launcherIn(join(dir, 'sweep'), { max_array_size: 4, array_parallelism: 10 }).launch(jobs, { ...SWEEP, cwd: dir });
    expect(result.ok).toBe(true);
    const marks = readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split(' ').map(Number) as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let running = 0;
    let most = 0;
    for (const [, delta] of marks) {
      running += delta;
      most = Math.max(most, running);
    }
    // chained arrays of 4 never ran more than 4 at once
    expect(most).toBeLessThanOrEqual(10);
    expect(most).toBeGreaterThan(4);
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
    const marks = readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split(' ').map(Number) as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let running = 0;
    let most = 0;
    for (const [, delta] of marks) {
      running += delta;
      most = Math.max(most, running);
    }
    expect(most).toBeLessThanOrEqual(8);
    // one array with a %8 throttle, not 24 single-task arrays run one at a time
    expect(most).toBeGreaterThan(2);
  });

  it('records each job with its SLURM id and log files, and attach appends a clean continuation ending in launch:end', async () => {
    const dir = sharedTempDir('handles');
    const sweep = join(dir, 'sweep');
    const detached = await launcherIn(sweep).launch([{ command: ['bash', '-c', 'echo hello'] }, { command: ['sleep', '2'] }], { ...SWEEP, cwd: dir, detach: true });
    expect(detached.jobs.map((j) => j.scheduler?.id)).toEqual([expect.stringMatching(/^\d+_0$/), expect.stringMatching(/^\d+_1$/)]);
    const attached = await attachSlurmLaunch(sweep);
    expect(attached.jobs.map((j) => j.outcome.status)).toEqual(['completed', 'completed']);
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

  it('follows jobs through the controller when sacct cannot reach slurmdbd, and never records a finished job as failed', async () => {
    const dir = sharedTempDir('dbd-down');
    const conf = process.env.SLURM_CONF ?? '/etc/slurm/slurm.conf';
    // a real "Connection refused" from sacct without stopping the shared cluster's slurmdbd
    const broken = join(dir, 'slurm.conf');
    writeFileSync(broken, readFileSync(conf, 'utf8').replace(/^AccountingStoragePort=.*$/m, 'AccountingStoragePort=1'));
    if (existsSync(join(dirname(conf), 'gres.conf'))) copyFileSync(join(dirname(conf), 'gres.conf'), join(dir, 'gres.conf'));
    const warnings: string[] = [];
    const commands = createSlurmCommands({ env: { ...process.env, SLURM_CONF: broken }, warn: (m) => warnings.push(m) });
    const definition = defineSlurmLauncher({ commands }) as unknown as LauncherDefinition<never>;
    const started = Date.now();
    const result = await launcherIn(join(dir, 'sweep'), {}, definition).launch([{ command: ['sleep', '2'] }, { command: ['bash', '-c', 'exit 3'] }], { ...SWEEP, cwd: dir });
    expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'failed']);
    expect(result.jobs[1]?.status === 'failed' && result.jobs[1].exitCode).toBe(3);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(warnings.join('\n')).toMatch(/sacct failed \(.*Connection refused.*\); asking squeue/);
  });
});
