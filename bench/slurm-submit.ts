/**
 * Benchmark: a sweep on the real test cluster with the slurm launcher, next to raw SLURM
 * measured in the same run.
 *
 *   eval "$(bash scripts/slurm-dev/up.sh)"; npm run build; npx tsx bench/slurm-submit.ts
 *
 * Part 1 (turnaround, the issue-12 target): for 200 and 1,000 `true` tasks, alternating rounds of
 * the launcher (launch() until every job ended) and a raw `sbatch --array` of the same tasks and
 * the same `%` cap (submit until squeue lists none of them), both polling every 0.5-2 s, the
 * launcher with use_srun: false so both batch shells run `true` itself. Prints
 * the medians and launcher/raw (target <= 1.2x). BENCH_ROUNDS (default 3), BENCH_SIZES (200,1000), BENCH_ACCOUNTING (sacct or squeue: the state source the launcher polls; default both, sacct first).
 * Part 2 (submission, BENCH_SUBMIT=0 skips it): sbatch calls (target: one --test-only probe per
 * distinct request + ceil(N / MaxArraySize) submits), scheduler queries per poll (target 1), time
 * until every job is submitted (held) and released, and the speed-up over one sbatch per job
 * (target >= 20x).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
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
  const real = createSlurmCommands({ runner, ...(process.env.BENCH_ACCOUNTING === undefined ? {} : { accounting: process.env.BENCH_ACCOUNTING as 'sacct' | 'squeue' }) });
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

async function launcherRun(count: ReturnType<typeof countingCommands>, fields: Record<string, unknown>, detach: boolean, name: string, n = N) {
  const launcher = createLauncher(
    { launcher: 'slurm', poll_interval_s: 1, poll_max_interval_s: 5, ...fields, hydra: { sweep: { dir: join(dir, name), subdir: '${hydra.job.num}' } } },
    { launchers: [defineSlurmLauncher({ commands: count.commands }) as unknown as LauncherDefinition<never>] },
  );
  const jobs = Array.from({ length: n }, (_, i) => ({ command: ['true'], overrides: [`seed=${i}`] }));
  const ids = new Set<string>();
  const startedAtMs = Date.now();
  const started = performance.now();
  const handle = launcher.launch(jobs, { mode: 'multirun', cwd: dir, detach });
  handle.on('job:state', (e) => {
    if (e.state === 'submitted') ids.add((e.detail ?? '').split('_')[0] ?? '');
  });
  const result = await handle;
  return { submitMs: count.lastSubmitAt() - started, releaseMs: count.releasedAt() - started, totalMs: performance.now() - started, result, ids: [...ids], startedAtMs };
}

const maxArraySize = Number(/MaxArraySize\s*=\s*(\d+)/.exec(spawnSync('scontrol', ['show', 'config'], { encoding: 'utf8' }).stdout)?.[1] ?? 1001);

// the same payload on both sides: the batch shell runs `true` (no srun step per task)
const FAST_POLL = { poll_interval_s: 0.5, poll_max_interval_s: 2, use_srun: false };
const PARALLELISM = 256; // the launcher's default array_parallelism, given to the raw array too
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? '200,1000').split(',').map(Number);

/**
 * Where a round's time went, from the scheduler's own records (whole seconds): from the round's
 * start to the last task's end (`ran`), and from then to when the caller saw it (`noticed`).
 */
function phasesOf(ids: readonly string[], startedAtMs: number, totalMs: number): { ranS: number; noticedS: number } {
  const out = spawnSync('sacct', ['-X', '-n', '-P', '-o', 'End', '-j', ids.join(',')], { encoding: 'utf8' });
  const ends = out.stdout.split('\n').map((line) => Date.parse(line.trim())).filter((t) => Number.isFinite(t));
  const ranS = ends.length === 0 ? Number.NaN : (Math.max(...ends) - startedAtMs) / 1000;
  return { ranS, noticedS: totalMs / 1000 - ranS };
}

