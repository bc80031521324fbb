import { dirname, resolve } from 'node:path';
import { createComposer } from '../config/create-composer.js';
import type { Composed } from '../config/compose.js';
import { isConfigObject, toPlainData } from '../config/config-tree.js';
import { createLauncherFromConfig } from '../config/create-launcher-from-config.js';
import type { Launcher } from '../launchers/create-launcher.js';
import type { JobSpec } from '../job/job-spec.js';
import { expandSweep } from '../sweep/index.js';
import type { SweeperParamValue } from '../sweep/index.js';
import { findTask } from './find-task.js';
import type { Task } from './find-task.js';

export interface TaskLaunchInput {
  readonly configDir: string;
  readonly configName: string;
  readonly task: readonly string[];
  readonly overrides: readonly string[];
  readonly multirun: boolean;
  readonly cwd: string;
  /** The launch time shared by every `${now:...}`. @default new Date() */
  readonly now?: Date;
}

/** Everything a task's launch needs, composed but not started. */
export interface TaskLaunch {
  readonly task: Task;
  /** The master composition: the first job's in a sweep (Hydra's `--cfg` shows the same). */
  readonly master: Composed;
  readonly jobs: readonly JobSpec[];
  readonly launcher: Launcher;
  readonly mode: 'run' | 'multirun';
  /** The overrides as typed, recorded in multirun.yaml. */
  readonly sweepOverrides: readonly string[];
}

/**
 * Composes the primary config, finds the task in its `tasks:` map, expands the sweep in
 * Hydra's order and composes each job's own config (group choices may differ per job).
 * The launcher comes from `hydra/launcher` of the composition.
 */
export function prepareTaskLaunch(input: TaskLaunchInput): TaskLaunch {
  const configDir = resolve(input.cwd, input.configDir);
  const composer = createComposer({ configDir, configName: input.configName });
  const now = input.now ?? new Date();
  const mode = input.multirun ? 'multirun' : 'run';
  const base = { now, cwd: input.cwd, mode } as const;
  const master = composer.compose({ ...base, overrides: input.overrides });
  const task = findTask(master.config['tasks'], input.task, dirname(configDir));
  const sweep = input.multirun
    ? [...expandSweep(input.overrides, { params: sweeperParams(master), listGroupOptions: (group) => composer.source.listOptions(group) }).jobs()]
    : [[...input.overrides]];
  const composed = sweep.map((overrides, num) => composer.compose({ ...base, overrides, job: { num } }));
  const jobs = composed.map((job): JobSpec => {
    const common = { overrides: job.overrides.task, config: job.config };
    return task.job.kind === 'module' ? { ...common, module: task.job.module, export: task.job.export } : { ...common, command: task.job.command };
  });
  const launcher = createLauncherFromConfig(composed[0] ?? master);
  return { task, master: composed[0] ?? master, jobs, launcher, mode, sweepOverrides: input.multirun ? input.overrides : [] };
}

function sweeperParams(master: Composed): Readonly<Record<string, SweeperParamValue>> | undefined {
  const sweeper = master.hydra['sweeper'];
  if (!isConfigObject(sweeper) || !isConfigObject(sweeper['params'])) return undefined;
  return toPlainData(sweeper['params']) as Record<string, SweeperParamValue>;
}
