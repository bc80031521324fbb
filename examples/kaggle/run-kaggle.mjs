// A Kaggle-style run of the SpectraMind `submit` task: a notebook cell (or `node` in a Kaggle
// script) that runs the pipeline's steps one after another inside the session's wall time and
// ends with submission.csv and summary.json under the output root.
//
//   node examples/kaggle/run-kaggle.mjs hydra/launcher=kaggle pipeline.leaderboard_mode=true runtime.max_duration_min=520
//   node examples/kaggle/run-kaggle.mjs pipeline.leaderboard_mode=true runtime.max_duration_min=0.02   # watch the guardrail
//
// On Kaggle the output root is /kaggle/working (found from KAGGLE_KERNEL_RUN_TYPE); elsewhere it
// is $OUTPUT_ROOT or a fresh temp folder standing in for it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLauncher, parseOverride, toConfigValue } from 'spectramind-launch';

const here = dirname(fileURLToPath(import.meta.url));
// Bad input (an override that does not parse, a field the schema refuses) is the user's to fix:
// one line naming it, exit code 2. Anything else is a bug and keeps its stack trace.
process.on('uncaughtException', (error) => {
  if (typeof error?.code !== 'string' || !error.code.startsWith('ERR_')) throw error;
  console.error(`run-kaggle: ${error.message.split('\n').map((line) => line.trim()).filter(Boolean).join(' ')}`);
  process.exit(2);
});
const typed = process.argv.slice(2);
const onKaggle = Boolean(process.env.KAGGLE_KERNEL_RUN_TYPE);
const outputRoot = onKaggle ? '/kaggle/working' : process.env.OUTPUT_ROOT ?? mkdtempSync(join(tmpdir(), 'kaggle-working-'));

// The task config the overrides land in, and the launcher fields (`hydra.launcher.*`, `runtime.max_duration_min`).
const config = { task: 'submit', seed: 42, pipeline: { leaderboard_mode: false }, runtime: { max_duration_min: 520 } };
const launcherConfig = { launcher: 'kaggle', output_root: outputRoot, collect: ['submission.csv'], kill_grace_s: 5, hydra: { job: { name: 'submit' } } };
for (const text of typed) {
  const override = parseOverride(text);
  if (override.key === 'hydra/launcher') {
    if (toConfigValue(override.value) !== 'kaggle') throw new Error(`this example runs the kaggle launcher; got ${text}`);
    continue;
  }
  if (override.key.startsWith('hydra.launcher.')) {
    launcherConfig[override.key.slice('hydra.launcher.'.length)] = toConfigValue(override.value);
    continue;
  }
  const path = override.key.split('.');
  let node = config;
  for (const key of path.slice(0, -1)) node = node[key] ??= {};
  node[path.at(-1)] = toConfigValue(override.value);
}
// The seed's `runtime.max_duration_min` is the launcher's budget too.
launcherConfig.runtime = { max_duration_min: config.runtime.max_duration_min };

// The submit task's steps. The TTA ensemble is worth it only with ten hours to spare: the budget skips it.
const step = (name, extra = {}) => ({
  overrides: [`step=${name}`, ...typed.filter((t) => !t.startsWith('hydra'))],
  config: { ...structuredClone(config), step: name, ...extra },
  command: [process.execPath, join(here, 'submit-step.mjs')],
});
const jobs = [
  step('predict', { work_ms: 300 }),
  { ...step('tta-ensemble', { work_ms: 300 }), expected_duration_min: 600 },
  step('refine', { work_ms: 2000 }),
];

const launcher = createLauncher(launcherConfig);
console.log(`kaggle run: ${jobs.length} steps, budget ${launcher.config.max_duration_min} min of ${launcher.config.timeout_min}, output root ${outputRoot}`);
const run = launcher.launch(jobs, { cwd: outputRoot, mode: 'multirun', handleSignals: true, sweepOverrides: typed });
run.on('job:state', (e) => console.log(`  job ${e.job.num} ${e.state}: ${e.detail}`));
run.on('job:end', (e) => console.log(`  job ${e.job.num} [${e.job.overrides.join(' ')}] ${e.status} after ${e.durationMs} ms`));
const result = await run;

console.log(`\nrun folder: ${relative(outputRoot, result.dir)} (under the output root)`);
console.log(`summary:    ${join(relative(outputRoot, result.dir), 'summary.json')}`);
const summary = JSON.parse(readFileSync(join(result.dir, 'summary.json'), 'utf8'));
console.log(`jobs:       ${Object.entries(summary.counts).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(', ')}; ${summary.stoppedByGuardrail} stopped by the guardrail`);
console.log(`bundle:     ${summary.artifacts.collected.map((a) => `${relative(outputRoot, a.path)} (from job ${a.job})`).join(', ') || 'nothing collected'}`);
process.exitCode = result.counts.failed > 0 ? 1 : 0;
