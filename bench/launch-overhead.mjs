// Launch overhead, from plain Node against dist/: launches of N jobs of /bin/true through the
// local launcher (snapshots, logs and events.jsonl on) against a bare child_process.spawn loop and
// `xargs -P` running N at the same parallelism, in alternating rounds in this one process;
// medians and ratios of wall time, of the launching thread's CPU time and of the process's; and,
// beside them, what a job's files alone cost this file system right then (see jobFilesCostMs).
// Each parallelism starts with one uncounted full-size round of each side (JIT warm-up).
// Run: npm run build && node bench/launch-overhead.mjs [--jobs 1000 (per round)] [--rounds 5] [--parallel 2,1] [--no-xargs]
//   [--compare <another build's dist/>]   (e.g. main before a change, measured in the same rounds)
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createLauncher } from '../dist/index.js';

const { values: args } = parseArgs({
  options: {
    jobs: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '5' },
    parallel: { type: 'string', default: '2,1' },
    'no-xargs': { type: 'boolean', default: false },
    compare: { type: 'string' },
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

/**
 * What a job's folder costs this file system alone, no launcher: the 8 inodes a launch makes per
 * job (its folder, `.hydra/` written in a hidden sibling then renamed, 4 snapshot files, 2 logs),
 * `count` times, in ms per job. Printed beside the ratios because it is not steady on every file
 * system: ext4 without a journal (this machine's) passes over every inode freed in the last 1-6
 * minutes each time it allocates one (`recently_deleted()` in fs/ext4/ialloc.c), so right after
 * a test suite or an earlier bench deleted its folders the same files cost several times more;
 * the bare loop makes none.
 */
function jobFilesCostMs(dir, count = 200) {
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const job = join(dir, String(i));
    mkdirSync(join(job, '.hydra.tmp'), { recursive: true });
    for (const name of ['config.yaml', 'overrides.yaml', 'hydra.yaml', 'metadata.json']) writeFileSync(join(job, '.hydra.tmp', name), `${name}\n`, { flag: 'wx' });
    renameSync(join(job, '.hydra.tmp'), join(job, '.hydra'));
    for (const name of ['stdout.log', 'stderr.log']) closeSync(openSync(join(job, name), 'a'));
  }
  return (performance.now() - started) / count;
}
/** Above this a job's files cost more than a quiet file system here takes (0.16-0.3 ms measured). */
const DEAR_FILES_MS = 0.5;
const fileSystemNote = (ms) =>
  `a job's 8 new files and folders alone cost up to ${ms.toFixed(2)} ms here, before and after these rounds (the bare loop makes none)` +
  (ms > DEAR_FILES_MS ? `: dear right now (ext4 without a journal passes over inodes freed in the last minutes); the ratio is inflated, run again after a few minutes without deletions` : '');

const other = args.compare === undefined ? null : await import(pathToFileURL(join(resolve(args.compare), 'index.js')).href);

async function launcherRun(count, parallel, cwd, create = createLauncher) {
  const jobs = Array.from({ length: count }, (_, i) => ({ overrides: [`seed=${i}`], config: { seed: i }, command: [TRUE] }));
  const started = performance.now();
  const result = await create({ launcher: 'local', max_parallel_jobs: parallel }).launch(jobs, { cwd });
  const elapsed = performance.now() - started;
  if (result.counts.completed !== count) throw new Error(`only ${result.counts.completed} of ${count} jobs completed`);
  return elapsed;
}

/** CPU time of the launching (main) thread in ms, from the kernel's scheduler stats: what a busy machine does not inflate. */
const mainThreadCpuMs = () => {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return Number.NaN;
  }
};
/** This process's CPU time in ms, every thread (the thread pool too), children not included. */
const processCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Runs one side, returning [wall, launching-thread CPU, process CPU] per job. */
async function measure(run, count) {
  const cpu0 = mainThreadCpuMs();
  const all0 = processCpuMs();
  const wall = await run();
  return [wall / count, (mainThreadCpuMs() - cpu0) / count, (processCpuMs() - all0) / count];
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

const root = await mkdtemp(join(tmpdir(), 'spectramind-bench-'));
const xargs = !args['no-xargs'];
let met = true;
try {
  console.log(`launch overhead: rounds of ${JOBS} jobs of ${TRUE} per side and parallelism, ${ROUNDS} alternating rounds, node ${process.version}, load average ${load()}`);
  for (const parallel of PARALLELS) {
    const perRound = JOBS;
    const filesBefore = jobFilesCostMs(join(root, `files-p${parallel}-before`));
    const sides = [
      { name: 'bare spawn loop', run: () => bareLoop(perRound, parallel), rounds: [] },
      ...(xargs ? [{ name: `xargs -P ${parallel}`, run: () => xargsLoop(perRound, parallel), rounds: [] }] : []),
      { name: 'local launcher', run: (round) => launcherRun(perRound, parallel, join(root, `p${parallel}-${round}`)), rounds: [], ours: true },
      ...(other ? [{ name: '--compare build', run: (round) => launcherRun(perRound, parallel, join(root, `c${parallel}-${round}`), other.createLauncher), rounds: [] }] : []),
    ];
    // One full-size round of each side first, not counted: V8 compiles the launch path over the
    // first launches (--trace-opt: 2.7 s of background compiling in a process's first 1,000-job
    // launch, 0.2-0.8 s by its fifth), a one-time cost the per-job ratio should not carry. A cold
    // start is what bench/lazy-launch.mjs's time to the first job measures.
    for (const side of sides) await side.run('warm');
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate the order too, so neither side always runs right after the other's garbage.
      const order = round % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) side.rounds.push(await measure(() => side.run(round), perRound));
    }
    const filesMs = Math.max(filesBefore, jobFilesCostMs(join(root, `files-p${parallel}-after`)));
    const [bare] = sides;
    console.log(`\nP=${parallel} (${perRound * ROUNDS} jobs each, rounds of ${perRound}; load average now ${load()}); medians of rounds, ratios are medians of per-round ratios to the bare loop`);
    console.log(`  file system: ${fileSystemNote(filesMs)}`);
    console.log(`  ${''.padEnd(18)} ${'wall ms/job'.padStart(12)} ${'ratio'.padStart(7)} ${'main-thread CPU'.padStart(16)} ${'ratio'.padStart(7)} ${'process CPU'.padStart(12)}`);
    for (const side of sides) {
      const col = (i) => median(side.rounds.map((r) => r[i]));
      const ratio = (i) => median(side.rounds.map((r, k) => r[i] / bare.rounds[k][i]));
      const cpu = side.name.startsWith('xargs') ? '(in xargs)' : `${col(1).toFixed(3)} ms`;
      const cpuRatio = side.name.startsWith('xargs') ? '' : `${ratio(1).toFixed(2)}x`;
      const all = side.name.startsWith('xargs') ? '' : `${col(2).toFixed(3)} ms`;
      console.log(`  ${side.name.padEnd(18)} ${col(0).toFixed(2).padStart(12)} ${`${ratio(0).toFixed(2)}x`.padStart(7)} ${cpu.padStart(16)} ${cpuRatio.padStart(7)} ${all.padStart(12)}`);
    }
    const ours = sides.find((side) => side.ours);
    const ratios = ours.rounds.map((r, k) => r[0] / bare.rounds[k][0]);
    const ratio = median(ratios);
    met &&= ratio <= TARGET;
    console.log(
      `  wall-time ratio ${ratio.toFixed(3)}x (rounds ${Math.min(...ratios).toFixed(2)}x-${Math.max(...ratios).toFixed(2)}x): ` +
        `target <= ${TARGET}x ${ratio <= TARGET ? 'met' : 'NOT met'}; stretch <= ${STRETCH}x ${ratio <= STRETCH ? 'met' : 'not met'}`,
    );
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
process.exitCode = met ? 0 : 1;
