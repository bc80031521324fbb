import { attachBatchLaunch, type AttachedJob, type AttachOptions } from '../../scheduler/attach-batch-launch.js';
import { createSlurmCommands } from './create-slurm-commands.js';
import { slurmScheduler } from './slurm-scheduler.js';

export type { AttachedJob, AttachOptions };

/**
 * Follows a detached (or interrupted) slurm launch to its end from its files alone:
 * `dir` is the launch folder or its submitit folder (with launch.json).
 */
export function attachSlurmLaunch(dir: string, options: AttachOptions = {}): Promise<{ readonly jobs: readonly AttachedJob[]; readonly cancelled: boolean }> {
  return attachBatchLaunch(dir, { backend: slurmScheduler, createCommands: (clock) => createSlurmCommands({ clock }) }, options);
}
