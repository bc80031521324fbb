import { parseOverrides } from '../overrides/index.js';
import type { Override } from '../overrides/index.js';
import { computeOverrideDirname } from '../run/compute-override-dirname.js';
import { LAUNCH_VERSION } from '../run/launch-version.js';
import { applyConfigOverrides } from './apply-config-overrides.js';
import { ConfigCompositionError } from './config-errors.js';
import { MISSING, cloneNode, isConfigObject } from './config-tree.js';
import type { ConfigNode, ConfigObject } from './config-tree.js';
import { layerConfigSources } from './config-source.js';
import type { ConfigSource } from './config-source.js';
import { createDefaultsList } from './defaults-list.js';
import { createDirectoryConfigSource } from './directory-config-source.js';
import { createGroupOverrides, isGroupOverride, isSweepOverride } from './group-overrides.js';
import { HYDRA_CONFIG_SOURCE, createHydraConfigSource } from './hydra-defaults.js';
import { overlayLauncherGroups } from './overlay-launcher-groups.js';
import type { LauncherDefinition } from '../launchers/launcher-definition.js';
import { embedAtPackage, mergeInto } from './merge-config.js';
import { resolveConfig } from './resolve-config.js';
import type { ResolveOptions } from './resolve-config.js';
import { createResolverRegistry } from './resolver-registry.js';
import type { ResolverRegistry } from './resolver-registry.js';

/** What `compose` takes: `configDir` or `source`, plus the primary config's name and the overrides. */
export interface ComposeOptions {
  /** The config folder (e.g. `configs`); read through a fresh `createDirectoryConfigSource`. */
  readonly configDir?: string;
  /** A source of configs instead of `configDir`; reuse one across the jobs of a sweep so files are read once. */
  readonly source?: ConfigSource;
  /** The primary config's name (`config` for `config.yaml`); null composes only the overrides. @default 'config' */
  readonly configName?: string | null;
  /** Command-line overrides, as typed or parsed. @default [] */
  readonly overrides?: readonly (string | Override)[];
  /**
   * `run` rejects sweep overrides; `multirun` (the master config of a sweep) skips them
   * and allows `???` group choices, which the jobs' own overrides fill.
   * @default 'run'
   */
  readonly mode?: 'run' | 'multirun';
  /**
   * The launch's mode as `hydra.mode` records it, when it differs from `mode`: each job of a
   * sweep is composed as one run (no sweeps left) but recorded as `MULTIRUN`, as in Hydra.
   * @default mode
   */
  readonly launchMode?: 'run' | 'multirun';
  /** This job's place in the launch: `hydra.job.num`, `hydra.job.id`. @default { num: 0, id: '0' } */
  readonly job?: { readonly num?: number; readonly id?: string };
  /** `hydra.job.name` unless the config sets it. @default 'app' */
  readonly jobName?: string;
  /** `hydra.runtime.cwd`. @default process.cwd() */
  readonly cwd?: string;
  /** The launch time behind every `${now:...}`; share it across a launch's jobs. @default new Date() */
  readonly now?: Date;
  /** Environment for `hydra.job.env_copy` and `oc.env`. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Registered launchers (beside the built-ins) whose `hydra/launcher/<name>` groups composition provides. @default [] */
  readonly launchers?: readonly LauncherDefinition<object>[];
  /** Resolvers for `resolveComposed`. @default createResolverRegistry() */
  readonly resolvers?: ResolverRegistry;
}

