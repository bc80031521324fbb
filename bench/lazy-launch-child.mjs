// Child of bench/lazy-launch.mjs: one measurement per fresh process, printed as one JSON line.
//   bare                                  RSS of a Node process that loads nothing (the baseline)
//   rss <basic|local> <queued> <stopAfter> peak RSS while a lazy sweep of `true` runs, cancelled after stopAfter jobs
//   first <spawn|launch>                  ms from spawn() / launch() to the first job's start
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [mode, a, b, c] = process.argv.slice(2);
const TRUE = '/bin/true';
const MB = 2 ** 20;
// The build under test: this checkout's dist/, or another package root's (bench --compare) given by the parent.
const dist = process.env.LAZY_BENCH_ROOT ? pathToFileURL(join(process.env.LAZY_BENCH_ROOT, 'dist', 'index.js')).href : '../dist/index.js';

if (mode === 'bare') {
  // Let the process settle as the launch children do (timers, a few ticks) before reading.
  await new Promise((r) => setTimeout(r, 50));
  console.log(JSON.stringify({ peakMb: process.memoryUsage().rss / MB }));
} else if (mode === 'rss') {
  const { createLauncher, expandSweep, sweepJobs } = await import(dist);
  const launcher = a;
  const queued = Number(b);
  const stopAfter = Number(c);
  const cwd = await mkdtemp(join(tmpdir(), 'spectramind-lazy-rss-'));
  let peak = process.memoryUsage().rss;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(sample, 5);
  // seed x lr: 10^4 = 100 x 100, 10^6 = 1000 x 1000.
  const side = Math.round(Math.sqrt(queued));
  const sweep = expandSweep([`seed=range(${side})`, `model.lr=range(${side})`]);
  const jobs = sweepJobs(sweep, (overrides) => ({ overrides, command: [TRUE] }));
  const config = launcher === 'local' ? { launcher: 'local', max_parallel_jobs: 2 } : { launcher: 'basic' };
  const started = performance.now();
  const handle = createLauncher(config).launch(jobs, { cwd });
  let ended = 0;
  handle.on('job:end', () => {
    ended += 1;
    if (ended === stopAfter) handle.cancel('benchmark: enough jobs ran');
  });
  const result = await handle;
  const elapsed = performance.now() - started;
  sample();
  clearInterval(timer);
  await rm(cwd, { recursive: true, force: true });
  console.log(JSON.stringify({ peakMb: peak / MB, ended, records: result.jobs.length, unreached: result.unreached?.count ?? 0, msPerJob: elapsed / ended }));
} else if (mode === 'first') {
  if (a === 'spawn') {
    const t0 = performance.now();
    const proc = spawn(TRUE, [], { stdio: 'ignore' });
    await new Promise((resolve, reject) => {
      proc.once('spawn', resolve);
      proc.once('error', reject);
    });
    const ms = performance.now() - t0;
    await new Promise((r) => proc.once('exit', r));
    console.log(JSON.stringify({ ms }));
  } else {
    const { createLauncher, expandSweep, sweepJobs } = await import(dist);
    const cwd = await mkdtemp(join(tmpdir(), 'spectramind-lazy-first-'));
    const launcher = createLauncher();
    // The first launch of the process (cold: code paths not yet compiled), then a second one (warm).
    const once = async () => {
      const jobs = sweepJobs(expandSweep(['seed=range(1000)', 'model.lr=range(1000)']), (overrides) => ({ overrides, command: [TRUE] }));
      const t0 = performance.now();
      const handle = launcher.launch(jobs, { cwd });
      let ms = null;
      handle.once('job:start', () => {
        ms = performance.now() - t0;
        handle.cancel('benchmark: first job started');
      });
      await handle;
      return ms;
    };
    const cold = await once();
    await new Promise((r) => setTimeout(r, 1100)); // a new second: a new sweep folder
    const warm = await once();
    await rm(cwd, { recursive: true, force: true });
    console.log(JSON.stringify({ ms: cold, warm }));
  }
} else {
  throw new Error(`unknown mode ${mode}`);
}
