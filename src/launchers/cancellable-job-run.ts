import { join } from 'node:path';
import type { JobOutcome } from '../job/job-outcome.js';
import { StopSwitch } from '../process/stop-switch.js';
import type { PlannedJob } from '../run/launch-plan.js';
import type { JobAccess } from './job-table.js';
import type { RunJobOptions } from './launcher-definition.js';

/** One job run here, cancellable alone: what its handle reaches, and the options that honour it. */
export interface CancellableJobRun {
  readonly access: JobAccess;
  /** This job's own cancel, for the runner to hear beside the launch's stop (SIGTERM, then SIGKILL, recorded `cancelled`). */
  readonly stop: StopSwitch;
  /** The outcome to record without starting the job, when it was cancelled before it started; else null. */
  cancelledBeforeStart(): JobOutcome | null;
  /** `options` whose outcome for a stopped job says `cancelled` with this job's own reason when its cancel stopped it. */
  options(options: RunJobOptions): RunJobOptions;
}

/**
 * Gives a job that runs on this machine a cancel of its own, through the same stop path as a
 * launch cancel (process group: SIGTERM, then SIGKILL after the grace period).
 */
export function cancellableJobRun(job: PlannedJob): CancellableJobRun {
  const own = new StopSwitch();
  const logs = job.payload.kind === 'function' ? { stdout: null, stderr: null } : { stdout: join(job.outputDir, 'stdout.log'), stderr: join(job.outputDir, 'stderr.log') };
  const cancelled = (signal: string | null): JobOutcome => ({ status: 'cancelled', signal, reason: String(own.reason) });
  return {
    access: {
      schedulerId: null,
      ...logs,
      cancel: async (reason) => own.stop(reason),
    },
    stop: own,
    cancelledBeforeStart: () => (own.aborted ? cancelled(null) : null),
    options(options) {
      return {
        ...options,
        stoppedBySignal: (reason, killSignal) => (own.aborted ? cancelled(killSignal) : (options.stoppedBySignal?.(reason, killSignal) ?? { status: 'cancelled', signal: killSignal, reason: String(reason) })),
      };
    },
  };
}
