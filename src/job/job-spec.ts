import type { PlatformAbortSignal } from '../platform-types.js';

/** A composed job config, as snapshotted to `.hydra/config.yaml`. */
export type ConfigTree = Record<string, unknown>;

/** What every kind of job carries, whatever runs it. */
export interface JobSpecBase {
  /** The overrides as typed on the command line (Hydra syntax). @default [] */
  readonly overrides?: readonly string[] | undefined;
  /** The job's composed config; written to `.hydra/config.yaml` and handed to the job. @default {} */
  readonly config?: ConfigTree | undefined;
  /** Extra environment variables for this job (added after `hydra.job.env_set`). @default {} */
  readonly env?: Readonly<Record<string, string>> | undefined;
  /** Working directory. @default the launch cwd, or the job's output folder when `hydra.job.chdir` is true */
  readonly cwd?: string | undefined;
  /** Time limit for this job in minutes; wins over the launcher's `timeout_min`. @default the launcher's */
  readonly timeout_min?: number | undefined;
  /** How long the job is expected to take, in minutes; time-boxed launchers budget with it. */
  readonly expected_duration_min?: number | undefined;
  /** The job's name (`hydra.job.name`). @default the launch's `hydra.job.name` */
  readonly name?: string | undefined;
  /** This job's own `hydra` node, composed with its overrides (`launchFromConfig` fills it). @default the launch's settings */
  readonly hydra?: JobHydra | undefined;
}

/**
 * A job's own Hydra settings: in Hydra every job's config, its `hydra` node included, is
 * composed and resolved with that job's overrides, so `hydra.sweep.subdir=seed_${seed}` or
 * `env_set.PYTHONHASHSEED: ${seed}` differ per job. These win over the launch's for this job.
 */
export interface JobHydra {
  /** Output settings, job values resolved; `${now:...}` and `${hydra.job.num|id|override_dirname}` kept for the engine. */
  readonly settings: {
    readonly sweep?: { readonly subdir?: string };
    readonly job?: { readonly name?: string; readonly chdir?: boolean; readonly env_set?: Readonly<Record<string, unknown>> };
  };
  /** The job's composed `hydra` node (interpolations kept, runtime values filled), as `hydra.yaml` shows it. */
  readonly node?: Readonly<Record<string, unknown>>;
}

/** A program to spawn: argv, never through a shell. */
export interface CommandJobSpec extends JobSpecBase {
  readonly command: readonly string[];
}

/** A JS/TS module whose export runs in a child Node process; its JSON return value is the result. */
export interface ModuleJobSpec extends JobSpecBase {
  /** Path (relative to the launch cwd) or file URL of the module. */
  readonly module: string;
  /** Which export to call. @default 'default' */
  readonly export?: string | undefined;
}

/** What an in-process function job receives. */
export interface FunctionJobContext {
  readonly num: number;
  readonly id: string;
  readonly config: ConfigTree;
  readonly overrides: readonly string[];
  readonly outputDir: string;
  readonly signal: PlatformAbortSignal;
}

/** A function run in this process (basic launcher only): meant for users' unit tests. */
export interface FunctionJobSpec extends JobSpecBase {
  readonly run: (context: FunctionJobContext) => unknown;
}

export type JobSpec = CommandJobSpec | ModuleJobSpec | FunctionJobSpec;

/** How a planned job runs, resolved once from its spec. */
export type JobPayload =
  | { readonly kind: 'command'; readonly argv: readonly string[] }
  | { readonly kind: 'module'; readonly module: string; readonly exportName: string; readonly argv: readonly string[] }
  | { readonly kind: 'function'; readonly run: FunctionJobSpec['run'] };
