import type { JobOutcome, StatusCounts } from '../job/job-outcome.js';
import type { ConfigTree } from '../job/job-spec.js';
import type { RunMode } from '../run/hydra-settings.js';
import type { JobRef } from '../run/launch-events.js';
import type { PlatformAbortSignal } from '../platform-types.js';

/** What every hook is told about the launch it belongs to. */
export interface CallbackLaunch {
  readonly launchId: string;
  readonly launcher: string;
  readonly mode: RunMode;
  /** The run or sweep folder. */
  readonly dir: string;
  /** Null for a lazy job source that does not know its size. */
  readonly jobCount: number | null;
}

interface PayloadBase {
  readonly launch: CallbackLaunch;
  /** ISO 8601 time of the event the hook answers. */
  readonly time: string;
  /** Aborted when the hook ran past its time limit: a hook doing I/O should stop then. */
  readonly signal: PlatformAbortSignal;
}

/** `on_run_start` (one job, `mode: run`) and `on_multirun_start` (a sweep). */
export interface LaunchStartPayload extends PayloadBase {
  /** The first job's config (the primary config of a single run). */
  readonly config: ConfigTree;
  /** Every job of the launch; empty for a lazy job source, whose jobs are read as the launch reaches them. */
  readonly jobs: readonly JobRef[];
}

/** `on_job_start`: a job's process started (again, after a requeue: see `attempt`). */
export interface JobStartPayload extends PayloadBase {
  readonly job: JobRef;
  readonly config: ConfigTree;
  readonly outputDir: string;
  readonly attempt: number;
  readonly pid: number | null;
  readonly device: string | null;
}

/** `on_job_end`: a job's final record; `outcome.result` holds a completed module job's return value. */
export interface JobEndPayload extends PayloadBase {
  readonly job: JobRef;
  readonly config: ConfigTree;
  readonly outputDir: string;
  readonly outcome: JobOutcome;
  readonly durationMs: number;
  readonly attempts: number;
}

/** `on_run_end` and `on_multirun_end`: every job has ended. */
export interface LaunchEndPayload extends PayloadBase {
  readonly counts: StatusCounts;
  readonly cancelled: boolean;
  readonly durationMs: number;
}

/** The hooks, by name, with their payloads (Hydra's `Callback` methods). */
export interface CallbackHooks {
  on_run_start: LaunchStartPayload;
  on_multirun_start: LaunchStartPayload;
  on_job_start: JobStartPayload;
  on_job_end: JobEndPayload;
  on_run_end: LaunchEndPayload;
  on_multirun_end: LaunchEndPayload;
}

export type CallbackHook = keyof CallbackHooks;

export const CALLBACK_HOOKS: readonly CallbackHook[] = ['on_run_start', 'on_multirun_start', 'on_job_start', 'on_job_end', 'on_multirun_end', 'on_run_end'];

/**
 * A callback: any of the six hooks, sync or async. Hooks run in the launching process, one at a
 * time, in the order the callbacks were given; a launch waits for them before it settles.
 */
export type Callback = {
  readonly [Hook in CallbackHook]?: (payload: CallbackHooks[Hook]) => unknown;
} & {
  /** Shown in reports of its failures. @default its `_target_`, or `callback <index>` */
  readonly name?: string;
  /** Milliseconds a hook may take before it is reported and left behind. @default 30000 */
  readonly timeoutMs?: number;
  /** `warn`: report a failure and go on; `fail`: cancel the launch and reject it with the error. @default 'warn' */
  readonly onError?: 'warn' | 'fail';
};

/**
 * A callback as a config names it (a `hydra.callbacks.<name>` entry): `_target_` is
 * `./file.mjs#export` (relative to the config folder) or `package#export`; the other keys are its
 * parameters. Two keys are ours: `_timeout_s_` and `_on_error_`.
 */
export interface CallbackConfig {
  readonly _target_: string;
  /** Seconds a hook may take before it is reported and left behind. @default 30 */
  readonly _timeout_s_?: number;
  /** `warn`: report and go on; `fail`: cancel the launch and reject it with the error. @default 'warn' */
  readonly _on_error_?: 'warn' | 'fail';
  /** The entry's name under `hydra.callbacks` (filled when read from a config). */
  readonly _name_?: string;
  readonly [param: string]: unknown;
}

/** What the `callbacks` launch option takes: callback objects, or configs to load. */
export type CallbackInput = Callback | CallbackConfig;

/** A callback ready to run, with its limits resolved. */
export interface ResolvedCallback {
  readonly name: string;
  readonly callback: Callback;
  readonly timeoutMs: number;
  readonly onError: 'warn' | 'fail';
}
