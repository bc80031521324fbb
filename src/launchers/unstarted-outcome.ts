import { toJobErrorInfo, type JobOutcome } from '../job/job-outcome.js';

/**
 * The outcome of a job a launch never started: cancelled with the launch's reason, failed with
 * the error that ended the launch, or else skipped because fail-fast stopped it. One wording for
 * the shared flow and every backend that records such jobs itself.
 */
export function unstartedOutcome(signal: AbortSignal, error: unknown = null): JobOutcome {
  if (signal.aborted) return { status: 'cancelled', signal: null, reason: `never started: ${String(signal.reason)}` };
  if (error !== null) return { status: 'failed', exitCode: null, signal: null, error: toJobErrorInfo(error) };
  return { status: 'skipped', reason: 'not started: fail_fast stopped the launch after a failure' };
}
