import type { TaskRef } from './scheduler-backend.js';
import type { SchedulerRecord } from './scheduler-record.js';

/**
 * The scheduler as the core sees it: a handful of batched calls. The real one runs a
 * backend's programs (`createSchedulerCommands`); tests and benchmarks inject their own.
 */
export interface SchedulerCommands {
  /** Submits one array script; returns the array's job id. Held: nothing starts until `release`. After: starts once that array ended. */
  submit(scriptPath: string, options: { readonly hold: boolean; readonly after: string | null }): Promise<string>;
  /** The current record of these tasks, in one scheduler query. */
  query(tasks: readonly TaskRef[]): Promise<SchedulerRecord[]>;
  /** Cancels every listed array (or `<array>_<task>` id) in one call. */
  cancel(jobIds: readonly string[]): Promise<void>;
  /** Releases the listed held arrays in one call. */
  release(jobIds: readonly string[]): Promise<void>;
  /** Sets how many tasks of this array may run at once. Optional: without it, arrays are chained. */
  throttle?(arrayJobId: string, cap: number): Promise<void>;
  /** Sets the time limit (minutes) of these tasks of one held array. Optional: without it, each limit gets its own array. */
  setTaskTimeLimit?(arrayJobId: string, tasks: readonly number[], timeMin: number): Promise<void>;
  /** Requeues the listed `<array>_<task>` ids in one call. */
  requeue(jobIds: readonly string[]): Promise<void>;
  /** Could the scheduler ever run this script as asked? null: yes; otherwise its verdict, in its own words. Optional (fakes). */
  probe?(scriptPath: string): Promise<string | null>;
  /** The cluster's largest array. */
  maxArraySize(): Promise<number>;
}

export type { TaskRef };
