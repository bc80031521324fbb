import { mkdir } from 'node:fs/promises';
import type { ResolvedCallback } from '../callbacks/callback.js';
import { createCallbackRunner } from '../callbacks/create-callback-runner.js';
import { JOB_STATUSES, type JobOutcome, type JobStatus } from '../job/job-outcome.js';
import { openEventLog } from '../run/event-log.js';
import { collectRunMetadata } from '../run/metadata/collect-run-metadata.js';
import type { RunMetadata } from '../run/metadata/run-metadata.js';
import type { RecordedJob } from '../run/read-finished-jobs.js';
import { buildMultirunNode, writeMultirunSnapshot } from '../run/multirun-snapshot.js';
import { writeJobSnapshots } from '../run/snapshots/write-job-snapshots.js';
import type { JobEnded } from '../run/launch-events.js';
import { createEventSink } from '../run/event-sink.js';
import { refOf } from '../run/job-ref.js';
import { unstartedOutcome } from './unstarted-outcome.js';
import type { LaunchPlan, PlannedJob } from '../run/launch-plan.js';
import type { Clock } from '../process/system-clock.js';
import type { ExecutionContext, LauncherBackend, LauncherCommonConfig, RunJobOptions } from './launcher-definition.js';
import type { LauncherSettings } from './resolve-launcher-settings.js';
import type { SweepConfig } from './launch-options.js';
import type { LaunchHandle } from './launch-handle.js';
import type { JobRecord, LaunchResult } from '../run/launch-result.js';
import { runLocalJob } from './run-local-job.js';

