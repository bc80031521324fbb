import type { InFlightState } from '../run/launch-events.js';

/**
 * What a batch scheduler's native job states mean to the launcher. A backend maps each native
 * state (SLURM's `PENDING`, SGE's `qw`, ...) onto one kind; the native name travels beside it.
 * `pending`, `running`, `requeued` and `unknown` keep a job polled; the others end an attempt.
 */
export type SchedulerStateKind =
  | 'pending'
  | 'running'
  | 'requeued'
  | 'completed'
  | 'failed'
  | 'timeout'
  | 'cancelled'
  | 'preempted'
  | 'node-fail'
  | 'out-of-memory'
  | 'boot-fail'
  | 'deadline'
  | 'unknown';

/** True when the state ends the current attempt (the job may still be requeued). */
export function isFinalState(kind: SchedulerStateKind): boolean {
  switch (kind) {
    case 'pending':
    case 'running':
    case 'requeued':
    case 'unknown':
      return false;
    case 'completed':
    case 'failed':
    case 'timeout':
    case 'cancelled':
    case 'preempted':
    case 'node-fail':
    case 'out-of-memory':
    case 'boot-fail':
    case 'deadline':
      return true;
  }
}

/**
 * Our in-flight state for a native state name, or for the two notes the watcher adds itself
 * (`REQUEUE`: we requeued the job, `CANCEL`: we cancelled it); the native name goes in `native`.
 */
export function inFlightStateOf(native: string, mapState: (native: string) => SchedulerStateKind): InFlightState {
  if (native === 'REQUEUE') return 'requeued';
  if (native === 'CANCEL') return 'cancelling';
  const kind = mapState(native);
  switch (kind) {
    case 'pending':
    case 'running':
    case 'requeued':
    case 'unknown':
      return kind;
    default:
      return 'attempt-ended';
  }
}
