import { dirname, resolve } from 'node:path';
import { createComposer } from '../config/create-composer.js';
import { launchFromConfig } from '../config/launch-from-config.js';
import { loadConfigLaunchers } from '../config/load-launcher-from-config.js';
import type { JobTemplate } from '../config/launch-from-config.js';
import type { LaunchOptions } from '../launchers/launch-options.js';
import type { LaunchHandle } from '../launchers/launch-handle.js';
import type { DryRunResult } from '../run/launch-result.js';
import { findTask } from './find-task.js';
import type { Task } from './find-task.js';

export interface TaskLaunchInput {
  readonly configDir: string;
  readonly configName: string;
  readonly task: readonly string[];
  readonly overrides: readonly string[];
  readonly multirun: boolean;
  readonly cwd: string;
}

/** A task found in the project's config, ready to launch (or to plan, for --dry-run). */
export interface TaskLaunch {
  readonly task: Task;
  launch(options: Omit<LaunchOptions, 'dryRun'> & { readonly dryRun: true }): DryRunResult;
  launch(options: Omit<LaunchOptions, 'dryRun'>): LaunchHandle;
}

/**
 * Finds the task in the primary config's `tasks:` map (composed once, as typed), then hands the
 * command line to the library's `launchFromConfig`, which expands the sweep, composes every job
 * with its own `hydra` node and builds the launcher `hydra/launcher` chooses. A plug-in launcher
 * (`_target_: ./x.mjs#export` in the launcher YAML) is imported first, relative to the config folder.
 */
export async function prepareTaskLaunch(input: TaskLaunchInput): Promise<TaskLaunch> {
  const configDir = resolve(input.cwd, input.configDir);
  const primary = createComposer({ configDir, configName: input.configName }).compose({ overrides: input.overrides, cwd: input.cwd, mode: input.multirun ? 'multirun' : 'run' });
  const task = findTask(primary.config['tasks'], input.task, dirname(configDir));
  const job: JobTemplate = task.job.kind === 'module' ? { module: task.job.module, export: task.job.export } : { command: task.job.command };
  const launchers = await loadConfigLaunchers(primary, { configDir });
  const common = { configDir, configName: input.configName, overrides: input.overrides, multirun: input.multirun, job, cwd: input.cwd, launchers };
  return {
    task,
    launch: ((options: LaunchOptions) => launchFromConfig({ ...common, ...options })) as TaskLaunch['launch'],
  };
}
