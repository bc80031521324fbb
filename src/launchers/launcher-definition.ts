import type { JobOutcome } from '../job/job-outcome.js';
import type { JobSpec } from '../job/job-spec.js';
import type { Clock } from '../process/system-clock.js';
import type { DistributiveOmit, LaunchEvent, SchedulerJobRef } from '../run/launch-events.js';
import type { LaunchPlan, PlannedJob } from '../run/launch-plan.js';
import type { PlatformAbortSignal } from '../platform-types.js';
import type { JobAccess } from './job-table.js';

/**
 * The fields every launcher has, declared once here and, for validation, in
 * `schemas/launcher-common.json` (each launcher schema `$ref`s them and sets its own defaults).
 */
export interface LauncherCommonConfig {
  readonly launcher: string;
  /** Time limit for each job in minutes (a job's own `timeout_min` wins); null: none. */
  readonly timeout_min: number | null;
  /** Variables added to every job's environment. */
  readonly env: Readonly<Record<string, string | number | boolean>>;
  /** Stop starting jobs after the first failure. */
  readonly fail_fast: boolean;
  /** Seconds between SIGTERM and SIGKILL. */
  readonly kill_grace_s: number;
  /** Cap of each job log in MiB (head and tail kept); null: none. */
  readonly max_log_mb: number | null;
}

/** The field names of {@link LauncherCommonConfig} besides `launcher`, which every launcher schema must declare. */
export const LAUNCHER_COMMON_FIELDS = ['timeout_min', 'env', 'fail_fast', 'kill_grace_s', 'max_log_mb'] as const;

/** Options for running one planned job as a local child process (or in-process function). */
export interface RunJobOptions {
  /** Variables added on top of the planned env for this run (e.g. `CUDA_VISIBLE_DEVICES`). */
  readonly extraEnv?: Readonly<Record<string, string>>;
  /** The device this run holds, reported in `job:start`. @default null */
  readonly device?: string | null;
  /** Time limit that wins over the planned one (a budget's deadline). */
  readonly timeoutMs?: number | null;
  /** Aborts this one job (the launch signal aborts every job anyway). */
  readonly signal?: PlatformAbortSignal;
  /** Outcome to record when `signal` (not the launch's) stops the job. */
  readonly stoppedBySignal?: (reason: unknown, signal: string | null) => JobOutcome;
  /** Cut the job's logs to the launcher's `max_log_mb` when it ends; false for a backend that caps (and reports) them itself. @default true */
  readonly capLogs?: boolean;
}

/**
 * What the shared launch flow hands a backend: the plan, the resolved config, and the
 * few operations a backend needs. The flow owns events, snapshots and bookkeeping.
 */
export interface ExecutionContext<Config> {
  /**
   * The launch's plan. `plan.jobs` lists the jobs to run (a resume leaves out the ones kept); a
   * lazy source is read whole into it first, unless the backend sets `lazy: true`, in which case
   * reading `plan.jobs` throws and {@link ExecutionContext.jobs} is the way.
   */
  readonly plan: LaunchPlan;
  /**
   * The jobs to run, in order, each planned (and announced with `job:queued`) as it is read: a
   * 10^6-job lazy source never exists as an array. One reader: jobs are handed out once, so
   * parallel lanes may share it. Ends early once the launch stops (cancel, fail-fast, failure);
   * the flow records the jobs never read. Works for arrays too.
   */
  jobs(): AsyncIterable<PlannedJob>;
  /** Jobs in the launch when known (an array's length, a lazy source's `size`); null otherwise. */
  readonly jobCount: number | null;
  readonly config: Config;
  /** Aborted when the launch is cancelled. */
  readonly signal: PlatformAbortSignal;
  readonly clock: Clock;
  /** Stop starting new jobs after the first failure. */
  readonly failFast: boolean;
  /** Return once every job is submitted, leaving them to run (remote backends only). */
  readonly detach: boolean;
  /** Emit `job:output` lines while jobs run (`runJob` does it; a batch backend tails its logs). */
  readonly streamOutput: boolean;
  /** Emits an event to listeners and `events.jsonl` (the flow stamps `time` and `launchId`). */
  emit(event: DistributiveOmit<LaunchEvent, 'time' | 'launchId'>): void;
  /** Creates the job's folder and writes its snapshots; safe to call twice. */
  prepareJob(job: PlannedJob): Promise<void>;
  /** Runs one job locally (child process, or function for function jobs) and returns its outcome; emits `job:start`. */
  runJob(job: PlannedJob, options?: RunJobOptions): Promise<JobOutcome>;
  /**
   * Tells the launch where a job runs (its scheduler id, log files, and a cancel of that job
   * alone), for its per-job handle. Jobs run through `runJob` are told already; a batch backend
   * calls it once a job is submitted. A cancel asked for earlier is sent at once.
   */
  exposeJob(job: PlannedJob, access: JobAccess): void;
  /** Records a job's final outcome and emits `job:end`. Call exactly once per job. */
  finishJob(job: PlannedJob, outcome: JobOutcome, timing: { durationMs: number; attempts?: number; scheduler?: SchedulerJobRef }): void;
  /** True once a job failed and `failFast` is set, or the launch was cancelled. */
  shouldStop(): boolean;
}

