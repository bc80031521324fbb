// Sweep the SpectraMind example folder from TypeScript: compose, expand, launch in one call.
//   npx tsx examples/compose-sweep.ts model.lr=1e-3,1e-4 seed=1,2 hydra/launcher=local
// Pass hydra/launcher=basic|local|slurm|kaggle to pick where the jobs run; outputs go to logs/multiruns/.
import { launchFromConfig } from 'spectramind-launch';

const overrides = process.argv.slice(2);
// Composes the primary config, expands the sweep, composes every job with its own overrides
// (its hydra node included) and launches them with the launcher the config selects.
const result = await launchFromConfig({
  configDir: 'examples/spectramind/configs',
  overrides,
  multirun: true,
  job: [process.execPath, '--import', 'tsx', 'examples/spectramind/train.ts'],
});

console.log(`${result.launcher}: ${result.counts.completed}/${result.jobs.length} jobs completed in ${result.dir}`);
process.exitCode = result.ok ? 0 : 1;
