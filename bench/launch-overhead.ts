// Launch overhead: 1,000 jobs of `true` through the local launcher (2 slots, snapshots and
// events on) against a bare child_process.spawn loop at the same parallelism, measured in the
// same run; then peak RSS with 10,000 jobs queued (in a plain Node child running dist/).
// Run: npm run build && npx tsx bench/launch-overhead.ts
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLauncher } from '../src/index.js';

const JOBS = Number(process.env.BENCH_JOBS ?? 1000);
const QUEUED = Number(process.env.BENCH_QUEUED ?? 10_000);
const PARALLEL = 2;
const trueBin = '/bin/true';

async function bareLoop(count: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      next++;
      await new Promise<void>((resolve, reject) => spawn(trueBin, [], { stdio: 'ignore' }).once('exit', () => resolve()).once('error', reject));
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, lane));
  return performance.now() - started;
}

async function launcherRun(count: number, cwd: string): Promise<number> {
  const jobs = Array.from({ length: count }, (_, i) => ({ overrides: [`seed=${i}`], config: { seed: i }, command: [trueBin] }));
  const started = performance.now();
  const result = await createLauncher({ launcher: 'local', max_parallel_jobs: PARALLEL }).launch(jobs, { cwd });
  if (result.counts.completed !== count) throw new Error(`only ${result.counts.completed} of ${count} jobs completed`);
  return performance.now() - started;
}

/** Peak RSS of a fresh Node process (no tsx) that queues `count` jobs; see bench/queued-rss.mjs. */
function peakRssQueued(count: number): { peakMb: number; baselineMb: number; records: number } {
  const script = new URL('./queued-rss.mjs', import.meta.url).pathname;
  const out = execFileSync(process.execPath, [script, String(count)], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1) as string) as { peakMb: number; baselineMb: number; records: number };
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const cwd = await mkdtemp(join(tmpdir(), 'spectramind-bench-'));
try {
  await bareLoop(50); // warm up the spawn path
  // Alternate short rounds so a busy machine slows both sides alike; report medians.
  const perRound = Math.ceil(JOBS / ROUNDS);
  const bare: number[] = [];
  const ours: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bare.push((await bareLoop(perRound)) / perRound);
    ours.push((await launcherRun(perRound, join(cwd, String(round)))) / perRound);
  }
  const ratios = ours.map((o, i) => o / (bare[i] as number));
  console.log(`launch overhead, ${perRound * ROUNDS} jobs of true in ${ROUNDS} alternating rounds, ${PARALLEL} parallel:`);
  console.log(`  bare spawn loop     ${median(bare).toFixed(2)} ms/job (median of rounds)`);
  console.log(`  local launcher      ${median(ours).toFixed(2)} ms/job (snapshots + events.jsonl on)`);
  console.log(`  ratio               ${median(ratios).toFixed(2)}x median, ${Math.min(...ratios).toFixed(2)}x-${Math.max(...ratios).toFixed(2)}x per round   (target <= 1.5x)`);
  console.log(`  vs Hydra 1.3 basic  98 ms/job measured on this machine class -> ${(98 / median(ours)).toFixed(0)}x faster per job`);
  const rss = peakRssQueued(QUEUED);
  console.log(`peak RSS with ${QUEUED} jobs queued: ${rss.peakMb.toFixed(0)} MB (a bare Node process: ${rss.baselineMb.toFixed(0)} MB; target < 150 MB; ${rss.records} jobs recorded)`);
} finally {
  await rm(cwd, { recursive: true, force: true });
}
