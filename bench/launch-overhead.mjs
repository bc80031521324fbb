// Launch overhead, from plain Node against dist/: N jobs of /bin/true through the local launcher
// (snapshots, logs and events.jsonl on) against a bare child_process.spawn loop and `xargs -P`
// at the same parallelism, in alternating rounds in this one process; medians and ratios.
// Run: npm run build && node bench/launch-overhead.mjs [--jobs 1000] [--rounds 10] [--parallel 2,1] [--no-xargs]
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createLauncher } from '../dist/index.js';

const { values: args } = parseArgs({
  options: {
    jobs: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '10' },
    parallel: { type: 'string', default: '2,1' },
    'no-xargs': { type: 'boolean', default: false },
  },
});
const JOBS = Number(args.jobs);
const ROUNDS = Number(args.rounds);
const PARALLELS = args.parallel.split(',').map(Number);
const TRUE = '/bin/true';
const TARGET = 1.25;
const STRETCH = 1.1;

/** The anchor: the least a Node program can do to run `count` processes, `parallel` at a time. */
async function bareLoop(count, parallel) {
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < count) {
      next++;
      await new Promise((resolve, reject) => spawn(TRUE, [], { stdio: 'ignore' }).once('exit', resolve).once('error', reject));
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return performance.now() - started;
}

/** The same work from C: `xargs -P` forking `true` once per input line (one spawn of xargs included). */
async function xargsLoop(count, parallel) {
  const started = performance.now();
  await new Promise((resolve, reject) => {
    const child = spawn('xargs', ['-P', String(parallel), '-n', '1', TRUE], { stdio: ['pipe', 'ignore', 'inherit'] });
    child.once('error', reject).once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`xargs exited ${code}`))));
    child.stdin.end('x\n'.repeat(count));
  });
  return performance.now() - started;
}

async function launcherRun(count, parallel, cwd) {
  const jobs = Array.from({ length: count }, (_, i) => ({ overrides: [`seed=${i}`], config: { seed: i }, command: [TRUE] }));
  const started = performance.now();
  const result = await createLauncher({ launcher: 'local', max_parallel_jobs: parallel }).launch(jobs, { cwd });
  const elapsed = performance.now() - started;
  if (result.counts.completed !== count) throw new Error(`only ${result.counts.completed} of ${count} jobs completed`);
  return elapsed;
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (x) => `${x.toFixed(2)} ms/job`;
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

const root = await mkdtemp(join(tmpdir(), 'spectramind-bench-'));
const xargs = !args['no-xargs'];
let met = true;
try {
  console.log(`launch overhead: ${JOBS} jobs of ${TRUE} per side and parallelism, ${ROUNDS} alternating rounds, node ${process.version}, load average ${load()}`);
  await bareLoop(50, 2); // warm up the spawn path
  await launcherRun(50, 2, join(root, 'warm'));
  for (const parallel of PARALLELS) {
    const perRound = Math.ceil(JOBS / ROUNDS);
    const bare = [];
    const ours = [];
    const viaXargs = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate the order too, so neither side always runs right after the other's garbage.
      const sides = [
        async () => bare.push((await bareLoop(perRound, parallel)) / perRound),
        async () => ours.push((await launcherRun(perRound, parallel, join(root, `p${parallel}-${round}`))) / perRound),
        ...(xargs ? [async () => viaXargs.push((await xargsLoop(perRound, parallel)) / perRound)] : []),
      ];
      if (round % 2 === 1) sides.reverse();
      for (const side of sides) await side();
    }
    const ratios = ours.map((o, i) => o / bare[i]);
    const ratio = median(ratios);
    met &&= ratio <= TARGET;
    console.log(`\nP=${parallel} (${perRound * ROUNDS} jobs each, rounds of ${perRound}; load average now ${load()})`);
    console.log(`  bare spawn loop    ${ms(median(bare))}   (median of rounds)`);
    if (xargs) console.log(`  xargs -P ${parallel}         ${ms(median(viaXargs))}   (${(median(viaXargs) / median(bare)).toFixed(2)}x the bare loop)`);
    console.log(`  local launcher     ${ms(median(ours))}   (snapshots, logs, events.jsonl on)`);
    console.log(
      `  ratio              ${ratio.toFixed(2)}x median of per-round ratios, ${Math.min(...ratios).toFixed(2)}x-${Math.max(...ratios).toFixed(2)}x   ` +
        `target <= ${TARGET}x: ${ratio <= TARGET ? 'met' : 'NOT met'}; stretch <= ${STRETCH}x: ${ratio <= STRETCH ? 'met' : 'not met'}`,
    );
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
process.exitCode = met ? 0 : 1;
