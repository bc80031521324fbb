// Benchmark: the slurm launcher's dry run of a 10^6-job sweep (6 params x 10 values, a lazy
// sweepJobs source), every sbatch array script rendered, against the bare process as baseline.
//
//   npm run build && node bench/slurm-dry-run.mjs            (BENCH_ROUNDS=3, BENCH_PARAMS=6)
//
// Each round runs two fresh children, alternating: `bare` (node + dist/ imported, nothing run)
// and `dry` (the dry run). Peak RSS is the kernel's high-water mark of each child
// (process.resourceUsage().maxRSS), so nothing between two samples is missed. Prints medians,
// the dry run's RSS above the bare process, its time, and the target (< 200 MB).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TARGET_MB = 200;
const params = Number(process.env.BENCH_PARAMS ?? 6);
const mb = (kb) => kb / 1024;

async function child(mode) {
  const { createLauncher, expandSweep, sweepJobs } = await import('../dist/index.js');
  if (mode === 'bare') return { peakMb: mb(process.resourceUsage().maxRSS) };
  const dir = mkdtempSync(join(tmpdir(), 'spectramind-slurm-dry-'));
  try {
    const overrides = Array.from({ length: params }, (_, p) => `p${p}=${Array.from({ length: 10 }, (_, v) => v).join(',')}`);
    const source = sweepJobs(expandSweep(overrides), (jobOverrides) => ({ command: ['/bin/true'], overrides: jobOverrides }));
    const launcher = createLauncher({ launcher: 'slurm', hydra: { sweep: { dir: join(dir, 'sweep'), subdir: '${hydra.job.num}' } } });
    const started = performance.now();
    const dry = launcher.launch(source, { dryRun: true, cwd: dir });
    const seconds = (performance.now() - started) / 1000;
    const { jobCount, arrayCount, submitCalls, scripts } = dry.details;
    return { peakMb: mb(process.resourceUsage().maxRSS), seconds, jobs: jobCount, arrays: arrayCount, sbatchCalls: submitCalls, scriptsShown: scripts.length, shown: dry.details.shown };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  console.log(JSON.stringify(await child(process.argv[3])));
} else {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const self = fileURLToPath(import.meta.url);
  const runs = { bare: [], dry: [] };
  for (let round = 0; round < rounds; round++) {
    for (const mode of round % 2 === 0 ? ['bare', 'dry'] : ['dry', 'bare']) {
      const out = spawnSync(process.execPath, [self, '--child', mode], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(`${mode} child failed: ${out.stderr}`);
      runs[mode].push(JSON.parse(out.stdout.trim().split('\n').at(-1)));
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const bare = median(runs.bare.map((r) => r.peakMb));
  const peak = median(runs.dry.map((r) => r.peakMb));
  const seconds = median(runs.dry.map((r) => r.seconds));
  const last = runs.dry.at(-1);
  console.log(`slurm dry run of ${last.jobs} jobs (${params} params x 10 values, lazy source): ${last.arrays} arrays, ${last.sbatchCalls} sbatch calls, ${last.scriptsShown} scripts shown in full`);
  console.log(`  ${last.shown}`);
  console.log(`  peak RSS: ${peak.toFixed(1)} MB (bare process: ${bare.toFixed(1)} MB; +${(peak - bare).toFixed(1)} MB); target < ${TARGET_MB} MB: ${peak < TARGET_MB ? 'met' : 'NOT met'}`);
  console.log(`  time: ${seconds.toFixed(2)} s (${((seconds * 1e6) / last.jobs).toFixed(2)} µs per job); medians of ${rounds} alternating rounds; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}
