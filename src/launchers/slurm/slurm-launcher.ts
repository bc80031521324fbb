import { createBatchBackend } from '../../scheduler/run-batch-launch.js';
import { describeBatchPlan } from '../../scheduler/describe-batch-plan.js';
import type { SchedulerCommands } from '../../scheduler/scheduler-commands.js';
import { loadSchema } from '../../schema/load-schema.js';
import type { LauncherDefinition, PlannedJobSource } from '../launcher-definition.js';
import type { LaunchPlan } from '../../run/launch-plan.js';
import { createSlurmCommands } from './create-slurm-commands.js';
import type { SlurmLauncherConfig } from './slurm-config.js';
import { slurmScheduler } from './slurm-scheduler.js';

/** Hydra's submitit SLURM launcher class, so `hydra/launcher=submitit_slurm` configs map here. */
export const SUBMITIT_SLURM_TARGET = 'hydra_plugins.hydra_submitit_launcher.submitit_launcher.SlurmLauncher';

/** What the slurm launcher can be given instead of the real cluster (tests, benchmarks). */
export interface SlurmBackendOptions {
  /** @default createSlurmCommands({ clock: context.clock }) */
  readonly commands?: SchedulerCommands;
}

/** Defines a slurm launcher; pass `commands` to run it against something other than the real cluster. */
export function defineSlurmLauncher(options: SlurmBackendOptions = {}): LauncherDefinition<SlurmLauncherConfig> {
  return {
    name: 'slurm',
    targets: [SUBMITIT_SLURM_TARGET],
    canDetach: true,
    schema: loadSchema('slurm.json'),
    describePlan: (plan, config, source) => describeSlurmPlan(plan, config, source),
    createBackend: (config) =>
      createBatchBackend(slurmScheduler, config, {
        createCommands: (clock) => options.commands ?? createSlurmCommands({ clock }),
        attachHint: (dir) => `attachSlurmLaunch(${JSON.stringify(dir)})`,
      }),
  };
}

/** The built-in slurm launcher: job arrays on the cluster that `SLURM_CONF` (or the default config) names. */
export const slurmLauncher: LauncherDefinition<SlurmLauncherConfig> = defineSlurmLauncher();

/**
 * What `launch(jobs, { dryRun: true })` shows for slurm: every sbatch script rendered (of a lazy
 * source too, array by array), the first ones in full, without asking the cluster; `sbatchCalls`
 * is the core's `submitCalls`.
 */
export function describeSlurmPlan(plan: LaunchPlan, config: SlurmLauncherConfig, source?: PlannedJobSource): Record<string, unknown> {
  const described = describeBatchPlan(plan, config, slurmScheduler, source === undefined ? {} : { jobs: source.jobs, jobCount: source.count });
  return { ...described, sbatchCalls: described.submitCalls };
}