/**
 * Every job of a dry run's launch, planned one at a time as it is read (a lazy source's dry run
 * plans only its first jobs into `plan.jobs`): for a describer that must see every job, such as
 * slurm rendering the script of every array. Read once; nothing is kept.
 */
export interface PlannedJobSource {
  readonly jobs: Iterable<PlannedJob>;
  /** The job count when the source knows it up front; null otherwise. */
  readonly count: number | null;
}

/** The part a launcher supplies: how planned jobs get executed. */
export interface LauncherBackend<Config> {
  /**
   * Throws a `JobSpecError` for jobs this backend cannot run (e.g. functions on a process pool).
   * An array is checked whole before the launch starts; a lazy source's jobs one by one as they are
   * read (`[job]`; a refused job is a failed job), and whole too when it is read into `plan.jobs`.
   */
  checkJobs?(jobs: readonly JobSpec[], config: Config): void;
  /**
   * True when `execute` reads its jobs with `context.jobs()` and never `context.plan.jobs`: a lazy
   * source is then planned as it is read, in memory that does not grow with the sweep. @default false
   */
  readonly lazy?: boolean;
  /** Runs every job of the plan, calling `finishJob` once for each job it ends. */
  execute(context: ExecutionContext<Config>): Promise<void>;
}

// Methods, not function-typed properties: a definition for a specific config must fit a list of
// definitions of any config (method parameters are checked bivariantly).
/**
 * A launcher as a plug-in: its name, the Hydra `_target_`s it answers to, its JSON Schema,
 * and a factory for its backend. Built-ins and user launchers use the same shape.
 */
export interface LauncherDefinition<Config extends object = LauncherCommonConfig> {
  readonly name: string;
  /** True when `launch(jobs, { detach: true })` can hand jobs over and return (a batch scheduler). @default false */
  readonly canDetach?: boolean;
  /** Hydra `_target_` class paths mapped onto this launcher. @default [] */
  readonly targets?: readonly string[];
  /**
   * JSON Schema (draft-07) for the launcher's fields; defaults in it are applied. Built-ins declare
   * every field of {@link LauncherCommonConfig} (`"$ref": "launcher-common.json#/definitions/<field>"`,
   * with their own defaults); a schema that leaves one out gets it added with the common default.
   */
  readonly schema: object;
  /** Maps fields of a Hydra plugin's config onto ours (e.g. joblib's `n_jobs`). */
  translate?(input: Record<string, unknown>): Record<string, unknown>;
  /** Fills defaults that depend on the machine, once, after validation. */
  finalize?(validated: Config): Config;
  /** A folder that relative `hydra.run.dir`/`hydra.sweep.dir` resolve against instead of the launch cwd (e.g. `/kaggle/working`); null: the cwd. */
  outputRoot?(config: Config): string | null;
  /** What a dry run shows beyond the plan (e.g. rendered sbatch scripts). Pure. */
  describePlan?(plan: LaunchPlan, config: Config, source?: PlannedJobSource): Record<string, unknown>;
  createBackend(config: Config): LauncherBackend<Config>;
}
