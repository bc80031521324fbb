import type { ConfigTree, JobPayload, JobSpec } from '../job/job-spec.js';
import type { HydraSettings, RunMode } from './hydra-settings.js';

/** One job with every path, variable and limit computed: what a dry run shows. */
export interface PlannedJob {
  /** Position in the launch, from 0 (`hydra.job.num`). */
  readonly num: number;
  /** Unique id: `<launchId>_<num>` (`hydra.job.id`). */
  readonly id: string;
  readonly name: string;
  readonly overrides: readonly string[];
  /** `hydra.job.override_dirname`: the overrides joined for folder names. */
  readonly overrideDirname: string;
  readonly config: ConfigTree;
  /** Absolute output folder of this job. */
  readonly outputDir: string;
  /** Absolute snapshot folder (`<outputDir>/.hydra`), or null when `output_subdir` is null. */
  readonly stateDir: string | null;
  readonly cwd: string;
  /** Variables added to the job's environment (the parent's environment is inherited under them). */
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number | null;
  readonly expectedDurationMs: number | null;
  readonly payload: JobPayload;
  readonly spec: JobSpec;
}

/** The launch-wide part of a plan (no jobs): what a lazy launch knows before it reads its jobs. */
export interface LaunchPlanBase {
  readonly launchId: string;
  readonly launcher: string;
  readonly mode: RunMode;
  readonly startedAt: Date;
  /** The run folder (mode run) or the sweep folder (mode multirun), absolute. */
  readonly dir: string;
  /** Where the JSONL event stream goes. */
  readonly eventsFile: string;
  readonly cwd: string;
  readonly hydra: HydraSettings;
}

/**
 * A whole launch, planned: nothing has run and nothing was written. For a lazy source, a dry
 * run's `jobs` holds the first jobs only (`DryRunResult.jobCount` has the count), and a backend
 * that reads `context.jobs()` gets a plan whose `jobs` throws (see docs/extending.md).
 */
export interface LaunchPlan extends LaunchPlanBase {
  readonly jobs: readonly PlannedJob[];
}
