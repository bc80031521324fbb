import type { StatusCounts } from '../job/job-outcome.js';
import type { RunMode } from './hydra-settings.js';
import type { DistributiveOmit, JobEnded } from './launch-events.js';
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
  /** One record per job, in job-number order. */
  readonly jobs: readonly JobRecord[];
  readonly counts: StatusCounts;
  readonly cancelled: boolean;
  /** True when every job completed. */
  readonly ok: boolean;
}

/** What `launch(jobs, { dryRun: true })` returns: the plan, plus what the backend would submit. */
export interface DryRunResult {
  readonly dryRun: true;
  readonly plan: LaunchPlan;
  /** Backend-specific extras, e.g. the rendered sbatch scripts. */
  readonly details: Readonly<Record<string, unknown>>;
}
