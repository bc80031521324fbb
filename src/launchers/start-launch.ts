import { customAlphabet } from 'nanoid';
import { loadCallbacks } from '../callbacks/load-callbacks.js';
import { existsSync } from 'node:fs';
import { JobSpecError } from '../errors.js';
import { join } from 'node:path';
import type { JobSpec } from '../job/job-spec.js';
import { checkDistinctJobDirs } from '../run/check-distinct-job-dirs.js';
import { openJobStream, type JobsInput, type JobStream, type LazyJobs } from '../run/job-source.js';
import { claimRunDir } from '../run/claim-run-dir.js';
import { collectRunMetadata } from '../run/metadata/collect-run-metadata.js';
import type { HydraSettings } from '../run/hydra-settings.js';
import type { LaunchPlan, LaunchPlanBase, PlannedJob } from '../run/launch-plan.js';
import type { DryRunResult, LaunchResult } from '../run/launch-result.js';
import { planJob, planLaunch, planLaunchBase, type PlanBase } from '../run/plan-launch.js';
import { readFinishedJobs, type RecordedJob } from '../run/read-finished-jobs.js';
import { findOrphanedJobs, OrphanedJobsError } from '../run/find-orphaned-jobs.js';
import { lockLaunchDir } from '../run/launch-lock.js';
import { readEventLogSync } from '../run/read-event-log.js';
import { removeStaleTempFiles } from '../run/remove-stale-temp-files.js';
import { stopProcesses } from '../process/stop-processes.js';
import { secretOverridesWarning } from '../run/redact/find-secret-overrides.js';
import { LaunchHandle } from './launch-handle.js';
import type { KnownJobs } from './job-table.js';
import type { ResolvedLaunchOptions } from './launch-options.js';
import type { LauncherBackend, LauncherCommonConfig, LauncherDefinition } from './launcher-definition.js';
import { resolveModuleRuntime } from './module-runtime.js';
import type { LauncherSettings } from './resolve-launcher-settings.js';
import { checkSameJob, type LaunchJobs } from './create-job-feed.js';
import { runLaunch } from './run-launch.js';

const newLaunchId = customAlphabet('0123456789abcdefghijklmnopqrstuvwxyz', 10);

/** One launch request, every part resolved. */
export interface LaunchRequest {
  readonly definition: LauncherDefinition;
  readonly backend: LauncherBackend<LauncherCommonConfig>;
  readonly config: LauncherCommonConfig;
  readonly settings: LauncherSettings;
  readonly hydra: HydraSettings;
  readonly jobs: JobsInput;
  readonly options: ResolvedLaunchOptions;
}

/**
 * Plans a launch (checking a resume against the folder's record), returns the plan for a dry run,
 * or starts the launch on the next tick and returns its handle: cancel wiring, folder claim, flow.
 * An array is planned whole here; a lazy source only its folder, its jobs as the launch reads them.
 */
export function startLaunch(request: LaunchRequest): LaunchHandle | DryRunResult {
  const { definition, options } = request;
  const planBase: PlanBase = {
    launcher: definition.name,
    hydra: request.hydra,
    mode: options.mode,
    cwd: options.cwd,
    now: options.now,
    launchId: newLaunchId(),
    launcherEnv: request.settings.env,
    defaultTimeoutMin: request.settings.defaultTimeoutMin,
    parentEnv: process.env,
    moduleRuntime: resolveModuleRuntime(options.cwd),
    outputRoot: definition.outputRoot?.(request.config) ?? null,
    ...(options.resume === null ? {} : { dir: options.resume }),
  };
  const given = options.mode === 'run' && !Array.isArray(request.jobs) ? onlyJob(request.jobs as LazyJobs) : request.jobs;
  if (!Array.isArray(given)) {
    const stream = openJobStream(given);
    if (options.dryRun) return dryRunLazy(request, planBase, stream);
    // a lazy source's jobs are known to handles only as the launch reads them
    return begin(
      request,
      planBase,
      async () => {
        const first = await stream.next();
        return { plan: planLaunchBase(planBase, first), jobs: { kind: 'lazy', stream, planBase, first }, jobCount: stream.size };
      },
      { count: stream.size, facts: () => undefined },
    );
  }
  const jobs = given as readonly JobSpec[];
  const plan = planLaunch({ ...planBase, jobs });
  const earlier = options.resume === null ? new Map<number, RecordedJob>() : completedEarlier(plan, plan.jobs);
  if (options.dryRun) return { dryRun: true, plan, jobCount: jobs.length, details: definition.describePlan?.(plan, request.config) ?? {} };
  const secrets = secretOverridesWarning(plan.jobs.flatMap((job) => job.overrides));
  if (secrets !== null) process.emitWarning(secrets, { type: 'SpectramindSecretWarning', code: 'SPECTRAMIND_SECRET_OVERRIDE' });
  // Job handles read the plan by number; the claimed folder's paths arrive with the events.
  const facts = (num: number) => {
    const job = plan.jobs[num];
    return job === undefined ? undefined : { num, id: job.id, name: job.name };
  };
  return begin(request, planBase, async () => ({ plan, jobs: { kind: 'planned', jobs: plan.jobs }, jobCount: jobs.length }), { count: jobs.length, facts }, earlier);
}

