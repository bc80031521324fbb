import { resolve } from 'node:path';
import type { CallbackInput } from '../callbacks/callback.js';
import { ConfigError, type ConfigViolation } from '../errors.js';
import { systemClock, type Clock } from '../process/system-clock.js';
import type { RunMode } from '../run/hydra-settings.js';
import type { PlatformAbortSignal } from '../platform-types.js';

/** A sweep's master config (interpolations kept) and its `hydra` node, as composed. */
export interface SweepConfig {
  readonly config: Readonly<Record<string, unknown>>;
  readonly hydra: Readonly<Record<string, unknown>>;
}

export interface LaunchOptions {
  /** Plan only: return folders, commands and env without running or writing anything. @default false */
  readonly dryRun?: boolean | undefined;
  /** How many jobs of a lazy source a dry run plans and shows (an array's dry run shows every job). @default 100 */
  readonly dryRunJobs?: number | undefined;
  /** Cancels the launch when aborted. */
  readonly signal?: PlatformAbortSignal | undefined;
  /** @default 'run' for one job, 'multirun' otherwise (also for a lazy source of unknown size) */
  readonly mode?: RunMode | undefined;
  /** Base for relative paths and the jobs' default working directory. @default process.cwd() */
  readonly cwd?: string | undefined;
  /** Emit `job:output` events, one per line of output (long lines in chunks; capped per job). @default false */
  readonly streamOutput?: boolean | undefined;
  /** Stop starting jobs after the first failure. @default the launcher's fail_fast */
  readonly failFast?: boolean | undefined;
  /** Cancel on SIGINT/SIGTERM of this process (the CLI turns it on). @default false */
  readonly handleSignals?: boolean | undefined;
  /** Return once jobs are submitted (launchers that can detach: slurm). @default false */
  readonly detach?: boolean | undefined;
  /** The sweep's overrides as typed (`seed=1,2,3`), recorded in `multirun.yaml` so the sweep can be re-launched. @default [] */
  readonly sweepOverrides?: readonly string[] | undefined;
  /** The sweep's master config and its composed `hydra` node, for `multirun.yaml` (`launchFromConfig` passes them). */
  readonly sweepConfig?: SweepConfig | undefined;
  /**
   * Re-launch into an earlier launch's folder (run or sweep): jobs its `events.jsonl` records as
   * completed keep their record and do not run again; the rest run in their old folders. The jobs
   * must be the same list (checked by job number and overrides). basic, local and kaggle.
   */
  readonly resume?: string | undefined;
  /**
   * When resuming a folder whose earlier launcher died with jobs still running: stop those jobs
   * (SIGTERM, then SIGKILL) before starting again, instead of refusing. @default false
   */
  readonly stopOrphans?: boolean | undefined;
  /**
   * Hydra-style callbacks: objects with hooks (`on_job_end`, ...), or configs `{ _target_, ...params }`
   * loaded by `_target_`. They run in this process, in order; see docs/callbacks.md. @default []
   */
  readonly callbacks?: readonly CallbackInput[] | undefined;
  /** Where relative callback `_target_`s resolve from (the config folder for YAML ones). @default cwd */
  readonly callbacksBaseDir?: string | undefined;
  /** @default the system clock */
  readonly clock?: Clock | undefined;
  /** The launch time used for `${now:...}`. @default clock.now() */
  readonly now?: Date | undefined;
}

/** {@link LaunchOptions} resolved once: every default filled, paths absolute. */
export interface ResolvedLaunchOptions {
  readonly dryRun: boolean;
  readonly dryRunJobs: number;
  readonly signal: PlatformAbortSignal | null;
  readonly mode: RunMode;
  readonly cwd: string;
  readonly streamOutput: boolean;
  readonly failFast: boolean;
  readonly handleSignals: boolean;
  readonly detach: boolean;
  readonly sweepOverrides: readonly string[];
  readonly sweepConfig: SweepConfig | null;
  /** The folder to resume, absolute; null for a new launch. */
  readonly resume: string | null;
  readonly stopOrphans: boolean;
  readonly callbacks: readonly CallbackInput[];
  readonly callbacksBaseDir: string;
  readonly clock: Clock;
  readonly now: Date;
}

