import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createLauncher } from '../../src/launchers/create-launcher.js';
import type { JobStarted, JobStateChanged } from '../../src/run/launch-events.js';
import type { LauncherDefinition } from '../../src/launchers/launcher-definition.js';
import { attachSlurmLaunch } from '../../src/launchers/slurm/attach-slurm-launch.js';
import { createSlurmCommands } from '../../src/launchers/slurm/create-slurm-commands.js';
import { defineSlurmLauncher, slurmLauncher } from '../../src/launchers/slurm/slurm-launcher.js';
import { describeCluster, FIXTURES, mostAtOnce, useSharedTempDirs, slurm } from './cluster.js';

const FAST_POLL = { poll_interval_s: 0.5, poll_max_interval_s: 2 };
// every launch here is a sweep, even of one job, so its folders sit under <dir>/sweep
const SWEEP = { mode: 'multirun' } as const;

function launcherIn(dir: string, fields: Record<string, unknown> = {}, definition: LauncherDefinition<never> = slurmLauncher as unknown as LauncherDefinition<never>) {
  return createLauncher({ launcher: 'slurm', ...FAST_POLL, ...fields, hydra: { sweep: { dir: join(dir, 'sweep'), subdir: '${hydra.job.num}' } } }, { launchers: [definition] });
}

const reportEnv = join(FIXTURES, 'report-env.mjs');

// Folders of this file's launches, removed at the end (set SLURM_TEST_KEEP=1 to inspect them).
const sharedTempDir = useSharedTempDirs();

