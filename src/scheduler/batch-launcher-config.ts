import type { LauncherCommonConfig } from '../launchers/launcher-definition.js';

/**
 * The fields every batch launcher has (SLURM, SGE, ...), resolved by its schema. A backend's
 * config extends this; the scheduler core reads only these.
 */
export interface BatchLauncherConfig extends LauncherCommonConfig {
  /** The launch's scheduler folder: scripts, logs, job files, results. @default '${hydra.sweep.dir}/.submitit' */
  readonly submitit_folder: string;
  /** @default 60 */
  readonly timeout_min: number;
  /** Job name template. @default '${hydra.job.name}' */
  readonly name: string;
  /** @default false */
  readonly stderr_to_stdout: boolean;
  /** How often a job that reaches its time limit is requeued. @default 0 */
  readonly max_num_timeout: number;
  /** How often a job that is preempted or loses its node is requeued. @default 3 */
  readonly max_num_preemption: number;
  /** At most this many jobs of the launch run at once. @default 256 */
  readonly array_parallelism: number;
  /** Submit calls per second at most. @default 5 */
  readonly max_submit_per_s: number;
  /** Tasks per submit call; null asks the cluster. @default null */
  readonly max_array_size: number | null;
  /** @default 1 */
  readonly poll_interval_s: number;
  /** @default 15 */
  readonly poll_max_interval_s: number;
  /** Seconds a job may pend with a reason that will not clear (BadConstraints, ...) before a warning event. @default 600 */
  readonly pending_patience_s: number;
  /** Write every script, submit nothing. @default false */
  readonly dry_run: boolean;
  /** Variables added to every job. @default {} */
  readonly env: Readonly<Record<string, string | number | boolean>>;
}
