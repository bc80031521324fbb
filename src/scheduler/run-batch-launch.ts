import { JobSpecError } from '../errors.js';
import { toJobErrorInfo } from '../job/job-outcome.js';
import type { ExecutionContext, LauncherBackend } from '../launchers/launcher-definition.js';
import type { Clock } from '../process/system-clock.js';
import { inFlightStateOf } from './scheduler-state.js';
import type { PlannedJob } from '../run/launch-plan.js';
import { refOf } from '../run/job-ref.js';
import type { BatchLauncherConfig } from './batch-launcher-config.js';
import { mapLimit } from '../async/map-limit.js';
import { voiceName } from './outcome-from-record.js';
import { readTaskReport } from './read-worker-report.js';
import { type BatchLaunchDescriptor, renderBatchLaunch } from './render-batch-launch.js';
import type { SchedulerBackend } from './scheduler-backend.js';
import type { SchedulerCommands } from './scheduler-commands.js';
import { planArrayCaps } from './plan-array-caps.js';
import { impossibleRequestError, probeArrays } from './probe-arrays.js';
import { submitArrays } from './submit-arrays.js';
import { watchJobs, type WatchedJob } from './watch-jobs.js';
import { writeJobFiles, writeLaunchDescriptor, writeLaunchScripts } from './write-batch-launch.js';

/** What a batch launcher hands the core besides its backend hooks. */
export interface BatchLaunchOptions {
  /** The scheduler's programs (or a fake for tests and benchmarks), built with the launch's clock. */
  readonly createCommands: (clock: Clock) => SchedulerCommands;
  /** How a user follows a detached launch, for the `detached` reason (`attachSlurmLaunch(dir)`). */
  readonly attachHint: (dir: string) => string;
}

/** Builds a launcher backend that runs a plan on a batch scheduler through the backend's hooks. */
export function createBatchBackend<Config extends BatchLauncherConfig>(backend: SchedulerBackend<Config>, config: Config, options: BatchLaunchOptions): LauncherBackend<Config> {
  return {
    checkJobs(jobs) {
      const index = jobs.findIndex((job) => 'run' in job);
      if (index >= 0) {
        throw new JobSpecError(`Job ${index} is a function job; the ${backend.name} launcher runs jobs on other machines, so it takes "command" or "module" jobs only. Move the function into a module and use { module, export }.`);
      }
    },
    execute: (context) => runBatchLaunch(context, backend, config, options),
  };
}

/**
 * Renders, writes, submits held (chained when the launch is larger than `array_parallelism`),
 * writes the job files while the scheduler queues the arrays, releases them, then follows every
 * job to its end, or detaches.
 */