/** One composed job config, as Hydra 1.3 composes it. */
export interface Composed {
  /** The job config with interpolations unresolved (what `.hydra/config.yaml` holds); no `hydra` key. */
  readonly config: ConfigObject;
  /** The `hydra` node with its runtime values (`job.num`, `job.override_dirname`, `runtime.choices`, ...). */
  readonly hydra: ConfigObject;
  /**
   * The option each of your config groups got, e.g. `{ db: 'mysql', 'db@backup': 'sqlite' }`; null when
   * a group chose nothing. Hydra's own groups (`hydra/launcher`, ...) are in `hydra.runtime.choices`,
   * which holds every choice as Hydra records it.
   */
  readonly choices: Readonly<Record<string, string | null>>;
  /** The task overrides (what `.hydra/overrides.yaml` lists) and the `hydra.*` ones. */
  readonly overrides: { readonly task: readonly string[]; readonly hydra: readonly string[] };
  readonly now: Date;
  readonly resolvers: ResolverRegistry;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Composes a config folder into one job config: defaults lists, group choices, merge, value overrides. */
export function compose(options: ComposeOptions): Composed {
  const user = options.source ?? (options.configDir !== undefined ? createDirectoryConfigSource(options.configDir) : undefined);
  if (user === undefined) throw new ConfigCompositionError('compose() needs a config folder: pass configDir (a path) or source (a ConfigSource).');
  const source = withHydraConfigs(user, options.launchers);
  const configName = options.configName === undefined ? 'config' : options.configName;
  const parsed = parseAll(options.overrides ?? []);
  const mode = options.mode ?? 'run';
  checkSweeps(parsed, mode);
  const base = composeBase(source, configName, parsed, mode);
  return finishComposition(base.merged, base.choices, parsed, valueOverrides(source, parsed), { ...options, configName, mode });
}

/**
 * Puts the embedded Hydra configs behind a user's source on the search path. A user's
 * `hydra/launcher/<name>.yaml` merges over the built-in option of that name (which carries
 * every field of the launcher's schema), as in Hydra; `launchers` adds registered launchers' groups.
 */
export function withHydraConfigs(user: ConfigSource, launchers: readonly LauncherDefinition<object>[] = []): ConfigSource {
  const hydra = launchers.length === 0 ? HYDRA_CONFIG_SOURCE : createHydraConfigSource(launchers);
  return overlayLauncherGroups(layerConfigSources([user, hydra]), user, hydra);
}

/** Parses override strings (parsed ones pass through). */
export function parseAll(overrides: readonly (string | Override)[]): Override[] {
  return overrides.map((o) => (typeof o === 'string' ? (parseOverrides([o])[0] as Override) : o));
}

/** The overrides that edit values (not group choices, not sweeps), in command-line order. */
export function valueOverrides(source: ConfigSource, parsed: readonly Override[]): Override[] {
  return parsed.filter((o) => !isSweepOverride(o) && !isGroupOverride(source, o));
}

/** The part of a composition that depends only on group choices: the defaults tree, merged. The result is owned by the caller. */
export function composeBase(source: ConfigSource, configName: string | null, parsed: readonly Override[], mode: 'run' | 'multirun'): { merged: ConfigObject; choices: Readonly<Record<string, string | null>> } {
  const groups = createGroupOverrides(source, parsed);
  const defaults = createDefaultsList(source, configName === null ? null : configName.replace(/\.ya?ml$/, ''), groups, { skipMissing: mode === 'multirun' });
  const merged: ConfigObject = {};
  for (const item of defaults.defaults) {
    const loaded = source.load(item.configPath);
    if (loaded === null) continue;
    const { defaults: _list, ...content } = loaded.content;
    mergeInto(merged, embedAtPackage(content, item.package));
  }
  return { merged, choices: defaults.choices };
}

/** Applies the value overrides to a merged base (mutating it) and splits off the `hydra` node with its runtime values. */
export function finishComposition(
  merged: ConfigObject,
  choices: Readonly<Record<string, string | null>>,
  parsed: readonly Override[],
  configOverrides: readonly Override[],
  options: Omit<ComposeOptions, 'source' | 'configDir' | 'overrides'> & { readonly configName: string | null; readonly mode: 'run' | 'multirun' },
): Composed {
  applyConfigOverrides(merged, configOverrides);
  const { hydra: rawHydra, ...config } = merged;
  const hydra: ConfigObject = isConfigObject(rawHydra) ? rawHydra : cloneNode(emptyHydra());
  const env = options.env ?? process.env;
  const overrides = splitOverrides(parsed);
  fillRuntime(hydra, {
    overrides,
    choices,
    configName: options.configName,
    mode: options.launchMode ?? options.mode,
    num: options.job?.num ?? 0,
    id: options.job?.id ?? String(options.job?.num ?? 0),
    jobName: options.jobName ?? 'app',
    cwd: options.cwd ?? process.cwd(),
    env,
  });
  const userChoices = Object.fromEntries(Object.entries(choices).filter(([key]) => !key.startsWith('hydra/')));
  return { config, hydra, choices: userChoices, overrides, now: options.now ?? new Date(), resolvers: options.resolvers ?? createResolverRegistry(), env };
}

/** Resolves a composition's job config with its `hydra` node, launch time and resolvers. */
export function resolveComposed(composed: Composed, options: Omit<ResolveOptions, 'hydra'> = {}): ConfigObject {
  return resolveConfig(composed.config, {
    hydra: composed.hydra,
    now: composed.now,
    resolvers: composed.resolvers,
    env: composed.env,
    ...options,
  });
}

function isHydraOverride(o: Override): boolean {
  return o.key === 'hydra' || o.key.startsWith('hydra.') || o.key.startsWith('hydra/');
}

/** Hydra's rule: a single run rejects sweeps; a multirun rejects sweeping Hydra's own settings. */
export function checkSweeps(overrides: readonly Override[], mode: 'run' | 'multirun'): void {
  for (const o of overrides) {
    if (o.value === null || !isSweepOverride(o)) continue;
    if (mode === 'multirun') {
      if (isHydraOverride(o)) throw new ConfigCompositionError(`Sweeping over Hydra's configuration is not supported : '${o.input}'`);
    } else if (o.value.kind === 'choice' && o.value.simpleForm) {
      throw new ConfigCompositionError(
        `Ambiguous value for argument '${o.input}'\n1. To use it as a list, use key=[value1,value2]\n2. To use it as string, quote the value: key='value1,value2'\n3. To sweep over it, compose with mode 'multirun' and expand the sweep`,
      );
    } else {
      throw new ConfigCompositionError(`Sweep parameters '${o.input}' requires multirun: compose with mode 'multirun' and expand the sweep.`);
    }
  }
}

function splitOverrides(overrides: readonly Override[]): { task: string[]; hydra: string[] } {
  const task: string[] = [];
  const hydra: string[] = [];
  for (const o of overrides) (isHydraOverride(o) ? hydra : task).push(o.input);
  return { task, hydra };
}

function emptyHydra(): ConfigObject {
  return { job: {}, runtime: {}, overrides: {} };
}

interface RuntimeValues {
  readonly overrides: { readonly task: readonly string[]; readonly hydra: readonly string[] };
  readonly choices: Readonly<Record<string, string | null>>;
  readonly configName: string | null;
  readonly mode: 'run' | 'multirun';
  readonly num: number;
  readonly id: string;
  readonly jobName: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

function objectAt(holder: ConfigObject, key: string): ConfigObject {
  const current = holder[key];
  if (isConfigObject(current)) return current;
  const created: ConfigObject = {};
  holder[key] = created;
  return created;
}

/** Hydra's post-compose step: record overrides, choices, cwd, job name/num/id and `override_dirname`, copy `env_copy` variables. */
function fillRuntime(hydra: ConfigObject, values: RuntimeValues): void {
  const overrides = objectAt(hydra, 'overrides');
  overrides['task'] = [...values.overrides.task];
  overrides['hydra'] = [...values.overrides.hydra];
  const runtime = objectAt(hydra, 'runtime');
  runtime['choices'] = { ...values.choices };
  runtime['cwd'] = values.cwd;
  runtime['version'] = LAUNCH_VERSION;
  const job = objectAt(hydra, 'job');
  if (job['name'] === undefined || job['name'] === MISSING || job['name'] === null) job['name'] = values.jobName;
  job['num'] = values.num;
  job['id'] = values.id;
  job['config_name'] = values.configName;
  const dirnameSettings = objectAt(objectAt(job, 'config'), 'override_dirname');
  job['override_dirname'] = computeOverrideDirname(values.overrides.task, {
    kv_sep: typeof dirnameSettings['kv_sep'] === 'string' ? dirnameSettings['kv_sep'] : '=',
    item_sep: typeof dirnameSettings['item_sep'] === 'string' ? dirnameSettings['item_sep'] : ',',
    exclude_keys: Array.isArray(dirnameSettings['exclude_keys']) ? dirnameSettings['exclude_keys'].map(String) : [],
  });
  hydra['mode'] = values.mode === 'run' ? 'RUN' : 'MULTIRUN';
  const envCopy = job['env_copy'];
  if (Array.isArray(envCopy) && envCopy.length > 0) {
    const envSet = objectAt(job, 'env_set');
    for (const name of envCopy) {
      const value = values.env[String(name)];
      if (value === undefined) {
        throw new ConfigCompositionError(`hydra.job.env_copy names '${String(name)}', which is not set in the environment. Set it, or remove it from env_copy.`);
      }
      envSet[String(name)] = value as ConfigNode;
    }
  }
}
