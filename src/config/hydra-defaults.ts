import type { ConfigObject } from './config-tree.js';
import type { ConfigSource } from './config-source.js';
import { EMPTY_PRIMARY } from './defaults-list.js';
import { BUILTIN_LAUNCHER_DEFINITIONS, launcherGroupNodes } from './launcher-groups.js';
import { createMemoryConfigSource } from './memory-config-source.js';
import type { LauncherDefinition } from '../launchers/launcher-definition.js';

/**
 * Hydra's own configs, shipped as constants so they live in `dist` without YAML
 * files: `hydra/config` (output folders, job settings, the default choices) and
 * the options of `hydra/launcher` and `hydra/sweeper`. A user's config folder
 * sits first on the search path, so its files of the same name win.
 */
export const HYDRA_CONFIG: ConfigObject = deepFreeze<ConfigObject>({
  defaults: [
    { output: 'default' },
    { launcher: 'basic' },
    { sweeper: 'basic' },
    { help: 'default' },
    { hydra_help: 'default' },
    { hydra_logging: 'default' },
    { job_logging: 'default' },
    { callbacks: null },
    { env: 'default' },
    '_self_',
  ],
  run: { dir: 'logs/runs/${now:%Y-%m-%d}/${now:%H-%M-%S}' },
  sweep: { dir: 'logs/multiruns/${now:%Y-%m-%d}/${now:%H-%M-%S}', subdir: '${hydra.job.num}' },
  output_subdir: '.hydra',
  overrides: { hydra: [], task: [] },
  job: {
    name: '???',
    chdir: false,
    override_dirname: '???',
    id: '???',
    num: '???',
    config_name: '???',
    env_set: {},
    env_copy: [],
    config: { override_dirname: { kv_sep: '=', item_sep: ',', exclude_keys: [] } },
  },
  runtime: { version: '???', version_base: '1.3', cwd: '???', config_sources: [], output_dir: '???', choices: {} },
  verbose: false,
  mode: '???',
  searchpath: [],
});

/**
 * The built-in launcher options (`hydra/launcher=<name>`), generated from each launcher's JSON
 * Schema: every field with its default, or null when it has none (see `launcherGroupNode`).
 */
export const HYDRA_LAUNCHERS: Readonly<Record<string, ConfigObject>> = deepFreeze<Record<string, ConfigObject>>(launcherGroupNodes(BUILTIN_LAUNCHER_DEFINITIONS));

/** The built-in sweeper: Hydra's BasicSweeper settings (`hydra.sweeper.params` lists sweeps kept in the config). */
export const HYDRA_SWEEPERS: Readonly<Record<string, ConfigObject>> = deepFreeze<Record<string, ConfigObject>>({
  basic: { _target_: 'hydra._internal.core_plugins.basic_sweeper.BasicSweeper', max_batch_size: null, params: null },
});

/**
 * Hydra's other groups, so a Hydra project's `override hydra/job_logging: disabled` (and the
 * like) composes. Python logging and help texts have no meaning here: the options are stubs.
 */
export const HYDRA_OTHER_GROUPS: Readonly<Record<string, Readonly<Record<string, ConfigObject>>>> = deepFreeze<Record<string, Record<string, ConfigObject>>>({
  output: { default: {} },
  help: { default: {} },
  hydra_help: { default: {} },
  env: { default: {} },
  hydra_logging: { default: logging('INFO'), disabled: logging('ERROR'), none: {} },
  job_logging: { default: logging('INFO'), disabled: logging('ERROR'), stdout: logging('INFO'), none: {} },
});

function logging(level: string): ConfigObject {
  return { version: 1, root: { level }, disable_existing_loggers: false };
}

/** Freezes the embedded constants so no composition can change them for the next one. */
function deepFreeze<T>(value: T): T {
  freezeAny(value);
  return value;
}

/**
 * The embedded Hydra configs as a source. Built once: its configs are given as parsed
 * content (nothing to cache) and composition never mutates what it loads.
 */
export const HYDRA_CONFIG_SOURCE: ConfigSource = createHydraConfigSource();

/** Creates a config source over the embedded Hydra configs; `launchers` adds registered launchers' groups beside the built-ins. */
export function createHydraConfigSource(launchers: readonly LauncherDefinition<object>[] = []): ConfigSource {
  const configs: Record<string, { content: ConfigObject; packageHeader?: string | null }> = {
    'hydra/config': { content: HYDRA_CONFIG },
    [EMPTY_PRIMARY]: { content: {} },
  };
  const launcherNodes = launchers.length === 0 ? HYDRA_LAUNCHERS : deepFreeze(launcherGroupNodes([...BUILTIN_LAUNCHER_DEFINITIONS, ...launchers]));
  for (const [name, content] of Object.entries(launcherNodes)) configs[`hydra/launcher/${name}`] = { content };
  for (const [name, content] of Object.entries(HYDRA_SWEEPERS)) configs[`hydra/sweeper/${name}`] = { content };
  for (const [group, options] of Object.entries(HYDRA_OTHER_GROUPS)) {
    // As in Hydra, output and env options merge straight into the hydra node (`# @package hydra`).
    const packageHeader = group === 'output' || group === 'env' ? 'hydra' : null;
    for (const [name, content] of Object.entries(options)) configs[`hydra/${group}/${name}`] = { content, packageHeader };
  }
  return createMemoryConfigSource(configs, 'hydra');
}

function freezeAny(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  for (const item of Object.values(value) as unknown[]) freezeAny(item);
  Object.freeze(value);
}