async function runBatchLaunch<Config extends BatchLauncherConfig>(ctx: ExecutionContext<Config>, backend: SchedulerBackend<Config>, config: Config, options: BatchLaunchOptions): Promise<void> {
  const { plan, clock } = ctx;
  const commands = options.createCommands(clock);
  const maxArraySize =
    config.max_array_size ??
    (await commands.maxArraySize().catch((error: unknown) => {
      if (config.dry_run) return backend.defaultMaxArraySize;
      throw error;
    }));
  // Shared: arrays side by side under one parallelism budget, rebalanced while the launch watches.
  // A detached launch has nobody to rebalance, so its arrays are chained.
  const mode = commands.throttle !== undefined && !ctx.detach ? 'shared' : 'chained';
  const rendered = renderBatchLaunch(plan, config, backend, maxArraySize, mode);
  const { paths } = rendered;
  const byNum = new Map(plan.jobs.map((job) => [job.num, job]));
  const jobOf = (num: number) => byNum.get(num) as PlannedJob;
  const arrayOfJob = new Map(rendered.descriptor.jobs.map((job) => [job.num, job.array]));
  const arrayOf = (num: number) => arrayOfJob.get(num) ?? -1;
  await writeLaunchScripts(rendered);
  // Job folders, snapshots and job files: only needed once a task starts, not to submit.
  const prepareJobs = () => Promise.all([mapLimit(plan.jobs, 32, (job) => ctx.prepareJob(job)), writeJobFiles(rendered)]);

  if (config.dry_run) {
    await prepareJobs();
    await writeLaunchDescriptor({ ...rendered.descriptor, state: 'dry-run' });
    for (const job of rendered.descriptor.jobs) {
      ctx.finishJob(jobOf(job.num), { status: 'skipped', reason: `dry run: rendered ${paths.script(job.array)} (task ${job.task}); nothing was submitted` }, { durationMs: 0 });
    }
    return;
  }

  // Submit held, write the job files while the scheduler queues the arrays, then release them:
  // the sweep is in the queue at once, and no task can start before its files exist.
  const submittedAt = clock.now();
  let descriptor: BatchLaunchDescriptor = rendered.descriptor;
  // Requests the cluster can never run fail now, in the scheduler's words; the other arrays go on.
  const verdicts = await probeArrays(rendered.descriptor.arrays, commands, ctx.signal);
  const refused = new Set(verdicts.keys());
  for (const job of rendered.descriptor.jobs) {
    const verdict = verdicts.get(job.array);
    if (verdict === undefined) continue;
    const error = impossibleRequestError(backend, verdict, backend.requestFields?.(config) ?? []);
    ctx.finishJob(jobOf(job.num), { status: 'failed', exitCode: null, signal: null, error }, { durationMs: 0, attempts: 0 });
  }
  try {
    descriptor = await submitArrays(rendered.descriptor, {
      skip: refused,
      commands,
      clock,
      maxSubmitPerS: config.max_submit_per_s,
      parallelism: config.array_parallelism,
      signal: ctx.signal,
      hold: true,
      onSubmitted: async (next) => {
        descriptor = next;
        await writeLaunchDescriptor(next);
      },
    });
    if (!ctx.signal.aborted) {
      await prepareJobs();
      await commands.release(descriptor.arrays.flatMap((a) => (a.arrayJobId !== null && a.cap > 0 ? [a.arrayJobId] : [])));
      descriptor = { ...descriptor, state: 'submitted' };
      await writeLaunchDescriptor(descriptor);
    }
  } catch (error) {
    if (!ctx.signal.aborted) {
      await commands.cancel(submittedIds(descriptor)).catch(() => undefined);
      for (const job of plan.jobs.filter((j) => !refused.has(arrayOf(j.num)))) ctx.finishJob(job, { status: 'failed', exitCode: null, signal: null, error: toJobErrorInfo(error) }, { durationMs: clock.now() - submittedAt });
      throw error;
    }
  }
  if (ctx.signal.aborted) {
    await commands.cancel(submittedIds(descriptor)).catch(() => undefined);
    await writeLaunchDescriptor({ ...descriptor, state: 'cancelled' });
    for (const job of plan.jobs.filter((j) => !refused.has(arrayOf(j.num)))) ctx.finishJob(job, { status: 'cancelled', signal: null, reason: 'launch cancelled while submitting; submitted arrays were cancelled' }, { durationMs: clock.now() - submittedAt });
    return;
  }

  const watched: WatchedJob[] = descriptor.jobs.filter((job) => !refused.has(job.array)).map((job) => {
    const arrayJobId = descriptor.arrays[job.array]?.arrayJobId ?? '';
    const logs = backend.logFiles(paths.folder, arrayJobId, job.task);
    return {
      num: job.num,
      arrayJobId,
      task: job.task,
      kind: job.kind,
      timeoutMs: job.timeoutMs,
      submittedAt,
      logHint: `${logs.stdout}${config.stderr_to_stdout ? '' : ` and ${logs.stderr}`}`,
      logs: config.stderr_to_stdout ? { stdout: logs.stdout, stderr: logs.stdout } : logs,
    };
  });
  for (const job of watched) {
    ctx.emit({ type: 'job:state', job: refOf(jobOf(job.num)), state: 'submitted', native: null, attempt: 1, detail: `${job.arrayJobId}_${job.task}` });
  }
  if (ctx.detach) {
    for (const job of watched) {
      const reason = `submitted to ${backend.label}; follow it with ${options.attachHint(plan.dir)}`;
      const scheduler = { id: `${job.arrayJobId}_${job.task}`, ...job.logs };
      ctx.finishJob(jobOf(job.num), { status: 'detached', reason, schedulerId: scheduler.id }, { durationMs: clock.now() - submittedAt, scheduler });
    }
    return;
  }
  const { cancelled } = await watchJobs(watched, {
    commands,
    voice: { name: backend.name, label: backend.label, lostRecordHint: backend.lostRecordHint },
    clock,
    signal: ctx.signal,
    pollIntervalMs: config.poll_interval_s * 1000,
    pollMaxIntervalMs: config.poll_max_interval_s * 1000,
    maxNumPreemption: config.max_num_preemption,
    pendingPatienceMs: config.pending_patience_s * 1000,
    isHopelessReason: (reason) => backend.isHopelessReason?.(reason) ?? false,
    ...(mode === 'shared' ? { onPoll: shareParallelism(descriptor, config.array_parallelism, commands) } : {}),
    readReport: (num, kind) => readTaskReport(paths, num, kind),
    sink: {
      note: (num, note) => {
        const job = refOf(jobOf(num));
        if (note.type === 'start') ctx.emit({ type: 'job:start', job, pid: null, attempt: note.attempt, device: null });
        else ctx.emit({ type: 'job:state', job, state: inFlightStateOf(note.state, (native) => backend.mapState(native)), native: note.state, attempt: note.attempt, detail: note.detail });
      },
      finish: (num, outcome, timing) => ctx.finishJob(jobOf(num), outcome, timing),
      warn: (message) => process.emitWarning(message, voiceName(backend, 'Warning')),
    },
  });
  if (cancelled) await writeLaunchDescriptor({ ...descriptor, state: 'cancelled' });
}

/** Rebalances the caps of a shared-mode launch after each poll: raises caps, releases waiting arrays. */
function shareParallelism(descriptor: BatchLaunchDescriptor, parallelism: number, commands: SchedulerCommands) {
  const state = new Map(descriptor.arrays.flatMap((a) => (a.arrayJobId === null ? [] : [[a.arrayJobId, { cap: a.cap, released: a.cap > 0 }] as const])));
  return async (remaining: ReadonlyMap<string, number>): Promise<void> => {
    const budgets = [...state].map(([id, s]) => ({ id, remaining: remaining.get(id) ?? 0, cap: s.cap, released: s.released }));
    const changes = planArrayCaps(budgets, parallelism);
    for (const change of changes) {
      await commands.throttle?.(change.id, change.cap);
      state.set(change.id, { cap: change.cap, released: true });
    }
    const release = changes.filter((c) => c.release).map((c) => c.id);
    if (release.length > 0) await commands.release(release);
  };
}

function submittedIds(descriptor: BatchLaunchDescriptor): string[] {
  return descriptor.arrays.flatMap((a) => (a.arrayJobId === null ? [] : [a.arrayJobId]));
}
