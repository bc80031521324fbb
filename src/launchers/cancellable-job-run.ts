import { join } from 'node:path';
import type { JobOutcome } from '../job/job-outcome.js';
import type { PlannedJob } from '../run/launch-plan.js';
import type { JobAccess } from './job-table.js';
import type { RunJobOptions } from './launcher-definition.js';

/** One job run here, cancellable alone: what its handle reaches, and the options that honour it. */
export interface CancellableJobRun {
  readonly access: JobAccess;
  /** The outcome to record without starting the job, when it was cancelled before it started; else null. */
  cancelledBeforeStart(): JobOutcome | null;
  /** `options` with this job's own cancel added to its signal (SIGTERM, then SIGKILL, recorded `cancelled`). */
  options(options: RunJobOptions): RunJobOptions;
}

/**
 * Gives a job that runs on this machine a cancel of its own, through the same stop path as a
 * launch cancel (process group: SIGTERM, then SIGKILL after the grace period).
 */
export function cancellableJobRun(job: PlannedJob): CancellableJobRun {
  const own = new AbortController();
  const logs = job.payload.kind === 'function' ? { stdout: null, stderr: null } : { stdout: join(job.outputDir, 'stdout.log'), stderr: join(job.outputDir, 'stderr.log') };
  const cancelled = (signal: string | null): JobOutcome => ({ status: 'cancelled', signal, reason: String(own.signal.reason) });
  return {
    access: {
      schedulerId: null,
      ...logs,
      cancel: async (reason) => {
        if (!own.signal.aborted) own.abort(reason);
      },
    },
    cancelledBeforeStart: () => (own.signal.aborted ? cancelled(null) : null),
    options(options) {
      const signal = options.signal === undefined ? own.signal : AbortSignal.any([options.signal, own.signal]);
      return {
        ...options,
        signal,
        stoppedBySignal: (reason, killSignal) => (own.signal.aborted ? cancelled(killSignal) : (options.stoppedBySignal?.(reason, killSignal) ?? { status: 'cancelled', signal: killSignal, reason: String(reason) })),
      };
    },
  };
}
