import type { LauncherDefinition } from '../launcher-definition.js';
import type { LaunchPlan } from '../../run/launch-plan.js';
import { createSlurmBackend, DEFAULT_MAX_ARRAY_SIZE, type SlurmBackendOptions } from './slurm-backend.js';
import { renderSlurmLaunch } from './slurm-launch-files.js';
import { loadSlurmSchema, type SlurmLauncherConfig } from './slurm-config.js';

/** Hydra's submitit SLURM launcher class, so `hydra/launcher=submitit_slurm` configs map here. */
export const SUBMITIT_SLURM_TARGET = 'hydra_plugins.hydra_submitit_launcher.submitit_launcher.SlurmLauncher';

/** Defines a slurm launcher; pass `commands` to run it against something other than the real cluster. */
export function defineSlurmLauncher(options: SlurmBackendOptions = {}): LauncherDefinition<SlurmLauncherConfig> {
  return {
    name: 'slurm',
    targets: [SUBMITIT_SLURM_TARGET],
    schema: loadSlurmSchema(),
    describePlan: (plan, config) => describeSlurmPlan(plan, config),
    createBackend: (config) => createSlurmBackend(config, options),
  };
}

/** The built-in slurm launcher: job arrays on the cluster that `SLURM_CONF` (or the default config) names. */
export const slurmLauncher: LauncherDefinition<SlurmLauncherConfig> = defineSlurmLauncher();

/**
 * What `launch(jobs, { dryRun: true })` shows for slurm: every sbatch script and job file as it
 * would be written, without asking the cluster (MaxArraySize: `max_array_size`, else SLURM's default).
 */
export function describeSlurmPlan(plan: LaunchPlan, config: SlurmLauncherConfig): Record<string, unknown> {
  const maxArraySize = config.max_array_size ?? DEFAULT_MAX_ARRAY_SIZE;
  const rendered = renderSlurmLaunch(plan, config, maxArraySize);
  return {
    submititFolder: rendered.paths.folder,
    maxArraySize,
    sbatchCalls: rendered.scripts.length,
    scripts: rendered.descriptor.arrays.map((array) => ({ path: array.script, offset: array.offset, count: array.count, text: rendered.scripts[array.index] })),
    jobScripts: rendered.jobFiles().map((file) => ({ num: file.num, path: rendered.paths.jobScript(file.num), text: file.script })),
  };
}
