import { ConfigError } from '../errors.js';
import { checkJobsInput, declaredJobCount, type JobsInput } from '../run/job-source.js';
import type { HydraSettings, HydraSettingsInput } from '../run/hydra-settings.js';
import type { DryRunResult } from '../run/launch-result.js';
import { compileChecker } from '../schema/compile-validator.js';
import { loadSchema } from '../schema/load-schema.js';
import { basicLauncher } from './basic/basic-launcher.js';
import { kaggleLauncher } from './kaggle/kaggle-launcher.js';
import type { LaunchHandle } from './launch-handle.js';
import { resolveLaunchOptions, type LaunchOptions } from './launch-options.js';
import type { LauncherDefinition } from './launcher-definition.js';
import type { Launcher } from './launcher-types.js';
import { createLauncherRegistry, type LauncherRegistry } from './launcher-registry.js';
import { localLauncher } from './local/local-launcher.js';
import { resolveLauncherSettings } from './resolve-launcher-settings.js';
import { slurmLauncher } from './slurm/slurm-launcher.js';
import { startLaunch } from './start-launch.js';

/** What `createLauncher` takes: a launcher by name (or Hydra `_target_`), its fields, and output settings. */
export interface LauncherConfigInput {
  /** @default 'basic' */
  readonly launcher?: string;
  /** A Hydra launcher class path, mapped onto ours (e.g. the submitit SlurmLauncher). */
  readonly _target_?: string;
  readonly hydra?: HydraSettingsInput;
  readonly [field: string]: unknown;
}

export type { Launcher } from './launcher-types.js';

export interface CreateLauncherOptions {
  /** Extra launchers (PBS, LSF, Ray ...) beside the built-ins; a name or `_target_` picks them. @default [] */
  readonly launchers?: readonly LauncherDefinition<object>[] | undefined;
}


const builtins = [basicLauncher, localLauncher, slurmLauncher, kaggleLauncher] as unknown as LauncherDefinition[];
const builtinRegistry = createLauncherRegistry(builtins);
const checkHydra = compileChecker<HydraSettings>(loadSchema('hydra.json'), '/hydra');

/**
 * Picks the launcher (registry), validates its config and the hydra settings against their JSON
 * Schemas (one `ConfigError` listing every violation), and wires the launch flow to its backend.
 */
export function createLauncher(input: LauncherConfigInput = {}, options: CreateLauncherOptions = {}): Launcher {
  const registry: LauncherRegistry = options.launchers?.length ? createLauncherRegistry([...builtins, ...(options.launchers as unknown as LauncherDefinition[])]) : builtinRegistry;
  const { hydra: hydraInput, ...fields } = checkInputShape(input);
  const { definition, check } = registry.get(pickLauncher(registry, fields));
  const translated = definition.translate ? definition.translate(fields) : fields;
  const checked = check({ ...translated, launcher: definition.name });
  const hydraChecked = checkHydra(hydraInput ?? {});
  if (!checked.ok || !hydraChecked.ok) {
    const violations = [...(checked.ok ? [] : checked.violations), ...(hydraChecked.ok ? [] : hydraChecked.violations)];
    throw new ConfigError(`${definition.name} launcher config`, violations);
  }
  const config = definition.finalize ? definition.finalize(checked.value) : checked.value;
  const hydra = hydraChecked.value;
  const settings = resolveLauncherSettings(config);
  const backend = definition.createBackend(config);

  // An array is checked whole here, before anything starts; a lazy source's jobs as the launch reads them.
  function launch(input: JobsInput, launchOptions: LaunchOptions = {}): LaunchHandle | DryRunResult {
    const jobs = checkJobsInput(input);
    if (Array.isArray(jobs)) backend.checkJobs?.(jobs, config);
    const resolved = resolveLaunchOptions(launchOptions, { jobCount: declaredJobCount(jobs), launcherFailFast: settings.failFast, launcher: definition.name, canDetach: definition.canDetach ?? false });
    return startLaunch({ definition, backend, config, settings, hydra, jobs, options: resolved });
  }

  return { name: definition.name, config: config as unknown as Readonly<Record<string, unknown>>, hydra, launch: launch as Launcher['launch'] };
}

/** A config must be an object; `createLauncher('local')` or `createLauncher(null)` get one message that says so. */
function checkInputShape(input: unknown): LauncherConfigInput {
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) return input as LauncherConfigInput;
  const fix = typeof input === 'string' ? `write createLauncher({ launcher: ${JSON.stringify(input)} })` : "pass an object such as { launcher: 'local' }, or nothing for basic";
  throw new ConfigError('launcher config', [{ path: '/', value: input, message: `must be an object; ${fix}` }]);
}

/** The registry key a config names: `launcher`, else `_target_`, else basic; both must agree when both are given. */
function pickLauncher(registry: LauncherRegistry, fields: Record<string, unknown>): string {
  const { launcher, _target_: target } = fields;
  for (const [field, value] of [['launcher', launcher], ['_target_', target]] as const) {
    if (value !== undefined && (typeof value !== 'string' || value === '')) {
      throw new ConfigError('launcher config', [{ path: `/${field}`, value, message: `must be a launcher name (${registry.names.join(', ')}) or left out for basic` }]);
    }
  }
  const byTarget = typeof target === 'string' ? registry.find(target) : null;
  if (typeof launcher === 'string' && byTarget !== null && registry.get(launcher).definition !== byTarget.definition) {
    throw new ConfigError('launcher config', [
      { path: '/_target_', value: target, message: `selects the ${byTarget.definition.name} launcher but "launcher" says ${JSON.stringify(launcher)}; drop one of the two or make them agree` },
    ]);
  }
  return (launcher ?? target ?? 'basic') as string;
}
