import { mkdir } from 'node:fs/promises';
import { sep } from 'node:path';
import { closeJobLogs, openJobLogs, type JobLogs } from '../run/open-job-logs.js';
import type { PlannedJob } from '../run/launch-plan.js';
import { JobFilesWorkerLostError, type JobFilesWorker } from './create-job-files-worker.js';

/** How many jobs past the one starting have their folder, snapshots and logs made ready. @default 4 */
export const PREPARE_AHEAD = 4;

/** Jobs handed to the worker at once (one message to a thread, or one turn of inline writes) when that many of its look-ahead (twice as far) are missing: each message wakes a thread, and inline, batches of 1, 2 or 8 measured no better. @default PREPARE_AHEAD */
export const WORKER_BATCH = PREPARE_AHEAD;

/** The jobs after `job` a launch will likely start next, at most `count` (a lazy source reads them ahead). */
export type UpcomingJobs = (job: PlannedJob, count: number) => readonly PlannedJob[] | Promise<readonly PlannedJob[]>;

/** What preparing needs from the launch: the snapshot writer and the order jobs will likely run in. */
export interface JobPreparerOptions {
  /** Writes a job's state folder (`.hydra/`) whole; the job's folder may not exist yet. */
  readonly writeSnapshots: (job: PlannedJob) => Promise<void>;
  /** The texts of a job's state folder by file name (null: it has none), for the worker to write. @default the worker is not used */
  readonly renderSnapshots?: (job: PlannedJob) => Promise<Readonly<Record<string, string>> | null>;
  /** The jobs this launch runs, in the order a backend usually starts them, or what comes after a job. */
  readonly upcoming: readonly PlannedJob[] | UpcomingJobs;
  /** Starts what makes folders, snapshots and logs of jobs prepared ahead, a batch at a time (a worker thread, or `createInlineJobFiles`), once the first job run here is ready to fork. @default null: the thread pool does */
  readonly worker?: (() => JobFilesWorker | null) | null;
  /** @default PREPARE_AHEAD */
  readonly ahead?: number;
}

/** Folders, snapshots and log descriptors of a launch's jobs, made ready before they are needed. */
export interface JobPreparer {
  /** The job's folder and state folder, written once (memoised): what every backend needs first. */
  prepare(job: PlannedJob): Promise<void>;
  /**
   * For a job about to run here: waits until it is prepared and returns its open logs (the caller
   * owns them), then, once the caller had its turn to start it, prepares the next jobs so they
   * are ready when a slot frees. Rejects with why the job's folder or logs cannot be made: that job's failure.
   */
  readyToRun(job: PlannedJob): Promise<JobLogs | null>;
  /** Closes the logs opened for jobs that never ran (cancelled, skipped by fail-fast) and stops the worker; nothing is prepared after it. */
  closeUnused(): Promise<void>;
  /** Drops what it holds for a job that ended, so a long lazy launch holds the jobs in flight only. */
  forget(job: PlannedJob): void;
}

/**
 * Prepares jobs ahead of need (by the `worker` when given: a worker thread, or the launching
 * thread in the turn after a fork; else the thread pool), so a job about to start needs nothing
 * but its fork: a job's `.hydra/` still appears whole before it starts, because `readyToRun` waits for it. A job
 * prepared ahead that never runs keeps its folder (its snapshots say what it would have run)
 * and gets empty logs.
 */
