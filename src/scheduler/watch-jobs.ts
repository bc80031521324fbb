import type { JobOutcome } from '../job/job-outcome.js';
import type { SchedulerJobRef } from '../run/launch-events.js';
import type { Clock } from '../process/system-clock.js';
import { outcomeFromRecord, type OutcomeVoice, voiceName } from './outcome-from-record.js';
import type { TaskReport } from './read-worker-report.js';
import type { SchedulerCommands } from './scheduler-commands.js';
import { schedulerCode } from './scheduler-errors.js';
import { type SchedulerRecord, taskKey } from './scheduler-record.js';
import { nextPollDelay } from './next-poll-delay.js';
import { newTrackedJob, type TrackedJob, trackJob, type TrackNote } from './track-job.js';

/** One submitted job the watcher follows. */
export interface WatchedJob {
  readonly num: number;
  readonly arrayJobId: string;
  readonly task: number;
  readonly kind: 'command' | 'module';
  readonly timeoutMs: number;
  /** Clock time of its submission, for `durationMs`. */
  readonly submittedAt: number;
  /** Where its logs are, for error messages. */
  readonly logHint: string;
  /** Its log files (recorded on its `job:end`). */
  readonly logs: { readonly stdout: string; readonly stderr: string };
}

/** Where the watcher's findings go: the launch flow's events, or attach's own listeners. */
export interface WatchSink {
  note(num: number, note: TrackNote): void;
  finish(num: number, outcome: JobOutcome, timing: { durationMs: number; attempts: number; scheduler: SchedulerJobRef }): void;
  warn(message: string): void;
}

export interface WatchOptions {
  readonly commands: SchedulerCommands;
  /** Which scheduler speaks in messages and error codes, and what to raise when it forgets finished jobs. */
  readonly voice: OutcomeVoice & { readonly lostRecordHint: string };
  readonly clock: Clock;
  /** Aborting it cancels every array of the launch. */
  readonly signal: AbortSignal;
  readonly pollIntervalMs: number;
  readonly pollMaxIntervalMs: number;
  readonly maxNumPreemption: number;
  /** Reads what a finished task left in its folder (worker report, exit status). */
  readonly readReport: (num: number, kind: 'command' | 'module') => Promise<TaskReport>;
  readonly sink: WatchSink;
  /** After each answered poll: unfinished tasks per array id (to share the parallelism budget). */
  readonly onPoll?: (remaining: ReadonlyMap<string, number>) => Promise<void>;
  /** How long a job may pend with a reason that `isHopelessReason` says will not clear, before a warning. @default 600000 */
  readonly pendingPatienceMs?: number;
  /** Pending reasons that will not clear by themselves (the backend's `isHopelessReason`). @default none */
  readonly isHopelessReason?: (reason: string) => boolean;
  /** How long to wait for cancelled jobs to report CANCELLED before recording them as cancelled anyway. @default 60000 */
  readonly cancelGraceMs?: number;
  /**
   * How long every poll may fail before the watcher stops following the jobs. It never records a
   * job failed because a query failed: the jobs end `detached` (they may still run; attach
   * follows them later), with the scheduler's last error in the reason. @default 1800000 (30 min)
   */
  readonly giveUpAfterMs?: number;
  /** Polls without any record of a job that was seen before, before it is declared lost. @default 60 */
  readonly lostAfterPolls?: number;
  /**
   * A launch still reading its source: called before each poll with the unfinished tasks per
   * array; returns the jobs it submitted since (followed from now on), or null once it submitted
   * its last. Not called after a cancel. A rejection stops the watcher and rejects it. @default none
   */
  readonly feed?: (remaining: ReadonlyMap<string, number>) => Promise<readonly WatchedJob[] | null>;
  /** Jobs cancelled alone (through their handle), with the caller's reason: they end `cancelled` in those words. @default none */
  readonly cancelledAlone?: ReadonlyMap<number, string>;
}

/**
 * Follows submitted jobs to their end with one batched scheduler query per poll, backing off
 * while nothing changes ({@link nextPollDelay}). Reports state changes and attempts, requeues PREEMPTED / NODE_FAIL
 * jobs, finishes every job exactly once, and on abort cancels the whole launch.
 */
