import type { LaunchEvent } from '../run/launch-events.js';

/** What the progress display knows about a launch, folded from its events (pure). */
export interface ProgressState {
  readonly total: number;
  readonly completed: number;
  /** Failed, timed out or skipped: ended without completing. */
  readonly failed: number;
  readonly cancelled: number;
  /** Numbers of the jobs running now. */
  readonly running: ReadonlySet<number>;
  /** Milliseconds since the epoch when the launch started (null before `launch:start`). */
  readonly startedAt: number | null;
}

export const EMPTY_PROGRESS: ProgressState = { total: 0, completed: 0, failed: 0, cancelled: 0, running: new Set(), startedAt: null };

/** Folds one launch event into the state. */
export function applyProgressEvent(state: ProgressState, event: LaunchEvent): ProgressState {
  switch (event.type) {
    case 'launch:start':
      return { ...state, total: event.jobCount ?? 0, startedAt: Date.parse(event.time) };
    case 'job:start':
      // A requeued job starts again without having ended: a set counts it once.
      return { ...state, running: new Set([...state.running, event.job.num]) };
    case 'job:end': {
      const running = new Set(state.running);
      running.delete(event.job.num);
      switch (event.status) {
        case 'completed':
          return { ...state, running, completed: state.completed + 1 };
        case 'cancelled':
          return { ...state, running, cancelled: state.cancelled + 1 };
        case 'failed':
        case 'timed-out':
        case 'skipped':
        case 'detached':
          return { ...state, running, failed: state.failed + 1 };
      }
      return state;
    }
    case 'job:queued':
    case 'job:output':
    case 'job:state':
    case 'launch:end':
      return state;
  }
}

/** Jobs that have not started yet. */
export function pendingJobs(state: ProgressState): number {
  return Math.max(0, state.total - state.completed - state.failed - state.cancelled - state.running.size);
}

/**
 * Time left, from the pace so far: finished jobs per elapsed millisecond (which already
 * reflects how many run at once). Null until one job has finished.
 */
export function estimateRemainingMs(state: ProgressState, nowMs: number): number | null {
  const finished = state.completed + state.failed + state.cancelled;
  if (state.startedAt === null || finished === 0) return null;
  const elapsed = Math.max(0, nowMs - state.startedAt);
  return Math.round((elapsed / finished) * Math.max(0, state.total - finished));
}
