// Counting and iterating a 10^6-job grid (6 parameters x 10 values), next to Hydra 1.3's BasicSweeper.
// Run: npx tsx bench/sweep-expand.ts          (add --large for the 10^7 grid too)
import { availableParallelism, loadavg } from 'node:os';
import { countSweepJobs, expandSweep } from '../src/sweep/index.js';

const HYDRA = {
  '1e6': { seconds: 0.51, mib: 113 },
  '1e7': { seconds: 6.2, mib: 1.3 * 1024 },
} as const; // measured with the real Hydra 1.3 (issue 3)

const MIB = 1024 * 1024;
const gridArgs = (params: number): string[] =>
  Array.from({ length: params }, (_, p) => `p${p}=${Array.from({ length: 10 }, (_, v) => `${v}`).join(',')}`);

function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const out = fn();
  return [out, (performance.now() - start) / 1000];
}

/** Iterates every job, touching each string, sampling RSS to find the peak growth. */
function iterateAll(args: string[]): { jobs: number; seconds: number; peakRssGrowthMib: number; checksum: number } {
  globalThis.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  let jobs = 0;
  let checksum = 0;
  const start = performance.now();
  for (const job of expandSweep(args).jobs()) {
    jobs++;
    checksum += (job[job.length - 1] as string).length;
    if ((jobs & 0xffff) === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - start) / 1000;
  peak = Math.max(peak, process.memoryUsage().rss);
  return { jobs, seconds, peakRssGrowthMib: (peak - base) / MIB, checksum };
}

/** Same-run baseline: the same grid as plain nested loops over pre-built strings, no library. */
function baseline(args: string[]): number {
  const lists = args.map((a) => {
    const [key, values] = a.split('=') as [string, string];
    return values.split(',').map((v) => `${key}=${v}`);
  });
  const [, seconds] = timed(() => {
    let checksum = 0;
    const idx = new Array<number>(lists.length).fill(0);
    const total = lists.reduce((n, l) => n * l.length, 1);
    for (let j = 0; j < total; j++) {
      const job = lists.map((l, d) => l[idx[d] as number] as string);
      checksum += (job[job.length - 1] as string).length;
      for (let d = lists.length - 1; d >= 0; d--) {
        idx[d] = (idx[d] as number) + 1;
        if ((idx[d] as number) < (lists[d] as string[]).length) break;
        idx[d] = 0;
      }
    }
    return checksum;
  });
  return seconds;
}

const ROUNDS = 3;

function report(label: '1e6' | '1e7', params: number): void {
  const args = gridArgs(params);
  const [count, countSeconds] = timed(() => countSweepJobs(args));
  // First round measures memory from a clean start; the best of the rounds is the time least
  // disturbed by other work on a shared machine (the baseline gets the same treatment).
  const run = iterateAll(args);
  let base = baseline(args);
  for (let r = 1; r < ROUNDS; r++) {
    run.seconds = Math.min(run.seconds, iterateAll(args).seconds);
    base = Math.min(base, baseline(args));
  }
  const hydra = HYDRA[label];
  console.log(`grid ${label}: ${params} parameters x 10 values (time: best of ${ROUNDS} rounds; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores)`);
  console.log(`  count without expanding : ${count.toLocaleString('en-US')} jobs in ${(countSeconds * 1000).toFixed(2)} ms (Hydra has to expand the grid to count it)`);
  console.log(`  iterate every job       : ${run.jobs.toLocaleString('en-US')} jobs in ${run.seconds.toFixed(3)} s (Hydra BasicSweeper ${hydra.seconds} s, ${(hydra.seconds / run.seconds).toFixed(1)}x faster)${label === '1e6' ? `, target < 0.5 s ${run.seconds < 0.5 ? 'MET' : 'NOT MET'}` : ''}`);
  console.log(`  peak RSS growth         : ${run.peakRssGrowthMib.toFixed(1)} MiB (Hydra ${hydra.mib.toFixed(0)} MiB)${label === '1e6' ? `, target < 10 MiB ${run.peakRssGrowthMib < 10 ? 'MET' : 'NOT MET'}` : ''}`);
  console.log(`  same-run baseline       : plain nested loops ${base.toFixed(3)} s; expandSweep costs ${(run.seconds / base).toFixed(2)}x the baseline`);
}

report('1e6', 6);
if (process.argv.includes('--large')) report('1e7', 7);
