import type { JobOutcome } from '../job/job-outcome.js';
import type { ExecutionContext } from '../launchers/launcher-definition.js';
import { refOf } from '../run/job-ref.js';
import type { SchedulerJobRef } from '../run/launch-events.js';
import type { PlannedJob } from '../run/launch-plan.js';
import type { SchedulerCommands } from './scheduler-commands.js';
import { taskKey } from './scheduler-record.js';
import { streamJobOutput } from './stream-job-output.js';
import type { WatchedJob } from './watch-jobs.js';

type Timing = { durationMs: number; attempts: number; scheduler: SchedulerJobRef };

/** The per-job side of a watched batch launch: handles (scheduler id, logs, cancel alone) and `streamOutput`. */
export interface BatchJobFollowers {
  /** Jobs cancelled through their handle, with the caller's reason (for the watcher). */
  readonly cancelledAlone: ReadonlyMap<number, string>;
  /** Jobs just submitted: their handles learn their scheduler id, logs and cancel. */
  add(jobs: readonly WatchedJob[]): void;
  /** A task started running: its logs are tailed from now on (with `streamOutput`). */
  started(num: number): void;
  /** Records a job's end through `end`, after its logs' last lines were emitted (with `streamOutput`). */
  finish(num: number, outcome: JobOutcome, timing: Timing): void;
  /** Waits for every finish still draining a log, and stops tailing. Nothing is emitted after it. */
  settle(): Promise<void>;
}

/** What the followers need from the launch: its context, the jobs in flight, and how a job's end is recorded. */
export interface FollowContext<Config> {
  readonly ctx: ExecutionContext<Config>;
  readonly commands: SchedulerCommands;
  /** The planned job of a number in flight. */
  readonly jobOf: (num: number) => PlannedJob;
  /** Records a job's end (the launch's bookkeeping, then `finishJob`). */
  readonly end: (num: number, outcome: JobOutcome, timing: Timing) => void;
  /** @default TAIL_INTERVAL_MS */
  readonly intervalMs?: number;
}

/**
 * Tells the launch where each submitted job runs (its handle's scheduler id, logs and cancel: one
 * `<array>_<task>` through the backend's cancel command, never the whole array) and, with
 * `streamOutput`, tails the jobs' log files into `job:output` events as the local launcher emits
 * them, draining each log before its `job:end`. Holds only the jobs in flight.
 */
export function followBatchJobs<Config>(follow: FollowContext<Config>): BatchJobFollowers {
  const { ctx, commands, jobOf } = follow;
  const cancelledAlone = new Map<number, string>();
  const live = new Map<number, WatchedJob>();
  const output = streamJobOutput({
    stream: ctx.streamOutput,
    clock: ctx.clock,
    ...(follow.intervalMs === undefined ? {} : { intervalMs: follow.intervalMs }),
    onLine: (num, stream, line) => ctx.emit({ type: 'job:output', job: refOf(jobOf(num)), stream, line }),
  });
  const forget = (num: number): void => {
    live.delete(num);
    cancelledAlone.delete(num);
  };
  return {
    cancelledAlone,
    add(jobs) {
      for (const job of jobs) {
        const id = taskKey(job.arrayJobId, job.task);
        live.set(job.num, job);
        ctx.exposeJob(jobOf(job.num), {
          schedulerId: id,
          stdout: job.logs.stdout,
          stderr: job.logs.stderr,
          cancel: async (reason) => {
            if (!live.has(job.num)) return;
            cancelledAlone.set(job.num, reason);
            await commands.cancel([id]);
          },
        });
      }
    },
    started(num) {
      const job = live.get(num);
      if (job !== undefined) output.started(num, job.logs);
    },
    finish(num, outcome, timing) {
      const job = live.get(num);
      forget(num);
      const record = () => follow.end(num, outcome, timing);
      if (job === undefined) record();
      else output.finish(num, job.logs, record);
    },
    settle: () => output.settle(),
  };
}
