import { customAlphabet } from 'nanoid';
import { ConfigError, JobSpecError } from '../errors.js';
import type { JobSpec } from '../job/job-spec.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { claimRunDir } from '../run/claim-run-dir.js';
import { readFinishedJobs, type RecordedJob } from '../run/read-finished-jobs.js';
import type { LaunchPlan } from '../run/launch-plan.js';
import type { HydraSettings, HydraSettingsInput, RunMode } from '../run/hydra-settings.js';
import { compileChecker } from '../schema/compile-validator.js';
import { loadSchema } from '../schema/load-schema.js';
import { basicLauncher } from './basic/basic-launcher.js';
import { LaunchHandle } from './launch-handle.js';
import type { DryRunResult, LaunchResult } from '../run/launch-result.js';
import type { Clock, LauncherDefinition } from './launcher-definition.js';
import { createLauncherRegistry, type LauncherRegistry } from './launcher-registry.js';
import { kaggleLauncher } from './kaggle/kaggle-launcher.js';
import { localLauncher } from './local/local-launcher.js';
import { slurmLauncher } from './slurm/slurm-launcher.js';
import { resolveModuleRuntime } from './module-runtime.js';
import { planLaunch } from '../run/plan-launch.js';
import { runLaunch } from './run-launch.js';
import { systemClock } from './system-clock.js';

/** What `createLauncher` takes: a launcher by name (or Hydra `_target_`), its fields, and output settings. */
export interface LauncherConfigInput {
  /** @default 'basic' */
  readonly launcher?: string;
  /** A Hydra launcher class path, mapped onto ours (e.g. the submitit SlurmLauncher). */
  readonly _target_?: string;
  readonly hydra?: HydraSettingsInput;
  readonly [field: string]: unknown;
}

export interface CreateLauncherOptions {
  /** Extra launchers (PBS, LSF, Ray ...) beside the built-ins; a name or `_target_` picks them. @default [] */
  readonly launchers?: readonly LauncherDefinition[];
}

export interface LaunchOptions {
  /** Plan only: return folders, commands and env without running or writing anything. @default false */
  readonly dryRun?: boolean;
  /** Cancels the launch when aborted. */
  readonly signal?: AbortSignal;
  /** @default 'run' for one job, 'multirun' otherwise */
  readonly mode?: RunMode;
  /** Base for relative paths and the jobs' default working directory. @default process.cwd() */
  readonly cwd?: string;
  /** Emit `job:output` events, one per line of output. @default false */
  readonly streamOutput?: boolean;
  /** Stop starting jobs after the first failure. @default the launcher's fail_fast */
  readonly failFast?: boolean;
  /** Cancel on SIGINT/SIGTERM of this process (the CLI turns it on). @default false */
  readonly handleSignals?: boolean;
  /** Return once jobs are submitted (remote launchers). @default false */
  readonly detach?: boolean;
  /** The sweep's overrides as typed (`seed=1,2,3`), recorded in `multirun.yaml` so the sweep can be re-launched. @default [] */
  readonly sweepOverrides?: readonly string[];
  /**
   * Re-launch into an earlier launch's folder (run or sweep): jobs its `events.jsonl` records as
   * completed keep their record and do not run again; the rest run in their old folders. The jobs
   * must be the same list (checked by job number and overrides). basic, local and kaggle.
   */
  readonly resume?: string;
  /** @default the system clock */
  readonly clock?: Clock;
  /** The launch time used for `${now:...}`. @default clock.now() */
  readonly now?: Date;
}

/** A configured launcher. */
export interface Launcher {
  readonly name: string;
  /** The launcher's resolved config: schema defaults applied. */
  readonly config: Readonly<Record<string, unknown>>;
  readonly hydra: HydraSettings;
  launch(jobs: readonly JobSpec[], options: LaunchOptions & { readonly dryRun: true }): DryRunResult;
  launch(jobs: readonly JobSpec[], options?: LaunchOptions): LaunchHandle;
}

const builtins = [basicLauncher, localLauncher, slurmLauncher, kaggleLauncher] as unknown as LauncherDefinition<object>[];
const builtinRegistry = createLauncherRegistry(builtins);
const checkHydra = compileChecker<HydraSettings>(loadSchema('hydra.json'), '/hydra');
const newLaunchId = customAlphabet('0123456789abcdefghijklmnopqrstuvwxyz', 10);

