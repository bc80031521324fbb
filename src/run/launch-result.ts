import type { StatusCounts } from '../job/job-outcome.js';
import type { RunMode } from './hydra-settings.js';
import type { DistributiveOmit, JobEnded, UnreachedJobs } from './launch-events.js';

export type { UnreachedJobs } from './launch-events.js';
import type { LaunchPlan } from './launch-plan.js';

/** One job's final record: the `job:end` event without its envelope. */
export type JobRecord = DistributiveOmit<JobEnded, 'type' | 'time' | 'launchId'>;

/** What an awaited launch gives back. */
export interface LaunchResult {
  readonly launchId: string;
  readonly launcher: string;
  readonly mode: RunMode;
  /** The run or sweep folder. */
  readonly dir: string;
  readonly eventsFile: string;
  /**
   * One record per job, in job-number order. For a lazy source: one per job the launch reached
   * (~0.3 KB each); the ones it never reached are in `unreached`.
   */
  readonly jobs: readonly JobRecord[];
  /** Jobs of a lazy source the launch never reached, counted in `counts`; null when every job has a record. */
  readonly unreached: UnreachedJobs | null;
  /** Final statuses of every job, the unreached ones included. */
  readonly counts: StatusCounts;
  readonly cancelled: boolean;
  /** True when every job completed (none unreached). */
  readonly ok: boolean;
}

/** What `launch(jobs, { dryRun: true })` returns: the plan, plus what the backend would submit. */
export interface DryRunResult {
  readonly dryRun: true;
  /** The plan; for a lazy source, `plan.jobs` holds the first `dryRunJobs` jobs only. */
  readonly plan: LaunchPlan;
  /** Jobs in the launch: an array's length, a lazy source's `size`; null when the source does not know it. */
  readonly jobCount: number | null;
  /** Backend-specific extras, e.g. the rendered sbatch scripts. */
  readonly details: Readonly<Record<string, unknown>>;
}
