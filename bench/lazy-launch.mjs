// Lazy launches of a 10^6-job sweep, from plain Node against dist/ (run `npm run build` first):
//   node bench/lazy-launch.mjs [--rounds 3] [--jobs 5000] [--compare <package root>]
// --compare: also measures another build (a package root with dist/ and node_modules/, e.g. a worktree of
// main built with `npm run build`) in the same rounds, alternating: its 10^6-queued RSS and first-start times.
// 1. Peak RSS while launching sweepJobs(expandSweep(...)) of `true` through basic and local
//    (max_parallel_jobs 2), cancelled after --jobs jobs ended, with 10^4 and 10^6 jobs queued;
//    baseline: the RSS of a bare Node process. Each measurement is a fresh child process.
// 2. Time from launch() to the first job's `job:start` for a 10^6-job sweep (basic): the first launch
//    of a fresh process (cold) and a second one in it (warm), against a bare child_process.spawn of the same `true` (call -> 'spawn' event), in fresh processes.
// Rounds alternate between the variants, medians are printed with the ratios and the targets.
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const child = fileURLToPath(new URL('./lazy-launch-child.mjs', import.meta.url));
const rounds = option('rounds', 3);
const stopAfter = option('jobs', 5000);
const compareAt = args.indexOf('--compare');
const compare = compareAt === -1 ? null : resolve(args[compareAt + 1]);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
// A variant whose argv starts with 'cmp' runs against the --compare build.
const measure = (...argv) => {
  const other = argv[0] === 'cmp';
  const env = other ? { ...process.env, LAZY_BENCH_ROOT: compare } : process.env;
  return JSON.parse(execFileSync(process.execPath, [child, ...(other ? argv.slice(1) : argv)], { encoding: 'utf8', maxBuffer: 1 << 20, env }).trim().split('\n').at(-1));
};
const load = () => loadavg().map((n) => n.toFixed(1)).join(' ');

console.log(`lazy launch benchmark: ${rounds} alternating rounds, cancel after ${stopAfter} jobs; load average ${load()}`);

// 1. Peak RSS.
const rssVariants = [
  ['bare', 'bare node process', []],
  ['basic-1e4', 'basic, 10^4 queued', ['rss', 'basic', '10000', String(stopAfter)]],
  ['basic-1e6', 'basic, 10^6 queued', ['rss', 'basic', '1000000', String(stopAfter)]],
  ['local-1e4', 'local P=2, 10^4 queued', ['rss', 'local', '10000', String(stopAfter)]],
  ['local-1e6', 'local P=2, 10^6 queued', ['rss', 'local', '1000000', String(stopAfter)]],
  ...(compare === null
    ? []
    : [
        ['cmp-basic-1e6', 'basic 10^6, --compare', ['cmp', 'rss', 'basic', '1000000', String(stopAfter)]],
        ['cmp-local-1e6', 'local 10^6, --compare', ['cmp', 'rss', 'local', '1000000', String(stopAfter)]],
      ]),
];
const rss = Object.fromEntries(rssVariants.map(([key]) => [key, []]));
const perJob = Object.fromEntries(rssVariants.map(([key]) => [key, []]));
for (let round = 0; round < rounds; round += 1) {
  // Alternate the order each round so a burst of load does not fall on one variant only.
  const order = round % 2 === 0 ? rssVariants : [...rssVariants].reverse();
  for (const [key, , argv] of order) {
    const result = measure(...(argv.length === 0 ? ['bare'] : argv));
    rss[key].push(result.peakMb);
    if (result.msPerJob !== undefined) perJob[key].push(result.msPerJob);
    process.stdout.write(`  round ${round + 1} ${key}: ${result.peakMb.toFixed(1)} MB${result.msPerJob === undefined ? '' : `, ${result.ended} ended, ${result.msPerJob.toFixed(2)} ms/job, unreached ${result.unreached}`}\n`);
  }
}
const bare = median(rss.bare);
console.log(`\npeak RSS (median of ${rounds}), target < 120 MB and flat from 10^4 to 10^6 queued:`);
console.log(`  ${'bare node process (baseline)'.padEnd(30)} ${bare.toFixed(1).padStart(7)} MB`);
for (const [key, label] of rssVariants.slice(1)) {
  const peak = median(rss[key]);
  console.log(`  ${label.padEnd(30)} ${peak.toFixed(1).padStart(7)} MB  (+${(peak - bare).toFixed(1)} MB over bare, ${(peak / bare).toFixed(2)}x; ${median(perJob[key]).toFixed(2)} ms/job)  ${peak < 120 ? 'met' : 'MISSED'}`);
}
for (const launcher of ['basic', 'local']) {
  const small = median(rss[`${launcher}-1e4`]);
  const large = median(rss[`${launcher}-1e6`]);
  console.log(`  ${launcher}: 10^6 / 10^4 queued = ${(large / small).toFixed(3)}x (${(large - small).toFixed(1)} MB)  ${Math.abs(large - small) < 10 ? 'flat' : 'NOT flat'}`);
}

// 2. Time to the first job's start.
const firstRounds = Math.max(rounds * 3, 5);
const times = { spawn: [], launch: [], warm: [], cmp: [], cmpWarm: [] };
const kinds = compare === null ? ['spawn', 'launch'] : ['spawn', 'launch', 'cmp'];
for (let round = 0; round < firstRounds; round += 1) {
  for (const kind of round % 2 === 0 ? kinds : [...kinds].reverse()) {
    const result = kind === 'cmp' ? measure('cmp', 'first', 'launch') : measure('first', kind);
    times[kind].push(result.ms);
    if (result.warm !== undefined) times[kind === 'cmp' ? 'cmpWarm' : 'warm'].push(result.warm);
  }
}
const spawnMs = median(times.spawn);
const launchMs = median(times.launch);
console.log(`\ntime to the first job's start, 10^6-job sweep on basic (median of ${firstRounds} fresh processes), target < 100 ms:`);
console.log(`  bare spawn of true (baseline)  ${spawnMs.toFixed(1).padStart(7)} ms  (rounds ${times.spawn.map((t) => t.toFixed(1)).join(', ')})`);
const warmMs = median(times.warm);
console.log(`  launch() -> job:start, warm    ${warmMs.toFixed(1).padStart(7)} ms  (rounds ${times.warm.map((t) => t.toFixed(1)).join(', ')})  ${(warmMs / spawnMs).toFixed(1)}x the bare spawn  ${warmMs < 100 ? 'met' : 'MISSED'}`);
console.log(`  launch() -> job:start, cold    ${launchMs.toFixed(1).padStart(7)} ms  (rounds ${times.launch.map((t) => t.toFixed(1)).join(', ')})  ${(launchMs / spawnMs).toFixed(1)}x the bare spawn  ${launchMs < 100 ? 'met' : 'MISSED'}`);
if (compare !== null) {
  const cmpWarm = median(times.cmpWarm);
  const cmpCold = median(times.cmp);
  console.log(`  --compare ${compare}: warm ${cmpWarm.toFixed(1)} ms, cold ${cmpCold.toFixed(1)} ms (cold rounds ${times.cmp.map((t) => t.toFixed(1)).join(', ')}); this build / compare: warm ${(warmMs / cmpWarm).toFixed(2)}x, cold ${(launchMs / cmpCold).toFixed(2)}x`);
}
console.log(`\nload average at the end: ${load()}`);
