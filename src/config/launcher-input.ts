import type { HydraSettingsInput } from '../run/hydra-settings.js';
import type { Composed } from './compose.js';
import { ConfigCompositionError } from './config-errors.js';
import { isConfigObject, scalarText, toPlainData } from './config-tree.js';
import type { ConfigNode } from './config-tree.js';
import { parseInterpolationString } from './interpolation-grammar.js';
import { createNodeResolver } from './resolve-config.js';

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

/** Per-job keys a path template keeps for the launch engine to fill in for each job. */
const PER_JOB = /^hydra[.:]job\.(num|id|override_dirname)$/;

/**
 * Turns a composition's `hydra.launcher` node and output settings into `createLauncher`'s
 * input. Launcher fields are resolved (`${hydra.sweep.dir}/.slurm_submitit` becomes a
 * path, with the composition's launch time); null fields are dropped so the schema's
 * defaults apply (Hydra plugins use null for "not set"); path templates keep
 * `${now:...}` and per-job keys (`${hydra.job.num}`, `${hydra.job.override_dirname}`)
 * for the engine.
 */
export function launcherInputFromComposed(composed: Composed): LauncherInputResult {
  const resolver = createNodeResolver(composed.config, {
    hydra: composed.hydra,
    now: composed.now,
    env: composed.env,
    resolvers: composed.resolvers,
    throwOnMissing: true,
  });
  const hydra = composed.hydra;
  const launcherNode = hydra['launcher'];
  if (!isConfigObject(launcherNode)) {
    throw new ConfigCompositionError(`hydra.launcher is not a mapping (got ${scalarText(launcherNode)}); pick a launcher with hydra/launcher=<basic|local|slurm|kaggle>.`);
  }
  const resolved = toPlainData(resolver.resolveAt(['hydra', 'launcher'])) as Record<string, unknown>;
  const target = typeof resolved['_target_'] === 'string' ? resolved['_target_'] : null;
  const drop = new Set(target === null ? [] : (PLUGIN_ONLY_FIELDS[target] ?? []));
  const fields: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(resolved)) {
    if (value === null) continue;
    if (drop.has(key)) dropped.push(key);
    else fields[key] = value;
  }

  const template = (path: string[]): string | undefined => {
    let node: ConfigNode | undefined = hydra;
    for (const part of path) node = isConfigObject(node) ? node[part] : undefined;
    if (node === undefined || node === null) return undefined;
    if (typeof node !== 'string') return scalarText(node);
    return parseInterpolationString(node)
      .map((segment) => {
        if (segment.kind === 'text') return segment.text.replace(/\$\{/g, '\\${');
        if (segment.kind === 'resolver' && segment.name === 'now') return segment.source;
        if (segment.kind === 'node' && segment.dots === 0 && PER_JOB.test(segment.source.slice(2, -1).trim())) return segment.source;
        if (segment.kind === 'resolver' && segment.name === 'hydra' && PER_JOB.test(`hydra:${segment.source.slice(8, -1).trim()}`)) return segment.source;
        return scalarText(resolver.resolveText(segment.source, ['hydra', ...path]));
      })
      .join('');
  };
  const resolvedAt = (path: string[]): unknown => {
    let node: ConfigNode | undefined = hydra;
    for (const part of path) node = isConfigObject(node) ? node[part] : undefined;
    return node === undefined ? undefined : toPlainData(resolver.resolveAt(['hydra', ...path]));
  };

  const job = isConfigObject(hydra['job']) ? hydra['job'] : {};
  const dirname = isConfigObject(job['config']) && isConfigObject(job['config']['override_dirname']) ? job['config']['override_dirname'] : undefined;
  const settings: Record<string, unknown> = {
    run: definedOnly({ dir: template(['run', 'dir']) }),
    sweep: definedOnly({ dir: template(['sweep', 'dir']), subdir: template(['sweep', 'subdir']) }),
    output_subdir: hydra['output_subdir'] === null ? null : template(['output_subdir']),
    job: definedOnly({
      name: resolvedAt(['job', 'name']),
      chdir: resolvedAt(['job', 'chdir']),
      env_set: resolvedAt(['job', 'env_set']),
      env_copy: resolvedAt(['job', 'env_copy']),
      override_dirname: dirname === undefined ? undefined : resolvedAt(['job', 'config', 'override_dirname']),
    }),
  };
  if (settings['output_subdir'] === undefined) delete settings['output_subdir'];
  return { input: { ...fields, hydra: settings as HydraSettingsInput }, dropped };
}

function definedOnly(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}