interface Planned {
  readonly plan: LaunchPlanBase;
  readonly jobs: LaunchJobs;
  readonly jobCount: number | null;
}

/** Starts the flow on the next tick: cancel wiring, callbacks, the folder claim and lock, resume checks. */
function begin(request: LaunchRequest, planBase: PlanBase, planned: () => Promise<Planned>, known: KnownJobs, earlierArray?: Map<number, RecordedJob>): LaunchHandle {
  const { options } = request;
  const controller = new AbortController();
  const userSignal = options.signal;
  const onUserAbort = (): void => controller.abort(userSignal?.reason ?? 'aborted');
  if (userSignal?.aborted) onUserAbort();
  userSignal?.addEventListener('abort', onUserAbort, { once: true });
  const onProcessSignal = (name: NodeJS.Signals): void => controller.abort(`received ${name}`);
  if (options.handleSignals) for (const name of ['SIGINT', 'SIGTERM'] as const) process.on(name, onProcessSignal);

  // Started now, so its one git call overlaps the folder claim and lock instead of delaying the first job.
  const metadata = collectRunMetadata({ cwd: options.cwd, argv: process.argv, env: process.env });
  const run = async (): Promise<LaunchResult> => {
    await Promise.resolve(); // let the caller attach listeners first
    let source: Planned | null = null;
    try {
      source = await planned();
      const { plan } = source;
      // Loaded before the folder is claimed: a bad callback _target_ fails the launch before anything runs.
      const callbacks = options.callbacks.length === 0 ? [] : await loadCallbacks(options.callbacks, { baseDir: options.callbacksBaseDir });
      const dir = options.resume ?? (await claimRunDir(plan.dir));
      const claimed = dir === plan.dir ? source : reclaim(source, planBase, dir);
      // One launch owns a folder at a time; released before this promise settles, so its timer never outlives it.
      const lock = await lockLaunchDir(dir, planBase.launchId);
      try {
        const earlier = earlierArray ?? (options.resume === null ? new Map<number, RecordedJob>() : completedEarlier(claimed.plan, null, claimed.jobCount));
        if (options.resume !== null) await prepareResume(claimed.plan, claimed.jobs.kind === 'planned' ? claimed.jobs.jobs : [], request.settings, options);
        return await runLaunch({
          plan: claimed.plan,
          jobs: claimed.jobs,
          jobCount: claimed.jobCount,
          resume: options.resume !== null,
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
          metadata,
          callbacks,
          handle,
        });
      } finally {
        await lock.release();
      }
    } finally {
      userSignal?.removeEventListener('abort', onUserAbort);
      for (const name of ['SIGINT', 'SIGTERM'] as const) process.off(name, onProcessSignal);
      // A launch that failed before its flow ran still lets a lazy source clean up.
      if (source?.jobs.kind === 'lazy') await source.jobs.stream.close().catch(() => undefined);
      // Its git child must not outlive the launch (it never rejects).
      await metadata;
    }
  };
  const handle: LaunchHandle = new LaunchHandle(controller, run(), known);
  return handle;
}