describeCluster('slurm launcher on a real cluster', () => {
  it('runs a sweep of module and command jobs and brings their results back through the shared folder', async () => {
    const dir = sharedTempDir('sweep');
    // as if this launch ran inside a SLURM job: its SLURM_* variables must not reach the jobs
    process.env.SLURM_OUTER_MARKER = 'leaked';
    const handle = launcherIn(dir).launch(
      [
        { module: reportEnv, overrides: ['lr=0.1'], config: { lr: 0.1 } },
        { module: reportEnv, overrides: ['lr=0.2'], config: { lr: 0.2 } },
        { command: ['bash', '-c', 'echo "num=$SPECTRAMIND_JOB_NUM task=$SLURM_ARRAY_TASK_ID" > "$SPECTRAMIND_RUN_DIR/out.txt"'] },
        { command: ['bash', '-c', 'echo failing >&2; exit 3'] },
        { module: reportEnv, export: 'fail' },
      ],
      { ...SWEEP, cwd: dir },
    );
    const result = await handle.result.finally(() => delete process.env.SLURM_OUTER_MARKER);
    expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'completed', 'completed', 'failed', 'failed']);
    const first = result.jobs[0];
    expect(first?.status === 'completed' && first.result).toMatchObject({ num: 0, id: `${result.launchId}_0`, runDir: join(dir, 'sweep', '0'), config: 'lr: 0.1\n', arrayTaskId: '0', leakedOuterJob: null });
    expect(first?.status === 'completed' && (first.result as { slurmJobId: unknown }).slurmJobId).toMatch(/^\d+$/);
    expect(readFileSync(join(dir, 'sweep', '2', 'out.txt'), 'utf8')).toBe('num=2 task=2\n');
    const failedCommand = result.jobs[3];
    expect(failedCommand?.status === 'failed' && failedCommand.exitCode).toBe(3);
    const logFile = /Read its logs: \S+ and (\S+\.err)/.exec(failedCommand?.status === 'failed' ? failedCommand.error.message : '')?.[1] ?? '';
    expect(readFileSync(logFile, 'utf8')).toContain('failing');
    const failedModule = result.jobs[4];
    expect(failedModule?.status === 'failed' && failedModule.error).toMatchObject({ name: 'TypeError', code: 'ERR_SLURM_JOB_FAILED' });
    expect(failedModule?.status === 'failed' && failedModule.error.message).toMatch(/^boom from the job — SLURM job \d+_4 ended FAILED/);
    expect(existsSync(join(dir, 'sweep', '0', '.hydra', 'config.yaml'))).toBe(true);
  });

  it('never runs more than array_parallelism jobs at once when the array is larger', async () => {
    const dir = sharedTempDir('parallel');
    const log = join(dir, 'spans.log');
    const jobs = Array.from({ length: 10 }, () => ({ command: ['bash', '-c', `echo "$(date +%s.%N) 1" >> ${log}; sleep 3; echo "$(date +%s.%N) -1" >> ${log}`] }));
    const result = await launcherIn(dir, { array_parallelism: 3 }).launch(jobs, { ...SWEEP, cwd: dir });
    expect(result.ok).toBe(true);
    const most = mostAtOnce(log);
    expect(most).toBeLessThanOrEqual(3);
    expect(most).toBeGreaterThanOrEqual(2);
  });

  it('checkpoints a job over its time limit, requeues it up to max_num_timeout, then ends it TIMEOUT', { timeout: 400_000 }, async () => {
    const dir = sharedTempDir('timeout');
    // sbatch may send the signal up to 60 s before signal_delay_s (its event resolution): with a
    // 1-minute limit it came before the job had registered its hook, so no checkpoint was made
    const handle = launcherIn(dir, { timeout_min: 2, signal_delay_s: 30, max_num_timeout: 1, poll_max_interval_s: 5 }).launch(
      [
        { module: join(FIXTURES, 'checkpoint-job.mjs') },
        { command: ['bash', '-c', `f="$SPECTRAMIND_RUN_DIR/checkpoints"; echo "start attempt=$((SLURM_RESTART_COUNT + 1))" >> "$f"; trap 'echo checkpoint >> "$f"; exit 0' USR2; sleep 600 & wait`] },
      ],
      { ...SWEEP, cwd: dir },
    );
    const states: JobStateChanged[] = [];
    handle.on('job:state', (e) => states.push(e));
    const result = await handle;
    for (const num of [0, 1]) {
      expect(result.jobs[num]).toMatchObject({ status: 'timed-out', attempts: 2 });
      const lines = readFileSync(join(dir, 'sweep', String(num), 'checkpoints'), 'utf8').trim().split('\n');
      expect(lines.filter((l) => l.startsWith('start'))).toHaveLength(2);
      expect(lines.filter((l) => l.startsWith('checkpoint'))).toHaveLength(1);
      expect(states.some((s) => s.job.num === num && s.attempt === 2)).toBe(true);
    }
  });

  it('follows a running job that the scheduler requeues (preemption) through its second attempt, in the same folder', async () => {
    const dir = sharedTempDir('requeue');
    const handle = launcherIn(dir).launch([{ command: ['bash', '-c', 'echo "attempt ${SLURM_RESTART_COUNT:-0}" >> "$SPECTRAMIND_RUN_DIR/attempts"; sleep 6'] }], { ...SWEEP, cwd: dir });
    const starts: JobStarted[] = [];
    let slurmId = '';
    handle.on('job:state', (e) => {
      if (e.state === 'submitted') slurmId = e.detail ?? '';
    });
    handle.on('job:start', (e) => {
      starts.push(e);
      // job:start comes when the task's wrapper starts, before the command's first line ran:
      // requeue only once attempt 0 has written its mark, or the test races the wrapper
      if (e.attempt === 1) void requeueOnceWritten(join(dir, 'sweep', '0', 'attempts'), slurmId);
    });
    const result = await handle;
    expect(result.jobs[0]).toMatchObject({ status: 'completed', attempts: 2 });
    expect(starts.map((s) => s.attempt)).toEqual([1, 2]);
    expect(readFileSync(join(dir, 'sweep', '0', 'attempts'), 'utf8')).toBe('attempt 0\nattempt 1\n');
  }, 240_000);

  async function requeueOnceWritten(marker: string, slurmId: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (!(existsSync(marker) && readFileSync(marker, 'utf8').includes('attempt 0')) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    slurm('scontrol', ['requeue', slurmId]);
  }

  it('asks for memory and a GPU on the gpu partition', async () => {
    const dir = sharedTempDir('gpu');
    const result = await launcherIn(dir, { partition: 'gpu', gres: 'gpu:1', mem_gb: 1, cpus_per_task: 2 }).launch(
      [{ command: ['bash', '-c', 'echo "$SLURM_JOB_PARTITION $SLURM_MEM_PER_NODE $CUDA_VISIBLE_DEVICES $SLURM_CPUS_PER_TASK" > "$SPECTRAMIND_RUN_DIR/alloc"'] }],
      { ...SWEEP, cwd: dir },
    );
    expect(result.ok).toBe(true);
    expect(readFileSync(join(dir, 'sweep', '0', 'alloc'), 'utf8')).toBe('gpu 1024 0 2\n');
  });

  it('cancels a sweep mid-way and leaves nothing in squeue', async () => {
    const dir = sharedTempDir('cancel');
    const handle = launcherIn(dir, { array_parallelism: 2 }).launch(
      Array.from({ length: 6 }, () => ({ command: ['sleep', '120'] })),
      { ...SWEEP, cwd: dir },
    );
    const ids = new Set<string>();
    handle.on('job:state', (e) => {
      if (e.state === 'submitted') ids.add((e.detail ?? '').split('_')[0] ?? '');
    });
    handle.on('job:start', () => handle.cancel('test cancels'));
    const result = await handle;
    expect(result.cancelled).toBe(true);
    expect(result.jobs.map((j) => j.status)).toEqual(Array(6).fill('cancelled'));
    expect(slurm('squeue', ['-h', `--jobs=${[...ids].join(',')}`]).trim()).toBe('');
  });

  it('passes override values with shell syntax through as plain data', async () => {
    const dir = sharedTempDir('inject');
    const marker = join(dir, 'pwned');
    const nasty = [`$(touch ${marker})`, `\`touch ${marker}\``, `'; touch ${marker}; '`, `"; touch ${marker}; "`, `a\ntouch ${marker}`];
    const result = await launcherIn(dir, { comment: `$(touch ${marker}) "q" \\ #c`, name: `x$(touch ${marker})` }).launch(
      nasty.map((value) => ({ command: ['printf', '%s', value], overrides: [`v=${JSON.stringify(value)}`], env: { NASTY: value } })),
      { ...SWEEP, cwd: dir },
    );
    expect(result.ok).toBe(true);
    expect(existsSync(marker)).toBe(false);
    const launch = JSON.parse(readFileSync(join(dir, 'sweep', '.submitit', 'launch.json'), 'utf8')) as { arrays: { arrayJobId: string }[] };
    const arrayJobId = launch.arrays[0]?.arrayJobId ?? '';
    nasty.forEach((value, task) => expect(readFileSync(join(dir, 'sweep', '.submitit', `${arrayJobId}_${task}.out`), 'utf8')).toBe(value));
    // sbatch read the #SBATCH values back exactly (sacct keeps no comments by default: ask scontrol)
    const shown = slurm('scontrol', ['show', 'job', '-o', `${arrayJobId}_0`]);
    expect(/JobName=(.*?) UserId=/.exec(shown)?.[1]).toBe(`x$(touch ${marker})`);
    expect(/Comment=(.*?)\s+StdErr=/.exec(shown)?.[1]).toBe(`$(touch ${marker}) "q" \\ #c`);
  });

  it('detaches once everything is submitted, and attach follows the jobs to the end from the files alone', async () => {
    const dir = sharedTempDir('attach');
    const detached = await launcherIn(dir).launch([{ module: reportEnv }, { command: ['sleep', '2'] }], { ...SWEEP, cwd: dir, detach: true });
    expect(detached.jobs.map((j) => j.status)).toEqual(['detached', 'detached']);
    const attached = await attachSlurmLaunch(join(dir, 'sweep'));
    expect(attached.jobs.map((j) => j.outcome.status)).toEqual(['completed', 'completed']);
    expect(attached.jobs[0]?.outcome.status === 'completed' && (attached.jobs[0].outcome.result as { num: number }).num).toBe(0);
  });

  it.each([
    ['the controller alone (squeue -t all), as when accounting is off, and runs them without srun', 'squeue'],
    ['accounting alone (sacct)', 'sacct'],
  ] as const)('follows jobs through %s', async (_name, accounting) => {
    const dir = sharedTempDir(accounting);
    const definition = defineSlurmLauncher({ commands: createSlurmCommands({ accounting }) }) as unknown as LauncherDefinition<never>;
    const result = await launcherIn(dir, { use_srun: false }, definition).launch([{ command: ['sleep', '1'] }, { command: ['bash', '-c', 'exit 4'] }, { command: ['bash', '-c', 'kill -SEGV $$'] }], { ...SWEEP, cwd: dir });
    expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'failed', 'failed']);
    expect(result.jobs[1]?.status === 'failed' && result.jobs[1].exitCode).toBe(4);
    expect(result.jobs[2]?.status === 'failed' && result.jobs[2].signal).toBe('SIGSEGV');
  });
});
