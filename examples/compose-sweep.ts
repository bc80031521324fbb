// Sweep the SpectraMind example folder from TypeScript: compose, expand, launch.
//   npx tsx examples/compose-sweep.ts model.lr=1e-3,1e-4 seed=1,2 hydra/launcher=local
// Pass hydra/launcher=basic|local|slurm|kaggle to pick where the jobs run; outputs go to logs/multiruns/.
import { createComposer, createLauncherFromConfig } from '../src/config/index.js';
import type { Composed } from '../src/config/index.js';
import type { CommandJobSpec } from '../src/job/job-spec.js';
import { expandSweep } from '../src/sweep/index.js';
import type { SweeperParamValue } from '../src/sweep/index.js';

const argv = process.argv.slice(2);
const composer = createComposer({ configDir: 'examples/spectramind/configs' }); // files read once for every job
const job = [process.execPath, '--import', 'tsx', 'examples/spectramind/train.ts'];

// 1. compose the sweep's master config (it picks the launcher); 2. expand the sweep into jobs,
// each composed with its own overrides; 3. launch them with the launcher the config selects.
const sweep = composer.compose({ overrides: argv, mode: 'multirun' });
const jobs = [...expandSweep(argv, { params: sweeperParams(sweep), listGroupOptions: (group) => composer.source.listOptions(group) }).jobs()].map((overrides) => jobSpec(composer.compose({ overrides, now: sweep.now })));
const result = await createLauncherFromConfig(sweep).launch(jobs, { mode: 'multirun' });

// hydra.sweeper.params in the primary config add sweeps before the command line's, as in Hydra.
function sweeperParams(composed: Composed): Record<string, SweeperParamValue> {
  const sweeper = composed.hydra['sweeper'] as { params?: Record<string, SweeperParamValue> | null } | undefined;
  return sweeper?.params ?? {};
}

// overrides.yaml lists the task overrides only (hydra/launcher=... stays in hydra.yaml), as in Hydra.
function jobSpec(composed: Composed): CommandJobSpec {
  return { overrides: composed.overrides.task, config: composed.config, command: job };
}

console.log(`${result.launcher}: ${result.counts.completed}/${jobs.length} jobs completed in ${result.dir ?? ''}`);
process.exitCode = result.ok ? 0 : 1;
