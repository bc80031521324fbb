import type { SchedulerRecord } from './scheduler-record.js';

/** A task the watcher still follows. */
export interface TaskRef {
  readonly arrayJobId: string;
  readonly task: number;
}

/**
 * The scheduler as the launcher sees it: a handful of batched calls. The real one spawns
 * SLURM's client programs (`createSlurmCommands`); tests and benchmarks inject their own.
 */
export interface SchedulerCommands {
  /** `sbatch --parsable <extraArgs> <script>`; returns the array's job id. */
  submit(scriptPath: string, extraArgs: readonly string[]): Promise<string>;
  /** The current record of these tasks, in one scheduler query (sacct, or squeue when accounting is off). */
  query(tasks: readonly TaskRef[]): Promise<SchedulerRecord[]>;
  /** `scancel` every listed array (or `<array>_<task>` id) in one call. */
  cancel(jobIds: readonly string[]): Promise<void>;
  /** `scontrol release` the listed arrays (submitted with `--hold`) in one call. */
  release(jobIds: readonly string[]): Promise<void>;
  /** `scontrol requeue` the listed `<array>_<task>` ids in one call. */
  requeue(jobIds: readonly string[]): Promise<void>;
  /** The cluster's MaxArraySize (`scontrol show config`). */
  maxArraySize(): Promise<number>;
}
