import { customAlphabet } from 'nanoid';
import { loadCallbacks } from '../callbacks/load-callbacks.js';
import { existsSync } from 'node:fs';
import { JobSpecError } from '../errors.js';
import type { JobSpec } from '../job/job-spec.js';
import { claimRunDir } from '../run/claim-run-dir.js';
import type { HydraSettings } from '../run/hydra-settings.js';
import type { LaunchPlan } from '../run/launch-plan.js';
import type { DryRunResult, LaunchResult } from '../run/launch-result.js';
import { planLaunch, type PlanInput } from '../run/plan-launch.js';
import { readFinishedJobs, type RecordedJob } from '../run/read-finished-jobs.js';
import { findOrphanedJobs, OrphanedJobsError } from '../run/find-orphaned-jobs.js';
import { lockLaunchDir } from '../run/launch-lock.js';
import { readEventLogSync } from '../run/read-event-log.js';
import { removeStaleTempFiles } from '../run/remove-stale-temp-files.js';
import { stopProcesses } from '../process/stop-processes.js';
import { secretOverridesWarning } from '../run/redact/find-secret-overrides.js';
import { redactOverrides } from '../run/redact/redact-record.js';
import { LaunchHandle } from './launch-handle.js';
import type { ResolvedLaunchOptions } from './launch-options.js';
import type { LauncherBackend, LauncherCommonConfig, LauncherDefinition } from './launcher-definition.js';
import { resolveModuleRuntime } from './module-runtime.js';
import type { LauncherSettings } from './resolve-launcher-settings.js';
import { runLaunch } from './run-launch.js';

const newLaunchId = customAlphabet('0123456789abcdefghijklmnopqrstuvwxyz', 10);

/** One launch request, every part resolved. */
export interface LaunchRequest {
  readonly definition: LauncherDefinition;
  readonly backend: LauncherBackend<LauncherCommonConfig>;
  readonly config: LauncherCommonConfig;
  readonly settings: LauncherSettings;
  readonly hydra: HydraSettings;
  readonly jobs: readonly JobSpec[];
  readonly options: ResolvedLaunchOptions;
}

/**
 * Plans a launch (checking a resume against the folder's record), returns the plan for a dry run,
 * or starts the launch on the next tick and returns its handle: cancel wiring, folder claim, flow.
 */
export function startLaunch(request: LaunchRequest): LaunchHandle | DryRunResult {
  const { definition, options } = request;
  const planInput: PlanInput = {
    launcher: definition.name,
    hydra: request.hydra,
    jobs: request.jobs,
    mode: options.mode,
    cwd: options.cwd,
    now: options.now,
    launchId: newLaunchId(),
    launcherEnv: request.settings.env,
    defaultTimeoutMin: request.settings.defaultTimeoutMin,
    parentEnv: process.env,
    moduleRuntime: resolveModuleRuntime(options.cwd),
    outputRoot: definition.outputRoot?.(request.config) ?? null,
  };
  const plan = planLaunch(options.resume === null ? planInput : { ...planInput, dir: options.resume });
  const earlier = options.resume === null ? new Map<number, RecordedJob>() : completedEarlier(plan);
  if (options.dryRun) return { dryRun: true, plan, details: definition.describePlan?.(plan, request.config) ?? {} };
  const secrets = secretOverridesWarning(plan.jobs.flatMap((job) => job.overrides));
  if (secrets !== null) process.emitWarning(secrets, { type: 'SpectramindSecretWarning', code: 'SPECTRAMIND_SECRET_OVERRIDE' });

  const controller = new AbortController();
  const userSignal = options.signal;
  const onUserAbort = (): void => controller.abort(userSignal?.reason ?? 'aborted');
  if (userSignal?.aborted) onUserAbort();
  userSignal?.addEventListener('abort', onUserAbort, { once: true });
  const onProcessSignal = (name: NodeJS.Signals): void => controller.abort(`received ${name}`);
  if (options.handleSignals) for (const name of ['SIGINT', 'SIGTERM'] as const) process.on(name, onProcessSignal);

  const run = async (): Promise<LaunchResult> => {
    await Promise.resolve(); // let the caller attach listeners first
    try {
      // Loaded before the folder is claimed: a bad callback _target_ fails the launch before anything runs.
      const callbacks = options.callbacks.length === 0 ? [] : await loadCallbacks(options.callbacks, { baseDir: options.callbacksBaseDir });
      const dir = options.resume ?? (await claimRunDir(plan.dir));
      const claimed = dir === plan.dir ? plan : planLaunch({ ...planInput, dir });
      // One launch owns a folder at a time; released before this promise settles, so its timer never outlives it.
      const lock = await lockLaunchDir(dir, planInput.launchId);
      try {
        if (options.resume !== null) await prepareResume(claimed, request.settings, options);
        return await runLaunch({
          plan: claimed,
          backend: request.backend,
          config: request.config,
          settings: request.settings,
          clock: options.clock,
          signal: controller.signal,
          failure: lock.lost,
          failFast: options.failFast,
          detach: options.detach,
          streamOutput: options.streamOutput,
          sweepOverrides: options.sweepOverrides,
          sweepConfig: options.sweepConfig,
          completedEarlier: earlier,
          callbacks,
          handle,
        });
      } finally {
        await lock.release();
      }
    } finally {
      userSignal?.removeEventListener('abort', onUserAbort);
      for (const name of ['SIGINT', 'SIGTERM'] as const) process.off(name, onProcessSignal);
    }
  };
  const handle: LaunchHandle = new LaunchHandle(controller, run());
  return handle;
}