/** Validates a launcher config against its JSON Schema (throws `ConfigError` listing every violation) and returns the launcher. */
export function createLauncher(input: LauncherConfigInput = {}, options: CreateLauncherOptions = {}): Launcher {
  const registry: LauncherRegistry = options.launchers?.length
    ? createLauncherRegistry([...builtins, ...(options.launchers as unknown as LauncherDefinition<object>[])])
    : builtinRegistry;
  const { hydra: hydraInput, ...fields } = input;
  const key = fields.launcher ?? fields._target_ ?? 'basic';
  const { definition, check } = registry.get(key);
  const translated = definition.translate ? definition.translate(fields) : fields;
  const checked = check({ ...translated, launcher: definition.name });
  const hydraChecked = checkHydra(hydraInput ?? {});
  if (!checked.ok || !hydraChecked.ok) {
    const violations = [...(checked.ok ? [] : checked.violations), ...(hydraChecked.ok ? [] : hydraChecked.violations)];
    throw new ConfigError(`${definition.name} launcher config`, violations);
  }
  const validated = checked.value as Record<string, unknown>;
  const config = (definition.finalize ? definition.finalize(validated) : validated) as Record<string, unknown>;
  const hydra = hydraChecked.value;
  const backend = definition.createBackend(config);

  function launch(jobs: readonly JobSpec[], launchOptions: LaunchOptions = {}): LaunchHandle | DryRunResult {
    if (!Array.isArray(jobs)) throw new JobSpecError(`launch() takes an array of jobs, got ${typeof jobs}`);
    backend.checkJobs?.(jobs, config);
    const clock = launchOptions.clock ?? systemClock;
    const cwd = launchOptions.cwd ?? process.cwd();
    const planInput = {
      launcher: definition.name,
      hydra,
      jobs,
      mode: launchOptions.mode ?? (jobs.length === 1 ? 'run' : 'multirun'),
      cwd,
      now: launchOptions.now ?? new Date(clock.now()),
      launchId: newLaunchId(),
      launcherEnv: (config.env ?? {}) as Record<string, string>,
      defaultTimeoutMin: (config.timeout_min ?? null) as number | null,
      parentEnv: process.env,
      moduleRuntime: resolveModuleRuntime(cwd),
      outputRoot: definition.outputRoot?.(config as never) ?? null,
    } as const;
    const resumeDir = launchOptions.resume === undefined ? undefined : resolve(cwd, launchOptions.resume);
    const plan = planLaunch(resumeDir === undefined ? planInput : { ...planInput, dir: resumeDir });
    const earlier = resumeDir === undefined ? new Map<number, RecordedJob>() : completedEarlier(plan);
    if (launchOptions.dryRun) return { dryRun: true, plan, details: definition.describePlan?.(plan, config) ?? {} };

    const controller = new AbortController();
    const userSignal = launchOptions.signal;
    const onUserAbort = (): void => controller.abort(userSignal?.reason ?? 'aborted');
    if (userSignal?.aborted) onUserAbort();
    userSignal?.addEventListener('abort', onUserAbort, { once: true });
    const onProcessSignal = (name: NodeJS.Signals): void => controller.abort(`received ${name}`);
    if (launchOptions.handleSignals) for (const name of ['SIGINT', 'SIGTERM'] as const) process.on(name, onProcessSignal);

    const run = async (): Promise<LaunchResult> => {
      await Promise.resolve(); // let the caller attach listeners first
      try {
        const dir = resumeDir ?? (await claimRunDir(plan.dir));
        const claimed = dir === plan.dir ? plan : planLaunch({ ...planInput, dir });
        return await runLaunch({
          plan: claimed,
          backend,
          config,
          launcherConfig: config,
          clock,
          signal: controller.signal,
          failFast: launchOptions.failFast ?? config.fail_fast === true,
          detach: launchOptions.detach ?? false,
          killGraceMs: Number(config.kill_grace_s ?? 10) * 1000,
          streamOutput: launchOptions.streamOutput ?? false,
          sweepOverrides: launchOptions.sweepOverrides ?? [],
          completedEarlier: earlier,
          handle,
        });
      } finally {
        userSignal?.removeEventListener('abort', onUserAbort);
        for (const name of ['SIGINT', 'SIGTERM'] as const) process.off(name, onProcessSignal);
      }
    };
    const handle: LaunchHandle = new LaunchHandle(controller, run());
    return handle;
  }

  return { name: definition.name, config, hydra, launch: launch as Launcher['launch'] };
}

/** The jobs an earlier launch of `plan.dir` completed, after checking the job list is the same one. */
function completedEarlier(plan: LaunchPlan): Map<number, RecordedJob> {
  if (!existsSync(plan.eventsFile)) {
    throw new JobSpecError(`Cannot resume ${JSON.stringify(plan.dir)}: it has no events.jsonl. Point "resume" at the run or sweep folder of an earlier launch.`);
  }
  const completed = new Map<number, RecordedJob>();
  for (const [num, recorded] of readFinishedJobs(plan.eventsFile)) {
    const job = plan.jobs[num];
    if (job === undefined || JSON.stringify(job.overrides) !== JSON.stringify(recorded.overrides)) {
      throw new JobSpecError(
        `Cannot resume ${JSON.stringify(plan.dir)}: its job ${num} ran with ${JSON.stringify(recorded.overrides)}, ` +
          `but job ${num} is now ${job === undefined ? 'missing' : JSON.stringify(job.overrides)}. Pass the same jobs in the same order.`,
      );
    }
    if (recorded.status === 'completed') completed.set(num, recorded);
  }
  return completed;
}
