import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { ResolvedCallback } from '../callbacks/callback.js';
import { createCallbackRunner } from '../callbacks/create-callback-runner.js';
import { LaunchError, LaunchFailedError } from '../errors.js';
import { JOB_STATUSES, toJobErrorInfo, type JobOutcome, type JobStatus } from '../job/job-outcome.js';
import { inheritedEnv } from '../process/inherited-env.js';
import { findMarkedProcessesSync } from '../process/process-mark.js';
import { stopMarkedProcesses } from '../process/stop-processes.js';
import { followSignal } from '../process/stop-switch.js';
import type { Clock } from '../process/system-clock.js';
import { openEventLog, type EventLog } from '../run/event-log.js';
import { createEventSink } from '../run/event-sink.js';
import { refOf } from '../run/job-ref.js';
import type { JobEnded, JobRef, UnreachedJobs } from '../run/launch-events.js';
import type { LaunchPlanBase, PlannedJob } from '../run/launch-plan.js';
import type { JobRecord, LaunchResult } from '../run/launch-result.js';
import type { RunMetadata } from '../run/metadata/run-metadata.js';
import { buildMultirunNode, writeMultirunSnapshot } from '../run/multirun-snapshot.js';
import type { RecordedJob } from '../run/read-finished-jobs.js';
import { secretOverridesWarning } from '../run/redact/find-secret-overrides.js';
import { countUnreached } from './count-unreached.js';
import { arrayJobsOf, createJobFeed, drainFeed, feedJobs, lazyPlanView, type LaunchJobs } from './create-job-feed.js';
import type { LaunchHandle } from './launch-handle.js';
import type { SweepConfig } from './launch-options.js';
import type { ExecutionContext, LauncherBackend, LauncherCommonConfig } from './launcher-definition.js';
import { upcomingIn } from './create-job-preparer.js';
import { createLaunchPreparer } from './create-launch-preparer.js';
import type { LauncherSettings } from './resolve-launcher-settings.js';
import { announcingCancel, cancellingState } from './announcing-cancel.js';
import { cancellableJobRun } from './cancellable-job-run.js';
import type { JobAccess } from './job-table.js';
import { runJobHere } from './run-job-here.js';
import { unstartedOutcome } from './unstarted-outcome.js';

/** Everything the flow needs besides the plan; resolved by `createLauncher`. */
export interface LaunchRuntime<Config extends LauncherCommonConfig> {
  readonly plan: LaunchPlanBase;
  /** The jobs: planned up front (an array) or read and planned as the launch reaches them. */
  readonly jobs: LaunchJobs;
  /** Jobs in the launch when known (an array's length, a sized source's `size`). */
  readonly jobCount: number | null;
  /** The launch's metadata, collected from its start (`metadata.json` of every job). @default collected when the first job is prepared */
  readonly metadata?: Promise<RunMetadata>;
  /** True for a resume: a lazily read job's folder is cleared of torn temp files before it is written. */
  readonly resume?: boolean;
  readonly backend: LauncherBackend<Config>;
  readonly config: Config;
  readonly settings: LauncherSettings;
  readonly clock: Clock;
  /** The caller's cancel (cancel(), AbortSignal, SIGINT). */
  readonly signal: AbortSignal;
  /** Aborted when the launch must stop as a whole for another reason (e.g. its folder lock was lost). */
  readonly failure?: AbortSignal;
  readonly failFast: boolean;
  readonly detach: boolean;
  readonly streamOutput: boolean;
  /** The sweep's overrides as typed (`seed=1,2,3`), for `multirun.yaml`. */
  readonly sweepOverrides: readonly string[];
  /** The sweep's master config and `hydra` node, for `multirun.yaml`; null when not composed. */
  readonly sweepConfig: SweepConfig | null;
  /** Jobs an earlier launch of this folder completed (resume): they keep that record and do not run. */
  readonly completedEarlier: ReadonlyMap<number, RecordedJob>;
  /** Hydra-style callbacks, loaded; they see every event and the launch waits for them. @default [] */
  readonly callbacks?: readonly ResolvedCallback[];
  readonly handle: LaunchHandle;
}

/**
 * The one launch flow every launcher shares: events and `events.jsonl`, snapshots, bookkeeping
 * and the final result; the backend only decides how jobs execute. A job that cannot be prepared
 * or started is a failed job. A launch-level failure (the event log or the sweep folder cannot be
 * written, a backend fails) stops starting jobs, stops the running ones (SIGTERM, then SIGKILL),
 * waits for them, records every job and `launch:end` as far as it can, and only then rejects.
 * Nothing the launch started fires after it settles.
 */