/**
 * Before a resume runs anything: jobs of a dead launcher that still run are refused (or, with
 * `stopOrphans`, stopped first), and temp files a killed launch left mid-write are removed.
 */
async function prepareResume(plan: LaunchPlan, settings: LauncherSettings, options: ResolvedLaunchOptions): Promise<void> {
  const orphans = await findOrphanedJobs(readEventLogSync(plan.eventsFile).events);
  if (orphans.jobs.length > 0 || orphans.marked.length > 0) {
    if (!options.stopOrphans) throw new OrphanedJobsError(plan.dir, orphans);
    await stopProcesses([...orphans.jobs.map((job) => -job.pgid), ...orphans.marked.flatMap((pid) => [pid, -pid])], settings.killGraceMs, options.clock);
  }
  const folders = new Set<string>([plan.dir]);
  for (const job of plan.jobs) {
    folders.add(job.outputDir);
    if (job.stateDir !== null) folders.add(job.stateDir);
  }
  await removeStaleTempFiles(folders);
}

/** The jobs an earlier launch of `plan.dir` completed, after checking the job list is the same one. */
function completedEarlier(plan: LaunchPlan): Map<number, RecordedJob> {
  if (!existsSync(plan.eventsFile)) {
    throw new JobSpecError(`Cannot resume ${JSON.stringify(plan.dir)}: it has no events.jsonl. Point "resume" at the run or sweep folder of an earlier launch.`);
  }
  const completed = new Map<number, RecordedJob>();
  for (const [num, recorded] of readFinishedJobs(plan.eventsFile)) {
    const job = plan.jobs[num];
    // events.jsonl holds the overrides redacted (older launches: as typed).
    const recordedAs = JSON.stringify(recorded.overrides);
    if (job === undefined || (JSON.stringify(redactOverrides(job.overrides)) !== recordedAs && JSON.stringify(job.overrides) !== recordedAs)) {
      throw new JobSpecError(
        `Cannot resume ${JSON.stringify(plan.dir)}: its job ${num} ran with ${JSON.stringify(recorded.overrides)}, ` +
          `but job ${num} is now ${job === undefined ? 'missing' : JSON.stringify(redactOverrides(job.overrides))}. Pass the same jobs in the same order.`,
        { job: num, field: 'overrides' },
      );
    }
    if (recorded.status === 'completed') completed.set(num, recorded);
  }
  return completed;
}