export async function watchJobs(jobs: readonly WatchedJob[], options: WatchOptions): Promise<{ cancelled: boolean }> {
  const { commands, clock, signal, sink, voice } = options;
  // Only unfinished jobs are held: a chunked launch feeds more as earlier ones end.
  const byNum = new Map<number, WatchedJob>();
  const tracked = new Map<number, TrackedJob>();
  const live = new Set<number>();
  const follow = (added: readonly WatchedJob[]) => {
    for (const job of added) {
      byNum.set(job.num, job);
      tracked.set(job.num, newTrackedJob(job.num, job.arrayJobId, job.task));
      live.add(job.num);
    }
  };
  follow(jobs);
  let feeding = options.feed !== undefined;
  const remainingPerArray = () => {
    const remaining = new Map<string, number>();
    for (const num of live) {
      const id = (byNum.get(num) as WatchedJob).arrayJobId;
      remaining.set(id, (remaining.get(id) ?? 0) + 1);
    }
    return remaining;
  };
  let lastChangeAt = clock.now();
  let failures = 0;
  let failingSince: number | null = null;
  const stuckSince = new Map<number, number>();
  const warnedStuck = new Set<number>();
  // A job pending with a reason that will not clear gets one warning after the patience runs out.
  const checkStuck = (job: WatchedJob, record: SchedulerRecord | undefined, attempt: number) => {
    const hopeless = record?.kind === 'pending' && record.reason !== null && (options.isHopelessReason?.(record.reason) ?? false);
    if (!hopeless || record === undefined) {
      stuckSince.delete(job.num);
      return;
    }
    const since = stuckSince.get(job.num) ?? clock.now();
    stuckSince.set(job.num, since);
    const waitedMs = clock.now() - since;
    if (warnedStuck.has(job.num) || waitedMs < (options.pendingPatienceMs ?? 600_000)) return;
    warnedStuck.add(job.num);
    const detail = `pending for ${Math.round(waitedMs / 1000)} s with reason ${record.reason ?? ''}, which will not clear by itself: cancel the launch and change what it asks for`;
    sink.note(job.num, { type: 'state', state: record.state, attempt, detail });
    sink.warn(`${voice.label} job ${taskKey(job.arrayJobId, job.task)} is ${detail}`);
  };
  let cancelAt: number | null = null;

  const finish = (num: number, outcome: JobOutcome) => {
    const job = byNum.get(num) as WatchedJob;
    const scheduler = { id: taskKey(job.arrayJobId, job.task), stdout: job.logs.stdout, stderr: job.logs.stderr };
    // a job cancelled alone may end CANCELLED, or killed (SGE's qdel): either way, as the caller asked
    const alone = options.cancelledAlone?.get(num);
    const stopped = outcome.status !== 'completed' && outcome.status !== 'detached';
    // After the launch's cancel went out, a kill may be recorded as the job's own failure (SGE's
    // shepherd sees the script die of SIGTERM before qdel is accounted): cancelled, as on the local launcher.
    const ended: JobOutcome =
      alone !== undefined && stopped
        ? { status: 'cancelled', signal: null, reason: `${alone} (${voice.label} job ${scheduler.id})` }
        : cancelAt !== null && stopped && outcome.status !== 'cancelled'
          ? { status: 'cancelled', signal: 'signal' in outcome ? outcome.signal : null, reason: `launch cancelled; ${voice.label} job ${scheduler.id} ended ${outcome.status}${outcome.status === 'failed' ? `: ${outcome.error.message}` : ''}` }
          : outcome;
    sink.finish(num, ended, { durationMs: Math.max(0, clock.now() - job.submittedAt), attempts: tracked.get(num)?.attempt ?? 1, scheduler });
    live.delete(num);
    byNum.delete(num);
    tracked.delete(num);
    stuckSince.delete(num);
    warnedStuck.delete(num);
  };

  while (live.size > 0 || feeding) {
    if (signal.aborted) feeding = false;
    if (feeding && options.feed !== undefined) {
      const added = await options.feed(remainingPerArray());
      if (added === null) feeding = false;
      else follow(added);
      if (live.size === 0 && !feeding) break;
    }
    if (signal.aborted && cancelAt === null) {
      cancelAt = clock.now();
      const arrays = [...new Set([...live].map((num) => (byNum.get(num) as WatchedJob).arrayJobId))];
      for (const num of live) sink.note(num, { type: 'state', state: 'CANCEL', attempt: tracked.get(num)?.attempt ?? 1, detail: `launch cancelled: cancelling ${arrays.join(' ')}` });
      await commands.cancel(arrays).catch((error: unknown) => sink.warn(`cancelling ${arrays.join(' ')} failed: ${String(error)}`));
    }
    if (cancelAt !== null && clock.now() - cancelAt > (options.cancelGraceMs ?? 60_000)) {
      for (const num of [...live]) finish(num, { status: 'cancelled', signal: null, reason: `launch cancelled; ${voice.label} did not confirm the cancellation in time` });
      break;
    }
    const tasks = [...live].map((num) => byNum.get(num) as WatchedJob);
    let changed = false;
    try {
      const records = await commands.query(tasks);
      failures = 0;
      failingSince = null;
      const byKey = new Map(records.map((r) => [taskKey(r.arrayJobId, r.task), r]));
      const requeue: string[] = [];
      for (const job of tasks) {
        const key = taskKey(job.arrayJobId, job.task);
        const step = trackJob(tracked.get(job.num) as TrackedJob, byKey.get(key), options.maxNumPreemption);
        tracked.set(job.num, step.next);
        checkStuck(job, byKey.get(key), step.next.attempt);
        for (const note of step.notes) sink.note(job.num, note);
        if (step.notes.length > 0) changed = true;
        if (step.action === 'requeue') requeue.push(key);
        if (step.action === 'finish') {
          const report = await options.readReport(job.num, job.kind);
          const result = report.worker?.ok === true ? report.worker.result : null;
          const jobError = report.worker?.ok === false ? report.worker.error : null;
          const outcome = outcomeFromRecord(step.record, { timeoutMs: job.timeoutMs, result, jobError, exitStatus: report.exit, schedulerId: key, logHint: job.logHint }, voice);
          // a job of several tasks keeps every task's report, not only the one that speaks for it
          finish(job.num, report.tasks != null && (outcome.status === 'completed' || outcome.status === 'failed') ? { ...outcome, tasks: report.tasks } : outcome);
        } else if (step.next.state !== null && step.next.missingPolls >= (options.lostAfterPolls ?? 60)) {
          finish(job.num, {
            status: 'failed',
            exitCode: null,
            signal: null,
            error: { name: voiceName(voice, 'JobError'), code: schedulerCode(voice, 'RECORD_LOST'), message: `${voice.label} job ${key} left the queue and the scheduler kept no final record of it (${voice.lostRecordHint}). Read its logs: ${job.logHint}` },
          });
        }
      }
      if (options.onPoll !== undefined) {
        await options.onPoll(remainingPerArray()).catch((error: unknown) => sink.warn(`sharing array_parallelism failed: ${String(error)}`));
      }
      if (requeue.length > 0) await commands.requeue(requeue).catch((error: unknown) => sink.warn(`requeueing ${requeue.join(' ')} failed: ${String(error)}`));
    } catch (error) {
      failures += 1;
      failingSince ??= clock.now();
      const text = error instanceof Error ? error.message : String(error);
      const giveUpAfterMs = options.giveUpAfterMs ?? 1_800_000;
      if (clock.now() - failingSince >= giveUpAfterMs) {
        const seconds = Math.round((clock.now() - failingSince) / 1000);
        for (const num of [...live]) {
          const job = byNum.get(num) as WatchedJob;
          const schedulerId = taskKey(job.arrayJobId, job.task);
          finish(num, { status: 'detached', reason: `lost contact with ${voice.label} for ${seconds} s (${failures} failed polls; last: ${text}); the job may still run: attach to the launch to follow it`, schedulerId });
        }
        break;
      }
      sink.warn(`scheduler poll ${failures} failed (will retry): ${text}`);
    }
    if (live.size === 0 && !feeding) break;
    if (changed || cancelAt !== null) lastChangeAt = clock.now();
    const delay = nextPollDelay({ changed: changed || cancelAt !== null, quietMs: clock.now() - lastChangeAt, intervalMs: options.pollIntervalMs, maxIntervalMs: options.pollMaxIntervalMs });
    await clock.sleep(delay, cancelAt === null ? signal : undefined).catch(() => undefined);
  }
  return { cancelled: cancelAt !== null };
}
