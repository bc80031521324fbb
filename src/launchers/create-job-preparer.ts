import { mkdir } from 'node:fs/promises';
import { sep } from 'node:path';
import { closeJobLogs, openJobLogs, type JobLogs } from '../run/open-job-logs.js';
import type { PlannedJob } from '../run/launch-plan.js';

/** How many jobs past the one starting have their folder, snapshots and logs made ready. @default 4 */
export const PREPARE_AHEAD = 4;

/** What preparing needs from the launch: the snapshot writer and the order jobs will likely run in. */
export interface JobPreparerOptions {
  /** Writes a job's state folder (`.hydra/`) whole; the job's folder may not exist yet. */
  readonly writeSnapshots: (job: PlannedJob) => Promise<void>;
  /** The jobs this launch runs, in the order a backend usually starts them. */
  readonly upcoming: readonly PlannedJob[];
  /** @default PREPARE_AHEAD */
  readonly ahead?: number;
}

/** Folders, snapshots and log descriptors of a launch's jobs, made ready before they are needed. */
export interface JobPreparer {
  /** The job's folder and state folder, written once (memoised): what every backend needs first. */
  prepare(job: PlannedJob): Promise<void>;
  /**
   * For a job about to run here: waits until it is prepared and returns its open logs (the caller
   * owns them), then starts preparing the next jobs so they are ready when a slot frees.
   * Rejects with why the job's folder or logs cannot be made: that job's failure.
   */
  readyToRun(job: PlannedJob): Promise<JobLogs | null>;
  /** Closes the logs opened for jobs that never ran (cancelled, skipped by fail-fast). */
  closeUnused(): Promise<void>;
  /** Drops what it holds for a job that ended, so a long lazy launch holds the jobs in flight only. */
  forget(job: PlannedJob): void;
}

/**
 * Prepares jobs ahead of need, on the thread pool, so the launching thread does little per job
 * besides deciding and forking: a job's `.hydra/` still appears whole before it starts, because
 * `readyToRun` waits for it. A job prepared ahead that never runs keeps its folder (its
 * snapshots say what it would have run) and gets empty logs.
 */
export function createJobPreparer(options: JobPreparerOptions): JobPreparer {
  const ahead = options.ahead ?? PREPARE_AHEAD;
  const folders = new Map<number, Promise<void>>();
  const logs = new Map<number, Promise<JobLogs | null>>();
  let order: Map<number, number> | null = null;

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
  const prepareAhead = (job: PlannedJob): void => {
    order ??= new Map(options.upcoming.map((planned, index) => [planned.num, index]));
    const index = order.get(job.num);
    if (index === undefined) return;
    for (const next of options.upcoming.slice(index + 1, index + 1 + ahead)) {
      if (logs.has(next.num)) continue;
      const opening = openLogs(next);
      opening.catch(() => undefined); // reported when that job runs
      logs.set(next.num, opening);
    }
  };

  return {
    prepare,
    async readyToRun(job) {
      const opened = logs.get(job.num) ?? openLogs(job);
      // Taken: a second run of the same job (a retry) opens its logs again.
      logs.set(job.num, Promise.resolve(null));
      prepareAhead(job);
      return opened;
    },
    forget(job) {
      folders.delete(job.num);
      // Logs opened ahead for a job that ended without running stay for closeUnused.
      void logs.get(job.num)?.then((opened) => {
        if (opened === null) logs.delete(job.num);
      });
    },
    async closeUnused() {
      const left = [...logs.values()];
      logs.clear();
      for (const opened of await Promise.allSettled(left)) if (opened.status === 'fulfilled' && opened.value !== null) await closeJobLogs(opened.value);
    },
  };
}
