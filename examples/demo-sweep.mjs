// The README's demo: a Hydra-style sweep of a tiny training script with the `local` launcher.
//   npm run demo                      -> model.lr=0.05,0.1,0.3 seed=7,11,13 on 2 parallel slots
//   npm run demo -- model.lr=0.01,0.2 seed=1,2 hydra.launcher.max_parallel_jobs=3
import { fileURLToPath } from 'node:url';
import { dirname, relative } from 'node:path';
import { createLauncher, expandSweep, parseOverride, toConfigValue } from 'spectramind-launch';

const here = dirname(fileURLToPath(import.meta.url));
// Bad input (an override that does not parse, a field the schema refuses) is the user's to fix:
// one line naming it, exit code 2. Anything else is a bug and keeps its stack trace.
process.on('uncaughtException', (error) => {
  if (typeof error?.code !== 'string' || !error.code.startsWith('ERR_')) throw error;
  console.error(`demo-sweep: ${error.message.split('\n').map((line) => line.trim()).filter(Boolean).join(' ')}`);
  process.exit(2);
});
const args = process.argv.slice(2);
const typed = args.length > 0 ? args : ['model.lr=0.05,0.1,0.3', 'seed=7,11,13'];
const launcherArgs = typed.filter((a) => a.startsWith('hydra.launcher.'));
const sweepArgs = typed.filter((a) => !a.startsWith('hydra.launcher.'));

const baseConfig = { model: { name: 'linear', lr: 0.1 }, seed: 0, trainer: { epochs: 200 } };
const launcherConfig = { launcher: 'local', max_parallel_jobs: 2, hydra: { job: { name: 'tiny_train' } } };
for (const arg of launcherArgs) {
  const o = parseOverride(arg);
  launcherConfig[o.key.slice('hydra.launcher.'.length)] = toConfigValue(o.value);
}

/** Sets each `a.b=value` override into a copy of the base config. */
function configFor(overrides) {
  const config = structuredClone(baseConfig);
  for (const text of overrides) {
    const o = parseOverride(text);
    const path = o.key.split('.');
    let node = config;
    for (const key of path.slice(0, -1)) node = node[key] ??= {};
    node[path.at(-1)] = toConfigValue(o.value);
  }
  return config;
}

const sweep = expandSweep(sweepArgs);
const jobs = [...sweep.jobs()].map((overrides) => ({
  overrides,
  config: configFor(overrides),
  command: [process.execPath, `${here}/tiny-train.mjs`],
}));

const launcher = createLauncher(launcherConfig);
console.log(`spectramind-launch demo: ${sweep.jobCount} jobs (${sweepArgs.join(' ')}) on the ${launcher.name} launcher, ${launcher.config.max_parallel_jobs} at a time`);
const run = launcher.launch(jobs, { mode: 'multirun', handleSignals: true, sweepOverrides: sweepArgs });
run.on('launch:start', (e) => console.log(`sweep folder: ${relative(process.cwd(), e.dir)}`));
run.on('job:end', (e) => console.log(`  job ${e.job.num} [${e.job.overrides.join(' ')}] ${e.status} in ${e.durationMs} ms -> ${relative(process.cwd(), e.job.outputDir)}`));
const result = await run;

console.log(`\nsummary: ${Object.entries(result.counts).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(', ')}`);
console.log(`each job folder holds .hydra/{config,overrides,hydra}.yaml, metadata.json, stdout.log, stderr.log, metrics.json`);
console.log(`event stream: ${relative(process.cwd(), result.eventsFile)}`);
process.exitCode = result.ok ? 0 : 1;
