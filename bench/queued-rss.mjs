// Run alone (plain node, dist/): node bench/queued-rss.mjs [N]. Queue N jobs of `true` on the local launcher, let the first
// 200 finish, cancel the rest (so every job gets a record), and print the peak RSS in MB as JSON.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLauncher } from '../dist/index.js';

const count = Number(process.argv[2] ?? 10_000);
const cwd = await mkdtemp(join(tmpdir(), 'spectramind-rss-'));
const baseline = process.memoryUsage().rss;
let peak = baseline;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
const timer = setInterval(sample, 10);
const jobs = Array.from({ length: count }, (_, i) => ({ overrides: [`seed=${i}`, 'model.lr=0.001'], config: { seed: i, model: { lr: 0.001 } }, command: ['/bin/true'] }));
const run = createLauncher({ launcher: 'local', max_parallel_jobs: 2 }).launch(jobs, { cwd });
let ended = 0;
run.on('job:end', () => ++ended === 200 && run.cancel('benchmark: queue measured'));
const result = await run;
sample();
clearInterval(timer);
await rm(cwd, { recursive: true, force: true });
console.log(JSON.stringify({ count, records: result.jobs.length, baselineMb: baseline / 2 ** 20, peakMb: peak / 2 ** 20 }));
