import type { CreateLauncherOptions, Launcher } from '../launchers/create-launcher.js';
import type { LauncherDefinition } from '../launchers/launcher-definition.js';
import { loadLauncher } from '../launchers/load-launcher.js';
import { isModuleTarget } from '../modules/import-module-target.js';
import type { Composed } from './compose.js';
import { createLauncherFromConfig } from './create-launcher-from-config.js';
import { launcherInputFromComposed } from './launcher-input.js';

/** Where a composition's module `_target_` is resolved from. */
export interface LoadLauncherFromConfigOptions extends CreateLauncherOptions {
  /** The config folder the composition read; `_target_: ./x.mjs#y` is relative to it. @default process.cwd() */
  readonly configDir?: string;
}

/**
 * The launchers a composition needs beyond the built-ins: the one its `hydra.launcher._target_`
 * names when that is a module (`./launchers/pbs.mjs#pbsLauncher`, `some-package#export`), else none.
 */
export async function loadConfigLaunchers(composed: Composed, options: { readonly configDir?: string } = {}): Promise<LauncherDefinition[]> {
  const target = launcherInputFromComposed(composed).input._target_;
  if (typeof target !== 'string' || !isModuleTarget(target)) return [];
  return [await loadLauncher(target, options.configDir === undefined ? {} : { baseDir: options.configDir })];
}

/**
 * `createLauncherFromConfig` for configs whose launcher is a plug-in: loads the `_target_` module
 * (relative to `configDir`) with `import()`, then validates and builds the launcher as for a
 * built-in. `hydra/launcher=sge` with `_target_: ../sge-launcher.mjs#sgeLauncher` works this way.
 */
export async function loadLauncherFromConfig(composed: Composed, options: LoadLauncherFromConfigOptions = {}): Promise<Launcher> {
  const { configDir, ...createOptions } = options;
  const loaded = await loadConfigLaunchers(composed, configDir === undefined ? {} : { configDir });
  return createLauncherFromConfig(composed, { ...createOptions, launchers: [...(createOptions.launchers ?? []), ...loaded] });
}
