import type { HydraSettingsInput } from '../run/hydra-settings.js';
import type { Composed } from './compose.js';
import { ConfigCompositionError } from './config-errors.js';
import { isConfigObject, scalarText } from './config-tree.js';
import { hydraSettingsFromComposed, readComposed } from './hydra-settings-from-composed.js';

/** What `createLauncher` takes, built from a composition (see `LauncherConfigInput`). */
export interface ComposedLauncherInput {
  readonly launcher?: string;
  readonly _target_?: string;
  readonly hydra: HydraSettingsInput;
  readonly [field: string]: unknown;
}

/** The input for `createLauncher` plus what was left out of a Hydra plugin's config. */
export interface LauncherInputResult {
  readonly input: ComposedLauncherInput;
  /** Fields of a Hydra plugin config (joblib, submitit local) that have no meaning here, dropped. */
  readonly dropped: readonly string[];
}

/**
 * Fields of Hydra plugin configs that our launchers do not take. Everything else
 * passes through to the launcher's JSON Schema, which reports what it rejects.
 */
const PLUGIN_ONLY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'hydra_plugins.hydra_joblib_launcher.joblib_launcher.JoblibLauncher': [
    'backend', 'prefer', 'require', 'verbose', 'timeout', 'pre_dispatch', 'batch_size', 'temp_folder', 'max_nbytes', 'mmap_mode',
  ],
  'hydra_plugins.hydra_submitit_launcher.submitit_launcher.LocalLauncher': [
    'submitit_folder', 'cpus_per_task', 'gpus_per_node', 'tasks_per_node', 'mem_gb', 'nodes', 'name',
  ],
};

/**
 * Turns a composition's `hydra.launcher` node and output settings into `createLauncher`'s
 * input. Launcher fields are resolved, except `${hydra.sweep.dir}`/`${hydra.run.dir}`, which
 * the backend replaces with the launch folder it claimed (a relative folder resolved here would
 * end up nested inside it); null fields are dropped so the schema's defaults apply (Hydra
 * plugins use null for "not set"); path templates keep `${now:...}` and per-job keys
 * (`${hydra.job.num}`, `${hydra.job.override_dirname}`) for the engine.
 */
export function launcherInputFromComposed(composed: Composed): LauncherInputResult {
  const reader = readComposed(composed);
  const launcherNode = composed.hydra['launcher'];
  if (!isConfigObject(launcherNode)) {
    throw new ConfigCompositionError(`hydra.launcher is not a mapping (got ${scalarText(launcherNode)}); pick a launcher with hydra/launcher=<basic|local|slurm|kaggle>.`);
  }
  const target = reader.resolved(['launcher', '_target_']);
  const drop = new Set(typeof target === 'string' ? (PLUGIN_ONLY_FIELDS[target] ?? []) : []);
  const fields: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const key of Object.keys(launcherNode)) {
    const value = reader.launcherField(['launcher', key]);
    if (value === null || value === undefined) continue;
    if (drop.has(key)) dropped.push(key);
    else fields[key] = value;
  }
  return { input: { ...fields, hydra: hydraSettingsFromComposed(composed, reader) }, dropped };
}