const BOOLEANS = ['dryRun', 'streamOutput', 'failFast', 'handleSignals', 'detach', 'stopOrphans'] as const;

/**
 * Checks and resolves launch options once; a wrong type is a `ConfigError` naming the option.
 * `failFast` falls back to the launcher's `fail_fast`; `detach` needs a launcher that can detach.
 */
export function resolveLaunchOptions(
  options: LaunchOptions,
  context: { readonly jobCount: number | null; readonly launcherFailFast: boolean; readonly launcher: string; readonly canDetach: boolean },
): ResolvedLaunchOptions {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError('launch options', [{ path: '/', value: options, message: 'must be an object such as { mode: "multirun" }; pass {} or nothing for the defaults' }]);
  }
  const violations: ConfigViolation[] = [];
  for (const name of BOOLEANS) {
    const value = options[name];
    if (value !== undefined && typeof value !== 'boolean') violations.push({ path: `/${name}`, value, message: 'must be true or false' });
  }
  if (options.dryRunJobs !== undefined && (!Number.isSafeInteger(options.dryRunJobs) || options.dryRunJobs < 1)) {
    violations.push({ path: '/dryRunJobs', value: options.dryRunJobs, message: 'must be a positive integer (how many jobs of a lazy source a dry run shows)' });
  }
  if (options.mode !== undefined && options.mode !== 'run' && options.mode !== 'multirun') {
    violations.push({ path: '/mode', value: options.mode, message: 'must be "run" or "multirun"' });
  }
  for (const name of ['cwd', 'resume'] as const) {
    const value = options[name];
    if (value !== undefined && (typeof value !== 'string' || value === '' || value.includes('\0'))) {
      violations.push({ path: `/${name}`, value, message: 'must be a non-empty path without NUL bytes' });
    }
  }
  if (options.sweepOverrides !== undefined && (!Array.isArray(options.sweepOverrides) || options.sweepOverrides.some((o) => typeof o !== 'string'))) {
    violations.push({ path: '/sweepOverrides', value: options.sweepOverrides, message: 'must be an array of override strings' });
  }
  if (options.callbacks !== undefined && (!Array.isArray(options.callbacks) || options.callbacks.some((c) => typeof c !== 'object' || c === null))) {
    violations.push({ path: '/callbacks', value: options.callbacks, message: 'must be an array of callbacks (objects with hooks such as on_job_end) or { _target_, ...params } configs' });
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    violations.push({ path: '/signal', value: options.signal, message: 'must be an AbortSignal (from an AbortController)' });
  }
  if (options.now !== undefined && (!(options.now instanceof Date) || Number.isNaN(options.now.getTime()))) {
    violations.push({ path: '/now', value: options.now, message: 'must be a valid Date' });
  }
  if (options.detach === true && !context.canDetach) {
    violations.push({ path: '/detach', value: true, message: `the ${context.launcher} launcher runs jobs itself and cannot detach from them; use a batch scheduler launcher (slurm) or drop detach` });
  }
  if (violations.length > 0) throw new ConfigError('launch options', violations);
  const clock = options.clock ?? systemClock;
  const cwd = resolve(options.cwd ?? process.cwd());
  return {
    dryRun: options.dryRun ?? false,
    dryRunJobs: options.dryRunJobs ?? 100,
    signal: options.signal ?? null,
    mode: options.mode ?? (context.jobCount === 1 ? 'run' : 'multirun'),
    cwd,
    streamOutput: options.streamOutput ?? false,
    failFast: options.failFast ?? context.launcherFailFast,
    handleSignals: options.handleSignals ?? false,
    detach: options.detach ?? false,
    sweepOverrides: options.sweepOverrides ?? [],
    sweepConfig: options.sweepConfig ?? null,
    resume: options.resume === undefined ? null : resolve(cwd, options.resume),
    stopOrphans: options.stopOrphans ?? false,
    callbacks: options.callbacks ?? [],
    callbacksBaseDir: resolve(cwd, options.callbacksBaseDir ?? '.'),
    clock,
    now: options.now ?? new Date(clock.now()),
  };
}