export function createJobPreparer(options: JobPreparerOptions): JobPreparer {
  const ahead = options.ahead ?? PREPARE_AHEAD;
  const folders = new Map<number, Promise<void>>();
  const logs = new Map<number, Promise<JobLogs | null>>();
  let worker: JobFilesWorker | null = null;
  let startWorker = options.worker ?? null;
  const upcoming = typeof options.upcoming === 'function' ? options.upcoming : upcomingIn(options.upcoming);
  let closed = false;
  // The highest job number handed out to run: jobs are handed out in order, so a look-ahead made
  // late (deferred behind other jobs' starts) must not prepare again a job that already ran and was forgotten.
  let furthest = -1;

  const prepare = (job: PlannedJob): Promise<void> => {
    let pending = folders.get(job.num);
    if (pending === undefined) {
      pending = (async () => {
        // The snapshot writer's one recursive mkdir makes the job's folder too when `.hydra/` lies inside it.
        if (job.stateDir === null || !job.stateDir.startsWith(job.outputDir + sep)) await mkdir(job.outputDir, { recursive: true });
        await options.writeSnapshots(job);
      })();
      folders.set(job.num, pending);
    }
    return pending;
  };
  // A function job runs in this process: it has no log files to open.
  const openLogs = (job: PlannedJob): Promise<JobLogs | null> => prepare(job).then(() => (job.payload.kind === 'function' ? null : openJobLogs(job.outputDir)));
  // Folders, snapshots and logs of a few jobs in one message (one wake-up of the worker): the launching thread renders the texts and posts them.
  const viaWorker = (jobs: readonly PlannedJob[], render: NonNullable<JobPreparerOptions['renderSnapshots']>, to: JobFilesWorker): Promise<JobLogs | null>[] => {
    const sent = (async () => {
      const rendered = await Promise.allSettled(jobs.map(render));
      const tasks = jobs.flatMap((job, i) => {
        const files = rendered[i] as PromiseSettledResult<Readonly<Record<string, string>> | null>;
        return files.status === 'fulfilled' ? [{ num: job.num, outputDir: job.outputDir, stateDir: job.stateDir, files: files.value, logs: job.payload.kind !== 'function' }] : [];
      });
      const results = to.prepare(tasks);
      let next = 0;
      return rendered.map((files) => (files.status === 'fulfilled' ? (results[next++] as Promise<JobLogs | null>) : guarded(Promise.reject(files.reason))));
    })();
    return jobs.map((job, i) => {
      const opening = sent
        .then((list) => list[i] as Promise<JobLogs | null>)
        .catch((error: unknown) => {
          if (!(error instanceof JobFilesWorkerLostError)) throw error;
          folders.delete(job.num);
          return openLogs(job);
        });
      folders.set(job.num, guarded(opening.then(() => undefined)));
      return opening;
    });
  };
  // Started once the first job run here had its logs and its turn to fork (not for a backend that only
  // prepares folders): building the thread and its boot take the launching thread and a core, so before
  // that they delayed the first job's start; the next few jobs go the thread pool's way while it boots.
  const bootWorker = (): void => {
    if (closed || startWorker === null) return;
    worker = startWorker();
    startWorker = null;
  };
  let bootAsked = false;
  const prepareAhead = async (job: PlannedJob): Promise<void> => {
    const ready = worker?.ready === true && options.renderSnapshots !== undefined ? worker : null;
    const next = closed ? [] : await upcoming(job, ready === null ? ahead : ahead + WORKER_BATCH);
    const missing = next.filter((planned) => planned.num > furthest && !logs.has(planned.num));
    if (closed || missing.length === 0) return;
    if (ready === null) {
      for (const planned of missing) logs.set(planned.num, guarded(openLogs(planned)));
      return;
    }
    // Topped up a batch at a time, unless the very next job is not ready.
    if (missing.length < Math.min(WORKER_BATCH, next.length) && missing[0] !== next[0]) return;
    const viaPool = missing.filter((planned) => folders.has(planned.num));
    for (const planned of viaPool) logs.set(planned.num, guarded(openLogs(planned)));
    const batch = missing.filter((planned) => !folders.has(planned.num));
    if (batch.length === 0) return;
    const opened = viaWorker(batch, options.renderSnapshots as NonNullable<JobPreparerOptions['renderSnapshots']>, ready);
    batch.forEach((planned, i) => logs.set(planned.num, guarded(opened[i] as Promise<JobLogs | null>)));
  };

  return {
    prepare,
    async readyToRun(job) {
      const opened = logs.get(job.num) ?? openLogs(job);
      furthest = Math.max(furthest, job.num);
      if (!bootAsked && startWorker !== null) {
        bootAsked = true;
        void opened.then(
          () => setImmediate(bootWorker),
          () => setImmediate(bootWorker),
        );
      }
      // Taken: a second run of the same job (a retry) opens its logs again.
      logs.set(job.num, Promise.resolve(null));
      // After this turn, in which the caller forks the job when it was ready: preparing others must not delay that.
      setImmediate(() => void prepareAhead(job).catch(() => undefined));
      return opened;
    },
    forget(job) {
      folders.delete(job.num);
      // Logs opened ahead for a job that ended without running stay for closeUnused.
      void logs.get(job.num)?.then(
        (opened) => {
          if (opened === null) logs.delete(job.num);
        },
        () => logs.delete(job.num),
      );
    },
    async closeUnused() {
      closed = true;
      const left = [...logs.values()];
      logs.clear();
      for (const opened of await Promise.allSettled(left)) if (opened.status === 'fulfilled' && opened.value !== null) await closeJobLogs(opened.value);
      startWorker = null;
      await worker?.close();
    },
  };
}

/** The promise, marked as handled: a job's failure is reported when that job runs, not as an unhandled rejection. */
function guarded<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** An array's next jobs after `job`, by position (found once, through a map by number). */
export function upcomingIn(jobs: readonly PlannedJob[]): UpcomingJobs {
  let order: Map<number, number> | null = null;
  return (job, count) => {
    order ??= new Map(jobs.map((planned, index) => [planned.num, index]));
    const index = order.get(job.num);
    return index === undefined ? [] : jobs.slice(index + 1, index + 1 + count);
  };
}