/** Everything the flow needs besides the plan; resolved by `createLauncher`. */
export interface LaunchRuntime<Config extends LauncherCommonConfig> {
  readonly plan: LaunchPlan;
  readonly backend: LauncherBackend<Config>;
  readonly config: Config;
  readonly settings: LauncherSettings;
  readonly clock: Clock;
  readonly signal: AbortSignal;
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
 * The one launch flow every launcher shares: events and `events.jsonl`, snapshots,
 * bookkeeping and the final result. The backend only decides how jobs execute.
 */
export async function runLaunch<Config extends LauncherCommonConfig>(runtime: LaunchRuntime<Config>): Promise<LaunchResult> {
  const { plan, handle } = runtime;
  const started = runtime.clock.now();
  await mkdir(plan.dir, { recursive: true });
  const log = openEventLog(plan.eventsFile);
  const records = new Map<number, JobRecord>();
  const sink = createEventSink({ launchId: plan.launchId, now: () => runtime.clock.now(), log, emitter: handle });
  const callbacks = createCallbackRunner({ callbacks: runtime.callbacks ?? [], plan, clock: runtime.clock, onFatal: (error) => handle.cancel(error.message) });
  const emit: typeof sink.emit = (draft) => {
    const event = sink.emit(draft);
    callbacks.notify(event);
    return event;
  };
  // One copy of the environment per launch: reading process.env key by key for every job is slow.
  const parentEnv = { ...process.env };
  let metadata: Promise<RunMetadata> | null = null;
  const prepared = new Map<number, Promise<void>>();
  let failed = false;

  const toRun = runtime.completedEarlier.size === 0 ? plan : { ...plan, jobs: plan.jobs.filter((job) => !runtime.completedEarlier.has(job.num)) };
  const context: ExecutionContext<Config> = {
    plan: toRun,
    config: runtime.config,
    signal: runtime.signal,
    clock: runtime.clock,
    failFast: runtime.failFast,
    detach: runtime.detach,
    emit,
    prepareJob(job) {
      // Memoised per job, so a backend may prepare ahead (while other jobs run) and runJob still waits for it.
      let pending = prepared.get(job.num);
      if (pending === undefined) {
        pending = (async () => {
          metadata ??= collectRunMetadata({ cwd: plan.cwd, argv: process.argv, env: process.env });
          await mkdir(job.outputDir, { recursive: true });
          await writeJobSnapshots(plan, job, { name: plan.launcher, config: runtime.config }, await metadata);
        })();
        prepared.set(job.num, pending);
      }
      return pending;
    },
    async runJob(job, options = {}) {
      await context.prepareJob(job);
      return runJobHere(runtime, job, options, emit, parentEnv);
    },
    finishJob(job, outcome, timing) {
      if (records.has(job.num)) return;
      if (outcome.status === 'failed' || outcome.status === 'timed-out') failed = true;
      const ended = emit({ type: 'job:end', job: refOf(job), durationMs: timing.durationMs, attempts: timing.attempts ?? 1, ...(timing.scheduler === undefined ? {} : { scheduler: timing.scheduler }), ...outcome }) as JobEnded;
      const { type: _t, time: _time, launchId: _l, ...record } = ended;
      records.set(job.num, record);
    },
    shouldStop: () => runtime.signal.aborted || (runtime.failFast && failed),
  };

  let backendError: unknown = null;
  try {
    if (plan.mode === 'multirun' && plan.hydra.output_subdir !== null) {
      await writeMultirunSnapshot(plan.dir, buildMultirunNode(plan, { name: plan.launcher, config: runtime.config }, { overrides: runtime.sweepOverrides, ...(runtime.sweepConfig === null ? {} : { config: runtime.sweepConfig.config, hydra: runtime.sweepConfig.hydra }) }));
    }
    emit({ type: 'launch:start', launcher: plan.launcher, mode: plan.mode, dir: plan.dir, jobCount: plan.jobs.length });
    for (const job of plan.jobs) {
      const earlier = runtime.completedEarlier.get(job.num);
      if (earlier === undefined) {
        emit({ type: 'job:queued', job: refOf(job) });
        continue;
      }
      // Resumed: keep the earlier record; say so in the event stream, do not run the job again.
      const { type: _t, time: _time, launchId: _l, ...record } = earlier.event;
      records.set(job.num, record);
      emit({ type: 'job:state', job: refOf(job), state: 'completed-earlier', native: null, attempt: 0, detail: `kept the record of launch ${earlier.event.launchId}` });
    }
    await runtime.backend.execute(context);
  } catch (error) {
    backendError = error;
  }
  // Jobs the backend never ended: cancelled when the launch was, otherwise skipped by fail-fast or lost to an error.
  for (const job of plan.jobs) {
    if (records.has(job.num)) continue;
    context.finishJob(job, unstartedOutcome(runtime.signal, backendError), { durationMs: 0, attempts: 0 });
  }
  const jobs = plan.jobs.map((job) => records.get(job.num) as JobRecord);
  const counts = countStatuses(jobs);
  emit({ type: 'launch:end', dir: plan.dir, durationMs: runtime.clock.now() - started, counts, cancelled: runtime.signal.aborted });
  await callbacks.drain();
  sink.close();
  if (backendError !== null) throw backendError;
  if (callbacks.fatal !== null) throw callbacks.fatal;
  return {
    launchId: plan.launchId,
    launcher: plan.launcher,
    mode: plan.mode,
    dir: plan.dir,
    eventsFile: plan.eventsFile,
    jobs,
    counts,
    cancelled: runtime.signal.aborted,
    ok: counts.completed === jobs.length,
  };
}

async function runJobHere<Config extends LauncherCommonConfig>(runtime: LaunchRuntime<Config>, job: PlannedJob, options: RunJobOptions, emit: ExecutionContext<Config>['emit'], parentEnv: NodeJS.ProcessEnv): Promise<JobOutcome> {
  const signal = options.signal ? AbortSignal.any([runtime.signal, options.signal]) : runtime.signal;
  const env = { ...parentEnv, ...job.env, ...options.extraEnv };
  return runLocalJob({
    job,
    env,
    timeoutMs: options.timeoutMs === undefined ? job.timeoutMs : options.timeoutMs,
    killGraceMs: runtime.settings.killGraceMs,
    signal,
    onSpawn: (pid) => emit({ type: 'job:start', job: refOf(job), pid, attempt: 1, device: options.device ?? null }),
    ...(runtime.streamOutput ? { onLine: (stream: 'stdout' | 'stderr', line: string) => emit({ type: 'job:output', job: refOf(job), stream, line }) } : {}),
    stoppedOutcome: (reason, killSignal) =>
      !runtime.signal.aborted && options.stoppedBySignal ? options.stoppedBySignal(reason, killSignal) : { status: 'cancelled', signal: killSignal, reason: String(runtime.signal.reason ?? reason) },
  });
}


function countStatuses(jobs: readonly JobRecord[]): Record<JobStatus, number> {
  const counts = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as Record<JobStatus, number>;
  for (const job of jobs) counts[job.status] += 1;
  return counts;
}