/** A raw array of n `true` tasks: sbatch, then squeue every 0.5 s until none of its tasks is listed. */
async function rawArrayRun(n: number): Promise<{ ms: number; ids: string[]; startedAtMs: number }> {
  const startedAtMs = Date.now();
  const started = performance.now();
  const out = spawnSync('sbatch', ['--parsable', `--array=0-${n - 1}%${PARALLELISM}`, '--output=/dev/null', '--wrap', 'true'], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`raw sbatch --array failed: ${out.stderr}`);
  const id = out.stdout.trim().split(';')[0] ?? '';
  for (;;) {
    const queue = spawnSync('squeue', ['-h', '-r', '-j', id, '-o', '%i'], { encoding: 'utf8' });
    if (queue.status !== 0 || queue.stdout.trim() === '') break;
    await sleep(500);
  }
  return { ms: performance.now() - started, ids: [id], startedAtMs };
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

// Part 1: turnaround against a raw array, alternating which goes first so drift hits both.
const turnaround: string[] = [];
for (const size of SIZES) {
  const ours: number[] = [];
  const raw: number[] = [];
  const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const say = (who: string, ms: number, phases: { ranS: number; noticedS: number }, extra = '') =>
    console.log(`    ${size} ${who}: ${(ms / 1000).toFixed(1)} s = tasks ran ${phases.ranS.toFixed(0)} s (submit -> last end, sacct)${extra} + noticed ${phases.noticedS.toFixed(1)} s later; load ${load()}`);
  for (let round = 0; round < ROUNDS; round++) {
    const runOurs = async () => {
      const run = await launcherRun(countingCommands(), FAST_POLL, false, `turnaround-${size}-${round}`, size);
      if (run.result.counts.completed !== size) throw new Error(`launcher round: ${run.result.counts.completed}/${size} completed`);
      ours.push(run.totalMs);
      say('launcher', run.totalMs, phasesOf(run.ids, run.startedAtMs, run.totalMs), `, of which ${(run.releaseMs / 1000).toFixed(2)} s until released`);
    };
    const runRaw = async () => {
      const run = await rawArrayRun(size);
      raw.push(run.ms);
      say('raw     ', run.ms, phasesOf(run.ids, run.startedAtMs, run.ms));
    };
    if (round % 2 === 0) {
      await runOurs();
      await runRaw();
    } else {
      await runRaw();
      await runOurs();
    }
  }
  const ratio = median(ours) / median(raw);
  const rounds = ours.map((t, i) => `${(t / 1000).toFixed(1)}/${((raw[i] as number) / 1000).toFixed(1)}`).join(' ');
  turnaround.push(`  ${String(size).padStart(5)} tasks: launcher ${(median(ours) / 1000).toFixed(2)} s, raw sbatch --array ${(median(raw) / 1000).toFixed(2)} s, ratio ${ratio.toFixed(2)}x (target <= 1.2x; rounds launcher/raw s: ${rounds})`);
  console.log(turnaround.at(-1));
}
if (process.env.BENCH_SUBMIT === '0') {
  console.log(`slurm launcher turnaround, medians of ${ROUNDS} alternating rounds, MaxArraySize ${maxArraySize}:`);
  for (const line of turnaround) console.log(line);
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

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
// one `sbatch --test-only` probe for the sweep's one request, then one submit per array
console.log(`  sbatch calls (launcher)               ${ours.spawned.get('sbatch') ?? 0}   target 1 probe + ceil(${N}/${maxArraySize}) = ${1 + Math.ceil(N / maxArraySize)}`);
console.log(`  sbatch calls with max_array_size=300  ${split.spawned.get('sbatch') ?? 0}   target 1 probe + ${Math.ceil(N / 300)}`);
console.log(`  polls until all ${N} jobs ended        ${ours.polls()}   (${run.result.counts.completed} completed)`);
console.log(`  scheduler calls per poll              ${(ours.queryCalls() / ours.polls()).toFixed(2)}   target 1`);
console.log(`  launch() -> all submitted (held)      ${fmt(run.submitMs)}   x${(baselineMs / run.submitMs).toFixed(1)} faster than one sbatch per job (target >= 20x)`);
console.log(`  launch() -> released, ready to run    ${fmt(run.releaseMs)}   x${(baselineMs / run.releaseMs).toFixed(1)} (of which ${fmt(run.releaseMs - run.submitMs)} writing ${N} job folders, .hydra snapshots and job files)`);
console.log(`  launch() -> all ${N} jobs ended        ${fmt(run.totalMs)}`);
console.log(`  ${N} separate sbatch calls            ${fmt(baselineMs)}   (${(baselineMs / N).toFixed(2)} ms each, same run)`);
console.log(`turnaround, medians of ${ROUNDS} alternating rounds:`);
for (const line of turnaround) console.log(line);
rmSync(dir, { recursive: true, force: true });
