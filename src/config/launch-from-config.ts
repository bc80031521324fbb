import { resolve as resolvePath } from 'node:path';
import type { ConfigObject } from './config-tree.js';
import { toPlainData } from './config-tree.js';
import type { ConfigSource } from './config-source.js';
import { ConfigCompositionError } from './config-errors.js';
import { composeLaunchJobs } from './compose-launch-jobs.js';
import type { ComposedJob, ComposedLaunch } from './compose-launch-jobs.js';
import { createComposer } from './create-composer.js';
import { createLauncherFromConfig } from './create-launcher-from-config.js';
import { hydraSettingsFromComposed } from './hydra-settings-from-composed.js';
import { resolveComposed } from './compose.js';
import type { CreateLauncherOptions } from '../launchers/create-launcher.js';
import type { LaunchOptions } from '../launchers/launch-options.js';
import type { LaunchHandle } from '../launchers/launch-handle.js';
import type { DryRunResult } from '../run/launch-result.js';
import type { CommandJobSpec, FunctionJobSpec, JobSpec, ModuleJobSpec } from '../job/job-spec.js';
import { JobSpecError } from '../errors.js';
import { callbacksFromHydraNode } from '../callbacks/load-callbacks.js';
import { resolveKey } from './resolve-config.js';

/** A job without its overrides and config (`launchFromConfig` fills those from each job's composition). */
export type JobTemplate = Omit<CommandJobSpec, 'overrides' | 'config'> | Omit<ModuleJobSpec, 'overrides' | 'config'> | Omit<FunctionJobSpec, 'overrides' | 'config'>;

/**
 * What each job runs: an argv array, a job template (`{ command }`, `{ module, export }`,
 * `{ run }` for an in-process function), or a function that builds either from the job's
 * resolved config (and its composition).
 */
export type JobFromConfig = readonly string[] | JobTemplate | ((config: ConfigObject, job: ComposedJob) => readonly string[] | JobTemplate);

/** What `launchFromConfig` takes: where the configs are, the overrides, the job, and every launch option. */
export interface LaunchFromConfigOptions extends LaunchOptions, CreateLauncherOptions {
  /** The config folder (e.g. `configs`). One of `configDir` and `source` is required. */
  readonly configDir?: string;
  /** A config source instead of `configDir`. */
  readonly source?: ConfigSource;
  /** The primary config's name. @default 'config' */
  readonly configName?: string | null;
  /** The overrides as typed on a command line (Hydra 1.3 grammar). @default [] */
  readonly overrides?: readonly string[];
  /** Sweep (`-m`): expand sweep overrides into one job each. @default false */
  readonly multirun?: boolean;
  /** What every job runs. */
  readonly job: JobFromConfig;
  /** Environment for `oc.env` and `hydra.job.env_copy` while composing. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Random source for `shuffle()` sweeps. @default Math.random */
  readonly random?: () => number;
}

/**
 * One call for a Hydra command line: composes the primary config, expands the sweep, composes
 * every job with its own overrides (its `hydra` node included), and launches the jobs with the
 * launcher the config selects (`hydra/launcher=...`). Returns the usual launch handle, or the
 * plan with `dryRun: true`. Two jobs whose folders resolve to the same path are refused.
 */
export function launchFromConfig(options: LaunchFromConfigOptions & { readonly dryRun: true }): DryRunResult;
export function launchFromConfig(options: LaunchFromConfigOptions): LaunchHandle;
export function launchFromConfig(options: LaunchFromConfigOptions): LaunchHandle | DryRunResult {
  const { configDir, source, configName, overrides, multirun, job, env, random, launchers, ...launchOptions } = options;
  const composer = createComposer({ ...(configDir === undefined ? {} : { configDir }), ...(source === undefined ? {} : { source }), ...(configName === undefined ? {} : { configName }), ...(launchers === undefined ? {} : { launchers }) });
  const now = launchOptions.now ?? new Date(launchOptions.clock?.now() ?? Date.now());
  const composed = composeLaunchJobs(composer, {
    overrides: overrides ?? [],
    multirun: multirun ?? false,
    now,
    ...(launchOptions.cwd === undefined ? {} : { cwd: launchOptions.cwd }),
    ...(env === undefined ? {} : { env }),
    ...(random === undefined ? {} : { random }),
  });
  checkOneSweepDir(composed);
  const launcher = createLauncherFromConfig(composed.primary, launchers === undefined ? {} : { launchers });
  const specs = composed.jobs.map((item) => jobSpecOf(item, job));
  // hydra.callbacks from the config run first, then the caller's; their _target_s resolve from the config folder.
  const primary = composed.primary;
  const declared = primary.hydra['callbacks'];
  const fromConfig =
    declared === undefined || declared === null
      ? []
      : callbacksFromHydraNode(toPlainData(resolveKey(primary.config, 'hydra.callbacks', { hydra: primary.hydra, now: primary.now, resolvers: primary.resolvers, env: primary.env })));
  return launcher.launch(specs, {
    ...launchOptions,
    callbacks: [...fromConfig, ...(launchOptions.callbacks ?? [])],
    ...(launchOptions.callbacksBaseDir === undefined && configDir !== undefined ? { callbacksBaseDir: resolvePath(configDir) } : {}),
    now,
    mode: composed.mode,
    sweepOverrides: launchOptions.sweepOverrides ?? (composed.mode === 'multirun' ? composed.overrides : []),
    ...(composed.mode === 'multirun' ? { sweepConfig: { config: composed.primary.config, hydra: toPlainData(composed.primary.hydra) as Record<string, unknown> } } : {}),
  });
}

/** Builds one job's spec: what it runs, its task overrides, its unresolved config and its own `hydra` node. */
export function jobSpecOf(item: ComposedJob, job: JobFromConfig): JobSpec {
  const built = typeof job === 'function' ? job(resolveComposed(item.composed), item) : job;
  const template: JobTemplate = isArgv(built) ? { command: [...built] } : built;
  if (!('command' in template) && !('module' in template) && !('run' in template)) {
    throw new JobSpecError(`launchFromConfig's "job" must be an argv array, { command }, { module } or { run }, or a function returning one; got ${JSON.stringify(built)}.`);
  }
  const settings = hydraSettingsFromComposed(item.composed);
  return {
    ...template,
    overrides: item.overrides,
    config: item.composed.config,
    hydra: {
      settings: { ...(settings.sweep === undefined ? {} : { sweep: settings.sweep }), ...(settings.job === undefined ? {} : { job: settings.job }) },
      node: toPlainData(item.composed.hydra) as Record<string, unknown>,
    },
  } as JobSpec;
}

function isArgv(value: readonly string[] | JobTemplate): value is readonly string[] {
  return Array.isArray(value);
}

/** Every job of a sweep writes under one sweep folder; a `hydra.sweep.dir` that differs per job is refused. */
function checkOneSweepDir(launch: ComposedLaunch): void {
  if (launch.mode !== 'multirun') return;
  const expected = hydraSettingsFromComposed(launch.primary).sweep?.dir;
  for (const item of launch.jobs) {
    const dir = hydraSettingsFromComposed(item.composed).sweep?.dir;
    if (dir !== expected) {
      throw new ConfigCompositionError(
        `hydra.sweep.dir resolves to ${JSON.stringify(dir)} for job ${item.num} (${item.overrides.join(' ')}) but to ${JSON.stringify(expected)} for the sweep: ` +
          'every job of a sweep shares one sweep folder. Put what differs per job in hydra.sweep.subdir.',
      );
    }
  }
}