export async function runLaunch<Config extends LauncherCommonConfig>(runtime: LaunchRuntime<Config>): Promise<LaunchResult> {
  const { plan, handle } = runtime;
  const started = runtime.clock.now();
  let log: EventLog;
  try {
    await mkdir(plan.dir, { recursive: true });
    log = openEventLog(plan.eventsFile, { repairTornTail: true }); // the launch holds the folder's lock
  } catch (error) {
    throw new LaunchFailedError(plan.eventsFile, error);
  }
  // The launch's own stop: the caller's cancel, or a failure of the launch as a whole.
  const stopAll = new AbortController();
  let failure: unknown = null;
  const fail = (error: unknown): void => {
    failure ??= error;
    if (!stopAll.signal.aborted) stopAll.abort(error instanceof Error ? error.message : String(error));
  };
  const stopSignal = AbortSignal.any([runtime.signal, stopAll.signal]);
  // What the per-job path reads and hears instead of the signal itself (see StopSwitch).
  const stopping = followSignal(stopSignal);
  const onLost = (): void => fail(runtime.failure?.reason);
  if (runtime.failure?.aborted) onLost();
  runtime.failure?.addEventListener('abort', onLost, { once: true });
  const sink = createEventSink({ launchId: plan.launchId, now: () => runtime.clock.now(), log, emitter: handle, onFailure: (error) => fail(new LaunchFailedError(plan.eventsFile, error)) });
  const arrayJobs = runtime.jobs.kind === 'planned' ? runtime.jobs.jobs : null;
  // Jobs reached and not yet ended (an array's: all of them): O(running) for a lazy source.
  const open = new Map<number, PlannedJob>();
  const callbacks = createCallbackRunner({
    callbacks: runtime.callbacks ?? [],
    plan,
    jobs: arrayJobs,
    firstConfig: arrayJobs?.[0]?.config ?? (runtime.jobs.kind === 'lazy' ? runtime.jobs.first?.config : undefined) ?? {},
    configOf: (num) => open.get(num)?.config ?? {},
    clock: runtime.clock,
    onFatal: (error) => handle.cancel(error.message),
  });
  const emit: typeof sink.emit = (draft) => {
    const event = sink.emit(draft);
    callbacks.notify(event);
    return event;
  };
  const records = new Map<number, JobRecord>();
  const groups = new Set<number>();
  const inFlight = new Set<Promise<unknown>>();
  // The outcomes of jobs that ran here: a failing backend may never finish them itself.
  const abandoned = new Map<number, JobOutcome>();
  // One ref object per job while it is open: the event log redacts it once, not once per event.
  const refs = new Map<number, JobRef>();
  const refFor = (job: PlannedJob): JobRef => {
    let ref = refs.get(job.num);
    if (ref === undefined) {
      ref = refOf(job);
      refs.set(job.num, ref);
    }
    return ref;
  };
  // The environment of the launch's start, copied (reading process.env key by key for every job is slow) and shared across launches while unchanged (see inheritedEnv).
  const here = { launchId: plan.launchId, settings: runtime.settings, clock: runtime.clock, signal: stopping, streamOutput: runtime.streamOutput, parentEnv: inheritedEnv(), host: hostname(), emit, groups, refOf: refFor };
  // If the launching process exits while jobs run (process.exit, an uncaught error), they go with it.
  const onExit = (): void => {
    for (const pgid of groups) signalQuietly(-pgid, 'SIGKILL');
    if (groups.size > 0) for (const pid of findMarkedProcessesSync({ prefix: `${plan.launchId}/` })) signalQuietly(pid, 'SIGKILL');
  };
  process.on('exit', onExit);
  let failed = false;
  let ranHere = false;
  let sinkClosed = false;
  let warnedSecrets = false;
  const lazySource = runtime.jobs.kind === 'lazy';
  // A job cancelled through its handle says so (job:state `cancelling`) on every launcher, before its end.
  const expose = (job: PlannedJob, access: JobAccess): void =>
    handle.table.expose(
      job.num,
      announcingCancel(access, (reason) => {
        if (!records.has(job.num) && !sinkClosed) emit(cancellingState(refOf(job), handle.table.state(job.num), reason));
      }),
    );
  const keep = (ref: JobRef, earlier: RecordedJob): void => {
    // Resumed: keep the earlier record; say so in the event stream, do not run the job again.
    const { type: _t, time: _time, launchId: _l, ...record } = earlier.event;
    records.set(ref.num, record);
    handle.table.keep(ref.num, record);
    emit({ type: 'job:state', job: ref, state: 'completed-earlier', native: null, attempt: 0, detail: `kept the record of launch ${earlier.event.launchId}` });
  };
  const queue = (job: PlannedJob): void => {
    open.set(job.num, job);
    if (lazySource && !warnedSecrets) {
      const secrets = secretOverridesWarning(job.overrides);
      warnedSecrets = secrets !== null;
      if (secrets !== null) process.emitWarning(secrets, { type: 'SpectramindSecretWarning', code: 'SPECTRAMIND_SECRET_OVERRIDE' });
    }
    emit({ type: 'job:queued', job: refFor(job) });
  };
  const feed = createJobFeed(runtime.jobs, plan.dir, runtime.completedEarlier, {
    queued: queue,
    keep: (job, earlier) => keep(refOf(job), earlier),
    refuse(job, error) {
      queue(job);
      context.finishJob(job, { status: 'failed', exitCode: null, signal: null, error: toJobErrorInfo(error) }, { durationMs: 0, attempts: 0 });
    },
    check: (spec) => runtime.backend.checkJobs?.([spec], runtime.config),
    shouldStop: () => context.shouldStop(),
  });
  // A backend that reads plan.jobs gets a lazy source read whole first (as an array would be).
  let drained: readonly PlannedJob[] | null = null;

  // Folders, snapshots and log descriptors are made ready a few jobs ahead, off the launching thread
  // (an array's next jobs; a lazy source's jobs the feed reads ahead, or read whole for a backend that reads plan.jobs).
  let drainedUpcoming: ReturnType<typeof upcomingIn> | null = null;
  const preparer = createLaunchPreparer({
    plan,
    launcherConfig: runtime.config,
    ...(runtime.metadata === undefined ? {} : { metadata: runtime.metadata }),
    upcoming: arrayJobs !== null ? arrayJobs.filter((job) => !runtime.completedEarlier.has(job.num)) : (job, count) => (drained === null ? feed.readAhead(count) : (drainedUpcoming ??= upcomingIn(drained))(job, count)),
    jobCount: runtime.jobCount === null ? null : runtime.jobCount - runtime.completedEarlier.size,
    clearTempFiles: lazySource && runtime.resume === true,
  });
  const context: ExecutionContext<Config> = {
    plan: arrayJobs !== null ? { ...plan, jobs: runtime.completedEarlier.size === 0 ? arrayJobs : arrayJobs.filter((job) => !runtime.completedEarlier.has(job.num)) } : lazyPlanView(plan, () => drained),
    jobCount: runtime.jobCount,
    jobs: () => (drained === null ? feedJobs(feed) : arrayJobsOf(drained, () => context.shouldStop())),
    config: runtime.config,
    signal: stopSignal,
    clock: runtime.clock,
    failFast: runtime.failFast,
    detach: runtime.detach,
    streamOutput: runtime.streamOutput,
    emit,
    prepareJob(job) {
      // Memoised per job, so a backend may prepare ahead (while other jobs run) and runJob still waits for it.
      return preparer.prepare(job);
    },
    runJob(job, options = {}) {
      // Each job run here can be cancelled alone through its handle.
      const own = cancellableJobRun(job);
      expose(job, own.access);
      const running = (async (): Promise<JobOutcome> => {
        // cancelled before it started: it never runs (logs opened ahead are closed with the unused ones)
        const early = own.cancelledBeforeStart();
        if (early !== null) return early;
        let logs: Awaited<ReturnType<typeof preparer.readyToRun>>;
        try {
          logs = await preparer.readyToRun(job);
        } catch (error) {
          // A folder that cannot be written (a full disk, permissions) fails this job, not the launch.
          return { status: 'failed', exitCode: null, signal: null, error: toJobErrorInfo(error) } as const;
        }
        ranHere = true;
        return runJobHere(here, job, own.options(options), logs ?? undefined, own.stop);
      })().then((outcome) => {
        if (open.has(job.num)) abandoned.set(job.num, outcome);
        return outcome;
      });
      inFlight.add(running);
      void running.finally(() => inFlight.delete(running));
      return running;
    },
    exposeJob: (job, access) => expose(job, access),
    finishJob(job, outcome, timing) {
      if (records.has(job.num) || sinkClosed) return;
      if (outcome.status === 'failed' || outcome.status === 'timed-out') failed = true;
      const ended = emit({ type: 'job:end', job: refFor(job), durationMs: timing.durationMs, attempts: timing.attempts ?? 1, ...(timing.scheduler === undefined ? {} : { scheduler: timing.scheduler }), ...outcome }) as JobEnded;
      const { type: _t, time: _time, launchId: _l, ...record } = ended;
      records.set(job.num, record);
      refs.delete(job.num);
      // What the flow held for a running job goes once it ended: a lazy launch holds the jobs in flight only.
      open.delete(job.num);
      abandoned.delete(job.num);
      preparer.forget(job);
    },
    shouldStop: () => stopping.aborted || (runtime.failFast && failed),
  };

  try {
    if (plan.mode === 'multirun' && plan.hydra.output_subdir !== null) {
      await writeMultirunSnapshot(plan.dir, buildMultirunNode(plan, { name: plan.launcher, config: runtime.config }, { overrides: runtime.sweepOverrides, ...(runtime.sweepConfig === null ? {} : { config: runtime.sweepConfig.config, hydra: runtime.sweepConfig.hydra }) })).catch(fail);
    }
    emit({ type: 'launch:start', launcher: plan.launcher, mode: plan.mode, dir: plan.dir, jobCount: runtime.jobCount });
    // An array is announced whole before anything runs; a lazy source job by job as it is read.
    for (const job of arrayJobs ?? []) {
      const earlier = runtime.completedEarlier.get(job.num);
      if (earlier === undefined) queue(job);
      else keep(refOf(job), earlier);
    }
    if (lazySource && runtime.backend.lazy !== true && failure === null) drained = await drainFeed(feed, (specs) => runtime.backend.checkJobs?.(specs, runtime.config));
    if (failure === null) await runtime.backend.execute(context);
  } catch (error) {
    fail(error);
  }
  let unreached: UnreachedJobs | null = null;
  try {
    // A backend that failed may leave jobs running: they were told to stop above; wait for every one.
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    await preparer.closeUnused();
    // Jobs the backend never ended: cancelled when the launch was, otherwise skipped by fail-fast or lost to the failure.
    for (const job of [...open.values()].sort(byNum)) {
      const ran = abandoned.get(job.num);
      context.finishJob(job, ran ?? unstartedOutcome(runtime.signal, failure), { durationMs: 0, attempts: ran === undefined ? 0 : 1 });
    }
    // Jobs of a lazy source the launch never read: one count, not one record each.
    if (lazySource && !feed.exhausted) unreached = countUnreached(feed.reached, runtime.jobCount, runtime.completedEarlier, unstartedOutcome(runtime.signal, failure), keep);
    // Processes that left their job's group (setsid, detached) go with the launch.
    if (ranHere) await stopMarkedProcesses({ prefix: `${plan.launchId}/` }, runtime.settings.killGraceMs, runtime.clock);
  } finally {
    process.off('exit', onExit);
    runtime.failure?.removeEventListener('abort', onLost);
    if (runtime.jobs.kind === 'lazy') await runtime.jobs.stream.close().catch(() => undefined);
  }
  const jobs = [...records.keys()].sort((a, b) => a - b).map((num) => records.get(num) as JobRecord);
  const counts = countStatuses(jobs, unreached);
  emit({ type: 'launch:end', dir: plan.dir, durationMs: runtime.clock.now() - started, counts, cancelled: runtime.signal.aborted, ...(unreached === null ? {} : { unreached }) });
  await callbacks.drain();
  sinkClosed = true;
  sink.close();
  if (failure !== null) throw failure instanceof LaunchError ? failure : new LaunchFailedError(plan.dir, failure);
  if (callbacks.fatal !== null) throw callbacks.fatal;
  return {
    launchId: plan.launchId,
    launcher: plan.launcher,
    mode: plan.mode,
    dir: plan.dir,
    eventsFile: plan.eventsFile,
    jobs,
    unreached,
    counts,
    cancelled: runtime.signal.aborted,
    ok: unreached === null && counts.completed === jobs.length,
  };
}

function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Gone already.
  }
}

function countStatuses(jobs: readonly JobRecord[], unreached: UnreachedJobs | null): Record<JobStatus, number> {
  const counts = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as Record<JobStatus, number>;
  for (const job of jobs) counts[job.status] += 1;
  if (unreached !== null) counts[unreached.outcome.status] += unreached.count ?? 0;
  return counts;
}

const byNum = (a: PlannedJob, b: PlannedJob): number => a.num - b.num;
