/**
 * Benchmark: submitting a 1,000-job sweep to the real test cluster with the slurm launcher,
 * next to 1,000 separate `sbatch` calls measured in the same run.
 *
 *   eval "$(bash scripts/slurm-dev/up.sh)"; npm run build; npx tsx bench/slurm-submit.ts
 *
 * Prints: sbatch calls (target ceil(N / MaxArraySize)), scheduler queries per poll (target 1),
 * time from launch() until every job is submitted (held) and until it is released to run (job
 * folders written), and the speed-up over one sbatch per job (target >= 20x).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createLauncher } from '../src/launchers/create-launcher.js';
import type { LauncherDefinition } from '../src/launchers/launcher-definition.js';
import { createSlurmCommands } from '../src/launchers/slurm/create-slurm-commands.js';
import { runCommand, type CommandRunner } from '../src/process/run-command.js';
import type { SchedulerCommands } from '../src/scheduler/scheduler-commands.js';
import { defineSlurmLauncher } from '../src/launchers/slurm/slurm-launcher.js';

const N = Number(process.env.BENCH_JOBS ?? 1000);
const dir = mkdtempSync(join('/tmp', 'spectramind-slurm-bench-'));

/** Real scheduler commands that count every program they spawn and every poll. */
function countingCommands() {
  const spawned = new Map<string, number>();
  let polls = 0;
  let queryCalls = 0;
  let querying = false;
  let lastSubmitAt = 0;
  let releasedAt = 0;
  const runner: CommandRunner = (argv, env) => {
    spawned.set(argv[0] ?? '?', (spawned.get(argv[0] ?? '?') ?? 0) + 1);
    if (querying) queryCalls += 1;
    return runCommand(argv, env);
  };
  const real = createSlurmCommands({ runner });
  const commands: SchedulerCommands = {
    ...real,
    submit: async (script, options) => {
      const id = await real.submit(script, options);
      lastSubmitAt = performance.now();
      return id;
    },
    release: async (ids) => {
      await real.release(ids);
      releasedAt = performance.now();
    },
    query: async (tasks) => {
      polls += 1;
      querying = true;
      try {
        return await real.query(tasks);
      } finally {
        querying = false;
      }
    },
  };
  return { commands, spawned, polls: () => polls, queryCalls: () => queryCalls, lastSubmitAt: () => lastSubmitAt, releasedAt: () => releasedAt };
}

function scancel(ids: readonly string[]): void {
  if (ids.length > 0) spawnSync('scancel', [...ids]);
}

async function launcherRun(count: ReturnType<typeof countingCommands>, fields: Record<string, unknown>, detach: boolean, name: string) {
  const launcher = createLauncher(
    { launcher: 'slurm', poll_interval_s: 1, poll_max_interval_s: 5, ...fields, hydra: { sweep: { dir: join(dir, name), subdir: '${hydra.job.num}' } } },
    { launchers: [defineSlurmLauncher({ commands: count.commands }) as unknown as LauncherDefinition<never>] },
  );
  const jobs = Array.from({ length: N }, (_, i) => ({ command: ['true'], overrides: [`seed=${i}`] }));
  const ids = new Set<string>();
  const started = performance.now();
  const handle = launcher.launch(jobs, { mode: 'multirun', cwd: dir, detach });
  handle.on('job:state', (e) => {
    if (e.state === 'submitted') ids.add((e.detail ?? '').split('_')[0] ?? '');
  });
  const result = await handle;
  return { submitMs: count.lastSubmitAt() - started, releaseMs: count.releasedAt() - started, totalMs: performance.now() - started, result, ids: [...ids] };
}

const maxArraySize = Number(/MaxArraySize\s*=\s*(\d+)/.exec(spawnSync('scontrol', ['show', 'config'], { encoding: 'utf8' }).stdout)?.[1] ?? 1001);

// 1. The launcher, followed to the end: sbatch calls, polls, scheduler calls per poll.
const ours = countingCommands();
const run = await launcherRun(ours, {}, false, 'sweep');

// 2. The same sweep split by a smaller MaxArraySize (detached, then cancelled).
const split = countingCommands();
const splitRun = await launcherRun(split, { max_array_size: 300 }, true, 'split');
scancel(splitRun.ids);

// 3. Baseline in the same run: one sbatch per job, held like the launcher's arrays (so the
//    baseline's own jobs do not run and load the machine while it is measured).
const baselineStart = performance.now();
const baselineIds: string[] = [];
for (let i = 0; i < N; i++) {
  const out = spawnSync('sbatch', ['--parsable', '--hold', '--output=/dev/null', '--wrap', 'true'], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`baseline sbatch failed: ${out.stderr}`);
  baselineIds.push(out.stdout.trim().split(';')[0] ?? '');
}
const baselineMs = performance.now() - baselineStart;
scancel(baselineIds);

const fmt = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
console.log(`slurm launcher benchmark: ${N} jobs, MaxArraySize ${maxArraySize}`);
console.log(`  sbatch calls (launcher)               ${ours.spawned.get('sbatch') ?? 0}   target ceil(${N}/${maxArraySize}) = ${Math.ceil(N / maxArraySize)}`);
console.log(`  sbatch calls with max_array_size=300  ${split.spawned.get('sbatch') ?? 0}   target ${Math.ceil(N / 300)}`);
console.log(`  polls until all ${N} jobs ended        ${ours.polls()}   (${run.result.counts.completed} completed)`);
console.log(`  scheduler calls per poll              ${(ours.queryCalls() / ours.polls()).toFixed(2)}   target 1`);
console.log(`  launch() -> all submitted (held)      ${fmt(run.submitMs)}   x${(baselineMs / run.submitMs).toFixed(1)} faster than one sbatch per job (target >= 20x)`);
console.log(`  launch() -> released, ready to run    ${fmt(run.releaseMs)}   x${(baselineMs / run.releaseMs).toFixed(1)} (of which ${fmt(run.releaseMs - run.submitMs)} writing ${N} job folders, .hydra snapshots and job files)`);
console.log(`  launch() -> all ${N} jobs ended        ${fmt(run.totalMs)}`);
console.log(`  ${N} separate sbatch calls            ${fmt(baselineMs)}   (${(baselineMs / N).toFixed(2)} ms each, same run)`);
rmSync(dir, { recursive: true, force: true });
