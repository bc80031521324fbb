/** A serialisable view of an error, for events and `events.jsonl`. */
export interface JobErrorInfo {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  /** The file or folder at fault, when there is one. */
  readonly path?: string;
  /** The message of the underlying error, when there is one. */
  readonly cause?: string;
}

/** One task's report in a multi-task job (`tasks_per_node > 1`): its result, its error, or nothing written. */
export type TaskResult =
  | { readonly task: number; readonly status: 'completed'; readonly result: unknown }
  | { readonly task: number; readonly status: 'failed'; readonly error: JobErrorInfo }
  /** The task wrote no report (killed, or it never ran). */
  | { readonly task: number; readonly status: 'unknown' };

/**
 * How a job ended. One union for every launcher, so a switch over `status` is exhaustive.
 * `skipped` jobs never started (e.g. a time budget said they could not finish).
 */
export type JobOutcome =
  | {
      readonly status: 'completed';
      readonly exitCode: number | null;
      /** Task 0's result (the only task's, for most jobs). */
      readonly result: unknown;
      /** Every task's report, for a job of several tasks (`tasks_per_node > 1`); absent for one task. */
      readonly tasks?: readonly TaskResult[];
    }
  | {
      readonly status: 'failed';
      readonly exitCode: number | null;
      readonly signal: string | null;
      readonly error: JobErrorInfo;
      /** Every task's report, for a job of several tasks; absent for one task. */
      readonly tasks?: readonly TaskResult[];
    }
  | { readonly status: 'timed-out'; readonly signal: string | null; readonly timeoutMs: number }
  | { readonly status: 'cancelled'; readonly signal: string | null; readonly reason: string }
  | { readonly status: 'skipped'; readonly reason: string }
  /** Handed to a scheduler and left running (`detach`); `attach` follows it to its real end. */
  | { readonly status: 'detached'; readonly reason: string; readonly schedulerId: string | null };

export type JobStatus = JobOutcome['status'];

export const JOB_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'timed-out', 'cancelled', 'skipped', 'detached'];

/** Counts of final statuses, every status present. */
export type StatusCounts = Readonly<Record<JobStatus, number>>;

/** Turns anything thrown into the serialisable error shape. */
export function toJobErrorInfo(error: unknown): JobErrorInfo {
  if (error instanceof Error) {
    const { code, path, cause } = error as { code?: unknown; path?: unknown; cause?: unknown };
    return {
      name: error.name,
      message: error.message,
      ...(typeof code === 'string' ? { code } : {}),
      ...(typeof path === 'string' ? { path } : {}),
      ...(cause instanceof Error ? { cause: cause.message } : {}),
    };
  }
  return { name: 'Error', message: String(error) };
}
