import { createLauncher } from '../launchers/create-launcher.js';
import type { CreateLauncherOptions, Launcher } from '../launchers/create-launcher.js';
import type { LaunchOptions } from '../launchers/launch-options.js';
import type { JobSpec } from '../job/job-spec.js';
import type { Composed } from './compose.js';
import { launcherInputFromComposed } from './launcher-input.js';
import { LauncherLoadError } from '../launchers/load-launcher.js';
import { isModuleTarget } from '../modules/import-module-target.js';

/**
 * Builds the launcher a composed config selects (`hydra/launcher=slurm` and its
 * fields), validated by that launcher's JSON Schema, with the composition's
 * `hydra.run`/`hydra.sweep`/`hydra.job` settings. Its launches default to the
 * composition's launch time, so `${now:...}` in the folders and in launcher fields
 * (e.g. `submitit_folder`) agree.
 */
export function createLauncherFromConfig(composed: Composed, options: CreateLauncherOptions = {}): Launcher {
  const { input } = launcherInputFromComposed(composed);
  const target = input._target_;
  if (typeof target === 'string' && isModuleTarget(target) && !(options.launchers ?? []).some((d) => d.targets?.includes(target))) {
    // import() is asynchronous: a module _target_ is loaded before this synchronous call
    throw new LauncherLoadError(target, '(not loaded)', 'a module _target_ must be loaded first: use `await loadLauncherFromConfig(composed, { configDir })`, or pass `launchers: [await loadLauncher(target, { baseDir: configDir })]`');
  }
  const launcher = createLauncher(input, options);
  const launch = (jobs: readonly JobSpec[], launchOptions: LaunchOptions = {}): ReturnType<Launcher['launch']> =>
    launcher.launch(jobs, { now: composed.now, ...launchOptions });
  return { ...launcher, launch: launch as Launcher['launch'] };
}