/** The plan again for the folder actually claimed (a `_1` suffix when the rendered one was taken). */
function reclaim(source: Planned, planBase: PlanBase, dir: string): Planned {
  if (source.jobs.kind === 'lazy') return { ...source, plan: { ...source.plan, dir, eventsFile: join(dir, 'events.jsonl') }, jobs: { ...source.jobs, planBase: { ...planBase, dir } } };
  const plan = planLaunch({ ...planBase, dir, jobs: source.jobs.jobs.map((job) => job.spec) });
  return { plan, jobs: { kind: 'planned', jobs: plan.jobs }, jobCount: source.jobCount };
}

/** A dry run of a lazy source: the first `dryRunJobs` jobs planned, and the count when the source knows it. */
function dryRunLazy(request: LaunchRequest, planBase: PlanBase, stream: JobStream): DryRunResult {
  const specs: JobSpec[] = [];
  for (let spec = stream.nextSync(); spec !== undefined; spec = specs.length < request.options.dryRunJobs ? stream.nextSync() : undefined) specs.push(spec);
  const base = planLaunchBase(planBase, specs[0]);
  const jobs = specs.map((spec, num) => planJob(planBase, base.dir, spec, num));
  checkDistinctJobDirs(jobs);
  const plan: LaunchPlan = { ...base, jobs };
  // The whole source, planned one job at a time as a describer reads it (slurm renders every array); never held.
  let read = specs.length;
  let drained = specs.length < request.options.dryRunJobs;
  const every = {
    *[Symbol.iterator](): Generator<PlannedJob> {
      yield* jobs;
      for (let spec = drained ? undefined : stream.nextSync(); spec !== undefined; spec = stream.nextSync()) yield planJob(planBase, base.dir, spec, read++);
      drained = true;
    },
  };
  const details = request.definition.describePlan?.(plan, request.config, { jobs: every, count: stream.size }) ?? {};
  void stream.close();
  const jobCount = stream.size ?? (drained ? read : null);
  return { dryRun: true, plan, jobCount, details };
}

/** `mode: 'run'` takes one job: a lazy source must hold exactly one, read here. */
function onlyJob(source: LazyJobs): readonly JobSpec[] {
  const stream = openJobStream(source);
  const first = stream.nextSync();
  const second = first === undefined ? undefined : stream.nextSync();
  void stream.close();
  if (first === undefined || second !== undefined) throw new JobSpecError(`mode "run" takes exactly one job, got ${first === undefined ? 0 : 'more than one'}; use mode "multirun" for a sweep`);
  return [first];
}

/**
 * Before a resume runs anything: jobs of a dead launcher that still run are refused (or, with
 * `stopOrphans`, stopped first), and temp files a killed launch left mid-write are removed
 * (a lazy source's job folders: as each job is reached).
 */
async function prepareResume(plan: LaunchPlanBase, jobs: readonly PlannedJob[], settings: LauncherSettings, options: ResolvedLaunchOptions): Promise<void> {
  const orphans = await findOrphanedJobs(readEventLogSync(plan.eventsFile).events);
  if (orphans.jobs.length > 0 || orphans.marked.length > 0) {
    if (!options.stopOrphans) throw new OrphanedJobsError(plan.dir, orphans);
    await stopProcesses([...orphans.jobs.map((job) => -job.pgid), ...orphans.marked.flatMap((pid) => [pid, -pid])], settings.killGraceMs, options.clock);
  }
  const folders = new Set<string>([plan.dir]);
  for (const job of jobs) {
    folders.add(job.outputDir);
    if (job.stateDir !== null) folders.add(job.stateDir);
  }
  await removeStaleTempFiles(folders);
}

/**
 * The jobs an earlier launch of `plan.dir` completed, after checking the job list is the same one:
 * an array's jobs here, a lazy source's as they are read (here only that none lies past its known size).
 */
function completedEarlier(plan: LaunchPlanBase, jobs: readonly PlannedJob[] | null, jobCount: number | null = null): Map<number, RecordedJob> {
  if (!existsSync(plan.eventsFile)) {
    throw new JobSpecError(`Cannot resume ${JSON.stringify(plan.dir)}: it has no events.jsonl. Point "resume" at the run or sweep folder of an earlier launch.`);
  }
  const completed = new Map<number, RecordedJob>();
  for (const [num, recorded] of readFinishedJobs(plan.eventsFile)) {
    if (jobs !== null || (jobCount !== null && num >= jobCount)) checkSameJob(plan.dir, jobs?.[num], recorded);
    if (recorded.status === 'completed') completed.set(num, recorded);
  }
  return completed;
}
