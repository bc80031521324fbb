import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createLauncher } from '../../src/launchers/create-launcher.js';
import type { LauncherDefinition } from '../../src/launchers/launcher-definition.js';
import { createSlurmCommands } from '../../src/launchers/slurm/create-slurm-commands.js';
import { defineSlurmLauncher } from '../../src/launchers/slurm/slurm-launcher.js';
import type { LaunchEvent } from '../../src/run/launch-events.js';
import type { SchedulerCommands } from '../../src/scheduler/scheduler-commands.js';
import { describeCluster, useSharedTempDirs } from './cluster.js';

const sharedTempDir = useSharedTempDirs();

/** The real commands, logging each sbatch call; without `throttle`, so the arrays are chained one after the other. */
function chainedCommands() {
  const real = createSlurmCommands();
  const submits: { id: string; after: string | null; at: number; queued: number }[] = [];
  let queued = 0;
  const { throttle: _throttle, ...rest } = real;
  const commands: SchedulerCommands = {
    ...rest,
    async submit(script, options) {
      const id = await real.submit(script, options);
      submits.push({ id, after: options.after, at: Date.now(), queued });
      return id;
    },
    async query(tasks) {
      queued = Math.max(queued, tasks.length);
      return real.query(tasks);
    },
  };
  return { commands, submits };
}

/** 30 jobs read from a generator (never an array), each logging when it starts and ends. */
function* jobs(log: string) {
  for (let i = 0; i < 30; i++) yield { command: ['bash', '-c', `echo "$(date +%s.%N) start $SPECTRAMIND_JOB_NUM" >> ${log}; sleep 1; echo "$(date +%s.%N) end $SPECTRAMIND_JOB_NUM" >> ${log}`], overrides: [`i=${i}`] };
}

describeCluster('slurm launcher reading its jobs array by array', () => {
  it('submits 30 jobs from a lazy source as chained MaxArraySize splits, while earlier ones run, and records every job', { timeout: 300_000 }, async () => {
    const dir = sharedTempDir('chunked');
    const log = join(dir, 'spans.log');
    const { commands, submits } = chainedCommands();
    const launcher = createLauncher(
      { launcher: 'slurm', poll_interval_s: 0.5, poll_max_interval_s: 1, max_array_size: 4, array_parallelism: 2, hydra: { sweep: { dir: join(dir, 'sweep'), subdir: '${hydra.job.num}' } } },
      { launchers: [defineSlurmLauncher({ commands }) as unknown as LauncherDefinition<never>] },
    );
    const result = await launcher.launch(jobs(log), { mode: 'multirun', cwd: dir });
    expect(result.jobs.map((j) => j.status)).toEqual(Array.from({ length: 30 }, () => 'completed'));
    // 8 arrays of 4 (the last of 2), each chained after the one before
    expect(submits).toHaveLength(8);
    expect(submits.map((s) => s.after)).toEqual([null, ...submits.slice(0, -1).map((s) => s.id)]);
    const ids = result.jobs.map((j) => j.scheduler?.id.split('_')[0]);
    expect(ids).toEqual(Array.from({ length: 30 }, (_, num) => submits[Math.floor(num / 4)]?.id));
    // read as the launch went: the first window (2 + 2 x 4 tasks) took 3 arrays, the rest came while jobs ran
    expect(submits.filter((s) => s.queued === 0)).toHaveLength(3);
    // chained: an array's first job starts after every job of the one before ended
    const spans = readFileSync(log, 'utf8').trim().split('\n').map((line) => line.split(' ')).map(([at, what, num]) => ({ at: Number(at), what, num: Number(num) }));
    for (let array = 1; array < 8; array++) {
      const firstStart = Math.min(...spans.filter((s) => s.what === 'start' && Math.floor(s.num / 4) === array).map((s) => s.at));
      const lastEnd = Math.max(...spans.filter((s) => s.what === 'end' && Math.floor(s.num / 4) === array - 1).map((s) => s.at));
      expect(firstStart).toBeGreaterThanOrEqual(lastEnd);
    }
    const ends = readFileSync(join(dir, 'sweep', 'events.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as LaunchEvent).filter((e) => e.type === 'job:end');
    expect(ends.map((e) => (e.type === 'job:end' ? e.job.num : -1)).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });
});
