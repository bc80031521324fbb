import type { SchedulerRecord } from './scheduler-record.js';
import type { SchedulerStateKind } from './scheduler-state.js';
import type { ProcessEnvLike } from '../platform-types.js';

/** A task the watcher follows: `<arrayJobId>_<task>`. */
export interface TaskRef {
  readonly arrayJobId: string;
  readonly task: number;
}

/** Runs one scheduler program (argv, never a shell) with the core's retries; resolves to its stdout. */
export type CallScheduler = (argv: readonly string[], options?: { readonly tolerate?: (text: string) => boolean; readonly retry?: boolean }) => Promise<string>;

/**
 * One way to ask the scheduler how tasks are doing. On every poll the core asks a backend's
 * sources in order, each only for the tasks the ones before it left unanswered (a controller
 * that forgot finished tasks, then accounting); a source that fails hands all of its tasks on.
 */
export interface StateSource {
  /** Short name for warnings and the `sources` option (`squeue`, `sacct`, `qstat`). */
  readonly name: string;
  /**
   * Records of the tasks it knows, in as few calls as possible (one per poll, not one per task);
   * a task it does not list goes to the next source. A source with another behind it gets a
   * `call` that does not retry: the next source answers at once.
   */
  query(tasks: readonly TaskRef[], call: CallScheduler): Promise<readonly SchedulerRecord[]>;
  /** True when a failure's text says this source is off for good: it is skipped for the rest of the launch. */
  isDisabled?(text: string): boolean;
}

/** Everything one array's batch script depends on, besides the backend's own config. */
export interface ArrayScriptInput {
  readonly launchId: string;
  /** The launch's scheduler folder (absolute): scripts, logs, job files and results. */
  readonly folder: string;
  /** Task i of this array runs job number `offset + i`; `count` tasks; at most `parallelism` at once. */
  readonly offset: number;
  readonly count: number;
  readonly parallelism: number;
  readonly jobName: string;
  /** The array's time limit in whole minutes. */
  readonly timeMin: number;
}

/**
 * The hooks a batch scheduler fills: what differs between SLURM, SGE, PBS or LSF. The
 * scheduler core (`src/scheduler/`) owns the rest of the flow: splitting a launch into arrays,
 * submitting them held and chained, releasing them once every job file is written, one batched
 * state query per poll, per-task tracking and requeue, transient retries, worker reports,
 * detach/attach and the events. Pure hooks must not touch the file system or spawn anything;
 * the state sources run programs only through the `call` they are given.
 */
export interface SchedulerBackend<Config> {
  /** Lower-case id (`slurm`): error names (`SlurmJobError`) and warning types. */
  readonly name: string;
  /** How users call the scheduler (`SLURM`, `SGE`): messages and error codes (`ERR_SLURM_...`). */
  readonly label: string;
  /** One sentence telling the user how to check the cluster, appended to a failed command. */
  readonly commandHint: string;
  /** One sentence telling the user how to get the client programs, when one is missing. */
  readonly installHint: string;
  /** Suffix of the array scripts in the scheduler folder (`.sbatch`). */
  readonly scriptSuffix: string;
  /** What to change when a finished task left the queue without a final record (`raise MinJobAge or turn accounting on`). */
  readonly lostRecordHint: string;
  /** MaxArraySize a dry run assumes when the cluster is not asked (the scheduler's documented default). */
  readonly defaultMaxArraySize: number;

  /** Pure. The batch script of one array (its directives, the requeue trap, then `. jobs/<num>/job.sh`). */
  renderArrayScript(input: ArrayScriptInput, config: Config): string;
  /** Pure. Where a task's stdout and stderr go, as the scheduler expands the script's log directives. */
  logFiles(folder: string, arrayJobId: string, task: number): { readonly stdout: string; readonly stderr: string };
  /** Pure. Variables each job gets on top of its own (e.g. which signal announces the time limit). */
  jobEnv(config: Config): Readonly<Record<string, string>>;

  /** Pure. The environment the scheduler programs run with (drop variables inherited from an outer job). */
  commandEnv(env: ProcessEnvLike): Record<string, string>;
  /** Pure. True when a failed command's output describes a passing condition worth a retry (busy, unreachable). */
  isTransient(text: string): boolean;
  /** Pure. True when a cancel or requeue failed only because the job is already gone. */
  isNoSuchJob(text: string): boolean;

  /** Pure. argv submitting one array script: held (nothing starts until released), and after `after` ended when set. */
  submitArgv(scriptPath: string, options: { readonly hold: boolean; readonly after: string | null }): readonly string[];
  /** Pure. The array job id in the submit command's stdout; null when there is none. */
  parseJobId(stdout: string): string | null;
  /**
   * Pure, optional. argv asking whether the scheduler could ever run a script as asked, submitting
   * nothing (`sbatch --test-only`). A non-transient failure is the verdict: those jobs fail at once.
   */
  probeArgv?(scriptPath: string): readonly string[];
  /** Pure, optional. The verdict, in the scheduler's words, in a refused probe's stderr and stdout. @default its last non-empty line of stderr */
  probeVerdict?(output: string): string;
  /** Pure, optional. The request fields a user would change when the scheduler refuses a request (`hydra.launcher.mem_gb=32`). */
  requestFields?(config: Config): readonly string[];
  /** Pure, optional. Pending reasons that will not clear by themselves (`BadConstraints`): a job pending with one gets a warning. */
  isHopelessReason?(reason: string): boolean;
  /** Pure. Maps a native state name onto ours. */
  mapState(native: string): SchedulerStateKind;
  /** The ways to read task states, tried in order each poll (accounting first, then the controller). */
  readonly stateSources: readonly StateSource[];
  /** Pure. argv cancelling these array ids or `<array>_<task>` ids in one call. */
  cancelArgv(ids: readonly string[]): readonly string[];
  /** Pure. argv releasing these held arrays in one call. */
  releaseArgv(ids: readonly string[]): readonly string[];
  /**
   * Pure, optional. argv setting how many tasks of one array may run at once (SLURM's
   * ArrayTaskThrottle). With it, the arrays of a launch run side by side and share
   * `array_parallelism`; without it, they are chained one after the other.
   */
  throttleArgv?(arrayJobId: string, cap: number): readonly string[];
  /**
   * Pure, optional. argv setting the time limit (whole minutes) of these tasks of one held array
   * (SLURM: `scontrol update JobId=<array>_[<tasks>] TimeLimit=<min>`). With it, jobs that differ
   * only in their limit share one array, submitted with the longest limit and lowered per task
   * before release; without it (SGE's qalter refuses per-task changes), each limit gets its own array.
   */
  taskTimeLimitArgv?(arrayJobId: string, tasks: readonly number[], timeMin: number): readonly string[];
  /** Pure. argv requeueing these `<array>_<task>` ids in one call (one task each, never a whole array). */
  requeueArgv(ids: readonly string[]): readonly string[];
  /** The cluster's largest array (tasks per submit call). */
  maxArraySize(call: CallScheduler): Promise<number>;
}
