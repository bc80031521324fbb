import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createLauncher } from '../../src/launchers/create-launcher.js';
import { describeCluster, slurm, useSharedTempDirs } from './cluster.js';

// Issue 12 must-have 7 on the real cluster: per-job handles, streamOutput by tailing the logs,
// and every task's result of a tasks_per_node=2 job.
const FAST_POLL = { poll_interval_s: 0.5, poll_max_interval_s: 2 };
const sharedTempDir = useSharedTempDirs();
const launcherIn = (sweepDir: string, fields: Record<string, unknown> = {}) =>
  createLauncher({ launcher: 'slurm', ...FAST_POLL, ...fields, hydra: { sweep: { dir: sweepDir, subdir: '${hydra.job.num}' } } });

describeCluster('slurm per-job handles', () => {
  it('cancels one job of three with scancel of its own task while its siblings keep running and complete', async () => {
    const dir = sharedTempDir('cancel-one');
    const jobs = [8, 600, 8].map((seconds, n) => ({ overrides: [`n=${n}`], command: ['bash', '-c', `echo started; sleep ${seconds}; echo done`] }));
    const handle = launcherIn(join(dir, 'sweep')).launch(jobs, { mode: 'multirun', cwd: dir });
    const running = new Set<number>();
    let siblingsRunningAfterCancel = '';
    const cancelled = new Promise<void>((resolve) => {
      handle.on('job:start', (event) => {
        running.add(event.job.num);
        if (running.size < 3) return;
        void handle.job(1).cancel('user stopped job 1').then(() => {
          // right after the cancel the other two tasks are still in the queue, running
          const id = handle.job(1).schedulerId ?? '';
          siblingsRunningAfterCancel = slurm('squeue', ['-h', '-r', '-j', id.split('_')[0] ?? '', '-o', '%i %T']);
          resolve();
        });
      });
    });
    const result = await handle;
    await cancelled;
    expect(result.jobs.map((job) => job.status)).toEqual(['completed', 'cancelled', 'completed']);
    expect(result.jobs[1]).toMatchObject({ reason: expect.stringContaining('user stopped job 1') });
    const [array] = (result.jobs[0]?.scheduler?.id ?? '').split('_');
    expect(siblingsRunningAfterCancel).toMatch(new RegExp(`${array}_0 RUNNING`));
    expect(siblingsRunningAfterCancel).toMatch(new RegExp(`${array}_2 RUNNING`));
    const states = slurm('sacct', ['-n', '-X', '-P', '-j', array ?? '', '-o', 'JobID,State']).trim().split('\n').map((line) => line.split('|').join(' ').replace(/ by \d+/, ''));
    expect(states.sort()).toEqual([`${array}_0 COMPLETED`, `${array}_1 CANCELLED`, `${array}_2 COMPLETED`]);
    expect(await handle.job(0).stdout({ tail: 1 })).toBe('done\n');
  });

  it('streams a running job output as job:output lines while it runs, by tailing its log', async () => {
    const dir = sharedTempDir('stream');
    const go = join(dir, 'go');
    // Job 0 prints a line, then waits (up to 90 s) for the file this test writes when that line
    // arrives as an event: streamed output lets it finish at once, output read at the end would not.
    const waitForGo = `for _ in $(seq 450); do [ -e ${go} ] && break; sleep 0.2; done; [ -e ${go} ] || exit 3`;
    const handle = launcherIn(join(dir, 'sweep'), { use_srun: false }).launch(
      [{ overrides: ['n=0'], command: ['bash', '-c', `echo first; echo warn >&2; ${waitForGo}; echo second`] }, { overrides: ['n=1'], command: ['bash', '-c', 'echo only'] }],
      { mode: 'multirun', cwd: dir, streamOutput: true },
    );
    const seen: { num: number; line: string }[] = [];
    handle.on('job:output', (event) => {
      seen.push({ num: event.job.num, line: `${event.stream}:${event.line}` });
      if (event.job.num === 0 && event.line === 'first') writeFileSync(go, '');
    });
    const result = await handle;
    expect(result.jobs.map((j) => j.status)).toEqual(['completed', 'completed']);
    expect(seen.filter((s) => s.num === 0).map((s) => s.line)).toEqual(['stdout:first', 'stderr:warn', 'stdout:second']);
    expect(seen.filter((s) => s.num === 1).map((s) => s.line)).toEqual(['stdout:only']);
  });

  it('keeps both task results of a tasks_per_node=2 module job', async () => {
    const dir = sharedTempDir('two-tasks');
    const module = join(dir, 'ranked.mjs');
    writeFileSync(module, 'export default (context) => ({ num: context.num, rank: Number(process.env.SLURM_PROCID) });\n');
    const handle = launcherIn(join(dir, 'sweep'), { tasks_per_node: 2 }).launch([{ module, overrides: ['n=0'] }, { module, overrides: ['n=1'] }], { mode: 'multirun', cwd: dir });
    const result = await handle;
    for (const num of [0, 1]) {
      expect(result.jobs[num]).toMatchObject({
        status: 'completed',
        result: { num, rank: 0 },
        tasks: [
          { task: 0, status: 'completed', result: { num, rank: 0 } },
          { task: 1, status: 'completed', result: { num, rank: 1 } },
        ],
      });
    }
    expect(await handle.job(1).result()).toEqual(result.jobs[1]);
  });
});
