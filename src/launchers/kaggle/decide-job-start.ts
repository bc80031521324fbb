import { formatDuration } from './format-duration.js';

/** What the budget knows when a job is next in line. */
export interface JobStartInput {
  readonly nowMs: number;
  readonly deadlineMs: number;
  /** The job's own `expected_duration_min`, in ms; null when not given. */
  readonly expectedMs: number | null;
  /** Durations of the jobs of this launch that completed so far. */
  readonly completedDurationsMs: readonly number[];
}

/** Where an estimate came from: the job's own expectation, the jobs already run, or nothing yet. */
export type EstimateBasis = 'expected_duration_min' | 'completed jobs' | 'none';

/** Run the job now, or skip it because it cannot finish before the deadline. */
export type JobStartDecision =
  | { readonly kind: 'run'; readonly leftMs: number; readonly estimateMs: number | null; readonly basis: EstimateBasis }
  | { readonly kind: 'skip'; readonly leftMs: number; readonly estimateMs: number | null; readonly basis: EstimateBasis; readonly reason: string };

/**
 * Decides whether the next job can finish in the time left. The estimate is the job's own
 * `expected_duration_min` when given, else the longest completed job so far (conservative:
 * a job that overruns is killed and its time is lost); with no estimate the job runs and the
 * deadline guard stops it if needed. Nothing starts once the deadline has passed. Pure.
 */
export function decideJobStart(input: JobStartInput): JobStartDecision {
  const leftMs = input.deadlineMs - input.nowMs;
  const { estimateMs, basis } = estimate(input);
  if (leftMs <= 0) {
    return { kind: 'skip', leftMs, estimateMs, basis, reason: `not started: the launch deadline passed ${formatDuration(-leftMs)} ago` };
  }
  if (estimateMs === null || estimateMs <= leftMs) return { kind: 'run', leftMs, estimateMs, basis };
  return {
    kind: 'skip',
    leftMs,
    estimateMs,
    basis,
    reason: `not started: it needs about ${formatDuration(estimateMs)} (${basis === 'expected_duration_min' ? 'its expected_duration_min' : 'the longest completed job'}) but only ${formatDuration(leftMs)} are left before the launch deadline`,
  };
}

function estimate(input: JobStartInput): { estimateMs: number | null; basis: EstimateBasis } {
  if (input.expectedMs !== null) return { estimateMs: input.expectedMs, basis: 'expected_duration_min' };
  if (input.completedDurationsMs.length > 0) return { estimateMs: Math.max(...input.completedDurationsMs), basis: 'completed jobs' };
  return { estimateMs: null, basis: 'none' };
}
