import type { SchedulerStateKind } from './scheduler-state.js';

/** One array task as the scheduler reports it, whichever command reported it. */
export interface SchedulerRecord {
  /** The array's job id (SLURM's `%A`, SGE's `$JOB_ID`). */
  readonly arrayJobId: string;
  /** The task id inside the array (0-based, as the launcher numbers tasks). */
  readonly task: number;
  /** The state name as the scheduler prints it, normalised (`CANCELLED`, not `CANCELLED by 0`). */
  readonly state: string;
  /** What `state` means to the launcher (the backend's `mapState`). */
  readonly kind: SchedulerStateKind;
  /** Exit code of the batch script, when the scheduler reported one. */
  readonly exitCode: number | null;
  /** Signal number that ended it, 0 or null when none. */
  readonly signal: number | null;
  readonly reason: string | null;
  /** 1 for the first run, +1 for each requeue the scheduler recorded; null when it does not say. */
  readonly attempt: number | null;
}

/** Key of a task across the launch: `<arrayJobId>_<task>`. */
export function taskKey(arrayJobId: string, task: number): string {
  return `${arrayJobId}_${task}`;
}
