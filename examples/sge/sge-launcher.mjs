// @ts-check
// The sge launcher as a plug-in: what a config's `_target_: <this file>#sgeLauncher` loads.
import { attachBatchLaunch, createBatchBackend, createSchedulerCommands, describeBatchPlan } from 'spectramind-launch';
import { sgeConfigSchema } from './sge-config-schema.mjs';
import { sgeScheduler } from './sge-scheduler.mjs';

/**
 * @typedef {import('spectramind-launch').BatchLauncherConfig & {
 *   readonly launcher?: 'sge',
 *   readonly queue: string | null,
 *   readonly project: string | null,
 *   readonly parallel_environment: string | null,
 *   readonly slots: number,
 *   readonly resources: Readonly<Record<string, string | number | boolean>>,
 *   readonly additional_parameters: Readonly<Record<string, string | number | boolean>>,
 *   readonly setup: readonly string[] | null,
 *   readonly fail_fast: boolean,
 *   readonly kill_grace_s: number,
 * }} SgeLauncherConfig
 */

/**
 * Defines an sge launcher. `commands` replaces the real qsub/qstat/qacct (tests, benchmarks).
 * @param {{ commands?: import('spectramind-launch').SchedulerCommands }} [options]
 * @returns {import('spectramind-launch').LauncherDefinition<SgeLauncherConfig>}
 */
export function defineSgeLauncher(options = {}) {
  return {
    name: 'sge',
    schema: sgeConfigSchema,
    describePlan: (plan, config) => {
      const described = describeBatchPlan(plan, config, sgeScheduler);
      return { ...described, qsubCalls: described['submitCalls'] };
    },
    createBackend: (config) =>
      createBatchBackend(sgeScheduler, config, {
        createCommands: (clock) => options.commands ?? createSchedulerCommands(sgeScheduler, { clock }),
        attachHint: (dir) => `attachSgeLaunch(${JSON.stringify(dir)})`,
      }),
  };
}

/** Son of Grid Engine array jobs: `_target_: ./sge-launcher.mjs#sgeLauncher`. */
export const sgeLauncher = defineSgeLauncher();

/**
 * Follows a detached (or interrupted) sge launch to its end from its folder alone.
 * @param {string} dir the launch folder, or its scheduler folder
 * @param {Parameters<typeof attachBatchLaunch>[2]} [options]
 */
export function attachSgeLaunch(dir, options = {}) {
  return attachBatchLaunch(dir, { backend: /** @type {never} */ (sgeScheduler), createCommands: (clock) => createSchedulerCommands(sgeScheduler, { clock }) }, options);
}
